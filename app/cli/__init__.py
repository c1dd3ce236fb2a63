"""Command line: no command starts the GUI; commands run the same operations headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app import APP_NAME, __version__
from app.cli import (
    backup_cmd,
    consolidate_cmd,
    demo_cmd,
    export_cmd,
    import_cmd,
    init_cmd,
    key_cmd,
    receipt_cmd,
    selftest_cmd,
)
from app.cli.failures import as_user_facing
from app.logs import log_to_file
from app.models.errors import DatabaseDamagedError

#: Each module adds its sub-command with `register(subparsers)`; its handler is the `run` default.
COMMAND_MODULES = [init_cmd, demo_cmd, export_cmd, import_cmd, consolidate_cmd, backup_cmd,
                   key_cmd, receipt_cmd, selftest_cmd]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="AlmatyProcessTracker",
        description=f"{APP_NAME} {__version__}. Without a command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--db", type=Path, help="database file to open or create")
    parser.add_argument("--lang", help="interface language for this run (e.g. en, ru)")
    parser.add_argument("--quit-after-show", action="store_true",
                        help="start the app, print 'shown' once its window is up, and quit "
                             "(smoke test, start-up timing)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.shell.entry import run_gui

        return run_gui(db_path=args.db, language=args.lang, quit_after_show=args.quit_after_show)
    log_to_file()
    try:
        return int(args.run(args) or 0)
    except Exception as exc:  # a command ends with one sentence, never a traceback
        error = as_user_facing(exc, getattr(args, "db", None))
        print(f"error: {error.message()}", file=sys.stderr)
        if isinstance(error, DatabaseDamagedError):
            print(backup_cmd.damaged_hint(error), file=sys.stderr)
        return 2
