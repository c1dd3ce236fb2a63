"""The plan workbook (`AP_PLAN_<code>_v<version>.xlsx`): the secretariat publishes the plan with it.

A thin layer between a `PlanDocument` and the same cell writer, layout and digest the submission
workbook uses: row 1 of each sheet holds the stable machine keys (hidden), row 2 the headers in the
chosen language, data from row 3, so a translated header never breaks an import. Texts are always
written as text (a title starting with "=" stays a title). The digest of the content rides in the
document properties and on the cover; a mismatch on import means the file was edited after export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.workbook.protection import WorkbookProtection

from app import APP_NAME, __version__
from app.i18n import N_, SOURCE_LANGUAGE
from app.models.services.keys.signature import public_text, sign
from app.models.services.plan.document import PlanDocument, file_name
from app.reports.language import ReportLanguage
from app.reports.xlsx.atomic import discard, save_atomically
from app.reports.xlsx.cells import RowWriter, build_styles
from app.reports.xlsx.digest import content_digest, normalize_number
from app.reports.xlsx.openpyxl_api import book_internals
from app.reports.xlsx.sheet_layout import declare_size, protect, row_height

FORMAT = "almaty-process-plan"
FORMAT_VERSION = 1
DIGEST_PROPERTY = "ap_plan_digest"
#: Distinguishes a plan workbook's signature from the other workbooks the same key signs.
PLAN_CONTEXT = b"AlmatyProcess plan digest v1\n"
SHEETS = ("plan", "objectives", "actions", "indicators", "mapping")
KEY_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3
TITLE_WIDTH, OTHER_WIDTH = 40.0, 14.0


def languages_of(document: PlanDocument) -> list[str]:
    """Every language any title uses: English and Russian first, then the others by code."""
    found: set[str] = {SOURCE_LANGUAGE, "ru"}
    found |= set(document.titles)
    for objective in document.objectives:
        found |= set(objective.titles)
        for action in objective.actions:
            found |= set(action.titles)
            for indicator in action.indicators:
                found |= set(indicator.titles) | set(indicator.unit)
    return [SOURCE_LANGUAGE, "ru", *sorted(found - {SOURCE_LANGUAGE, "ru"})]


@dataclass
class _Sheet:
    key: str
    columns: list[tuple[str, str]]  # (machine key, caption source)
    rows: list[list[Any]] = field(default_factory=list)

    def width(self, index: int) -> float:
        return TITLE_WIDTH if self.columns[index][0].startswith("title.") else OTHER_WIDTH


def _identity(doc: PlanDocument) -> dict[str, Any]:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "code": doc.code,
            "version": doc.version, "previous_version": doc.previous_version,
            "adopted": doc.adopted, "is_template": doc.is_template,
            "titles": dict(sorted(doc.titles.items()))}


def _content(doc: PlanDocument) -> list[_Sheet]:
    """The sheets after the cover: the plan's items as rows of canonical values."""
    langs = languages_of(doc)
    titles = [(f"title.{code}", N_("Title")) for code in langs]
    units = [(f"unit.{code}", N_("Unit")) for code in langs]
    yes = {True: 1, False: 0}
    number = normalize_number
    objectives = _Sheet("objectives", [("code", N_("Code")), *titles],
                        [[o.code, *(o.titles.get(c) for c in langs)] for o in doc.objectives])
    actions = _Sheet("actions", [("objective", N_("Objective")), ("code", N_("Code")),
                                 ("retired", N_("Retired")), *titles],
                     [[o.code, a.code, yes[a.retired], *(a.titles.get(c) for c in langs)]
                      for o, a in doc.actions()])
    indicators = _Sheet(
        "indicators",
        [("action", N_("Action")), ("code", N_("Code")), ("kind", N_("Kind")),
         ("baseline", N_("Baseline")), ("target", N_("Target")), ("direction", N_("Direction")),
         ("retired", N_("Retired")), *titles, *units],
        [[a.code, i.code, i.kind.value, number(i.baseline), number(i.target), i.direction.value,
          yes[i.retired], *(i.titles.get(c) for c in langs), *(i.unit.get(c) for c in langs)]
         for a, i in doc.indicators()])
    mapping = _Sheet("mapping", [("level", N_("Level")), ("old_code", N_("Old code")),
                                 ("new_code", N_("New code"))],
                     [[m.level, m.old_code, m.new_code] for m in sorted(
                         doc.mappings, key=lambda m: (m.level, m.old_code))])
    return [objectives, actions, indicators, mapping]


