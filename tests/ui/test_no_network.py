"""The app never opens a socket: its main workflows run with socket creation made to fail.

Start, edit, backup and restore; export and import of a submission (from the window's dialogs, off
the GUI thread, and on the command line); consolidation into the regional workbook and the PDF
brief (from the secretariat's tab, and on the command line).
"""

from __future__ import annotations

import socket
import sys

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from app.cli import main
from app.models.orm.enums import ProgressStatus
from app.models.services.reporting.commitments import CommitmentInput, add_commitment
from app.models.services.reporting.periods import current_period
from app.models.services.reporting.progress import ProgressInput, copy_from_previous, record_progress
from app.models.services.workspace import backups as backup_service
from app.models.storage.database import open_database
from app.reports.submission.pipeline import read_submission
from app.ui.files.backups_dialog import BackupsDialog
from app.ui.shell.application import AppController
from app.ui.shell.main_window import MainWindow


class NetworkUsedError(AssertionError):
    pass


class NoSocket(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise NetworkUsedError("the app tried to open a socket")


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise NetworkUsedError("the app tried to reach the network")


@pytest.fixture
def no_network(monkeypatch):
    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, _refuse)
    with pytest.raises(NetworkUsedError):
        socket.create_connection(("example.org", 80))
    with pytest.raises(NetworkUsedError):
        socket.socket()


def test_main_workflows_work_offline(no_network, qtbot, qapp, language, tmp_path, today,
                                     monkeypatch):
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda *args: pytest.fail(f"error shown: {args[2]}"))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)

    # Command line: a workspace, a demo, a backup.
    workspace = tmp_path / "coordinator.sqlite"
    assert main(["init", "--db", str(workspace), "--role", "coordinator", "--country", "UZ",
                 "--name", "Offline"]) == 0
    demo = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(demo), "--seed", "6"]) == 0
    assert main(["backup", "--db", str(demo)]) == 0

    # The desktop app starts on the demo (lock, checks, daily backup) and shows the plan.
    controller = AppController(qapp, language)
    window = controller.open_workspace(demo)
    assert window is not None and window.navigator.plan_model.rowCount() == 10

    # Edits through the services, as the panels make them.
    db = window.context.db
    with db.transaction() as session:
        commitment = add_commitment(session, "KZ", CommitmentInput(
            action_id=1, description="Offline commitment", lead_agency="Migration Service"))
        period = current_period(session, today)
        record_progress(session, commitment.id, period.id,
                        ProgressInput(status=ProgressStatus.ON_TRACK, percent=30))
        copy_from_previous(session, "KZ", period)

    # Backup and restore from the Backups dialog (each off the GUI thread).
    dialog = BackupsDialog(window.context, window)
    with qtbot.waitSignal(dialog.backed_up, timeout=15000) as made:
        dialog.back_up_now()
    dialog.select_backup(made.args[0])
    with qtbot.waitSignal(dialog.restored, timeout=15000):
        assert dialog.restore_selected()
    assert any(b.reason == "before-restore" for b in backup_service.backups(demo))

    # Restore on the command line, after the window has let go of the workspace.
    window.close()
    qapp.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert main(["restore", "--db", str(demo), "newest"]) == 0
    open_database(demo).close()
    assert "PySide6.QtNetwork" not in sys.modules


def _refuse_messages(monkeypatch) -> None:
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind, lambda *args: pytest.fail(f"error shown: {args[2]}"))


def test_export_import_and_backup_from_the_window_work_offline(no_network, qtbot, qapp, language,
                                                               tmp_path, monkeypatch):
    _refuse_messages(monkeypatch)
    demo = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(demo), "--seed", "6", "--lang", "ru"]) == 0
    window = AppController(qapp, language).open_workspace(demo)
    assert window is not None

    # Export from File → Export submission…, in Russian, off the GUI thread.
    out = tmp_path / "out"
    out.mkdir()
    window.submission_actions.export_action.trigger()
    export = window.submission_actions.export_dialog
    period = export.period.currentData()  # the current period, as the dialog proposes it
    export.language.setCurrentIndex(export.language.findData("ru"))
    export.folder.setText(str(out))
    export.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: export.result_dialog is not None, timeout=20000)
    exported = export.result_dialog.exported.path
    export.result_dialog.close()
    assert exported.exists() and not read_submission(exported).edited_after_export

    # A colleague edits it; the import reads it, previews it and applies it, off the GUI thread.
    workbook = load_workbook(exported)
    sheet = workbook.worksheets[2]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    row[5].value = 91
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    window.submission_actions.import_paths([edited])
    importer = window.submission_actions.importer
    qtbot.waitUntil(lambda: importer.dialog is not None, timeout=20000)
    preview_dialog = importer.dialog
    preview_dialog.apply_button.click()
    qtbot.waitUntil(lambda: preview_dialog.applied is not None, timeout=20000)
    assert preview_dialog.applied.backup.exists()

    # The command line exports the reopened period again and imports it back (nothing to apply).
    window.close()
    qapp.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert main(["export", "--db", str(demo), "--period", period, "--out", str(out)]) == 0
    again = out / f"AP_KZ_{period}_r2.xlsx"
    assert again.exists()
    assert main(["import", "--db", str(demo), str(again)]) == 0
    assert main(["backup", "--db", str(demo)]) == 0
    assert "PySide6.QtNetwork" not in sys.modules


def test_consolidation_workbook_and_pdf_brief_work_offline(no_network, qtbot, secretariat_context,
                                                          tmp_path, monkeypatch):
    _refuse_messages(monkeypatch)
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    view = window.secretariat_tabs.regional
    workbook, brief = tmp_path / "regional.xlsx", tmp_path / "regional.pdf"
    for export, path in ((view.export_workbook, workbook), (view.export_brief, brief)):
        assert export(path) is not None  # written off the GUI thread, one report at a time
        qtbot.waitUntil(lambda path=path: path.exists() and view.brief_button.isEnabled(),
                        timeout=60000)
    assert workbook.stat().st_size > 5000 and brief.read_bytes()[:5] == b"%PDF-"
    out, pdf = tmp_path / "cli.xlsx", tmp_path / "cli.pdf"
    assert main(["consolidate", "--db", str(secretariat_context.db.path), "--lang", "ru",
                 "--out", str(out), "--pdf", str(pdf)]) == 0
    assert out.stat().st_size > 5000 and pdf.read_bytes()[:5] == b"%PDF-"
    assert "PySide6.QtNetwork" not in sys.modules
