"""Errors a user can cause or meet, each with a message in the user's language."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from app.i18n import _

if TYPE_CHECKING:
    from app.models.storage.lock import LockHolder


class UserFacingError(Exception):
    """An error whose `message()` can be shown to the user as it is."""

    def message(self) -> str:
        return str(self)


class PathError(UserFacingError):
    """An error about one file: `path` names it, `detail` is what the system said of it."""

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail


class DatabaseTooNewError(PathError):
    def __init__(self, path: str, revision: str) -> None:
        super().__init__(path, revision)
        self.revision = revision

    def message(self) -> str:
        return _(
            "The database {path} was made by a newer version of Almaty Process Tracker "
            "(schema {revision}). It was left untouched. Please install the newer version to open it."
        ).format(path=self.path, revision=self.revision)


class DatabaseDamagedError(PathError):
    def message(self) -> str:
        return _(
            "The database {path} is damaged or is not a database of this app ({detail}). "
            "It was not changed. You can restore it from a backup."
        ).format(path=self.path, detail=self.detail)


class DatabaseUnavailableError(PathError):
    def message(self) -> str:
        return _(
            "The database {path} cannot be opened ({detail}). Check that the folder exists, "
            "that you may write to it, and that no other program holds the file."
        ).format(path=self.path, detail=self.detail)


class ValidationError(UserFacingError):
    """A rule of the domain was broken; `field` names the input the message belongs beside."""

    def __init__(self, text: str, field: str = "") -> None:
        super().__init__(text)
        self.field = field


class PeriodLockedError(UserFacingError):
    def __init__(self, period_code: str) -> None:
        super().__init__(period_code)
        self.period_code = period_code

    def message(self) -> str:
        return _(
            "The period {period} has been submitted and is read-only. Reopen it to make changes; "
            "the next export will be a new revision."
        ).format(period=self.period_code)


class WorkspaceInUseError(UserFacingError):
    """Another running copy of the app holds the workspace; this one must not write to it."""

    def __init__(self, path: str, holder: LockHolder | None) -> None:
        super().__init__(path, holder)
        self.path = path
        self.holder = holder

    def message(self) -> str:
        from app.i18n.formats import format_datetime

        holder = self.holder
        if holder is None:
            return _(
                "The workspace {path} is open in another copy of Almaty Process Tracker. Close it "
                "there first. This copy has not changed anything."
            ).format(path=self.path)
        return _(
            "The workspace {path} is open in another copy of Almaty Process Tracker: {user} on "
            "computer {host} (process {pid}), since {since}. Close it there first. This copy has "
            "not changed anything."
        ).format(path=self.path, user=holder.user or _("unknown user"), host=holder.host or "?",
                 pid=holder.pid, since=format_datetime(holder.since) if holder.since else "?")


class StorageError(PathError):
    """The disk or the file under a database failed; what was saved before is intact."""


class DiskFullError(StorageError):
    def message(self) -> str:
        return _(
            "There is no space left on the disk that holds {path}. The last change was not saved; "
            "everything saved before it is intact. Free some space (for example, empty the "
            "recycle bin) and try again."
        ).format(path=self.path)


class DatabaseBusyError(StorageError):
    def message(self) -> str:
        return _(
            "Another program is using the database {path} (for example a backup, synchronisation "
            "or database tool). The last change was not saved; everything saved before it is "
            "intact. Close that program and try again."
        ).format(path=self.path)


class ReadOnlyLocationError(StorageError):
    def message(self) -> str:
        return _(
            "The database {path} cannot be changed: the file or its folder is read-only. Nothing "
            "was changed. Copy the workspace to a folder you may write to (for example "
            "Documents) and open it there."
        ).format(path=self.path)


class DatabaseGoneError(StorageError):
    """The file was deleted or moved while open; `rescued` says whether the app wrote it back."""

    def __init__(self, path: str, rescued: bool) -> None:
        super().__init__(path, "rescued" if rescued else "lost")
        self.rescued = rescued

    def message(self) -> str:
        if self.rescued:
            return _(
                "The database file {path} was deleted or moved by another program while the app "
                "was open. The app has written everything saved so far back to {path}. The last "
                "change was not saved: please make it again."
            ).format(path=self.path)
        return _(
            "The database file {path} was deleted or moved by another program while the app was "
            "open, and the app could not write it back. Restore the newest backup (File → "
            "Backups…)."
        ).format(path=self.path)


class StorageFailureError(StorageError):
    def message(self) -> str:
        return _(
            "The disk reported an error while reading or writing {path} ({detail}). The last "
            "change was not saved; everything saved before it is intact. Check the disk, then "
            "try again."
        ).format(path=self.path, detail=self.detail)


# SQLite's primary result codes (https://sqlite.org/rescode.html) that a user can cause or meet.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_CORRUPT, _SQLITE_FULL, _SQLITE_CANTOPEN, _SQLITE_NOTADB, _SQLITE_PERM = 11, 13, 14, 26, 3
_BY_TEXT = (
    ("database or disk is full", _SQLITE_FULL),
    ("database is locked", _SQLITE_BUSY),
    ("database table is locked", _SQLITE_LOCKED),
    ("readonly database", _SQLITE_READONLY),
    ("disk i/o error", _SQLITE_IOERR),
    ("malformed", _SQLITE_CORRUPT),
    ("file is not a database", _SQLITE_NOTADB),
    ("unable to open database file", _SQLITE_CANTOPEN),
)


#: What SQLite says of a damaged file whatever its result code: a header it cannot read
#: ("unsupported file format", SQLITE_ERROR), a record whose text is not UTF-8.
_DAMAGE = ("unsupported file format", "could not decode to utf-8", "malformed",
           "file is not a database")


def _sqlite_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return int(code) & 0xFF
    text = str(error).lower()
    return next((value for needle, value in _BY_TEXT if needle in text), None)


def storage_error(exc: BaseException, path: str | Path) -> UserFacingError | None:
    """The user-facing error for a low-level failure on the database at `path`, or None.

    The one place where SQLite result codes and operating-system errors become messages: the
    database layer, backups and the workspace lock all pass their failures through here.
    """
    path = str(path)
    if isinstance(exc, UserFacingError):
        return exc
    original = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's exception
    if isinstance(original, BaseException):
        exc = original
    if isinstance(exc, sqlite3.Error):
        if any(phrase in str(exc).lower() for phrase in _DAMAGE):
            return DatabaseDamagedError(path, str(exc))
        code = _sqlite_code(exc)
        if code == _SQLITE_FULL:
            return DiskFullError(path, str(exc))
        if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
            return DatabaseBusyError(path, str(exc))
        if code in (_SQLITE_READONLY, _SQLITE_PERM):
            return ReadOnlyLocationError(path, str(exc))
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return DatabaseDamagedError(path, str(exc))
        if code == _SQLITE_CANTOPEN:
            folder = Path(path).parent
            if folder.is_dir() and not os.access(folder, os.W_OK):
                return ReadOnlyLocationError(path, str(exc))
            return DatabaseUnavailableError(path, str(exc))
        if code == _SQLITE_IOERR:
            if disk_nearly_full(Path(path)):  # SQLite says "disk I/O error" when the last pages fail
                return DiskFullError(path, str(exc))
            return StorageFailureError(path, str(exc))
        return None
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return DiskFullError(path, exc.strerror or str(exc))
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyLocationError(path, exc.strerror or str(exc))
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return DatabaseUnavailableError(path, exc.strerror or str(exc))
        if disk_nearly_full(Path(path)):
            return DiskFullError(path, exc.strerror or str(exc))
        return StorageFailureError(path, exc.strerror or str(exc))
    return None


#: Free space under which a write error is taken for a full disk: SQLite and the file system fail
#: with "disk I/O error" (not "disk is full") when the last few pages cannot be written.
NEARLY_FULL_BYTES = 1024 * 1024


def disk_nearly_full(path: Path) -> bool:
    """Whether the disk holding `path` has (almost) no space left; False if it cannot be told."""
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL_BYTES
    except OSError:
        return False


class NoGoodBackupError(UserFacingError):
    def __init__(self, path: str, folder: str) -> None:
        super().__init__(path, folder)
        self.path = path
        self.folder = folder

    def message(self) -> str:
        return _(
            "There is no intact backup of {path} in {folder}. The database was left as it is."
        ).format(path=self.path, folder=self.folder)


class ForeignBackupError(UserFacingError):
    """The backup chosen holds another workspace (another country's, or the secretariat's)."""

    def __init__(self, backup: str, path: str) -> None:
        super().__init__(backup, path)
        self.backup = backup
        self.path = path

    def message(self) -> str:
        return _(
            "The backup {backup} belongs to another workspace, not to {path}, so it was not "
            "restored. Nothing was changed."
        ).format(backup=self.backup, path=self.path)
