"""What a screen reader says: names of the controls Qt cannot name from a visible text, a table's row
read as one sentence, and refusals announced (Qt's accessibility events) with the focus on the field
in error. Names are user-visible texts: callers pass them through `_()` in their `retranslate`."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTreeView,
    QWidget,
)

from app.i18n import _
from app.ui.common.roles import Index


def set_name(widget: QWidget, text: str, description: str | None = None) -> None:
    """Name a control a screen reader would otherwise announce as a bare "table" or "edit"."""
    widget.setAccessibleName(text)
    if description is not None:
        widget.setAccessibleDescription(description)


def set_view_name(view: QAbstractItemView, text: str, description: str | None = None) -> None:
    """Name a table or tree, its header rows (a screen reader lands on them too) and a table's
    corner button, which selects every cell."""
    set_name(view, text, description)
    headers: list[QHeaderView] = []
    if isinstance(view, QTableView):
        headers = [view.horizontalHeader(), view.verticalHeader()]
    elif isinstance(view, QTreeView):
        headers = [view.header()]
    for header in headers:
        header.setAccessibleName(_("{table}: headings").format(table=text))
    corner = view.findChild(QAbstractButton, "qt_tableview_cornerbutton")
    if corner is not None:
        corner.setAccessibleName(_("Select the whole table"))


def joined(parts: Iterable[str]) -> str:
    """Parts of a sentence a screen reader reads, joined in the interface language."""
    text = ""
    for part in parts:
        if part:
            text = _("{earlier}, {next}").format(earlier=text, next=part) if text else part
    return text


def labelled(header: object, value: object) -> str:
    """A value with its column's heading ("Status: delayed"); just the value without a heading."""
    shown = _text(value)
    if not shown or not _text(header):
        return shown
    return _("{heading}: {value}").format(heading=_text(header), value=shown)


def row_sentence(model: QAbstractItemModel, index: Index, columns: Iterable[int] | None = None,
                 cell_text: Callable[[QModelIndex], object] | None = None) -> str:
    """The row of `index` as one sentence: the first cell's text, then each other cell with its
    heading. `columns` picks and orders the cells (all by default); `cell_text` gives a cell's text
    where its display text says too little (a bar drawn by a delegate has none)."""
    chosen = list(range(model.columnCount(index.parent())) if columns is None else columns)
    parts = []
    for position, column in enumerate(chosen):
        cell = model.index(index.row(), column, index.parent())
        value = cell_text(cell) if cell_text is not None and column != index.column() else None
        if not _text(value):
            value = model.data(cell, Qt.ItemDataRole.DisplayRole)
        if position == 0:
            parts.append(_text(value))
        else:
            parts.append(labelled(model.headerData(column, Qt.Orientation.Horizontal), value))
    return joined(parts)


def send(event: QAccessibleEvent) -> None:
    """Hand an event to the screen reader, if one listens (one place, so tests can listen too)."""
    QAccessible.updateAccessibility(event)


def announce(widget: QWidget, message: str, error: bool = True) -> None:
    """Have a screen reader say `message` now (errors interrupt, notes wait their turn), and tell it
    the widget (a message bar, an error line) changed."""
    if isinstance(widget, QLabel):
        send(QAccessibleEvent(widget, QAccessible.Event.NameChanged))
    send(QAccessibleEvent(widget, QAccessible.Event.Alert))
    event = QAccessibleAnnouncementEvent(widget, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if error
                        else QAccessible.AnnouncementPoliteness.Polite)
    send(event)


def refuse(label: QLabel, message: str, field: QWidget | None = None) -> None:
    """Say on the form's error line why its input was refused, announce it, and put the cursor in
    the first field in error."""
    label.setText(message)
    announce(label, message)
    if field is not None:
        field.setFocus(Qt.FocusReason.OtherFocusReason)


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
