"""Look at a file before any XML parser does: refuse what is not a plain, reasonable .xlsx.

Every check here reads only the file's first bytes, the zip directory, and bounded slices of its
members, so a hostile file is refused in bounded time and memory: a zip bomb by the sizes the
directory declares (and by the bytes actually inflated, which a lying directory cannot hide), a
macro-enabled or binary workbook by its parts and content types, an encrypted one by its OLE
compound-file header, entity tricks by their declarations, a million-row sheet by counting rows as
it streams. What gets past is parsed by openpyxl through defusedxml, which refuses any DTD entity.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import defusedxml  # noqa: F401 - openpyxl parses through it; imported so a missing one fails here
from defusedxml import DefusedXmlException
from openpyxl.xml import DEFUSEDXML

from app.i18n import _
from app.i18n.formats import format_number
from app.reports.errors import WorkbookRefusedError

if not DEFUSEDXML:  # pragma: no cover - the pinned requirements include defusedxml
    raise ImportError("openpyxl must parse through defusedxml (OPENPYXL_DEFUSEDXML must not be False)")

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_TOTAL_BYTES = 128 * 1024 * 1024
#: Inflated/compressed size above which a large member is taken for a bomb.
MAX_RATIO = 150
RATIO_APPLIES_FROM = 4 * 1024 * 1024
MAX_SHEET_ROWS = 100_000
HEAD_BYTES = 64 * 1024
CHUNK = 1024 * 1024

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaProjectSignature\.bin|activeX/|ctrlProps/)",
                          re.IGNORECASE)
_MACRO_TYPES = (b"macroEnabled", b"vbaProject", b"sheet.binary", b"ms-excel.addin",
                b"ms-excel.sheet.binary")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_WORKBOOK_TYPE = b"spreadsheetml.sheet.main+xml"
_TEMPLATE_TYPE = b"spreadsheetml.template.main+xml"


def refuse(reason: str, text: str) -> WorkbookRefusedError:
    return WorkbookRefusedError(reason, text)


def open_refusal(path: Path, exc: BaseException) -> WorkbookRefusedError:
    """Why openpyxl could not read a file that passed the checks: entity tricks, else damage.

    openpyxl may wrap defusedxml's refusal in its own error, so the chain of causes is searched.
    """
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return refuse("xml_entities", _(
                "{name} contains XML entity declarations, a known way to attack programs that read "
                "XML. It was not opened.").format(name=path.name))
        cause = cause.__cause__ or cause.__context__
    return refuse("damaged", _("{name} cannot be read as a workbook ({detail}).").format(
        name=path.name, detail=type(exc).__name__))


def check_workbook_file(path: Path) -> None:
    """Raise WorkbookRefusedError unless `path` looks like a safe, ordinary .xlsx workbook."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise refuse("unreadable", _("The file {name} cannot be read ({detail}).").format(
            name=name, detail=exc.strerror or exc)) from exc
    if head.startswith(OLE_SIGNATURE):
        raise _ole_refusal(path, name)
    if not head.startswith(ZIP_SIGNATURES):
        raise refuse("not_workbook", _(
            "{name} is not an Excel workbook (.xlsx), even if its name says so. Open it in Excel or "
            "LibreOffice and save it as an Excel workbook (.xlsx).").format(name=name))
    if size > MAX_FILE_BYTES:
        raise _too_big(name)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, name)
    except zipfile.BadZipFile as exc:
        raise refuse("damaged", _(
            "{name} is damaged or incomplete (perhaps cut off while downloading or copying). "
            "Ask for the file again.").format(name=name)) from exc
    except (OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise refuse("damaged", _("{name} cannot be read as a workbook ({detail}).").format(
            name=name, detail=exc)) from exc


def _ole_refusal(path: Path, name: str) -> WorkbookRefusedError:
    """An OLE compound file is either an encrypted workbook or an old binary .xls."""
    with path.open("rb") as handle:
        sample = handle.read(2 * 1024 * 1024)
    if "EncryptedPackage".encode("utf-16-le") in sample or b"EncryptionInfo" in sample or (
            "EncryptionInfo".encode("utf-16-le") in sample):
        return refuse("encrypted", _(
            "{name} is protected with a password, so it cannot be read. Ask the sender to remove the "
            "password (File → Info → Protect Workbook → Encrypt with Password) and send it again."
        ).format(name=name))
    return refuse("legacy_format", _(
        "{name} is an old Excel 97–2003 file (.xls) or is encrypted. Open it and save it as an Excel "
        "workbook (.xlsx).").format(name=name))


def _too_big(name: str) -> WorkbookRefusedError:
    return refuse("too_large", _(
        "{name} is far larger than any submission workbook once unpacked, so it was not opened "
        "(it may be a \"zip bomb\").").format(name=name))


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise _too_big(name)
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise refuse("encrypted", _("{name} has encrypted parts and cannot be read.").format(
                name=name))
        if _MACRO_PARTS.search(info.filename):
            raise _macro_refusal(name)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if (info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES
                or (info.file_size > RATIO_APPLIES_FROM and ratio > MAX_RATIO)):
            raise _too_big(name)
    names = {info.filename for info in members}
    if "[Content_Types].xml" not in names:
        raise refuse("not_workbook", _("{name} is a zip archive but not an Excel workbook.").format(
            name=name))
    content_types = _read_bounded(archive, "[Content_Types].xml", name)
    if any(marker in content_types for marker in _MACRO_TYPES):
        raise _macro_refusal(name)
    if _WORKBOOK_TYPE not in content_types and _TEMPLATE_TYPE not in content_types:
        raise refuse("not_workbook", _(
            "{name} is an Office file but not an Excel workbook (perhaps a Word or PowerPoint file)."
        ).format(name=name))
    for info in members:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _check_xml(archive, info, name)


def _macro_refusal(name: str) -> WorkbookRefusedError:
    return refuse("macros", _(
        "{name} contains macros or binary parts, which this app never opens. Save it as an Excel "
        "workbook without macros (.xlsx) and import that file.").format(name=name))


def _read_bounded(archive: zipfile.ZipFile, member: str, name: str, limit: int = 1024 * 1024) -> bytes:
    with archive.open(member) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise _too_big(name)
    return data


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Iterator[bytes]:
    """The member's bytes in chunks, stopping at the declared size (a lying directory is a bomb)."""
    seen = 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            seen += len(chunk)
            if seen > info.file_size or seen > MAX_MEMBER_BYTES:
                raise _too_big(name)
            yield chunk


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """No DTD or entity declarations; worksheets within the row limit."""
    is_sheet = info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
    rows, tail, first = 0, b"", True
    for chunk in _inflate(archive, info, name):
        if first:
            first = False
            head = chunk[:HEAD_BYTES]
            if head.startswith((b"\xff\xfe", b"\xfe\xff")):
                head = head.decode("utf-16", errors="ignore").encode()
            if _DTD.search(head):
                raise refuse("xml_entities", _(
                    "{name} contains XML entity declarations, a known way to attack programs that "
                    "read XML. It was not opened.").format(name=name))
        if not is_sheet:
            return
        window = tail + chunk
        rows += len(_ROW_TAG.findall(window)) - len(_ROW_TAG.findall(tail))
        tail = window[-64:]
        if rows > MAX_SHEET_ROWS:
            raise refuse("too_many_rows", _(
                "A sheet of {name} has more than {limit} rows; no submission is that long. It was not "
                "opened.").format(name=name, limit=format_number(MAX_SHEET_ROWS)))
