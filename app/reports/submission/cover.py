"""The sheets a person reads first (cover, summary with its chart) and the hidden meta sheet."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.chart import BarChart, Reference
from openpyxl.packaging.custom import StringProperty

from app import APP_NAME, __version__
from app.i18n import N_
from app.i18n.formats import format_date, format_datetime, format_period
from app.reports.submission.data import SubmissionContent
from app.reports.submission.format import FORMAT_VERSION, META_SHEET, PROPERTY_PREFIX, SUMMARY
from app.reports.submission.sheets import SheetContext
from app.reports.xlsx.cells import RowWriter
from app.reports.xlsx.columns import FIRST_DATA_ROW, Kind
from app.reports.xlsx.openpyxl_api import book_internals
from app.reports.xlsx.sheet_layout import (
    declare_size,
    protect,
    row_height,
    set_up_page,
    write_table_head,
)

COVER_WIDTHS = (30.0, 92.0)
SUMMARY_STYLES = {Kind.CODE: "key", Kind.LONG_TEXT: "context", Kind.NUMBER: "context_decimal"}
HOW_TO_FILL = N_(
    "Fill in the shaded cells only: progress for the period, indicator values and the follow-up of "
    "decisions; add new commitments in the empty shaded rows under the commitments. Choose statuses "
    "from the drop-down lists. Keep the file as .xlsx and do not rename or delete sheets.")
HOW_TO_RETURN = N_(
    "The secretariat imports this file into the Almaty Process Tracker as it was received; the "
    "digest above shows whether it was edited after export. A ministry or agency asked to fill it "
    "in returns it as an e-mail attachment to the national coordinator named above, who imports "
    "it and sends the country's report to the secretariat.")


def write_cover(ctx: SheetContext, title: str, content: SubmissionContent, digest: str,
                generated_at: dt.datetime) -> None:
    t, lang, cover, identity = ctx.translate, content.language, content.cover, content.identity
    ws = ctx.workbook.create_sheet(title)
    out = RowWriter(ws, ctx.styles)
    set_up_page(ws, rtl=ctx.rtl, header_rows=None, header_text=ctx.page_header)
    ws.column_dimensions["A"].width, ws.column_dimensions["B"].width = COVER_WIDTHS
    ws.sheet_view.showGridLines = False
    plan = t(N_("{code}, version {version}: {title}")).format(
        code=identity.plan_code, version=identity.plan_version, title=cover.plan_title)
    if cover.plan_is_template:
        plan += " " + t(N_("(template plan, not the official one)"))
    contents = (t(N_("This reporting period and the earlier ones: {periods}")).format(
        periods=", ".join(format_period(p, lang) for p in identity.periods))
        if identity.history else t(N_("This reporting period")))
    pairs: list[tuple[str, Any, str]] = [
        (N_("Country"), t(N_("{name} ({code})")).format(name=cover.country_name,
                                                       code=identity.country), "value"),
        (N_("Reporting period"), t(N_("{code}: {start} – {end}")).format(
            code=format_period(identity.period, lang), start=format_date(cover.period_start, lang),
            end=format_date(cover.period_end, lang)), "value"),
        (N_("Due date"), format_date(cover.due_date, lang), "value"),
        (N_("Revision"), identity.revision, "value"),
        (N_("National coordinator"), cover.coordinator, "value"),
        (N_("Ministry"), cover.ministry, "value"),
        (N_("E-mail"), cover.email, "value"),
        (N_("Action plan"), plan, "value"),
        (N_("Contents"), contents, "value"),
        (N_("Generated at"), format_datetime(generated_at.astimezone(), lang), "value"),
        (N_("Application"), f"{APP_NAME} {__version__}", "value"),
        (N_("Workbook format"), FORMAT_VERSION, "value"),
        (N_("SHA-256 digest"), digest, "digest"),
    ]
    if cover.key_fingerprint:
        pairs.append((N_("Signing key"), cover.key_fingerprint, "value"))
    rows: list[tuple[str, Any, str] | None] = [None, *pairs, None,
                                               (N_("How to fill it in"), t(HOW_TO_FILL), "note"),
                                               (N_("How to return it"), t(HOW_TO_RETURN), "note")]
    declare_size(ws, 2, 2 + len(rows))
    out.append([out.cell(t(N_("Almaty Process: national progress report")), "title")], height=24)
    out.append([out.cell(t(N_("{country}, reporting period {period}")).format(
        country=cover.country_name, period=format_period(identity.period, lang)), "subtitle")])
    for item in rows:
        if item is None:
            out.append([])
            continue
        label_text, value, style = item
        out.append([out.cell(t(label_text), "label"), out.cell(value, style)],
                   height=row_height([(value, COVER_WIDTHS[1])]))
    protect(ws)


def write_summary(ctx: SheetContext, title: str, rows: list[dict[str, Any]]) -> None:
    """Progress by objective for the period, and a native bar chart of the average percent."""
    t = ctx.translate
    ws = ctx.workbook.create_sheet(title)
    out = RowWriter(ws, ctx.styles)
    set_up_page(ws, rtl=ctx.rtl, header_rows="2:2", header_text=ctx.page_header)
    declare_size(ws, len(SUMMARY.columns), FIRST_DATA_ROW - 1 + len(rows))
    write_table_head(ws, out, SUMMARY, t, freeze=False)
    for row in rows:
        out.append([out.cell(row[c.key], SUMMARY_STYLES.get(c.kind, "context_number"))
                    for c in SUMMARY.columns],
                   height=row_height((row[c.key], c.width) for c in SUMMARY.columns))
    last = FIRST_DATA_ROW + len(rows) - 1
    chart = BarChart()
    chart.type = "col"
    chart.title = t(N_("Progress by objective (average done, %)"))
    chart.y_axis.title = "%"
    chart.x_axis.title = t(N_("Objective"))
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend = None
    chart.height, chart.width = 9, 22
    values = Reference(ws, min_col=len(SUMMARY.columns), min_row=FIRST_DATA_ROW, max_row=last)
    chart.add_data(values, titles_from_data=False)
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_DATA_ROW, max_row=last))
    chart.series[0].graphicalProperties.solidFill = "1F4E79"
    ws.add_chart(chart, f"B{last + 3}")
    protect(ws)


def write_meta(ctx: SheetContext, meta: dict[str, str]) -> None:
    """The machine-readable identity, also as document custom properties."""
    ws = ctx.workbook.create_sheet(META_SHEET)
    out = RowWriter(ws, ctx.styles)
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 70
    declare_size(ws, 2, len(meta))
    for key, value in meta.items():
        out.append([out.cell(key, "value"), out.cell(value, "value")])
        if not key.startswith(("sheet.", "rows.")):
            book_internals(ctx.workbook).custom_doc_props.append(StringProperty(name=PROPERTY_PREFIX + key,
                                                                value=value))
    ws.sheet_state = "hidden"
    protect(ws)
