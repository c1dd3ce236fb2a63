"""The secretariat acknowledges a received submission, with an optional note to the coordinator."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.i18n import _
from app.models.errors import ValidationError
from app.models.orm.base import utcnow
from app.models.orm.enums import SubmissionState
from app.models.orm.reporting import Submission


@dataclass(frozen=True)
class AcknowledgementState:
    """What acknowledging changes, kept so it can be undone exactly."""

    state: SubmissionState
    acknowledged_at: dt.datetime | None
    note: str


def acknowledgement_state(submission: Submission) -> AcknowledgementState:
    return AcknowledgementState(submission.state, submission.acknowledged_at,
                                submission.acknowledgement_note)


def acknowledge(session: Session, submission_id: int, note: str = "",
                now: dt.datetime | None = None) -> AcknowledgementState:
    """Mark the submission acknowledged; returns the state before, for undo."""
    submission = session.get_one(Submission, submission_id)
    if submission.received_at is None:
        raise ValidationError(_("Only a received submission can be acknowledged."), "submission")
    before = acknowledgement_state(submission)
    submission.state = SubmissionState.ACKNOWLEDGED
    submission.acknowledged_at = now or utcnow()
    submission.acknowledgement_note = note.strip()
    session.flush()
    return before


def restore_acknowledgement(session: Session, submission_id: int,
                            previous: AcknowledgementState) -> None:
    submission = session.get_one(Submission, submission_id)
    submission.state = previous.state
    submission.acknowledged_at = previous.acknowledged_at
    submission.acknowledgement_note = previous.note
    session.flush()
