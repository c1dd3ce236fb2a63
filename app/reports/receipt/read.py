"""Read a receipt workbook: the file checked as any workbook, its signature, its sealed values."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl import load_workbook

from app.i18n import _
from app.models.services.keys.signature import decode_key, verify
from app.reports.errors import WorkbookRefusedError
from app.reports.receipt.format import CONTEXT, FIELDS, FORMAT, FORMAT_VERSION, META_SHEET
from app.reports.xlsx.safety import check_workbook_file, open_refusal

MAX_META_ROWS = 100


@dataclass(frozen=True)
class ParsedReceipt:
    path: Path
    values: dict[str, Any]
    signer_key: bytes

    @property
    def country(self) -> str:
        return str(self.values["country"])

    @property
    def period(self) -> str:
        return str(self.values["period"])

    @property
    def revision(self) -> int:
        return int(self.values["revision"])


def _meta(path: Path) -> dict[str, str]:
    book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        if META_SHEET not in book.sheetnames:
            raise WorkbookRefusedError("not_receipt", _("{name} is not a receipt.").format(
                name=path.name))
        meta: dict[str, str] = {}
        for number, row in enumerate(book[META_SHEET].iter_rows(max_col=2, values_only=True)):
            if number >= MAX_META_ROWS:
                break
            if row and isinstance(row[0], str) and len(row) > 1 and row[1] is not None:
                meta[row[0]] = str(row[1])
        return meta
    finally:
        book.close()


def read_receipt(path: Path) -> ParsedReceipt:
    """The receipt's sealed values once its signature is checked; WorkbookRefusedError if not."""
    path = Path(path)
    check_workbook_file(path)
    try:
        meta = _meta(path)
    except WorkbookRefusedError:
        raise
    except (DefusedXmlException, KeyError, ValueError, TypeError, IndexError, ParseError,
            zipfile.BadZipFile, OSError) as exc:
        raise open_refusal(path, exc) from exc
    key = decode_key(meta.get("public_key", ""))
    text = meta.get("seal", "")
    if key is None or not verify(key, meta.get("signature", ""), CONTEXT + text.encode()):
        raise WorkbookRefusedError("bad_signature", _(
            "The signature of the receipt {name} does not match: it was changed after the "
            "secretariat wrote it. Nothing was imported.").format(name=path.name))
    try:
        values = json.loads(text)
        missing = [key_name for key_name in FIELDS if key_name not in values]
        if missing or values["format"] != FORMAT:
            raise ValueError(", ".join(missing) or "format")
        int(values["revision"])
    except (ValueError, TypeError, KeyError) as exc:
        raise WorkbookRefusedError("damaged", _("The receipt {name} is damaged ({detail}).").format(
            name=path.name, detail=exc)) from exc
    if int(values["format_version"]) > FORMAT_VERSION:
        raise WorkbookRefusedError("newer_format", _(
            "{name} was made by a newer version of the app; please update it.").format(
                name=path.name))
    return ParsedReceipt(path, values, key)
