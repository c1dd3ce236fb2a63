"""A date edit that may also be empty ("not set"), for optional dates such as a commitment's end."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget

from app.i18n import _

#: The minimum date stands for "no date"; it shows as the special value text.
_EMPTY = QDate(1900, 1, 1)


def to_qdate(value: dt.date) -> QDate:
    """The same day as a QDate (PySide converts a date at run time, but its stubs do not say so)."""
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> dt.date:
    """The same day as a date (typed, where `QDate.toPython()` returns an object)."""
    return dt.date(value.year(), value.month(), value.day())


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
        return None if self.date() == _EMPTY else from_qdate(self.date())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(_EMPTY if value is None else to_qdate(value))

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
