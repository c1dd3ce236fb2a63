"""Screenshots of the coordinator's window (Dashboard and Progress tabs), the commitment form and the
import preview on a 1280×720 screen with the text at 150 %, in Russian: what a 1920×1080 laptop at
150 % shows.

    .venv/bin/python tools/small_screen_screenshots.py [--out docs/screenshots] [--palette dark]

Runs the real app (a demo workspace in a temporary folder, no remembered settings) under Xvfb: it
starts itself again under `xvfb-run -s "-screen 0 1280x720x24"`. Xvfb has no taskbar, so the app is
told of Windows' (48 pixels at the bottom) as its screen's free area. Writes
a11y-1280x720-150-ru-{dashboard,progress,commitment-form,import-preview}.png; with `--palette dark`
or `--palette high-contrast` (the palettes the contrast tests use, tests/ui/contrast_walker.py),
a11y-<palette>-{dashboard,progress}.png on the same screen.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from app.ui.shell.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SCREEN = (1280, 720)
TASKBAR = 48
TEXT_SCALE = 1.5
PREFIX = "a11y-1280x720-150-ru"


PALETTES = ("system", "dark", "high-contrast")


def under_xvfb(out: Path, palette: str) -> int:
    """This script again, on a virtual 1280×720 screen."""
    if shutil.which("xvfb-run") is None:
        sys.exit("xvfb-run is needed (apt-get install xvfb)")
    screen = f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24"
    return subprocess.call(["xvfb-run", "-a", "-s", screen, sys.executable, __file__,
                            "--out", str(out), "--palette", palette, "--inside"], cwd=ROOT)


def take(out: Path, palette: str) -> list[Path]:
    # One fixed folder (emptied first): the status bar shows the database's path, and the same
    # path each time makes the screenshots the same each time.
    home = Path(tempfile.gettempdir()) / "almaty-process-tracker-screens"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir()
    # Settings and data of our own: nothing remembered from a real start, nothing written to it.
    os.environ.update(QT_QPA_PLATFORM="xcb", XDG_DATA_HOME=str(home / "data"),
                      XDG_CONFIG_HOME=str(home / "config"))
    sys.path.insert(0, str(ROOT))
    import datetime as dt

    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication, QWidget

    from app.demo.generator import create_demo_workspace
    from app.ui.common import screen_fit
    from app.ui.common.language import LanguageController
    from app.ui.shell.application import AppController, create_application

    def free_area(_widget: QWidget | None = None) -> QRect:
        return QRect(0, 0, SCREEN[0], SCREEN[1] - TASKBAR)

    screen_fit.available_room = free_area  # Windows' taskbar, which Xvfb does not have
    app = create_application()
    prefix = PREFIX if palette == "system" else f"a11y-{palette}"
    if palette != "system":
        sys.path.insert(0, str(ROOT / "tests" / "ui"))
        from contrast_walker import dark_palette, high_contrast_palette  # the tests' palettes

        app.setPalette(dark_palette() if palette == "dark" else high_contrast_palette())
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * TEXT_SCALE)
    QApplication.setFont(font)
    language = LanguageController(app)
    language.set_language("ru")
    path = home / "demo.sqlite"
    create_demo_workspace(path, country="KZ", seed=7, language="ru",
                          today=dt.date(2026, 11, 26)).close()
    controller = AppController(app, language)
    window = controller.open_workspace(path)
    assert window is not None and window.coordinator_tabs is not None
    tabs = window.coordinator_tabs

    def settle() -> None:
        for _round in range(10):
            app.processEvents()

    def save(widget: QWidget, name: str) -> Path:
        settle()
        target = out / f"{prefix}-{name}.png"
        assert widget.grab().save(str(target)), target
        print(f"{target.relative_to(ROOT)}: {widget.width()}×{widget.height()}")
        return target

    settle()
    written = [save(window, "dashboard")]
    window.tabs.setCurrentWidget(tabs.progress)
    written.append(save(window, "progress"))
    if palette != "system":
        window.close()
        settle()
        shutil.rmtree(home, ignore_errors=True)
        return written
    window.tabs.setCurrentWidget(tabs.commitments)
    settle()
    if tabs.commitments.table.current_id() is None:
        tabs.commitments.table.selectRow(0)
    form = tabs.commitments.edit_current()
    assert form is not None
    written.append(save(form, "commitment-form"))
    form.reject()
    written.append(save(import_preview(window, home), "import-preview"))
    window.close()
    settle()
    shutil.rmtree(home, ignore_errors=True)
    return written


def import_preview(window: MainWindow, folder: Path) -> QDialog:
    """The largest dialog: the preview of a submission workbook (this workspace's own export)."""
    from app.reports.submission.export import export_submission
    from app.reports.submission.pipeline import preview, read_submission
    from app.ui.files.submission_import_dialog import ImportPreviewDialog

    context = window.context
    exported = export_submission(context.db, "KZ", "2026-H2", "ru", folder)
    dialog = ImportPreviewDialog(context, preview(context.db, read_submission(exported.path)),
                                 window)
    dialog.show()
    return dialog


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--palette", choices=PALETTES, default="system")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if not args.inside:
        return under_xvfb(out, args.palette)
    take(out, args.palette)
    return 0


if __name__ == "__main__":
    sys.exit(main())
