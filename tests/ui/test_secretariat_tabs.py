"""The secretariat's tabs driven like a user would, asserting on the database."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.models.orm import Membership, ReportingPeriod, Submission
from app.models.orm.enums import MembershipRole, SubmissionState
from app.models.services.regional.completeness import CellState
from app.ui.secretariat.completeness_models import CellRole
from app.ui.secretariat.completeness_view import CompletenessView
from app.ui.secretariat.regional_view import RegionalView
from app.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    """Message boxes would wait for a click; record what they would have said instead."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    return said


def test_secretariat_window_has_its_tabs(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Plan", "Completeness", "Regional progress", "Edit plan", "Calendar",
                      "Memberships"]
    assert window.secretariat_tabs.completeness.model.rowCount() > 4


def test_coordinator_window_has_none(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert window.secretariat_tabs is None and "Completeness" not in titles


def test_clicking_a_cell_shows_the_report_and_acknowledging_is_undoable(
        qtbot, secretariat_context, warnings):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    view = CompletenessView(secretariat_context, window.undo_stack, today=TODAY)
    qtbot.addWidget(view)
    cells = [(r, c) for r in range(view.model.rowCount()) for c in range(view.model.columnCount())
             if view.model.index(r, c).data(CellRole).state == CellState.RECEIVED]
    row, column = cells[0]
    cell = view.model.index(row, column).data(CellRole)
    index = view.proxy.mapFromSource(view.model.index(row, column))
    rect = view.matrix_view.visualRect(index)
    view.show()
    qtbot.mouseClick(view.matrix_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = view.report_panel
    assert panel.data is not None and panel.data.country == cell.country
    assert panel.updates_model.rowCount() > 0 and panel.acknowledge_button.isEnabled()
    view.acknowledge(cell.submission_id, note="Thank you, complete.")

    def stored() -> Submission:
        with secretariat_context.db.reading() as s:
            return s.get(Submission, cell.submission_id)

    assert (stored().state, stored().acknowledgement_note) == (SubmissionState.ACKNOWLEDGED,
                                                               "Thank you, complete.")
    assert view.model.index(row, column).data(CellRole).state == CellState.ACKNOWLEDGED
    assert not panel.acknowledge_button.isEnabled()
    window.undo_stack.undo()
    assert stored().acknowledged_at is None
    assert view.model.index(row, column).data(CellRole).state == CellState.RECEIVED
    window.undo_stack.redo()
    assert stored().state == SubmissionState.ACKNOWLEDGED
    assert warnings == []


def test_matrix_filters_by_role_and_period(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    view = CompletenessView(secretariat_context, window.undo_stack, today=TODAY)
    qtbot.addWidget(view)
    bar = view.filter_bar
    bar.role_combo.setCurrentIndex(bar.role_combo.findData(MembershipRole.OBSERVER))
    assert {view.model.matrix.rows[r].country for r in range(view.model.rowCount())} >= {"TM"}
    assert all(row.role == MembershipRole.OBSERVER for row in view.model.matrix.rows)
    bar.first_combo.setCurrentIndex(bar.first_combo.findData("2026-H1"))
    assert [p.code for p in view.model.matrix.periods] == ["2026-H1", "2026-H2"]
    assert view.coverage_model.columnCount() == 3
    assert "reports due have been received" in view.summary_label.text()


def test_regional_views_filters_and_reports(qtbot, secretariat_context, tmp_path):
    view = RegionalView(secretariat_context, today=TODAY)
    qtbot.addWidget(view)
    assert view.items_model.rowCount() == 39
    assert view.status_model.rowCount() == 0  # computed when its tab is shown
    view.views.setCurrentWidget(view.status_view)
    total = view.status_model.rows[-1]
    assert total[0] is None and total[2].commitments == 120  # the members, by default
    bar = view.filter_bar
    bar.role_combo.setCurrentIndex(0)  # "All roles": the observer that reports counts too
    total = view.status_model.rows[-1]
    assert total[0] is None and total[2].commitments == 160
    view.views.setCurrentWidget(view.indicator_view)
    assert view.indicator_model.rowCount() > 10
    bar.country_combo.setCurrentIndex(bar.country_combo.findData("KZ"))
    assert view.indicator_model.columnCount() == 6 + 1
    view.views.setCurrentWidget(view.status_view)
    assert [r[0] for r in view.status_model.rows] == ["KZ", None]
    view.views.setCurrentWidget(view.items_view)
    assert view.items_model.columnCount() == 2 + 3 + 5 + 1
    written = []
    view.written.connect(written.append)
    assert view.export_workbook(tmp_path / "kz.xlsx") is not None
    assert not view.brief_button.isEnabled()  # one report at a time, written off the GUI thread
    qtbot.waitUntil(lambda: view.brief_button.isEnabled(), timeout=30000)
    view.export_brief(tmp_path / "kz.pdf")
    qtbot.waitUntil(lambda: len(written) == 2 and view.brief_button.isEnabled(), timeout=30000)
    workbook, brief = written
    assert workbook.stat().st_size > 5000 and brief.read_bytes()[:5] == b"%PDF-"
    assert view.workbook_button.isEnabled()


def test_calendar_add_validate_and_undo(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    editor = window.secretariat_tabs.calendar
    editor.start_new()
    assert editor.code_edit.text() == "2027-H1"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    def period(code: str) -> ReportingPeriod | None:
        with secretariat_context.db.reading() as s:
            return s.scalar(select(ReportingPeriod).where(ReportingPeriod.code == code))

    assert period("2027-H1") is not None
    editor.due_edit.setDate(editor.start_edit.date())
    assert not editor.save()
    assert "due before the period ends" in editor.error_label.text()
    assert period("2027-H1").due_date == dt.date(2027, 7, 31)
    editor.code_edit.clear()
    qtbot.keyClicks(editor.code_edit, "2027-S1")
    editor.due_edit.setDate(editor.end_edit.date().addDays(45))
    assert editor.save()
    assert period("2027-S1").due_date == dt.date(2027, 8, 14)
    window.undo_stack.undo()
    assert period("2027-H1").due_date == dt.date(2027, 7, 31)
    window.undo_stack.undo()
    assert period("2027-H1") is None


def test_change_of_role_through_the_form(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    editor = window.secretariat_tabs.memberships
    editor.filter_combo.setCurrentIndex(editor.filter_combo.findData("UZ"))
    assert editor.proxy.rowCount() == 1
    editor.table.setCurrentIndex(editor.proxy.index(0, 0))
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(MembershipRole.MEMBER))
    editor.from_edit.setDate(dt.date(2026, 7, 1))
    assert editor.change_role()

    def history() -> list[tuple]:
        with secretariat_context.db.reading() as s:
            return [(m.role, m.valid_from, m.valid_to) for m in s.scalars(
                select(Membership).where(Membership.country_code == "UZ")
                .order_by(Membership.valid_from))]

    assert history() == [(MembershipRole.GUEST, dt.date(2012, 9, 7), dt.date(2026, 6, 30)),
                         (MembershipRole.MEMBER, dt.date(2026, 7, 1), None)]
    assert editor.proxy.rowCount() == 2
    window.undo_stack.undo()
    assert history() == [(MembershipRole.GUEST, dt.date(2012, 9, 7), None)]
    editor.start_new()
    editor.country_combo.setCurrentIndex(editor.country_combo.findData("GE"))
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(MembershipRole.OBSERVER))
    editor.from_edit.setDate(dt.date(2025, 1, 1))
    editor.open_check.setChecked(False)
    editor.to_edit.setDate(dt.date(2024, 1, 1))
    assert not editor.save()
    assert "end date must not be before" in editor.error_label.text()
    with secretariat_context.db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Membership)
                        .where(Membership.country_code == "GE")) == 0


def test_regional_report_language_follows_the_interface_until_chosen(qtbot, secretariat_context):
    language = secretariat_context.language
    view = RegionalView(secretariat_context, today=TODAY)
    qtbot.addWidget(view)
    assert view.report_language() == "en"
    language.set_language("ru")
    assert view.report_language() == "ru"
    combo = view.language_combo
    assert combo.currentText() == "Русский"
    combo.setCurrentIndex(combo.findData("tg"))
    combo.activated.emit(combo.currentIndex())  # the user picks Tajik for the reports
    language.set_language("en")
    assert view.report_language() == "tg"


@pytest.mark.parametrize("code", ["ru", "en"])
def test_regional_table_headers_are_whole(qtbot, secretariat_context, code):
    secretariat_context.language.set_language(code)
    view = RegionalView(secretariat_context, today=TODAY)
    qtbot.addWidget(view)
    for table in (view.items_view, view.status_view, view.indicator_view):
        view.views.setCurrentWidget(table)
        header = table.horizontalHeader()
        for column in range(2, table.model().columnCount()):
            if column != 2 or table is not view.status_view:  # the status bars have a set width
                assert table.columnWidth(column) >= header.sectionSizeHint(column), (
                    table.model().headerData(column, Qt.Orientation.Horizontal))


def test_membership_table_needs_no_sideways_scrolling(qtbot, secretariat_context):
    from app.ui.secretariat.membership_editor import NOTE_COLUMN

    secretariat_context.language.set_language("ru")
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    window.show()
    window.resize(1280, 800)  # once shown: showing fits it to the offscreen screen (800 pixels)
    window.tabs.setCurrentWidget(window.secretariat_tabs.pages["memberships"])
    table = window.secretariat_tabs.memberships.table
    qtbot.waitUntil(table.isVisible)
    qtbot.waitUntil(lambda: not table.horizontalScrollBar().isVisible(), timeout=2000)
    model = table.model()
    long_note = next(model.index(r, NOTE_COLUMN) for r in range(model.rowCount())
                     if len(str(model.index(r, NOTE_COLUMN).data() or "")) > 40)
    assert long_note.data() in long_note.data(Qt.ItemDataRole.ToolTipRole)  # whole in the tooltip


def test_secretariat_panels_are_built_when_first_shown(qtbot, secretariat_context):
    """A start builds none of the five panels (the Plan tab is shown first)."""
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    window.show()
    pages = window.secretariat_tabs.pages
    assert not any(page.built for page in pages.values())
    window.tabs.setCurrentWidget(pages["regional"])
    assert pages["regional"].built and not pages["completeness"].built
    assert window.secretariat_tabs.regional.isVisible()
