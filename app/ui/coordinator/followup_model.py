"""Tree model: meetings of the process, and under each its decisions with the country's follow-up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from app.i18n import N_, _, current_language
from app.i18n.formats import format_date
from app.models.orm.base import pick_language
from app.models.orm.enums import FollowUpStatus, label
from app.models.services.reporting.followup import DecisionRow, MeetingRow
from app.ui.common.accessible import row_sentence
from app.ui.common.model_content import replacing_content
from app.ui.common.plain_text import plain_data
from app.ui.common.roles import Index
from app.ui.common.roles import RowRole as DecisionRole
from app.ui.common.row_table_model import header_text
from app.ui.common.status_style import muted_colour
from app.ui.common.tree_model import TreeModel

TEXT, STATUS, NOTE = range(3)
HEADERS = [N_("Meeting / decision"), N_("Our follow-up"), N_("Note")]
#: internalId of a meeting row; decisions carry their meeting's position + 1.
_MEETING = 0


class FollowUpModel(TreeModel):
    #: (decision id, new status): the user chose a status in the table.
    status_edit_requested = Signal(int, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._meetings: list[MeetingRow] = []

    def set_meetings(self, meetings: list[MeetingRow]) -> None:
        shape = [[d.id for d in m.decisions] for m in meetings]
        same_shape = shape == [[d.id for d in m.decisions] for m in self._meetings]
        with replacing_content(self, same_shape, self.retranslate):
            self._meetings = meetings

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        for row, meeting in enumerate(self._meetings):
            parent = self.index(row, 0)
            self.dataChanged.emit(parent, self.index(row, len(HEADERS) - 1))
            if meeting.decisions:
                self.dataChanged.emit(self.index(0, 0, parent),
                     self.index(len(meeting.decisions) - 1, len(HEADERS) - 1, parent))

    def decision(self, index: Index) -> DecisionRow | None:
        if not index.isValid() or index.internalId() == _MEETING:
            return None
        return self._meetings[index.internalId() - 1].decisions[index.row()]

    def meeting(self, index: Index) -> MeetingRow | None:
        if not index.isValid():
            return None
        return self._meetings[index.row() if index.internalId() == _MEETING else index.internalId() - 1]

    def find(self, decision_id: int) -> QModelIndex:
        for row, meeting in enumerate(self._meetings):
            for child, decision in enumerate(meeting.decisions):
                if decision.id == decision_id:
                    return self.index(child, 0, self.index(row, 0))
        return QModelIndex()

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _MEETING)
        return self.createIndex(row, column, parent.row() + 1)

    def parent_index(self, index: Index) -> QModelIndex:
        if not index.isValid() or index.internalId() == _MEETING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _MEETING)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._meetings)
        if parent.internalId() == _MEETING and parent.column() == 0:
            return len(self._meetings[parent.row()].decisions)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_text(HEADERS, section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.decision(index) is not None and index.column() == STATUS:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    @plain_data
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole and index.column() == 0:
            return row_sentence(self, index)
        decision = self.decision(index)
        if decision is None:
            return self._meeting_data(self._meetings[index.row()], index.column(), role)
        follow_up = decision.follow_up
        if role == DecisionRole:
            return decision.id
        if role == Qt.ItemDataRole.EditRole and index.column() == STATUS:
            return follow_up.status.value if follow_up else FollowUpStatus.NOT_STARTED.value
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == STATUS and not follow_up:
            return muted_colour()
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (TEXT, NOTE):
            return pick_language(decision.texts, current_language()) if index.column() == TEXT \
                else (follow_up.note if follow_up else None)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == TEXT:
            return f"{decision.number}. {pick_language(decision.texts, current_language())}"
        if index.column() == STATUS:
            return label(follow_up.status) if follow_up else _("Not recorded")
        return (follow_up.note.splitlines() or [""])[0] if follow_up else ""

    def _meeting_data(self, meeting: MeetingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) or column != TEXT:
            return None
        language = current_language()
        place = pick_language(meeting.place, language)
        kind = (_("{kind}, {place}").format(kind=label(meeting.kind), place=place) if place
                else label(meeting.kind))
        return _("{date} · {kind} — {title}").format(
            date=format_date(meeting.held_on), kind=kind,
            title=pick_language(meeting.titles, language))

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        decision = self.decision(index)
        if decision is None or role != Qt.ItemDataRole.EditRole or index.column() != STATUS:
            return False
        status = FollowUpStatus(value).value
        if decision.follow_up and decision.follow_up.status.value == status:
            return False
        self.status_edit_requested.emit(decision.id, status)
        return True
