"""The workspace's own Ed25519 key pair: made once, kept in the database, used to sign exports."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from app.models.orm.keys import SigningKey
from app.models.services.keys.fingerprint import fingerprint


def own_key(session: Session) -> SigningKey:
    """The workspace's key row, made now if the workspace has none yet (a new workspace)."""
    row = session.get(SigningKey, 1)
    if row is None:
        key = Ed25519PrivateKey.generate()
        row = SigningKey(id=1, private_key=key.private_bytes_raw(),
                         public_key=key.public_key().public_bytes_raw())
        session.add(row)
        session.flush()
    return row


def signer(session: Session) -> Ed25519PrivateKey:
    """The private key, ready to sign."""
    return Ed25519PrivateKey.from_private_bytes(own_key(session).private_key)


def own_fingerprint(session: Session) -> str:
    return fingerprint(own_key(session).public_key)


def replace_own_key(session: Session, key: Ed25519PrivateKey) -> SigningKey:
    """Put `key` in place of the workspace's key pair (a key file moved from another laptop)."""
    row = own_key(session)
    row.private_key = key.private_bytes_raw()
    row.public_key = key.public_key().public_bytes_raw()
    session.flush()
    return row
