"""Foreign and damaged files, generated: what real inboxes hold besides the app's own workbooks.

A corpus in the spirit of `hostile.py`, for issue 14: damaged deflate streams, Strict Open XML,
missing parts, odd part-name casing, workbooks without a stylesheet, and other programs' files
(ODS, Numbers, Word, PDF, CSV, HTML) named .xlsx or by their own name. Every case is refused with
one sentence naming what the file is; `FOREIGN` maps name → (maker, reason, words of the message).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

STRICT_NAMESPACES = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main":
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
}


def _members(source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def _write(path: Path, members: dict[str, bytes | str], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def damaged_deflate(source: Path, folder: Path, member: str = "xl/worksheets/sheet3.xml",
                    name: str = "deflate.xlsx") -> Path:
    """A few bytes overwritten inside one compressed part, the zip directory left as it was."""
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo(member)
    # The local header: 30 bytes, then the name and the extra field, then the compressed data.
    name_length = int.from_bytes(data[info.header_offset + 26:info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28:info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    data[middle:middle + 16] = b"\xff\x00\xfe\x01" * 4
    path = folder / name
    path.write_bytes(bytes(data))
    return path


def damaged_deflate_in_styles(source: Path, folder: Path) -> Path:
    return damaged_deflate(source, folder, "xl/styles.xml", "deflate-styles.xlsx")


def strict_ooxml(source: Path, folder: Path) -> Path:
    """The workbook in the namespaces Excel writes for "Strict Open XML Spreadsheet"."""
    members: dict[str, bytes | str] = {}
    for name, data in _members(source).items():
        for old, new in STRICT_NAMESPACES.items():
            data = data.replace(old, new)
        data = data.replace(b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
                            b"http://purl.oclc.org/ooxml/officeDocument/relationships/")
        members[name] = data
    return _write(folder / "strict.xlsx", members)


def _without(source: Path, folder: Path, name: str, *parts: str) -> Path:
    members = {k: v for k, v in _members(source).items() if k not in parts}
    return _write(folder / name, members)


def without_workbook_part(source: Path, folder: Path) -> Path:
    return _without(source, folder, "no-workbook-part.xlsx", "xl/workbook.xml")


def without_relationships(source: Path, folder: Path) -> Path:
    return _without(source, folder, "no-rels.xlsx", "xl/_rels/workbook.xml.rels")


def without_a_sheet(source: Path, folder: Path) -> Path:
    return _without(source, folder, "no-sheet.xlsx", "xl/worksheets/sheet2.xml")


def odd_part_casing(source: Path, folder: Path) -> Path:
    """Part names in another case than the relationships name them (zip names are case-sensitive)."""
    members = {(name.replace("xl/worksheets/", "XL/Worksheets/").replace("sheet", "Sheet")
                if name.startswith("xl/worksheets/") else name): data
               for name, data in _members(source).items()}
    return _write(folder / "casing.xlsx", members)


def foreign_without_styles(folder: Path) -> Path:
    """Another program's workbook with no stylesheet (openpyxl warns about it on stderr)."""
    from openpyxl import Workbook

    staged = folder / "styles-staged.xlsx"
    workbook = Workbook()
    workbook.active.append(["Budget", 2026])
    workbook.save(staged)
    members = _members(staged)
    staged.unlink()
    members.pop("xl/styles.xml")
    members["[Content_Types].xml"] = re.sub(rb'<Override PartName="/xl/styles.xml"[^>]*/>', b"",
                                            members["[Content_Types].xml"])
    members["xl/_rels/workbook.xml.rels"] = re.sub(rb'<Relationship [^>]*styles[^>]*/>', b"",
                                                   members["xl/_rels/workbook.xml.rels"])
    return _write(folder / "no-styles.xlsx", dict(members))


