"""Getting started (issue 16): empty lists say what they are for and what to do next, the
dashboard's checklist leads through the period, and the workbook goes to the mail program
attached (or as a ready .eml draft)."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser

import pytest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from app.models.orm import Submission
from app.models.orm.enums import SubmissionState
from app.models.services.workspace.profile import profile_of
from app.reports.submission.export import export_submission
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.common.settings import app_settings
from app.ui.files.send_mail_dialog import SendMailDialog
from app.ui.files.sent_record import sent_digests

from .coordinator_helpers import open_window

PERIOD = "2026-H2"


@pytest.fixture
def new_context(coordinator_db, language, today) -> WorkspaceContext:
    """A coordinator's workspace just after the first-run dialog: nothing entered yet."""
    return WorkspaceContext(db=coordinator_db, profile=profile_of(coordinator_db), bus=ChangeBus(),
                            language=language, today=lambda: today)


@pytest.fixture(autouse=True)
def clean_settings():
    settings = app_settings()
    settings.clear()
    settings.sync()


def settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


def test_empty_lists_say_what_they_are_for_and_offer_the_next_step(qtbot, new_context, language):
    language.set_language("ru")
    window = open_window(qtbot, new_context)
    tabs = window.coordinator_tabs
    window.tabs.setCurrentWidget(tabs.commitments)
    settle()
    (commitments, progress) = tabs.empty_states
    assert commitments.label.isVisible()
    assert "Обязательств пока нет" in commitments.label.text()
    assert 'href="new"' in commitments.label.text()
    commitments.label.linkActivated.emit("new")
    form = next(w for w in QApplication.topLevelWidgets()
                if type(w).__name__ == "CommitmentForm" and w.isVisible())
    form.done(0)
    window.tabs.setCurrentWidget(tabs.progress)
    settle()
    assert progress.label.isVisible() and 'href="commitments"' in progress.label.text()
    progress.label.linkActivated.emit("commitments")
    assert window.tabs.currentWidget() is tabs.commitments


def test_a_list_with_rows_shows_no_empty_text(qtbot, context):
    window = open_window(qtbot, context)
    window.tabs.setCurrentWidget(window.coordinator_tabs.commitments)
    settle()
    assert not window.coordinator_tabs.empty_states[0].label.isVisible()


def test_the_dashboard_checklist_follows_the_period(qtbot, new_context, language):
    language.set_language("ru")
    window = open_window(qtbot, new_context)
    dashboard = window.coordinator_tabs.dashboard
    window.tabs.setCurrentWidget(dashboard)
    settle()
    checklist = dashboard.checklist.checklist
    assert checklist is not None
    assert checklist.done["details"] and not checklist.done["plan"]  # the template plan
    assert not any(checklist.done[s] for s in ("commitments", "progress", "exported", "sent",
                                               "receipt"))
    text = dashboard.checklist.text()
    for step in ("details", "plan", "commitments", "progress", "exported", "sent", "receipt"):
        assert f'href="step:{step}"' in text
    words = text.replace("\u00a0", " ")  # each step is kept on one line
    assert "Сведения заполнены" in words and "Получение подтверждено" in words
    # Each step is a link to where it is done.
    opened: list[str] = []
    window.show_workspace_details = lambda: opened.append("details")
    dashboard.checklist.linkActivated.emit("step:details")
    dashboard.checklist.linkActivated.emit("step:progress")
    assert opened == ["details"]
    assert window.tabs.currentWidget() is window.coordinator_tabs.progress
    dashboard.checklist.linkActivated.emit("step:receipt")
    assert window._guide is not None and window._guide.browser.source().fileName() == "submission.md"


