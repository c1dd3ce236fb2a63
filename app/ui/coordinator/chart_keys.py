"""A chart a keyboard can use: the arrow keys move between its bars or slices, Enter or Space does
what a click does, and a focus frame and the marked item show where the keyboard is.

QtCharts reacts to the mouse only; a coordinator without one could see the dashboard's charts but
not follow them to the commitments behind a figure.
"""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from app.ui.common.plain_text import tooltip

#: Keys that move to the next item in reading order, and to the previous one.
NEXT_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Right)
PREVIOUS_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Left)
#: The focus frame's width in pixels.
FOCUS_WIDTH = 2
ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space, Qt.Key.Key_Select)


class KeyboardChart(QChartView):
    """Subclasses say how many items there are (in reading order: top to bottom, or clockwise),
    how to mark one, what a click on one does, and what to say about it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: The item the keyboard is on, in reading order (-1: none yet).
        self.current = -1

    def item_count(self) -> int:
        raise NotImplementedError

    def mark_item(self, position: int | None) -> None:
        """Show the item at `position` as the keyboard's (None: no item is)."""
        raise NotImplementedError

    def activate_item(self, position: int) -> None:
        """Do what a click on the item does."""
        raise NotImplementedError

    def describe_item(self, position: int) -> str:
        raise NotImplementedError

    def move_to(self, position: int) -> None:
        """Put the keyboard on an item, mark it and say what it is."""
        count = self.item_count()
        if count == 0:
            self.current = -1
            return
        self.current = max(0, min(position, count - 1))
        self.mark_item(self.current)
        center = self.mapToGlobal(QPoint(self.width() // 2, self.height() // 2))
        QToolTip.showText(center, tooltip(self.describe_item(self.current)) or "", self)

    def items_changed(self) -> None:
        """The chart was redrawn: keep the keyboard's item if it is still there."""
        if self.current >= self.item_count():
            self.current = self.item_count() - 1
        if self.hasFocus() and self.current >= 0:
            self.mark_item(self.current)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, count = event.key(), self.item_count()
        if count and key in NEXT_KEYS:
            self.move_to(self.current + 1)
        elif count and key in PREVIOUS_KEYS:
            self.move_to(self.current - 1 if self.current >= 0 else count - 1)
        elif count and key == Qt.Key.Key_Home:
            self.move_to(0)
        elif count and key == Qt.Key.Key_End:
            self.move_to(count - 1)
        elif count and key in ACTIVATE_KEYS and self.current >= 0:
            self.activate_item(self.current)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.item_count():
            self.move_to(max(self.current, 0))
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.item_count():
            self.mark_item(None)
        QToolTip.hideText()
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.hasFocus():
            return
        # A frame in the palette's highlight (Fusion draws its focus frame only after a key press
        # and faintly): seen in every style, in dark and high-contrast palettes too.
        painter = QPainter(self.viewport())
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_WIDTH))
        painter.drawRect(self.viewport().rect().adjusted(1, 1, -FOCUS_WIDTH, -FOCUS_WIDTH))
        painter.end()
