"""Ed25519 signatures over a message, and their check; the bytes go into workbooks as base64."""

from __future__ import annotations

import base64
import binascii

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

KEY_BYTES = 32
SIGNATURE_BYTES = 64


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    """The signature of `message`, base64."""
    return base64.b64encode(key.sign(message)).decode("ascii")


def public_text(key: Ed25519PrivateKey) -> str:
    return base64.b64encode(key.public_key().public_bytes_raw()).decode("ascii")


def decode_key(text: str) -> bytes | None:
    """A base64 public key as 32 raw bytes, or None if it is not one."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == KEY_BYTES else None


def verify(public_key: bytes, signature: str, message: bytes) -> bool:
    """Whether `signature` (base64) is the holder of `public_key`'s over `message`."""
    try:
        raw = base64.b64decode(signature.strip(), validate=True)
        if len(raw) != SIGNATURE_BYTES:
            return False
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw, message)
    except (binascii.Error, ValueError, InvalidSignature):
        return False
    return True
