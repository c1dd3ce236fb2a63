"""Keep every window and dialog inside the screen's free area (less the taskbar), never larger.

Ministries' laptops are 1920×1080 screens at 150 % — 1280×720 effective pixels — and a window sized
or remembered for a bigger screen would put its status bar and buttons below the taskbar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QStyle, QWidget

#: What a Windows title bar and frame take around a window's contents (width, height), pixels,
#: while the window has no frame yet to measure.
FRAME_ALLOWANCE = (16, 40)
FULL = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen


def available_room(widget: QWidget | None = None) -> QRect | None:
    """The free area of the screen `widget` is on (or of the primary screen): the desktop less
    the taskbar. None without a screen. (The one place that asks: tests put a smaller screen here.)"""
    screen = (widget.screen() if widget is not None else None) or QApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def frame_size(widget: QWidget) -> tuple[int, int]:
    """The title bar and frame around `widget` (a window): as measured once it has one, and no
    less than Windows' (before it has one, or on a platform without title bars)."""
    outer, inner = widget.frameGeometry(), widget.geometry()
    return (max(outer.width() - inner.width(), FRAME_ALLOWANCE[0]),
            max(outer.height() - inner.height(), FRAME_ALLOWANCE[1]))


def size_to_room(widget: QWidget, preferred: QSize, room: QRect | None = None) -> None:
    """Resize the window `widget` to `preferred`, or to the room left with its frame if less."""
    room = room if room is not None else available_room(widget)
    width, height = preferred.width(), preferred.height()
    if room is not None:
        frame_width, frame_height = frame_size(widget)
        width = min(width, room.width() - frame_width)
        height = min(height, room.height() - frame_height)
    widget.resize(width, height)


def fit_to_room(widget: QWidget, room: QRect | None = None) -> None:
    """Shrink the window `widget` to fit `room` with its frame (its minimum size permitting) and
    move it inside; `room` defaults to its screen's free area."""
    room = room if room is not None else available_room(widget)
    if room is None:
        return
    frame_width, frame_height = frame_size(widget)
    width = min(widget.width(), room.width() - frame_width)
    height = min(widget.height(), room.height() - frame_height)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    outer_width, outer_height = widget.width() + frame_width, widget.height() + frame_height
    x = max(room.left(), min(widget.x(), room.left() + room.width() - outer_width))
    y = max(room.top(), min(widget.y(), room.top() + room.height() - outer_height))
    if (x, y) != (widget.x(), widget.y()):
        widget.move(x, y)


class DownwardScrollArea(QScrollArea):
    """Scrolls up and down only: never narrower than its content's minimum width (a form whose
    fields would otherwise be cut at the side or need sideways scrolling)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = content.minimumSizeHint().expandedTo(content.minimumSize()).width()
        return QSize(width + bar + 2 * self.frameWidth(), hint.height())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() in (QEvent.Type.LayoutRequest,
                                                         QEvent.Type.Show):
            # The content's minimum width may have changed (rows shown or hidden, a language),
            # also while it was hidden, when no layout hears of it.
            self.updateGeometry()
        return super().eventFilter(watched, event)


def scrolling(content: QWidget, sideways: bool = True) -> QScrollArea:
    """`content` in a frameless scroll area that gives it all its room: scroll bars appear only
    when the window is smaller than what `content` needs (a small screen, large text). Not
    `sideways`: the area is as wide as `content` needs, and scrolls only downwards."""
    area = QScrollArea() if sideways else DownwardScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    return area


def larger_than_room(widget: QWidget) -> bool:
    room = available_room(widget)
    frame_width, frame_height = frame_size(widget)
    return room is not None and (widget.width() + frame_width > room.width()
                                 or widget.height() + frame_height > room.height())


# The mixin is typed as the widget it is mixed into (and is a plain class when the program runs).
if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object


class OnScreenMixin(_Widget):
    """Mixed into a window or dialog: fitted to its screen's free area each time it is shown
    (its own size, or one remembered from a bigger screen, may be taller than a laptop's), and
    again when its layout lets it be smaller: Qt enlarges a window for a page whose minimum size is
    larger for a moment (while it is built), but never makes it smaller again."""

    _minimum_seen: QSize | None = None

    def showEvent(self, event: QShowEvent) -> None:
        # Not when the system shows it again (restored from the taskbar): left where the user put it.
        if self.isWindow() and not event.spontaneous() and not self.windowState() & FULL:
            fit_to_room(self)
        super().showEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            # The layout has just set the window's minimum size: if the window is as large as the
            # last one only because of it (not as the user left it) and that is off the screen,
            # it returns inside.
            before, now = self._minimum_seen, self.minimumSize()
            self._minimum_seen = now
            enlarged = before is not None and (
                self.width() == before.width() > now.width()
                or self.height() == before.height() > now.height())
            if (enlarged and self.isWindow() and self.isVisible()
                    and not self.windowState() & FULL and larger_than_room(self)):
                fit_to_room(self)
        return super().event(event)
