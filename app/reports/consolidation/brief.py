"""The printable brief for senior officials' meetings, as an HTML document (rendered to PDF by Qt).

Only the HTML subset Qt's rich text understands: tables, cell colours and widths, page breaks.
Charts are bars drawn with table cells, each with its figure written beside it, so the brief
reads the same printed in black and white. Words are never broken inside (`html_parts`); the
renderer keeps each table with its heading on one page where it fits.
"""

from __future__ import annotations

from html import escape

from app import APP_NAME, __version__
from app.i18n import N_, coded, is_rtl, isolate, separator
from app.models.orm.enums import ProgressStatus
from app.models.services.regional.completeness import CellState, state_label_source
from app.reports.consolidation.brief_trends import trends_section
from app.reports.consolidation.data import Consolidation
from app.reports.consolidation.html_parts import (
    PERIODS_SHOWN,
    bar,
    chip,
    grid_head,
    heading,
    legend,
    stacked,
    swatch,
    whole,
)
from app.reports.consolidation.sheets import counted_roles
from app.reports.consolidation.workbook import ordered_for
from app.reports.language import ReportLanguage
from app.reports.style import COVERAGE_BAR, STATE_FILL, STATUS_COLOURS, STATUS_OUTLINE, cell_text

#: The brief's matrix shows at most this many periods (the latest), to stay one page wide with
#: every word whole.
MATRIX_PERIODS = PERIODS_SHOWN
_STYLE = """
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 9pt; }
h1 { font-size: 17pt; margin-bottom: 2pt; }
h2 { font-size: 12.5pt; margin-top: 14pt; margin-bottom: 4pt; }
h3 { font-size: 10.5pt; margin-top: 9pt; margin-bottom: 2pt; }
p.meta { color: #444444; margin-top: 0; }
p.legend { font-size: 7.5pt; margin-top: 3pt; }
table.grid { border-collapse: collapse; }
td, th { padding: 2px 4px; }
th { background-color: #d9d9d9; text-align: left; }
td.num { text-align: right; }
td.m, th.m { font-size: 7pt; }
td.group { background-color: #eeeeee; font-weight: bold; font-size: 7.5pt; }
li { margin-bottom: 1pt; }
"""


def _summary(data: Consolidation, lang: ReportLanguage) -> list[str]:
    """The figures a minister asks first, each saying what it counts."""
    t = lang.t
    record = data.matrix.record()
    total = data.statuses.get(None)
    rows = [
        (t(N_("Reports received / expected")),
         f"{lang.number(record.received)} / {lang.number(record.expected)}"),
        (t(N_("Of which late")), lang.number(record.late)),
        (t(N_("Commitments")), lang.number(total.commitments if total else 0)),
        (t(N_("Commitments with an update in these periods")),
         lang.number(total.reported if total else 0)),
        (t(N_("Average progress")), lang.average(total.mean_percent if total else None) or "—"),
    ]
    return ["<table cellspacing='0' cellpadding='2'>"] + [
        f"<tr><td>{escape(caption)}</td><td class='num'><b>{escape(value)}</b></td></tr>"
        for caption, value in rows] + ["</table>"]


def _matrix(data: Consolidation, lang: ReportLanguage) -> list[str]:
    t = lang.t
    columns = data.matrix.periods[-MATRIX_PERIODS:]
    skip = len(data.matrix.periods) - len(columns)
    out = grid_head(2, t(N_("Who has reported")),
                    "<th class='m'>" + escape(t(N_("Country"))) + "</th>", [p.code for p in columns])
    out.append("</tr></thead>")
    group: object = object()
    for row in data.matrix.rows:
        if row.role != group:
            group = row.role
            if row.role is not None:
                out.append(f"<tr><td class='group' colspan='{len(columns) + 1}'>"
                           f"{escape(lang.label(row.role))}</td></tr>")
        out.append(f"<tr><td class='m'>{escape(lang.country(row.country))}</td>")
        for cell in row.cells[skip:]:
            out.append(f"<td class='m' bgcolor='#{STATE_FILL[cell.state]}' align='center'>"
                       f"{escape(cell_text(cell, t))}</td>")
        out.append("</tr>")
    out.append("</table>")
    out.append(legend([chip(t(state_label_source(s)), STATE_FILL[s])
                       for s in reversed(list(CellState))]))
    return out


def _objectives(data: Consolidation, lang: ReportLanguage) -> list[str]:
    t = lang.t
    out = [heading(2, t(N_("Average progress by objective"))),
           "<table width='100%' cellspacing='0' cellpadding='2'>"]
    for item in (i for i in data.items if i.level == "objective"):
        mean = item.total.mean_percent
        line = coded(item.code, lang.title(item.titles), lang.code)  # "1.1.a" whole in RTL
        out.append(f"<tr><td width='50%'>{escape(line)}"
                   f"</td><td width='38%'>{bar((mean or 0) / 100)}</td>"
                   f"<td class='num'>{whole(lang.average(mean))}</td></tr>")
    out.append("</table>")
    return out


