"""`mailto:` links that open the user's mail client with an e-mail pre-written.

A coordinator sends an exported submission (a link cannot attach a file, so the body names the
file and where it is; the user attaches it); the secretariat acknowledges a received one, with its
note and, for a file edited after export, the cells that differ, for the coordinator to confirm.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from app.i18n import N_, _, translate_in
from app.i18n.formats import country_name, format_date, format_period
from app.models.invisible import mark_invisible, strip_invisible

if TYPE_CHECKING:  # the exporter (openpyxl) is not needed to write an e-mail
    from app.reports.submission.export import ExportResult


#: One plain address: what a received workbook names as its sender's may be anything.
_ADDRESS = re.compile(r"[^@\s,;<>\"'()\[\]\\]+@[^@\s,;<>\"'()\[\]\\]+")


def plain_address(text: str) -> str:
    """`text` if it is one plain e-mail address, else "" (a received file's "a@x, b@y?bcc=…" or
    an address with a line break in it is not: the user then types the address)."""
    address = strip_invisible(text).strip()
    return address if _ADDRESS.fullmatch(address) else ""


def mailto_url(to: str, subject: str, body: str) -> str:
    """RFC 6068: percent-encoded UTF-8, spaces as %20 (not +), line breaks as CRLF.

    `to` is used only if it is one plain address (a received file's "a@x, b@y?bcc=…" is not:
    the user then types the address); texts from files show their hidden characters as marks.
    """
    to = plain_address(to)
    body = mark_invisible(body).replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(mark_invisible(subject), safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"


def submission_mail(result: ExportResult, sender: str = "", ministry: str = "") -> tuple[str, str]:
    """Subject and body (in the interface language) for sending an exported submission."""
    country = country_name(result.country)
    subject = _("Almaty Process: {country}, progress report {period} (revision {revision}) — "
                "{file}").format(country=country, period=result.period, revision=result.revision,
                                 file=result.path.name)
    lines = [
        _("Dear colleagues,"),
        "",
        _("Please find attached the progress report of {country} for the period {period} "
          "(revision {revision}).").format(country=country, period=result.period,
                                           revision=result.revision),
        "",
        _("File to attach: {file}").format(file=result.path.name),
        _("It is saved in: {folder}").format(folder=result.path.parent),
        _("SHA-256 digest: {digest}").format(digest=result.digest),
        "",
        _("Kind regards,"),
    ]
    lines.extend(line for line in (sender, ministry) if line)
    return subject, "\n".join(lines)


def submission_mailto(result: ExportResult, to: str = "", sender: str = "", ministry: str = "") -> str:
    subject, body = submission_mail(result, sender, ministry)
    return mailto_url(to, subject, body)


def edited_cell_line(cell: Mapping[str, Any], language: str | None = None) -> str:
    """One cell edited after export, as a person finds it: where, and what it now holds."""
    value = cell.get("value")
    return _in(language, N_("{sheet}, row {row}, column {column} ({header}): {value}")).format(
        sheet=cell.get("sheet", ""), row=cell.get("row", ""), column=cell.get("column", ""),
        header=cell.get("header", ""), value="—" if value in (None, "") else value)


def _in(language: str | None, message: str) -> str:
    """`message` in `language`, or in the interface language when none is given."""
    return _(message) if language is None else translate_in(language, message)


def acknowledgement_mail(country: str, period: str, revision: int, file_name: str,
                         acknowledged_at: dt.datetime | None, note: str,
                         edited_cells: Sequence[Mapping[str, Any]] = (),
                         sender: str = "", language: str | None = None) -> tuple[str, str]:
    """Subject and body acknowledging a received submission, in `language` (the workbook's, whose
    reader is the coordinator) or else the interface language; the period in words."""
    def t(message: str) -> str:
        return _in(language, message)

    name = country_name(country, language)
    period_words = format_period(period, language)
    subject = t(N_("Almaty Process: your progress report {period} (revision {revision}) is "
                   "acknowledged")).format(period=period_words, revision=revision)
    day = acknowledged_at.date() if acknowledged_at else dt.date.today()
    lines = [
        t(N_("Dear colleagues,")),
        "",
        t(N_("The secretariat of the Almaty Process acknowledges the progress report of {country} "
             "for the period {period} (revision {revision}, file {file}), on {date}.")).format(
            country=name, period=period_words, revision=revision, file=file_name,
            date=format_date(day, language)),
    ]
    if note:
        lines += ["", note]
    if edited_cells:
        lines += ["", t(N_("The file was edited after it was exported: these cells differ from "
                           "the export. Please confirm that they are as the country intends:"))]
        lines += [f"- {edited_cell_line(cell, language)}" for cell in edited_cells]
    lines += ["", t(N_("Kind regards,"))]
    if sender:
        lines.append(sender)
    return subject, "\n".join(lines)
