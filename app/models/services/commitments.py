"""Add, edit, retire and list a country's commitments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.i18n import _
from app.models.enums import Priority
from app.models.errors import ValidationError
from app.models.plan import Action, Objective
from app.models.reporting import Commitment


@dataclass
class CommitmentInput:
    action_id: int
    description: str
    lead_agency: str = ""
    partners: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    priority: Priority = Priority.MEDIUM


def validate_commitment(data: CommitmentInput) -> None:
    """Raise ValidationError naming the field at fault, so the form can show it beside the field."""
    if not data.description.strip():
        raise ValidationError(_("Describe what the country commits to."), "description")
    if not data.lead_agency.strip():
        raise ValidationError(_("Name the lead agency."), "lead_agency")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise ValidationError(_("The end date must not be before the start date."), "end_date")


def add_commitment(session: Session, country: str, data: CommitmentInput, *,
                   source_id: int | None = None, flush: bool = True) -> Commitment:
    """Add a commitment; `source_id` is its id in the coordinator's workspace (secretariat side).

    `flush=False` leaves the write to the caller's next flush (an import flushes once).
    """
    validate_commitment(data)
    if session.get(Action, data.action_id) is None:
        raise ValidationError(_("The chosen action no longer exists."), "action")
    commitment = Commitment(country_code=country, source_id=source_id, **_values(data))
    session.add(commitment)
    if flush:
        session.flush()
    return commitment


def update_commitment(session: Session, commitment_id: int, data: CommitmentInput, *,
                      flush: bool = True) -> Commitment:
    validate_commitment(data)
    commitment = session.get_one(Commitment, commitment_id)
    for name, value in _values(data).items():
        setattr(commitment, name, value)
    if flush:
        session.flush()
    return commitment


def set_retired(session: Session, commitment_id: int, retired: bool) -> Commitment:
    commitment = session.get_one(Commitment, commitment_id)
    commitment.retired = retired
    session.flush()
    return commitment


def commitment_input(commitment: Commitment) -> CommitmentInput:
    """The editable values of a commitment (e.g. to undo an edit)."""
    return CommitmentInput(**{f.name: getattr(commitment, f.name) for f in fields(CommitmentInput)})


def _values(data: CommitmentInput) -> dict[str, object]:
    values = {f.name: getattr(data, f.name) for f in fields(CommitmentInput)}
    values["description"] = data.description.strip()
    values["lead_agency"] = data.lead_agency.strip()
    values["partners"] = data.partners.strip()
    return values


def list_commitments(
    session: Session, country: str, *, include_retired: bool = False
) -> list[Commitment]:
    """A country's commitments in plan order, with their action and objective loaded."""
    query = (
        select(Commitment)
        .join(Commitment.action).join(Action.objective)
        .where(Commitment.country_code == country)
        .options(joinedload(Commitment.action).joinedload(Action.objective))
        .order_by(Objective.position, Action.position, Commitment.id)
    )
    if not include_retired:
        query = query.where(Commitment.retired.is_(False))
    return list(session.scalars(query))


def commitments_by_action(session: Session, country: str) -> dict[int, list[Commitment]]:
    grouped: dict[int, list[Commitment]] = {}
    for commitment in list_commitments(session, country):
        grouped.setdefault(commitment.action_id, []).append(commitment)
    return grouped
