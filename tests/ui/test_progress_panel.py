"""Recording progress for a period: cells and form, undo/redo, lock, copy forward, history."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from app.models.orm import ChangeLog, Submission
from app.models.orm.enums import ProgressStatus, SubmissionState
from app.models.services.reporting.progress import with_percent
from app.ui.coordinator.commitment_model import Column
from app.ui.coordinator.record_commands import push_progress_edit
from tests.ui.coordinator_helpers import (
    log_rows,
    open_window,
    period_id,
    stored_progress,
    updates_in,
)


def _progress_tab(qtbot, context):
    window = open_window(qtbot, context)
    panel = window.coordinator_tabs.progress
    window.tabs.setCurrentWidget(panel)
    return window, panel


def _index(panel, commitment_id, column):
    source = panel.table.source
    return panel.table.proxy.mapFromSource(source.index(source.row_of(commitment_id), column))


def _row_without_update(panel):
    return next(r for r in panel.table.source.rows() if not r.has_update)


def test_period_defaults_to_the_current_one(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    assert panel.period_bar.combo.currentText() == "second half of 2026"
    assert "Jan 31, 2027" in panel.period_bar.due_label.text()
    assert "66 days left" in panel.period_bar.due_label.text()


def test_record_status_in_a_cell_then_undo_and_redo(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    row = _row_without_update(panel)
    before = updates_in(context.db, h2)
    assert panel.table.proxy.setData(_index(panel, row.id, Column.STATUS), ProgressStatus.ON_TRACK)
    assert stored_progress(context.db, row.id, h2).status == ProgressStatus.ON_TRACK
    assert updates_in(context.db, h2) == before + 1
    assert panel.table.source.rows()[panel.table.source.row_of(row.id)].status == \
        ProgressStatus.ON_TRACK
    assert panel.table.proxy.setData(_index(panel, row.id, Column.PERCENT), 35)
    assert stored_progress(context.db, row.id, h2).percent == 35
    window.undo_stack.undo()
    assert stored_progress(context.db, row.id, h2).percent is None
    window.undo_stack.undo()
    assert stored_progress(context.db, row.id, h2) is None
    window.undo_stack.redo()
    window.undo_stack.redo()
    stored = stored_progress(context.db, row.id, h2)
    assert (stored.status, stored.percent) == (ProgressStatus.ON_TRACK, 35)
    # Completing a commitment makes it 100% done.
    panel.table.proxy.setData(_index(panel, row.id, Column.STATUS), ProgressStatus.COMPLETED)
    assert stored_progress(context.db, row.id, h2).percent == 100


def test_typing_in_the_form_is_saved_and_one_undo_step(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    row = _row_without_update(panel)
    panel.table.select_id(row.id)
    steps = window.undo_stack.count()
    narrative = panel.form.texts["narrative"]
    narrative.setFocus()
    qtbot.keyClicks(narrative, "Working group met twice")
    qtbot.waitUntil(lambda: stored_progress(context.db, row.id, h2) is not None, timeout=3000)
    assert stored_progress(context.db, row.id, h2).narrative == "Working group met twice"
    assert window.undo_stack.count() == steps + 1
    qtbot.keyClicks(narrative, "; minutes attached")
    panel.form.flush()
    assert stored_progress(context.db, row.id, h2).narrative == \
        "Working group met twice; minutes attached"
    assert window.undo_stack.count() == steps + 1
    window.undo_stack.undo()
    assert stored_progress(context.db, row.id, h2) is None
    assert narrative.toPlainText() == ""


def test_support_and_evidence(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    row = _row_without_update(panel)
    panel.table.select_id(row.id)
    form = panel.form
    form.partner_checks["IOM"].setChecked(True)
    qtbot.keyClicks(form.others_edit, "OSCE")
    form.flush()
    qtbot.keyClicks(form.evidence.title_edit, "Minutes of 12 May")
    qtbot.keyClicks(form.evidence.location_edit, "C:/docs/minutes.pdf")
    qtbot.mouseClick(form.evidence.add_button, Qt.MouseButton.LeftButton)
    stored = stored_progress(context.db, row.id, h2)
    assert stored.support_from == "IOM, OSCE"
    assert stored.evidence == [("Minutes of 12 May", "C:/docs/minutes.pdf")]
    assert form.evidence.model.rowCount() == 1
    assert panel.table.current_row().evidence_count == 1
    form.evidence.view.selectRow(0)
    qtbot.mouseClick(form.evidence.remove_button, Qt.MouseButton.LeftButton)
    assert stored_progress(context.db, row.id, h2).evidence == []
    window.undo_stack.undo()
    assert stored_progress(context.db, row.id, h2).evidence == [
        ("Minutes of 12 May", "C:/docs/minutes.pdf")]


def test_closing_the_window_keeps_what_was_typed(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    row = _row_without_update(panel)
    panel.table.select_id(row.id)
    narrative = panel.form.texts["narrative"]
    narrative.setFocus()
    qtbot.keyClicks(narrative, "Typed just before closing")
    window.close()
    assert stored_progress(context.db, row.id, h2).narrative == "Typed just before closing"


def test_locked_period_is_read_only_until_reopened(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    row = _row_without_update(panel)
    panel.table.select_id(row.id)
    qtbot.mouseClick(panel.period_bar.submit_button, Qt.MouseButton.LeftButton)
    assert panel.period_bar.banner.isVisible() and "read-only" in panel.period_bar.banner.text()
    assert panel.period_bar.reopen_button.isVisible()
    assert not panel.period_bar.submit_button.isVisible()
    assert not panel.form.status_combo.isEnabled()
    assert panel.form.texts["narrative"].isReadOnly()
    assert not panel.copy_button.isEnabled()
    assert not (_index(panel, row.id, Column.STATUS).flags() & Qt.ItemFlag.ItemIsEditable)
    assert not panel.table.proxy.setData(_index(panel, row.id, Column.STATUS), "on_track")
    # Even an edit that gets past the interface is refused by the service, with a message.
    push_progress_edit(window.undo_stack, context, row.id, h2,
                       lambda d: with_percent(d, 5), panel.messages.show_error)
    assert stored_progress(context.db, row.id, h2) is None
    assert "has been submitted" in panel.messages.text()
    assert panel.period_bar.banner.text().startswith("Second half of 2026 has been submitted")
    qtbot.mouseClick(panel.period_bar.reopen_button, Qt.MouseButton.LeftButton)
    assert not panel.period_bar.banner.isVisible() and panel.form.status_combo.isEnabled()
    with context.db.reading() as s:
        revisions = [(x.revision, x.state) for x in s.scalars(
            select(Submission).where(Submission.period_id == h2).order_by(Submission.revision))]
    assert revisions == [(1, SubmissionState.APPROVED), (2, SubmissionState.DRAFT)]
    panel.table.proxy.setData(_index(panel, row.id, Column.STATUS), ProgressStatus.DELAYED)
    assert stored_progress(context.db, row.id, h2).status == ProgressStatus.DELAYED
    # Undo walks back through the edit, the reopening and the lock.
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert panel.period_bar.locked
    window.undo_stack.undo()
    assert not panel.period_bar.locked
    with context.db.reading() as s:
        assert list(s.scalars(select(Submission).where(Submission.period_id == h2))) == []


def test_a_submitted_period_shows_locked(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    h1 = period_id(context.db, "2026-H1")
    panel.period_bar.combo.setCurrentIndex(panel.period_bar.combo.findData(h1))
    panel.period_bar.combo.activated.emit(panel.period_bar.combo.currentIndex())
    assert panel.period_bar.locked and panel.period_bar.combo.currentText().startswith("first half of 2026")
    assert "revision 1, Exported" in panel.period_bar.banner.text()
    assert all(not (_index(panel, r.id, Column.STATUS).flags() & Qt.ItemFlag.ItemIsEditable)
               for r in panel.table.source.rows())


def test_copy_from_previous_period_and_undo(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    before = updates_in(context.db, h2)
    missing = [r.id for r in panel.table.source.rows() if not r.has_update]
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    after = updates_in(context.db, h2)
    assert after > before and after - before <= len(missing)
    assert "copied from the previous period" in panel.messages.text()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert updates_in(context.db, h2) == after and "Nothing to copy" in panel.messages.text()
    window.undo_stack.undo()
    assert updates_in(context.db, h2) == before
    window.undo_stack.redo()
    assert updates_in(context.db, h2) == after


def test_edits_write_the_change_log_and_history_shows_it(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    row = _row_without_update(panel)
    panel.table.select_id(row.id)
    logged = log_rows(context.db, "progress_update")
    panel.table.proxy.setData(_index(panel, row.id, Column.STATUS), ProgressStatus.ON_TRACK)
    panel.table.proxy.setData(_index(panel, row.id, Column.PERCENT), 20)
    assert log_rows(context.db, "progress_update") == logged + 2
    with context.db.reading() as s:
        actor = s.scalar(select(ChangeLog.actor).order_by(ChangeLog.id.desc()))
    assert actor == "Demo coordinator"
    dialog = panel.show_history()
    texts = [[dialog.model.index(r, c).data() for c in range(6)]
             for r in range(dialog.model.rowCount())]
    assert texts[0][2:] == ["second half of 2026", "Percent", "—", "20 %"]
    assert any(t[3] == "Status (added)" and t[5] == "On track" for t in texts)
    dialog.close()


def test_status_filter_and_no_update_filter(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    panel.filters.no_update_check.setChecked(True)
    rows = panel.table.source.rows()
    assert rows and all(not r.has_update for r in rows)
    assert panel.form.title_label.text().startswith(panel.table.current_row().action_code)
    # Recording progress keeps the row in view until the filter changes.
    panel.table.proxy.setData(_index(panel, rows[0].id, Column.STATUS), ProgressStatus.ON_TRACK)
    assert panel.table.source.row_of(rows[0].id) >= 0
    panel.filters.no_update_check.setChecked(False)
    panel.filters.no_update_check.setChecked(True)
    assert panel.table.source.row_of(rows[0].id) == -1


def test_next_and_previous_follow_the_list(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    first = panel.table.current_id()
    qtbot.keyClick(panel.table, Qt.Key.Key_F8)
    second = panel.table.current_id()
    assert second != first and panel.form.title_label.text().startswith(
        panel.table.current_row().action_code)
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert panel.table.current_id() == first


def test_closing_the_window_commits_a_cell_being_edited(qtbot, context):
    window, panel = _progress_tab(qtbot, context)
    h2 = period_id(context.db)
    row = next(r for r in panel.table.source.rows() if r.has_update and r.percent not in (None, 100)
               and r.status != ProgressStatus.COMPLETED)
    index = _index(panel, row.id, Column.PERCENT)
    panel.table.setFocus()
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not panel.table
    editor.setValue(row.percent + 5)
    window.close()
    assert stored_progress(context.db, row.id, h2).percent == row.percent + 5


def test_tab_goes_from_the_list_through_the_record(qtbot, context):
    _window, panel = _progress_tab(qtbot, context)
    panel.table.setFocus()
    order = []
    for _ in range(5):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    form = panel.form
    assert order[0] is form.status_combo
    assert order[1] in (form.percent_spin, form.percent_spin.findChild(QLineEdit))
    assert order[2:] == [form.texts["narrative"], form.texts["challenges"],
                         form.texts["support_requested"]]
