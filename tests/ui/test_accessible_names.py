"""A screen reader can name every control and read every table row by row, in the user's language,
on every tab and dialog of both workspaces (the tour) and in the first-run dialog; refusals are
announced and put the cursor in the first field in error."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QStandardItemModel
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox, QLineEdit, QTableView, QWidget

from app.i18n import translate_in
from app.ui.common import accessible
from app.ui.common.language import LanguageController
from app.ui.common.message_bar import MessageBar
from app.ui.shell.first_run import FirstRunDialog
from app.ui.shell.main_window import MainWindow

from .coordinator_helpers import open_window
from .name_walker import names, unnamed, unreadable_rows
from .tour import Stop, coordinator_tour, secretariat_tour, settle

_LATIN = re.compile(r"[A-Za-z]{3,}")


def _plain(text: str) -> str:
    return text.replace("&", "").strip()


def left_in_english(before: dict[int, tuple[str, str]], after: dict[int, tuple[str, str]],
                    stop: str) -> list[str]:
    """Names that stayed English when the interface went from English (`before`) to Russian
    (`after`): a catalog text the catalog translates, or any name with English words that did not
    change at all (a name set once and never re-worded). Data (file names, codes) is not in the
    catalog and is left alone unless it is the whole of an unchanged catalog text."""
    found = []
    for key, (where, name) in after.items():
        if not name:
            continue  # the walker's other check reports it
        english = before.get(key, ("", ""))[1]
        catalog = translate_in("ru", _plain(name)) != _plain(name)
        unchanged = name == english and bool(_LATIN.search(name)) and _catalog_words(name)
        if catalog or unchanged:
            found.append(f"{stop}{where}: {name!r}")
    return found


def _catalog_words(name: str) -> bool:
    """Whether an English name is made of interface words (some part of it the catalog knows)."""
    parts = [p for p in re.split(r"[:,()…]\s*", _plain(name)) if p.strip()]
    return any(translate_in("ru", part.strip()) != part.strip() for part in parts)


def check_stop(stop: str, root: QWidget) -> list[str]:
    return unnamed(stop, root) + unreadable_rows(stop, root)


def switch_and_check(language: LanguageController, stop: str, root: QWidget) -> list[str]:
    """In Russian: every control named and each table readable; then through English and back to
    Russian, as a user switches live: no name may stay English."""
    problems = check_stop(stop, root)
    language.set_language("en")
    settle()
    english = names(root)
    problems += check_stop(stop + " (en)", root)
    language.set_language("ru")
    settle()
    problems += left_in_english(english, names(root), stop)
    return problems


def walk(stops: Iterable[Stop], language: LanguageController) -> list[str]:
    """Each stop checked in Russian, then in English and Russian again, switched live there: every
    name in both languages, none left behind by the switch. (The tour once also ran wholly in
    English; the English pass at each stop checks the same names.)"""
    problems: list[str] = []
    for stop in stops:
        problems += switch_and_check(language, stop.name, stop.widget)
    return problems


def test_coordinator_controls_are_named_and_tables_readable(qtbot, context, tmp_path):
    context.language.set_language("ru")
    assert walk(coordinator_tour(qtbot, context, tmp_path), context.language) == []


def test_secretariat_controls_are_named_and_tables_readable(qtbot, secretariat_context, tmp_path):
    secretariat_context.language.set_language("ru")
    assert walk(secretariat_tour(qtbot, secretariat_context, tmp_path),
                secretariat_context.language) == []


def test_first_run_dialog_is_named_in_both_languages(qtbot, empty_db, language):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    settle()
    english = names(dialog)
    assert check_stop("first run", dialog) == []
    language.set_language("ru")
    settle()
    assert check_stop("first run (ru)", dialog) == []
    assert left_in_english(english, names(dialog), "first run") == []


def test_walker_finds_an_unnamed_control_and_an_unreadable_table(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    settle()
    assert check_stop("window", window) == []
    bare = QLineEdit()
    choice = QComboBox()  # on Linux Qt calls its current choice its name: that is no name
    choice.addItems(["First choice"])
    table = QTableView()
    model = QStandardItemModel(2, 2, table)
    model.setData(model.index(0, 0), "a cell")
    table.setModel(model)
    table.setAccessibleName("Typed table")
    for widget in (bare, choice, table):
        window.statusBar().addWidget(widget)
    settle()
    found = check_stop("window", window)
    assert found == ["window: QLineEdit", "window: QComboBox", "window: QHeaderView",
                     "window: QHeaderView", "window: QAbstractButton 'qt_tableview_cornerbutton'",
                     "window: QTableView rows"]
    accessible.set_view_name(table, "Typed table")
    model.setData(model.index(0, 0), "a cell, more", Qt.ItemDataRole.AccessibleTextRole)
    assert len(check_stop("window", window)) == 2


def test_walker_finds_a_name_left_in_english_after_a_switch(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    table = QTableView()
    table.setAccessibleName("Commitments")  # set once, never re-worded
    window.statusBar().addWidget(table)
    window.show()
    settle()
    english = names(window)
    context.language.set_language("ru")
    settle()
    assert left_in_english(english, names(window), "window") == [
        "window: QTableView: 'Commitments'"]


@pytest.fixture
def spoken(monkeypatch) -> list[tuple[QAccessible.Event, object, str]]:
    """What the app tells a screen reader: (event, widget, announced text)."""
    heard: list[tuple[QAccessible.Event, object, str]] = []

    def listen(event):
        text = event.message() if isinstance(event, QAccessibleAnnouncementEvent) else ""
        heard.append((event.type(), event.object(), text))

    monkeypatch.setattr(accessible, "send", listen)
    return heard


def test_a_message_bar_announces_what_it_shows(qtbot, spoken):
    bar = MessageBar()
    qtbot.addWidget(bar)
    bar.show_error("The period is locked.")
    assert (QAccessible.Event.Alert, bar, "") in spoken
    assert (QAccessible.Event.Announcement, bar, "The period is locked.") in spoken


def test_a_refused_commitment_form_announces_and_focuses_the_first_wrong_field(
        qtbot, context, monkeypatch, spoken):
    monkeypatch.setattr("app.ui.coordinator.commitment_form.confirm_discard", lambda *_a: True)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    panel = window.coordinator_tabs.commitments
    panel.load()  # the plan's actions for the form
    form = panel.new_commitment()
    assert form is not None
    form.activateWindow()
    form.action_combo.setCurrentIndex(0)
    qtbot.keyClicks(form.lead_edit, "Ministry of Labour")
    form.lead_edit.setFocus()
    assert form.focusWidget() is form.lead_edit
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    settle()
    assert form.isVisible()
    assert form.focusWidget() is form.description_edit  # the first field in error
    said = [text for kind, _w, text in spoken if kind == QAccessible.Event.Announcement]
    assert said == [form.errors["description"].text()] and said[0]
    assert form.description_edit.accessibleDescription() == said[0]
    form.reject()


def test_a_refused_first_run_form_announces_in_russian_and_focuses_the_name(
        qtbot, empty_db, language, spoken):
    language.set_language("ru")
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.email_edit, "no-at-sign")
    dialog.email_edit.setFocus()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.focusWidget() is dialog.name_edit
    said = [text for kind, _w, text in spoken if kind == QAccessible.Event.Announcement]
    assert said == [dialog.error_label.text()]
    assert re.search("[а-я]", said[0])


def test_a_refused_percent_is_announced_and_the_cursor_goes_back_to_it(qtbot, context, spoken):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.progress
    window.tabs.setCurrentWidget(panel)
    row = next(r for r in panel.table.source.rows() if not r.has_update and not r.retired)
    panel.table.select_id(row.id)
    form = panel.form
    form.percent_spin.setFocus()
    form.percent_spin.lineEdit().selectAll()
    qtbot.keyClicks(form.percent_spin, "150")
    qtbot.keyClick(form.percent_spin, Qt.Key.Key_Tab)  # on to the narrative: the percent is saved
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.percent_spin, timeout=2000)
    said = [text for kind, _w, text in spoken if kind == QAccessible.Event.Announcement]
    assert said == [panel.messages.text()] and said[0]


def test_a_refused_plan_item_is_announced_and_focuses_its_field(qtbot, spoken):
    from app.ui.secretariat.plan_item_form import PlanItemForm

    form = PlanItemForm()
    qtbot.addWidget(form)
    form.show()
    form.titles_editor.setFocus()
    form.show_error("A code is needed.", "code")
    assert form.focusWidget() is form.code_edit
    assert (QAccessible.Event.Announcement, form.error_label, "A code is needed.") in spoken
    spoken.clear()
    form.show_error("")  # cleared: nothing to say
    assert spoken == [] and form.error_label.text() == ""
