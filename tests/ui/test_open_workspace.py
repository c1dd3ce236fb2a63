"""Opening a workspace in the desktop app: one instance, a damaged file, the daily backup."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

from app.models.errors import DatabaseDamagedError, WorkspaceInUseError
from app.models.services.workspace.backups import back_up, backups
from app.models.storage.database import open_database
from app.models.storage.lock import WorkspaceLock, lock_path_for, read_holder
from app.ui.shell.application import AppController
from app.ui.shell.workspace_guard import lock_workspace, unlock_workspace

ROOT = Path(__file__).resolve().parents[2]
HOLD_WITH_QT = """
import sys
from PySide6.QtCore import QCoreApplication
from app.ui.shell.workspace_guard import lock_workspace
app = QCoreApplication(sys.argv)
lock = lock_workspace(sys.argv[1])
print("locked", flush=True)
sys.stdin.readline()
"""


class Boxes:
    """Records the message boxes the app shows, answering questions as told."""

    def __init__(self, monkeypatch, answer=QMessageBox.StandardButton.Yes) -> None:
        self.shown: list[tuple[str, str]] = []
        for kind in ("critical", "warning", "information"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))

        def question(_parent, _title, text, *_args):
            self.shown.append(("question", text))
            return answer

        monkeypatch.setattr(QMessageBox, "question", question)

    def _recorder(self, kind: str):
        def record(_parent, _title, text, *_args):
            self.shown.append((kind, text))
            return QMessageBox.StandardButton.Ok
        return record


@pytest.fixture
def controller(qapp, language):
    made = AppController(qapp, language)
    yield made
    for window in list(made.windows):
        window.close()
    qapp.processEvents()


@pytest.fixture
def demo_path(tmp_path, today, workspace_templates) -> Path:
    path = tmp_path / "demo.sqlite"
    workspace_templates.demo_at(path, size="small", seed=2, today=today).close()
    return path


def _damage(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xde\xad" * 8192)


def test_qlockfile_and_command_line_lock_keep_each_other_out(qapp, db_path):
    lock = lock_workspace(db_path)
    with pytest.raises(WorkspaceInUseError) as info:
        WorkspaceLock(db_path).acquire()
    assert info.value.holder.pid == os.getpid() and info.value.holder.user
    unlock_workspace(db_path, lock)
    assert not lock_path_for(db_path).exists()
    with WorkspaceLock(db_path), pytest.raises(WorkspaceInUseError) as info:
        lock_workspace(db_path)
    assert str(os.getpid()) in info.value.message()


def test_qlockfile_takes_over_a_stale_lock_and_vice_versa(qapp, db_path):
    process = subprocess.Popen([sys.executable, "-c", HOLD_WITH_QT, str(db_path)], cwd=ROOT,
                               text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdout.readline().strip() == "locked"
    with pytest.raises(WorkspaceInUseError) as info:
        WorkspaceLock(db_path).acquire()
    assert info.value.holder.pid == process.pid  # a live Qt holder is seen by the command line
    process.kill()
    process.wait()
    with WorkspaceLock(db_path):  # the crashed Qt holder's lock is recovered without Qt
        pass
    stale = subprocess.Popen([sys.executable, "-c", "import os; print(os.getpid())"],
                             stdout=subprocess.PIPE, text=True)
    dead_pid = int(stale.communicate()[0])
    lock_path_for(db_path).write_text(f"{dead_pid}\n{Path(sys.executable).name}\n\n\n\n")
    lock = lock_workspace(db_path)  # and QLockFile recovers a dead holder's lock
    assert isinstance(lock, QLockFile) and read_holder(db_path).pid == os.getpid()
    unlock_workspace(db_path, lock)


def test_second_open_elsewhere_is_told_who_holds_it(controller, demo_path, monkeypatch):
    boxes = Boxes(monkeypatch)
    with WorkspaceLock(demo_path):
        assert controller.open_workspace(demo_path) is None
    assert boxes.shown[0][0] == "warning" and "open in another copy" in boxes.shown[0][1]
    assert str(os.getpid()) in boxes.shown[0][1]


def test_same_workspace_twice_in_one_app_shows_the_open_window(controller, demo_path, monkeypatch):
    Boxes(monkeypatch)
    first = controller.open_workspace(demo_path)
    assert first is not None
    assert controller.open_workspace(demo_path) is first
    assert len(controller.windows) == 1


def test_window_holds_the_lock_until_closed(controller, demo_path, monkeypatch, qapp):
    Boxes(monkeypatch)
    window = controller.open_workspace(demo_path)
    with pytest.raises(WorkspaceInUseError):
        WorkspaceLock(demo_path).acquire()
    window.close()
    qapp.processEvents()
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert controller.windows == []
    with WorkspaceLock(demo_path):
        pass


def test_daily_backup_at_start(controller, demo_path, monkeypatch):
    Boxes(monkeypatch)
    assert backups(demo_path) == []
    controller.open_workspace(demo_path)
    assert [b.reason for b in backups(demo_path)] == ["daily"]


def test_damaged_database_offers_the_newest_backup(controller, demo_path, monkeypatch):
    back_up(demo_path)
    _damage(demo_path)
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    window = controller.open_workspace(demo_path)
    assert window is not None
    kinds = [kind for kind, _text in boxes.shown]
    assert kinds == ["question", "information"]
    assert "damaged" in boxes.shown[0][1] and "Restore the newest intact backup" in boxes.shown[0][1]
    aside = list(demo_path.parent.glob("demo.damaged-*.sqlite"))
    assert len(aside) == 1 and aside[0].name in boxes.shown[1][1]
    assert window.navigator.plan_model.rowCount() == 10


def test_damaged_database_left_alone_when_declined(controller, demo_path, monkeypatch):
    back_up(demo_path)
    _damage(demo_path)
    damaged = demo_path.read_bytes()
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.No)
    assert controller.open_workspace(demo_path) is None
    assert demo_path.read_bytes() == damaged
    assert [kind for kind, _text in boxes.shown] == ["question"]
    with WorkspaceLock(demo_path):  # the refused open released its lock
        pass


def test_damaged_database_without_backup_says_so(controller, demo_path, monkeypatch):
    _damage(demo_path)
    boxes = Boxes(monkeypatch)
    assert controller.open_workspace(demo_path) is None
    assert boxes.shown[0][0] == "critical" and "No intact backup" in boxes.shown[0][1]
    with pytest.raises(DatabaseDamagedError):  # still damaged, still there
        open_database(demo_path)


@pytest.mark.parametrize("damage", ["record", "header"])
def test_damaged_records_and_header_offer_the_newest_backup(controller, demo_path, monkeypatch,
                                                            damage):
    """Issue 14: a record that cannot be decoded, or a damaged header, is damage with the offer."""
    from tests.test_damage_found_early import damage_header

    back_up(demo_path)
    if damage == "header":
        damage_header(demo_path)
    else:
        data = bytearray(demo_path.read_bytes())
        marker = b"Demo coordinator"
        start = data.index(marker)
        data[start + 1:start + 5] = b"\xff\xfe\xc3\x28"
        demo_path.write_bytes(bytes(data))
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Yes)
    window = controller.open_workspace(demo_path)
    assert window is not None
    assert [kind for kind, _text in boxes.shown] == ["question", "information"]
    assert "damaged" in boxes.shown[0][1]
