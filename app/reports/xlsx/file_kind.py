"""What a file that is not a readable Excel workbook is, and what its sender can do about it.

People attach what they have: the submission saved as LibreOffice's .ods, exported from Numbers,
pasted into a Word document, printed to PDF, saved as CSV, or a download cut off half-way. Told
from the first bytes and, for a zip, the names of its members (nothing is parsed), each kind gets
one sentence in the user's language that names it and says what to do next.
"""

from __future__ import annotations

import enum
import zipfile
from pathlib import Path

from app.i18n import _

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Enough of a compound file to find its directory's stream names in any ordinary document.
OLE_SAMPLE = 2 * 1024 * 1024


class FileKind(enum.StrEnum):
    EMPTY = "empty"
    PDF = "pdf"
    ODS = "ods"
    IWORK = "iwork"  # Numbers, Pages, Keynote
    WORD = "word"  # .docx, .doc, .odt, .rtf
    OFFICE_OTHER = "office_other"  # PowerPoint, other OpenDocument files
    OLD_EXCEL = "old_excel"  # .xls (BIFF)
    ENCRYPTED = "encrypted"
    OLE_OTHER = "ole_other"  # a compound file that names none of the above
    TEXT = "text"  # CSV, tab-separated, plain text
    MARKUP = "markup"  # HTML or XML (Excel 2003 XML, web pages saved as .xls)
    IMAGE = "image"
    ARCHIVE = "archive"  # a zip that holds no Office document
    STRICT = "strict"  # "Strict Open XML Spreadsheet", which openpyxl cannot read
    DAMAGED = "damaged"
    UNKNOWN = "unknown"


_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")


