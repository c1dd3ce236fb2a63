"""Opening evidence (issue 14): web addresses and documents only, never programs or network paths."""

from __future__ import annotations

import pytest

from app.models.services.reporting.evidence_location import Action, Refusal, decide

OPENED = [
    ("https://unhcr.org/report.pdf", Action.WEB, False),
    ("http://example.org/x?y=1#z", Action.WEB, False),
    ("/home/aigerim/reports/brief.pdf", Action.DOCUMENT, False),
    ("file:///home/aigerim/reports/brief.docx", Action.DOCUMENT, False),
    ("C:\\Users\\A\\Documents\\Report 2026.xlsx", Action.DOCUMENT, True),
    ("C:/Users/A/Documents/photo.JPG", Action.DOCUMENT, True),
    ("file:///C:/Users/A/Documents/brief.pdf", Action.DOCUMENT, True),
    ("C:\\Users\\A\\notes.txt", Action.DOCUMENT, False),  # a drive letter is Windows anywhere
]
REFUSED = [
    ("", Refusal.EMPTY, False),
    ("file:///usr/bin/xterm", Refusal.FILE_TYPE, False),
    ("/usr/bin/xterm", Refusal.FILE_TYPE, False),
    ("javascript:alert(1)", Refusal.SCHEME, False),
    ("JavaScript:alert(1)", Refusal.SCHEME, False),
    ("data:text/html,<script>x</script>", Refusal.SCHEME, False),
    ("ms-msdt:/id PCWDiagnostic", Refusal.SCHEME, True),
    ("smb://server/share/report.pdf", Refusal.SCHEME, False),
    ("https:///nohost", Refusal.SCHEME, False),
    ("C:\\Windows\\System32\\cmd.exe", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\run.bat", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\setup.ps1", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\Desktop\\Report.lnk", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\Desktop\\Site.url", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\book.xlsm", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\report.pdf.exe", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\report.exe. . ", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\report.pdf.", Refusal.FILE_TYPE, True),
    ("C:\\Users\\A\\report.pdf:payload.exe", Refusal.FILE_TYPE, True),
    ("\\\\server\\share\\report.pdf", Refusal.NETWORK, True),
    ("\\\\server\\share\\tool.exe", Refusal.NETWORK, False),
    ("//server/share/report.pdf", Refusal.NETWORK, False),
    ("\\\\?\\C:\\Windows\\notepad.exe", Refusal.NETWORK, True),
    ("file://server/share/report.pdf", Refusal.NETWORK, False),
    ("file:////server/share/tool.exe", Refusal.NETWORK, True),
    ("file:///C:/Windows/System32/cmd.exe", Refusal.FILE_TYPE, True),
    ("report\u202efdp.exe", Refusal.HIDDEN_CHARACTERS, False),
    ("C:\\Users\\A\\report\u202efdp.exe", Refusal.HIDDEN_CHARACTERS, True),
    ("C:\\Users\\A\\re\u200bport.pdf", Refusal.HIDDEN_CHARACTERS, True),
    ("reports/brief.pdf", Refusal.RELATIVE, False),
    ("brief.pdf", Refusal.RELATIVE, True),
    ("\\Users\\A\\brief.pdf", Refusal.RELATIVE, True),
    ("/home/aigerim/.bashrc", Refusal.FILE_TYPE, False),
    ("/home/aigerim/app.desktop", Refusal.FILE_TYPE, False),
]


@pytest.mark.parametrize(("location", "action", "windows"), OPENED)
def test_web_addresses_and_documents_are_opened_after_confirmation(location, action, windows):
    decision = decide(location, windows=windows)
    assert decision.action == action and decision.refusal is None
    assert decision.explanation() == ""


@pytest.mark.parametrize(("location", "why", "windows"), REFUSED)
def test_everything_else_is_never_opened(location, why, windows):
    decision = decide(location, windows=windows)
    assert decision.action == Action.REFUSED
    assert decision.refusal == why
    assert decision.target == location  # shown as it is, to copy
    assert decision.explanation()


def test_a_document_target_is_the_full_path():
    assert decide("  C:\\Users\\A\\brief.pdf ", windows=True).target == "C:\\Users\\A\\brief.pdf"
    assert decide("file:///home/a/My%20brief.pdf").target == "/home/a/My brief.pdf"
