"""The regional report's Trends sheet: is it getting better? Average progress per objective in
each period (with a line chart), and each country's reporting record over time."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.chart import LineChart, Reference, Series
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from app.i18n import N_
from app.i18n.formats import AVERAGE_PLACES, rounded
from app.models.services.regional.completeness import (
    CellState,
    MatrixCell,
    reporting_record,
    state_label_source,
)
from app.reports.consolidation.brief_trends import ON_TIME
from app.reports.consolidation.data import Consolidation
from app.reports.consolidation.sheets import (
    chart_on_new_page,
    fit_width,
    height_for,
    new_sheet,
)
from app.reports.language import ReportLanguage
from app.reports.style import STATE_FILL
from app.reports.xlsx.openpyxl_api import sheet_setup
from app.reports.xlsx.styled_cells import CellStyles


def _record_text(cell: MatrixCell, lang: ReportLanguage) -> tuple[str, str]:
    """What a period of a country's record says, and its fill."""
    if cell.state in (CellState.MISSING, CellState.NOT_DUE):
        return lang.t(state_label_source(cell.state)), STATE_FILL[cell.state]
    if cell.late:
        return lang.t(state_label_source(CellState.LATE)), STATE_FILL[CellState.LATE]
    return lang.t(ON_TIME), STATE_FILL[CellState.RECEIVED]


def _change(ws: WriteOnlyWorksheet, st: CellStyles, value: float | None) -> object:
    cell = st.average(ws, value)
    if cell is not None:
        cell.number_format = "+0.0;-0.0;0.0"
        cell.value = rounded(value, AVERAGE_PLACES)
    return cell


def write_trends(wb: Workbook, data: Consolidation, lang: ReportLanguage, st: CellStyles) -> None:
    t = lang.t
    periods = data.matrix.periods
    labels = [t(ON_TIME), *(t(state_label_source(s)) for s in
                            (CellState.LATE, CellState.MISSING, CellState.NOT_DUE))]
    ratio_header, late_header = t(N_("Reports received / expected")), t(N_("Of which late"))
    period_width = fit_width(labels, 10, 16)
    widths = [6.0, 36.0] + [period_width] * len(periods) \
        + [fit_width([ratio_header, t(N_("Change (points)"))], 12, 16), fit_width([late_header], 10)]
    ws = new_sheet(wb, t(N_("Trends")), widths, freeze=None, title_rows=None)
    header = [t(N_("Code")), t(N_("Objective")), *(p.code for p in periods),
              t(N_("Change (points)"))]
    sheet_setup(ws).row_dimensions[1].height = height_for(list(zip(header, widths, strict=False)), 30)
    ws.append([st.header(ws, h) for h in header])
    line = 2
    for trend in data.trends:
        title = lang.title(trend.titles)
        sheet_setup(ws).row_dimensions[line].height = height_for([(title, widths[1])])
        ws.append([st.wrapped(ws, trend.code), st.wrapped(ws, title),
                   *(st.average(ws, m) for m in trend.means),
                   _change(ws, st, trend.change)])
        line += 1
    last_objective = line - 1
    ws.append([])
    chart_on_new_page(ws, line - 1)  # the record starts a page of its own, under its title
    sheet_setup(ws).row_dimensions[line + 1].height = 20
    ws.append([None, st.bold(ws, t(N_("Reporting record over time")))])
    line += 2
    record_header = [None, t(N_("Country")), *(p.code for p in periods), ratio_header, late_header]
    sheet_setup(ws).row_dimensions[line].height = height_for(
        list(zip(record_header[1:], widths[1:], strict=True)), 30)
    ws.append([None, *(st.header(ws, h) for h in record_header[1:])])
    line += 1
    for row in data.matrix.rows:
        texts = [_record_text(cell, lang) for cell in row.cells]
        record = reporting_record(row.cells)
        sheet_setup(ws).row_dimensions[line].height = height_for([(text, period_width) for text, _ in texts])
        ws.append([None, st.middle(ws, lang.country(row.country)),
                   *(st.filled(ws, text, fill) for text, fill in texts),
                   st.middle(ws, f"{record.received} / {record.expected}"),
                   st.middle(ws, record.late)])
        line += 1
    total = data.matrix.record()
    ws.append([None, st.bold(ws, t(N_("All countries"))),
               *(st.number(ws, f"{r.received} / {r.expected}", bold=True)
                 for r in data.matrix.record_by_period()),
               st.number(ws, f"{total.received} / {total.expected}", bold=True),
               st.number(ws, total.late, bold=True)])
    line += 1
    if data.trends and periods:
        _chart(ws, t(N_("Average progress reported in each period, by objective")), data,
               last_objective, len(periods), line)


def _chart(ws: WriteOnlyWorksheet, title: str, data: Consolidation, last_row: int, periods: int,
           below: int) -> None:
    """One line per objective across the periods, on a page of its own under the tables."""
    chart = LineChart()
    chart.title = title
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    chart.y_axis.title = "%"
    for row, trend in zip(range(2, last_row + 1), data.trends, strict=True):
        series = Series(Reference(ws, min_col=3, max_col=2 + periods, min_row=row),
                        title=trend.code)
        chart.series.append(series)
    chart.set_categories(Reference(ws, min_col=3, max_col=2 + periods, min_row=1))
    chart.height, chart.width = 11, 24
    chart_on_new_page(ws, below)
    sheet_setup(ws).add_chart(chart, f"B{below + 3}")
