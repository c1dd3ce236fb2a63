"""A ring round the widget the keyboard is on, drawn only after a key moved the focus there.

Qt's Fusion style (Linux, and Windows with a high-contrast theme) shows the focus of a default
button, a table or a read-only text no differently from no focus at all: a keyboard user could not
tell where Tab had gone (WCAG 2.4.7). `QFocusFrame` follows a widget (moves and resizes with it and
lets the mouse through); this one draws two pixels of the palette's highlight colour.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFocusFrame, QWidget
from shiboken6 import isValid

#: The ring's width in pixels (2 px of the highlight colour is seen at 150 % scaling too).
RING_WIDTH = 2


class FocusRing(QFocusFrame):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("focusRing")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), RING_WIDTH))
        half = RING_WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
        painter.end()


class FocusRingKeeper(QObject):
    """Puts the ring on the widget a key (Tab, an access key) moved the focus to, else hides it;
    makes a new ring when a closed dialog took the old one with it."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("focusRingKeeper")
        self.ring = FocusRing()
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not isValid(self.ring):
            self.ring = FocusRing()
        keyboard = (new is not None and not new.isWindow()
                    and new.window().testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange))
        if keyboard and new is not None:
            self.ring.setWidget(new)
            self.ring.show()
        else:
            self.ring.hide()
            self.ring.setWidget(None)  # type: ignore[arg-type]  # Qt's "no widget"; stubs omit it


def install_focus_ring() -> FocusRingKeeper | None:
    """One ring for the whole application (installing it again does nothing)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    keeper = app.findChild(FocusRingKeeper, "focusRingKeeper")
    return keeper if isinstance(keeper, FocusRingKeeper) else FocusRingKeeper(app)
