"""The dashboard's figures and jumps, the tab set per role, shortcuts, and live language switch."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import i18n
from app.models.orm.enums import ProgressStatus, WorkspaceRole
from app.models.services.reporting.dashboard import dashboard_figures
from app.models.services.reporting.progress import with_status
from app.models.services.workspace.profile import profile_of
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.coordinator.commitment_form import CommitmentForm
from app.ui.coordinator.record_commands import push_progress_edit
from tests.ui.coordinator_helpers import open_window, period_id


def test_dashboard_is_the_first_tab_and_shows_the_figures(qtbot, context, today):
    window = open_window(qtbot, context)
    dashboard = window.coordinator_tabs.dashboard
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Dashboard", "Commitments", "Progress", "Indicators", "Decisions", "Plan"]
    assert window.tabs.currentWidget() is dashboard
    with context.db.reading() as s:
        expected = dashboard_figures(s, "KZ", period_id(context.db), today)
    assert dashboard.completeness.caption.text() == (
        f"{expected.updated} of {expected.total} commitments have an update for second half of 2026")
    assert dashboard.due.figure.text() == "66"
    assert dashboard.overdue_card.figure.text() == str(len(expected.overdue))
    assert dashboard.overdue_model.rowCount() == len(expected.overdue)
    series = dashboard.objective_chart.chart().series()[0]
    assert series.barSets()[0].count() == 10
    pie = dashboard.status_chart.chart().series()[0]
    assert sum(piece.value() for piece in pie.slices()) == expected.total


def test_clicking_a_bar_shows_that_objectives_commitments(qtbot, context):
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    chart = tabs.dashboard.objective_chart
    bars = chart.chart().series()[0].barSets()[0]
    objective = window.navigator.plan_model.outline.objectives[2]
    bars.clicked.emit(chart._items.index(
        next(i for i in chart._items if i.objective_id == objective.id)))
    assert window.tabs.currentWidget() is tabs.progress
    assert window.navigator.selected_item() == ("objective", objective.id)
    assert {r.objective_id for r in tabs.progress.table.source.rows()} == {objective.id}


def _add_overdue(db):
    from app.models.services.plan.current import current_plan
    from app.models.services.reporting.commitments import CommitmentInput, add_commitment

    with db.transaction() as s:
        action_id = current_plan(s).objectives[4].actions[0].id
        return add_commitment(s, "KZ", CommitmentInput(
            action_id, "Adopt the refugee law amendments", "Ministry of Justice",
            start_date=dt.date(2024, 1, 1), end_date=dt.date(2025, 6, 30))).id


def test_clicking_a_status_and_an_overdue_item(qtbot, context):
    overdue_id = _add_overdue(context.db)
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    tabs.dashboard.status_chart._clicked(next(
        piece for piece in tabs.dashboard.status_chart.chart().series()[0].slices()
        if piece.label().startswith("Delayed")))
    assert window.tabs.currentWidget() is tabs.progress
    assert {r.status for r in tabs.progress.table.source.rows()} == {ProgressStatus.DELAYED}
    window.tabs.setCurrentWidget(tabs.dashboard)
    view = tabs.dashboard.overdue_view
    item = tabs.dashboard.overdue_model.items()[0]
    assert item.commitment_id == overdue_id and item.days_overdue == 514
    view.setCurrentIndex(tabs.dashboard.overdue_model.index(0, 1))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is tabs.progress
    assert tabs.progress.table.current_id() == item.commitment_id
    assert tabs.progress.filters.current.status is None


def test_dashboard_follows_edits_and_the_period(qtbot, context):
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    before = tabs.dashboard.figures.updated
    tabs.progress.ensure_loaded()
    row = next(r for r in tabs.progress.table.source.rows() if not r.has_update)
    push_progress_edit(window.undo_stack, context, row.id, period_id(context.db),
                       lambda d: with_status(d, ProgressStatus.ON_TRACK), print)
    assert tabs.dashboard.figures.updated == before + 1
    tabs.selection.set_period(period_id(context.db, "2025-H2"))
    assert tabs.dashboard.figures.period.code == "2025-H2"
    assert tabs.dashboard.due.figure.text() == "Submitted"
    assert tabs.progress.period_bar.combo.currentText().startswith("second half of 2025")


def test_the_views_read_a_period_once_between_them(qtbot, context, monkeypatch):
    """Dashboard, commitments and progress share one cache: a period is read once for the three,
    the commitments once for every period; an edit reads the period again, not the commitments."""
    from app.ui.coordinator import period_rows

    reads: list[str] = []
    fetch, commitments = period_rows.fetch_period_rows, period_rows.read_commitments
    monkeypatch.setattr(period_rows, "fetch_period_rows",
                        lambda s, kept, period, day: reads.append(period.code) or fetch(
                            s, kept, period, day))
    monkeypatch.setattr(period_rows, "read_commitments",
                        lambda s, country: reads.append("commitments") or commitments(s, country))
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    for code in ("2026-H2", "2025-H2", "2026-H2"):
        tabs.selection.set_period(period_id(context.db, code))
        for panel in (tabs.commitments, tabs.progress, tabs.dashboard):
            window.tabs.setCurrentWidget(panel)
    assert reads == ["commitments", "2026-H2", "2025-H2"]
    assert tabs.dashboard.figures.total == len(tabs.progress.table.source.rows())
    on_track = tabs.dashboard.figures.status_counts[ProgressStatus.ON_TRACK]
    row = next(r for r in tabs.progress.table.source.rows() if not r.has_update)
    push_progress_edit(window.undo_stack, context, row.id, period_id(context.db),
                       lambda d: with_status(d, ProgressStatus.ON_TRACK), print)
    assert reads[3:] == ["2026-H2"]
    assert tabs.dashboard.figures.status_counts[ProgressStatus.ON_TRACK] == on_track + 1


def test_shortcuts(qtbot, context):
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    qtbot.keyClick(window.navigator, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is tabs.progress.filters.search
    qtbot.keyClick(window.navigator, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    forms = [w for w in QApplication.topLevelWidgets() if isinstance(w, CommitmentForm)
             and w.isVisible()]
    assert len(forms) == 1 and window.tabs.currentWidget() is tabs.commitments
    forms[0].reject()
    assert tabs.actions["next"].shortcut().toString() == "F8"
    assert "New commitment" in " ".join(a.text() for a in window.edit_menu.actions())


def test_secretariat_window_has_no_coordinator_tabs(qtbot, tmp_path, language, today,
                                                    workspace_templates):
    db = workspace_templates.demo_at(tmp_path / "sec.sqlite", role=WorkspaceRole.SECRETARIAT,
                                     today=today)
    context = WorkspaceContext(db=db, profile=profile_of(db), bus=ChangeBus(), language=language,
                               today=lambda: today)
    window = open_window(qtbot, context)
    assert window.coordinator_tabs is None
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[0] == "Plan" and not {"Dashboard", "Progress", "Indicators"} & set(titles)
    window.close()
    db.close()


class _Marked:
    """A pseudo-catalog that marks every string, to see which texts follow a language switch."""

    def gettext(self, message: str) -> str:
        return f"[{message}]"

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return f"[{singular if count == 1 else plural}]"


def test_every_panel_follows_a_language_switch(qtbot, context, monkeypatch):
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    for panel in (tabs.commitments, tabs.progress, tabs.indicators, tabs.decisions):
        panel.ensure_loaded()
    monkeypatch.setattr(i18n, "_translations", _Marked())
    context.language.language_changed.emit("en")
    assert window.tabs.tabText(0) == "[Dashboard]"
    assert tabs.dashboard.completeness.title.text() == "[Completeness]"
    assert tabs.dashboard.period_bar.period_label.text() == "[Reporting &period:]"
    assert tabs.commitments.new_button.text() == "[&New commitment…]"
    assert tabs.commitments.table.model().headerData(2, Qt.Orientation.Horizontal) == \
        "[Commitment]"
    assert tabs.progress.copy_button.text() == "[&Copy from previous period]"
    assert tabs.progress.form.labels["narrative"].text() == "[&Narrative:]"
    assert tabs.progress.filters.overdue_check.text() == "[Overdue]"
    assert tabs.indicators.source_label.text() == "[&Source:]"
    assert tabs.decisions.note_label.text() == "[&Note:]"
    assert tabs.actions["find"].text() == "[&Find…]"
    status_cell = tabs.progress.table.source.index(0, 8).data()
    assert status_cell.startswith("[")


def test_open_on_an_old_date_without_crashing(qtbot, context):
    context.today = lambda: dt.date(2013, 3, 1)
    window = open_window(qtbot, context)
    assert window.coordinator_tabs.dashboard.figures.period.code == "2013-H1"
