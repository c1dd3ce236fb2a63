"""Item models over the completeness matrix and the coverage table (no widget copies of the data)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.i18n import _, isolate, separator
from app.i18n.formats import country_name, format_date, format_datetime, format_percent
from app.models.orm.enums import label
from app.models.services.regional.completeness import (
    CompletenessMatrix,
    Coverage,
    MatrixCell,
    PeriodColumn,
    state_label,
)
from app.reports.style import STATE_FILL, cell_text
from app.ui.common.accessible import joined, row_sentence
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index, SortRole
from app.ui.common.roles import RowRole as CellRole


class CompletenessModel(QAbstractTableModel):
    """Rows: countries (named with their role in the row header, which stays in view while the
    periods scroll); columns: periods. Colour and text say the same thing."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matrix = CompletenessMatrix([], [])

    def set_matrix(self, matrix: CompletenessMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matrix.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.matrix.periods)

    def cell(self, index: Index) -> MatrixCell | None:
        if not index.isValid():
            return None
        return self.matrix.rows[index.row()].cells[index.column()]

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        cell = self.cell(index)
        if cell is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, SortRole):
            return cell_text(cell, _)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(f"#{STATE_FILL[cell.state]}")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("#000000")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell, self.matrix.periods[index.column()])
        if role == Qt.ItemDataRole.AccessibleTextRole:  # country, period, state, dates: one sentence
            return joined(self._tooltip(cell, self.matrix.periods[index.column()]).splitlines())
        if role == CellRole:
            return cell
        return None

    @staticmethod
    def _tooltip(cell: MatrixCell, period: PeriodColumn) -> str:
        lines = [f"{country_name(cell.country)}{separator()}{isolate(period.code)}", state_label(cell.state),
                 _("Due: {date}").format(date=format_date(period.due_date))]
        if cell.received_at is not None:
            lines.append(_("Received: {when} (revision {revision})").format(
                when=format_datetime(cell.received_at), revision=cell.revision))
        return "\n".join(lines)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            row = self.matrix.rows[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return country_name(row.country) + (f"\n{label(row.role)}" if row.role else "")
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return row.country if role == CellRole else None
        period = self.matrix.periods[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return period.code
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Due: {date}").format(date=format_date(period.due_date))
        return None

    def retranslate(self) -> None:
        if self.matrix.rows and self.matrix.periods:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self.rowCount() - 1, self.columnCount() - 1))
        if self.matrix.periods:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.matrix.rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, self.rowCount() - 1)


class CoverageModel(QAbstractTableModel):
    """Share of running commitments with an update, per country and period, and the total."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._countries: list[str] = []
        self._periods: list[tuple[int, str]] = []
        self._shares: dict[tuple[str | None, int], Coverage] = {}

    def set_data(self, countries: list[str], periods: list[tuple[int, str]],
                 shares: dict[tuple[str | None, int], Coverage]) -> None:
        self.beginResetModel()
        self._countries, self._periods, self._shares = countries, periods, shares
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._countries) + 1

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._periods) + 1

    def _country(self, row: int) -> str | None:
        return self._countries[row] if row < len(self._countries) else None

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        country = self._country(index.row())
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return row_sentence(self, index)
        if role == Qt.ItemDataRole.FontRole and country is None:
            font = QFont()
            font.setBold(True)
            return font
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return country_name(country) if country else _("All countries")
            return None
        share = self._shares.get((country, self._periods[index.column() - 1][0]))
        if role == Qt.ItemDataRole.DisplayRole:
            return format_percent(None if share is None or share.share is None else share.share * 100)
        if role == Qt.ItemDataRole.ToolTipRole and share is not None:
            return _("{updated} of {expected} commitments updated").format(
                updated=share.updated, expected=share.expected)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return _("Country") if section == 0 else self._periods[section - 1][1]
