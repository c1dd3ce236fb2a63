"""Where a workspace keeps its files: per-user folders, or beside the executable in portable mode."""

from __future__ import annotations

import sys
from pathlib import Path

import platformdirs

from app import APP_ID, ORG_NAME

PORTABLE_MARKER = "portable.txt"
DATABASE_FILE = "workspace.sqlite"


def executable_dir() -> Path:
    """Folder of the frozen executable, or of main.py when run from source."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parent.parent


def is_portable() -> bool:
    """Portable mode: a marker file sits beside the executable (e.g. on a USB stick)."""
    return (executable_dir() / PORTABLE_MARKER).exists()


def data_dir() -> Path:
    """Folder that holds the database, its backups and the settings."""
    if is_portable():
        folder = executable_dir() / "data"
    else:
        folder = Path(platformdirs.user_data_dir(APP_ID, ORG_NAME, roaming=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE


def backups_dir_for(database: Path) -> Path:
    """Backups live in a `backups/` folder beside the database they protect."""
    return database.resolve().parent / "backups"
