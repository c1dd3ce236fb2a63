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
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import defusedxml  # noqa: F401 - openpyxl parses through it; imported so a missing one fails here
from defusedxml import DefusedXmlException
from openpyxl.xml import DEFUSEDXML

from app.i18n import _
from app.i18n.formats import format_number
from app.logs import get_logger
from app.reports.errors import WorkbookRefusedError
from app.reports.xlsx.file_kind import (
    OLE_SIGNATURE,
    REASONS,
    FileKind,
    kind_of_bytes,
    kind_of_ole,
    kind_of_zip,
    refusal_text,
)

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

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
_MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaProjectSignature\.bin|activeX/|ctrlProps/)",
                          re.IGNORECASE)
_MACRO_TYPES = (b"macroEnabled", b"vbaProject", b"sheet.binary", b"ms-excel.addin",
                b"ms-excel.sheet.binary")
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s>/]")
_WORKBOOK_TYPE = b"spreadsheetml.sheet.main+xml"
_TEMPLATE_TYPE = b"spreadsheetml.template.main+xml"
#: Strict Open XML names its parts in this namespace (openpyxl reads only the transitional one).
_STRICT = b"purl.oclc.org/ooxml/"
_STRICT_PARTS = ("_rels/.rels", "xl/workbook.xml")
_log = get_logger("reports.xlsx")


def refuse(reason: str, text: str) -> WorkbookRefusedError:
    return WorkbookRefusedError(reason, text)


def open_refusal(path: Path, exc: BaseException) -> WorkbookRefusedError:
    """Why a file that passed the checks could not be read: entity tricks, else a damaged part.

    openpyxl may wrap defusedxml's refusal in its own error, so the chain of causes is searched.
    The exception itself goes to the log file, never to the user (its name means nothing to them).
    """
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return refuse("xml_entities", _(
                "{name} contains XML entity declarations, a known way to attack programs that read "
                "XML. It was not opened.").format(name=path.name))
        cause = cause.__cause__ or cause.__context__
    _log.info("%s could not be read", path.name, exc_info=exc)
    return damaged_part(path)


def damaged_part(path: Path) -> WorkbookRefusedError:
    """A part of the workbook is damaged, missing or not as Excel writes it."""
    return refuse("damaged", _(
        "{name} cannot be read: a part of the workbook is damaged or missing (perhaps the file was "
        "cut off while downloading, or written by a program that does not follow the Excel "
        "format). Ask for the file again, or open it in Excel or LibreOffice, save it as an Excel "
        "workbook (.xlsx) and import that file.").format(name=path.name))


def kind_refusal(kind: FileKind, path: Path) -> WorkbookRefusedError:
    return refuse(REASONS[kind], refusal_text(kind, path))


def check_workbook_file(path: Path) -> None:
    """Raise WorkbookRefusedError unless `path` looks like a safe, ordinary .xlsx workbook.

    Whatever a hostile file makes the zip module or the inflater raise becomes a refusal.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise _unreadable(name, exc) from exc
    try:
        if head.startswith(OLE_SIGNATURE):
            raise kind_refusal(kind_of_ole(path), path)
        if not head.startswith(ZIP_SIGNATURES):
            raise kind_refusal(kind_of_bytes(head), path)
        if size > MAX_FILE_BYTES:
            raise _too_big(name)
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, path)
    except WorkbookRefusedError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, struct.error) as exc:
        raise kind_refusal(FileKind.DAMAGED, path) from exc
    except OSError as exc:
        raise _unreadable(name, exc) from exc
    except Exception as exc:  # any other failure on a hostile zip is damage, never a traceback
        _log.info("%s failed the safety check", name, exc_info=exc)
        raise kind_refusal(FileKind.DAMAGED, path) from exc


def _unreadable(name: str, exc: OSError) -> WorkbookRefusedError:
    return refuse("unreadable", _("The file {name} cannot be read ({detail}).").format(
        name=name, detail=exc.strerror or exc))


def _too_big(name: str) -> WorkbookRefusedError:
    return refuse("too_large", _(
        "{name} is far larger than any submission workbook once unpacked, so it was not opened "
        "(it may be a \"zip bomb\").").format(name=name))


def _check_archive(archive: zipfile.ZipFile, path: Path) -> None:
    name = path.name
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
        raise kind_refusal(kind_of_zip(archive), path)
    content_types = _read_bounded(archive, "[Content_Types].xml", name)
    if any(marker in content_types for marker in _MACRO_TYPES):
        raise _macro_refusal(name)
    if _WORKBOOK_TYPE not in content_types and _TEMPLATE_TYPE not in content_types:
        raise kind_refusal(kind_of_zip(archive), path)
    for info in members:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")):
            _check_xml(archive, info, path)


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


def _check_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path) -> None:
    """No DTD or entity declarations, not Strict Open XML; worksheets within the row limit."""
    name = path.name
    lowered = info.filename.lower()
    is_sheet = lowered.startswith("xl/worksheets/") and lowered.endswith(".xml")
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
            if lowered in _STRICT_PARTS and _STRICT in head:
                raise kind_refusal(FileKind.STRICT, path)
        if not is_sheet:
            return
        window = tail + chunk
        rows += len(_ROW_TAG.findall(window)) - len(_ROW_TAG.findall(tail))
        tail = window[-64:]
        if rows > MAX_SHEET_ROWS:
            raise refuse("too_many_rows", _(
                "A sheet of {name} has more than {limit} rows; no submission is that long. It was not "
                "opened.").format(name=name, limit=format_number(MAX_SHEET_ROWS)))
