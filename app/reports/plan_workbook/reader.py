"""Read a plan workbook back into a `PlanDocument`, validating every cell; nothing is applied here.

The file goes through the same safety checks as a submission (`workbook_safety`) before openpyxl,
which parses through defusedxml, reads it; machine keys are in row 1, as in every workbook the app
writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.i18n import _
from app.models.errors import ValidationError
from app.models.orm.enums import Direction, IndicatorKind
from app.models.services.keys.signature import decode_key, verify
from app.models.services.plan.document import (
    ActionDoc,
    CodeMapping,
    IndicatorDoc,
    ObjectiveDoc,
    PlanDocument,
)
from app.models.services.workspace.localized import clean_code
from app.reports.errors import WorkbookRefusedError
from app.reports.plan_workbook.writer import (
    DIGEST_PROPERTY,
    FIRST_DATA_ROW,
    FORMAT,
    FORMAT_VERSION,
    KEY_ROW,
    PLAN_CONTEXT,
    SHEETS,
    plan_digest,
)
from app.reports.xlsx.cell_ref import CellError, CellRef
from app.reports.xlsx.guarded import refusing
from app.reports.xlsx.openpyxl_api import book_internals
from app.reports.xlsx.safety import check_workbook_file


class PlanFileError(WorkbookRefusedError):
    """The file cannot be read as a plan workbook at all."""

    def __init__(self, text: str) -> None:
        super().__init__("not_plan", text)


@dataclass
class PlanFile:
    path: Path
    document: PlanDocument | None
    problems: list[CellError] = field(default_factory=list)
    stored_digest: str = ""
    #: The key whose signature over the digest was checked; None for an unsigned file.
    signer_key: bytes | None = None

    @property
    def edited_after_export(self) -> bool:
        return self.document is not None and self.stored_digest != plan_digest(self.document)

#: A sheet row's cell values, as openpyxl reads them.
Row = tuple[Any, ...]


class _Sheet:
    """One sheet's rows by machine key (row `KEY_ROW`), with problems tied to their cell."""

    def __init__(self, name: str, rows: list[Row], problems: list[CellError]) -> None:
        self.name, self.problems = name, problems
        keys = rows[KEY_ROW - 1] if len(rows) >= KEY_ROW else ()
        self.keys = [str(k).strip() if k is not None else "" for k in keys]
        self.rows = [(number, row) for number, row in
                     enumerate(rows[FIRST_DATA_ROW - 1:], FIRST_DATA_ROW)
                     if any(v not in (None, "") for v in row)]

    def value(self, row: Row, key: str) -> Any:
        if key not in self.keys:
            return None
        index = self.keys.index(key)
        value = row[index] if index < len(row) else None
        return value.strip() if isinstance(value, str) else value

    def texts(self, row: Row, prefix: str) -> dict[str, str]:
        return {k.split(".", 1)[1]: str(self.value(row, k)) for k in self.keys
                if k.startswith(prefix) and self.value(row, k) not in (None, "")}

    def problem(self, number: int, key: str, message: str) -> None:
        letter = get_column_letter(self.keys.index(key) + 1) if key in self.keys else "?"
        self.problems.append(CellError(CellRef(self.name, number, letter, key), message))

    def code(self, number: int, row: Row, key: str = "code") -> str | None:
        try:
            return clean_code(str(self.value(row, key) or ""), key)
        except ValidationError as error:
            self.problem(number, key, error.message())
            return None

    def choice(self, number: int, row: Row, key: str, enum_class: type) -> Any:
        raw = self.value(row, key)
        try:
            return enum_class(str(raw))
        except ValueError:
            self.problem(number, key, _("Unknown value {value}.").format(value=raw))
            return None

    def number(self, number: int, row: Row, key: str) -> float | None:
        raw = self.value(row, key)
        if raw in (None, ""):
            return None
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            self.problem(number, key, _("Enter a number."))
            return None
        return float(raw)

    def flag(self, row: Row, key: str) -> bool:
        return self.value(row, key) in (1, True, "1", "yes")


def _read_rows(path: Path) -> tuple[dict[str, list[Row]], str]:
    book = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        missing = [name for name in SHEETS if name not in book.sheetnames]
        if missing:
            raise PlanFileError(_("{name} is not a plan workbook (sheet {sheet} is missing).").format(
                name=path.name, sheet=missing[0]))
        sheets = {name: [tuple(row) for row in book[name].iter_rows(values_only=True)]
                  for name in SHEETS}
        stored = next((p.value for p in book_internals(book).custom_doc_props
                       if p.name == DIGEST_PROPERTY), "")
    finally:
        book.close()
    return sheets, str(stored or "")


