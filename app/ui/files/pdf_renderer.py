"""Render an HTML document (e.g. the regional brief) to a PDF file through Qt's rich text.

Used by the app and by the command line; it makes a QGuiApplication if none is running (on a
machine without a display, Qt's offscreen platform), so a script can call it too.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QFont, QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app import APP_NAME

#: Points of the document's base font; the layout runs at the writer's resolution, so text keeps
#: its printed size whatever the resolution (a document laid out at screen resolution and drawn at
#: 300 dpi would come out a third of its size).
BASE_POINT_SIZE = 9.5
RESOLUTION = 300


def ensure_gui_application() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0] if sys.argv else APP_NAME])
    return cast(QGuiApplication, app)  # `instance()` is typed as the core class


def render_pdf(html: str, path: Path, *, title: str = "", landscape: bool = False) -> int:
    """Write `html` to `path` as an A4 PDF; returns the number of pages.

    Written to a temporary file first and moved into place, so a crash leaves no half file.
    """
    ensure_gui_application()
    path = Path(path)
    partial = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(partial))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(APP_NAME)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(BASE_POINT_SIZE)
    document.setDefaultFont(font)
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(html)
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    document.setPageSize(QSizeF(page.width(), page.height()))
    try:
        document.print_(writer)
        pages = document.pageCount()
        del writer
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return pages
