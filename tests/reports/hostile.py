"""Hostile and broken files, generated (not stored as blobs): each must be refused with a message.

Shared by the tests and by `bench/bench_submission.py`, which times the refusals.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

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
}
