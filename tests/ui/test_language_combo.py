"""The language drop-down names languages in their own words, only once someone can see them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from app.ui.common.language_combo import LanguageCombo


def test_closed_it_names_only_the_chosen_language(qtbot):
    combo = LanguageCombo(["en", "ru", "tg", "fa"])
    qtbot.addWidget(combo)
    combo.select("ru")
    assert [combo.itemText(i) for i in range(combo.count())] == ["English", "Русский", "", ""]
    assert (combo.currentData(), combo.currentText()) == ("ru", "Русский")
    combo.setCurrentIndex(combo.findData("tg"))  # e.g. with the arrow keys
    assert combo.currentText() == "Тоҷикӣ"
    combo.select("xx")  # not offered: the first one
    assert (combo.currentData(), combo.currentText()) == ("en", "English")


def test_opening_or_focusing_it_names_them_all(qtbot):
    combo = LanguageCombo(["en", "ru", "fa"])
    qtbot.addWidget(combo)
    combo.show()
    combo.showPopup()
    assert [combo.itemText(i) for i in range(combo.count())] == ["English", "Русский", "فارسی"]
    combo.hidePopup()
    other = LanguageCombo(["en", "ru"])
    qtbot.addWidget(other)
    other.show()
    other.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: other.itemText(1) == "Русский")
