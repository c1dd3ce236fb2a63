"""Issue 16, "what was seen": the small defects a newcomer met on a first half-year submission."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QImage, QPainter, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from sqlalchemy import select

from app.models.orm import ChangeLog, WorkspaceProfile
from app.models.orm.enums import ProgressStatus
from app.resources import guide_path
from app.ui.common.date_field import DateField
from app.ui.common.roles import FractionRole
from app.ui.common.settings import app_settings
from app.ui.coordinator.commitment_model import Column
from app.ui.coordinator.delegates import DateDelegate, ProgressBarDelegate
from app.ui.shell.guide import guide_language, guide_page
from app.ui.shell.workspace_details import WorkspaceDetailsDialog

from .coordinator_helpers import open_window, period_id, stored_progress


def fresh_window(qtbot, context):
    settings = app_settings()
    settings.clear()
    settings.sync()
    return open_window(qtbot, context)


def test_workspace_details_are_editable_from_the_file_menu_and_logged(qtbot, context, tmp_path):
    window = fresh_window(qtbot, context)
    assert window.details_action in window.file_menu.actions()
    dialog = WorkspaceDetailsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Aigerim Nurlanova")
    dialog.email_edit.setText("a.nurlanova@example.kz")
    dialog.ministry_edit.setText("Ministry of Labour")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    with context.db.reading() as s:
        profile = s.scalar(select(WorkspaceProfile))
        logged = set(s.scalars(select(ChangeLog.field).where(
            ChangeLog.entity == "workspace_profile", ChangeLog.operation == "update")))
    assert (profile.coordinator_name, profile.email) == ("Aigerim Nurlanova",
                                                         "a.nurlanova@example.kz")
    assert {"coordinator_name", "email", "ministry"} <= logged
    assert window.context.profile.email == "a.nurlanova@example.kz"
    assert "Aigerim Nurlanova" in window._workspace_label.text()
    # The next export prints the new details on its cover.
    from openpyxl import load_workbook

    from app.reports.submission.export import export_submission

    result = export_submission(context.db, "KZ", "2026-H2", "en", tmp_path)
    cover = load_workbook(result.path).worksheets[0]
    texts = {str(c.value) for row in cover.iter_rows() for c in row if c.value}
    assert {"Aigerim Nurlanova", "a.nurlanova@example.kz", "Ministry of Labour"} <= texts


def test_workspace_details_refuse_a_bad_address_and_write_nothing(qtbot, context):
    dialog = WorkspaceDetailsDialog(context)
    qtbot.addWidget(dialog)
    before = context.profile.email
    dialog.email_edit.setText("not an address")
    dialog.save()
    assert dialog.error_label.text()
    with context.db.reading() as s:
        assert s.scalar(select(WorkspaceProfile)).email == before


def test_the_demo_says_it_is_a_demo(qtbot, context):
    window = fresh_window(qtbot, context)
    assert window.windowTitle() == "Kazakhstan — demo workspace — Almaty Process Tracker"
    assert window.demo_banner.isVisible() and "invented" in window.demo_banner.text()


def test_the_first_window_fits_a_1280_by_800_laptop(qtbot, context, language):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    taskbar = 40
    room = QRect(0, 0, 1280, 800 - taskbar)  # what Windows leaves free above its taskbar
    window.fit_to_screen(room)
    title_bar = 32
    assert window.height() + title_bar <= room.height()
    assert window.minimumSizeHint().height() + title_bar <= room.height()
    assert window.width() <= room.width()


@pytest.mark.parametrize("typed", ["01.02.2027", "1.2.2027", "2027-02-01"])
def test_a_date_typed_over_a_selected_date_replaces_it(qtbot, language, typed):
    language.set_language("ru")
    field = DateField()
    qtbot.addWidget(field)
    field.set_value(dt.date(2026, 9, 15))
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, typed)
    assert field.value() == dt.date(2027, 2, 1)
    assert field.text() == "01.02.2027"


def test_a_date_typed_into_an_empty_field_is_that_date(qtbot, language):
    language.set_language("ru")
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.setFocus()
    qtbot.keyClicks(field, "01.02.2027")
    assert field.value() == dt.date(2027, 2, 1)


def test_the_table_date_editor_takes_a_typed_date_too(qtbot, language):
    language.set_language("ru")
    model = QStandardItemModel(1, 1)
    model.setData(model.index(0, 0), dt.date(2026, 9, 15), Qt.ItemDataRole.EditRole)
    delegate = DateDelegate()
    parent = QWidget()
    qtbot.addWidget(parent)
    editor = delegate.createEditor(parent, QStyleOptionViewItem(), model.index(0, 0))
    delegate.setEditorData(editor, model.index(0, 0))
    parent.show()
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "1.2.202")  # not complete yet: the model gets it at commit
    qtbot.keyClicks(editor, "7")
    delegate.setModelData(editor, model, model.index(0, 0))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.EditRole) == dt.date(2027, 2, 1)


def test_half_typed_date_is_refused_and_the_old_one_kept(qtbot, language):
    field = DateField()
    qtbot.addWidget(field)
    field.set_value(dt.date(2026, 9, 15))
    field.show()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, "31.02")
    field.finish_typing()
    assert field.value() == dt.date(2026, 9, 15)


def _progress_tab(qtbot, context):
    window = fresh_window(qtbot, context)
    panel = window.coordinator_tabs.progress
    window.tabs.setCurrentWidget(panel)
    return window, panel


def _select(panel, row) -> None:
    source = panel.table.source
    panel.table.setCurrentIndex(panel.table.proxy.mapFromSource(source.index(source.row_of(row.id), 0)))


def test_percent_150_is_refused_with_a_message_not_saved_as_15(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    row = next(r for r in panel.table.source.rows() if r.has_update and not r.retired)
    _select(panel, row)
    h2 = period_id(context.db)
    before = stored_progress(context.db, row.id, h2).percent
    spin = panel.form.percent_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "150")
    panel.form.flush()
    assert stored_progress(context.db, row.id, h2).percent == before
    assert panel.messages.isVisible()
    assert panel.messages.text() == "Percent must be between 0 and 100."
    # The same refusal from the table's cell editor.
    assert not panel.table.proxy.setData(
        panel.table.proxy.mapFromSource(panel.table.source.index(
            panel.table.source.row_of(row.id), Column.PERCENT)), 150) or \
        stored_progress(context.db, row.id, h2).percent == before
    assert panel.messages.text() == "Percent must be between 0 and 100."
    # Fixing it clears the error bar.
    spin.selectAll()
    qtbot.keyClicks(spin, "60")
    panel.form.flush()
    assert stored_progress(context.db, row.id, h2).percent == 60
    assert not panel.messages.isVisible()


@pytest.mark.parametrize("code", ["en", "ru"])
def test_the_progress_form_does_not_jump_when_a_status_is_set(qtbot, context, language, code):
    language.set_language(code)
    window, panel = _progress_tab(qtbot, context)
    window.resize(1280, 760)
    row = next(r for r in panel.table.source.rows() if not r.has_update and not r.retired)
    _select(panel, row)
    QApplication.processEvents()
    form = panel.form
    before = {name: w.mapTo(form, QPoint(0, 0)).y() for name, w in
              (("status", form.status_combo), ("percent", form.percent_spin),
               ("narrative", form.texts["narrative"]))}
    form.status_combo.setCurrentIndex(form.status_combo.findData(ProgressStatus.ON_TRACK.value))
    form.status_combo.activated.emit(form.status_combo.currentIndex())
    QApplication.processEvents()
    assert stored_progress(context.db, row.id, period_id(context.db)).status == ProgressStatus.ON_TRACK
    after = {name: w.mapTo(form, QPoint(0, 0)).y() for name, w in
             (("status", form.status_combo), ("percent", form.percent_spin),
              ("narrative", form.texts["narrative"]))}
    assert after == before


@pytest.mark.parametrize("close", ["escape", "cancel"])
def test_new_commitment_asks_before_throwing_typed_text_away(qtbot, context, language, close):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    form = panel.new_commitment()
    qtbot.waitExposed(form)
    form.description_edit.insertPlainText("Создать межведомственную рабочую группу")
    questions: list[str] = []

    def answer(choice: str) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        questions.append(box.text())
        wanted = "Продолжить" if choice == "keep" else "Отказаться"
        next(b for b in box.buttons() if wanted in b.text().replace("&", "")).click()

    def close_form() -> None:
        if close == "escape":
            qtbot.keyClick(form, Qt.Key.Key_Escape)
        else:
            form.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, lambda: answer("keep"))
    close_form()
    assert form.isVisible() and questions
    assert form.description_edit.toPlainText().startswith("Создать")
    QTimer.singleShot(0, lambda: answer("discard"))
    close_form()
    assert not form.isVisible() and len(questions) == 2


def test_an_untouched_new_commitment_closes_without_asking(qtbot, context):
    window = fresh_window(qtbot, context)
    form = window.coordinator_tabs.commitments.new_commitment()
    qtbot.waitExposed(form)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert not form.isVisible()


def test_the_commitment_list_is_readable_at_1280_in_russian(qtbot, context, language):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    window.resize(1280, 760)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    for _round in range(3):
        QApplication.processEvents()
    table = panel.table
    room = table.viewport().width()
    header_width = table.horizontalHeader().sectionSizeHint(Column.DESCRIPTION)
    assert table.columnWidth(Column.DESCRIPTION) >= max(room * 0.27, 2 * header_width)
    metrics = table.fontMetrics()
    for column in (Column.START, Column.END):
        for row in range(table.proxy.rowCount()):
            text = table.proxy.index(row, column).data()
            assert metrics.horizontalAdvance(text) + 8 <= table.columnWidth(column), text
    # A header cut to make room is shown whole in its tooltip.
    assert table.model().headerData(Column.PERCENT, Qt.Orientation.Horizontal,
                                    Qt.ItemDataRole.ToolTipRole) == "Выполнено"


def test_qt_file_dialog_labels_are_in_russian(qtbot, language):
    language.set_language("ru")
    dialog = QFileDialog(None, "Открыть")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = [label.text().replace("&", "") for label in dialog.findChildren(QLabel)]
    assert "Перейти к:" in texts and "Типы файлов:" in texts
    assert not any("Look in" in text or "Files of type" in text for text in texts)


def test_a_half_done_bar_is_drawn_half_long_and_full_height(qtbot):
    model = QStandardItemModel(1, 1)
    model.setData(model.index(0, 0), 0.5, FractionRole)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 200, 24)
    option.widget = view
    option.palette = view.palette()
    image = QImage(200, 24, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    ProgressBarDelegate().paint(painter, option, model.index(0, 0))
    painter.end()

    def filled(x: int, y: int) -> bool:  # the highlight is blue; the empty groove is grey
        color = image.pixelColor(x, y)
        return color.blue() - color.red() > 60

    assert filled(30, 7) and filled(30, 17)  # over the whole height, not the lower half
    assert not filled(170, 7) and not filled(170, 17)  # and over half the length only


def test_indicator_headers_are_whole_and_periods_in_words(qtbot, context, language):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    panel = window.coordinator_tabs.indicators
    window.tabs.setCurrentWidget(panel)
    QApplication.processEvents()
    view, model = panel.view, panel.model
    header = view.horizontalHeader()
    for column in range(model.columnCount()):
        assert view.columnWidth(column) >= header.sectionSizeHint(column), column
        text = model.headerData(column, Qt.Orientation.Horizontal)
        assert "-H" not in text, text
        assert model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize("tab", ["commitments", "progress"])
def test_history_says_what_it_lists_and_names_periods_in_words(qtbot, context, language, tab):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    panel = getattr(window.coordinator_tabs, tab)
    window.tabs.setCurrentWidget(panel)
    row = next(r for r in panel.table.source.rows() if r.has_update and not r.retired)
    source = panel.table.source
    assert source.setData(source.index(source.row_of(row.id), Column.PERCENT), 42)
    _select(panel, row)
    dialog = panel.show_history()
    qtbot.addWidget(dialog)
    title = dialog.windowTitle()
    if tab == "progress":
        assert "второе полугодие 2026" in title.lower() and "2026-H2" not in title
    else:
        assert "истор" in title.lower() and "полугод" not in title
    assert dialog.scope_label.text()
    periods = {dialog.model.index(r, 2).data() for r in range(dialog.model.rowCount())}
    assert periods and not any("-H" in (p or "") for p in periods)


def test_f1_opens_the_russian_guide_at_the_current_tab(qtbot, context, language):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    window.tabs.setCurrentWidget(window.coordinator_tabs.progress)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window._guide
    assert guide is not None and guide.isVisible()
    assert guide.browser.source().fileName() == "progress.md"
    assert "/ru/" in guide.browser.source().path()
    assert guide.browser.documentTitle() or "Ход выполнения" in guide.browser.toPlainText()
    assert "Ход выполнения" in guide.browser.toPlainText()
    # A link to another page stays inside the guide; a link out of it opens nothing.
    guide.follow(QUrl("index.md"))
    assert guide.browser.source().fileName() == "index.md"
    guide.follow(QUrl("https://example.org/"))
    assert guide.browser.source().fileName() == "index.md"


@pytest.mark.parametrize(("code", "expected"), [("en", "en"), ("ru", "ru"), ("ky", "ru"),
                                                ("tr", "en"), ("kk", "ru")])
def test_the_guide_falls_back_like_the_interface(code, expected):
    assert guide_language(code) == expected
    assert guide_page("progress", code).exists()


def test_every_guide_page_exists_in_english_and_russian_and_links_resolve():
    for language in ("en", "ru"):
        folder = guide_path(language)
        pages = {p.name for p in folder.glob("*.md")}
        assert {"index.md", "progress.md", "commitments.md", "submission.md"} <= pages
        assert pages == {p.name for p in guide_path("en").glob("*.md")}
        for page in folder.glob("*.md"):
            for target in re.findall(r"\]\(([^)#:]+\.md)", page.read_text(encoding="utf-8")):
                assert (folder / target).exists(), (page, target)


def test_help_lists_the_keyboard_shortcuts(qtbot, context):
    window = fresh_window(qtbot, context)
    assert window.shortcuts_action in window.help_menu.actions()
    from app.ui.shell.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog([window.file_menu, window.edit_menu, window.help_menu], window)
    qtbot.addWidget(dialog)
    keys = {dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())}
    assert {"F1", "Ctrl+Z", "Ctrl+O", "F8"} <= keys
