"""The one door from the command line into the Qt layer (an import contract allows no other).

`app.cli` imports nothing else from `app.ui`, so a command that needs no window never loads Qt.
Each function imports its module when called: importing this one costs nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO


def run_gui(db_path: Path | None = None, language: str | None = None,
            quit_after_show: bool = False) -> int:
    """Start the desktop app (no command given); returns the exit code."""
    from app.ui.shell.application import run_gui as run

    return run(db_path=db_path, language=language, quit_after_show=quit_after_show)


def run_selftest(folder: Path, out: TextIO, err: TextIO) -> int:
    """The installation's self-test, offscreen in `folder`; 0 when sound."""
    from app.ui.shell.selftest import run_selftest as run

    return run(folder, out, err)


def render_pdf(html: str, path: Path, *, title: str = "", landscape: bool = False) -> int:
    """Write `html` to `path` as an A4 PDF (Qt's rich text); returns the number of pages."""
    from app.ui.files.pdf_renderer import render_pdf as render

    return render(html, path, title=title, landscape=landscape)
