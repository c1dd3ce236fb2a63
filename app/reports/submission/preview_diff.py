"""Old and new side by side for an import preview, long texts with the changed words marked.

A changed narrative used to be one cut-off line with old → new in a tooltip. This writes a small
HTML table (field, before, after) that QTextBrowser wraps; difflib compares the two texts word by
word and marks what was taken out of the old text and what came into the new one.
"""

from __future__ import annotations

import difflib
import re
from html import escape

from app.i18n import _
from app.reports.submission.preview_items import ChangeKind, FieldChange, PreviewItem
from app.reports.submission.preview_text import show

#: Light fills with their own black text (readable under a dark palette too); struck out and
#: bold, so the marks do not rest on colour alone.
REMOVED_STYLE = "background-color:#ffd7d5; color:#000000; text-decoration:line-through;"
ADDED_STYLE = "background-color:#ccf2d1; color:#000000; font-weight:bold;"
_WORDS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[str, str]:
    """`old` and `new` as HTML, the words only in old marked removed, only in new marked added."""
    before, after = _WORDS.findall(old), _WORDS.findall(new)
    old_html: list[str] = []
    new_html: list[str] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        removed, added = "".join(before[i1:i2]), "".join(after[j1:j2])
        if tag == "equal":
            old_html.append(escape(removed))
            new_html.append(escape(added))
            continue
        if removed:
            old_html.append(f'<span style="{REMOVED_STYLE}">{escape(removed)}</span>')
        if added:
            new_html.append(f'<span style="{ADDED_STYLE}">{escape(added)}</span>')
    return "".join(old_html), "".join(new_html)


def _cells(item: PreviewItem, change: FieldChange) -> tuple[str, str]:
    old = show(item.sheet, change.key, change.old, item.value_kind)
    new = show(item.sheet, change.key, change.new, item.value_kind)
    if item.kind == ChangeKind.NEW:
        return "—", escape(new)
    if item.kind == ChangeKind.REMOVED:
        return escape(old), "—"
    return word_diff(old, new)


def changes_html(item: PreviewItem, changes: list[FieldChange] | None = None) -> str:
    """A table of the item's changes (or of `changes`), before and after side by side."""
    rows = []
    for change in item.changes if changes is None else changes:
        old, new = _cells(item, change)
        rows.append(f"<tr><td><b>{escape(change.label)}</b><br><small>{escape(str(change.where))}"
                    f"</small></td><td>{_lines(old)}</td><td>{_lines(new)}</td></tr>")
    field, before, after = (escape(text) for text in (_("Field"), _("Before"), _("After")))
    head = (f"<tr><th align='left'>{field}</th><th align='left'>{before}</th>"
            f"<th align='left'>{after}</th></tr>")
    title = f"<p><b>{escape(item.title)}</b> — {escape(item.sheet_title)}</p>"
    if not rows:
        return title + "<p>{}</p>".format(escape(_("Nothing changes here.")))
    return (title + "<table width='100%' border='1' cellspacing='0' cellpadding='4' "
            "style='border-collapse:collapse'>" + head + "".join(rows) + "</table>")


def _lines(html: str) -> str:
    return html.replace("\n", "<br>")
