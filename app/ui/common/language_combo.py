"""A drop-down of languages, each by its own name, named only when someone can see it.

Naming a language reads that language's CLDR data (about 10 ms each), so naming all twelve cost a
window 70–130 ms before it could open. A closed drop-down shows one name; the others are named
when the list opens or the drop-down takes the focus (typing a letter then finds its language).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QWidget

from app.i18n.formats import language_name


class LanguageCombo(QComboBox):
    def __init__(self, codes: Iterable[str] = (), parent: QWidget | None = None,
                 show_code: bool = False) -> None:
        super().__init__(parent)
        self._show_code = show_code
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self.set_codes(codes)
        self.currentIndexChanged.connect(self._name)

    def set_codes(self, codes: Iterable[str]) -> None:
        """Offer these languages (unnamed until seen), in this order."""
        blocked = self.blockSignals(True)  # each fill would name its first language
        self.clear()
        for code in codes:
            self.addItem("", code)
        self.blockSignals(blocked)
        if not self.isEditable():  # an editable one shows what is typed, not its current item
            self._name(self.currentIndex())

    def select(self, code: str | None) -> None:
        """Make `code` current (the first language when it is not offered)."""
        self.setCurrentIndex(max(0, self.findData(code)))
        self._name(self.currentIndex())

    def name_all(self) -> None:
        for index in range(self.count()):
            self._name(index)

    def _name(self, index: int) -> None:
        if index >= 0 and not self.itemText(index):
            code = str(self.itemData(index))
            name = language_name(code)
            self.setItemText(index, f"{name} ({code})" if self._show_code else name)

    def showPopup(self) -> None:
        self.name_all()
        super().showPopup()

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.name_all()
        super().focusInEvent(event)
