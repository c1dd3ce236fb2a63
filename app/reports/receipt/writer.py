"""Write a signed receipt for a received submission: what arrived, when, and the officer's note.

The coordinator imports it like any workbook; their app checks the signature against the
secretariat's key and that the digest is one it exported, then shows the period as received and
acknowledged. The cover is for people; the hidden `_receipt` sheet is what the app reads.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from openpyxl.workbook import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from sqlalchemy.orm import Session

from app import APP_NAME
from app.i18n import N_, _
from app.i18n.formats import country_name, format_datetime
from app.models.errors import ValidationError
from app.models.orm.reporting import Submission
from app.models.services.keys.own import signer
from app.models.services.keys.signature import public_text, sign
from app.reports.language import translator
from app.reports.receipt.format import CONTEXT, FIELDS, FORMAT, FORMAT_VERSION, META_SHEET, file_name
from app.reports.xlsx.atomic import discard, save_atomically
from app.reports.xlsx.cells import RowWriter, build_styles
from app.reports.xlsx.sheet_layout import declare_size, protect


def _stamp(value: dt.datetime | None) -> str:
    return "" if value is None else value.astimezone(dt.UTC).isoformat()


def receipt_values(submission: Submission) -> dict[str, Any]:
    """The sealed values of a receipt, in canonical form."""
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION, "country": submission.country_code,
        "period": submission.period.code, "revision": submission.revision,
        "digest": submission.digest or "", "received_at": _stamp(submission.received_at),
        "acknowledged_at": _stamp(submission.acknowledged_at),
        "note": submission.acknowledgement_note or "",
        "edited_cells": list(submission.edited_cells or []),
    }


def seal_text(values: dict[str, Any]) -> str:
    return json.dumps({key: values[key] for key in FIELDS}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def write_receipt(session: Session, submission_id: int, folder: Path, language: str = "en") -> Path:
    """Write the receipt of a received submission into `folder`; returns its path."""
    submission = session.get_one(Submission, submission_id)
    if submission.received_at is None:
        raise ValidationError(_("Only a received submission can be acknowledged."), "submission")
    values = receipt_values(submission)
    text = seal_text(values)
    key = signer(session)
    meta = {**{k: v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
               for k, v in values.items()},
            "seal": text, "public_key": public_text(key), "signature": sign(key, CONTEXT + text.encode())}
    t = translator(language)
    workbook = Workbook(write_only=True)
    try:
        styles = build_styles(workbook, workbook.create_sheet("scratch"))
        workbook.remove(workbook.worksheets[0])
        cover = workbook.create_sheet(t(N_("Receipt"))[:31])
        cover.column_dimensions["A"].width, cover.column_dimensions["B"].width = 28, 70
        out = RowWriter(cover, styles)
        when = submission.received_at
        rows = [
            (N_("Country"), country_name(submission.country_code, language)),
            (N_("Reporting period"), values["period"]), (N_("Revision"), submission.revision),
            (N_("SHA-256 digest"), values["digest"]),
            (N_("Received"), format_datetime(when, language) if when else ""),
            (N_("Acknowledged"), format_datetime(submission.acknowledged_at, language)
             if submission.acknowledged_at else ""),
            (N_("Note"), values["note"]),
            (N_("Cells edited after export"), len(values["edited_cells"])),
        ]
        declare_size(cover, 2, len(rows) + 1)
        out.append([out.cell(t(N_("Almaty Process: receipt of a national report")), "title")])
        for label, value in rows:
            out.append([out.cell(t(label), "label"), out.cell(value, "value")])
        protect(cover)
        hidden = workbook.create_sheet(META_SHEET)
        declare_size(hidden, 2, len(meta))
        writer = RowWriter(hidden, styles)
        for key_name, value in meta.items():
            writer.append([writer.cell(key_name, "value"), writer.cell(value, "value")])
        hidden.sheet_state = "hidden"
        protect(hidden)
        workbook.security = WorkbookProtection(lockStructure=True)
        workbook.properties.creator = APP_NAME
    except BaseException:
        discard(workbook)
        raise
    target = Path(folder) / file_name(submission.country_code, values["period"], submission.revision)
    save_atomically(workbook, target)
    return target
