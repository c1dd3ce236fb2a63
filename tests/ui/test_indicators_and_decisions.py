"""Indicator values by kind in the grid, and decision follow-up, each undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem

from app.models.orm.enums import FollowUpStatus, IndicatorKind
from app.models.services.reporting.followup import follow_up_input
from app.models.services.reporting.indicator_values import get_value, value_input
from app.ui.coordinator.indicator_model import FIXED
from app.ui.coordinator.indicator_panel import IndicatorValueDelegate
from tests.ui.coordinator_helpers import open_window, period_id


def _indicator_tab(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.indicators
    window.tabs.setCurrentWidget(panel)
    return window, panel


def _cell(panel, kind, period):
    model = panel.model
    row = next(i for i, r in enumerate(model.grid.indicators) if r.kind == kind)
    return model.grid.indicators[row], model.index(row, model.column_of(period))


def _stored(db, indicator_id, period):
    with db.reading() as s:
        return value_input(get_value(s, indicator_id, "KZ", period))


def test_grid_shows_indicators_periods_baseline_and_target(qtbot, context):
    _window, panel = _indicator_tab(qtbot, context)
    model = panel.model
    assert model.rowCount() == 53
    assert model.headerData(FIXED, Qt.Orientation.Horizontal) == "H2 2026"  # not the code
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Baseline"
    row, _index = _cell(panel, IndicatorKind.YES_NO, period_id(context.db))
    first = model.index(model.grid.indicators.index(row), 0)
    assert model.index(first.row(), 3).data() == "Yes"
    assert model.index(first.row(), 4).data(Qt.ItemDataRole.UserRole + 20) in (0.0, 1.0)
    panel.search.setText(row.code)
    assert panel.proxy.rowCount() == 1


def test_edit_a_number_then_undo_and_redo(qtbot, context):
    window, panel = _indicator_tab(qtbot, context)
    h2 = period_id(context.db)
    indicator, index = _cell(panel, IndicatorKind.NUMBER, h2)
    before = _stored(context.db, indicator.id, h2)
    assert panel.model.setData(index, "1,250")
    assert _stored(context.db, indicator.id, h2).number == 1250
    assert _stored(context.db, indicator.id, h2).source == (before.source if before else "")
    assert panel.model.index(index.row(), index.column()).data() == "1,250"
    window.undo_stack.undo()
    assert _stored(context.db, indicator.id, h2) == before
    window.undo_stack.redo()
    assert _stored(context.db, indicator.id, h2).number == 1250
    assert panel.model.setData(index, "")
    assert _stored(context.db, indicator.id, h2) is None


def test_values_that_do_not_fit_the_kind_are_refused(qtbot, context):
    _window, panel = _indicator_tab(qtbot, context)
    h2 = period_id(context.db)
    indicator, index = _cell(panel, IndicatorKind.PERCENT, h2)
    before = _stored(context.db, indicator.id, h2)
    panel.model.setData(index, "140")
    assert _stored(context.db, indicator.id, h2) == before
    assert "between 0 and 100" in panel.messages.text() and indicator.code in panel.messages.text()
    panel.model.setData(index, "lots")
    assert "not a number" in panel.messages.text()


def test_editor_follows_the_kind(qtbot, context):
    _window, panel = _indicator_tab(qtbot, context)
    h2 = period_id(context.db)
    delegate = IndicatorValueDelegate()
    _indicator, yes_no = _cell(panel, IndicatorKind.YES_NO, h2)
    combo = delegate.createEditor(panel.view, QStyleOptionViewItem(), yes_no)
    assert isinstance(combo, QComboBox) and combo.count() == 3
    combo.setCurrentIndex(combo.findData("0"))
    delegate.setModelData(combo, panel.model, yes_no)
    indicator, _ = _cell(panel, IndicatorKind.YES_NO, h2)
    assert _stored(context.db, indicator.id, h2).number == 0
    _indicator, text_cell = _cell(panel, IndicatorKind.TEXT, h2)
    assert isinstance(delegate.createEditor(panel.view, QStyleOptionViewItem(), text_cell),
                      QLineEdit)


def test_source_and_note_of_a_value(qtbot, context):
    window, panel = _indicator_tab(qtbot, context)
    h2 = period_id(context.db)
    indicator, index = _cell(panel, IndicatorKind.NUMBER, h2)
    panel.model.setData(index, "12")
    panel.view.setCurrentIndex(panel.proxy.mapFromSource(index))
    assert panel.source_edit.isEnabled()
    panel.source_edit.setText("Migration Service statistics")
    panel.source_edit.editingFinished.emit()
    assert _stored(context.db, indicator.id, h2).source == "Migration Service statistics"
    window.undo_stack.undo()
    assert _stored(context.db, indicator.id, h2).source != "Migration Service statistics"


def test_locked_periods_are_not_editable(qtbot, context):
    _window, panel = _indicator_tab(qtbot, context)
    h1 = period_id(context.db, "2026-H1")
    indicator, index = _cell(panel, IndicatorKind.NUMBER, h1)
    before = _stored(context.db, indicator.id, h1)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    assert not panel.model.setData(index, "99")
    assert _stored(context.db, indicator.id, h1) == before


def _decisions_tab(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.decisions
    window.tabs.setCurrentWidget(panel)
    return window, panel


def _follow_up(db, decision_id):
    with db.reading() as s:
        return follow_up_input(s, decision_id, "KZ")


def test_decision_follow_up_status_and_note(qtbot, context):
    window, panel = _decisions_tab(qtbot, context)
    decision = panel.model.decision(panel.view.currentIndex())
    assert decision is not None and "chairmanship" in panel.text_label.text()
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("done"))
    panel.status_combo.activated.emit(panel.status_combo.currentIndex())
    assert _follow_up(context.db, decision.id).status == FollowUpStatus.DONE
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "Chair handed over at the Baku conference")
    qtbot.waitUntil(lambda: _follow_up(context.db, decision.id).note != "", timeout=3000)
    assert _follow_up(context.db, decision.id).note == "Chair handed over at the Baku conference"
    window.undo_stack.undo()
    assert _follow_up(context.db, decision.id).note == ""
    window.undo_stack.undo()
    assert _follow_up(context.db, decision.id) is None
    window.undo_stack.redo()
    assert _follow_up(context.db, decision.id).status == FollowUpStatus.DONE


def test_decision_status_in_the_tree_and_note_kept_on_switch(qtbot, context):
    _window, panel = _decisions_tab(qtbot, context)
    model = panel.model
    meeting = model.index(2, 0)
    decision_index = model.index(3, 1, meeting)
    decision = model.decision(decision_index)
    assert model.setData(decision_index, FollowUpStatus.IN_PROGRESS.value)
    assert _follow_up(context.db, decision.id).status == FollowUpStatus.IN_PROGRESS
    assert decision_index.data() == "In progress"
    panel.view.setCurrentIndex(model.index(0, 0, meeting))
    first = model.decision(panel.view.currentIndex())
    qtbot.keyClicks(panel.note_edit, "Noted")
    panel.view.setCurrentIndex(model.index(1, 0, meeting))
    assert _follow_up(context.db, first.id).note == "Noted"
    assert panel.note_edit.toPlainText() == ""


def test_closing_the_window_keeps_a_typed_source(qtbot, context):
    window, panel = _indicator_tab(qtbot, context)
    h2 = period_id(context.db)
    indicator, index = _cell(panel, IndicatorKind.NUMBER, h2)
    panel.view.setCurrentIndex(panel.proxy.mapFromSource(index))
    panel.source_edit.setFocus()
    panel.source_edit.selectAll()
    qtbot.keyClicks(panel.source_edit, "Border Service yearbook")
    window.close()
    assert _stored(context.db, indicator.id, h2).source == "Border Service yearbook"
