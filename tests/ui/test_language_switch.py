"""Changing the language live re-labels every open window and dialog, without rebuilding them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextTable
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from app.ui.common.language import qt_catalog_language
from app.ui.plan_browser.plan_tree_model import PlanTreeModel
from app.ui.shell.first_run import FirstRunDialog
from app.ui.shell.main_window import MainWindow


def _header(window: MainWindow, section: int) -> str:
    return window.navigator.model().headerData(section, Qt.Orientation.Horizontal)


def test_live_switch_relabels_window_menus_header_and_open_dialog(qtbot, context, empty_db, language):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    action = window.navigator.plan_model.outline.objectives[1].children[0]
    window.navigator.select_item("action", action.id)
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "Aigerim")
    widgets = (window.file_menu, window.navigator, window.detail, dialog.name_edit)

    language.set_language("ru")
    QApplication.processEvents()  # Qt's own LanguageChange events must not undo ours

    assert window.windowTitle().startswith("Казахстан")
    assert [window.file_menu.title(), window.edit_menu.title(), window.view_menu.title(),
            window.help_menu.title()] == ["&Файл", "&Правка", "&Вид", "&Справка"]
    assert window.open_action.text() == "&Открыть рабочее пространство…"
    assert window.undo_action.text() == "&Отменить"
    assert window.tabs.tabText(window.tabs.indexOf(window.detail)) == "План"
    assert _header(window, PlanTreeModel.COLUMN_TITLE) == "Цель / мера"
    assert window.navigator.header().model().headerData(
        PlanTreeModel.COLUMN_COMMITMENTS, Qt.Orientation.Horizontal) == "Обязательства"
    assert "Показатели" in window.detail.toPlainText()
    assert window.language_actions["ru"].isChecked() and not window.language_actions["en"].isChecked()
    assert dialog.windowTitle() == "Добро пожаловать в Almaty Process Tracker"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text() == (
        "Создать рабочее пространство")
    assert dialog.country_combo.itemText(dialog.country_combo.findData("KG")) == "Кыргызстан"
    # The same widgets, the user's place and unsaved input kept.
    assert (window.file_menu, window.navigator, window.detail, dialog.name_edit) == widgets
    assert window.navigator.selected_item() == ("action", action.id)
    assert dialog.name_edit.text() == "Aigerim"

    language.set_language("en")
    QApplication.processEvents()
    assert window.file_menu.title() == "&File" and dialog.windowTitle().startswith("Welcome")


def test_choosing_a_language_in_the_first_run_dialog_switches_at_once(qtbot, empty_db, language):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("TJ"))
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("tg"))
    QApplication.processEvents()
    assert dialog.coordinator_radio.text() == "Ҳамоҳангсози миллии кишвар"
    assert dialog.country_combo.currentData() == "TJ"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Бекор кардан"


def test_qt_own_dialogs_use_qt_translations(qtbot, language):
    language.set_language("ru")
    assert language.qt_translator is not None
    box = QMessageBox(QMessageBox.Icon.Question, "x", "y",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Отмена"
    language.set_language("ur")  # Qt has no Urdu: the app's catalog, not the Russian left over
    assert language.qt_translator is None
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "منسوخ کریں"
    language.set_language("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_qt_strings_come_from_the_catalog_in_every_language(qtbot, language):
    """Turkmen and Uzbek users meet their own Latin-script buttons, not Qt's Russian; Persian says
    «لغو» as the app does, not Qt's «انصراف»; kk falls back along the chain where it lacks one."""
    from PySide6.QtWidgets import QLineEdit

    from app.ui.common.qt_strings import QT_STRINGS

    expected = {"tk": ("&Hawa", "Ýatyrmak"), "uz": ("&Ha", "Bekor qilish"), "fa": ("&بله", "لغو"),
                "ky": ("&Ооба", "Жокко чыгаруу"), "az": ("&Bəli", "Ləğv et"),
                "ps": ("&هو", "لغوه کول"), "ru": ("&Да", "Отмена")}
    for code, (yes, cancel) in expected.items():
        language.set_language(code)
        assert QCoreApplication.translate("QPlatformTheme", "&Yes") == yes, code
        box = QMessageBox(QMessageBox.Icon.Question, "", "",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Cancel).text() == cancel, code
    language.set_language("tk")
    assert QCoreApplication.translate("QFileSystemModel", "Date Modified") == "Üýtgedilen senesi"
    assert QCoreApplication.translate("QLineEdit", "Select All") == "Hemmesini saýla"
    line = QLineEdit()
    qtbot.addWidget(line)
    menu = line.createStandardContextMenu()
    assert "Hemmesini saýla" in [action.text().split("\t")[0] for action in menu.actions()]
    assert len(QT_STRINGS) >= 40


def test_languages_without_qt_translation_fall_back_sensibly():
    assert [qt_catalog_language(code) for code in ("ru", "kk", "tr", "fa")] == ["ru", "kk", "tr", "fa"]
    assert [qt_catalog_language(code) for code in ("tg", "ky", "uz", "tk")] == ["ru"] * 4
    assert qt_catalog_language("az") == "tr" and qt_catalog_language("ps") == "fa"
    assert qt_catalog_language("ur") is None


def test_kazakh_falls_back_to_russian_when_qt_lacks_its_file(tmp_path, monkeypatch):
    from app.ui.common import language as module

    for code in ("ru", "fa"):
        (tmp_path / f"qtbase_{code}.qm").write_bytes(b"")
    monkeypatch.setattr(module, "qt_translations_folder", lambda: str(tmp_path))
    assert [qt_catalog_language(code) for code in ("kk", "ky", "ps", "az", "ru")] == [
        "ru", "ru", "fa", None, "ru"]