def kind_of_bytes(head: bytes) -> FileKind:
    """The kind of a file that is neither a zip nor a compound file, from its first bytes."""
    if not head:
        return FileKind.EMPTY
    if head.startswith(b"%PDF"):
        return FileKind.PDF
    if head.startswith(b"{\\rtf"):
        return FileKind.WORD
    if head.startswith(_IMAGES) or head[4:12] in (b"ftypheic", b"ftypmif1") or (
            head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return FileKind.IMAGE
    text = _as_text(head)
    if text is None:
        return FileKind.UNKNOWN
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<?xml", "<html", "<!doctype", "<table", "<head", "<body")):
        return FileKind.MARKUP
    return FileKind.TEXT


def _as_text(head: bytes) -> str | None:
    """The bytes as text if they look like text (no NULs or stray controls), else None."""
    sample = head[:4096]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return sample.decode("utf-16", errors="replace")
    if b"\x00" in sample:
        return None
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
            text = sample.decode("cp1251", errors="replace")
        else:
            text = sample[: exc.start].decode("utf-8")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return None if controls > len(text) // 100 else text


def kind_of_ole(path: Path) -> FileKind:
    """A compound file: an encrypted workbook, an old workbook, a Word or PowerPoint file."""
    with path.open("rb") as handle:
        sample = handle.read(OLE_SAMPLE)

    def has(name: str) -> bool:
        return name.encode("utf-16-le") in sample

    if has("EncryptedPackage") or has("EncryptionInfo") or b"EncryptionInfo" in sample:
        return FileKind.ENCRYPTED
    if has("Workbook") or has("Book"):
        return FileKind.OLD_EXCEL
    if has("WordDocument"):
        return FileKind.WORD
    if has("PowerPoint Document"):
        return FileKind.OFFICE_OTHER
    return FileKind.OLE_OTHER


def kind_of_zip(archive: zipfile.ZipFile) -> FileKind:
    """A zip that is not an Excel workbook: OpenDocument, iWork, another Office file, or a plain zip."""
    names = archive.namelist()
    lowered = {name.lower() for name in names}
    if "mimetype" in names:
        info = archive.getinfo("mimetype")
        if info.file_size <= 200:
            with archive.open(info) as stream:
                mimetype = stream.read(200).decode("ascii", errors="replace")
            if "opendocument.spreadsheet" in mimetype:
                return FileKind.ODS
            if "opendocument.text" in mimetype:
                return FileKind.WORD
            if "opendocument" in mimetype:
                return FileKind.OFFICE_OTHER
    if any(n.startswith(("index/", "index.zip")) or n.endswith(".iwa") for n in lowered):
        return FileKind.IWORK
    if "word/document.xml" in lowered:
        return FileKind.WORD
    if "ppt/presentation.xml" in lowered or "[content_types].xml" in lowered:
        return FileKind.OFFICE_OTHER
    return FileKind.ARCHIVE


def refusal_text(kind: FileKind, path: Path) -> str:
    """One sentence (or two) saying what the file is and what to do, in the user's language."""
    name = path.name
    texts = {
        FileKind.EMPTY: _("{name} is empty: the download or copy did not finish. Ask the sender to "
                          "send it again."),
        FileKind.PDF: _("{name} is a PDF document, not an Excel workbook. Ask the sender for the "
                        "submission workbook (.xlsx) exported by the app."),
        FileKind.ODS: _("{name} is an OpenDocument spreadsheet (.ods), not an Excel workbook. Open it "
                        "in LibreOffice Calc, save it as an Excel workbook (.xlsx) and import that "
                        "file."),
        FileKind.IWORK: _("{name} is an Apple Numbers, Pages or Keynote file, not an Excel workbook. "
                          "In Numbers choose File → Export To → Excel and import the .xlsx file."),
        FileKind.WORD: _("{name} is a Word or text document, not an Excel workbook. Ask the sender "
                         "for the submission workbook (.xlsx) exported by the app."),
        FileKind.OFFICE_OTHER: _("{name} is an Office file but not an Excel workbook (perhaps a "
                                 "Word or PowerPoint file)."),
        FileKind.OLD_EXCEL: _("{name} is an old Excel 97–2003 workbook (.xls). Open it in Excel or "
                              "LibreOffice, save it as an Excel workbook (.xlsx) and import that "
                              "file."),
        FileKind.ENCRYPTED: _(
            "{name} is protected with a password, so it cannot be read. Ask the sender to remove "
            "the password (File → Info → Protect Workbook → Encrypt with Password) and send it "
            "again."),
        FileKind.OLE_OTHER: _("{name} is an old Excel 97–2003 file (.xls) or is encrypted. Open it "
                              "and save it as an Excel workbook (.xlsx)."),
        FileKind.TEXT: _("{name} is a text file (such as CSV), not an Excel workbook; it cannot hold "
                         "a submission. Ask the sender for the submission workbook (.xlsx) "
                         "exported by the app."),
        FileKind.MARKUP: _("{name} is a web page or an XML file, not an Excel workbook. Open it in "
                           "Excel or LibreOffice, save it as an Excel workbook (.xlsx) and import "
                           "that file."),
        FileKind.IMAGE: _("{name} is a picture, not an Excel workbook. Ask the sender for the "
                          "submission workbook (.xlsx) exported by the app."),
        FileKind.ARCHIVE: _("{name} is a zip archive, not an Excel workbook. If a workbook is inside "
                            "it, extract it first and import the .xlsx file."),
        FileKind.STRICT: _("{name} is saved as “Strict Open XML Spreadsheet”, which this app cannot "
                           "read. Open it in Excel, save it as “Excel Workbook (.xlsx)” and import "
                           "that file."),
        FileKind.DAMAGED: _("{name} is damaged or incomplete (perhaps cut off while downloading or "
                            "copying). Ask for the file again."),
    }
    if kind in texts:
        return texts[kind].format(name=name)
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return _("{name} is not an Excel workbook (.xlsx), even if its name says so. Open it in "
                 "Excel or LibreOffice and save it as an Excel workbook (.xlsx).").format(name=name)
    return _("{name} is not an Excel workbook (.xlsx). Open it in Excel or LibreOffice and save it "
             "as an Excel workbook (.xlsx).").format(name=name)


#: The refusal reason (a stable word for tests and summaries) of each kind.
REASONS = {
    FileKind.EMPTY: "not_workbook", FileKind.PDF: "not_workbook", FileKind.ODS: "not_workbook",
    FileKind.IWORK: "not_workbook", FileKind.WORD: "not_workbook",
    FileKind.OFFICE_OTHER: "not_workbook", FileKind.OLD_EXCEL: "legacy_format",
    FileKind.ENCRYPTED: "encrypted", FileKind.OLE_OTHER: "legacy_format",
    FileKind.TEXT: "not_workbook", FileKind.MARKUP: "not_workbook", FileKind.IMAGE: "not_workbook",
    FileKind.ARCHIVE: "not_workbook", FileKind.STRICT: "strict_format",
    FileKind.DAMAGED: "damaged", FileKind.UNKNOWN: "not_workbook",
}
