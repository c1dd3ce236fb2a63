"""A date edit that may also be empty ("not set"), for optional dates such as a commitment's end."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent
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


class DateEdit(QDateEdit):
    """A date edit where a whole date typed over a selected date gives that date.

    Qt's date edit types section by section: with the whole text selected, the typed day was lost
    and the old one kept (Ctrl+A, 01.02.2027 gave 15.02.2027). Typing over a selection that spans
    sections now collects the characters as they are and reads the date once it is complete (or on
    Enter or leaving the field), in the locale's order with or without leading zeros, or as ISO.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self._typed: str | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editor = self.lineEdit()
        text = event.text()
        if self._typed is None and text.isdigit() and editor.hasSelectedText() and (
                len(editor.selectedText()) > len(self.sectionText(self.currentSection()))):
            self._typed = ""
        if self._typed is not None and self._type_over(event):
            return
        super().keyPressEvent(event)

    def _type_over(self, event: QKeyEvent) -> bool:
        """Handle one key of a date typed over the selection; False hands the key back to Qt."""
        key, text = event.key(), event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.finish_typing()
            return key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if key == Qt.Key.Key_Escape:
            self._typed = None
            self.setDate(self.date())  # shows the date as it was
            self.lineEdit().setText(self.textFromDateTime(self.dateTime()))
            return True
        if key == Qt.Key.Key_Backspace:
            self._show_typed((self._typed or "")[:-1])
            return True
        if text and (text.isdigit() or text in _SEPARATORS):
            self._show_typed((self._typed or "") + text)
            if _complete(self._typed or ""):
                self.finish_typing()
            return True
        self.finish_typing()
        return False

    def _show_typed(self, typed: str) -> None:
        self._typed = typed
        editor = self.lineEdit()
        blocked = editor.blockSignals(True)  # Qt's own section parser must not see half a date
        editor.setText(typed)
        editor.blockSignals(blocked)

    def finish_typing(self) -> None:
        """Take the typed date if it is one; otherwise show the date as it was."""
        if self._typed is None:
            return
        typed, self._typed = self._typed, None
        parsed = parse_typed_date(typed, self.displayFormat())
        if parsed is not None and self.minimumDate() <= parsed <= self.maximumDate():
            self.setDate(parsed)
        self.lineEdit().setText(self.textFromDateTime(self.dateTime()))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.finish_typing()
        super().focusOutEvent(event)


_SEPARATORS = "./-, "


def _groups(text: str) -> list[str]:
    return [part for part in re.split(r"[./\-, ]", text) if part]


def _complete(typed: str) -> bool:
    """Three groups, a four-digit year among them, and the last group whole (a year, or two
    digits), so 2027-02-1 waits for the next digit and 1.2.2027 is done."""
    groups = _groups(typed)
    return (len(groups) == 3 and any(len(g) == 4 for g in groups)
            and (len(groups[-1]) == 4 or (len(groups[-1]) == 2 and len(groups[0]) == 4)))


def parse_typed_date(text: str, display_format: str) -> QDate | None:
    """A typed date in the field's order (day and month with or without zeros) or ISO 8601."""
    groups = _groups(text)
    if len(groups) != 3 or not all(g.isdigit() for g in groups):
        return None
    if len(groups[0]) == 4:  # ISO: year first
        year, month, day = (int(g) for g in groups)
    else:
        order = [c for c in re.sub(r"[^dMy]", "", display_format) if c in "dMy"]
        letters = "".join(dict.fromkeys(order))  # e.g. "dMy" or "Mdy"
        if len(letters) != 3:
            letters = "dMy"
        values = dict(zip(letters, (int(g) for g in groups), strict=True))
        year, month, day = values["y"], values["M"], values["d"]
        if year < 100:
            year += 2000
    date = QDate(year, month, day)
    return date if date.isValid() else None


class DateField(DateEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
            # A date typed into an empty field replaces the whole of it (as over a selection).
            self.setDate(QDate.currentDate())
            self.lineEdit().selectAll()
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Qt steps Tab through the date's sections; "not set" has none, and Tab stayed in the
        # field for ever (a keyboard trap): an empty field hands Tab on to the next widget.
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # An empty field opens its calendar on this month, not on January 1900.
        if event.type() == QEvent.Type.Show and self.value() is None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())
        return super().eventFilter(watched, event)
