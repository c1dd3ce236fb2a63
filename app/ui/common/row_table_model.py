"""A read-only table model over a list of rows: the part every small list view shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.i18n import _
from app.ui.common.accessible import row_sentence
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index

RowT = TypeVar("RowT")


def header_text(headers: Sequence[str], section: int, orientation: Qt.Orientation,
                role: int) -> str | None:
    """A horizontal header from source strings marked with `N_`, translated when shown."""
    if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
        return _(headers[section])
    return None


class RowTableModel(QAbstractTableModel, Generic[RowT]):
    """Subclasses name their columns (`headers`, translated when shown) and say what a cell shows."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []

    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: RowT, column: int) -> Any:
        raise NotImplementedError

    def other_data(self, row: RowT, column: int, role: int) -> Any:
        """Roles other than DisplayRole; none by default."""
        return None

    def accessible_text(self, index: Index) -> str | None:
        """What a screen reader reads for a cell: the whole row on its first cell, so that moving
        row by row reads each row; the other cells read as shown."""
        return row_sentence(self, index) if index.column() == 0 else None

    def set_rows(self, rows: list[RowT]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers())

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, index.column())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.accessible_text(index)
        return self.other_data(row, index.column(), role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.headers()[section]

    def retranslate(self) -> None:
        """Texts are looked up when shown: tell the views to look again (no reset, so the
        selection and the scroll position stay where the user left them)."""
        columns = len(self.headers())
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, columns - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, columns - 1))
