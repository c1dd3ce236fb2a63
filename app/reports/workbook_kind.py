"""Which of the app's workbooks a file is, told from its sheet names before it is read in full.

File → Import workbook… takes both kinds: a coordinator imports the secretariat's plan workbook
and colleagues' submission workbooks through the same menu and the same drop. Only the workbook's
own index (`xl/workbook.xml`, bounded, parsed by defusedxml) is looked at; anything odd is
"unknown", and the full, safe read of the chosen kind then says what is wrong with the file.
"""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from app.reports.plan_workbook.writer import SHEETS as PLAN_SHEETS
from app.reports.receipt.format import META_SHEET as RECEIPT_SHEET
from app.reports.submission.format import META_SHEET

INDEX = "xl/workbook.xml"
MAX_INDEX_BYTES = 1024 * 1024
_SHEET_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet"


class WorkbookKind(enum.StrEnum):
    PLAN = "plan"
    SUBMISSION = "submission"
    RECEIPT = "receipt"
    UNKNOWN = "unknown"


def sheet_names(path: Path) -> list[str]:
    """The sheet names the workbook's index declares; empty when it cannot be told."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(INDEX)
            if info.file_size > MAX_INDEX_BYTES:
                return []
            with archive.open(info) as stream:
                data = stream.read(MAX_INDEX_BYTES + 1)
        root = ElementTree.fromstring(data)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError, DefusedXmlException,
            ValueError, RuntimeError, NotImplementedError, EOFError):
        return []
    return [str(element.get("name", "")) for element in root.iter(_SHEET_TAG)]


def workbook_kind(path: Path) -> WorkbookKind:
    names = set(sheet_names(Path(path)))
    if RECEIPT_SHEET in names:
        return WorkbookKind.RECEIPT
    if META_SHEET in names:
        return WorkbookKind.SUBMISSION
    if set(PLAN_SHEETS) <= names:
        return WorkbookKind.PLAN
    return WorkbookKind.UNKNOWN
