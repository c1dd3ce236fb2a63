"""Hostile and broken files, generated (not stored as blobs): refused, or their bad cells reported.

`CASES` are files refused outright, each with its reason. `CELL_CASES` are workbooks that open but
hold hostile or wrong content (formulas, wrong types in every column, unknown keys, 1 MB texts,
control characters, mixed scripts): the preview reports exactly the bad cells, or the content is
read exactly as written. Shared by the tests and by `bench/bench_submission.py`, which times them.
"""

from __future__ import annotations

import io
import random
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from app.reports.submission.format import DATA_SHEETS, INDICATORS, META_SHEET, PROGRESS
from app.reports.xlsx.columns import FIRST_DATA_ROW, KEY_ROW, Kind, Role, SheetSpec

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '</Types>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
              for n in range(1, 10))
    + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
    '</worksheet>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&secret;</t></is></c></row></sheetData></worksheet>'
)


def replace_members(source: Path, target: Path, replacements: dict[str, bytes | str],
                    extra: dict[str, bytes | str] | None = None) -> Path:
    """A copy of the workbook `source` with some members replaced and others added."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = replacements.get(info.filename, src.read(info.filename))
            dst.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    return target


def zip_bomb(folder: Path, size: int = 200 * 1024 * 1024) -> Path:
    """A small file that would inflate to `size` bytes of one sheet."""
    path = folder / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(size // len(block)):
                member.write(block)
    return path


def ratio_bomb(folder: Path) -> Path:
    """Under the size limits, but inflating 1000-fold: what bombs nested in many parts look like."""
    return zip_bomb(folder, 12 * 1024 * 1024)


def lying_sizes(source: Path, folder: Path) -> Path:
    """A workbook whose zip directory understates a member's size (a bomb hiding from checks)."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = max(archive.infolist(), key=lambda i: i.file_size)
    real = info.file_size.to_bytes(4, "little")
    fake = (100).to_bytes(4, "little")
    data = bytearray(bytes(data).replace(real, fake))
    path = folder / "lying.xlsx"
    path.write_bytes(bytes(data))
    return path


def billion_laughs(source: Path, folder: Path) -> Path:
    return replace_members(source, folder / "laughs.xlsx",
                           {"xl/worksheets/sheet2.xml": BILLION_LAUGHS})


def external_entity(source: Path, folder: Path) -> Path:
    return replace_members(source, folder / "xxe.xlsx", {"xl/worksheets/sheet2.xml": EXTERNAL_ENTITY})


def hidden_entity(source: Path, folder: Path) -> Path:
    """The DTD pushed past the bytes a quick scan reads: left for defusedxml to refuse."""
    padded = EXTERNAL_ENTITY.replace("<!DOCTYPE", "<!--" + "x" * 200_000 + "--><!DOCTYPE", 1)
    return replace_members(source, folder / "xxe-hidden.xlsx", {"xl/worksheets/sheet2.xml": padded})


def macro_enabled(source: Path, folder: Path) -> Path:
    with zipfile.ZipFile(source) as archive:
        types = archive.read("[Content_Types].xml").decode()
    types = types.replace("spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml")
    return replace_members(source, folder / "macros.xlsx", {"[Content_Types].xml": types},
                           {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def encrypted(folder: Path) -> Path:
    """What Excel writes for a password-protected workbook: an OLE compound file."""
    path = folder / "encrypted.xlsx"
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    body = "EncryptionInfo".encode("utf-16-le") + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(header + body + b"\0" * 4096)
    return path


def legacy_xls(folder: Path) -> Path:
    path = folder / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    return path


def truncated(source: Path, folder: Path) -> Path:
    path = folder / "truncated.xlsx"
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def png_renamed(folder: Path) -> Path:
    path = folder / "picture.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0\0\0\rIHDR" + b"\0" * 200)
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.xlsx"
    path.write_bytes(b"")
    return path


def word_document(folder: Path) -> Path:
    path = folder / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES.replace(
            "spreadsheetml.sheet.main+xml", "wordprocessingml.document.main+xml"))
        archive.writestr("word/document.xml", "<document/>")
    return path


