"""The secretariat's acknowledgement sends the signed receipt the way a coordinator sends a
workbook: attached, through the mail program (or a ready `.eml` draft), to the address the
received workbook names, in that workbook's language (issue 16, point 9)."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select, update

from app.demo.generator import create_demo_workspace
from app.i18n import translate_in
from app.models.orm.enums import WorkspaceRole
from app.models.orm.reporting import Submission
from app.models.services.workspace.profile import ProfileInput, create_workspace, profile_of
from app.reports.mail.message import OutgoingMail
from app.reports.receipt.read import read_receipt
from app.reports.submission.batch import import_batch
from app.reports.submission.export import export_submission
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.files.send_mail_dialog import SendReceiptDialog
from app.ui.secretariat.acknowledge_dialog import AcknowledgeDialog
from app.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 11, 26)
PERIOD = "2026-H1"
HOSTILE_NOTE = "Thank you.\r\nBcc: evil@example.org\r\nSubject: forged\n\nSee =?utf-8?q?x?="


@pytest.fixture(scope="module")
def russian_workbook(tmp_path_factory) -> tuple[Path, int]:
    """Kyrgyzstan's workbook exported in Russian, one percent changed after export."""
    root = tmp_path_factory.mktemp("kg")
    db = create_demo_workspace(root / "KG.sqlite", country="KG", seed=4, today=TODAY)
    exported = export_submission(db, "KG", PERIOD, "ru", root).path
    db.close()
    workbook = load_workbook(exported)
    sheet = workbook["Ход выполнения"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    row[5].value = 90
    sent = root / "sent" / exported.name
    sent.parent.mkdir()
    workbook.save(sent)
    return sent, row[5].row


@pytest.fixture
def window(qtbot, tmp_path, language, russian_workbook):
    """A secretariat working in English that has received the Russian workbook."""
    db = create_workspace(tmp_path / "secretariat.sqlite", ProfileInput(
        role=WorkspaceRole.SECRETARIAT, country_code=None, coordinator_name="Support Unit",
        email="unit@example.org"), TODAY)
    assert import_batch(db, [russian_workbook[0]]).outcomes[0].applied
    window = MainWindow(WorkspaceContext(db, profile_of(db), ChangeBus(), language))
    qtbot.addWidget(window)
    yield window
    db.close()


class ReceiptRecorder:
    """Stands in for the mail program: checks that the attachment is the signed receipt."""

    def __init__(self) -> None:
        self.messages: list[OutgoingMail] = []

    def __call__(self, mail: OutgoingMail) -> bool:
        (attachment,) = mail.attachments
        assert attachment.name == f"AP_RECEIPT_KG_{PERIOD}_r1.xlsx"
        receipt = read_receipt(attachment)  # verifies the receipt's seal and signature
        assert (receipt.country, receipt.period, receipt.revision) == ("KG", PERIOD, 1)
        self.messages.append(mail)
        return True


def _acknowledge(window: MainWindow, note: str, monkeypatch, compose: bool = True):
    def accept(dialog: AcknowledgeDialog) -> AcknowledgeDialog.DialogCode:
        dialog.note_edit.setPlainText(note)
        dialog.compose_check.setChecked(compose)
        return AcknowledgeDialog.DialogCode.Accepted

    monkeypatch.setattr(AcknowledgeDialog, "exec", accept)
    view = window.secretariat_tabs.completeness
    view.open_cell("KG", PERIOD)
    view.acknowledge(view.report_panel.data.latest.id)
    return view


def test_acknowledging_sends_the_receipt_attached_in_the_workbook_language(
        qtbot, window, russian_workbook, monkeypatch):
    recorder = ReceiptRecorder()
    monkeypatch.setattr(SendReceiptDialog, "launchers", [("recorder", recorder)])
    view = _acknowledge(window, "Спасибо. Please confirm the corrected percent.", monkeypatch)
    dialog = view.send_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.addWidget(dialog)
    assert dialog.attachment.text() == f"AP_RECEIPT_KG_{PERIOD}_r1.xlsx"
    assert dialog.to_edit.text() == "demo@example.org"  # from the received workbook's identity
    assert "receipt attached" in dialog.intro.text()  # the officer's interface: English
    dialog.to_edit.setText("kg.coordinator@example.org")  # editable
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    (mail,) = recorder.messages
    assert mail.to == "kg.coordinator@example.org" and mail.attachments == (view.receipt_path,)
    # Subject and body in Russian, the workbook's language, the period in words.
    assert "первое полугодие 2026" in mail.subject and PERIOD not in mail.subject
    assert mail.body.startswith("Уважаемые коллеги")
    assert "Кыргызстан" in mail.body and "Спасибо. Please confirm the corrected percent." in mail.body
    edited = translate_in("ru", "{sheet}, row {row}, column {column} ({header}): {value}")
    assert edited != "{sheet}, row {row}, column {column} ({header}): {value}"
    where = edited.split("{column}")[0].format(sheet="Ход выполнения", row=russian_workbook[1])
    assert f"- {where}F (" in mail.body  # the cell edited after export, to confirm
    assert "Support Unit" in mail.body
    assert not dialog.isVisible()


def test_the_panel_sends_the_receipt_again_later(qtbot, window, monkeypatch):
    """"Send by e-mail…" on an acknowledged report writes the receipt again if it is gone."""
    view = _acknowledge(window, "Received.", monkeypatch, compose=False)
    assert view.send_dialog is None and view.receipt_path is not None
    view.receipt_path.unlink()
    recorder = ReceiptRecorder()
    monkeypatch.setattr(SendReceiptDialog, "launchers", [("recorder", recorder)])
    assert view.report_panel.compose_button.isEnabled()
    view.report_panel.compose_button.click()
    dialog = view.send_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    dialog.send()
    (mail,) = recorder.messages
    assert mail.attachments[0].exists() and "Received." in mail.body


def test_without_a_mail_program_the_receipt_is_a_ready_draft_no_text_can_add_headers(
        qtbot, window, monkeypatch):
    with window.context.db.transaction() as session:  # as a hostile file might have said it
        session.execute(update(Submission).values(
            contact_email="demo@example.org\r\nBcc: evil@example.org"))
    monkeypatch.setattr(SendReceiptDialog, "launchers", [("none", lambda _mail: False)])
    view = _acknowledge(window, HOSTILE_NOTE, monkeypatch)
    dialog = view.send_dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert dialog.to_edit.text() == ""  # not one plain address: the officer types it
    shown: list[object] = []
    dialog.open_url = shown.append
    dialog.to_edit.setText("kg@example.org")
    dialog.subject_edit.setText("Receipt\nBcc: evil@example.org")
    dialog.send()
    receipt = view.receipt_path
    draft = receipt.with_suffix(".eml")
    assert dialog.handoff is not None and dialog.handoff.draft == draft and shown
    assert str(draft) in dialog.outcome.text()
    raw = draft.read_bytes()
    assert raw.isascii() and b"X-Unsent: 1" in raw
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert message["To"] == "kg@example.org" and message["From"] == "unit@example.org"
    assert message["Bcc"] is None and message.get_all("Subject") == [
        "Receipt Bcc: evil@example.org"]
    body = message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")
    assert "Bcc: evil@example.org\nSubject: forged" in body  # the note stays words in the body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == receipt.name
    assert attachment.get_content() == receipt.read_bytes()
    with window.context.db.reading() as session:
        stored = session.scalar(select(Submission).where(Submission.country_code == "KG"))
        assert stored.language == "ru" and stored.acknowledgement_note.startswith("Thank you.")
