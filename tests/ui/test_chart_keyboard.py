"""The dashboard's charts, the completeness matrix and the commitment list without a mouse: arrows
move between bars, slices and cells, Enter does what a click or double-click does, a focus frame
shows; the charts read as tables."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.models.services.regional.completeness import CellState
from app.ui.common.settings import app_settings
from app.ui.coordinator.commitment_form import CommitmentForm
from app.ui.coordinator.commitment_model import Column
from app.ui.coordinator.dashboard_panel import TABLES_KEY, DashboardPanel
from app.ui.secretariat.completeness_models import CellRole
from tests.ui.coordinator_helpers import open_window


@pytest.fixture
def dashboard(qtbot, context) -> Iterator[DashboardPanel]:
    app_settings().remove(TABLES_KEY)
    window = open_window(qtbot, context)
    assert window.coordinator_tabs is not None
    yield window.coordinator_tabs.dashboard
    app_settings().remove(TABLES_KEY)


def test_arrows_and_enter_follow_the_bars_from_the_top(qtbot, dashboard):
    chart = dashboard.objective_chart
    objectives = [item.objective_id for item in reversed(chart._items)]  # objective 1 first
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert chart.hasFocus() and chart.current == 0
    QTest.keyClick(chart, Qt.Key.Key_Down)
    QTest.keyClick(chart, Qt.Key.Key_Down)
    QTest.keyClick(chart, Qt.Key.Key_Up)
    assert chart._bars.selectedBars() == [len(objectives) - 2]  # the second bar from the top
    with qtbot.waitSignal(dashboard.objective_activated) as signal:
        QTest.keyClick(chart, Qt.Key.Key_Return)
    assert signal.args == [objectives[1]]
    QTest.keyClick(chart, Qt.Key.Key_End)
    with qtbot.waitSignal(dashboard.objective_activated) as signal:
        QTest.keyClick(chart, Qt.Key.Key_Space)
    assert signal.args == [objectives[-1]]


def test_arrows_go_round_the_donut_and_enter_asks_for_the_status(qtbot, dashboard):
    chart = dashboard.status_chart
    slices = chart.chart().series()[0].slices()
    assert len(slices) >= 2
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(chart, Qt.Key.Key_Right)
    assert [piece.isExploded() for piece in slices][:2] == [False, True]
    with qtbot.waitSignal(dashboard.status_activated) as signal:
        QTest.keyClick(chart, Qt.Key.Key_Enter)
    assert signal.args == [chart._by_label[slices[1].label()]]


def test_a_focused_chart_shows_a_focus_frame(qtbot, dashboard):
    chart = dashboard.objective_chart
    highlight = chart.palette().color(QPalette.ColorRole.Highlight)
    dashboard.overdue_view.setFocus()
    QApplication.processEvents()
    assert chart.grab().toImage().pixelColor(1, chart.height() // 2) != highlight
    chart.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    assert chart.grab().toImage().pixelColor(1, chart.height() // 2) == highlight


def test_the_charts_read_as_tables_with_named_columns(qtbot, dashboard):
    figures = dashboard.figures
    assert figures is not None and not dashboard.objective_table.isVisible()
    QTest.keyClick(dashboard.tables_check, Qt.Key.Key_Space)
    assert dashboard.objective_table.isVisible() and dashboard.status_table.isVisible()
    assert not dashboard.objective_chart.isVisible() and not dashboard.status_legend.isVisible()
    assert app_settings().value(TABLES_KEY, type=bool) is True
    objectives = dashboard.objective_model
    assert [objectives.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Objective", "Average progress", "Updated", "Commitments"]
    assert objectives.rowCount() == len(figures.by_objective)
    first = figures.by_objective[0]
    assert objectives.index(0, 0).data().startswith(f"{first.code}. ")
    assert objectives.index(0, 3).data() == str(first.commitments)
    statuses = dashboard.status_model
    shown = {status: count for status, count in figures.status_counts.items() if count}
    assert [statuses.index(r, 1).data() for r in range(statuses.rowCount())] == [
        str(count) for count in shown.values()]
    table = dashboard.status_table
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    with qtbot.waitSignal(dashboard.status_activated) as signal:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert signal.args == [list(shown)[table.currentIndex().row()]]


def test_enter_on_a_matrix_cell_shows_its_report(qtbot, secretariat_context):
    from app.ui.shell.main_window import MainWindow

    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    window.show()
    assert window.secretariat_tabs is not None
    window.tabs.setCurrentWidget(window.secretariat_tabs.pages["completeness"])
    view = window.secretariat_tabs.completeness
    received = [(r, c) for r in range(view.model.rowCount())
                for c in range(view.model.columnCount())
                if view.model.index(r, c).data(CellRole).state == CellState.RECEIVED]
    row, column = received[0]
    cell = view.model.index(row, column).data(CellRole)
    view.matrix_view.setFocus()
    view.matrix_view.setCurrentIndex(view.proxy.mapFromSource(view.model.index(row, column)))
    QTest.keyClick(view.matrix_view, Qt.Key.Key_Return)
    assert view.report_panel.data is not None
    assert (view.report_panel.data.country, view.report_panel.data.period_code) == (
        cell.country, view.model.matrix.periods[column].code)


def _open_forms() -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, CommitmentForm) and w.isVisible()]


def test_enter_on_a_commitment_opens_its_form_and_a_double_click_opens_one(qtbot, context):
    window = open_window(qtbot, context)
    assert window.coordinator_tabs is not None
    panel = window.coordinator_tabs.commitments
    window.tabs.setCurrentWidget(panel)
    table = panel.table
    row = table.current_row()
    assert row is not None
    code = table.proxy.mapFromSource(table.source.index(table.source.row_of(row.id), Column.CODE))
    assert not code.flags() & Qt.ItemFlag.ItemIsEditable
    table.setCurrentIndex(code)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_Return)
    (form,) = _open_forms()
    assert form.description_edit.toPlainText() == row.description
    QTest.keyClick(form, Qt.Key.Key_Escape)  # Esc closes the form unchanged
    assert _open_forms() == []
    where = table.visualRect(code).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert len(_open_forms()) == 1  # not one per signal (activated and doubleClicked)
    _open_forms()[0].reject()
