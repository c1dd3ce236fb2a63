"""Trust on first use: the first key seen for a sender is pinned; another key waits for a person.

As SSH does with hosts: nothing is asked the first time, and a file signed by a key other than the
one pinned (or not signed at all) is held until someone confirms the new key's fingerprint with
the sender, by phone or in person. Confirming pins the new key; the newest pin is the one trusted.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.orm.base import utcnow
from app.models.orm.keys import SECRETARIAT_PARTY, PinnedKey
from app.models.services.keys.fingerprint import fingerprint, normalize_fingerprint


class Trust(enum.StrEnum):
    PINNED = "pinned"  # signed by the key pinned for this sender
    FIRST_USE = "first_use"  # no key pinned for this sender yet: this one will be
    NEW_KEY = "new_key"  # signed by another key than the one pinned: held
    UNSIGNED = "unsigned"  # an older format without a signature: held


def trusted_key(session: Session, party: str) -> PinnedKey | None:
    """The key currently trusted for `party` (the newest pinned), if any."""
    return session.scalar(select(PinnedKey).where(PinnedKey.party == party)
                          .order_by(PinnedKey.pinned_at.desc(), PinnedKey.id.desc()))


def trust_of(session: Session, party: str, public_key: bytes | None) -> Trust:
    """How far a file signed by `public_key` (None: unsigned) for `party` can be trusted."""
    if public_key is None:
        return Trust.UNSIGNED
    pinned = trusted_key(session, party)
    if pinned is None:
        return Trust.FIRST_USE
    return Trust.PINNED if pinned.public_key == public_key else Trust.NEW_KEY


def pin(session: Session, party: str, public_key: bytes, *, confirmed: bool,
        now: dt.datetime | None = None) -> PinnedKey:
    """Trust `public_key` for `party` from now on (the newest pin wins)."""
    row = session.scalar(select(PinnedKey).where(PinnedKey.party == party,
                                                 PinnedKey.public_key == public_key))
    if row is None:
        row = PinnedKey(party=party, public_key=public_key)
        session.add(row)
    row.pinned_at = now or utcnow()
    row.confirmed = row.confirmed or confirmed
    session.flush()
    return row


def matches(public_key: bytes, typed: str) -> bool:
    """Whether a fingerprint a person typed is this key's."""
    return bool(typed.strip()) and normalize_fingerprint(typed) == fingerprint(public_key)


def pinned_keys(session: Session) -> list[PinnedKey]:
    """Every pin, per party newest first (for the workspace key dialog)."""
    return list(session.scalars(select(PinnedKey).order_by(PinnedKey.party,
                                                           PinnedKey.pinned_at.desc())))


def plan_sender_trust(session: Session, public_key: bytes | None) -> Trust:
    """How far a plan workbook's signer is trusted: the secretariat's key, pinned by a coordinator.

    The secretariat's own workspace (re-importing its plan) trusts its own key and pins nothing.
    """
    from app.models.orm.enums import WorkspaceRole
    from app.models.services.keys.own import own_key
    from app.models.services.workspace.profile import get_profile

    profile = get_profile(session)
    if profile is not None and profile.role == WorkspaceRole.SECRETARIAT:
        return Trust.PINNED
    if public_key is not None and public_key == own_key(session).public_key:
        return Trust.PINNED
    return trust_of(session, SECRETARIAT_PARTY, public_key)
