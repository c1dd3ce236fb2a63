"""The brief's trends page: is it getting better? Average progress per objective, period by
period, and each country's reporting record over time."""

from __future__ import annotations

from html import escape

from app.i18n import N_
from app.models.services.regional.completeness import (
    CellState,
    MatrixCell,
    reporting_record,
    state_label_source,
)
from app.reports.consolidation.data import Consolidation
from app.reports.consolidation.html_parts import PERIODS_SHOWN, bar, grid_head, heading, legend, whole
from app.reports.language import ReportLanguage

#: How a period of a country's record is marked: shapes, so a grey print says the same.
MARKS = {"on_time": "●", "late": "◐", CellState.MISSING: "○", CellState.NOT_DUE: "–"}
ON_TIME = N_("Received on time")


def mark(cell: MatrixCell) -> str:
    if cell.state in (CellState.MISSING, CellState.NOT_DUE):
        return MARKS[cell.state]
    return MARKS["late"] if cell.late else MARKS["on_time"]


def _change(value: float | None, lang: ReportLanguage) -> str:
    if value is None:
        return ""
    text = lang.percent(abs(value), 1).replace("%", "").replace("٪", "").strip()
    arrow = "▲ +" if value > 0 else ("▼ −" if value < 0 else "")
    return whole(arrow + text)


def _objective_trends(data: Consolidation, lang: ReportLanguage) -> list[str]:
    t = lang.t
    periods = data.scope.periods[-PERIODS_SHOWN:]
    skip = len(data.scope.periods) - len(periods)
    out = grid_head(3, t(N_("Average progress reported in each period, by objective")),
                    "<th class='m' width='30%'></th>", [p.code for p in periods], " align='center'")
    change = escape(t(N_("Change (points)")))
    out.append(f"<th class='m' align='right'>{change}</th></tr></thead>")
    for trend in data.trends:
        out.append(f"<tr><td class='m'>{escape(trend.code)}&nbsp; "
                   f"{escape(lang.title(trend.titles))}</td>")
        for mean in trend.means[skip:]:
            figure = whole(lang.average(mean)) if mean is not None else "—"
            out.append(f"<td class='m' align='center' width='9%'>{figure}"
                       f"{bar((mean or 0) / 100, height=5)}</td>")
        out.append(f"<td class='m num'>{_change(trend.change, lang)}</td></tr>")
    out.append("</table>")
    return out


def _records(data: Consolidation, lang: ReportLanguage) -> list[str]:
    t = lang.t
    columns = data.matrix.periods[-PERIODS_SHOWN:]
    skip = len(data.matrix.periods) - len(columns)
    out = grid_head(3, t(N_("Reporting record over time")),
                    "<th class='m' width='18%'>" + escape(t(N_("Country"))) + "</th>",
                    [p.code for p in columns], " align='center' width='8%'")
    ratio, late = escape(t(N_("Reports received / expected"))), escape(t(N_("Of which late")))
    out += [f"<th class='m' align='right'>{ratio}</th>",
            f"<th class='m' align='right'>{late}</th></tr></thead>"]
    for row in data.matrix.rows:
        record = reporting_record(row.cells)
        out.append(f"<tr><td class='m'>{escape(lang.country(row.country))}</td>")
        out += [f"<td class='m' align='center'>{mark(cell)}</td>" for cell in row.cells[skip:]]
        out += [f"<td class='m num'>{whole(_ratio(record.received, record.expected, lang))}</td>",
                f"<td class='m num'>{lang.number(record.late)}</td></tr>"]
    total = data.matrix.record()
    everyone = escape(t(N_("All countries")))
    out.append(f"<tr><td class='m'><b>{everyone}</b></td>")
    out += [f"<td class='m' align='center'>{whole(_ratio(r.received, r.expected, lang))}</td>"
            for r in data.matrix.record_by_period()[skip:]]
    out += [f"<td class='m num'><b>{whole(_ratio(total.received, total.expected, lang))}</b></td>",
            f"<td class='m num'><b>{lang.number(total.late)}</b></td></tr>", "</table>"]
    out.append(legend([whole(f"{MARKS['on_time']} {t(ON_TIME)}"),
                       whole(f"{MARKS['late']} {t(state_label_source(CellState.LATE))}"),
                       whole(f"{MARKS[CellState.MISSING]} "
                             f"{t(state_label_source(CellState.MISSING))}"),
                       whole(f"{MARKS[CellState.NOT_DUE]} "
                             f"{t(state_label_source(CellState.NOT_DUE))}")]))
    return out


def _ratio(received: int, expected: int, lang: ReportLanguage) -> str:
    return f"{lang.number(received)} / {lang.number(expected)}"


def trends_section(data: Consolidation, lang: ReportLanguage) -> list[str]:
    """A page of its own: the two tables, latest periods last."""
    if not data.scope.periods:
        return []
    return [heading(2, lang.t(N_("Trends")), new_page=True),
            *_objective_trends(data, lang), *_records(data, lang)]
