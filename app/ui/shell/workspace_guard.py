"""Guards around opening a workspace: one instance (QLockFile), recovery of a damaged file, daily backup.

The lock file is the one the command line's `WorkspaceLock` uses (same format, same place), so the
desktop app and the command line keep each other out; who holds it is recorded beside it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME
from app.i18n import _
from app.i18n.formats import format_datetime
from app.models.errors import (
    DatabaseDamagedError,
    ReadOnlyLocationError,
    StorageFailureError,
    UserFacingError,
    WorkspaceInUseError,
    storage_error,
)
from app.models.services.workspace.backups import (
    ensure_daily_backup,
    newest_good_backup,
    reason_label,
    recover_damaged,
)
from app.models.storage.lock import lock_path_for, read_holder, remove_holder_info, write_holder_info
from app.paths import backups_dir_for
from app.ui.common.plain_text import shown

Result = TypeVar("Result")


def attempt(parent: QWidget | None, action: Callable[[], Result], *,
            warning: bool = False) -> Result | None:
    """`action()`, or None once its UserFacingError is shown in a message box over `parent`
    (a warning where the user can simply try again, else an error)."""
    try:
        return action()
    except UserFacingError as exc:
        box = QMessageBox.warning if warning else QMessageBox.critical
        box(parent, APP_NAME, shown(exc.message()))
        return None


def lock_workspace(database: Path) -> QLockFile:
    """Hold the workspace for this window, or raise a UserFacingError naming who holds it.

    A lock left by a crashed app (its process is gone) is recognised by QLockFile and taken over.
    """
    database = Path(database).resolve()
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, database) or exc from exc
    lock = QLockFile(str(lock_path_for(database)))
    lock.setStaleLockTime(0)  # held for as long as the window is open: never stale by age
    if lock.tryLock(0):
        write_holder_info(database)
        return lock
    error = lock.error()
    if error == QLockFile.LockError.LockFailedError:
        raise WorkspaceInUseError(str(database), read_holder(database))
    if error == QLockFile.LockError.PermissionError:
        raise ReadOnlyLocationError(str(database))
    raise StorageFailureError(str(database), _("the lock file could not be written"))


def unlock_workspace(database: Path, lock: QLockFile) -> None:
    if lock.isLocked():
        remove_holder_info(Path(database).resolve())
        lock.unlock()


def offer_recovery(parent: QWidget | None, database: Path, error: DatabaseDamagedError) -> bool:
    """Tell the user the database is damaged and offer its newest intact backup; True if restored."""
    newest = newest_good_backup(database)
    if newest is None:
        QMessageBox.critical(parent, APP_NAME, shown(error.message() + "\n\n" + _(
            "No intact backup was found in {folder}. The damaged file was left as it is."
        ).format(folder=backups_dir_for(database))))
        return False
    question = error.message() + "\n\n" + _(
        "Restore the newest intact backup, made {date} ({reason})? The damaged file is kept "
        "beside it under a new name, never deleted."
    ).format(date=format_datetime(newest.made_at), reason=reason_label(newest.reason))
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, APP_NAME, shown(question), buttons, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    outcome = attempt(parent, lambda: recover_damaged(database))
    if outcome is None:
        return False
    QMessageBox.information(parent, APP_NAME, shown(_(
        "The workspace was restored from the backup of {date}. The damaged file was kept as {file}."
    ).format(date=format_datetime(newest.made_at), file=outcome.moved_aside)))
    return True


def run_daily_backup(parent: QWidget | None, database: Path) -> None:
    """The once-a-day backup at start; a failure is shown but does not stop the app from opening."""
    try:
        ensure_daily_backup(database)
    except UserFacingError as exc:
        QMessageBox.warning(parent, APP_NAME, shown(_("Today's automatic backup could not be made.")
                                                    + "\n\n" + exc.message()))