def million_rows(source: Path, folder: Path, rows: int = 1_048_576) -> Path:
    """The exported workbook with one sheet grown to `rows` rows, streamed straight into the zip."""
    path = folder / "million.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet3.xml":
                dst.writestr(info.filename, src.read(info.filename))
                continue
            with dst.open(info.filename, "w", force_zip64=True) as member:
                member.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                             b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                buffer = io.BytesIO()
                for number in range(1, rows + 1):
                    buffer.write(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (number, number, number))
                    if buffer.tell() > 1 << 20:
                        member.write(buffer.getvalue())
                        buffer = io.BytesIO()
                member.write(buffer.getvalue() + b"</sheetData></worksheet>")
    return path


def plain_workbook(folder: Path) -> Path:
    """An ordinary workbook that this app did not write."""
    from openpyxl import Workbook

    path = folder / "budget.xlsx"
    workbook = Workbook()
    workbook.active.append(["Budget", 2026])
    workbook.save(path)
    return path


def copy(source: Path, folder: Path, name: str) -> Path:
    target = folder / name
    shutil.copyfile(source, target)
    return target


def _edited(source: Path, target: Path, edit: Callable[[Any], None]) -> Path:
    """A copy of the workbook with `edit(workbook)` applied, saved as Excel or a script would."""
    workbook = load_workbook(source)
    edit(workbook)
    workbook.save(target)
    return target


def _set_meta(workbook: Any, key: str, value: str | None) -> None:
    """Change (or, with None, remove) one entry of the hidden identity sheet."""
    for row in workbook[META_SHEET].iter_rows():
        if row[0].value == key:
            if value is None:
                row[0].value = row[1].value = None
            else:
                row[1].value = value


def meta_without_version(source: Path, folder: Path) -> Path:
    return _edited(source, folder / "no-version.xlsx",
                   lambda workbook: _set_meta(workbook, "format_version", None))


def meta_wrong_type(source: Path, folder: Path) -> Path:
    return _edited(source, folder / "revision-text.xlsx",
                   lambda workbook: _set_meta(workbook, "revision", "the second"))


def key_column_missing(source: Path, folder: Path) -> Path:
    """The hidden key of the percent column blanked, as if someone unhid row 1 and cleared it."""
    def edit(workbook: Any) -> None:
        sheet = workbook.worksheets[2]
        for cell in sheet[KEY_ROW]:
            if cell.value == "percent":
                cell.value = None
    return _edited(source, folder / "no-key.xlsx", edit)


def raw_control_characters(source: Path, folder: Path) -> Path:
    """Raw C0 control characters in a sheet's XML (XML 1.0 forbids them; Excel escapes them)."""
    with zipfile.ZipFile(source) as archive:
        xml = archive.read("xl/worksheets/sheet3.xml")
    row = xml.index(b'<row r="3"')
    text = re.compile(rb"<t(?: [^>]*)?>").search(xml, row)
    assert text is not None
    xml = xml[:text.end()] + b"\x07\x1b[2J\x00" + xml[text.end():]
    return replace_members(source, folder / "control.xlsx", {"xl/worksheets/sheet3.xml": xml})


#: name → (maker taking (exported workbook, folder), expected refusal reason)
CASES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "zip bomb": (lambda source, folder: zip_bomb(folder), "too_large"),
    "high compression ratio": (lambda source, folder: ratio_bomb(folder), "too_large"),
    "lying zip directory": (lying_sizes, "damaged"),
    "billion laughs": (billion_laughs, "xml_entities"),
    "external entity": (external_entity, "xml_entities"),
    "entity past the scanned head": (hidden_entity, "xml_entities"),
    "macro-enabled": (macro_enabled, "macros"),
    "password-protected": (lambda source, folder: encrypted(folder), "encrypted"),
    "old binary .xls": (lambda source, folder: legacy_xls(folder), "legacy_format"),
    "truncated zip": (truncated, "damaged"),
    "PNG renamed .xlsx": (lambda source, folder: png_renamed(folder), "not_workbook"),
    "empty file": (lambda source, folder: empty_file(folder), "not_workbook"),
    "Word document renamed .xlsx": (lambda source, folder: word_document(folder), "not_workbook"),
    "1,048,576 rows": (million_rows, "too_many_rows"),
    "workbook not from this app": (lambda source, folder: plain_workbook(folder), "not_submission"),
    "identity sheet without format version": (meta_without_version, "not_submission"),
    "identity sheet with a text revision": (meta_wrong_type, "damaged"),
    "column key missing": (key_column_missing, "not_submission"),
    "raw control characters in the XML": (raw_control_characters, "damaged"),
}