def read_plan_workbook(path: Path) -> PlanFile:
    """Read and validate; raises WorkbookRefusedError (PlanFileError) for a file it cannot take."""
    path = Path(path)
    with refusing(path):
        return _read_plan(path)


def _read_plan(path: Path) -> PlanFile:
    check_workbook_file(path)
    raw, stored = _read_rows(path)
    problems: list[CellError] = []
    sheets = {name: _Sheet(name, rows, problems) for name, rows in raw.items()}
    cover = {str(r[0]): r[1] if len(r) > 1 else None for _n, r in sheets["plan"].rows if r and r[0]}
    if cover.get("format") != FORMAT:
        raise PlanFileError(_("{name} is not a plan workbook.").format(name=path.name))
    version = cover.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PlanFileError(_("{name} was written by a newer version of the app; please update it.")
                            .format(name=path.name))
    document = _document(cover, sheets)
    digest = stored or str(cover.get("digest") or "")
    return PlanFile(path, document, problems, digest, _signer(cover, digest, path))


def _signer(cover: dict[str, Any], digest: str, path: Path) -> bytes | None:
    """The key that signed the digest; None if unsigned. A signature that fails is refused."""
    key_text, signature = cover.get("public_key"), cover.get("signature")
    if not key_text and not signature:
        return None
    key = decode_key(str(key_text or ""))
    if key is None or not verify(key, str(signature or ""), PLAN_CONTEXT + digest.encode()):
        raise PlanFileError(_("The signature of {name} does not match its digest: the file was "
                              "changed after export. Ask the secretariat to send it again."
                              ).format(name=path.name))
    return key


def _document(cover: dict[str, Any], sheets: dict[str, _Sheet]) -> PlanDocument:
    adopted = cover.get("adopted")
    if isinstance(adopted, dt.datetime):
        adopted = adopted.date()
    previous = cover.get("previous_version")
    doc = PlanDocument(
        code=str(cover.get("code") or ""), version=int(cover.get("version") or 0),
        titles={k.split(".", 1)[1]: str(v) for k, v in cover.items()
                if k.startswith("title.") and v not in (None, "")},
        adopted=adopted if isinstance(adopted, dt.date) else None,
        is_template=cover.get("is_template") in (1, True),
        previous_version=int(previous) if isinstance(previous, int | float) else None)
    objectives: dict[str, ObjectiveDoc] = {}
    sheet = sheets["objectives"]
    for number, row in sheet.rows:
        code = sheet.code(number, row)
        if code:
            objectives[code] = ObjectiveDoc(code, sheet.texts(row, "title."))
            doc.objectives.append(objectives[code])
    actions: dict[str, ActionDoc] = {}
    sheet = sheets["actions"]
    for number, row in sheet.rows:
        parent, code = sheet.code(number, row, "objective"), sheet.code(number, row)
        if parent and parent not in objectives:
            sheet.problem(number, "objective", _("No objective has the code {code}.").format(code=parent))
        elif parent and code:
            actions[code] = ActionDoc(code, sheet.texts(row, "title."), sheet.flag(row, "retired"))
            objectives[parent].actions.append(actions[code])
    sheet = sheets["indicators"]
    for number, row in sheet.rows:
        parent, code = sheet.code(number, row, "action"), sheet.code(number, row)
        kind = sheet.choice(number, row, "kind", IndicatorKind)
        direction = sheet.choice(number, row, "direction", Direction)
        baseline, target = sheet.number(number, row, "baseline"), sheet.number(number, row, "target")
        if parent and parent not in actions:
            sheet.problem(number, "action", _("No action has the code {code}.").format(code=parent))
        elif parent and code and kind and direction:
            actions[parent].indicators.append(IndicatorDoc(
                code, sheet.texts(row, "title."), kind, sheet.texts(row, "unit."), baseline, target,
                direction, sheet.flag(row, "retired")))
    sheet = sheets["mapping"]
    for number, row in sheet.rows:
        level = sheet.value(row, "level")
        if level not in ("objective", "action", "indicator"):
            sheet.problem(number, "level", _("Unknown value {value}.").format(value=level))
            continue
        old = sheet.code(number, row, "old_code")
        new = sheet.value(row, "new_code")
        new_code = sheet.code(number, row, "new_code") if new not in (None, "") else None
        if old:
            doc.mappings.append(CodeMapping(str(level), old, new_code))
    return doc
