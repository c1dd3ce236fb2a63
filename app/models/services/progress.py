"""Record progress of commitments per period; copy a period forward; respect the period lock."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.i18n import _
from app.models.enums import ProgressStatus
from app.models.errors import ValidationError
from app.models.reporting import (
    Commitment,
    EvidenceReference,
    ProgressUpdate,
    ReportingPeriod,
)
from app.models.services.periods import ensure_unlocked, previous_period


@dataclass
class ProgressInput:
    status: ProgressStatus = ProgressStatus.NOT_STARTED
    percent: int | None = None
    narrative: str = ""
    challenges: str = ""
    support_requested: str = ""
    support_from: str = ""
    #: (title, location) pairs.
    evidence: list[tuple[str, str]] = field(default_factory=list)


def validate_progress(data: ProgressInput) -> None:
    if data.percent is not None and not 0 <= data.percent <= 100:
        raise ValidationError(_("Percent must be between 0 and 100."), "percent")
    if data.status == ProgressStatus.COMPLETED and data.percent not in (None, 100):
        raise ValidationError(_("A completed commitment is at 100%."), "percent")
    for title, _location in data.evidence:
        if not title.strip():
            raise ValidationError(_("Every evidence reference needs a title."), "evidence")


def get_update(session: Session, commitment_id: int, period_id: int) -> ProgressUpdate | None:
    return session.scalar(
        select(ProgressUpdate)
        .where(ProgressUpdate.commitment_id == commitment_id, ProgressUpdate.period_id == period_id)
        .options(selectinload(ProgressUpdate.evidence))
    )


def progress_input(update: ProgressUpdate | None) -> ProgressInput | None:
    """The editable values of an update, or None where there is none (e.g. to undo)."""
    if update is None:
        return None
    values = {f.name: getattr(update, f.name) for f in fields(ProgressInput) if f.name != "evidence"}
    return ProgressInput(**values, evidence=[(e.title, e.location) for e in update.evidence])


def record_progress(
    session: Session, commitment_id: int, period_id: int, data: ProgressInput
) -> ProgressUpdate:
    """Create or replace the update of a commitment for a period."""
    validate_progress(data)
    commitment = session.get_one(Commitment, commitment_id)
    period = session.get_one(ReportingPeriod, period_id)
    ensure_unlocked(session, commitment.country_code, period)
    update = get_update(session, commitment_id, period_id)
    if update is None:
        update = ProgressUpdate(commitment_id=commitment_id, period_id=period_id)
        session.add(update)
    fill_update(update, data)
    session.flush()
    return update


def fill_update(update: ProgressUpdate, data: ProgressInput) -> None:
    """Set an update's values (validated already); evidence is replaced only if it changed."""
    for f in fields(ProgressInput):
        if f.name != "evidence":
            setattr(update, f.name, getattr(data, f.name))
    wanted = [(t.strip(), loc.strip()) for t, loc in data.evidence]
    if [(e.title, e.location) for e in update.evidence] != wanted:
        update.evidence = [EvidenceReference(title=t, location=loc) for t, loc in wanted]


def clear_progress(session: Session, commitment_id: int, period_id: int) -> None:
    """Remove the update of a commitment for a period (undo of a first entry)."""
    update = get_update(session, commitment_id, period_id)
    if update is None:
        return
    period = session.get_one(ReportingPeriod, period_id)
    ensure_unlocked(session, update.commitment.country_code, period)
    session.delete(update)
    session.flush()


def updates_for_period(session: Session, country: str, period_id: int) -> dict[int, ProgressUpdate]:
    """The country's updates for a period, by commitment id."""
    rows = session.scalars(
        select(ProgressUpdate)
        .join(Commitment)
        .where(Commitment.country_code == country, ProgressUpdate.period_id == period_id)
    )
    return {update.commitment_id: update for update in rows}


def latest_updates(session: Session, country: str) -> dict[int, ProgressUpdate]:
    """Each commitment's most recent update (by period), by commitment id."""
    latest_start = (
        select(ProgressUpdate.commitment_id, func.max(ReportingPeriod.start_date).label("start"))
        .join(ReportingPeriod)
        .join(Commitment)
        .where(Commitment.country_code == country)
        .group_by(ProgressUpdate.commitment_id)
        .subquery()
    )
    rows = session.scalars(
        select(ProgressUpdate)
        .join(ReportingPeriod)
        .join(latest_start, (latest_start.c.commitment_id == ProgressUpdate.commitment_id)
              & (latest_start.c.start == ReportingPeriod.start_date))
        .options(selectinload(ProgressUpdate.period))
    )
    return {update.commitment_id: update for update in rows}


def copy_from_previous(session: Session, country: str, period: ReportingPeriod) -> int:
    """Pre-fill `period` from the one before it, for commitments that have no update yet.

    Returns how many updates were created. Completed and cancelled commitments carry over as they
    are; others keep status and percent, with the narrative to be revised.
    """
    ensure_unlocked(session, country, period)
    before = previous_period(session, period)
    if before is None:
        return 0
    existing = updates_for_period(session, country, period.id)
    created = 0
    for commitment_id, old in updates_for_period(session, country, before.id).items():
        if commitment_id in existing or old.commitment.retired:
            continue
        session.add(ProgressUpdate(
            commitment_id=commitment_id, period_id=period.id, status=old.status,
            percent=old.percent, narrative=old.narrative, challenges=old.challenges,
            support_requested=old.support_requested, support_from=old.support_from,
            evidence=[EvidenceReference(title=e.title, location=e.location) for e in old.evidence],
        ))
        created += 1
    session.flush()
    return created
