"""The lean row reader gives, cell by cell, what openpyxl's read-only iter_rows gives."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.reports.xlsx.rows import sheet_rows

#: Cells openpyxl never writes but Excel, LibreOffice or a hand may: rich text with a phonetic run,
#: an empty text, a formula over an inline string, a boolean, an error, an empty value, a repeated
#: row number (skipped) and a row without a number (the next one).
HAND_MADE = (
    '<row r="9"><c r="A9" t="inlineStr"><is><t>plain</t><r><t>run1</t></r>'
    '<rPh sb="0" eb="1"><t>PHONETIC</t></rPh><r><rPr/><t xml:space="preserve"> run2 </t></r></is></c>'
    '<c r="B9" t="inlineStr"><is><r><t>only a run</t></r></is></c><c r="C9" t="inlineStr"/>'
    '<c t="inlineStr"><is><t></t></is></c><c r="E9" t="n"><v></v></c>'
    '<c r="F9" t="str"><f>1+1</f><v>2</v></c><c r="G9" t="b"><v>0</v></c>'
    '<c r="H9" t="e"><v>#DIV/0!</v></c><c r="I9" t="inlineStr"><f>A1</f><is><t>x</t></is></c>'
    '<c r="AZ9"><v>99</v></c></row>'
    '<row r="9"><c r="A9"><v>5</v></c></row><row><c><v>7</v></c></row>'
)


def _workbook(tmp_path: Path) -> Path:
    workbook = Workbook()  # the normal mode writes shared strings, as Excel does
    sheet = workbook.active
    sheet.append(["text", 1, 2.5, True, dt.datetime(2026, 3, 4), "=A1&B1", "#N/A", None, 1e20, -3])
    sheet.append([None, "x"])
    sheet["E5"] = dt.date(2026, 1, 1)
    sheet["Z7"] = "far"
    plain = tmp_path / "plain.xlsx"
    workbook.save(plain)
    edited = tmp_path / "edited.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", HAND_MADE.encode() + b"</sheetData>")
                data = data.replace(b'ref="A1:Z7"', b'ref="A1:AZ20"')
            target.writestr(info, data)
    return edited


def _as_openpyxl(path: Path, width: int) -> dict[int, list]:
    workbook = load_workbook(path, read_only=True)
    try:
        rows = {number: [(c.value, c.data_type) if c.value is not None else None for c in row]
                for number, row in enumerate(workbook.worksheets[0].iter_rows(max_col=width), 1)}
    finally:
        workbook.close()
    return {number: cells for number, cells in rows.items() if any(cells)}


def _as_lean(path: Path, width: int) -> dict[int, list]:
    workbook = load_workbook(path, read_only=True)
    try:
        rows = {number: [None if c is None or c.value is None else (c.value, c.data_type)
                         for c in cells]
                for number, cells in sheet_rows(workbook.worksheets[0], width)}
    finally:
        workbook.close()
    return {number: cells for number, cells in rows.items() if any(cells)}


def test_every_kind_of_cell_reads_as_openpyxl_reads_it(tmp_path):
    path = _workbook(tmp_path)
    lean = _as_lean(path, 30)
    assert lean == _as_openpyxl(path, 30)
    assert lean[9][0] == ("plainrun1 run2 ", "s")  # the phonetic run is not text
    assert lean[9][5] == ("=1+1", "f") and lean[9][8] == ("=A1", "f")
    assert lean[1][4] == (dt.datetime(2026, 3, 4), "d")
    assert lean[10][0] == (7, "n")
    assert len(lean[9]) == 30  # column AZ is past the width asked for


def test_the_exported_submission_reads_as_openpyxl_reads_it(tmp_path):
    fixture = Path(__file__).parent.parent / "fixtures" / "submission_v1.xlsx"
    workbook = load_workbook(fixture, read_only=True)
    try:
        for sheet in workbook.worksheets:
            with_openpyxl = {n: [(c.value, c.data_type) if c.value is not None else None
                                 for c in row]
                             for n, row in enumerate(sheet.iter_rows(max_col=64), 1)}
            with_openpyxl = {n: cells + [None] * (64 - len(cells))
                             for n, cells in with_openpyxl.items() if any(cells)}
            lean = {n: [None if c is None or c.value is None else (c.value, c.data_type)
                        for c in cells] for n, cells in sheet_rows(sheet, 64)}
            assert {n: cells for n, cells in lean.items() if any(cells)} == with_openpyxl
    finally:
        workbook.close()
