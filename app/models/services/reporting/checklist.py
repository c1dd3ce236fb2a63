"""The period's checklist on the dashboard: the steps of a half-year report, each done or not.

Read from what the workspace holds, so a step ticks itself when its work is done elsewhere:
details complete → plan current → commitments entered → progress recorded → exported → sent →
receipt received. "Sent" is known to the interface only (the mail program gets the file), so the
caller says which exported files were sent; the receipt is the submission's acknowledged state.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.i18n import N_
from app.models.orm import Commitment, WorkspaceProfile
from app.models.orm.enums import SubmissionState
from app.models.services.plan.current import current_plan
from app.models.services.reporting.periods import latest_submission

STEPS = ("details", "plan", "commitments", "progress", "exported", "sent", "receipt")
LABELS = {
    "details": N_("Details complete"), "plan": N_("Plan current"),
    "commitments": N_("Commitments entered"), "progress": N_("Progress recorded"),
    "exported": N_("Exported"), "sent": N_("Sent"), "receipt": N_("Receipt received"),
}
EXPORTED_STATES = (SubmissionState.EXPORTED, SubmissionState.ACKNOWLEDGED)


@dataclass(frozen=True)
class Checklist:
    done: dict[str, bool]
    #: The digest and file of the period's latest exported workbook (for "Send by e-mail…").
    digest: str | None = None
    file_name: str | None = None

    @property
    def next_step(self) -> str | None:
        """The first step not done yet (None when the period is through)."""
        return next((step for step in STEPS if not self.done[step]), None)


def period_checklist(session: Session, profile: WorkspaceProfile, country: str, period_id: int,
                     updated: int, total: int, sent_digests: Collection[str] = ()) -> Checklist:
    """Each step of the period's report, done or not; `updated`/`total` are the dashboard's
    count of active commitments with an update in the period."""
    plan = current_plan(session)
    commitments = session.scalar(select(func.count()).select_from(Commitment).where(
        Commitment.country_code == country, Commitment.retired.is_(False))) or 0
    submission = latest_submission(session, country, period_id)
    exported = submission is not None and submission.state in EXPORTED_STATES
    digest = submission.digest if exported and submission is not None else None
    done = {
        "details": all(text.strip() for text in (profile.coordinator_name, profile.ministry,
                                                 profile.email)),
        "plan": plan is not None and not plan.is_template,
        "commitments": commitments > 0,
        "progress": total > 0 and updated >= total,
        "exported": exported,
        "sent": exported and digest is not None and digest in sent_digests,
        "receipt": submission is not None and submission.state == SubmissionState.ACKNOWLEDGED,
    }
    return Checklist(done=done, digest=digest,
                     file_name=submission.file_name if exported and submission else None)
