"""Consistent, verified copies of a database through SQLite's backup API, and the way back.

A backup is one self-contained SQLite file in the `backups/` folder beside the database, named
`<database file name>-<workspace>-<YYYYMMDD-HHMMSS-ffffff>-<reason>.sqlite`: the name says whose,
when and why, so no table or sidecar file is needed to list them. `<workspace>` is the start of the
workspace's id (`workspace_identity`), which the copy holds too: two workspaces in one folder (even
`ws.sqlite` and `ws.db`) never see, thin or restore each other's backups. Backups named before the
id existed (`<stem>-<stamp>-<reason>.sqlite`) are attributed by the id inside them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from app.models.errors import DatabaseDamagedError, storage_error
from app.models.storage.workspace_identity import UNKNOWN, name_part, workspace_id
from app.paths import backups_dir_for

SUFFIX = ".sqlite"
PARTIAL_SUFFIX = ".part"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z0-9][a-z0-9-]*)\.sqlite$")
_OWNED_NAME = re.compile(r"-(?P<workspace>[0-9a-f]{12})" + _NAME.pattern)
#: A partial copy this old belongs to no running backup: a crash left it.
_ABANDONED_PARTIAL_SECONDS = 3600


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime
    reason: str
    size: int


def _safe(reason: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"


def _integrity(connection: sqlite3.Connection) -> str:
    rows = connection.execute("PRAGMA integrity_check").fetchall()
    return "; ".join(str(row[0]) for row in rows[:3])


def _copy_pages(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    source.backup(target)


def copy_database(source: Path, target: Path) -> None:
    """Copy `source` to `target` page by page, consistent even while others write.

    The copy is written under a temporary name, checked with `integrity_check`, switched to a
    single-file journal mode and only then given its name: a crash leaves no half-written backup.
    """
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(partial)
            try:
                _copy_pages(src, dst)
                dst.execute("PRAGMA journal_mode = DELETE")
                result = _integrity(dst)
            finally:
                dst.close()
        finally:
            src.close()
        if result != "ok":
            raise DatabaseDamagedError(str(source), result)
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        _discard(partial)
        mapped = storage_error(exc, target)
        if isinstance(mapped, DatabaseDamagedError):
            mapped = DatabaseDamagedError(str(source), mapped.detail)
        raise mapped or exc from exc
    except BaseException:
        _discard(partial)
        raise


def _discard(partial: Path) -> None:
    """Remove a partial copy and whatever journal it had (the copy of a WAL database is WAL)."""
    for leftover in (partial, *(partial.with_name(partial.name + suffix)
                                for suffix in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)


def backup_database(database: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """Write a verified backup of `database` into its `backups/` folder and return its path."""
    stamp = (now or dt.datetime.now()).strftime(_STAMP)
    owner = name_part(workspace_id(database))
    target = backups_dir_for(database) / f"{database.name}-{owner}-{stamp}-{_safe(reason)}{SUFFIX}"
    copy_database(database, target)
    return target


@dataclass(frozen=True)
class BackupName:
    made_at: dt.datetime
    reason: str
    #: The start of the workspace's id, or None for a backup named before ids existed.
    workspace: str | None


def parse_backup_name(database: Path, name: str) -> BackupName | None:
    """What a backup file name of `database` says, or None for any other file."""
    owned = name.startswith(database.name + "-") and _OWNED_NAME.fullmatch(name[len(database.name):])
    if owned:
        return BackupName(dt.datetime.strptime(owned["stamp"], _STAMP), owned["reason"],
                          owned["workspace"])
    legacy = name.startswith(database.stem) and _NAME.fullmatch(name[len(database.stem):])
    if legacy:
        return BackupName(dt.datetime.strptime(legacy["stamp"], _STAMP), legacy["reason"], None)
    return None


def list_backups(database: Path, owner: str | None = None) -> list[BackupInfo]:
    """The backups of the workspace in `database`, newest first.

    `owner` is the workspace's id (read from `database` if not given). Backups whose name or
    content names another workspace are skipped; when the workspace's id cannot be read (the file
    is damaged or gone), the backups named after this very file are its own.
    """
    folder = backups_dir_for(database)
    owner = owner or workspace_id(database)
    found = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else ():
        parsed = parse_backup_name(database, path.name)
        if parsed is None or not _belongs(path, parsed, owner, database):
            continue
        try:
            size = path.stat().st_size
        except OSError:
            continue
        found.append(BackupInfo(path=path, made_at=parsed.made_at, reason=parsed.reason, size=size))
    return sorted(found, key=lambda info: info.made_at, reverse=True)


def _belongs(path: Path, parsed: BackupName, owner: str | None, database: Path) -> bool:
    if owner is None:  # a damaged or missing workspace: known only by its file's name
        return parsed.workspace is not None or not _stem_shared(database)
    if parsed.workspace is not None:
        # A copy made before the workspace had a profile (the first start) holds no one's data.
        return parsed.workspace in (name_part(owner), UNKNOWN)
    return workspace_id(path) == owner  # named before ids: the id inside says


def _stem_shared(database: Path) -> bool:
    """Whether another database beside this one has the same stem (ws.sqlite and ws.db)."""
    return any(other.stem == database.stem and other.name != database.name
               and other.suffix not in (".lock", ".json") and not other.name.endswith(_COMPANIONS)
               for other in database.parent.glob(f"{database.stem}.*"))


def remove_abandoned_partials(database: Path) -> int:
    """Remove partial copies left by a crash long ago; returns how many."""
    folder = backups_dir_for(database)
    removed = 0
    cutoff = time.time() - _ABANDONED_PARTIAL_SECONDS
    for path in folder.glob(f"{database.stem}*{PARTIAL_SUFFIX}*") if folder.is_dir() else ():
        try:
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def verify_backup(path: Path) -> str | None:
    """The schema revision of a readable, intact backup; raises DatabaseDamagedError otherwise."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = _integrity(connection)
            if result != "ok":
                raise DatabaseDamagedError(str(path), result)
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" not in tables:
                return None
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise DatabaseDamagedError(str(path), str(exc)) from exc


def restore_into(backup: Path, database: Path) -> None:
    """Replace the content of `database` with `backup`, in one SQLite transaction.

    The backup API writes through the live file's own journal, so a crash leaves either the old
    content or the new one. No connection of this process may be open on `database` meanwhile.
    """
    try:
        src = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(database)
            try:
                _copy_pages(src, dst)
                result = _integrity(dst)
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise storage_error(exc, database) or exc from exc
    if result != "ok":
        raise DatabaseDamagedError(str(database), result)


_COMPANIONS = ("-wal", "-shm", "-journal")


def move_aside(database: Path, now: dt.datetime | None = None) -> Path:
    """Rename a damaged database (and its journal files) out of the way, never deleting it."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = database.with_name(f"{database.stem}.damaged-{stamp}{database.suffix}")
    try:
        for suffix in _COMPANIONS:
            companion = database.with_name(database.name + suffix)
            if companion.exists():
                companion.replace(aside.with_name(aside.name + suffix))
        database.replace(aside)
    except OSError as exc:
        raise storage_error(exc, database) or exc from exc
    return aside


def move_aside_companions(database: Path, now: dt.datetime | None = None) -> None:
    """Rename journal files whose database is gone, so SQLite never replays them onto another file."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    for suffix in _COMPANIONS:
        companion = database.with_name(database.name + suffix)
        if companion.exists():
            companion.replace(companion.with_name(f"{companion.name}.orphan-{stamp}"))
