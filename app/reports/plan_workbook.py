"""The plan workbook (`AP_PLAN_<code>_v<version>.xlsx`): the secretariat publishes the plan with it.

A thin layer between a `PlanDocument` and openpyxl. Row 1 of each sheet is for people (headers in
the chosen language), row 2 holds the stable machine keys the reader goes by, so a translated
header never breaks an import. The digest of the canonical content rides in the document
properties and on the cover; a mismatch on import means the file was edited after export.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter

from app import APP_NAME, __version__
from app.i18n import N_, SOURCE_LANGUAGE
from app.models.services.plan_document import PlanDocument, canonical_content, file_name
from app.reports.report_language import ReportLanguage
from app.reports.xlsx_cells import CellStyles, safe_text

FORMAT = "almaty-process-plan"
FORMAT_VERSION = 1
DIGEST_PROPERTY = "ap_plan_digest"
SHEETS = ("plan", "objectives", "actions", "indicators", "mapping")


def plan_digest(document: PlanDocument) -> str:
    return hashlib.sha256(canonical_content(document)).hexdigest()


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
    caption: str
    columns: list[tuple[str, str]]  # (machine key, caption source)
    rows: list[list[Any]] = field(default_factory=list)


def _sheets(doc: PlanDocument, langs: list[str]) -> list[_Sheet]:
    titles = [(f"title.{code}", N_("Title")) for code in langs]
    units = [(f"unit.{code}", N_("Unit")) for code in langs]
    yes = {True: 1, False: 0}
    cover = _Sheet("plan", N_("Plan"), [("key", N_("Field")), ("value", N_("Value"))], [
        ["format", FORMAT], ["format_version", FORMAT_VERSION], ["code", doc.code],
        ["version", doc.version], ["previous_version", doc.previous_version],
        ["adopted", doc.adopted], ["is_template", yes[doc.is_template]],
        ["app_version", f"{APP_NAME} {__version__}"], ["digest", plan_digest(doc)],
        *([f"title.{code}", doc.titles.get(code)] for code in langs)])
    objectives = _Sheet("objectives", N_("Objectives"), [("code", N_("Code")), *titles],
                        [[o.code, *(o.titles.get(c) for c in langs)] for o in doc.objectives])
    actions = _Sheet("actions", N_("Actions"),
                     [("objective", N_("Objective")), ("code", N_("Code")), ("retired", N_("Retired")),
                      *titles],
                     [[o.code, a.code, yes[a.retired], *(a.titles.get(c) for c in langs)]
                      for o, a in doc.actions()])
    indicators = _Sheet(
        "indicators", N_("Indicators"),
        [("action", N_("Action")), ("code", N_("Code")), ("kind", N_("Kind")),
         ("baseline", N_("Baseline")), ("target", N_("Target")), ("direction", N_("Direction")),
         ("retired", N_("Retired")), *titles, *units],
        [[a.code, i.code, i.kind.value, i.baseline, i.target, i.direction.value, yes[i.retired],
          *(i.titles.get(c) for c in langs), *(i.unit.get(c) for c in langs)]
         for a, i in doc.indicators()])
    mapping = _Sheet("mapping", N_("Code mapping"),
                     [("level", N_("Level")), ("old_code", N_("Old code")), ("new_code", N_("New code"))],
                     [[m.level, m.old_code, m.new_code] for m in sorted(
                         doc.mappings, key=lambda m: (m.level, m.old_code))])
    return [cover, objectives, actions, indicators, mapping]


def write_plan_workbook(document: PlanDocument, folder: Path, language: str = "en") -> Path:
    """Write `AP_PLAN_<code>_v<version>.xlsx` into `folder` (atomically); returns its path."""
    lang = ReportLanguage(language)
    langs = languages_of(document)
    styles = CellStyles()
    wb = Workbook(write_only=True)
    wb.properties.title = lang.t(N_("Regional Action Plan")) + f" {document.code} v{document.version}"
    wb.properties.creator = APP_NAME
    wb.custom_doc_props.append(StringProperty(name=DIGEST_PROPERTY, value=plan_digest(document)))
    for sheet in _sheets(document, langs):
        ws = wb.create_sheet(sheet.key)
        ws.freeze_panes = "A3"
        for index in range(len(sheet.columns)):
            ws.column_dimensions[get_column_letter(index + 1)].width = (
                40 if sheet.columns[index][0].startswith("title.") else 14)
        headers = []
        for key, caption in sheet.columns:
            suffix = f" ({key.split('.', 1)[1]})" if "." in key else ""
            headers.append(styles.header(ws, lang.t(caption) + suffix))
        ws.append(headers)
        ws.append([key for key, _caption in sheet.columns])
        for row in sheet.rows:
            ws.append([safe_text(ws, v) if isinstance(v, str) else v for v in row])
    target = Path(folder) / file_name(document)
    partial = target.with_name(target.name + ".part")
    try:
        wb.save(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
