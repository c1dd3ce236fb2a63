"""Item models over the regional views: progress by objective and action, by status, indicators."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from app.i18n import _, current_language
from app.i18n.formats import AVERAGE_PLACES, country_name, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.orm.enums import MembershipRole, ProgressStatus, label
from app.models.services.regional.report import ItemProgress, RegionalIndicator, Tally
from app.ui.common.accessible import joined, labelled, row_sentence
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import BarRole, Index
from app.ui.common.status_style import status_color

STATUSES = list(ProgressStatus)
RowT = TypeVar("RowT")
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _tally_values(tally: Tally) -> list[str]:
    return [format_number(tally.commitments), format_number(tally.reported),
            format_percent(tally.mean_percent, places=AVERAGE_PLACES),
            *(format_number(tally.statuses[s]) for s in STATUSES)]


def _tally_headers() -> list[str]:
    return [_("Commitments"), _("With an update"), _("Average progress"),
            *(label(s) for s in STATUSES)]


class _Table(QAbstractTableModel, Generic[RowT]):
    """Rows of a regional view, with the countries shown as columns where the view has them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[RowT] = []
        self.countries: list[str] = []

    def set_rows(self, rows: list[RowT], countries: list[str]) -> None:
        self.beginResetModel()
        self.rows, self.countries = rows, countries
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def fixed_headers(self) -> list[str]:
        """The headers of the columns before the countries' (translated now)."""
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = self.fixed_headers()
        if section < len(headers):
            return headers[section]
        return country_name(self.countries[section - len(headers)])

    def retranslate(self) -> None:
        self.beginResetModel()
        self.endResetModel()


class ItemProgressModel(_Table[ItemProgress]):
    """Objectives (bold) each followed by their actions; totals, then each country's average."""

    FIXED = 2

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.FIXED + 3 + len(STATUSES) + len(self.countries)

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return row_sentence(self, index)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.code + (" †" if item.retired else "")
            if column == 1:
                return pick_language(item.titles, current_language())
            values = _tally_values(item.total)
            if column - self.FIXED < len(values):
                return values[column - self.FIXED]
            tally = item.by_country.get(self.countries[column - self.FIXED - len(values)])
            return format_percent(tally.mean_percent, places=AVERAGE_PLACES) if tally else ""
        if role == Qt.ItemDataRole.FontRole and item.level == "objective":
            return _bold()
        if role == Qt.ItemDataRole.ToolTipRole and item.retired:
            return _("Retired in a newer plan version: its commitments are kept.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.FIXED:
            return _RIGHT
        return None

    def fixed_headers(self) -> list[str]:
        return [_("Code"), _("Objective / action"), *_tally_headers()]


class StatusModel(_Table[tuple[str | None, MembershipRole | None, Tally]]):
    """Each country's commitments by latest status, with a stacked bar, and the regional total."""

    COLUMN_BAR = 2

    def set_tallies(self, tallies: dict[str | None, Tally], countries: list[str],
                    roles: dict[str, MembershipRole | None]) -> None:
        rows: list[tuple[str | None, MembershipRole | None, Tally]] = [
            (c, roles.get(c), tallies[c]) for c in countries if c in tallies]
        if None in tallies:
            rows.append((None, None, tallies[None]))
        self.set_rows(rows, countries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3 + 3 + len(STATUSES)

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        country, member_role, tally = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:  # the bar repeats the counts
            return row_sentence(self, index, (c for c in range(self.columnCount())
                                              if c != self.COLUMN_BAR))
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.COLUMN_BAR:
            return joined(labelled(label(s), format_number(tally.statuses[s])) for s in STATUSES)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return country_name(country) if country else _("All countries")
            if column == 1:
                return label(member_role) if member_role else ""
            if column == self.COLUMN_BAR:
                return None
            return _tally_values(tally)[column - 3]
        if role == BarRole and column == self.COLUMN_BAR:
            return [(tally.statuses[s], status_color(s)) for s in STATUSES]
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COLUMN_BAR:
            return "\n".join(f"{label(s)}: {tally.statuses[s]}" for s in STATUSES)
        if role == Qt.ItemDataRole.FontRole and country is None:
            return _bold()
        if role == Qt.ItemDataRole.TextAlignmentRole and column > self.COLUMN_BAR:
            return _RIGHT
        return None

    def fixed_headers(self) -> list[str]:
        return [_("Country"), _("Role"), _("Distribution"), *_tally_headers()]


class IndicatorModel(_Table[RegionalIndicator]):
    """Indicators with baseline and target, and each country's latest value beside them."""

    FIXED = 6

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.FIXED + len(self.countries)

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        language = current_language()
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return row_sentence(self, index)
        if column < self.FIXED:
            if role == Qt.ItemDataRole.DisplayRole:
                return [row.code, pick_language(row.titles, language), pick_language(row.unit, language),
                        format_number(row.baseline), format_number(row.target),
                        format_number(row.countries_meeting_target)][column]
            if role == Qt.ItemDataRole.TextAlignmentRole and column >= 3:
                return _RIGHT
            return None
        value = row.values.get(self.countries[column - self.FIXED])
        met = row.meets_target(value)
        if role == Qt.ItemDataRole.DisplayRole:
            text = value if isinstance(value, str) else format_number(value)
            return f"{text} ✓" if met else text
        if role == Qt.ItemDataRole.BackgroundRole and met:
            return QColor("#C6EFCE")
        if role == Qt.ItemDataRole.ForegroundRole and met:
            return QColor("#000000")
        if role == Qt.ItemDataRole.ToolTipRole and met is not None:
            return _("Target reached") if met else _("Target not reached yet")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        return None

    def fixed_headers(self) -> list[str]:
        return [_("Code"), _("Indicator"), _("Unit"), _("Baseline"), _("Target"),
                _("Countries at target")]
