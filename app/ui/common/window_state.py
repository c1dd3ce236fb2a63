"""Remember a window's geometry and splitter positions between runs (one mixin every window uses)."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QSplitter, QWidget

from app.ui.common.screen_fit import OnScreenMixin, fit_to_room
from app.ui.common.settings import app_settings


class WindowStateMixin(OnScreenMixin):
    """Call `restore_window_state()` after building the widget; state is saved in `closeEvent`.
    A geometry remembered on a bigger screen is fitted to this one's free area."""

    state_key: str = ""

    def _key(self) -> str:
        return self.state_key or type(self).__name__

    def _widget(self) -> QWidget:
        """The widget this is mixed into (a window or a dialog)."""
        assert isinstance(self, QWidget)
        return self

    def restore_window_state(self, room: QRect | None = None) -> None:
        widget = self._widget()
        settings = app_settings()
        geometry = settings.value(f"{self._key()}/geometry")
        if geometry is not None:
            widget.restoreGeometry(geometry)
            fit_to_room(widget, room)
        for splitter in widget.findChildren(QSplitter):
            state = settings.value(f"{self._key()}/splitter/{splitter.objectName()}")
            if state is not None and splitter.objectName():
                splitter.restoreState(state)
        if hasattr(widget, "restoreState"):
            window_state = settings.value(f"{self._key()}/state")
            if window_state is not None:
                widget.restoreState(window_state)

    def save_window_state(self) -> None:
        widget = self._widget()
        settings = app_settings()
        settings.setValue(f"{self._key()}/geometry", widget.saveGeometry())
        for splitter in widget.findChildren(QSplitter):
            if splitter.objectName():
                settings.setValue(f"{self._key()}/splitter/{splitter.objectName()}",
                                  splitter.saveState())
        if hasattr(widget, "saveState"):
            settings.setValue(f"{self._key()}/state", widget.saveState())
        settings.sync()
