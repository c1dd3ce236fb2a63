"""The e-mail link: subject and body pre-filled with the file name and where to find it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from app.reports.submission.export import ExportResult
from app.reports.submission.mailto import mailto_url, submission_mail, submission_mailto

RESULT = ExportResult(Path("/home/a/Документы/AP_KZ_2026-H1_r2.xlsx"), "ab" * 32, 2, "KZ", "2026-H1",
                      "ru", {})


def _fields(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    return {key: unquote(value) for key, value in (p.split("=", 1) for p in parts.query.split("&"))}


def test_mailto_url_is_percent_encoded_per_rfc_6068():
    url = mailto_url("secretariat@example.org", "Отчёт & план", "line one\nline two")
    assert url.startswith("mailto:secretariat@example.org?subject=")
    assert " " not in url and "+" not in url and "\n" not in url
    assert "%0D%0A" in url and "%26" in url
    assert _fields(url) == {"subject": "Отчёт & план", "body": "line one\r\nline two"}


def test_submission_mail_names_the_file_and_its_folder():
    subject, body = submission_mail(RESULT, sender="Aigerim", ministry="Ministry of Internal Affairs")
    assert "Kazakhstan" in subject and "2026-H1" in subject and "AP_KZ_2026-H1_r2.xlsx" in subject
    assert "File to attach: AP_KZ_2026-H1_r2.xlsx" in body
    assert "/home/a/Документы" in body and RESULT.digest in body
    assert body.rstrip().endswith("Aigerim\nMinistry of Internal Affairs")


def test_submission_mailto_round_trips():
    fields = _fields(submission_mailto(RESULT))
    assert fields["subject"] == submission_mail(RESULT)[0]
    assert fields["body"] == submission_mail(RESULT)[1].replace("\n", "\r\n")


def test_an_address_from_a_received_file_is_used_only_if_it_is_one_plain_address():
    """Issue 14: the contact e-mail comes from a received workbook."""
    for hostile in ("a@x.org, spy@evil.org", "a@x.org?bcc=spy@evil.org", "a@x.org;spy@evil.org",
                    "<a@x.org>", "not an address"):
        assert mailto_url(hostile, "s", "b").startswith("mailto:?subject=")
    assert mailto_url("a\u200b@x.org", "s", "b").startswith("mailto:a@x.org?")
    assert "\u202e" not in _fields(mailto_url("", "s", "file\u202efdp.exe"))["body"]