def plan_digest(document: PlanDocument) -> str:
    """The submission workbook's digest (`content_digest`) over the plan's identity and rows."""
    return content_digest(_identity(document), {
        sheet.key: ([key for key, _caption in sheet.columns], sheet.rows)
        for sheet in _content(document)})


def _cover(doc: PlanDocument, digest: str, signing_key: Ed25519PrivateKey | None) -> _Sheet:
    identity = _identity(doc)
    rows = [[key, identity[key]] for key in ("format", "format_version", "code", "version",
                                             "previous_version", "adopted")]
    rows += [["is_template", 1 if doc.is_template else 0],
             ["app_version", f"{APP_NAME} {__version__}"], ["digest", digest],
             *([f"title.{code}", doc.titles.get(code)] for code in languages_of(doc))]
    if signing_key is not None:  # older readers skip rows they do not know
        rows += [["public_key", public_text(signing_key)],
                 ["signature", sign(signing_key, PLAN_CONTEXT + digest.encode())]]
    return _Sheet("plan", [("key", N_("Field")), ("value", N_("Value"))], rows)


def _write_sheet(workbook: Workbook, styles: dict[str, int], sheet: _Sheet,
                 lang: ReportLanguage) -> None:
    ws = workbook.create_sheet(sheet.key)
    out = RowWriter(ws, styles)
    widths = [sheet.width(index) for index in range(len(sheet.columns))]
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = width
    if sheet.key == "plan":
        ws.column_dimensions["B"].width = 60
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    declare_size(ws, len(sheet.columns), len(sheet.rows) + HEADER_ROW)
    protect(ws)
    out.append([out.cell(key, "machine") for key, _caption in sheet.columns], hidden=True)
    headers = []
    for key, caption in sheet.columns:
        suffix = f" ({key.split('.', 1)[1]})" if "." in key else ""
        headers.append(lang.t(caption) + suffix)
    out.append([out.cell(text, "header") for text in headers])
    for row in sheet.rows:
        out.append([out.cell(value, "context_date" if isinstance(value, dt.date) else "context")
                    for value in row],
                   height=row_height(zip(row, widths, strict=True)))


def write_plan_workbook(document: PlanDocument, folder: Path, language: str = "en",
                        key: Ed25519PrivateKey | None = None) -> Path:
    """Write `AP_PLAN_<code>_v<version>.xlsx` into `folder` (atomically); returns its path.

    `key`: the secretariat's workspace key, whose signature over the digest lets coordinators
    pin it from the first plan workbook they import (trust on first use).

    Raises ExportFailedError when the file cannot be written.
    """
    lang = ReportLanguage(language)
    digest = plan_digest(document)
    workbook = Workbook(write_only=True)
    try:
        styles = build_styles(workbook, workbook.create_sheet("scratch"))
        workbook.remove(workbook.worksheets[0])
        for sheet in [_cover(document, digest, key), *_content(document)]:
            _write_sheet(workbook, styles, sheet, lang)
    except BaseException:
        discard(workbook)
        raise
    workbook.security = WorkbookProtection(lockStructure=True)
    props = workbook.properties
    props.title = lang.t(N_("Regional Action Plan")) + f" {document.code} v{document.version}"
    props.creator = props.lastModifiedBy = APP_NAME
    props.identifier = digest
    props.language = language
    book_internals(workbook).custom_doc_props.append(StringProperty(name=DIGEST_PROPERTY, value=digest))
    target = Path(folder) / file_name(document)
    save_atomically(workbook, target)
    return target
