"""One app per workspace: the second is told who holds it; a crashed holder's lock is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.models.errors import ReadOnlyLocationError, WorkspaceInUseError
from app.models.storage.lock import (
    WorkspaceLock,
    host_name,
    info_path_for,
    is_stale,
    lock_path_for,
    process_name,
    read_holder,
)

ROOT = Path(__file__).resolve().parent.parent
HOLD = """
import sys
from pathlib import Path
from app.models.storage.lock import WorkspaceLock
lock = WorkspaceLock(Path(sys.argv[1]))
lock.acquire()
print("locked", flush=True)
sys.stdin.readline()
lock.release()
"""


@pytest.fixture
def holder(db_path):
    """Another process holding the workspace until the test ends."""
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], cwd=ROOT, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdout.readline().strip() == "locked"
    yield process
    if process.poll() is None:
        process.communicate("\n", timeout=30)


def test_lock_file_has_qlockfile_format_and_holder_details(db_path):
    with WorkspaceLock(db_path):
        lines = lock_path_for(db_path).read_text().split("\n")
        assert lines[:3] == [str(os.getpid()), process_name(), host_name()]
        holder = read_holder(db_path)
        assert holder.pid == os.getpid() and holder.host == host_name()
        assert holder.user and holder.since is not None
    assert not lock_path_for(db_path).exists() and not info_path_for(db_path).exists()
    assert read_holder(db_path) is None


def test_second_process_is_told_who_holds_the_workspace(db_path, holder):
    with pytest.raises(WorkspaceInUseError) as info:
        WorkspaceLock(db_path).acquire()
    assert info.value.holder.pid == holder.pid
    text = info.value.message()
    assert str(holder.pid) in text and host_name() in text and info.value.holder.user in text
    assert "has not changed anything" in text


def test_command_line_refuses_to_write_while_held(db_path, holder, capsys):
    code = main(["init", "--db", str(db_path), "--role", "secretariat", "--name", "Second"])
    assert code == 2
    assert "open in another copy" in capsys.readouterr().err
    assert not db_path.exists()


def test_stale_lock_of_a_killed_process_is_recovered(db_path):
    process = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], cwd=ROOT, text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdout.readline().strip() == "locked"
    if hasattr(signal, "SIGKILL"):
        os.kill(process.pid, signal.SIGKILL)
    else:
        process.kill()
    process.wait()
    assert lock_path_for(db_path).exists()  # the crash left it behind
    stale = read_holder(db_path)
    assert stale.pid == process.pid and is_stale(stale)
    with WorkspaceLock(db_path) as lock:
        assert lock.held and read_holder(db_path).pid == os.getpid()


def test_lock_of_a_reused_pid_is_stale(db_path):
    """The pid now belongs to another program (its name differs): the lock is a crash's leftover."""
    sleeper = subprocess.Popen(["sleep", "30"]) if sys.platform != "win32" else None
    if sleeper is None:
        pytest.skip("needs a POSIX `sleep`")
    try:
        lock_path_for(db_path).write_text(f"{sleeper.pid}\n{process_name()}\n{host_name()}\n\n\n")
        assert is_stale(read_holder(db_path)) == sys.platform.startswith("linux")
    finally:
        sleeper.kill()
        sleeper.wait()


def test_lock_from_another_computer_is_respected(db_path):
    lock_path_for(db_path).write_text("4242\npython3\nsome-other-laptop\n\n\n")
    with pytest.raises(WorkspaceInUseError) as info:
        WorkspaceLock(db_path).acquire()
    assert "some-other-laptop" in info.value.message()


def test_half_written_lock_is_respected_then_recovered(db_path):
    path = lock_path_for(db_path)
    path.write_text("")
    with pytest.raises(WorkspaceInUseError):
        WorkspaceLock(db_path).acquire()
    old = time.time() - 60
    os.utime(path, (old, old))
    with WorkspaceLock(db_path) as lock:
        assert lock.held


def test_read_only_folder_is_reported(db_path, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.models.storage.lock.os.open", refuse)
    with pytest.raises(ReadOnlyLocationError) as info:
        WorkspaceLock(db_path).acquire()
    assert "read-only" in info.value.message()
