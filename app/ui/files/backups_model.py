"""Table model of a workspace's backups: when, how big, and why each was made."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from app.i18n import _
from app.i18n.formats import format_datetime, format_size
from app.models.services.workspace.backups import reason_label
from app.models.storage.backup import BackupInfo
from app.ui.common.accessible import row_sentence
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index, SortRole
from app.ui.common.roles import RowRole as BackupRole


class BackupsModel(QAbstractTableModel):
    COLUMN_DATE = 0
    COLUMN_SIZE = 1
    COLUMN_REASON = 2
    COLUMN_COUNT = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._backups: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def total_size(self) -> int:
        return sum(backup.size for backup in self._backups)

    def backup_at(self, row: int) -> BackupInfo | None:
        return self._backups[row] if 0 <= row < len(self._backups) else None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._backups:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._backups) - 1, self.COLUMN_COUNT - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {self.COLUMN_DATE: _("Made"), self.COLUMN_SIZE: _("Size"),
                self.COLUMN_REASON: _("Reason")}.get(section)

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        backup = self.backup_at(index.row()) if index.isValid() else None
        if backup is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return row_sentence(self, index)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLUMN_DATE:
                return format_datetime(backup.made_at)
            if column == self.COLUMN_SIZE:
                return format_size(backup.size)
            return reason_label(backup.reason)
        if role == SortRole:
            return {self.COLUMN_DATE: backup.made_at.isoformat(), self.COLUMN_SIZE: backup.size,
                    self.COLUMN_REASON: reason_label(backup.reason)}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(backup.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COLUMN_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == BackupRole:
            return backup
        return None
