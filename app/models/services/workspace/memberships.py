"""Who takes part in the process, in which role, and since when: history is kept, not overwritten."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import locale_for
from app.models.errors import ValidationError
from app.models.orm.enums import MembershipRole
from app.models.orm.reference import Country, Membership
from app.models.services.rows import assigned, inserted


@dataclass
class MembershipInput:
    country_code: str
    role: MembershipRole
    valid_from: dt.date
    valid_to: dt.date | None = None
    note: str = ""


def membership_input(membership: Membership) -> MembershipInput:
    return MembershipInput(membership.country_code, membership.role, membership.valid_from,
                           membership.valid_to, membership.note)


def stored_membership_input(session: Session, membership_id: int) -> MembershipInput:
    return membership_input(session.get_one(Membership, membership_id))


def end_membership(session: Session, membership_id: int, valid_to: dt.date | None) -> Membership:
    """Set when a membership ends, keeping the rest as it is (undoing a change of role)."""
    return update_membership(session, membership_id, replace(
        stored_membership_input(session, membership_id), valid_to=valid_to))


def list_memberships(session: Session) -> list[Membership]:
    return list(session.scalars(select(Membership).order_by(Membership.country_code,
                                                            Membership.valid_from)))


def _ensure_country(session: Session, code: str) -> str:
    """A known country, added to the workspace if CLDR knows the code (e.g. a new observer)."""
    code = (code or "").strip().upper()
    if session.get(Country, code) is not None:
        return code
    if len(code) != 2 or code not in locale_for("en").territories:
        raise ValidationError(_("Unknown country code: {code}").format(code=code), "country")
    session.add(Country(code=code))
    session.flush()
    return code


def validate_membership(session: Session, data: MembershipInput, own_id: int | None = None) -> str:
    code = _ensure_country(session, data.country_code)
    if data.valid_to is not None and data.valid_to < data.valid_from:
        raise ValidationError(_("The end date must not be before the start date."), "valid_to")
    far = dt.date.max
    for other in session.scalars(select(Membership).where(Membership.country_code == code,
                                                          Membership.id != (own_id or -1))):
        if other.valid_from <= (data.valid_to or far) and (other.valid_to or far) >= data.valid_from:
            raise ValidationError(
                _("This overlaps another membership of the same country (from {start}).").format(
                    start=other.valid_from.isoformat()), "valid_from")
    return code


def _values(session: Session, data: MembershipInput, own_id: int | None = None) -> dict[str, object]:
    """The membership's columns from the form (the same names), checked and cleaned."""
    return {**asdict(data), "country_code": validate_membership(session, data, own_id),
            "note": data.note.strip()}


def add_membership(session: Session, data: MembershipInput, *,
                   item_id: int | None = None) -> Membership:
    return inserted(session, Membership(id=item_id, **_values(session, data)))


def update_membership(session: Session, membership_id: int, data: MembershipInput) -> Membership:
    """Correct a membership record (a mistake); a change of role is `change_role`."""
    membership = session.get_one(Membership, membership_id)
    return assigned(session, membership, _values(session, data, membership_id))


def delete_membership(session: Session, membership_id: int) -> None:
    session.delete(session.get_one(Membership, membership_id))
    session.flush()


def change_role(session: Session, country: str, role: MembershipRole, since: dt.date,
                note: str = "") -> tuple[Membership, Membership | None, dt.date | None]:
    """The country takes `role` from `since`: the open membership ends the day before.

    Returns the new membership, the one that was closed (if any) and its previous end date, so the
    change can be undone.
    """
    open_one = session.scalar(select(Membership).where(
        Membership.country_code == country.upper(), Membership.valid_from <= since,
        (Membership.valid_to.is_(None)) | (Membership.valid_to >= since)))
    previous_end = None
    if open_one is not None:
        if open_one.valid_from == since:
            raise ValidationError(
                _("A membership already starts on this day; correct it instead."), "valid_from")
        if open_one.role == role:
            raise ValidationError(_("The country already has this role on this day."), "role")
        previous_end = open_one.valid_to
        open_one.valid_to = since - dt.timedelta(days=1)
        session.flush()
    new = add_membership(session, MembershipInput(country, role, since, previous_end, note))
    return new, open_one, previous_end


def roles_on(session: Session, day: dt.date) -> dict[str, MembershipRole]:
    """Each country's role on a day (countries without a membership then are left out)."""
    rows = session.execute(select(Membership.country_code, Membership.role).where(
        Membership.valid_from <= day,
        (Membership.valid_to.is_(None)) | (Membership.valid_to >= day)))
    return {code: role for code, role in rows}


def latest_roles(session: Session, until: dt.date) -> dict[str, MembershipRole]:
    """Each country's role on `until`, else its last role before it (a former member stays visible)."""
    roles: dict[str, MembershipRole] = {}
    for membership in session.scalars(select(Membership).where(Membership.valid_from <= until)
                                      .order_by(Membership.valid_from)):
        roles[membership.country_code] = membership.role
    return roles


def workspace_countries(session: Session) -> list[str]:
    """Every country this workspace knows (codes; the UI names and sorts them)."""
    return list(session.scalars(select(Country.code).order_by(Country.code)))


@dataclass(frozen=True)
class MembershipRow:
    id: int
    data: MembershipInput


def membership_rows(session: Session) -> list[MembershipRow]:
    return [MembershipRow(m.id, membership_input(m)) for m in list_memberships(session)]
