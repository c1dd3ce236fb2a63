"""A national coordinator's first half-year submission, in Russian, without help (issue 16):
first-run dialog → checklist → first commitment → progress → export → e-mail with the workbook
attached (the mail program replaced by a recorder that checks the attachment)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.models.orm.enums import ProgressStatus
from app.reports.mail.message import OutgoingMail
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.common.settings import app_settings
from app.ui.coordinator.commitment_form import CommitmentForm
from app.ui.files.send_mail_dialog import SendMailDialog
from app.ui.shell.first_run import FirstRunDialog

from .coordinator_helpers import open_window


def settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


class MailRecorder:
    """Stands in for the mail program: keeps what it was handed, after checking the attachment."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.messages: list[OutgoingMail] = []

    def __call__(self, mail: OutgoingMail) -> bool:
        (attachment,) = mail.attachments
        assert attachment.parent == self.folder and attachment.suffix == ".xlsx"
        workbook = load_workbook(attachment, read_only=True)
        assert workbook.sheetnames[:3] == ["Титульный лист", "Обязательства", "Ход выполнения"]
        workbook.close()
        self.messages.append(mail)
        return True


def test_a_first_submission_from_the_first_run_to_the_mail(qtbot, empty_db, language, today,
                                                          tmp_path, monkeypatch):
    settings = app_settings()
    settings.clear()
    settings.sync()
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr("app.ui.files.submission_export_dialog.default_folder", lambda: folder)

    # 1. The first-run dialog, switched to Russian by its own language choice.
    first_run = FirstRunDialog(empty_db, language)
    qtbot.addWidget(first_run)
    first_run.language_combo.setCurrentIndex(first_run.language_combo.findData("ru"))
    assert first_run.windowTitle() == "Добро пожаловать в Almaty Process Tracker"
    first_run.country_combo.setCurrentIndex(first_run.country_combo.findData("KZ"))
    first_run.name_edit.setText("Айгерим Нурланова")
    first_run.ministry_edit.setText("Министерство внутренних дел")
    first_run.email_edit.setText("a.nurlanova@example.kz")
    first_run.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert first_run.profile is not None

    # 2. The main window: the dashboard's checklist says where to start.
    context = WorkspaceContext(db=empty_db, profile=first_run.profile, bus=ChangeBus(),
                               language=language, today=lambda: today)
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    settle()
    checklist = tabs.dashboard.checklist
    assert checklist.checklist.done["details"] and not checklist.checklist.done["commitments"]
    assert "Этот период по шагам" in checklist.text()

    # 3. The first commitment, from the checklist's link; a date typed over the selected one.
    checklist.linkActivated.emit("step:commitments")
    assert window.tabs.currentWidget() is tabs.commitments
    form = next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, CommitmentForm) and w.isVisible())
    form.description_edit.insertPlainText("Создать межведомственную рабочую группу по смешанной "
                                          "миграции и утвердить её положение")
    form.lead_edit.setText("Министерство внутренних дел")
    for field, typed in ((form.start_edit, "01.02.2026"), (form.end_edit, "31.12.2027")):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(field, typed)
    assert form.start_edit.text() == "01.02.2026" and form.end_edit.text() == "31.12.2027"
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle()
    (row,) = tabs.commitments.table.source.rows()
    assert row.start_date.isoformat() == "2026-02-01"

    # 4. Progress: 150 % refused with a message, 60 % saved, the error bar gone again.
    checklist.linkActivated.emit("step:progress")
    progress = tabs.progress
    assert window.tabs.currentWidget() is progress
    progress.show_commitment(row.id)
    settle()
    progress_form = progress.form
    progress_form.status_combo.setCurrentIndex(
        progress_form.status_combo.findData(ProgressStatus.ON_TRACK.value))
    progress_form.status_combo.activated.emit(progress_form.status_combo.currentIndex())
    progress_form.percent_spin.setFocus()
    progress_form.percent_spin.selectAll()
    qtbot.keyClicks(progress_form.percent_spin, "150")
    progress_form.flush()
    assert progress.messages.isVisible()
    assert progress.messages.text() == "Процент должен быть от 0 до 100."
    progress_form.percent_spin.selectAll()
    qtbot.keyClicks(progress_form.percent_spin, "60")
    progress_form.texts["narrative"].setPlainText("Рабочая группа создана, положение согласовано.")
    progress_form.flush()
    assert not progress.messages.isVisible()
    window.tabs.setCurrentWidget(tabs.dashboard)
    settle()
    assert checklist.checklist.done["progress"] and checklist.checklist.next_step == "plan"

    # 5. Export, from the checklist; the message names the period in words.
    checklist.linkActivated.emit("step:exported")
    export = window.submission_actions.export_dialog
    export.language.setCurrentIndex(export.language.findData("ru"))
    export.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: export.result_dialog is not None, timeout=20000)
    result_dialog = export.result_dialog
    qtbot.addWidget(result_dialog)
    assert "второе полугодие 2026" in result_dialog.message.text()
    assert "2026-H2" not in result_dialog.message.text()
    workbook = result_dialog.exported.path

    # 6. Send by e-mail: the mail program gets the workbook attached, subject and body in Russian.
    recorder = MailRecorder(folder)
    monkeypatch.setattr(SendMailDialog, "launchers", [("recorder", recorder)])
    send = result_dialog.send_mail()
    send.to_edit.setText("secretariat@example.org")
    send.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    (mail,) = recorder.messages
    assert mail.attachments == (workbook,) and mail.to == "secretariat@example.org"
    assert "Казахстан" in mail.subject and "второе полугодие 2026" in mail.subject
    assert mail.body.startswith("Уважаемые коллеги") and "Айгерим Нурланова" in mail.body
    settle()
    done = checklist.checklist.done
    assert done["exported"] and done["sent"]
    # 7. The receipt comes from the secretariat (issue 13): not yet, and its link explains it.
    assert not done["receipt"]
    checklist.linkActivated.emit("step:receipt")
    assert window._guide.browser.source().path().endswith("/ru/submission.md")

    # Without a mail program the same message becomes a ready .eml draft beside the workbook.
    monkeypatch.setattr(SendMailDialog, "launchers", [("none", lambda _mail: False)])
    shown: list[object] = []
    send = result_dialog.send_mail()
    send.open_url = shown.append
    send.send()
    draft = workbook.with_suffix(".eml")
    assert draft.exists() and shown
    raw = draft.read_bytes()
    assert b"X-Unsent: 1" in raw and b"secretariat@example.org" in raw
