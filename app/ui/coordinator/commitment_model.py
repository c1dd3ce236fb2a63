"""Table model of commitments with their progress in one period, and its sorting proxy.

Editing a cell does not write anything itself: the model emits `edit_requested` and the panel
turns it into an undoable command; the row refreshes when the change bus says it changed.
"""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from app.i18n import N_, _, current_language, ngettext
from app.i18n.formats import country_name, format_date, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.orm.enums import Priority, ProgressStatus, label
from app.models.services.plan.outline import PlanOutline
from app.models.services.reporting.commitment_rows import CommitmentRow
from app.ui.common.accessible import joined, labelled
from app.ui.common.model_content import replacing_content
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import IdRole, Index, RowRole, SortRole
from app.ui.common.status_style import muted_colour, overdue_colour, status_swatch


class Column(enum.IntEnum):
    COUNTRY = 0
    CODE = 1
    DESCRIPTION = 2
    LEAD = 3
    PARTNERS = 4
    START = 5
    END = 6
    PRIORITY = 7
    STATUS = 8
    PERCENT = 9
    NARRATIVE = 10
    EVIDENCE = 11


HEADERS = {
    Column.COUNTRY: N_("Country"), Column.CODE: N_("Action"), Column.DESCRIPTION: N_("Commitment"),
    Column.LEAD: N_("Lead agency"), Column.PARTNERS: N_("Partners"), Column.START: N_("Start"),
    Column.END: N_("End"), Column.PRIORITY: N_("Priority"), Column.STATUS: N_("Status"),
    Column.PERCENT: N_("Done"), Column.NARRATIVE: N_("Narrative"), Column.EVIDENCE: N_("Evidence"),
}
#: Fields that belong to the progress record of the period (locked with it).
PROGRESS_COLUMNS = {Column.STATUS: "status", Column.PERCENT: "percent"}
#: Fields of the commitment itself, editable in place.
COMMITMENT_COLUMNS = {Column.START: "start_date", Column.END: "end_date", Column.PRIORITY: "priority"}


_COLUMNS = len(Column)
#: Cells a screen reader reads the whole row on: those the cursor lands on, and the first shown.
SENTENCE_COLUMNS = (Column.COUNTRY, Column.CODE, Column.DESCRIPTION)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


