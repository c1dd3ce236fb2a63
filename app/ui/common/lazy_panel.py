"""A panel that reloads only while on screen: changes made while it is hidden mark it stale, and
showing it reloads it once. Ten tabs do not all re-query after every keystroke."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True

    def reload(self) -> None:
        """Re-read what the panel shows from the services."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload now if visible, else when next shown."""
        if self.isVisible():
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def ensure_loaded(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)
