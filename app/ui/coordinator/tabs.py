"""The coordinator's tabs in the main window, the shortcuts that reach into them, and the wiring
between them (navigator → filters, dashboard → progress editor). Other roles get other tabs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.i18n import _
from app.models.orm.enums import ProgressStatus, WorkspaceRole
from app.ui.coordinator.commitments_panel import CommitmentsPanel
from app.ui.coordinator.dashboard_panel import DashboardPanel
from app.ui.coordinator.decisions_panel import DecisionsPanel
from app.ui.coordinator.indicator_panel import IndicatorPanel
from app.ui.coordinator.period_selection import PeriodSelection
from app.ui.coordinator.progress_panel import ProgressPanel

if TYPE_CHECKING:
    from app.ui.shell.main_window import MainWindow


@dataclass
class CoordinatorTabs:
    selection: PeriodSelection
    dashboard: DashboardPanel
    commitments: CommitmentsPanel
    progress: ProgressPanel
    indicators: IndicatorPanel
    decisions: DecisionsPanel
    actions: dict[str, QAction]


def install_coordinator_tabs(window: MainWindow) -> CoordinatorTabs | None:
    """Add the coordinator's tabs (dashboard first) to a coordinator workspace's window."""
    context = window.context
    if context.profile.role != WorkspaceRole.COORDINATOR:
        return None
    stack = window.undo_stack
    selection = PeriodSelection(context, window)
    tabs = CoordinatorTabs(
        selection=selection,
        dashboard=DashboardPanel(context, selection, stack),
        commitments=CommitmentsPanel(context, selection, stack),
        progress=ProgressPanel(context, selection, stack),
        indicators=IndicatorPanel(context, stack),
        decisions=DecisionsPanel(context, stack),
        actions={},
    )
    for position, (widget, title) in enumerate((
            (tabs.dashboard, lambda: _("Dashboard")), (tabs.commitments, lambda: _("Commitments")),
            (tabs.progress, lambda: _("Progress")), (tabs.indicators, lambda: _("Indicators")),
            (tabs.decisions, lambda: _("Decisions")))):
        window.add_tab(widget, title)
        window.tabs.tabBar().moveTab(window.tabs.indexOf(widget), position)
    window.tabs.setCurrentIndex(0)
    _wire(window, tabs)
    _add_actions(window, tabs)
    return tabs



def _wire(window: MainWindow, tabs: CoordinatorTabs) -> None:
    def show_progress() -> None:
        window.tabs.setCurrentWidget(tabs.progress)

    def objective(objective_id: int) -> None:
        window.navigator.select_item("objective", objective_id)
        show_progress()

    def status(value: ProgressStatus | None) -> None:
        tabs.progress.filters.clear()
        if value is None:
            tabs.progress.filters.no_update_check.setChecked(True)
        else:
            combo = tabs.progress.filters.status_combo
            combo.setCurrentIndex(max(0, combo.findData(value.value)))
        show_progress()

    def commitment(commitment_id: int) -> None:
        show_progress()
        tabs.progress.show_commitment(commitment_id)

    window.navigator.clearSelection()
    window.navigator.item_selected.connect(tabs.commitments.set_scope)
    window.navigator.item_selected.connect(tabs.progress.set_scope)
    tabs.dashboard.objective_activated.connect(objective)
    tabs.dashboard.status_activated.connect(status)
    tabs.dashboard.commitment_activated.connect(commitment)


Panel = CommitmentsPanel | ProgressPanel | IndicatorPanel | DecisionsPanel


def _current_panel(window: MainWindow, tabs: CoordinatorTabs) -> Panel:
    """The list panel on show (Find and Next/Previous act on it), else the progress panel."""
    current = window.tabs.currentWidget()
    panels: tuple[Panel, ...] = (tabs.commitments, tabs.progress, tabs.indicators, tabs.decisions)
    return next((panel for panel in panels if panel is current), tabs.progress)


class _EditActionTexts(QObject):
    """Owned by the window, so Qt disconnects it from the language signal when the window goes."""

    def __init__(self, actions: dict[str, QAction], parent: QObject) -> None:
        super().__init__(parent)
        self._actions = actions

    def retranslate(self, *_args: object) -> None:
        self._actions["new"].setText(_("&New commitment…"))
        self._actions["find"].setText(_("&Find…"))
        self._actions["next"].setText(_("Ne&xt item"))
        self._actions["previous"].setText(_("Pre&vious item"))


def _add_actions(window: MainWindow, tabs: CoordinatorTabs) -> None:
    def find() -> None:
        panel = _current_panel(window, tabs)
        if isinstance(panel, DecisionsPanel):  # it has no search field
            panel = tabs.progress
        window.tabs.setCurrentWidget(panel)
        panel.focus_search()

    def step(delta: int) -> None:
        panel = _current_panel(window, tabs)
        window.tabs.setCurrentWidget(panel)
        panel.step(delta)

    def new_commitment() -> None:
        window.tabs.setCurrentWidget(tabs.commitments)
        tabs.commitments.new_commitment()

    specs: dict[str, tuple[QKeySequence | QKeySequence.StandardKey, Callable[[], None]]] = {
        "new": (QKeySequence.StandardKey.New, new_commitment),
        "find": (QKeySequence.StandardKey.Find, find),
        "next": (QKeySequence("F8"), lambda: step(1)),
        "previous": (QKeySequence("Shift+F8"), lambda: step(-1)),
    }
    window.edit_menu.addSeparator()
    for name, (keys, slot) in specs.items():
        action = QAction(window)
        action.setShortcut(keys)
        action.triggered.connect(slot)
        window.addAction(action)
        window.edit_menu.addAction(action)
        tabs.actions[name] = action

    texts = _EditActionTexts(tabs.actions, window)
    window.context.language.language_changed.connect(texts.retranslate)
    texts.retranslate()
