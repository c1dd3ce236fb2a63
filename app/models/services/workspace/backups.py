"""Backups as the desktop app and the command line use them: make, list, thin, restore, recover.

Every backup is verified after writing and the folder is thinned afterwards. A restore first backs
up the current state, so a restore can itself be undone; a damaged database is moved aside (never
deleted) before the newest intact backup takes its place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models.errors import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    ForeignBackupError,
    NoGoodBackupError,
)
from app.models.progress import NoProgress, Progress, checkpoint
from app.models.storage.backup import (
    BackupInfo,
    backup_database,
    copy_database,
    list_backups,
    move_aside,
    parse_backup_name,
    remove_abandoned_partials,
    restore_into,
    verify_backup,
)
from app.models.storage.backup_thinning import DEFAULT_POLICY, RetentionPolicy, backups_to_remove
from app.models.storage.database import Database
from app.models.storage.workspace_identity import workspace_id
from app.paths import backups_dir_for

T = TypeVar("T")

REASON_MANUAL = "manual"
REASON_DAILY = "daily"
REASON_IMPORT = "before-import"
REASON_PLAN_UPDATE = "before-plan-update"
REASON_RESTORE = "before-restore"
REASON_MIGRATION = "before-migration"

_LABELS = {
    REASON_MANUAL: N_("Made by hand"),
    REASON_DAILY: N_("Daily backup"),
    REASON_IMPORT: N_("Before an import"),
    REASON_PLAN_UPDATE: N_("Before a plan update"),
    REASON_RESTORE: N_("Before a restore"),
    REASON_MIGRATION: N_("Before a database upgrade"),
}


def reason_label(reason: str) -> str:
    """The reason of a backup in the interface language (a reason we do not know: as written)."""
    for key, text in _LABELS.items():
        if reason == key or reason.startswith(key + "-"):
            return _(text)
    return reason


def backups(database: Path) -> list[BackupInfo]:
    """The backups of a workspace database, newest first."""
    return list_backups(Path(database).resolve())


def _info(database: Path, path: Path) -> BackupInfo:
    parsed = parse_backup_name(database, path.name)
    made_at, reason = (parsed.made_at, parsed.reason) if parsed else (dt.datetime.now(), "")
    return BackupInfo(path=path, made_at=made_at, reason=reason, size=path.stat().st_size)


def back_up(database: Path, reason: str = REASON_MANUAL, now: dt.datetime | None = None,
            *, thin: bool = True, policy: RetentionPolicy = DEFAULT_POLICY) -> BackupInfo:
    """Write and verify a backup now (e.g. before an import: `REASON_IMPORT`), then thin the folder."""
    database = Path(database).resolve()
    path = backup_database(database, reason, now)
    info = _info(database, path)
    if thin:
        thin_backups(database, policy)
    return info


def thin_backups(database: Path, policy: RetentionPolicy = DEFAULT_POLICY) -> list[Path]:
    """Remove the backups the policy no longer keeps; returns the removed files."""
    database = Path(database).resolve()
    remove_abandoned_partials(database)
    removed = []
    for path in backups_to_remove([(b.made_at, b.path) for b in list_backups(database)], policy):
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def ensure_daily_backup(database: Path, now: dt.datetime | None = None) -> BackupInfo | None:
    """At start: a backup unless one was made today already. Returns the new one, if any."""
    database = Path(database).resolve()
    now = now or dt.datetime.now()
    if not database.exists():
        return None
    newest = list_backups(database)[:1]
    if newest and newest[0].made_at.date() == now.date():
        return None
    return back_up(database, REASON_DAILY, now)


def check_restorable(backup: Path, database: Path | None = None) -> str:
    """The schema revision of an intact backup this app can open; raises a UserFacingError else.

    With `database`: a backup of another workspace is refused (when the workspace's own id can
    be read; a damaged one is known only by the backups named after its file).
    """
    from app.models.storage.migrate import script_directory

    revision = verify_backup(backup)
    if revision is None:
        raise DatabaseDamagedError(str(backup), _("it holds no workspace"))
    if revision not in {rev.revision for rev in script_directory().walk_revisions()}:
        raise DatabaseTooNewError(str(backup), revision)
    if database is not None:
        owner = workspace_id(database)
        if owner is not None and workspace_id(backup) != owner:
            raise ForeignBackupError(str(backup), str(database))
    return revision


def restore(db: Database, backup: Path, now: dt.datetime | None = None) -> BackupInfo:
    """Replace the open workspace's content with `backup`, safely while this process has it open.

    Returns the backup of the state before, which undoes the restore. The connections are closed,
    the backup is copied in with SQLite's backup API (one transaction on the live file), and the
    schema is brought up to date if the backup is older.
    """
    from app.models.storage.migrate import upgrade_to_head

    check_restorable(backup, db.path)
    before = back_up(db.path, REASON_RESTORE, now, thin=False)
    db.release()
    restore_into(backup, db.path)
    upgrade_to_head(db.engine, db.path)
    thin_backups(db.path)
    return before


@dataclass(frozen=True)
class RestoreOutcome:
    restored: Path
    before: BackupInfo | None
    moved_aside: Path | None


def restore_closed(database: Path, backup: Path, now: dt.datetime | None = None) -> RestoreOutcome:
    """Restore a workspace that is not open (command line, or a damaged file at start).

    An intact current database is backed up first; a damaged one is moved aside, never deleted.
    The caller opens the database afterwards, which upgrades an older backup's schema.
    """
    database = Path(database).resolve()
    check_restorable(backup, database)
    before = aside = None
    if database.exists():
        try:
            verify_backup(database)
        except DatabaseDamagedError:
            aside = move_aside(database, now)
        else:
            before = back_up(database, REASON_RESTORE, now, thin=False)
    if database.exists():
        restore_into(backup, database)
    else:
        copy_database(backup, database)
    thin_backups(database)
    return RestoreOutcome(restored=backup, before=before, moved_aside=aside)


def newest_good_backup(database: Path) -> BackupInfo | None:
    """The newest backup that passes the integrity check and that this app can open."""
    for info in backups(database):
        try:
            check_restorable(info.path, database)
        except (DatabaseDamagedError, DatabaseTooNewError, ForeignBackupError):
            continue
        return info
    return None


def recover_damaged(database: Path, now: dt.datetime | None = None) -> RestoreOutcome:
    """Move a damaged database aside and put its newest intact backup in its place."""
    database = Path(database).resolve()
    newest = newest_good_backup(database)
    if newest is None:
        raise NoGoodBackupError(str(database), str(backups_dir_for(database)))
    return restore_closed(database, newest.path, now)


def apply_after_backup(db: Database, reason: str, work: Callable[[Session], T],
                       progress: Progress | None = None,
                       applying: str = N_("Applying the changes")) -> tuple[T, BackupInfo]:
    """Back up, then run `work` in one transaction: every import and plan update goes this way.

    A failure or a cancel before the commit leaves the workspace as it was, and the backup is the
    way back from a change that was committed but regretted.
    """
    progress = progress or NoProgress()
    checkpoint(progress, 0, 3, _("Backing up the workspace"))
    backup = back_up(db.path, reason)
    checkpoint(progress, 1, 3, _(applying))
    with db.transaction() as session:
        result = work(session)
        checkpoint(progress, 2, 3, _("Saving"))
    progress.step(3, 3, _("Done"))
    return result, backup
