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
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)

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
    # A4 by its size: QPageSize(PageSizeId.A4) came out invalid in a long-running process (the
    # self-test, after its other Qt steps), which gave a page of height 0 and no PDF.
    a4 = QPageSize(QSizeF(210, 297), QPageSize.Unit.Millimeter, "A4")
    writer.setPageLayout(QPageLayout(a4, orientation,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter))
    document = QTextDocument()
    font = QFont()
    font.setPointSizeF(BASE_POINT_SIZE)
    document.setDefaultFont(font)
    document.documentLayout().setPaintDevice(writer)
    document.setHtml(html)
    page = writer.pageLayout().paintRectPixels(RESOLUTION)
    document.setPageSize(QSizeF(page.width(), page.height()))
    keep_tables_together(document)
    try:
        document.print_(writer)
        pages = document.pageCount()
        del writer
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return pages


def _break_before(block: QTextBlock) -> None:
    cursor = QTextCursor(block)
    fmt = QTextBlockFormat(block.blockFormat())
    fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
    cursor.setBlockFormat(fmt)


def _page(y: float, height: float) -> int:
    return int(y // height)


def keep_tables_together(document: QTextDocument) -> int:
    """Start a new page before a table (with the heading above it) that would run over a page
    break but fits on one page; and before a heading that would end a page. Returns how many
    breaks were added.

    Qt's rich text has no `page-break-inside: avoid`: the document is laid out, and each table
    found crossing a page break moves down in turn (the layout is redone after each move)."""
    height = document.pageSize().height()
    if height <= 0:  # no page size (a device that reports no paint rectangle): nothing to keep
        return 0
    layout = document.documentLayout()
    added = 0
    tables = [f for f in document.rootFrame().childFrames() if isinstance(f, QTextTable)]
    for table in tables:
        rect = layout.frameBoundingRect(table)
        heading = table.firstCursorPosition().block().previous()
        titled = heading.isValid() and heading.blockFormat().headingLevel() > 0
        top = layout.blockBoundingRect(heading).top() if titled else rect.top()
        crosses = _page(top, height) != _page(rect.bottom() - 1, height)
        if crosses and rect.bottom() - top < height * 0.95 and top % height > height * 0.02:
            if titled:
                _break_before(heading)
            else:
                fmt = table.format()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                table.setFormat(fmt)
            added += 1
    block = document.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            box = layout.blockBoundingRect(block)
            if height - box.bottom() % height < height * 0.08 and box.top() % height > 0:
                _break_before(block)
                added += 1
        block = block.next()
    return added
