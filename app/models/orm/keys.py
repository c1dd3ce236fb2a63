"""Signing keys: this workspace's own Ed25519 key pair, and the keys it trusts for each sender.

The key pair lives in the workspace (so backups and restores keep it); the pinned keys are what
"trust on first use" remembers: the first key seen for a country (or for the secretariat), and any
later key a person confirmed over the phone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.orm.base import Base, UTCDateTime, utcnow

#: The party name a coordinator pins the secretariat's key under (countries use their ISO code).
SECRETARIAT_PARTY = "secretariat"


class SigningKey(Base):
    """Exactly one row: the workspace's private and public Ed25519 key (32 raw bytes each)."""

    __tablename__ = "signing_key"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(primary_key=True, default=1)
    private_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class PinnedKey(Base):
    """A sender's public key this workspace trusts; the newest pinned one per party is current."""

    __tablename__ = "pinned_key"
    __table_args__ = (UniqueConstraint("party", "public_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: A country's ISO code, or SECRETARIAT_PARTY.
    party: Mapped[str] = mapped_column(String(20), index=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    pinned_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: False: pinned on first use; True: a person confirmed the fingerprint with the sender.
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
