"""Item models over service data, checked by Qt's model tester and without any view."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.models.orm.enums import ProgressStatus, label
from app.models.services.plan.current import current_plan
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.commitment_rows import CommitmentFilter, commitment_rows
from app.models.services.reporting.commitments import CommitmentInput, add_commitment
from app.models.services.reporting.dashboard import dashboard_figures
from app.models.services.reporting.followup import meetings_with_follow_up
from app.models.services.reporting.history import commitment_history
from app.models.services.reporting.indicator_values import indicator_grid
from app.ui.coordinator.commitment_model import Column, CommitmentProxy, CommitmentTableModel, IdRole
from app.ui.coordinator.evidence_model import EvidenceModel
from app.ui.coordinator.followup_model import FollowUpModel
from app.ui.coordinator.history_dialog import HistoryModel
from app.ui.coordinator.indicator_model import IndicatorFilterProxy, IndicatorGridModel
from app.ui.coordinator.overdue_model import OverdueModel

FATAL = QAbstractItemModelTester.FailureReportingMode.Fatal


def _rows(db, today, **flt):
    with db.reading() as s:
        period = period_service.period_by_code(s, "2026-H2")
        return commitment_rows(s, "KZ", period, today, CommitmentFilter(**flt))


def test_commitment_model(qapp, demo_db, today):
    model = CommitmentTableModel()
    tester = QAbstractItemModelTester(model, FATAL)
    rows = _rows(demo_db, today)
    model.set_rows(rows)
    assert model.rowCount() == 40 and model.columnCount() == len(Column)
    first = rows[0]
    assert model.index(0, Column.CODE).data() == first.action_code
    assert model.index(0, Column.STATUS).data() == (
        "No update" if first.status is None else label(first.status))
    assert model.index(0, 0).data(IdRole) == first.id
    assert model.flags(model.index(0, Column.STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, Column.DESCRIPTION)) & Qt.ItemFlag.ItemIsEditable
    model.set_locked(True)
    assert not model.flags(model.index(0, Column.STATUS)) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, Column.END)) & Qt.ItemFlag.ItemIsEditable
    del tester


def test_same_rows_repaint_without_reset_and_edits_are_requested(qapp, demo_db, today):
    model = CommitmentTableModel()
    rows = _rows(demo_db, today)
    model.set_rows(rows)
    resets, changed, requested = [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    model.edit_requested.connect(lambda *args: requested.append(args))
    edited = list(rows)
    edited[3] = dataclasses.replace(rows[3], status=ProgressStatus.CANCELLED)
    model.set_rows(edited)
    assert resets == [] and changed == [0]
    assert model.index(3, Column.STATUS).data() == "Cancelled"
    model.set_rows(rows[:10])
    assert resets == [1]
    assert model.setData(model.index(2, Column.PERCENT), 45)
    assert requested == [(rows[2].id, "percent", 45)]
    assert not model.setData(model.index(2, Column.DESCRIPTION), "x")


def test_sorting_by_plan_order_dates_and_status(qapp, demo_db, today):
    model = CommitmentTableModel()
    proxy = CommitmentProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, FATAL)
    model.set_rows(_rows(demo_db, today))
    proxy.sort(Column.END, Qt.SortOrder.AscendingOrder)
    ends = [proxy.index(r, 0).data(IdRole) for r in range(proxy.rowCount())]
    by_id = {row.id: row for row in model.rows()}
    assert [by_id[i].end_date for i in ends] == sorted(by_id[i].end_date for i in ends)
    proxy.sort(Column.CODE, Qt.SortOrder.DescendingOrder)
    codes = [by_id[proxy.index(r, 0).data(IdRole)].objective_position for r in range(proxy.rowCount())]
    assert codes == sorted(codes, reverse=True)


def test_indicator_model_and_filter(qapp, demo_db, today):
    model = IndicatorGridModel()
    proxy = IndicatorFilterProxy()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(model, FATAL)
    QAbstractItemModelTester(proxy, FATAL)
    with demo_db.reading() as s:
        grid = indicator_grid(s, "KZ", today)
    model.set_grid(grid)
    assert model.columnCount() == 5 + len(grid.periods)
    proxy.set_filter("1.1", None)
    assert 0 < proxy.rowCount() < model.rowCount()
    proxy.set_filter("", grid.indicators[-1].objective_id)
    assert all(grid.indicators[proxy.mapToSource(proxy.index(r, 0)).row()].objective_id
               == grid.indicators[-1].objective_id for r in range(proxy.rowCount()))


def test_follow_up_tree(qapp, demo_db):
    model = FollowUpModel()
    QAbstractItemModelTester(model, FATAL)
    with demo_db.reading() as s:
        model.set_meetings(meetings_with_follow_up(s, "KZ"))
    assert model.rowCount() == 3
    meeting = model.index(2, 0)
    assert "National coordinators' meeting" in meeting.data()
    assert model.rowCount(meeting) == 7
    decision = model.index(0, 0, meeting)
    assert decision.parent() == meeting and decision.data().startswith("1. ")
    assert model.index(0, 1, meeting).data() == "Not recorded"


def test_history_overdue_and_evidence_models(qapp, coordinator_db, today):
    with coordinator_db.transaction() as s:
        commitment_id = add_commitment(s, "KZ", CommitmentInput(
            current_plan(s).objectives[0].actions[0].id, "Train border guards", "Border Service",
            start_date=dt.date(2020, 1, 1), end_date=dt.date(2025, 12, 31))).id
    with coordinator_db.reading() as s:
        entries = commitment_history(s, commitment_id)
        figures = dashboard_figures(s, "KZ", period_service.period_by_code(s, "2026-H2").id, today)
    history = HistoryModel(entries, {})
    QAbstractItemModelTester(history, FATAL)
    assert history.rowCount() == len(entries) > 0
    overdue = OverdueModel()
    QAbstractItemModelTester(overdue, FATAL)
    overdue.set_items(figures.overdue)
    assert overdue.rowCount() == 1 and overdue.index(0, 3).data() == "330 days"
    evidence = EvidenceModel()
    QAbstractItemModelTester(evidence, FATAL)
    requested = []
    evidence.edit_requested.connect(requested.append)
    evidence.set_items([("Minutes", "")], editable=True)
    assert evidence.setData(evidence.index(0, 1), "C:/m.pdf")
    assert requested == [[("Minutes", "C:/m.pdf")]]
    evidence.set_items([("Minutes", "")], editable=False)
    assert not evidence.setData(evidence.index(0, 1), "x")