# --- workbooks that open, with hostile or wrong cells -------------------------------------------
@dataclass
class Expected:
    """What the import must make of a cell case."""

    #: Every cell the preview must report, as (sheet title, row, column letter): no more, no fewer.
    errors: set[tuple[str, int, str]] = field(default_factory=set)
    #: Words every one of those messages contains (in English).
    says: str = ""
    #: Values that must be read exactly as written: (sheet key, row, column key) → value.
    values: dict[tuple[str, int, str], Any] = field(default_factory=dict)


CellMaker = Callable[[Path, Path], tuple[Path, Expected]]

#: A value of the wrong type for each typed column kind (text columns take anything).
WRONG_TYPE: dict[Kind, Any] = {Kind.ID: "many", Kind.INTEGER: "several", Kind.PERCENT: "most",
                               Kind.NUMBER: "lots", Kind.DATE: "soon", Kind.CHOICE: "Bogus",
                               Kind.VALUE: "plenty"}
FORMULAS = ("=1+1", '=HYPERLINK("http://example.org/x","open")', "=cmd|' /C calc'!A0",
            "=WEBSERVICE(\"http://example.org\")", "=SUM(A1:A9)")
#: Texts in every script the process's languages use, and then some, with the marks RTL text needs.
MIXED_SCRIPTS = ("Қазақстан, Кыргызстан, Тоҷикистон; O‘zbekiston; Türkiye İı; Azərbaycan; "
                 "افغانستان، پښتو، اردو، فارسی \u200fدر ۱۴۰۵\u200f; हिन्दी; 中文; ქართული; "
                 "e\u0301 (combining); 👩🏽‍💼🇰🇿; 𝔘𝔫𝔦𝔠𝔬𝔡𝔢")
#: Characters a cell may legally hold that are invisible or reorder text: read as written, never
#: acted on. (C0 controls cannot be in the XML; Excel writes them as `_x0007_`, read as that text.)
INVISIBLE = ("bell _x0007_ escape _x001b_[2J; C1 \u0085\u009b2J; bidi \u202eevil\u202c; "
             "zero width\u200b\u200c\u200d\ufeff; line\u2028separator")


def _columns(sheet: Any) -> dict[str, int]:
    """Column key → column number, from the sheet's hidden key row."""
    return {cell.value: cell.column for cell in sheet[KEY_ROW] if isinstance(cell.value, str)}


def _first_row(sheet: Any, spec: SheetSpec) -> int:
    """A data row of the sheet (for indicators, one whose value is not free text)."""
    columns = _columns(sheet)
    for row in sheet.iter_rows(min_row=FIRST_DATA_ROW):
        if row[0].value is None:
            continue
        if spec is INDICATORS and row[columns["value_kind"] - 1].value == "text":
            continue
        return row[0].row
    raise AssertionError(f"no data row on {sheet.title}")


def _case(source: Path, target: Path, edit: Callable[[Any, Expected], None]) -> tuple[Path, Expected]:
    expected = Expected()
    return _edited(source, target, lambda workbook: edit(workbook, expected)), expected


def _sheet(workbook: Any, spec: SheetSpec) -> Any:
    return workbook.worksheets[1 + list(DATA_SHEETS).index(spec)]


def wrong_types(source: Path, folder: Path) -> tuple[Path, Expected]:
    """In one row of every data sheet, a value of the wrong type in every typed column; a number in
    every free-text column (taken as its text)."""
    def edit(workbook: Any, expected: Expected) -> None:
        expected.says = "Enter|Choose|not one of the values"
        for spec in DATA_SHEETS:
            sheet = _sheet(workbook, spec)
            columns, row = _columns(sheet), _first_row(sheet, spec)
            for column in spec.digested:
                letter = get_column_letter(columns[column.key])
                if column.kind in WRONG_TYPE:
                    sheet[f"{letter}{row}"] = WRONG_TYPE[column.kind]
                    expected.errors.add((sheet.title, row, letter))
                elif column.role == Role.DATA and column.kind in (Kind.TEXT, Kind.LONG_TEXT):
                    sheet[f"{letter}{row}"] = 2026.5
                    expected.values[(spec.key, row, column.key)] = "2026.5"
    return _case(source, folder / "wrong-types.xlsx", edit)


