"""Command line: no command starts the GUI; commands run the same operations headless."""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

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
from app.cli.common import apply_language
from app.cli.failures import as_user_facing
from app.i18n import _
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


#: Streams replaced by a new UTF-8 writer over their bytes (see `_utf8_stream`).
_REPLACED_STREAMS: list[TextIO] = []


def _utf8_stream(stream: TextIO | None) -> TextIO:
    """The stream, writing UTF-8; an open null device when there is none.

    A windowed Windows executable whose output is redirected writes in the ANSI code page (cp1252,
    cp1251), which cannot encode Cyrillic, "→" or a narrow no-break space, and the frozen app
    ignores PYTHONIOENCODING. Without any redirect its streams are None, and a print would fail.
    """
    if stream is None:
        return open(os.devnull, "w", encoding="utf-8")
    if (getattr(stream, "encoding", None) or "").lower().replace("-", "") == "utf8":
        return stream
    try:
        stream.reconfigure(encoding="utf-8")  # type: ignore[attr-defined]  # TextIO lacks it
        return stream
    except (AttributeError, ValueError, OSError):
        pass
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        return stream  # not a text stream over bytes (a test's StringIO): already Unicode
    # Last resort, for a stream that cannot be reconfigured: a new UTF-8 writer over its bytes. The
    # old one is kept, since collecting it would close the bytes under the new one.
    _REPLACED_STREAMS.append(stream)
    return io.TextIOWrapper(buffer, encoding="utf-8", errors="replace", line_buffering=True)


def use_utf8_output() -> None:
    """Every command prints Russian text and Cyrillic paths: make stdout and stderr UTF-8 first."""
    sys.stdout = _utf8_stream(sys.stdout)
    sys.stderr = _utf8_stream(sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    use_utf8_output()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from app.ui.shell.entry import run_gui

        return run_gui(db_path=args.db, language=args.lang, quit_after_show=args.quit_after_show)
    log_to_file()
    try:
        apply_language(args)
        return int(args.run(args) or 0)
    except Exception as exc:  # a command ends with one sentence, never a traceback
        error = as_user_facing(exc, getattr(args, "db", None))
        print(_("error: {message}").format(message=error.message()), file=sys.stderr)
        if isinstance(error, DatabaseDamagedError):
            print(backup_cmd.damaged_hint(error), file=sys.stderr)
        return 2
