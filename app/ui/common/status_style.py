"""The status palette (app/reports/style.py, shared with the workbooks and the brief) as Qt colours
and swatches, and the text colours only the window uses, worked out from the system's palette."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap

from app.models.orm.enums import ProgressStatus
from app.reports.style import STATUS_COLOURS
from app.ui.common.palette_colours import ERROR, muted_text, outline, text_colour


def overdue_colour() -> QColor:
    """Red text on a view's rows: dark on a light palette, light on a dark one."""
    return text_colour(ERROR)


def muted_colour() -> QColor:
    """Quieter text on a view's rows (no update yet, retired, follow-up not recorded)."""
    return muted_text()


def status_color(status: ProgressStatus | None) -> QColor:
    return QColor(f"#{STATUS_COLOURS[status]}")


_swatches: dict[tuple[ProgressStatus | None, int, str], QIcon] = {}


def status_swatch(status: ProgressStatus | None, side: int,
                  palette: QPalette | None = None) -> QIcon:
    """A square of the status colour with an outline that stands out 3:1 from the window, so
    the light colours (no update, not started, delayed) show on a light window too."""
    line = outline(palette)
    key = (status, side, line.name())
    if key not in _swatches:
        pixmap = QPixmap(side, side)
        pixmap.fill(status_color(status))
        painter = QPainter(pixmap)
        painter.setPen(QPen(line, 1))
        painter.drawRect(QRectF(0.5, 0.5, side - 1, side - 1))
        painter.end()
        _swatches[key] = QIcon(pixmap)
    return _swatches[key]
