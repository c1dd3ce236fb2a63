"""A ready, unsent e-mail as an `.eml` file: Outlook and Thunderbird open it as a new message
(`X-Unsent: 1`) with the workbook attached, for computers where no mail program could be asked.

Headers with Cyrillic (or any non-ASCII) text are RFC 2047-encoded and the attachment's name
RFC 2231-encoded by Python's email package; the attachment itself is base64.
"""

from __future__ import annotations

import mimetypes
import os
import re
from email import policy
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from app.reports.mail.message import OutgoingMail

#: Line breaks and other control characters: in a header they would start a header of their own.
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def build_eml(mail: OutgoingMail, sender: str = "") -> EmailMessage:
    message = EmailMessage(policy=policy.SMTP)
    message["X-Unsent"] = "1"  # opens as a draft to send, not as a received message
    if sender := header_text(sender):
        message["From"] = sender
    if to := header_text(mail.to):
        message["To"] = to
    message["Subject"] = header_text(mail.subject)
    message["Date"] = formatdate(localtime=True)
    message.set_content(mail.body, charset="utf-8")
    for path in mail.attachments:
        maintype, subtype = _type_of(path)
        message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                               filename=path.name)
    return message


def header_text(text: str) -> str:
    """One line: a note, a file name or an address from a received file can never add a header
    (a "Bcc:" after a line break stays words in the subject)."""
    return _CONTROL.sub(" ", text).strip()


def _type_of(path: Path) -> tuple[str, str]:
    if path.suffix.lower() == ".xlsx":
        return XLSX_TYPE
    guessed, _encoding = mimetypes.guess_type(path.name)
    if guessed and "/" in guessed:
        maintype, subtype = guessed.split("/", 1)
        return maintype, subtype
    return "application", "octet-stream"


def write_eml(mail: OutgoingMail, folder: Path, sender: str = "") -> Path:
    """Write the draft beside the workbook (named after it) and return its path."""
    stem = mail.attachments[0].stem if mail.attachments else "message"
    path = Path(folder) / f"{stem}.eml"
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(build_eml(mail, sender).as_bytes())
    os.replace(partial, path)  # never a half-written draft under the real name
    return path
