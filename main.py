"""Almaty Process Tracker: start the desktop app, or run a command headless (see --help)."""

import sys
from pathlib import Path

#: The options a start of the desktop app may have (any other argument: a command, or --help).
_GUI_OPTIONS = {"--db": True, "--lang": True, "--quit-after-show": False}


def _workspace_to_open(argv: list[str]) -> Path | None:
    """The workspace a start of the desktop app will open, or None for anything else."""
    database: str | None = None
    position = 0
    while position < len(argv):
        name, equals, value = argv[position].partition("=")
        if name not in _GUI_OPTIONS or (equals and not _GUI_OPTIONS[name]):
            return None
        if _GUI_OPTIONS[name] and not equals:
            position += 1
            if position >= len(argv):
                return None
            value = argv[position]
        if name == "--db":
            database = value
        position += 1
    if database is not None:
        return Path(database)
    from app.paths import default_database_path

    return default_database_path()


def _start_checking_early() -> None:
    """Start the workspace's integrity check before the app's imports (it runs meanwhile, in
    SQLite, on another core; `open_database` takes its result). Any doubt: the usual check."""
    from app.models.storage.integrity import start_early_check

    path = _workspace_to_open(sys.argv[1:])
    if path is not None:
        start_early_check(path)


if __name__ == "__main__":
    _start_checking_early()
    from app.cli import main

    sys.exit(main())
