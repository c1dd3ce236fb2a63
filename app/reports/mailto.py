"""A `mailto:` link that opens the user's mail client with the submission e-mail pre-written.

A link cannot attach a file, so the body names the file and where it is; the user attaches it.
"""

from __future__ import annotations

from urllib.parse import quote

from app.i18n import _
from app.i18n.formats import country_name
from app.reports.submission_export import ExportResult


def mailto_url(to: str, subject: str, body: str) -> str:
    """RFC 6068: percent-encoded UTF-8, spaces as %20 (not +), line breaks as CRLF."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(to, safe='@,')}?{query}"


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
