"""Table model of the commitments past their end date and not done, most overdue first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from app.i18n import N_, _, ngettext
from app.i18n.formats import format_date, format_number
from app.models.enums import label
from app.models.services.dashboard import OverdueItem
from app.ui.coordinator.status_style import OVERDUE_COLOR

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
HEADERS = [N_("Action"), N_("Commitment"), N_("End date"), N_("Overdue by"), N_("Status")]


class OverdueModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[OverdueItem] = []

    def set_items(self, items: list[OverdueItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[OverdueItem]:
        return list(self._items)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, len(HEADERS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == IdRole:
            return item.commitment_id
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            return QColor(OVERDUE_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return item.description
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return item.action_code
        if column == 1:
            return item.description
        if column == 2:
            return format_date(item.end_date)
        if column == 3:
            return ngettext("{n} day", "{n} days", item.days_overdue).format(
                n=format_number(item.days_overdue))
        return label(item.status) if item.status else _("No update")