def formula_cells(source: Path, folder: Path) -> tuple[Path, Expected]:
    """Formulas (a sum, a link out, a DDE command, a web call) in key and data cells of every sheet."""
    def edit(workbook: Any, expected: Expected) -> None:
        expected.says = "formula"
        formulas = iter(FORMULAS * 4)
        for spec in DATA_SHEETS:
            sheet = _sheet(workbook, spec)
            columns, row = _columns(sheet), _first_row(sheet, spec)
            for column in (spec.digested[0], spec.data[0], spec.data[-1]):
                letter = get_column_letter(columns[column.key])
                sheet[f"{letter}{row}"] = next(formulas)
                expected.errors.add((sheet.title, row, letter))
    return _case(source, folder / "formulas.xlsx", edit)


def unknown_keys(source: Path, folder: Path) -> tuple[Path, Expected]:
    """Rows whose keys name nothing this workspace knows: a commitment, a period, an indicator."""
    def edit(workbook: Any, expected: Expected) -> None:
        expected.says = "No commitment|period|no indicator|No decision"
        for spec, key, value in ((DATA_SHEETS[0], "id", 99999), (PROGRESS, "commitment_id", 88888),
                                 (PROGRESS, "period", "2031-H1"), (INDICATORS, "indicator", "9.9.z"),
                                 (DATA_SHEETS[3], "meeting", "XYZ-2099")):
            sheet = _sheet(workbook, spec)
            columns = _columns(sheet)
            rows = [r[0].row for r in sheet.iter_rows(min_row=FIRST_DATA_ROW) if r[0].value]
            row = rows[1] if key == "period" else rows[0]  # two keys of one row would be one error
            letter = get_column_letter(columns[key])
            sheet[f"{letter}{row}"] = value
            expected.errors.add((sheet.title, row, letter))
    return _case(source, folder / "unknown-keys.xlsx", edit)


def megabyte_texts(source: Path, folder: Path) -> tuple[Path, Expected]:
    """Two cells of 1 MB of varied text each (not a compression bomb: it packs only about 3:1).

    openpyxl cuts texts to a cell's 32,767 characters when it writes, so a marker goes in through
    openpyxl and the megabyte is put in its place in the file's XML, as a script could.
    """
    from xml.sax.saxutils import escape

    words = ["migration", "миграция", "protection", "защита", "refugee", "беженец", "border",
             "граница", "data", "данные", "2026", "—"]
    rng = random.Random(1)
    text = " ".join(rng.choice(words) for _ in range(120_000))[: 1024 * 1024]
    marker = "MEGABYTE-TEXT-GOES-HERE"

    def edit(workbook: Any, expected: Expected) -> None:
        expected.says = "characters long"
        for spec, key in ((PROGRESS, "narrative"), (INDICATORS, "note")):
            sheet = _sheet(workbook, spec)
            row = _first_row(sheet, spec)
            letter = get_column_letter(_columns(sheet)[key])
            sheet[f"{letter}{row}"] = marker
            expected.errors.add((sheet.title, row, letter))
    staged, expected = _case(source, folder / "megabyte-staged.xlsx", edit)
    with zipfile.ZipFile(staged) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    big = escape(text).encode()
    replaced = {name: data.replace(marker.encode(), big) for name, data in members.items()
                if name.endswith(".xml") and marker.encode() in data}
    assert replaced, "the marker is not in the workbook's XML"
    path = replace_members(staged, folder / "megabyte.xlsx", replaced)
    staged.unlink()
    return path, expected


def _text_case(name: str, text: str) -> CellMaker:
    def make(source: Path, folder: Path) -> tuple[Path, Expected]:
        def edit(workbook: Any, expected: Expected) -> None:
            sheet = _sheet(workbook, PROGRESS)
            columns, row = _columns(sheet), _first_row(sheet, PROGRESS)
            for key in ("narrative", "challenges"):
                sheet[f"{get_column_letter(columns[key])}{row}"] = text
                expected.values[("progress", row, key)] = text
        return _case(source, folder / name, edit)
    return make


#: name → maker taking (exported workbook, folder), giving the file and what the import must make of it
CELL_CASES: dict[str, CellMaker] = {
    "wrong types in every column": wrong_types,
    "formula cells": formula_cells,
    "unknown or wrong keys": unknown_keys,
    "texts of 1 MB": megabyte_texts,
    "control and invisible characters": _text_case("invisible.xlsx", INVISIBLE),
    "mixed scripts": _text_case("scripts.xlsx", MIXED_SCRIPTS),
}
