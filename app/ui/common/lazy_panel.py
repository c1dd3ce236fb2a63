"""A panel that reloads only while on screen: changes made while it is hidden mark it stale, and
showing it reloads it once. Ten tabs do not all re-query after every keystroke."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from app.ui.common.storage_guard import shows_storage_errors


class LazyPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True

    def load(self, keep_shown: bool = False) -> None:
        """Re-read what the panel shows from the services (guarded by `reload`).

        `keep_shown`: after the user's own edit, rows already shown stay even if they stop
        matching the filter (panels of rows).
        """
        raise NotImplementedError

    @shows_storage_errors
    def reload(self, keep_shown: bool = False) -> None:
        """Load now, whether shown or not; the panel is fresh afterwards. A database another
        program holds locked is a message, and the panel keeps what it shows."""
        self._stale = False
        self.load(keep_shown)

    def refresh(self, keep_shown: bool = False) -> None:
        """Reload now if visible, else when next shown."""
        if self.isVisible():
            self.reload(keep_shown)
        else:
            self._stale = True

    def ensure_loaded(self) -> None:
        if self._stale:
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)
