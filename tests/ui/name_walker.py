"""Find what a screen reader could not announce: interactive widgets without an accessible name, and
tables or trees whose rows have no text to read.

Names are read the way a screen reader reads them, through the widget's `QAccessible` interface (a
name Qt derives from a button's text or a buddy label counts; the property alone is not looked at):

    problems = unnamed(stop.name, stop.widget) + unreadable_rows(stop.name, stop.widget)
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

#: The kinds of widget a user operates (item views include header views, a table's corner button is
#: a button); a combo box's or spin box's own line edit is part of it, not a control of its own.
INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QTabBar,
               QTextEdit, QPlainTextEdit, QAbstractSlider)


def interactive(root: QWidget) -> list[QWidget]:
    """The visible interactive widgets in `root` (scroll bars are the scroll area's, not named)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or isinstance(widget, QScrollBar):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parentWidget(),
                                                        (QComboBox, QAbstractSpinBox)):
            continue
        if isinstance(widget, INTERACTIVE):
            found.append(widget)
    return found


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader announces for the widget ("" for none). On Linux Qt gives a combo
    box without a name its current choice as the name: that is its value, not what it is for, so it
    counts only when a label is tied to the widget (a buddy: Qt's Label relation)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None or not interface.isValid():
        return ""
    name = (interface.text(QAccessible.Text.Name) or "").strip()
    if name and name == (interface.text(QAccessible.Text.Value) or "").strip() and not (
            widget.accessibleName() or interface.relations(QAccessible.RelationFlag.Label)):
        return ""
    return name


def where(stop: str, widget: QWidget) -> str:
    name = widget.objectName()
    return f"{stop}: {type(widget).__name__}" + (f" {name!r}" if name else "")


def unnamed(stop: str, root: QWidget) -> list[str]:
    """Each visible interactive widget in `root` that has no accessible name."""
    return [where(stop, widget) for widget in interactive(root) if not accessible_name(widget)]


def names(root: QWidget) -> dict[int, tuple[str, str]]:
    """Where and name of each visible interactive widget, by the widget's identity."""
    return {id(widget): (where("", widget), accessible_name(widget))
            for widget in interactive(root)}


def unreadable_rows(stop: str, root: QWidget) -> list[str]:
    """Each visible table or tree (not a header) whose first row's first visible cell has no
    AccessibleTextRole text: a screen reader moving row by row would read the bare cells."""
    problems = []
    for view in interactive(root):
        if not isinstance(view, QAbstractItemView) or isinstance(view, QHeaderView):
            continue
        model = view.model()
        if model is None or model.rowCount() == 0:
            continue
        column = next((c for c in range(model.columnCount()) if not _hidden(view, c)), 0)
        text = model.data(model.index(0, column, QModelIndex()),
                          Qt.ItemDataRole.AccessibleTextRole)
        if not (isinstance(text, str) and text.strip()):
            problems.append(where(stop, view) + " rows")
    return problems


def _hidden(view: QAbstractItemView, column: int) -> bool:
    is_hidden = getattr(view, "isColumnHidden", None)
    return bool(is_hidden and is_hidden(column))
