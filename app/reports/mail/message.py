"""What a mail program is asked to send: recipient, subject, body, and the files attached."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.i18n import translate_in
from app.i18n.formats import country_name, format_period


@dataclass(frozen=True)
class OutgoingMail:
    to: str
    subject: str
    body: str
    attachments: tuple[Path, ...] = field(default_factory=tuple)


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
