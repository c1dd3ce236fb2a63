"""Add, edit, retire and list a country's commitments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.i18n import _
from app.models.errors import ValidationError
from app.models.orm.enums import Priority
from app.models.orm.plan import Action, Objective
from app.models.orm.reporting import Commitment


@dataclass
class CommitmentInput:
    action_id: int
    description: str
    lead_agency: str = ""
    partners: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    priority: Priority = Priority.MEDIUM


def commitment_problems(data: CommitmentInput) -> dict[str, str]:
    """Every rule the input breaks, by field, so a form can show each reason beside its field."""
    problems: dict[str, str] = {}
    if not data.description.strip():
        problems["description"] = _("Describe what the country commits to.")
    if not data.lead_agency.strip():
        problems["lead_agency"] = _("Name the lead agency.")
    if data.start_date and data.end_date and data.end_date < data.start_date:
        problems["end_date"] = _("The end date must not be before the start date.")
    return problems


def validate_commitment(data: CommitmentInput) -> None:
    """Raise ValidationError naming the field at fault, so the form can show it beside the field."""
    problems = commitment_problems(data)
    if problems:
        field_name, message = next(iter(problems.items()))
        raise ValidationError(message, field_name)


def add_commitment(
    session: Session, country: str, data: CommitmentInput, commitment_id: int | None = None, *,
    source_id: int | None = None, flush: bool = True,
) -> Commitment:
    """Add a commitment; `commitment_id` is given only to redo an addition that was undone.

    `source_id` is its id in the coordinator's workspace (secretariat side); `flush=False` leaves
    the write to the caller's next flush (an import flushes once).
    """
    validate_commitment(data)
    if session.get(Action, data.action_id) is None:
        raise ValidationError(_("The chosen action no longer exists."), "action")
    commitment = Commitment(id=commitment_id, country_code=country, source_id=source_id,
                            **_values(data))
    session.add(commitment)
    if flush:
        session.flush()
    return commitment


def delete_commitment(session: Session, commitment_id: int) -> None:
    """Remove a commitment for good: only to undo adding it (retire it otherwise, to keep history)."""
    commitment = session.get(Commitment, commitment_id)
    if commitment is not None:
        session.delete(commitment)
        session.flush()


def get_commitment(session: Session, commitment_id: int) -> Commitment | None:
    return session.get(Commitment, commitment_id)


def known_agencies(session: Session, country: str | None) -> list[str]:
    """Lead agencies already named in the country's commitments, for completion in forms."""
    query = select(Commitment.lead_agency).distinct().where(Commitment.lead_agency != "")
    if country:
        query = query.where(Commitment.country_code == country)
    return sorted(session.scalars(query), key=str.casefold)


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


def stored_commitment_input(session: Session, commitment_id: int) -> CommitmentInput:
    """The editable values of a stored commitment, by id (the edit form starts from them)."""
    return commitment_input(session.get_one(Commitment, commitment_id))


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
