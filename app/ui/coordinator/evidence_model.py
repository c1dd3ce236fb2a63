"""The evidence references of one progress record: document title and where to find it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal

from app.i18n import N_
from app.ui.common.accessible import row_sentence
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index
from app.ui.common.row_table_model import header_text

HEADERS = [N_("Document"), N_("File or link")]


class EvidenceModel(QAbstractTableModel):
    #: The whole new list of (title, location) pairs after the user edited a cell.
    edit_requested = Signal(list)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, str]] = []
        self._editable = False

    def set_items(self, items: list[tuple[str, str]], editable: bool) -> None:
        if items != self._items or editable != self._editable:
            self.beginResetModel()
            self._items = list(items)
            self._editable = editable
            self.endResetModel()

    def items(self) -> list[tuple[str, str]]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_text(HEADERS, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if self._editable else flags

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.ToolTipRole):
            return self._items[index.row()][index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return row_sentence(self, index)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self._editable:
            return False
        items = self.items()
        title, location = items[index.row()]
        items[index.row()] = (str(value), location) if index.column() == 0 else (title, str(value))
        if items == self._items:
            return False
        self.edit_requested.emit(items)
        return True

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 1)