def test_exported_sent_and_receipt_light_up(qtbot, context, tmp_path, monkeypatch):
    monkeypatch.setattr("app.ui.files.submission_export_dialog.default_folder", lambda: tmp_path)
    window = open_window(qtbot, context)
    dashboard = window.coordinator_tabs.dashboard
    window.tabs.setCurrentWidget(dashboard)
    result = export_submission(context.db, "KZ", PERIOD, "ru", tmp_path)
    context.bus.announce("submissions")
    settle()
    checklist = dashboard.checklist.checklist
    assert checklist.done["exported"] and not checklist.done["sent"]
    assert checklist.next_step != "exported"
    recorded = []
    monkeypatch.setattr(SendMailDialog, "launchers", [("recorder", lambda m: recorded.append(m)
                                                       or True)])
    dashboard.checklist.linkActivated.emit("step:sent")
    dialog = next(w for w in window.findChildren(SendMailDialog) if w.isVisible())
    dialog.to_edit.setText("secretariat@example.org")
    dialog.send()
    assert recorded and recorded[0].attachments == (result.path,)
    assert result.digest in sent_digests()
    settle()
    assert dashboard.checklist.checklist.done["sent"]
    assert not dashboard.checklist.checklist.done["receipt"]
    with context.db.transaction() as session:  # the secretariat's receipt, as it is recorded today
        session.execute(update(Submission).where(Submission.digest == result.digest)
                        .values(state=SubmissionState.ACKNOWLEDGED))
    context.bus.announce("submissions")
    settle()
    assert dashboard.checklist.checklist.done["receipt"]


def test_without_a_mail_program_a_ready_draft_is_saved_and_shown(qtbot, context, tmp_path):
    result = export_submission(context.db, "KZ", PERIOD, "ru", tmp_path)
    dialog = SendMailDialog(context, result.path, "KZ", PERIOD, result.revision, result.digest,
                            "ru")
    qtbot.addWidget(dialog)
    dialog.launchers = [("none", lambda _mail: False)]
    shown = []
    dialog.open_url = shown.append
    dialog.to_edit.setText("secretariat@example.org")
    dialog.send()
    draft = tmp_path / f"{result.path.stem}.eml"
    assert dialog.handoff is not None and dialog.handoff.draft == draft and draft.exists()
    assert shown[0].toLocalFile() == str(tmp_path)
    assert str(draft) in dialog.outcome.text()
    message = BytesParser(policy=policy.default).parsebytes(draft.read_bytes())
    assert message["X-Unsent"] == "1" and "Казахстан" in message["Subject"]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content() == result.path.read_bytes()
    assert app_settings().value("mail/secretariatAddress") == "secretariat@example.org"


def test_the_export_result_offers_sending_with_the_file_attached(qtbot, context, tmp_path):
    from app.ui.files.submission_export_dialog import ExportResultDialog

    result = export_submission(context.db, "KZ", PERIOD, "en", tmp_path)
    dialog = ExportResultDialog(context, result)
    qtbot.addWidget(dialog)
    assert dialog.send_button.text() == "Send by e-mail…" and not dialog.compose.isVisibleTo(dialog)
    send = dialog.send_mail()
    assert send.message.attachments == (result.path,)
    with context.db.reading() as s:
        assert s.scalar(select(Submission.digest).where(Submission.digest == result.digest))


def test_the_import_preview_shows_old_and_new_side_by_side(qtbot, context, language, tmp_path):
    from openpyxl import load_workbook

    from app.reports.submission.pipeline import preview, read_submission
    from app.ui.files.submission_import_dialog import ImportPreviewDialog

    language.set_language("ru")
    result = export_submission(context.db, "KZ", PERIOD, "ru", tmp_path)
    workbook = load_workbook(result.path)
    sheet = workbook.worksheets[2]  # Progress; row 1 holds the columns' keys
    narrative = [cell.value for cell in sheet[1]].index("narrative")
    row = next(r for r in sheet.iter_rows(min_row=3) if r[narrative].value)
    old_text = str(row[narrative].value)
    row[narrative].value = old_text + " Проведены три обучающих семинара для пограничников."
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    shown = preview(context.db, read_submission(edited))
    dialog = ImportPreviewDialog(context, shown)
    qtbot.addWidget(dialog)
    changed = next(item for item in shown.items if item.kind.value == "changed")
    assert "обязательство 1" not in changed.title.lower()
    assert changed.title.startswith("Ход выполнения") and "второе полугодие 2026" in changed.title
    html = dialog.detail.toHtml()
    assert "Проведены" in html and "#ccf2d1" in html  # the added words, marked
    text = dialog.detail.toPlainText()
    assert old_text[:30] in text  # the old text whole beside the new, not one cut-off line
