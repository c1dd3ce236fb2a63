"""What the secretariat answered about a period's report, in one line for the coordinator."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import format_date
from app.models.orm.reporting import Submission


def receipt_line(session: Session, country: str, period_id: int) -> str:
    """"Received r2 on …, acknowledged on … — note", from the newest receipt taken; "" if none."""
    submission = session.scalar(
        select(Submission).where(Submission.country_code == country,
                                 Submission.period_id == period_id,
                                 Submission.received_at.is_not(None))
        .order_by(Submission.revision.desc()))
    if submission is None or submission.received_at is None:
        return ""
    received = format_date(submission.received_at.date())
    if submission.acknowledged_at is None:
        return _("The secretariat received revision {revision} on {received}.").format(
            revision=submission.revision, received=received)
    text = _("The secretariat received revision {revision} on {received} and acknowledged it on "
             "{acknowledged}.").format(revision=submission.revision, received=received,
                                       acknowledged=format_date(submission.acknowledged_at.date()))
    if submission.acknowledgement_note:
        text += " " + _("Note: {note}").format(note=submission.acknowledgement_note)
    return text
