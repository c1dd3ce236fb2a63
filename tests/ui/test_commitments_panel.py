"""Commitments through the form, inline validation, undo/redo, retire, filters, history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.models.orm import ChangeLog, Commitment
from app.models.orm.enums import Priority, ProgressStatus
from tests.ui.coordinator_helpers import commitments, open_window


def _ok(form):
    return form.buttons.button(QDialogButtonBox.StandardButton.Ok)


def _fill(qtbot, form, description="Open a reception centre in Almaty"):
    qtbot.keyClicks(form.description_edit, description)
    qtbot.keyClicks(form.lead_edit, "Migration Service")
    qtbot.keyClicks(form.partners_edit, "UNHCR, IOM")
    form.start_edit.setDate(QDate(2026, 1, 1))
    form.end_edit.setDate(QDate(2027, 12, 31))
    form.priority_combo.setCurrentIndex(form.priority_combo.findData("high"))


def test_add_a_commitment_through_the_form_then_undo_and_redo(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    before = commitments(context.db)
    form = panel.new_commitment()
    _fill(qtbot, form)
    qtbot.mouseClick(_ok(form), Qt.MouseButton.LeftButton)
    with context.db.reading() as s:
        added = s.scalar(select(Commitment).order_by(Commitment.id.desc()))
    assert commitments(context.db) == before + 1
    assert (added.description, added.lead_agency, added.partners, added.priority,
            added.start_date, added.end_date) == (
        "Open a reception centre in Almaty", "Migration Service", "UNHCR, IOM", Priority.HIGH,
        dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert panel.table.current_id() == added.id
    window.undo_stack.undo()
    assert commitments(context.db) == before
    window.undo_stack.redo()
    assert commitments(context.db) == before + 1
    with context.db.reading() as s:
        assert s.get(Commitment, added.id).description == "Open a reception centre in Almaty"
        actors = set(s.scalars(select(ChangeLog.actor).where(
            ChangeLog.entity == "commitment", ChangeLog.entity_id == str(added.id))))
    assert actors == {"Demo coordinator"}


def test_form_shows_each_problem_beside_its_field(qtbot, context, monkeypatch):
    monkeypatch.setattr("app.ui.coordinator.commitment_form.confirm_discard", lambda *_a: True)
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    before = commitments(context.db)
    form = panel.new_commitment()
    qtbot.mouseClick(_ok(form), Qt.MouseButton.LeftButton)
    assert form.isVisible()
    assert form.errors["description"].isVisible() and form.errors["lead_agency"].isVisible()
    assert not form.errors["end_date"].isVisible()
    qtbot.keyClicks(form.description_edit, "Pilot legal aid")
    assert not form.errors["description"].isVisible()
    form.start_edit.setDate(QDate(2026, 6, 1))
    form.end_edit.setDate(QDate(2026, 1, 1))
    assert form.errors["end_date"].isVisible()
    assert "end date" in form.errors["end_date"].text()
    qtbot.mouseClick(_ok(form), Qt.MouseButton.LeftButton)
    assert form.isVisible() and commitments(context.db) == before
    form.reject()


def test_edit_in_place_and_through_the_form(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    row = panel.table.current_row()
    form = panel.edit_current()
    assert form.description_edit.toPlainText() == row.description
    form.lead_edit.clear()
    qtbot.keyClicks(form.lead_edit, "Border Service")
    qtbot.mouseClick(_ok(form), Qt.MouseButton.LeftButton)
    with context.db.reading() as s:
        assert s.get(Commitment, row.id).lead_agency == "Border Service"
    # The priority column edits in place (delegate → model → undoable command).
    from app.ui.coordinator.commitment_model import Column

    index = panel.table.proxy.mapFromSource(
        panel.table.source.index(panel.table.source.row_of(row.id), Column.PRIORITY))
    other = Priority.LOW if row.priority != Priority.LOW else Priority.HIGH
    assert panel.table.proxy.setData(index, other)
    with context.db.reading() as s:
        assert s.get(Commitment, row.id).priority == other
    window.undo_stack.undo()
    window.undo_stack.undo()
    with context.db.reading() as s:
        assert (s.get(Commitment, row.id).priority, s.get(Commitment, row.id).lead_agency) == (
            row.priority, row.lead_agency)


def test_retire_and_restore(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    row = panel.table.current_row()
    qtbot.mouseClick(panel.retire_button, Qt.MouseButton.LeftButton)
    with context.db.reading() as s:
        assert s.get(Commitment, row.id).retired
    # Still shown (struck through) until the filter changes, so the user sees what happened.
    assert panel.table.current_row().retired and panel.retire_button.text() == "Res&tore"
    panel.filters.retired_check.setChecked(True)
    assert panel.table.source.row_of(row.id) >= 0
    panel.filters.retired_check.setChecked(False)
    assert panel.table.source.row_of(row.id) == -1
    window.undo_stack.undo()
    with context.db.reading() as s:
        assert not s.get(Commitment, row.id).retired


def test_filter_by_status_and_search(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    total = panel.table.proxy.rowCount()
    combo = panel.filters.status_combo
    combo.setCurrentIndex(combo.findData(ProgressStatus.DELAYED.value))
    shown = [panel.table.source.rows()[i] for i in range(panel.table.source.rowCount())]
    assert 0 < len(shown) < total
    assert {row.status for row in shown} == {ProgressStatus.DELAYED}
    panel.filters.clear()
    assert panel.table.proxy.rowCount() == total
    word = shown[0].description.split()[-1].upper()
    qtbot.keyClicks(panel.filters.search, word)
    qtbot.waitUntil(lambda: panel.table.proxy.rowCount() < total)
    assert all(word.casefold() in (r.description + r.narrative + r.lead_agency).casefold()
               for r in panel.table.source.rows())
    assert panel.count_label.text().endswith(f"of {total} commitments")


def test_navigator_selection_drives_the_filter(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    action = window.navigator.plan_model.outline.objectives[1].children[0]
    window.navigator.select_item("action", action.id)
    assert {r.action_id for r in panel.table.source.rows()} == {action.id}
    window.navigator.clearSelection()
    assert len({r.action_id for r in panel.table.source.rows()}) > 1


def test_history_dialog_lists_changes(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    form = panel.edit_current()
    form.partners_edit.setText("OSCE")
    qtbot.mouseClick(_ok(form), Qt.MouseButton.LeftButton)
    dialog = panel.show_history()
    model = dialog.model
    rows = [[model.index(r, c).data() for c in range(6)] for r in range(model.rowCount())]
    assert [rows[0][i] for i in (1, 2, 3, 5)] == ["Demo coordinator", "", "Partners", "OSCE"]
    dialog.close()
