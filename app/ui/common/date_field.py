"""A date edit that may also be empty ("not set"), for optional dates such as a commitment's end."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from app.i18n import _

#: The minimum date stands for "no date"; it shows as the special value text.
_EMPTY = QDate(1900, 1, 1)


class DateField(QDateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(_EMPTY)
        self.setDate(_EMPTY)
        self.calendarWidget().installEventFilter(self)
        self.retranslate()

    def retranslate(self) -> None:
        self.setSpecialValueText(_("not set"))
        self.setToolTip(_("Ctrl+Delete clears the date."))

    def value(self) -> dt.date | None:
        return None if self.date() == _EMPTY else self.date().toPython()  # type: ignore[return-value]

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        clearing = event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier or self.value() is None)
        if clearing:
            self.setDate(_EMPTY)
            return
        if self.value() is None and event.text().isdigit():
            self.setDate(QDate.currentDate())
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty field opens its calendar on this month, not on January 1900.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
