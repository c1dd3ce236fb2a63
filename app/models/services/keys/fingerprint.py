"""A public key's fingerprint as a person reads it out over the phone: six groups of five digits."""

from __future__ import annotations

import hashlib
import re

GROUPS = 6
DIGITS = 5


def fingerprint(public_key: bytes) -> str:
    """`12345 67890 …`: SHA-256 of the raw key, 5 bytes per group taken modulo 100,000.

    Digits, not hex, because they are read the same in every language the app speaks; six groups
    (about 100 bits) are far more than anyone could match by making keys until one looks alike.
    """
    digest = hashlib.sha256(public_key).digest()
    groups = [int.from_bytes(digest[i * 5:(i + 1) * 5], "big") % 10 ** DIGITS for i in range(GROUPS)]
    return " ".join(f"{group:0{DIGITS}d}" for group in groups)


def normalize_fingerprint(text: str) -> str:
    """What a person typed (spaces, dashes or none) in the form `fingerprint` writes."""
    digits = re.sub(r"\D", "", text)
    return " ".join(digits[i:i + DIGITS] for i in range(0, len(digits), DIGITS))
