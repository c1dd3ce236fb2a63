"""Help → Keyboard shortcuts: every menu action's shortcut as set now, and the keys that work
inside lists and fields (which no menu shows)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.i18n import N_, _
from app.ui.common.accessible import joined, set_view_name
from app.ui.common.screen_fit import OnScreenMixin

#: Keys that belong to a list or a field rather than to a menu.
FIELD_KEYS = [
    ("F8", N_("Next commitment in the Progress tab")),
    ("Shift+F8", N_("Previous commitment in the Progress tab")),
    ("Ctrl+Delete", N_("Clear an optional date")),
    ("Ctrl+A", N_("Select a date, then type the new one over it (e.g. 01.02.2027)")),
    ("Esc", N_("Close a dialog (a form with typed text asks first)")),
    (N_("Arrow keys, Enter"),
     N_("In a dashboard chart: move between bars or slices; open the chosen one")),
    ("Enter", N_("In a list: open the chosen row (as a double-click does)")),
]


def menu_shortcuts(menus: list[QMenu]) -> list[tuple[str, str]]:
    """(keys, what they do) of every action with a shortcut in these menus and their submenus."""
    found: list[tuple[str, str]] = []

    def visit(actions: list[QAction]) -> None:
        for action in actions:
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                visit(submenu.actions())
                continue
            keys = ", ".join(sequence.toString(QKeySequence.SequenceFormat.NativeText)
                             for sequence in action.shortcuts())
            if keys and action.isVisible():
                found.append((keys, action.text().replace("&", "")))

    for menu in menus:
        visit(menu.actions())
    return found


class ShortcutsDialog(OnScreenMixin, QDialog):
    def __init__(self, menus: list[QMenu], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        rows = [("F1", _("User guide, at the page of the current tab")), *menu_shortcuts(menus),
                *((_(keys), _(text)) for keys, text in FIELD_KEYS)]  # "F8" has no entry: as is
        self.table = QTableWidget(len(rows), 2)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setHorizontalHeaderLabels([_("Keys"), _("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, (keys, text) in enumerate(dict.fromkeys(rows)):
            keys_item = QTableWidgetItem(keys)
            keys_item.setData(Qt.ItemDataRole.AccessibleTextRole, joined([keys, text]))
            self.table.setItem(row, 0, keys_item)
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self.table.setRowCount(len(dict.fromkeys(rows)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        set_view_name(self.table, _("Keyboard shortcuts"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, 420)
