"""Record progress of commitments per period; copy a period forward; respect the period lock."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, fields, replace

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from app.i18n import _
from app.models.errors import ValidationError
from app.models.orm.enums import ProgressStatus
from app.models.orm.reporting import (
    Commitment,
    EvidenceReference,
    ProgressUpdate,
    ReportingPeriod,
)
from app.models.services.reporting.periods import ensure_unlocked, previous_period


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
    if data.percent is not None and not percent_allowed(data.percent):
        raise ValidationError(percent_refusal(), "percent")
    if data.status == ProgressStatus.COMPLETED and data.percent not in (None, 100):
        raise ValidationError(_("A completed commitment is at 100%."), "percent")
    for title, _location in data.evidence:
        if not title.strip():
            raise ValidationError(_("Every evidence reference needs a title."), "evidence")


def with_status(data: ProgressInput | None, status: ProgressStatus) -> ProgressInput:
    """`data` with a new status; completing a commitment makes it 100% done."""
    changed = replace(data or ProgressInput(), status=status)
    if status == ProgressStatus.COMPLETED:
        changed.percent = 100
    return changed


def percent_allowed(percent: int) -> bool:
    return 0 <= percent <= 100


def percent_refusal() -> str:
    """The one message for a percent out of range, in the form, the table and the service."""
    return _("Percent must be between 0 and 100.")


def with_percent(data: ProgressInput | None, percent: int | None) -> ProgressInput:
    """`data` with a new percent; a completed commitment below 100% is back on track."""
    changed = replace(data or ProgressInput(), percent=percent)
    if changed.status == ProgressStatus.COMPLETED and percent not in (None, 100):
        changed.status = ProgressStatus.ON_TRACK
    return changed


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
    return _latest_updates(session, Commitment.country_code == country)


def latest_updates_of(session: Session, commitment_ids: Collection[int]) -> dict[int, ProgressUpdate]:
    """The most recent update of each of these commitments, whatever their countries, by id."""
    if not commitment_ids:
        return {}
    return _latest_updates(session, Commitment.id.in_(list(commitment_ids)))


def _latest_updates(session: Session, which: ColumnElement[bool]) -> dict[int, ProgressUpdate]:
    latest_start = (
        select(ProgressUpdate.commitment_id, func.max(ReportingPeriod.start_date).label("start"))
        .join(ReportingPeriod)
        .join(Commitment)
        .where(which)
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
    """Pre-fill `period` from the one before it; returns how many updates were created."""
    return len(copy_forward(session, country, period))


def copy_candidates(session: Session, country: str, period: ReportingPeriod) -> list[ProgressUpdate]:
    """The previous period's updates that a copy would carry into `period` (none already there)."""
    before = previous_period(session, period)
    if before is None:
        return []
    existing = updates_for_period(session, country, period.id)
    return [old for commitment_id, old in updates_for_period(session, country, before.id).items()
            if commitment_id not in existing and not old.commitment.retired]


def copy_forward(session: Session, country: str, period: ReportingPeriod) -> list[int]:
    """Pre-fill `period` from the one before it, for commitments that have no update yet.

    Returns the ids of the commitments that got an update (to undo exactly those). Every update
    carries over as it was: status, percent, texts and evidence, for the coordinator to revise.
    """
    ensure_unlocked(session, country, period)
    created: list[int] = []
    for old in copy_candidates(session, country, period):
        session.add(ProgressUpdate(
            commitment_id=old.commitment_id, period_id=period.id, status=old.status,
            percent=old.percent, narrative=old.narrative, challenges=old.challenges,
            support_requested=old.support_requested, support_from=old.support_from,
            evidence=[EvidenceReference(title=e.title, location=e.location) for e in old.evidence],
        ))
        created.append(old.commitment_id)
    session.flush()
    return created


def clear_progress_of(session: Session, commitment_ids: list[int], period_id: int) -> None:
    """Remove the period's updates of these commitments (undo of a copy from the previous period)."""
    for commitment_id in commitment_ids:
        clear_progress(session, commitment_id, period_id)


#: Partners whom support is most often asked of, stored by these codes in `support_from`.
SUPPORT_PARTNERS = ("UNHCR", "IOM")


def split_support_from(text: str) -> tuple[set[str], str]:
    """The known partners named in `support_from`, and the other names as typed."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    known = {name for name in names if name in SUPPORT_PARTNERS}
    others = ", ".join(name for name in names if name not in SUPPORT_PARTNERS)
    return known, others


def join_support_from(known: set[str], others: str) -> str:
    """`support_from` for the partners ticked and the other names typed (duplicates dropped)."""
    names = [code for code in SUPPORT_PARTNERS if code in known]
    for name in (part.strip() for part in others.split(",")):
        if name and name not in names:
            names.append(name)
    return ", ".join(names)
