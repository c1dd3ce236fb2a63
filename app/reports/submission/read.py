"""Read a submission workbook into canonical rows, every cell checked, and verify its digest.

Reading never touches a database: it answers "what does this file say, what is wrong with it, and
was it edited after export?" The preview then compares it with a workspace.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.i18n import _
from app.models.orm.enums import FollowUpStatus, Priority, ProgressStatus
from app.models.progress import NoProgress, Progress, checkpoint
from app.reports.language import translator
from app.reports.submission.data import Identity, digest_of
from app.reports.submission.format import (
    FINGERPRINT_KEY,
    FORMAT_VERSION,
    META_SHEET,
    READABLE_VERSIONS,
    sheets_for_version,
)
from app.reports.submission.seal import check_seal
from app.reports.xlsx.cell_ref import CellError, CellRef
from app.reports.xlsx.cell_values import CellValueError, Vocabulary, read_cell
from app.reports.xlsx.columns import FIRST_DATA_ROW, Column, SheetSpec
from app.reports.xlsx.digest import edited_positions
from app.reports.xlsx.guarded import refusing
from app.reports.xlsx.rows import Cell, sheet_rows
from app.reports.xlsx.safety import MAX_SHEET_ROWS, check_workbook_file, refuse

MAX_COLUMNS = 64
MAX_META_ROWS = 500


@dataclass
class ParsedRow:
    sheet: str
    number: int
    values: dict[str, Any]
    #: Shared by the rows of a sheet: column key → (sheet title, column letter, header).
    columns: dict[str, tuple[str, str, str]]
    has_errors: bool = False
    fingerprint: str | None = None

    def ref(self, key: str) -> CellRef:
        title, letter, header = self.columns[key]
        return CellRef(title, self.number, letter, header)


@dataclass
class ParsedSheet:
    spec: SheetSpec
    title: str
    rows: list[ParsedRow] = field(default_factory=list)


@dataclass
class ParsedSubmission:
    path: Path
    meta: dict[str, str]
    identity: Identity
    language: str
    stored_digest: str
    digest: str
    sheets: dict[str, ParsedSheet]
    errors: list[CellError] = field(default_factory=list)
    #: Cells whose value differs from the one exported (known from each row's fingerprint).
    edits: list[CellRef] = field(default_factory=list)
    #: Rows that were not in the exported file (e.g. new commitments).
    added_rows: list[tuple[str, int]] = field(default_factory=list)
    #: Exported rows no longer in the file, per sheet title.
    missing_rows: dict[str, int] = field(default_factory=dict)
    #: The key that signed the file (format 2 on), checked; None for an unsigned older format.
    signer_key: bytes | None = None
    #: The sealed digest of the file's own period's report (format 1: the file's digest).
    report_digest: str = ""

    @property
    def edited_after_export(self) -> bool:
        return self.stored_digest != self.digest


def read_submission(path: Path, progress: Progress | None = None) -> ParsedSubmission:
    """Check the file is safe, then read and check every cell.

    Raises WorkbookRefusedError (or OperationCancelled), never anything else: see `refusing`.
    """
    progress = progress or NoProgress()
    path = Path(path)
    checkpoint(progress, 0, 6, _("Checking the file"))
    with refusing(path):
        check_workbook_file(path)
        workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False)
        try:
            return _read(workbook, path, progress)
        finally:
            workbook.close()


def _rows(worksheet: Any, path: Path, columns: int = MAX_COLUMNS) -> Iterator[tuple[int, list[Cell | None]]]:
    """Rows of a sheet, none past row MAX_SHEET_ROWS (a second guard after the safety check)."""
    for count, (number, row) in enumerate(sheet_rows(worksheet, columns), 1):
        if number > MAX_SHEET_ROWS or count > MAX_SHEET_ROWS:
            raise refuse("too_many_rows", _(
                "A sheet of {name} has more than {limit} rows; no submission is that long. It was "
                "not opened.").format(name=path.name, limit=MAX_SHEET_ROWS))
        yield number, row


def _read_meta(workbook: Any, path: Path) -> dict[str, str]:
    if META_SHEET not in workbook.sheetnames:
        raise refuse("not_submission", _(
            "{name} is not a submission workbook exported by the Almaty Process Tracker (its "
            "hidden identity sheet is missing).").format(name=path.name))
    meta: dict[str, str] = {}
    for number, row in _rows(workbook[META_SHEET], path, 2):
        if number > MAX_META_ROWS:
            break
        key, value = (None if cell is None else cell.value for cell in row)
        if isinstance(key, str) and value is not None:
            meta[key.strip()] = str(value).strip()
    return meta


def _identity(meta: dict[str, str], path: Path) -> tuple[int, Identity]:
    try:
        version = int(meta["format_version"])
    except (KeyError, ValueError) as exc:
        raise refuse("not_submission", _(
            "{name} is not a submission workbook exported by the Almaty Process Tracker (no format "
            "version).").format(name=path.name)) from exc
    if version > FORMAT_VERSION:
        raise refuse("newer_format", _(
            "{name} was made by a newer version of the Almaty Process Tracker (workbook format "
            "{version}; this version reads up to {known}). Please install the newer version to "
            "import it.").format(name=path.name, version=version, known=FORMAT_VERSION))
    if version not in READABLE_VERSIONS:
        raise refuse("unknown_format", _("{name} has an unknown workbook format ({version})."
                                         ).format(name=path.name, version=version))
    try:
        identity = Identity.from_meta(meta, version)
    except (KeyError, ValueError) as exc:
        raise refuse("damaged", _(
            "The hidden identity sheet of {name} was changed, so it cannot be told which country, "
            "period and revision the file holds. Ask the sender to export it again from the app."
        ).format(name=path.name)) from exc
    return version, identity


def _read(workbook: Any, path: Path, progress: Progress) -> ParsedSubmission:
    meta = _read_meta(workbook, path)
    version, identity = _identity(meta, path)
    language = meta.get("language", "en")
    vocabulary = Vocabulary.for_language(language, translator(language),
                                         [ProgressStatus, Priority, FollowUpStatus])
    parsed = ParsedSubmission(path=path, meta=meta, identity=identity, language=language,
                              stored_digest=meta.get("digest", ""), digest="", sheets={})
    if version >= 2:
        seal = check_seal(meta, identity, path)
        parsed.stored_digest, parsed.signer_key = seal.digest, seal.public_key
        parsed.report_digest = seal.report_digest
    else:
        parsed.report_digest = parsed.stored_digest
    specs = sheets_for_version(version)
    for number, spec in enumerate(specs, 1):
        title = meta.get(f"sheet.{spec.key}", "")
        checkpoint(progress, number, len(specs) + 2, title)
        if title not in workbook.sheetnames:
            raise refuse("not_submission", _("The sheet “{sheet}” is missing from {name}.").format(
                sheet=title or spec.key, name=path.name))
        parsed.sheets[spec.key] = _read_sheet(workbook[title], spec, title, vocabulary, parsed, path)
        _compare_fingerprints(parsed, parsed.sheets[spec.key], meta)
    parsed.digest = digest_of(identity, {key: [row.values for row in sheet.rows]
                                         for key, sheet in parsed.sheets.items()})
    return parsed


def _read_sheet(worksheet: Any, spec: SheetSpec, title: str, vocabulary: Vocabulary,
                parsed: ParsedSubmission, path: Path) -> ParsedSheet:
    sheet = ParsedSheet(spec, title)
    rows = _rows(worksheet, path)
    number, key_row = next(rows, (0, []))
    positions = {cell.value: index for index, cell in enumerate(key_row)
                 if number == 1 and cell is not None and isinstance(cell.value, str)}
    missing = [c.key for c in spec.digested if c.key not in positions]
    if missing:
        raise refuse("not_submission", _(
            "The sheet “{sheet}” of {name} lacks the columns {columns}; it was not made by this app "
            "or was changed too much.").format(sheet=title, name=path.name, columns=", ".join(missing)))
    columns = {c.key: (title, get_column_letter(positions[c.key] + 1), _(c.label))
               for c in spec.digested}
    wanted = [(c, positions[c.key]) for c in spec.digested]
    extra = {key: positions.get(key) for key in ("value_kind", FINGERPRINT_KEY)}
    for number, row in rows:
        if number < FIRST_DATA_ROW:
            continue
        parsed_row = _read_row(row, number, spec, wanted, extra, columns, vocabulary, parsed)
        if parsed_row is not None:
            sheet.rows.append(parsed_row)
    return sheet


def _read_row(row: list[Cell | None], number: int, spec: SheetSpec, wanted: list[tuple[Column, int]],
              extra: dict[str, int | None], columns: dict[str, tuple[str, str, str]],
              vocabulary: Vocabulary, parsed: ParsedSubmission) -> ParsedRow | None:
    cells = [(column, row[index]) for column, index in wanted]
    if all(cell is None or cell.value is None or cell.value == "" for _column, cell in cells):
        return None

    def value_of(key: str) -> Any:
        index = extra[key]
        cell = None if index is None else row[index]
        return None if cell is None else cell.value

    value_kind = value_of("value_kind")
    value_kind = str(value_kind) if value_kind else None
    result = ParsedRow(spec.key, number, {}, columns)
    for column, cell in cells:
        try:
            result.values[column.key] = None if cell is None else read_cell(
                column, cell.value, cell.data_type, vocabulary, value_kind)
        except CellValueError as problem:
            result.values[column.key] = problem.raw
            result.has_errors = True
            parsed.errors.append(CellError(result.ref(column.key), problem.message))
    stored = value_of(FINGERPRINT_KEY)
    result.fingerprint = str(stored) if stored else None
    return result


def _compare_fingerprints(parsed: ParsedSubmission, sheet: ParsedSheet, meta: dict[str, str]) -> None:
    digested = sheet.spec.digested
    matched = 0
    for row in sheet.rows:
        if row.fingerprint is None:
            parsed.added_rows.append((sheet.title, row.number))
            continue
        positions = edited_positions(row.fingerprint, [row.values.get(c.key) for c in digested])
        if positions is None:
            parsed.added_rows.append((sheet.title, row.number))
            continue
        matched += 1
        parsed.edits.extend(row.ref(digested[index].key) for index in positions)
    try:
        exported = int(meta.get(f"rows.{sheet.spec.key}", matched))
    except ValueError:
        exported = matched
    if exported > matched:
        parsed.missing_rows[sheet.title] = exported - matched