def _statuses(data: Consolidation, lang: ReportLanguage) -> list[str]:
    """Counts by status under headers that size to their words; the bar gets its own column."""
    t = lang.t
    statuses = list(ProgressStatus)
    out = [heading(2, t(N_("Commitments by latest status"))),
           "<table width='100%' cellspacing='0' cellpadding='2'><thead><tr><th></th>"
           "<th width='22%'></th>"]
    out += [f"<th class='m' align='right'>{escape(lang.label(s))}</th>" for s in statuses]
    out.append("</tr></thead>")
    for country in [*data.scope.countries, None]:
        tally = data.statuses.get(country)
        if tally is None:
            continue
        name = lang.country(country) if country else t(N_("All countries"))
        chart = stacked([(tally.statuses[s], f"#{STATUS_COLOURS[s]}") for s in statuses],
                        f"#{STATUS_OUTLINE}")
        weight = "<b>{}</b>" if country is None else "{}"
        out.append(f"<tr><td>{weight.format(escape(name))}</td><td>{chart}</td>")
        out += [f"<td class='num'>{lang.number(tally.statuses[s])}</td>" for s in statuses]
        out.append("</tr>")
    out.append("</table>")
    out.append(legend([swatch(lang.label(s), STATUS_COLOURS[s]) for s in statuses]))
    return out


def _coverage(data: Consolidation, lang: ReportLanguage) -> list[str]:
    t = lang.t
    out = [heading(2, t(N_("Share of commitments with an update, all countries"))),
           "<table width='100%' cellspacing='0' cellpadding='2'>"]
    for period in data.matrix.periods[-MATRIX_PERIODS:]:
        share = data.coverage.get((None, period.id))
        value = share.share if share else None
        out.append(f"<tr><td width='12%'>{escape(period.code)}</td>"
                   f"<td width='76%'>{bar(value or 0, f'#{COVERAGE_BAR}')}</td><td class='num'>"
                   f"{whole(lang.percent(None if value is None else value * 100))}</td></tr>")
    out.append("</table>")
    return out


def _list(title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return [f"<p><b>{escape(title)}</b></p><ul>"] + [f"<li>{item}</li>" for item in items] + ["</ul>"]


def _highlights(data: Consolidation, lang: ReportLanguage) -> list[str]:
    t = lang.t
    out = [heading(2, t(N_("Country highlights")), new_page=True),
           "<p class='meta'>" + escape(t(N_("In brackets: how many commitments name it."))) + "</p>"]
    for h in data.highlights:
        role = f" ({escape(lang.label(h.role))})" if h.role else ""
        out.append(f"<h3>{escape(lang.country(h.country))}{role}</h3>")
        out.append("<p>" + escape(t(N_(
            "{commitments} commitments, {reported} with an update, {completed} completed; "
            "average progress {percent}.")).format(
                commitments=lang.number(h.commitments), reported=lang.number(h.reported),
                completed=lang.number(h.completed),
                percent=lang.average(h.mean_percent) or "—")) + "</p>")
        out += _list(t(N_("Completed")), [escape(text) for text in h.completed_items])
        out += _list(t(N_("Main challenges")),
                     [f"{escape(text)} ({lang.number(n)})" for text, n in h.challenges])
        out += _list(t(N_("Support requested")),
                     [f"{escape(text)} ({lang.number(n)})" for text, n in h.support])
        if not (h.completed_items or h.challenges or h.support):
            out.append("<p><i>" + escape(t(N_("Nothing reported in these periods."))) + "</i></p>")
    return out


def brief_html(data: Consolidation, language: str) -> str:
    """The brief as one HTML document, in `language`."""
    lang = ReportLanguage(language)
    data = ordered_for(data, lang)
    t = lang.t
    periods = data.scope.periods
    span = f"{periods[0].code} – {periods[-1].code}" if periods else ""
    title = t(N_("Regional progress brief"))
    direction = "rtl" if is_rtl(language) else "ltr"
    generated = t(N_("Generated on {date} by {app}")).format(
        date=lang.date(data.generated_at.date()), app=f"{APP_NAME} {__version__}")
    roles_counted = t(N_("Roles counted"))
    plan_code = f"{data.plan_code} v{data.plan_version}"
    plan_code = isolate(plan_code) if is_rtl(language) else plan_code  # whole in RTL text
    parts = [f"<html><head><meta charset='utf-8'><title>{escape(title)}</title>"
             f"<style>{_STYLE}</style></head><body dir='{direction}'>",
             f"<h1>{escape(title)}</h1>",
             f"<p class='meta'>{escape(lang.title(data.plan_titles))} "
             f"({escape(plan_code)})"
             f"{separator(language)}{escape(span)}{separator(language)}{escape(generated)}</p>",
             f"<p class='meta'>{escape(roles_counted)}: "
             f"{escape(', '.join(lang.label(role) for role in counted_roles(data)))}</p>"]
    parts += _summary(data, lang)
    parts += _matrix(data, lang)
    parts += _coverage(data, lang)
    parts += _objectives(data, lang)
    parts += _statuses(data, lang)
    parts += trends_section(data, lang)
    if data.highlights:
        parts += _highlights(data, lang)
    parts.append("</body></html>")
    return "\n".join(parts)
