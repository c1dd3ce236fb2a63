"""Indicators × periods for the country: baseline, target, progress to target, and each value."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from app.i18n import N_, _, coded, current_language
from app.i18n.formats import (
    format_number,
    format_percent,
    format_period,
    format_period_short,
    sentence_case,
)
from app.models.orm.base import pick_language
from app.models.orm.enums import IndicatorKind, label
from app.models.services.reporting.indicator_values import (
    IndicatorGrid,
    IndicatorRow,
    IndicatorValueInput,
    progress_to_target,
)
from app.ui.common.accessible import row_sentence
from app.ui.common.model_content import replacing_content
from app.ui.common.palette_colours import Role, muted_text, shaded
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index, KindRole, RowRole
from app.ui.coordinator.delegates import FractionRole

TITLE, UNIT, BASELINE, TARGET, TO_TARGET = range(5)
FIXED = 5
HEADERS = [N_("Indicator"), N_("Unit"), N_("Baseline"), N_("Target"), N_("To target")]


def format_value(kind: IndicatorKind, value: IndicatorValueInput | None) -> str:
    if value is None:
        return ""
    if kind == IndicatorKind.TEXT:
        return value.text or ""
    if value.number is None:
        return ""
    if kind == IndicatorKind.YES_NO:
        return _("Yes") if value.number >= 1 else _("No")
    if kind == IndicatorKind.PERCENT:
        return format_percent(value.number)
    return format_number(value.number)


class IndicatorGridModel(QAbstractTableModel):
    #: (indicator id, period id, text typed or chosen): the user edited a value cell.
    value_edit_requested = Signal(int, int, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = IndicatorGrid([], [], {})

    def set_grid(self, grid: IndicatorGrid) -> None:
        same_shape = ([r.id for r in grid.indicators] == [r.id for r in self.grid.indicators]
                      and [p.id for p in grid.periods] == [p.id for p in self.grid.periods])
        with replacing_content(self, same_shape, self.retranslate):
            self.grid = grid

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0),
                 self.index(self.rowCount() - 1, self.columnCount() - 1))

    def period_at(self, column: int) -> Any:
        return self.grid.periods[column - FIXED] if column >= FIXED else None

    def column_of(self, period_id: int) -> int:
        return next((FIXED + i for i, p in enumerate(self.grid.periods) if p.id == period_id), -1)

    def value_at(self, index: Index) -> IndicatorValueInput | None:
        period = self.period_at(index.column())
        if period is None:
            return None
        return self.grid.values.get((self.grid.indicators[index.row()].id, period.id))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.grid.indicators)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else FIXED + len(self.grid.periods)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        period = self.period_at(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[section]) if period is None else format_period_short(period.code)
        if role == Qt.ItemDataRole.ToolTipRole and period is not None and period.locked:
            return sentence_case(_("{period} is submitted and read-only.").format(
                period=format_period(period.code)))
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole header, where a column cuts it
            return _(HEADERS[section]) if period is None else sentence_case(
                format_period(period.code))
        if role == Qt.ItemDataRole.ForegroundRole and period is not None and period.locked:
            return muted_text(on=(Role.Button,))  # on the header
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        period = self.period_at(index.column())
        if period is not None and not period.locked:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.grid.indicators[index.row()]
        column = index.column()
        if role == KindRole:
            return row.kind.value
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._accessible_text(index)
        period = self.period_at(column)
        if period is not None:
            return self._value_data(row, period, role, index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._fixed_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == TITLE:
            return coded(row.code, pick_language(row.titles, current_language()))
        if role == FractionRole and column == TO_TARGET:
            latest = self.grid.latest_value(row.id)
            return progress_to_target(row, latest.number if latest else None)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (BASELINE, TARGET):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _accessible_text(self, index: Index) -> str | None:
        """The indicator with its unit, baseline, target and progress on its title cell; a period's
        cell with its period; the drawn progress bar as a percentage."""
        if index.column() == TITLE:
            return row_sentence(self, index, cell_text=lambda cell: self._accessible_text(cell))
        if index.column() == TO_TARGET:
            fraction = self.data(index, FractionRole)
            return format_percent(fraction * 100) if fraction is not None else None
        return None

    def _fixed_text(self, row: IndicatorRow, column: int) -> str:
        language = current_language()
        if column == TITLE:
            return coded(row.code, pick_language(row.titles, language))
        if column == UNIT:
            return pick_language(row.unit, language) or label(row.kind)
        if column in (BASELINE, TARGET):
            number = row.baseline if column == BASELINE else row.target
            return format_value(row.kind, IndicatorValueInput(number=number)) if number is not None else ""
        return ""

    def _value_data(self, row: IndicatorRow, period: Any, role: int, index: Index) -> Any:
        value = self.grid.values.get((row.id, period.id))
        if role == Qt.ItemDataRole.DisplayRole:
            return format_value(row.kind, value)
        if role == Qt.ItemDataRole.EditRole:
            if value is None:
                return ""
            if row.kind == IndicatorKind.TEXT:
                return value.text or ""
            if row.kind == IndicatorKind.YES_NO:
                return "" if value.number is None else str(int(value.number))
            return format_number(value.number)
        if role == Qt.ItemDataRole.BackgroundRole and period.locked:
            return shaded()  # the view's base a shade towards its text
        if role == Qt.ItemDataRole.ToolTipRole and value is not None:
            parts = [format_value(row.kind, value)]
            if value.source:
                parts.append(_("Source: {source}").format(source=value.source))
            if value.note:
                parts.append(_("Note: {note}").format(note=value.note))
            return "\n".join(parts)
        if role == Qt.ItemDataRole.TextAlignmentRole and row.kind != IndicatorKind.TEXT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.column() == FIXED:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        period = self.period_at(index.column())
        if role != Qt.ItemDataRole.EditRole or period is None or period.locked:
            return False
        text = "" if value is None else str(value)
        if text == self.data(index, Qt.ItemDataRole.EditRole):
            return False
        self.value_edit_requested.emit(self.grid.indicators[index.row()].id, period.id, text)
        return True


class IndicatorFilterProxy(QSortFilterProxyModel):
    """Rows whose code or title contains every word typed, within one objective if chosen."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._objective_id: int | None = None

    def set_filter(self, text: str, objective_id: int | None) -> None:
        self.beginFilterChange()
        self._words = text.casefold().split()
        self._objective_id = objective_id
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, IndicatorGridModel):  # it always is (the panel sets it)
            return True
        row = model.grid.indicators[source_row]
        if self._objective_id is not None and row.objective_id != self._objective_id:
            return False
        if not self._words:
            return True
        haystack = f"{row.code} {' '.join(row.titles.values())}".casefold()
        return all(word in haystack for word in self._words)
