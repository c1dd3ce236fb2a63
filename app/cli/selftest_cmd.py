"""`selftest`: prove that this build works, offscreen in a temporary folder; exit 0, or 1 with the reason."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    subparsers.add_parser(
        "selftest", help="check this installation offscreen, in a temporary folder (exit 0 when sound)",
    ).set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Before Qt is loaded: the self-test needs no display and shows nothing.
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from app.ui.shell.entry import run_selftest

    with tempfile.TemporaryDirectory(prefix="apt-selftest-", ignore_cleanup_errors=True) as folder:
        # A Cyrillic folder, as under a Russian user name: every path the steps use goes through it.
        workspace = Path(folder) / "Проверка"
        workspace.mkdir()
        return run_selftest(workspace, sys.stdout, sys.stderr)
