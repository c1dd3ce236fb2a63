"""Texts from files and from users are shown as plain text, everywhere: the one helper for it.

Qt renders a string that merely *looks* like HTML as rich text in tooltips, labels and message
boxes (`Qt.mightBeRichText`): a narrative `<img src="file:///…">` from a received workbook makes the
app read a local file (on Windows a `\\\\server\\share` source contacts a server), `<b>` renders bold.
So every view passes such texts through here: `tooltip()` escapes and bounds them (and lets Qt wrap
long ones), `label()` and `message()` force plain text, `visible_marks()` shows characters that
reorder or hide text as a visible mark instead of obeying them.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from app.models.invisible import mark_invisible

#: Characters of a tooltip: enough to read a narrative's start, never a 600,000-pixel window.
TOOLTIP_CHARS = 1200
TOOLTIP_LINES = 20


def visible_marks(text: str) -> str:
    """`text` with each bidi control or zero-width character replaced by a visible mark."""
    return mark_invisible(text)


def _bounded(text: str, chars: int, lines: int) -> str:
    kept = text.splitlines()[:lines]
    shortened = "\n".join(kept)
    if len(shortened) > chars:
        shortened = shortened[:chars]
    return shortened + "…" if shortened != text.rstrip("\n") else shortened


class Tooltip(str):
    """A tooltip made by `tooltip()`: escaped once, never twice."""


def tooltip(value: Any) -> Tooltip | None:
    """A tooltip for a value shown in a view: escaped, bounded, wrapped by Qt; None for no tooltip.

    Qt wraps a rich-text tooltip to a sensible width, so the escaped text is put in a paragraph:
    it is rich text made of nothing but text.
    """
    if value is None or isinstance(value, Tooltip):
        return value
    text = visible_marks(str(value))
    if not text.strip():
        return None
    escaped = html.escape(_bounded(text, TOOLTIP_CHARS, TOOLTIP_LINES)).replace("\n", "<br>")
    return Tooltip(f"<p style='white-space:pre-wrap'>{escaped}</p>")


def plain_data(data: Callable[[Any, Any, int], Any]) -> Callable[..., Any]:
    """Decorate an item model's `data()`: tooltips made plain text, hidden characters marked.

    The edit role is left alone, so an edit keeps the text as it is stored.
    """
    @functools.wraps(data)
    def wrapper(self: Any, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        value = data(self, index, role)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(value)
        if role == Qt.ItemDataRole.DisplayRole and isinstance(value, str):
            return mark_invisible(value)
        return value
    return wrapper


def shown(text: str) -> str:
    """`text` for a label or a message box that guesses the format: shown exactly as written.

    A text Qt would not take for HTML is passed as it is (hidden characters marked); one it would
    is escaped, so that it is rich text made of nothing but text.
    """
    text = mark_invisible(text)
    if not Qt.mightBeRichText(text):
        return text
    return f"<p style='white-space:pre-wrap'>{html.escape(text, quote=False)}</p>"


def escaped(text: str) -> str:
    """`text` for a place that takes HTML (a rich-text document, the PDF brief): shown as written."""
    return html.escape(visible_marks(text))


def label(widget: QLabel, text: str) -> None:
    """Set a label's text as plain text, whatever it looks like."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setText(text)


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
                default: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
                selectable: bool = False) -> QMessageBox.StandardButton:
    """A message box whose text is plain text (QMessageBox's static functions guess "rich")."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    if selectable:
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                    | Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return QMessageBox.StandardButton(box.exec())


def inform(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Information, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Warning, title, text)


def critical(parent: QWidget | None, title: str, text: str) -> None:
    message_box(parent, QMessageBox.Icon.Critical, title, text)


def ask(parent: QWidget | None, title: str, text: str, default_yes: bool = True) -> bool:
    """A Yes/No question in plain text; True for Yes."""
    yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
    answer = message_box(parent, QMessageBox.Icon.Question, title, text, yes | no,
                         yes if default_yes else no)
    return answer == yes
