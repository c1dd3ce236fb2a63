"""The app never opens a socket: its main workflows run with socket creation made to fail.

Extend with export, import and consolidation as they arrive.
"""

from __future__ import annotations

import socket
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from app.cli import main
from app.models.database import open_database
from app.models.enums import ProgressStatus
from app.models.services import backups as backup_service
from app.models.services.commitments import CommitmentInput, add_commitment
from app.models.services.periods import current_period
from app.models.services.progress import ProgressInput, copy_from_previous, record_progress
from app.ui.application import AppController
from app.ui.backups_dialog import BackupsDialog


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

    # Backup and restore from the Backups dialog.
    dialog = BackupsDialog(window.context, window)
    qtbot.addWidget(dialog)
    made = dialog.back_up_now()
    assert made is not None
    dialog.select_backup(made)
    assert dialog.restore_selected()
    assert any(b.reason == "before-restore" for b in backup_service.backups(demo))

    # Restore on the command line, after the window has let go of the workspace.
    window.close()
    qapp.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert main(["restore", "--db", str(demo), "newest"]) == 0
    open_database(demo).close()
    assert "PySide6.QtNetwork" not in sys.modules
