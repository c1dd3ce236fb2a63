"""The coordinator's tabs in the main window, the shortcuts that reach into them, and the wiring
between them (navigator → filters, dashboard → progress editor). Other roles get other tabs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from app.i18n import _
from app.models.orm.enums import ProgressStatus, WorkspaceRole
from app.ui.common.empty_state import EmptyState
from app.ui.coordinator.commitments_panel import CommitmentsPanel
from app.ui.coordinator.dashboard_panel import DashboardPanel
from app.ui.coordinator.decisions_panel import DecisionsPanel
from app.ui.coordinator.indicator_panel import IndicatorPanel
from app.ui.coordinator.period_rows import PeriodRowsCache
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
    empty_states: list[EmptyState] = field(default_factory=list)


def install_coordinator_tabs(window: MainWindow) -> CoordinatorTabs | None:
    """Add the coordinator's tabs (dashboard first) to a coordinator workspace's window."""
    context = window.context
    if context.profile.role != WorkspaceRole.COORDINATOR:
        return None
    stack = window.undo_stack
    selection = PeriodSelection(context, window)
    rows = PeriodRowsCache(context)  # one read of a period for the three views; before them
    tabs = CoordinatorTabs(
        selection=selection,
        dashboard=DashboardPanel(context, selection, stack, rows=rows),
        commitments=CommitmentsPanel(context, selection, stack, rows=rows),
        progress=ProgressPanel(context, selection, stack, rows=rows),
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
    tabs.empty_states = _add_empty_states(window, tabs)
    return tabs


def _add_empty_states(window: MainWindow, tabs: CoordinatorTabs) -> list[EmptyState]:
    """Each list says what it is for and offers the next step while it is empty."""
    def link(href: str, text: str) -> str:
        return f'<a href="{href}">{escape(text)}</a>'

    def commitments_message() -> str | None:
        if tabs.commitments.table.source.rows():
            return escape(_("No commitment matches the search, the filters or the plan item "
                            "chosen on the left.")) + "<br>" + link("clear", _("Clear the filters"))
        return "<p>{}</p><p>{}</p>".format(escape(_(
            "No commitments yet. A commitment is what your country undertakes under an action of "
            "the plan; its progress is reported every half-year.")),
            link("new", _("Add the first commitment…")))

    def progress_message() -> str | None:
        if tabs.progress.table.source.rows():
            return escape(_("No commitment matches the search, the filters or the plan item "
                            "chosen on the left.")) + "<br>" + link("clear", _("Clear the filters"))
        return "<p>{}</p><p>{}</p>".format(escape(_(
            "Nothing to report on yet: progress is recorded here for each of your country's "
            "commitments.")), link("commitments", _("Enter the commitments first")))

    def follow(panel: CommitmentsPanel | ProgressPanel, href: str) -> None:
        if href == "clear":
            panel.filters.clear()
        elif href == "new":
            tabs.commitments.new_commitment()
        elif href == "commitments":
            window.tabs.setCurrentWidget(tabs.commitments)

    states = [EmptyState(tabs.commitments.table, commitments_message,
                         lambda href: follow(tabs.commitments, href)),
              EmptyState(tabs.progress.table, progress_message,
                         lambda href: follow(tabs.progress, href))]
    for state in states:
        window.context.language.language_changed.connect(state.update)
    return states



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
    tabs.dashboard.step_activated.connect(lambda step: follow_step(window, tabs, step))


def follow_step(window: MainWindow, tabs: CoordinatorTabs, step: str) -> None:
    """Go where a step of the period's checklist is done (the dashboard's links)."""
    actions = window.submission_actions
    if step == "details":
        window.show_workspace_details()
    elif step == "plan":
        actions.choose_import()
    elif step == "commitments":
        window.tabs.setCurrentWidget(tabs.commitments)
        if not tabs.commitments.table.source.rows():
            tabs.commitments.new_commitment()
    elif step == "progress":
        tabs.progress.filters.clear()
        tabs.progress.filters.no_update_check.setChecked(True)
        window.tabs.setCurrentWidget(tabs.progress)
    elif step == "exported":
        actions.show_export()
    elif step == "sent":
        send_latest(window, tabs)
    else:  # the receipt comes from the secretariat: what to expect
        window.show_guide("submission")


def send_latest(window: MainWindow, tabs: CoordinatorTabs) -> None:
    """Send the period's latest exported workbook, if it is still in the export folder;
    otherwise export again (the file is what gets attached)."""
    from app.ui.files.send_mail_dialog import SendMailDialog
    from app.ui.files.submission_export_dialog import default_folder

    checklist = tabs.dashboard.checklist.checklist
    figures = tabs.dashboard.figures
    path = default_folder() / checklist.file_name if checklist and checklist.file_name else None
    if checklist is None or figures is None or path is None or not path.exists():
        window.submission_actions.show_export()
        return
    context = window.context
    dialog = SendMailDialog(context, path, context.country or "", figures.period.code,
                            figures.period.revision or 1, checklist.digest or "",
                            context.profile.language, window)
    dialog.open()


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
