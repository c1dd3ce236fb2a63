"""Table models over one country's report for one period: progress rows and indicator values."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.i18n import _, current_language
from app.i18n.formats import format_number, format_percent
from app.models.base import pick_language
from app.models.enums import label
from app.models.services.country_period import UpdateRow, ValueRow

Index = QModelIndex | QPersistentModelIndex


class UpdatesModel(QAbstractTableModel):
    COLUMNS = 7

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[UpdateRow] = []

    def set_rows(self, rows: list[UpdateRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            action = row.action_code + (" †" if row.action_retired else "")
            return [action, row.description, label(row.status), format_percent(row.percent),
                    row.narrative, row.challenges, row.support_requested][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0 and row.action_retired:
                return _("Retired in a newer plan version")
            return [None, row.lead_agency, None, None, row.narrative, row.challenges,
                    row.support_requested][column] or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_("Action"), _("Commitment"), _("Status"), _("Percent"), _("Narrative"),
                _("Challenges"), _("Support requested")][section]


class ValuesModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[ValueRow] = []

    def set_rows(self, rows: list[ValueRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 6

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        lang = current_language()
        value = row.value if isinstance(row.value, str) else format_number(row.value)
        return [row.code, pick_language(row.titles, lang), value, format_number(row.baseline),
                format_number(row.target), pick_language(row.unit, lang)][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_("Code"), _("Indicator"), _("Value"), _("Baseline"), _("Target"), _("Unit")][section]
