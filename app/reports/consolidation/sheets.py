"""The sheets of the regional report, one function each, written row by row (write-only mode)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from app import APP_NAME, __version__
from app.i18n import N_
from app.models.orm.enums import MembershipRole, Priority, ProgressStatus
from app.models.services.regional.completeness import CellState, state_label_source
from app.models.services.regional.report import Tally
from app.reports.consolidation.data import Consolidation
from app.reports.language import ReportLanguage
from app.reports.style import STATE_FILL, STATUS_COLOURS, STATUS_OUTLINE, cell_text
from app.reports.xlsx.cells import RowWriter
from app.reports.xlsx.openpyxl_api import sheet_setup
from app.reports.xlsx.sheet_layout import row_height, sheet_title
from app.reports.xlsx.styled_cells import CellStyles, text_cell

STATUSES = list(ProgressStatus)


#: Printed one page wide up to this sheet width (in units of a digit's width): landscape A4
#: at ~60 % or more, text still readable. Wider sheets (a long history of periods) run over
#: pages with their first columns repeated.
FIT_WIDTH = 215
HEADER_HEIGHT = 45
#: Height of a header row written upwards: the longest country or status name, whole.
ROTATED_HEIGHT = 120
#: Width of a figure column under a rotated header.
FIGURE_WIDTH = 6.8
#: Widths shrink by this before estimating wrapped lines: the report's font is 11-point Calibri,
#: headers bold, which run wider than `row_height`'s 10-point Arial.
_FONT_WIDER = 0.7
#: The workbook's default look (no style of its own), for `RowWriter` cells.
PLAIN = "plain"


def new_sheet(wb: Workbook, title: str, widths: Sequence[float], freeze: str | None = "B2",
              title_rows: str | None = "1:1") -> WriteOnlyWorksheet:
    """A sheet set up for reading and printing: widths, frozen headers, landscape, fit to width."""
    ws: WriteOnlyWorksheet = wb.create_sheet(sheet_title(title, wb.sheetnames))
    setup = sheet_setup(ws)
    for index, width in enumerate(widths, 1):
        setup.column_dimensions[get_column_letter(index)].width = width
    if freeze:
        ws.freeze_panes = freeze
    setup.page_setup.orientation = "landscape"
    setup.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.page_margins.left = setup.page_margins.right = 0.4
    if sum(widths) <= FIT_WIDTH:
        setup.page_setup.fitToWidth = 1
        setup.page_setup.fitToHeight = 0
        setup.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # was empty
    elif freeze:
        ws.print_title_cols = f"A:{get_column_letter(max(1, ord(freeze[0]) - ord('A')))}"
    if title_rows:
        ws.print_title_rows = title_rows
        setup.row_dimensions[1].height = HEADER_HEIGHT
    footer = ws.oddFooter
    assert footer is not None  # every sheet is created with one
    footer.center.text = "&P / &N"
    return ws


def height_for(texts: list[tuple[object, float]], minimum: float | None = None) -> float | None:
    """The height a row needs to show each wrapped text whole (rows written by a program do not
    grow by themselves in LibreOffice or Excel, and print clipped)."""
    needed = row_height((value, width * _FONT_WIDER) for value, width in texts)
    if needed is not None:
        needed *= 15 / 14  # 11-point lines
    if minimum is None:
        return needed
    return max(minimum, needed or 0)


def fit_width(texts: list[str], least: float, most: float = 40) -> float:
    """A column wide enough for its longest word (so no word is broken), within bounds."""
    longest = max((len(word) for text in texts for word in text.split()), default=0)
    return max(least, min(most, longest * 1.15 + 2))


def chart_on_new_page(ws: WriteOnlyWorksheet, last_table_row: int) -> None:
    """Print the chart below a table on a page of its own rather than cut across two."""
    sheet_setup(ws).row_breaks.append(Break(id=last_table_row + 1))


def _countries(data: Consolidation) -> list[str]:
    """Countries as the report lists them (members first, then by name in the report's language)."""
    return data.scope.countries


def counted_roles(data: Consolidation) -> list[MembershipRole]:
    """The roles the figures count: those chosen, else those of the countries in the report
    (members, and observers or invited states once they report)."""
    chosen = set(data.roles) or {role for role in data.scope.roles.values() if role is not None}
    return [role for role in MembershipRole if role in chosen]


def write_cover(wb: Workbook, data: Consolidation, lang: ReportLanguage, st: CellStyles) -> None:
    t = lang.t
    widths = [34.0, 80.0]
    ws = new_sheet(wb, t(N_("Report")), widths, freeze=None, title_rows=None)
    sheet_setup(ws).row_dimensions[1].height = 24  # the title's 14 points, not over the next row
    periods = data.scope.periods
    record = data.matrix.record()
    total = data.statuses.get(None)
    ws.append([st.title(ws, t(N_("Regional progress report")))])
    ws.append([])
    rows = [
        (N_("Plan"), f"{data.plan_code} v{data.plan_version} — {lang.title(data.plan_titles)}"),
        (N_("Periods"), f"{periods[0].code} – {periods[-1].code}" if periods else ""),
        (N_("Countries"), ", ".join(lang.country(c) for c in _countries(data))),
        (N_("Roles counted"), ", ".join(lang.label(role) for role in counted_roles(data))),
        (N_("Reports received / expected"), f"{record.received} / {record.expected}"),
        (N_("Of which late"), record.late),
        (N_("Commitments"), total.commitments if total else 0),
        (N_("Commitments with an update in these periods"), total.reported if total else 0),
        (N_("Average progress (percent)"), st.average(ws, total.mean_percent if total else None,
                                                      beside=True)),
        (N_("Generated at"), lang.date(data.generated_at.date())),
        (N_("Generated by"), f"{APP_NAME} {__version__}"),
    ]
    for index, (caption, value) in enumerate(rows, 3):
        height = height_for([(t(caption), widths[0]), (value, widths[1])])
        if height:
            sheet_setup(ws).row_dimensions[index].height = height
        ws.append([st.wrapped(ws, t(caption), bold=True),
                   st.wrapped(ws, value) if isinstance(value, str) else st.beside(ws, value)])


def write_completeness(wb: Workbook, data: Consolidation, lang: ReportLanguage,
                       st: CellStyles) -> None:
    t = lang.t
    periods = data.matrix.periods
    names = [lang.country(row.country) for row in data.matrix.rows]
    roles = [lang.label(row.role) if row.role else "" for row in data.matrix.rows]
    states = list(reversed(list(CellState)))
    labels = [t(state_label_source(s)) for s in states]
    cell_width = fit_width(labels, 17, 22)
    widths = [fit_width(names, 18, 26) + 4, fit_width(roles, 14, 26)] \
        + [cell_width] * max(len(periods), 3)
    ws = new_sheet(wb, t(N_("Completeness")), widths, freeze="C2")
    ws.append([st.header(ws, t(N_("Country"))), st.header(ws, t(N_("Role")))]
              + [st.header(ws, p.code) for p in periods])
    line = 2
    for row, name, role in zip(data.matrix.rows, names, roles, strict=True):
        texts = [cell_text(c, t) for c in row.cells]
        sheet_setup(ws).row_dimensions[line].height = height_for(
            [(name, widths[0]), (role, widths[1]), *((text, cell_width) for text in texts)], 30)
        ws.append([st.middle(ws, name), st.middle(ws, role),
                   *(st.filled(ws, text, STATE_FILL[c.state]) for c, text in zip(
                       row.cells, texts, strict=True))])
        line += 1
    ws.append([])
    ws.append([st.bold(ws, t(N_("Due date")))] + [None] + [p.due_date for p in periods])
    ws.append([])
    line += 3
    per_row = max(3, len(periods))  # the legend stays within the matrix's columns
    for start in range(0, len(states), per_row):
        chunk = labels[start:start + per_row]
        sheet_setup(ws).row_dimensions[line].height = height_for([(text, cell_width) for text in chunk], 30)
        caption = st.bold(ws, t(N_("Legend"))) if start == 0 else None
        ws.append([caption, None] + [st.filled(ws, text, STATE_FILL[s])
                                     for s, text in zip(states[start:start + per_row], chunk,
                                                        strict=True)])
        line += 1


def write_coverage(wb: Workbook, data: Consolidation, lang: ReportLanguage, st: CellStyles) -> None:
    t = lang.t
    periods = data.matrix.periods
    ws = new_sheet(wb, t(N_("Coverage")), [28] + [11] * len(periods))
    ws.append([st.header(ws, t(N_("Share of commitments with an update")))]
              + [st.header(ws, p.code) for p in periods])
    for country in _countries(data):
        shares = [data.coverage.get((country, p.id)) for p in periods]
        ws.append([lang.country(country)] + [st.percent(ws, s.share if s else None) for s in shares])
    totals = [data.coverage.get((None, p.id)) for p in periods]
    ws.append([st.bold(ws, t(N_("All countries")))]
              + [st.percent(ws, s.share if s else None, bold=True) for s in totals])
    total_row = len(_countries(data)) + 2
    if periods:
        chart = BarChart()
        chart.title = t(N_("Share of commitments with an update, all countries"))
        chart.y_axis.number_format = "0%"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        chart.legend = None
        chart.add_data(Reference(ws, min_col=2, max_col=len(periods) + 1, min_row=total_row),
                       from_rows=True, titles_from_data=False)
        chart.set_categories(Reference(ws, min_col=2, max_col=len(periods) + 1, min_row=1))
        chart.height, chart.width = 8, 18
        chart_on_new_page(ws, total_row)
        sheet_setup(ws).add_chart(chart, f"B{total_row + 3}")


def _tally_cells(ws: WriteOnlyWorksheet, st: CellStyles, tally: Tally) -> list[Any]:
    number = st.number
    return [number(ws, tally.commitments), number(ws, tally.reported),
            st.average(ws, tally.mean_percent), *(number(ws, tally.statuses[s]) for s in STATUSES)]


def _tally_headers(lang: ReportLanguage) -> list[str]:
    t = lang.t
    return [t(N_("Commitments")), t(N_("With an update")), t(N_("Average progress (percent)")),
            *(lang.label(s) for s in STATUSES)]


def write_items(wb: Workbook, data: Consolidation, lang: ReportLanguage, st: CellStyles,
                level: str) -> None:
    """Progress by objective, or by action, across countries: totals, then each country's average."""
    t = lang.t
    countries = _countries(data)
    is_action = level == "action"
    items = [i for i in data.items if i.level == level]
    title = t(N_("By action")) if is_action else t(N_("By objective"))
    first = [t(N_("Code")), t(N_("Action")) if is_action else t(N_("Objective"))]
    if is_action:
        first.append(t(N_("Retired")))
    figures = _tally_headers(lang) + [lang.country(c) for c in countries]
    if is_action:
        figures.insert(0, t(N_("Retired")))
        first.pop()
    widths = [6.0, 38.0] + [FIGURE_WIDTH] * len(figures)
    ws = new_sheet(wb, title, widths, freeze="C2")
    sheet_setup(ws).row_dimensions[1].height = ROTATED_HEIGHT
    ws.append([st.header(ws, h) for h in first] + [st.rotated_header(ws, h) for h in figures])
    for line, item in enumerate(items, 2):
        title_text = lang.title(item.titles)
        sheet_setup(ws).row_dimensions[line].height = height_for([(title_text, widths[1])])
        row = [st.wrapped(ws, item.code), st.wrapped(ws, title_text)]
        if is_action:
            row.append(t(N_("yes")) if item.retired else "")
        row += _tally_cells(ws, st, item.total)
        for country in countries:
            tally = item.by_country.get(country)
            row.append(st.average(ws, tally.mean_percent if tally else None))
        ws.append(row)
    if not is_action and items:
        chart = BarChart()
        chart.type = "bar"
        chart.title = t(N_("Average progress by objective (percent)"))
        chart.legend = None
        mean_col = len(first) + 3
        chart.add_data(Reference(ws, min_col=mean_col, min_row=1, max_row=len(items) + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(items) + 1))
        chart.x_axis.scaling.orientation = "maxMin"
        chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
        chart.series[0].graphicalProperties.solidFill = "2F5597"
        chart.height, chart.width = 2 + len(items) * 0.9, 18
        chart_on_new_page(ws, len(items) + 1)
        sheet_setup(ws).add_chart(chart, f"B{len(items) + 4}")


def write_statuses(wb: Workbook, data: Consolidation, lang: ReportLanguage, st: CellStyles) -> None:
    t = lang.t
    countries = [c for c in _countries(data) if c in data.statuses]
    names = [lang.country(c) for c in countries] + [t(N_("All countries"))]
    roles = [lang.label(r) for r in set(data.scope.roles.values()) if r]
    figures = _tally_headers(lang)
    widths = [fit_width(names, 18, 30) + 3, fit_width(roles, 14, 30) + 3] \
        + [fit_width([h], 10, 16) for h in figures]
    ws = new_sheet(wb, t(N_("By status")), widths, freeze="C2")
    sheet_setup(ws).row_dimensions[1].height = height_for(
        [(h, w) for h, w in zip([t(N_("Country")), t(N_("Role")), *figures], widths, strict=True)],
        HEADER_HEIGHT)
    ws.append([st.header(ws, h) for h in [t(N_("Country")), t(N_("Role")), *figures]])
    for country in countries:
        role = data.scope.roles.get(country)
        ws.append([lang.country(country), lang.label(role) if role else "",
                   *_tally_cells(ws, st, data.statuses[country])])
    if None in data.statuses:
        ws.append([st.bold(ws, t(N_("All countries"))), None,
                   *_tally_cells(ws, st, data.statuses[None])])
    if countries:
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
        chart.title = t(N_("Commitments by latest status"))
        first_status = 6
        chart.add_data(Reference(ws, min_col=first_status, max_col=first_status + len(STATUSES) - 1,
                                 min_row=1, max_row=len(countries) + 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(countries) + 1))
        for series, status in zip(chart.series, STATUSES, strict=True):
            series.graphicalProperties.solidFill = STATUS_COLOURS[status]
            series.graphicalProperties.line.solidFill = STATUS_OUTLINE  # light fills need it
        chart.height, chart.width = 10, 24
        chart_on_new_page(ws, len(countries) + 2)
        sheet_setup(ws).add_chart(chart, f"A{len(countries) + 5}")


def write_indicators(wb: Workbook, data: Consolidation, lang: ReportLanguage,
                     st: CellStyles) -> None:
    t = lang.t
    countries = _countries(data)
    first = [t(N_("Code")), t(N_("Indicator"))]
    figures = [t(N_("Unit")), t(N_("Kind")), t(N_("Baseline")), t(N_("Target")), t(N_("Direction")),
               t(N_("Countries at target")), *(lang.country(c) for c in countries)]
    rows = [(r, lang.title(r.titles), lang.title(r.unit), lang.label(r.kind),
             lang.label(r.direction)) for r in data.indicators]
    widths = [7.0, 34.0, fit_width([r[2] for r in rows], 8, 14), fit_width([r[3] for r in rows], 8),
              8.0, 8.0, fit_width([r[4] for r in rows], 8)] + [FIGURE_WIDTH] * (1 + len(countries))
    ws = new_sheet(wb, t(N_("Indicators")), widths, freeze="C2")
    sheet_setup(ws).row_dimensions[1].height = ROTATED_HEIGHT
    ws.append([st.header(ws, h) for h in first] + [st.rotated_header(ws, h) for h in figures])
    for line, (row, title_text, unit, kind, direction) in enumerate(rows, 2):
        values = [row.values.get(c) for c in countries]
        sheet_setup(ws).row_dimensions[line].height = height_for(
            [(title_text, widths[1]), (unit, widths[2]), (kind, widths[3]), (direction, widths[6])])
        ws.append([st.wrapped(ws, row.code), st.wrapped(ws, title_text), st.wrapped(ws, unit),
                   st.wrapped(ws, kind), st.number(ws, row.baseline), st.number(ws, row.target),
                   st.wrapped(ws, direction), st.number(ws, row.countries_meeting_target),
                   *(text_cell(ws, v) if isinstance(v, str) else v for v in values)])


def write_commitments(wb: Workbook, data: Consolidation, lang: ReportLanguage,
                      st: CellStyles) -> None:
    """Every commitment with its latest update: the detail behind the other sheets.

    Its tens of thousands of plain cells are the bulk of the report, so its rows go out as XML
    through the submission export's `RowWriter` (the same XML openpyxl writes for them, without
    its per-cell work); texts are always written as text, so "=…" stays what was typed.
    """
    t = lang.t
    headers = [t(N_("Country")), t(N_("Objective")), t(N_("Action")), t(N_("Retired action")),
               t(N_("Commitment")), t(N_("Lead agency")), t(N_("Priority")), t(N_("Latest period")),
               t(N_("Status")), t(N_("Percent")), t(N_("Challenges")), t(N_("Support requested"))]
    widths = [fit_width([h], w, 16) for h, w in zip(
        headers, [16, 8, 8, 8, 44, 22, 9, 9, 12, 7, 30, 30], strict=True)]
    texts = (4, 5, 10, 11)  # the long texts give way to keep the sheet one page wide
    spare = FIT_WIDTH - (sum(widths) - sum(widths[i] for i in texts))
    scale = min(1.0, spare / sum(widths[i] for i in texts))
    widths = [w * scale if i in texts else w for i, w in enumerate(widths)]
    ws = new_sheet(wb, t(N_("Commitments")), widths, freeze="B2")
    out = RowWriter(ws, {"header": st.header(ws, None).style_id, PLAIN: 0})
    out.append([out.cell(h, "header") for h in headers],
               height=height_for(list(zip(headers, widths, strict=True)), HEADER_HEIGHT))
    cell = out.cell
    names = {c: cell(lang.country(c), PLAIN) for c in _countries(data)}
    labels = {m: cell(lang.label(m), PLAIN) for m in [*STATUSES, *Priority]}
    yes = cell(t(N_("yes")), PLAIN)
    for (country, objective, action, retired, description, agency, priority, period, status,
         percent, challenges, support) in data.commitments:
        out.append([names.get(country) or cell(country, PLAIN), cell(objective, PLAIN),
                    cell(action, PLAIN), yes if retired else None, cell(description, PLAIN),
                    cell(agency, PLAIN), labels[priority], cell(period, PLAIN),
                    labels[status] if status else None, cell(percent, PLAIN),
                    cell(challenges, PLAIN), cell(support, PLAIN)])
