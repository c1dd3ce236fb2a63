"""A one-line label that draws its text shortened with "…" when narrow (the whole text stays its
text, for screen readers, and is its tooltip), so a long path or name never makes its window wider
than a small laptop's screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.common.plain_text import tooltip


class ElidedLabel(QLabel):
    def __init__(self, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.elide_mode = mode
        self.setTextFormat(Qt.TextFormat.PlainText)

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.setToolTip(tooltip(text) or "")  # a path or name: plain text

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 8,
                     super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The text as drawn: whole if it fits, else shortened."""
        room = self.contentsRect().width() - 2 * self.margin()
        return self.fontMetrics().elidedText(self.text(), self.elide_mode, max(room, 0))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.contentsRect().adjusted(self.margin(), self.margin(), -self.margin(),
                                            -self.margin())
        self.style().drawItemText(painter, area, int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.shown_text(), self.foregroundRole())
        painter.end()
