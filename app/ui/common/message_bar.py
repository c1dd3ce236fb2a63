"""A quiet line under a panel for what went wrong (or what did not happen), instead of a pop-up
that interrupts typing."""

from __future__ import annotations

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from app.ui.common.accessible import announce
from app.ui.common.palette_colours import ERROR, INFO, keep_styled, note_style
from app.ui.common.plain_text import shown


class MessageBar(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.setWordWrap(True)
        self._error = False
        self.hide()

    def clear_errors_on(self, saved: SignalInstance) -> None:
        """Hide a shown refusal once `saved` fires (the next edit was saved: the error is fixed);
        a refusal that stayed on screen after its cause was fixed read as a new one."""
        saved.connect(self.clear_error)

    def clear_error(self) -> None:
        if self._error:
            self.clear_message()

    def show_error(self, message: str) -> None:
        """Show the message here; if this panel is not on screen, in the window's status bar too."""
        self._error = True
        self._show(message)
        announce(self._speaker(), message)

    def show_info(self, message: str) -> None:
        self._error = False
        self._show(message)
        announce(self._speaker(), message, error=False)

    def _speaker(self) -> QWidget:
        """Where a screen reader hears the message from: this bar, or its window when the bar's
        panel is not on screen (the message is then in the status bar)."""
        return self if self.isVisible() else self.window()

    def _style(self) -> str:
        if self._error:
            return note_style("QLabel#messageBar", ERROR, coloured_text=True)
        return note_style("QLabel#messageBar", INFO)

    def _show(self, message: str) -> None:
        keep_styled(self, self._style)
        self.setText(shown(message))
        self.setVisible(True)
        window = self.window()
        if not self.isVisible() and isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 15000)

    def clear_message(self) -> None:
        self._error = False
        self.clear()
        self.hide()