class CommitmentTableModel(QAbstractTableModel):
    #: (commitment id, field name, new value): the user edited a cell.
    edit_requested = Signal(int, str, object)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CommitmentRow] = []
        self._positions: dict[int, int] = {}
        self._locked = False
        self._action_titles: dict[int, dict[str, str]] = {}
        self._objective_titles: dict[int, dict[str, str]] = {}
        #: Whether the rows' countries are shown (and read out): the region's tables, not a country's.
        self.show_country = False

    # --- content --------------------------------------------------------------------------
    def set_rows(self, rows: list[CommitmentRow]) -> None:
        """Replace the rows. When the same commitments come back (another period, an edit) the
        model is not reset, so selection, scroll position and open editors stay where they are."""
        same_shape = [r.id for r in rows] == [r.id for r in self._rows]
        with replacing_content(self, same_shape, self._repaint_all):
            self._rows = rows
            self._positions = {row.id: position for position, row in enumerate(rows)}

    def set_outline(self, outline: PlanOutline) -> None:
        self._objective_titles = {o.id: o.titles for o in outline.objectives}
        self._action_titles = {a.id: a.titles for o in outline.objectives for a in o.children}

    def set_locked(self, locked: bool) -> None:
        if locked != self._locked:
            self._locked = locked
            self._repaint_all()

    @property
    def locked(self) -> bool:
        return self._locked

    def rows(self) -> list[CommitmentRow]:
        return self._rows

    def row_of(self, commitment_id: int) -> int:
        """Position of a commitment, or -1 when it is not shown."""
        return self._positions.get(commitment_id, -1)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        self._repaint_all()

    def _repaint_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else _COLUMNS  # asked thousands of times while a view resets

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return _(HEADERS[Column(section)])  # the tooltip: the whole header where it is cut
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        row = self._rows[index.row()]
        column = Column(index.column())
        if row.retired:
            return base
        if column in PROGRESS_COLUMNS and not self._locked:
            return base | Qt.ItemFlag.ItemIsEditable
        if column in COMMITMENT_COLUMNS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, column)
        if role == SortRole:
            return self._sort_key(row, column)
        if role == IdRole:
            return row.id
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column in SENTENCE_COLUMNS:
            return self._sentence(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.END and row.overdue:
                return overdue_colour()
            if row.retired or (column == Column.STATUS and row.status is None):
                return muted_colour()
            return None
        if role == Qt.ItemDataRole.FontRole and column == Column.END and row.overdue:
            font = QFont()
            font.setBold(True)  # overdue not by its red alone
            return font
        if role == Qt.ItemDataRole.FontRole and row.retired:
            font = QFont()
            font.setItalic(True)
            font.setStrikeOut(column == Column.DESCRIPTION)
            return font
        if role == Qt.ItemDataRole.DecorationRole and column == Column.STATUS:
            return status_swatch(row.status, 12)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.PERCENT, Column.EVIDENCE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row = self._rows[index.row()]
        column = Column(index.column())
        field = PROGRESS_COLUMNS.get(column) or COMMITMENT_COLUMNS[column]
        if value == self._edit_value(row, column):
            return False
        self.edit_requested.emit(row.id, field, value)
        return True

    # --- roles ----------------------------------------------------------------------------
    def _display(self, row: CommitmentRow, column: Column) -> str:
        if column == Column.COUNTRY:
            return country_name(row.country_code)
        if column == Column.CODE:
            return row.action_code
        if column == Column.DESCRIPTION:
            text = _first_line(row.description)
            return _("{text} (retired)").format(text=text) if row.retired else text
        if column == Column.LEAD:
            return row.lead_agency
        if column == Column.PARTNERS:
            return row.partners
        if column == Column.START:
            return format_date(row.start_date)
        if column == Column.END:
            return format_date(row.end_date)
        if column == Column.PRIORITY:
            return label(row.priority)
        if column == Column.STATUS:
            return label(row.status) if row.status else _("No update")
        if column == Column.PERCENT:
            return format_percent(row.percent) if row.has_update else ""
        if column == Column.NARRATIVE:
            return _first_line(row.narrative)
        return format_number(row.evidence_count) if row.evidence_count else ""

    def _sentence(self, row: CommitmentRow) -> str:
        """The row as a screen reader reads it, moving row by row: "Commitment 1.1.a: …, status:
        delayed, done: 25 %, overdue by 3 days, lead agency: …"."""
        parts = [country_name(row.country_code) if self.show_country else "",
                 _("Commitment {code}: {description}").format(
                     code=row.action_code, description=self._display(row, Column.DESCRIPTION)),
                 labelled(_("Status"), self._display(row, Column.STATUS)),
                 labelled(_("Done"), self._display(row, Column.PERCENT)),
                 self._tooltip(row, Column.END) if row.overdue else "",
                 labelled(_("Lead agency"), row.lead_agency)]
        return joined(part or "" for part in parts)

    def _edit_value(self, row: CommitmentRow, column: Column) -> Any:
        return {
            Column.STATUS: row.status, Column.PERCENT: row.percent, Column.START: row.start_date,
            Column.END: row.end_date, Column.PRIORITY: row.priority,
        }.get(column, self._display(row, column))

    def _sort_key(self, row: CommitmentRow, column: Column) -> Any:
        if column == Column.CODE:
            return f"{row.objective_position:05d}.{row.action_position:05d}.{row.id:09d}"
        if column in (Column.START, Column.END):
            value = row.start_date if column == Column.START else row.end_date
            return value.isoformat() if value else ""
        if column == Column.PRIORITY:
            return list(Priority).index(row.priority)
        if column == Column.STATUS:
            return list(ProgressStatus).index(row.status) if row.status else -1
        if column == Column.PERCENT:
            return row.percent if row.percent is not None else -1
        if column == Column.EVIDENCE:
            return row.evidence_count
        return self._display(row, column).casefold()

    def _tooltip(self, row: CommitmentRow, column: Column) -> str | None:
        language = current_language()
        if column == Column.CODE:
            objective = pick_language(self._objective_titles.get(row.objective_id), language)
            action = pick_language(self._action_titles.get(row.action_id), language)
            return f"{objective}\n{action}"
        if column == Column.DESCRIPTION:
            return row.description
        if column == Column.END and row.overdue:
            return ngettext("Overdue by {n} day", "Overdue by {n} days", row.days_overdue).format(
                n=format_number(row.days_overdue))
        if column == Column.NARRATIVE and row.narrative:
            return row.narrative
        if column in (Column.STATUS, Column.PERCENT) and self._locked:
            return _("This period is submitted and read-only.")
        return None


class CommitmentProxy(QSortFilterProxyModel):
    """Sorts by any column on keys that sort right (plan order, dates, status order)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
