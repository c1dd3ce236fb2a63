"""One colour per progress status, shared by tables, the form and the charts."""

from __future__ import annotations

from PySide6.QtGui import QColor

from app.models.orm.enums import ProgressStatus

STATUS_COLORS: dict[ProgressStatus | None, str] = {
    ProgressStatus.NOT_STARTED: "#9aa5b1",
    ProgressStatus.ON_TRACK: "#2e8540",
    ProgressStatus.DELAYED: "#e0a100",
    ProgressStatus.COMPLETED: "#1f5fa8",
    ProgressStatus.CANCELLED: "#6b4c9a",
    None: "#d7dce1",
}
OVERDUE_COLOR = "#b3261e"
MUTED_COLOR = "#6b7682"


def status_color(status: ProgressStatus | None) -> QColor:
    return QColor(STATUS_COLORS[status])
