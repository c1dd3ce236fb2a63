"""The status palette (app/reports/style.py, shared with the workbooks and the brief) as Qt colours,
and the two text colours only the window uses."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.models.orm.enums import ProgressStatus
from app.reports.style import STATUS_COLOURS

OVERDUE_COLOR = "#b3261e"
MUTED_COLOR = "#6b7682"


def status_color(status: ProgressStatus | None) -> QColor:
    return QColor(f"#{STATUS_COLOURS[status]}")
