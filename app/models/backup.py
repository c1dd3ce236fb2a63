"""Consistent copies of a live database through SQLite's backup API."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path

from app.paths import backups_dir_for


def _safe(reason: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"


def copy_database(source: Path, target: Path) -> None:
    """Copy `source` to `target` page by page, consistent even while others write."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            result = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
    finally:
        src.close()
    if not result or result[0] != "ok":
        partial.unlink(missing_ok=True)
        raise OSError(f"backup failed its integrity check: {result}")
    partial.replace(target)


def backup_database(database: Path, reason: str, now: dt.datetime | None = None) -> Path:
    """Write a verified backup of `database` into its `backups/` folder and return its path."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir_for(database) / f"{database.stem}-{stamp}-{_safe(reason)}.sqlite"
    copy_database(database, target)
    return target
