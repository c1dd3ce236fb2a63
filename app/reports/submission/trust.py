"""Whether the secretariat may apply a file: its signer's key against the key pinned per country.

Trust on first use: the first signed file of a country pins its key. A file signed by another key,
or an older unsigned one, is held until the officer confirms the key (its fingerprint, read out by
the coordinator over the phone) or, for an unsigned file, confirms the file itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import country_name
from app.models.services.keys.fingerprint import fingerprint, normalize_fingerprint
from app.models.services.keys.pins import Trust, pin, trust_of
from app.reports.submission.read import ParsedSubmission


@dataclass(frozen=True)
class Confirmations:
    """What the officer confirmed for this import: key fingerprints, and unsigned files."""

    keys: frozenset[str] = field(default_factory=frozenset)
    unsigned: bool = False

    @classmethod
    def of(cls, fingerprints: list[str] | tuple[str, ...] = (), unsigned: bool = False
           ) -> Confirmations:
        return cls(frozenset(normalize_fingerprint(f) for f in fingerprints if f.strip()), unsigned)

    def accepts(self, public_key: bytes | None) -> bool:
        if public_key is None:
            return self.unsigned
        return fingerprint(public_key) in self.keys


@dataclass(frozen=True)
class TrustCheck:
    trust: Trust
    #: The signer's fingerprint ("" for an unsigned file).
    fingerprint: str
    #: Why the file is held (empty: it may be applied).
    held: str = ""
    notice: str = ""


def check_trust(session: Session, parsed: ParsedSubmission, confirmed: Confirmations
                ) -> TrustCheck:
    """How far the file's signer is trusted for its country; nothing is pinned yet."""
    country = parsed.identity.country
    key = parsed.signer_key
    trust = trust_of(session, country, key)
    shown = fingerprint(key) if key is not None else ""
    if trust in (Trust.NEW_KEY, Trust.UNSIGNED) and confirmed.accepts(key):
        return TrustCheck(trust, shown, notice=_(
            "The officer confirmed the key {fingerprint} with the coordinator.").format(
                fingerprint=shown) if key is not None else _(
            "The officer confirmed this unsigned file with the coordinator."))
    if trust == Trust.NEW_KEY:
        return TrustCheck(trust, shown, held=_(
            "Held: signed by a new key {fingerprint}, not the one pinned for {country}; confirm "
            "with the coordinator (by phone, not by replying to the e-mail) that this is their "
            "key, then confirm it here. Nothing was applied.").format(
                fingerprint=shown, country=country_name(country)))
    if trust == Trust.UNSIGNED:
        return TrustCheck(trust, shown, held=_(
            "Held: the file is not signed (it was made by an older version of the app); confirm "
            "with the coordinator that they sent it, then confirm it here. Nothing was applied."))
    if trust == Trust.FIRST_USE:
        return TrustCheck(trust, shown, notice=_(
            "The first signed file of {country}: its key {fingerprint} is now pinned. Confirm it "
            "with the coordinator when you can.").format(country=country_name(country),
                                                         fingerprint=shown))
    return TrustCheck(trust, shown)


def remember_signer(session: Session, parsed: ParsedSubmission, check: TrustCheck,
                    now: dt.datetime) -> None:
    """Pin the signer's key once its file was applied (confirmed by a person unless first use)."""
    if parsed.signer_key is not None and check.trust != Trust.PINNED:
        pin(session, parsed.identity.country, parsed.signer_key,
            confirmed=check.trust != Trust.FIRST_USE, now=now)