def test_right_to_left_languages_mirror_the_whole_window(qtbot, context, language):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    for code in ("fa", "ps", "ur"):
        language.set_language(code)
        QApplication.processEvents()
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.isRightToLeft() and window.navigator.isRightToLeft()
        assert window.file_menu.isRightToLeft() and window.detail.isRightToLeft()
    assert window.file_menu.title() == "&فائل"
    language.set_language("kk")
    QApplication.processEvents()
    assert not window.isRightToLeft() and window.file_menu.title() == "&Файл"


def _first_table_row(window: MainWindow) -> list[str]:
    tables = [f for f in window.detail.document().rootFrame().childFrames() if isinstance(f, QTextTable)]
    table = tables[0]
    return [table.cellAt(0, c).firstCursorPosition().block().text() for c in range(table.columns())]


def test_detail_pane_mirrors_its_table_and_keeps_data_in_order_right_to_left(qtbot, context, language):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.navigator.select_first_action()
    assert _first_table_row(window)[0] == "Code"
    language.set_language("fa")
    assert _first_table_row(window)[0] == "مقدار مطلوب" and _first_table_row(window)[-1] == "کد"
    heading = window.detail.document().firstBlock()
    assert heading.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    path = str(context.db.path)
    assert f"\u202a{path}\u202c" in window._path_label.text()  # the path keeps its own direction
    title = window.navigator.plan_model.index(0, 0).data()
    assert title == "\u202b1  تقویت همکاری میان شرکای اصلی\u202c"  # the plan speaks Persian


def test_babel_and_qt_widgets_agree_on_numbers():
    """Labels (Babel) and spin boxes (QLocale) show a number the same way in every language."""
    from PySide6.QtCore import QLocale

    from app.i18n import LANGUAGES
    from app.i18n.formats import format_number

    for code in LANGUAGES:
        assert format_number(12345.5, code) == QLocale(code).toString(12345.5, "f", 1), code


def test_open_commitment_form_and_history_switch_at_once_keeping_the_input(qtbot, context, language,
                                                                          monkeypatch):
    monkeypatch.setattr("app.ui.coordinator.commitment_form.confirm_discard", lambda *_a: True)
    from tests.ui.coordinator_helpers import open_window

    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    history = panel.show_history()
    qtbot.addWidget(history)
    form = panel.new_commitment()
    qtbot.addWidget(form)
    qtbot.keyClicks(form.partners_edit, "UNHCR")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # shows the problems, in English
    assert form.errors["description"].text() == "Describe what the country commits to."
    action = form.action_combo.currentData()

    language.set_language("ru")
    QApplication.processEvents()

    assert form.windowTitle() == "Новое обязательство"
    assert form.labels["lead_agency"].text() == "&Ведущее ведомство:"
    assert form.priority_combo.currentText() in {"Высокий", "Средний", "Низкий"}
    assert not form.action_combo.currentText().isascii()  # the action's Russian title
    assert not form.errors["description"].text().isascii()  # the problem, re-worded
    assert (form.partners_edit.text(), form.action_combo.currentData()) == ("UNHCR", action)
    assert history.windowTitle().startswith("История")
    assert history.model.headerData(0, Qt.Orientation.Horizontal) == "Когда"
    form.reject()


def test_codes_keep_their_order_and_spin_boxes_their_digits_right_to_left(qtbot, context, language):
    """"1.1.a" and "2026-H1" are isolated where they meet Persian; the percent spin box shows
    Persian digits like the tables, also when the language changes after the window opened."""
    from PySide6.QtWidgets import QSpinBox

    from app.i18n import coded, separator

    window = MainWindow(context)
    qtbot.addWidget(window)
    spin = QSpinBox(window)
    spin.setValue(42)
    assert spin.text() == "42"
    language.set_language("fa")
    assert spin.text() == "۴۲"
    assert coded("1.1.a", "شاخص") == "\u202a1.1.a\u202c  شاخص"
    assert separator() == " \u2013 " and "·" not in window.windowTitle()
    language.set_language("en")
    assert coded("1.1.a", "Indicator") == "1.1.a  Indicator" and separator() == " · "
    assert spin.text() == "42"


def test_a_hidden_tab_reads_again_when_shown_not_at_every_switch(qtbot, context, language,
                                                                 monkeypatch):
    """A switch re-reads only the tab on screen; the others, already loaded, re-read once when
    shown, and show the new language then."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    tabs = window.coordinator_tabs
    assert tabs is not None
    for panel in (tabs.indicators, tabs.commitments, tabs.progress, tabs.dashboard):
        window.tabs.setCurrentWidget(panel)  # each loaded once
        QApplication.processEvents()
    loads: list[str] = []
    for panel in (tabs.indicators, tabs.commitments, tabs.progress, tabs.dashboard):
        monkeypatch.setattr(panel, "load", lambda *_a, name=type(panel).__name__, load=panel.load:
                            (loads.append(name), load(*_a))[1])

    for code in ("ru", "en", "ru"):
        language.set_language(code)
        QApplication.processEvents()
    assert loads == ["DashboardPanel"] * 3  # the tab on screen

    window.tabs.setCurrentWidget(tabs.indicators)
    QApplication.processEvents()
    assert loads[3:] == ["IndicatorPanel"]
    assert tabs.indicators.objective_combo.itemText(0) == "Все цели"
