"""The e-mail that carries an exported submission: in the workbook's language, the workbook
attached, and as an `.eml` draft Outlook and Thunderbird open as a new unsent message."""

from __future__ import annotations

import base64
from email import policy
from email.parser import BytesParser

from app.reports.mail.eml import write_eml
from app.reports.mail.message import submission_message


def test_the_message_is_in_the_workbook_language_with_the_period_in_words(tmp_path):
    workbook = tmp_path / "AP_KZ_2026-H2_r1.xlsx"
    workbook.write_bytes(b"PK\x03\x04 workbook")
    mail = submission_message("secretariat@example.org", workbook, "KZ", "2026-H2", 1, "ab" * 32,
                              "ru", "Айгерим Нурланова", "МВД")
    assert mail.attachments == (workbook,)
    assert "Казахстан" in mail.subject and "второе полугодие 2026" in mail.subject
    assert "2026-H2_r1" in mail.subject  # the file's name, which holds the code
    assert mail.body.startswith("Уважаемые коллеги")
    assert mail.body.rstrip().endswith("МВД")


def test_the_eml_draft_is_unsent_encoded_and_carries_the_workbook(tmp_path):
    workbook = tmp_path / "AP_KZ_2026-H2_r1.xlsx"
    content = bytes(range(256)) * 4
    workbook.write_bytes(content)
    mail = submission_message("secretariat@example.org", workbook, "KZ", "2026-H2", 1, "cd" * 32,
                              "ru", "Айгерим")
    path = write_eml(mail, tmp_path, "a@example.org")
    assert path == tmp_path / "AP_KZ_2026-H2_r1.eml"
    raw = path.read_bytes()
    assert raw.isascii()  # every header encoded (RFC 2047), the body and the file transfer-encoded
    assert b"X-Unsent: 1" in raw and b"=?utf-8?" in raw
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert message["To"] == "secretariat@example.org"
    assert message["Subject"] == mail.subject  # decodes back to the Cyrillic subject
    body = message.get_body(preferencelist=("plain",))
    assert body.get_content().replace("\r\n", "\n").strip() == mail.body.strip()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == workbook.name
    assert attachment.get_content_type() == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert attachment["Content-Transfer-Encoding"] == "base64"
    assert attachment.get_content() == content
    assert base64.b64decode(attachment.get_payload()) == content
    assert not list(tmp_path.glob("*.partial"))
