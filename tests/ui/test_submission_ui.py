"""Export and import from the main window: dialogs, the background helper, drops; checked in the database."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from sqlalchemy import select

from app.models.orm.enums import SubmissionState
from app.models.orm.reporting import Submission
from app.models.progress import checkpoint
from app.models.services.reporting.periods import period_by_code
from app.models.services.reporting.progress import get_update
from app.reports.submission.export import export_submission
from app.reports.submission.pipeline import preview, read_submission
from app.ui.common import background
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.change_bus import ChangeBus
from app.ui.files.import_preview_model import ImportPreviewModel, KindRole
from app.ui.files.submission_export_dialog import ExportResultDialog
from app.ui.shell.main_window import MainWindow

PERIOD = "2026-H2"
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    return window


def _edited_workbook(db, folder: Path) -> tuple[Path, int]:
    """An exported workbook with one progress percent changed, and that commitment's id."""
    result = export_submission(db, "KZ", PERIOD, "en", folder, now=NOW)
    workbook = load_workbook(result.path)
    sheet = workbook["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    row[5].value = 93
    edited = folder / "edited.xlsx"
    workbook.save(edited)
    return edited, row[0].value


def _percent(db, commitment_id: int) -> int | None:
    with db.reading() as session:
        return get_update(session, commitment_id, period_by_code(session, PERIOD).id).percent


def test_background_task_reports_progress_and_result(qtbot):
    steps = []

    def work(progress):
        progress.step(1, 2, "half way")
        return 42

    task = BackgroundTask(work)
    task.progressed.connect(lambda done, total, text: steps.append((done, total, text)))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        task.start()
    assert blocker.args == [42]
    assert steps == [(1, 2, "half way")]


def test_cancelled_task_announces_nothing(qtbot):
    bus = ChangeBus()
    announced = []
    bus.changed.connect(announced.append)

    def work(progress):
        for number in range(10_000):
            checkpoint(progress, number, 10_000, "working")
            time.sleep(0.001)
        return "finished"

    task = run_in_background(None, "Working", work, bus=bus, topics=("progress",))
    with qtbot.waitSignal(task.cancelled, timeout=10000):
        task.cancel()
    assert announced == []


def test_export_from_the_menu_writes_the_file_and_offers_mail(qtbot, window, context, tmp_path):
    actions = window.submission_actions
    assert actions.export_action.isEnabled()
    actions.export_action.trigger()
    dialog = actions.export_dialog
    assert dialog.period.itemText(dialog.period.findData(PERIOD)) == "second half of 2026"
    dialog.period.setCurrentIndex(dialog.period.findData(PERIOD))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.folder.setText(str(tmp_path))
    announced = []
    context.bus.changed.connect(announced.append)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.result_dialog is not None, timeout=15000)
    path = tmp_path / f"AP_KZ_{PERIOD}_r1.xlsx"
    assert path.exists()
    with context.db.reading() as session:
        submission = session.scalar(select(Submission).where(
            Submission.period_id == period_by_code(session, PERIOD).id))
        assert submission.state == SubmissionState.EXPORTED and submission.file_name == path.name
    assert frozenset({"submissions", "periods"}) in announced

    result = dialog.result_dialog
    qtbot.addWidget(result)
    opened: list[QUrl] = []
    result.open_url = opened.append
    result.open_folder.click()
    result.compose.click()
    assert opened[0].toLocalFile() == str(tmp_path)
    mail = urlsplit(opened[1].toString(QUrl.ComponentFormattingOption.FullyEncoded))
    assert mail.scheme == "mailto"
    fields = parse_qs(mail.query)
    assert path.name in fields["subject"][0]
    assert str(tmp_path) in fields["body"][0] and path.name in fields["body"][0]


def test_import_shows_the_preview_and_applies_it(qtbot, window, context, tmp_path):
    edited, commitment_id = _edited_workbook(context.db, tmp_path)
    announced = []
    context.bus.changed.connect(announced.append)
    window.submission_actions.import_paths([edited])
    importer = window.submission_actions.importer
    qtbot.waitUntil(lambda: importer.dialog is not None, timeout=15000)
    dialog = importer.dialog
    groups = {dialog.model.index(r, 0).data(): r for r in range(dialog.model.rowCount())}
    assert any(title.startswith("Changed (1)") for title in groups)
    assert any(title.startswith("Edited after export (1)") for title in groups)
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.applied is not None, timeout=15000)
    assert _percent(context.db, commitment_id) == 93
    assert any("progress" in topics for topics in announced)
    assert "Workbook imported" in window.statusBar().currentMessage()


def test_cancel_in_the_preview_changes_nothing(qtbot, window, context, tmp_path):
    edited, commitment_id = _edited_workbook(context.db, tmp_path)
    before = _percent(context.db, commitment_id)
    window.submission_actions.import_paths([edited])
    importer = window.submission_actions.importer
    qtbot.waitUntil(lambda: importer.dialog is not None, timeout=15000)
    importer.dialog.cancel_button.click()
    assert _percent(context.db, commitment_id) == before


def test_dropping_a_workbook_on_the_window_opens_its_preview(qtbot, window, context, tmp_path):
    edited, _commitment_id = _edited_workbook(context.db, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(edited))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, drop)
    importer = window.submission_actions.importer
    qtbot.waitUntil(lambda: importer.dialog is not None, timeout=15000)
    assert importer.dialog.preview.parsed.path == edited
    importer.dialog.reject()


def test_a_refused_file_is_explained(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(background.QMessageBox, "warning",
                        lambda parent, title, text: shown.append(text))
    picture = tmp_path / "picture.xlsx"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    window.submission_actions.import_paths([picture])
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert "picture.xlsx is a picture, not an Excel workbook" in shown[0]
    assert window.submission_actions.importer.dialog is None


def test_preview_model_groups_errors_edits_and_changes(context, tmp_path):
    edited, _commitment_id = _edited_workbook(context.db, tmp_path)
    workbook = load_workbook(edited)
    workbook["Progress"]["F4"] = 500
    workbook.save(edited)
    model = ImportPreviewModel(preview(context.db, read_submission(edited)))
    kinds = [model.index(0, 0, model.index(r, 0)).data(KindRole) for r in range(model.rowCount())]
    assert kinds[:2] == ["error", "edit"]
    error = model.index(0, 0, model.index(0, 0))
    assert error.data() == "Enter a whole number from 0 to 100."
    assert model.index(0, 1, model.index(0, 0)).data() == "Progress, row 4, column F (Done, %)"


def test_export_result_dialog_mail_link_is_encoded(qtbot, context, tmp_path):
    result = export_submission(context.db, "KZ", PERIOD, "en", tmp_path, now=NOW)
    dialog = ExportResultDialog(context, result)
    qtbot.addWidget(dialog)
    url = dialog.mailto()
    assert url.startswith("mailto:?subject=") and " " not in url and "%0D%0A" in url


def test_secretariat_cannot_export_a_submission(qtbot, tmp_path, language):
    from app.models.orm.enums import WorkspaceRole
    from app.models.services.workspace.profile import ProfileInput, create_workspace, profile_of
    from app.ui.common.context import WorkspaceContext

    db = create_workspace(tmp_path / "sec.sqlite", ProfileInput(
        role=WorkspaceRole.SECRETARIAT, country_code=None, coordinator_name="Support Unit"))
    try:
        window = MainWindow(WorkspaceContext(db, profile_of(db), ChangeBus(), language))
        qtbot.addWidget(window)
        assert not window.submission_actions.export_action.isEnabled()
        assert window.submission_actions.import_action.isEnabled()
    finally:
        db.close()
