"""The coordinator's undoable edits of commitments, progress records and period locks."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.commitments import (
    CommitmentInput,
    add_commitment,
    delete_commitment,
    set_retired,
    update_commitment,
)
from app.models.services.reporting.progress import ProgressInput, clear_progress, record_progress
from app.models.topics import COMMITMENTS, PROGRESS, SUBMISSIONS
from app.ui.common.context import WorkspaceContext
from app.ui.common.undo_commands import Reporter, ServiceCommand


class AddCommitment(ServiceCommand):
    def __init__(self, context: WorkspaceContext, data: CommitmentInput, report: Reporter) -> None:
        super().__init__(context, _("Add commitment"), (COMMITMENTS,), report)
        self.data = data
        self.commitment_id: int | None = None

    def apply(self, session: Session, forward: bool) -> None:
        if forward:
            country = self.context.country or ""
            self.commitment_id = add_commitment(session, country, self.data, self.commitment_id).id
        elif self.commitment_id is not None:
            delete_commitment(session, self.commitment_id)


class EditCommitment(ServiceCommand):
    def __init__(self, context: WorkspaceContext, commitment_id: int, old: CommitmentInput,
                 new: CommitmentInput, report: Reporter) -> None:
        super().__init__(context, _("Edit commitment"), (COMMITMENTS,), report)
        self.commitment_id, self.old, self.new = commitment_id, old, new

    def apply(self, session: Session, forward: bool) -> None:
        update_commitment(session, self.commitment_id, self.new if forward else self.old)


class RetireCommitment(ServiceCommand):
    def __init__(self, context: WorkspaceContext, commitment_id: int, retire: bool,
                 report: Reporter) -> None:
        text = _("Retire commitment") if retire else _("Restore commitment")
        super().__init__(context, text, (COMMITMENTS,), report)
        self.commitment_id, self.retire = commitment_id, retire

    def apply(self, session: Session, forward: bool) -> None:
        set_retired(session, self.commitment_id, self.retire if forward else not self.retire)


class EditProgress(ServiceCommand):
    """One change to a progress record. Typing in one text field merges into one undo step."""

    MERGE_ID = 1001

    def __init__(self, context: WorkspaceContext, commitment_id: int, period_id: int,
                 old: ProgressInput | None, new: ProgressInput | None, report: Reporter,
                 merge_field: str = "") -> None:
        super().__init__(context, _("Edit progress"), (PROGRESS,), report)
        self.key = (commitment_id, period_id)
        self.old, self.new = old, new
        self.merge_field = merge_field

    def apply(self, session: Session, forward: bool) -> None:
        data = self.new if forward else self.old
        if data is None:
            clear_progress(session, *self.key)
        else:
            record_progress(session, *self.key, data)

    def id(self) -> int:
        return self.MERGE_ID if self.merge_field else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, EditProgress) and other.key == self.key
                and other.merge_field == self.merge_field):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class ChangeLock(ServiceCommand):
    """Mark a period as submitted (locked) or reopen it; undo puts its submissions back."""

    def __init__(self, context: WorkspaceContext, period_id: int, submit: bool,
                 report: Reporter) -> None:
        text = _("Mark period as submitted") if submit else _("Reopen period")
        super().__init__(context, text, (SUBMISSIONS,), report)
        self.period_id, self.submit = period_id, submit
        self.before: period_service.SubmissionSnapshot | None = None

    def apply(self, session: Session, forward: bool) -> None:
        country = self.context.country or ""
        if not forward:
            period_service.restore_submissions(session, country, self.period_id, self.before or [])
            return
        self.before = period_service.submission_snapshot(session, country, self.period_id)
        period = period_service.get_period(session, self.period_id)
        if self.submit:
            period_service.mark_submitted(session, country, period)
        else:
            period_service.reopen_period(session, country, period)
