"""One running app per workspace: a lock file beside the database, shared with Qt's QLockFile.

The lock file has QLockFile's format (pid, process name, host name, two ids left empty), so the
desktop app (which locks with QLockFile) and the command line (which locks here, without Qt) see each
other's locks. Who holds the lock, and since when, sits in a small JSON file beside it, written by
whichever side holds the lock. A lock whose process no longer runs on this computer is stale (a crash
left it) and is taken over.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import platform
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from app.models.errors import WorkspaceInUseError, storage_error

#: A lock file that stays unreadable this long was left half-written by a crash.
_UNREADABLE_GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    app: str
    user: str = ""
    since: dt.datetime | None = None


def lock_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def info_path_for(database: Path) -> Path:
    return database.with_name(database.name + ".lock.json")


def host_name() -> str:
    """The computer's name, as QLockFile records it."""
    if sys.platform == "win32":
        return os.environ.get("COMPUTERNAME", "")
    return platform.node()


def process_name(pid: int | None = None) -> str:
    """A process's executable name as QLockFile records it ("" when it cannot be told)."""
    if sys.platform.startswith("linux"):
        try:
            target = os.readlink(f"/proc/{pid or os.getpid()}/exe")
        except OSError:
            return ""
        return os.path.basename(target.removesuffix(" (deleted)"))
    if pid is None or pid == os.getpid():
        return Path(sys.executable).stem if sys.platform == "win32" else Path(sys.executable).name
    return ""


def process_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (works on Windows too)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        try:
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment or the password database
        return ""


def read_holder(database: Path) -> LockHolder | None:
    """Who holds the lock on `database`, from the lock file and its JSON companion; None if free."""
    try:
        lines = lock_path_for(database).read_text(encoding="utf-8", errors="replace").split("\n")
        pid = int(lines[0])
    except (OSError, ValueError):
        return None
    holder = LockHolder(pid=pid, app=lines[1] if len(lines) > 1 else "",
                        host=lines[2] if len(lines) > 2 else "")
    with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
        info = json.loads(info_path_for(database).read_text(encoding="utf-8"))
        if int(info["pid"]) == holder.pid and info.get("host", "") == holder.host:
            return LockHolder(pid=pid, host=holder.host, app=holder.app, user=str(info["user"]),
                              since=dt.datetime.fromisoformat(info["since"]))
    with contextlib.suppress(OSError):
        since = lock_path_for(database).stat().st_mtime
        return LockHolder(pid=pid, host=holder.host, app=holder.app,
                          since=dt.datetime.fromtimestamp(since))
    return holder


def is_stale(holder: LockHolder) -> bool:
    """A lock left by a process that no longer runs here (or whose id now names another program)."""
    if holder.host and holder.host != host_name():
        return False  # another computer's process: it cannot be checked from here
    if not process_alive(holder.pid):
        return True
    running = process_name(holder.pid)
    return bool(running and holder.app and running != holder.app)


def write_holder_info(database: Path, user: str | None = None) -> None:
    """Record who holds the lock and since when; called right after taking the lock."""
    info = {"pid": os.getpid(), "host": host_name(), "user": user or _current_user(),
            "since": dt.datetime.now().replace(microsecond=0).isoformat()}
    with contextlib.suppress(OSError):  # only information: the lock itself is the lock file
        info_path_for(database).write_text(json.dumps(info), encoding="utf-8")


def remove_holder_info(database: Path) -> None:
    with contextlib.suppress(OSError):
        info_path_for(database).unlink(missing_ok=True)


def _native_lock(fd: int) -> bool:
    """flock, as QLockFile does, so nobody removes a live lock file thinking it stale (POSIX)."""
    if sys.platform == "win32":
        return True  # Windows refuses to delete a file another process holds open
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _remove_stale(path: Path) -> bool:
    try:
        if sys.platform == "win32":
            path.unlink()
            return True
        fd = os.open(path, os.O_WRONLY)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    try:
        if not _native_lock(fd):
            return False  # its holder is alive after all
        path.unlink(missing_ok=True)
        return True
    finally:
        os.close(fd)


class WorkspaceLock:
    """The command line's hold on a workspace: `with WorkspaceLock(path):` or acquire/release."""

    def __init__(self, database: Path) -> None:
        self.database = Path(database).resolve()
        self.path = lock_path_for(self.database)
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise WorkspaceInUseError naming the holder (a stale one is taken over)."""
        self.database.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(5):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o666)
            except FileExistsError:
                if self._recover_stale():
                    continue
                raise WorkspaceInUseError(str(self.database), read_holder(self.database)) from None
            except OSError as exc:
                raise storage_error(exc, self.database) or exc from exc
            _native_lock(fd)
            content = f"{os.getpid()}\n{process_name()}\n{host_name()}\n\n\n".encode()
            try:
                os.write(fd, content)
                os.fsync(fd)
            except OSError as exc:
                os.close(fd)
                self.path.unlink(missing_ok=True)
                raise storage_error(exc, self.database) or exc from exc
            self._fd = fd
            write_holder_info(self.database)
            return
        raise WorkspaceInUseError(str(self.database), read_holder(self.database))

    def _recover_stale(self) -> bool:
        holder = read_holder(self.database)
        if holder is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return True
            if age < _UNREADABLE_GRACE_SECONDS:
                return False
        elif not is_stale(holder):
            return False
        if _remove_stale(self.path):
            remove_holder_info(self.database)
            return True
        return False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        remove_holder_info(self.database)
        os.close(self._fd)
        self._fd = None
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)

    def __enter__(self) -> WorkspaceLock:
        self.acquire()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()
