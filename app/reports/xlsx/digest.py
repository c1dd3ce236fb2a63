"""The digest of a workbook's content: SHA-256 over a canonical form of its values, not its bytes.

The zip bytes change whenever Excel or LibreOffice saves a file, even untouched; the values do not.
So both the exporter and the importer reduce every key and data cell to a canonical value (text
cleaned, numbers normalised, dates as ISO days, choices as their codes), serialise each row as
compact JSON, sort the rows (sorting a sheet is not an edit) and hash the lot. The same data gives
the same digest in any header language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from app.models.invisible import strip_invisible

#: Characters XML 1.0 forbids, dropped from every text written: the C0 controls (openpyxl refuses
#: them), lone surrogates and the non-characters U+FFFE and U+FFFF (which openpyxl would write,
#: making a file that neither Excel nor this app can open).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FINGERPRINT_WIDTH = 8
#: The most characters a spreadsheet cell holds.
MAX_CELL_TEXT = 32767


def clean_text(value: str | None) -> str | None:
    """Text as the workbook can hold it: one newline convention, no control characters, trimmed."""
    if value is None:
        return None
    text = XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    # Trimmed again after the cut, or a text cut at a space or newline would not be its own
    # clean form, and read back it would differ from what the digest holds ("edited").
    return text[:MAX_CELL_TEXT].rstrip() or None


def clean_name(value: str | None) -> str | None:
    """A name, code or location as `clean_text`, without characters that reorder or hide text.

    Export and import both write and read these columns through here, so the digest agrees.
    """
    return clean_text(None if value is None else strip_invisible(value))


def safe_text(value: str) -> str:
    """A context text (a title, a label) as a cell can hold it, otherwise untouched."""
    return XML_ILLEGAL.sub("", value)[:MAX_CELL_TEXT]


def normalize_number(value: float | int | bool | None) -> float | int | None:
    """Whole numbers as int, others with 12 significant digits (spreadsheets keep 15)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if value != value or value in (float("inf"), float("-inf")):  # NaN, infinities
        return None
    if float(value).is_integer():
        return int(value)
    return float(f"{value:.12g}")


def _default(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"not canonical: {value!r}")


def row_json(values: Sequence[Any]) -> str:
    return json.dumps(list(values), ensure_ascii=False, separators=(",", ":"), default=_default)


def canonical_body(sheets: Mapping[str, tuple[Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """Per sheet (sorted by name) its column keys and its sorted rows, as the digest hashes them.

    Serialising the rows is most of a digest's cost, so a caller that needs two digests of the
    same rows (a submission's content and report digests) computes this once.
    """
    parts = []
    for sheet in sorted(sheets):
        columns, rows = sheets[sheet]
        parts.append(b"\n#" + sheet.encode() + b"\n" + row_json(columns).encode())
        parts.extend(b"\n" + line.encode() for line in sorted(row_json(row) for row in rows))
    return b"".join(parts)


def body_digest(identity: Mapping[str, Any], body: bytes) -> str:
    """SHA-256 (hex) over the identity as sorted JSON, then a `canonical_body`."""
    sha = hashlib.sha256()
    sha.update(json.dumps(dict(identity), sort_keys=True, ensure_ascii=False,
                          separators=(",", ":"), default=_default).encode())
    sha.update(body)
    return sha.hexdigest()


def content_digest(identity: Mapping[str, Any], sheets: Mapping[str, tuple[Sequence[str],
                                                                           Iterable[Sequence[Any]]]]
                   ) -> str:
    """SHA-256 (hex) over the identity and, per sheet, its column keys and its sorted rows."""
    return body_digest(identity, canonical_body(sheets))


def _token(value: Any) -> bytes:
    """A canonical value as bytes, tagged with its type (cheaper than JSON, as unambiguous)."""
    if value is None:
        return b"~"
    if isinstance(value, str):
        return b"s" + value.encode()
    if isinstance(value, dt.date):
        return b"d" + _default(value).encode()
    return b"n" + repr(value).encode()


def fingerprint(values: Sequence[Any]) -> str:
    """A short fingerprint per value, concatenated: tells which cell of a row was edited."""
    size = FINGERPRINT_WIDTH // 2
    return "".join(hashlib.blake2s(_token(value), digest_size=size).hexdigest() for value in values)


def edited_positions(stored: str, values: Sequence[Any]) -> list[int] | None:
    """Indexes of `values` whose fingerprint differs from `stored`; None if `stored` is unusable."""
    if len(stored) != FINGERPRINT_WIDTH * len(values):
        return None
    current = fingerprint(values)
    return [
        index for index in range(len(values))
        if stored[index * FINGERPRINT_WIDTH:(index + 1) * FINGERPRINT_WIDTH]
        != current[index * FINGERPRINT_WIDTH:(index + 1) * FINGERPRINT_WIDTH]
    ]
