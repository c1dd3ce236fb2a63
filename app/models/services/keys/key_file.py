"""The workspace key in a passphrase-protected file, to move a workspace's identity to a new laptop.

PKCS#8 PEM, encrypted with the best scheme `cryptography` offers for the passphrase: the file can
be carried on a USB stick or mailed, and is useless without the passphrase.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.errors import ValidationError
from app.models.services.keys.own import replace_own_key, signer

KEY_FILE_SUFFIX = ".apkey"
MIN_PASSPHRASE = 8
MAX_KEY_FILE = 16 * 1024


def key_file_bytes(key: Ed25519PrivateKey, passphrase: str) -> bytes:
    """The key as encrypted PEM; the passphrase must be long enough to be worth something."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(_("Choose a passphrase of at least {count} characters.").format(
            count=MIN_PASSPHRASE), "passphrase")
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(passphrase.encode()))


def export_key(session: Session, path: Path, passphrase: str) -> Path:
    """Write the workspace's key to `path`, protected by `passphrase`."""
    data = key_file_bytes(signer(session), passphrase)
    path = Path(path)
    path.write_bytes(data)
    return path


def read_key_file(path: Path, passphrase: str) -> Ed25519PrivateKey:
    """The key in `path`; ValidationError if the passphrase is wrong or the file is not a key."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise ValueError("too large")
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(_("The key file could not be read ({error}).").format(
            error=exc.strerror or exc), "file") from exc
    except ValueError as exc:
        raise ValidationError(_("{name} is not a workspace key file.").format(name=path.name),
                              "file") from exc
    try:
        key = serialization.load_pem_private_key(data, password=passphrase.encode())
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("The passphrase is wrong, or {name} is not a workspace key file."
                                ).format(name=path.name), "passphrase") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ValidationError(_("{name} is not a workspace key file.").format(name=path.name),
                              "file")
    return key


def import_key(session: Session, path: Path, passphrase: str) -> None:
    """Make the key in `path` this workspace's key (its exports are then signed with it)."""
    replace_own_key(session, read_key_file(path, passphrase))
