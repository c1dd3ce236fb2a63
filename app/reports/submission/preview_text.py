"""An import preview as plain text: what the command line prints, in the interface language."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.i18n import _, ngettext
from app.i18n.formats import country_name, format_date, format_number, format_period
from app.models.orm.enums import IndicatorKind, label
from app.reports.submission.format import SHEETS_BY_KEY
from app.reports.submission.preview import Preview
from app.reports.submission.preview_items import ChangeKind, FieldChange, PreviewItem
from app.reports.xlsx.columns import NO, YES


def show(sheet: str, key: str, value: Any, value_kind: str | None = None) -> str:
    """A canonical value as a person reads it: labels for choices, local dates and numbers."""
    if value is None:
        return "—"
    column = SHEETS_BY_KEY[sheet].column(key)
    if column.choices is not None:
        try:
            return label(column.choices(value))
        except ValueError:
            return str(value)
    if key == "value" and value_kind == IndicatorKind.YES_NO.value:
        return _(YES) if value else _(NO)
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def change_line(item: PreviewItem, change: FieldChange) -> str:
    old = show(item.sheet, change.key, change.old, item.value_kind)
    new = show(item.sheet, change.key, change.new, item.value_kind)
    if item.kind == ChangeKind.NEW:
        return _("{field}: {new}").format(field=change.label, new=new)
    if item.kind == ChangeKind.REMOVED:
        return _("{field}: {old} (no longer reported)").format(field=change.label, old=old)
    return _("{field}: {old} → {new}").format(field=change.label, old=old, new=new)


def kind_label(kind: ChangeKind) -> str:
    return {ChangeKind.NEW: _("New"), ChangeKind.CHANGED: _("Changed"),
            ChangeKind.UNCHANGED: _("Unchanged"), ChangeKind.REMOVED: _("Removed")}[kind]


def summary_line(preview: Preview) -> str:
    return _("New: {new} · changed: {changed} · unchanged: {unchanged} · errors: {errors}").format(
        new=len(preview.of_kind(ChangeKind.NEW)), changed=len(preview.of_kind(ChangeKind.CHANGED)),
        unchanged=len(preview.of_kind(ChangeKind.UNCHANGED)), errors=len(preview.errors))


def identity_line(preview: Preview) -> str:
    identity = preview.parsed.identity
    return _("{file}: {country}, {period}, revision {revision} (workbook format {version})").format(
        file=preview.parsed.path.name, country=country_name(identity.country),
        period=format_period(identity.period), revision=identity.revision,
        version=identity.format_version)


def preview_text(preview: Preview, *, show_unchanged: bool = False) -> str:
    parsed = preview.parsed
    lines = [identity_line(preview)]
    if parsed.edited_after_export:
        count = len(parsed.edits)
        lines.append(ngettext("Edited after export: {count} cell differs from the exported file.",
                              "Edited after export: {count} cells differ from the exported file.",
                              count).format(count=count))
        lines.extend(f"    {where}" for where in parsed.edits)
        lines.extend("    " + _("{sheet}, row {row}: added after export").format(sheet=s, row=r)
                     for s, r in parsed.added_rows)
        lines.extend("    " + ngettext("{sheet}: {count} exported row missing",
                                     "{sheet}: {count} exported rows missing", n).format(sheet=s, count=n)
                     for s, n in parsed.missing_rows.items())
    else:
        lines.append(_("Digest verified: the content is as exported."))
    lines.append(summary_line(preview))
    lines.extend(preview.notices[1:] if parsed.edited_after_export else preview.notices)
    for item in preview.items:
        if item.kind == ChangeKind.UNCHANGED and not show_unchanged:
            continue
        lines.append(_("{kind}: {title} ({sheet}, row {row})").format(
            kind=kind_label(item.kind).upper(), title=item.title, sheet=item.sheet_title,
            row=item.row))
        lines.extend("    " + change_line(item, change) for change in item.changes)
    for error in preview.errors:
        lines.append(_("ERROR: {where}: {message}").format(where=error.where, message=error.message))
    return "\n".join(lines)
