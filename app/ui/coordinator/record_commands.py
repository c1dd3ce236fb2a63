"""Undoable edits of recorded figures: copy a period forward, indicator values, decision follow-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.orm.enums import ProgressStatus
from app.models.services.reporting.followup import FollowUpInput, clear_follow_up, set_follow_up
from app.models.services.reporting.indicator_values import IndicatorValueInput, clear_value, set_value
from app.models.services.reporting.periods import get_period
from app.models.services.reporting.progress import (
    ProgressInput,
    clear_progress_of,
    copy_forward,
    get_update,
    progress_input,
    with_percent,
    with_status,
)
from app.models.topics import DECISIONS, INDICATOR_VALUES, PROGRESS
from app.ui.common.context import WorkspaceContext
from app.ui.common.undo_commands import Reporter, ServiceCommand
from app.ui.coordinator.commands import EditProgress


class CopyFromPrevious(ServiceCommand):
    """Pre-fill a period from the one before; undo removes exactly the updates it created."""

    def __init__(self, context: WorkspaceContext, period_id: int, report: Reporter) -> None:
        super().__init__(context, _("Copy from previous period"), (PROGRESS,), report)
        self.period_id = period_id
        self.created: list[int] = []

    def apply(self, session: Session, forward: bool) -> None:
        if forward:
            period = get_period(session, self.period_id)
            self.created = copy_forward(session, self.context.country or "", period)
            if not self.created:
                self.setObsolete(True)
        else:
            clear_progress_of(session, self.created, self.period_id)


class EditIndicatorValue(ServiceCommand):
    MERGE_ID = 1002

    def __init__(self, context: WorkspaceContext, indicator_id: int, period_id: int,
                 old: IndicatorValueInput | None, new: IndicatorValueInput | None,
                 report: Reporter) -> None:
        super().__init__(context, _("Edit indicator value"), (INDICATOR_VALUES,), report)
        self.key = (indicator_id, period_id)
        self.old, self.new = old, new

    def apply(self, session: Session, forward: bool) -> None:
        data = self.new if forward else self.old
        indicator_id, period_id = self.key
        country = self.context.country or ""
        if data is None:
            clear_value(session, indicator_id, country, period_id)
        else:
            set_value(session, indicator_id, country, period_id, data)


class EditFollowUp(ServiceCommand):
    """A change to the country's follow-up of a decision; typing a note merges into one step."""

    MERGE_ID = 1003

    def __init__(self, context: WorkspaceContext, decision_id: int, old: FollowUpInput | None,
                 new: FollowUpInput, report: Reporter, merge: bool = False) -> None:
        super().__init__(context, _("Edit decision follow-up"), (DECISIONS,), report)
        self.decision_id, self.old, self.new, self.merge = decision_id, old, new, merge

    def apply(self, session: Session, forward: bool) -> None:
        country = self.context.country or ""
        if forward:
            set_follow_up(session, self.decision_id, country, self.new)
        elif self.old is None:
            clear_follow_up(session, self.decision_id, country)
        else:
            set_follow_up(session, self.decision_id, country, self.old)

    def id(self) -> int:
        return self.MERGE_ID if self.merge else -1

    def mergeWith(self, other: object) -> bool:
        if not (isinstance(other, EditFollowUp) and other.merge
                and other.decision_id == self.decision_id):
            return False
        self.new = other.new
        return True


def push_progress_edit(
    stack: QUndoStack, context: WorkspaceContext, commitment_id: int, period_id: int,
    change: Callable[[ProgressInput | None], ProgressInput], report: Reporter,
    merge_field: str = "",
) -> None:
    """Push the change of one progress record, computed from what is stored now."""
    with context.db.reading() as session:
        old = progress_input(get_update(session, commitment_id, period_id))
    new = change(old)
    if new != old:
        stack.push(EditProgress(context, commitment_id, period_id, old, new, report, merge_field))


def push_cell_progress_edit(stack: QUndoStack, context: WorkspaceContext, commitment_id: int,
                            period_id: int, field: str, value: Any, report: Reporter) -> None:
    """A status or percent chosen in a table cell, kept consistent with each other."""
    if field == "status":
        status = ProgressStatus(value)
        push_progress_edit(stack, context, commitment_id, period_id,
                           lambda data: with_status(data, status), report)
    elif field == "percent":
        percent = int(value)
        push_progress_edit(stack, context, commitment_id, period_id,
                           lambda data: with_percent(data, percent), report)