def ods(folder: Path, name: str = "report.xlsx") -> Path:
    """An OpenDocument spreadsheet (LibreOffice Calc), stored first and uncompressed as ODF asks."""
    path = folder / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         zipfile.ZIP_STORED)
        archive.writestr("content.xml", '<?xml version="1.0"?><office:document-content '
                         'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
                         zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", "<manifest/>", zipfile.ZIP_DEFLATED)
    return path


def numbers(folder: Path, name: str = "report-numbers.xlsx") -> Path:
    """What Numbers writes: a zip of .iwa (protobuf) parts under Index/."""
    return _write(folder / name, {"Index/Document.iwa": b"\x00\x01\x02" * 100,
                                  "Index/Tables/DataList.iwa": b"\x00" * 64,
                                  "Metadata/Properties.plist": b"bplist00"})


def docx(folder: Path, name: str = "letter-docx.xlsx") -> Path:
    return _write(folder / name, {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": "<document/>"})


def word_97(folder: Path, name: str = "letter-97.xlsx") -> Path:
    """A Word 97–2003 document: a compound file with a WordDocument stream."""
    path = folder / name
    path.write_bytes(OLE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 4096)
    return path


def excel_97(folder: Path, name: str = "old-book.xlsx") -> Path:
    path = folder / name
    path.write_bytes(OLE + b"\0" * 504 + "Workbook".encode("utf-16-le") + b"\0" * 4096)
    return path


def pdf(folder: Path, name: str = "report.pdf") -> Path:
    path = folder / name
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\ntrailer<<>>\n%%EOF\n")
    return path


def csv(folder: Path, name: str = "report.csv") -> Path:
    path = folder / name
    path.write_text("Country;Period;Commitment;Percent\nKZ;2026-H2;Hotline;40\n", encoding="cp1251")
    return path


def html(folder: Path, name: str = "export.xlsx") -> Path:
    """A web page saved with an Excel name, as some web systems export "Excel" files."""
    path = folder / name
    path.write_text("<html><body><table><tr><td>KZ</td><td>40</td></tr></table></body></html>")
    return path


Maker = Callable[[Path, Path], Path]

#: name → (maker taking (exported workbook, folder), refusal reason, words its message holds)
FOREIGN: dict[str, tuple[Maker, str, str]] = {
    "damaged deflate stream in a sheet": (damaged_deflate, "damaged", "damaged"),
    "damaged deflate stream in the styles": (damaged_deflate_in_styles, "damaged", "damaged"),
    "Strict Open XML": (strict_ooxml, "strict_format", "Strict Open XML"),
    "workbook part missing": (without_workbook_part, "damaged", "damaged or missing"),
    "relationships part missing": (without_relationships, "damaged", "damaged or missing"),
    "a sheet part missing": (without_a_sheet, "not_submission", "is missing from"),
    "odd part-name casing": (odd_part_casing, "not_submission", "missing"),
    "foreign workbook without styles": (lambda s, f: foreign_without_styles(f), "not_submission",
                                        "not a submission workbook"),
    "ODS renamed .xlsx": (lambda s, f: ods(f), "not_workbook", "OpenDocument spreadsheet"),
    "ODS as .ods": (lambda s, f: ods(f, "report.ods"), "not_workbook", "OpenDocument spreadsheet"),
    "Numbers renamed .xlsx": (lambda s, f: numbers(f), "not_workbook", "Numbers"),
    "Word .docx renamed .xlsx": (lambda s, f: docx(f), "not_workbook", "Word"),
    "Word 97 renamed .xlsx": (lambda s, f: word_97(f), "not_workbook", "Word"),
    "Excel 97 renamed .xlsx": (lambda s, f: excel_97(f), "legacy_format", "Excel 97–2003 workbook"),
    "PDF as .pdf": (lambda s, f: pdf(f), "not_workbook", "PDF document"),
    "PDF renamed .xlsx": (lambda s, f: pdf(f, "report-pdf.xlsx"), "not_workbook", "PDF document"),
    "CSV as .csv": (lambda s, f: csv(f), "not_workbook", "text file"),
    "CSV renamed .xlsx": (lambda s, f: csv(f, "report-csv.xlsx"), "not_workbook", "text file"),
    "web page renamed .xlsx": (lambda s, f: html(f), "not_workbook", "web page"),
}
