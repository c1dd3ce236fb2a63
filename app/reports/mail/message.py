"""What a mail program is asked to send: recipient, subject, body, and the files attached."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.i18n import translate_in
from app.i18n.formats import country_name, format_period
from app.models.invisible import mark_invisible
from app.reports.submission.mailto import acknowledgement_mail, plain_address


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str
    attachments: tuple[Path, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class ReceiptMailInfo:
    """What the acknowledgement says about the received submission."""

    country: str
    period_code: str
    revision: int
    file_name: str
    acknowledged_at: dt.datetime | None
    note: str
    edited_cells: Sequence[Mapping[str, Any]] = ()


def submission_message(to: str, workbook: Path, country: str, period_code: str, revision: int,
                       digest: str, language: str, sender: str = "",
                       ministry: str = "") -> OutgoingMail:
    """The message that sends an exported submission, in the workbook's language, with it
    attached (the reader of the subject and body is the one who reads the workbook)."""
    def t(message: str) -> str:
        return translate_in(language, message)

    name = country_name(country, language)
    period = format_period(period_code, language)
    subject = t("Almaty Process: {country}, progress report {period} (revision {revision}) — "
                "{file}").format(country=name, period=period, revision=revision,
                                 file=workbook.name)
    lines = [
        t("Dear colleagues,"),
        "",
        t("Please find attached the progress report of {country} for the period {period} "
          "(revision {revision}).").format(country=name, period=period, revision=revision),
        "",
        t("SHA-256 digest: {digest}").format(digest=digest),
        "",
        t("Kind regards,"),
        *(line for line in (sender, ministry) if line),
    ]
    return OutgoingMail(to=to.strip(), subject=subject, body="\n".join(lines),
                        attachments=(workbook,))


def receipt_message(to: str, receipt: Path, info: ReceiptMailInfo, language: str,
                    sender: str = "") -> OutgoingMail:
    """The secretariat's acknowledgement with the signed receipt attached, in the language of the
    workbook it acknowledges (its reader is that workbook's coordinator): the note and any cells
    edited after export to confirm, as the acknowledgement e-mail has always said them."""
    subject, body = acknowledgement_mail(
        info.country, info.period_code, info.revision, info.file_name, info.acknowledged_at,
        info.note, info.edited_cells, sender=sender, language=language)
    return OutgoingMail(to=plain_address(to), subject=mark_invisible(subject),
                        body=mark_invisible(body), attachments=(receipt,))
