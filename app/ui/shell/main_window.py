"""The main window: menus, the plan navigator, the workspace's tabs, and the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.i18n import _, available_languages, current_language, isolate, separator
from app.i18n.formats import country_name, language_name
from app.models.orm.enums import WorkspaceRole, label
from app.models.services.workspace.profile import is_demo
from app.models.topics import COMMITMENTS, EVERYTHING, PLAN, PROFILE, PROGRESS
from app.ui.common.context import WorkspaceContext
from app.ui.common.elided_label import ElidedLabel
from app.ui.common.focus_ring import install_focus_ring
from app.ui.common.palette_colours import WARNING, keep_styled, note_style
from app.ui.common.plain_text import shown
from app.ui.common.screen_fit import size_to_room
from app.ui.common.undo_actions import UndoRedoAction
from app.ui.common.window_state import WindowStateMixin
from app.ui.files.submission_actions import SubmissionActions
from app.ui.plan_browser.detail_pane import DetailPane
from app.ui.plan_browser.navigator import Navigator
from app.ui.shell.about import show_about

# Types only: each role's tabs module is imported when a workspace of that role opens (below).
if TYPE_CHECKING:
    from app.ui.coordinator.tabs import CoordinatorTabs
    from app.ui.secretariat.tabs import SecretariatTabs
    from app.ui.shell.guide import GuideWindow

#: The guide's page about each tab (by the tab's class), opened by F1.
GUIDE_PAGES = {"DetailPane": "plan", "DashboardPanel": "dashboard",
               "CommitmentsPanel": "commitments", "ProgressPanel": "progress",
               "IndicatorPanel": "indicators", "DecisionsPanel": "decisions"}


class MainWindow(WindowStateMixin, QMainWindow):
    """One workspace's window. The tabs of its role are declared attributes: `coordinator_tabs`
    or `secretariat_tabs`, the other one None."""

    #: Asks the application to open another workspace database (path, or None for a new demo).
    open_requested = Signal(object)

    state_key = "MainWindow"

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_focus_ring()  # where the keyboard is, in this window and its dialogs
        self.context = context
        self.undo_stack = QUndoStack(self)
        self._tab_titles: list[tuple[QWidget, Callable[[], str]]] = []
        self.coordinator_tabs: CoordinatorTabs | None = None
        self.secretariat_tabs: SecretariatTabs | None = None

        self.navigator = Navigator(context)
        self.detail = DetailPane(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workspaceTabs")
        # All tabs in sight on a small screen with large text: long titles end in "…" (whole in
        # their tooltips), rather than some tabs hidden behind scroll arrows.
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.add_tab(self.detail, lambda: _("Plan"))
        # Each role imports only its own panels (the other role's cost ~0.1-0.2 s at every start).
        if context.profile.role == WorkspaceRole.SECRETARIAT:
            from app.ui.secretariat.tabs import install_secretariat_tabs

            self.secretariat_tabs = install_secretariat_tabs(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.template_banner = QLabel()
        self.template_banner.setObjectName("templateBanner")
        self.template_banner.setWordWrap(True)
        keep_styled(self.template_banner,
                    lambda: note_style("QLabel#templateBanner", WARNING, padding="6px"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.template_banner)
        left_layout.addWidget(self.navigator)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setCollapsible(0, False)
        left.setMinimumWidth(240)
        self.splitter.setSizes([300, 980])
        self.demo_banner = QLabel()
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.demo_banner.setStyleSheet(
            "background: #5c2d91; color: white; font-weight: bold; padding: 4px;")
        self.demo_banner.setVisible(is_demo(context.profile))
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.demo_banner)
        central_layout.addWidget(self.splitter, 1)  # the banners above keep their own height
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self.submission_actions = SubmissionActions(
            self, context, self.file_menu, self.quit_action, undo_stack=self.undo_stack,
            open_report=self.open_received_report)
        self._workspace_label = ElidedLabel(Qt.TextElideMode.ElideRight)
        self._path_label = ElidedLabel()
        self.statusBar().addWidget(self._workspace_label)
        self.statusBar().addPermanentWidget(self._path_label)

        self.navigator.item_selected.connect(self.detail.show_item)
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()
        self.navigator.select_first_action()
        if context.profile.role == WorkspaceRole.COORDINATOR:
            from app.ui.coordinator.tabs import install_coordinator_tabs

            self.coordinator_tabs = install_coordinator_tabs(self)
        self.fit_to_screen()
        self.restore_window_state()

    # --- building -------------------------------------------------------------------------
    def fit_to_screen(self, room: QRect | None = None) -> None:
        """1280×800 where the screen allows, else the screen's free area less the title bar and
        frame: a 1280×800 laptop's taskbar leaves less than 800 pixels for the whole window."""
        size_to_room(self, QSize(1280, 800), room)

    def add_tab(self, widget: QWidget, title: Callable[[], str]) -> None:
        """Add a workspace tab whose title is looked up again whenever the language changes."""
        self._tab_titles.append((widget, title))
        self.tabs.addTab(widget, title())

    def _build_actions(self) -> None:
        self.open_action = QAction(self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._open_database)
        self.demo_action = QAction(self)
        self.demo_action.triggered.connect(lambda: self.open_requested.emit(None))
        self.details_action = QAction(self)
        self.details_action.triggered.connect(self.show_workspace_details)
        self.backups_action = QAction(self)
        self.backups_action.triggered.connect(self.show_backups)
        self.key_action = QAction(self)
        self.key_action.triggered.connect(self.show_workspace_key)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.undo_action = UndoRedoAction(self.undo_stack, redo=False, parent=self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = UndoRedoAction(self.undo_stack, redo=True, parent=self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.triggered.connect(lambda: self.show_guide())
        self.shortcuts_action = QAction(self)
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self._guide: GuideWindow | None = None
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(lambda: show_about(self))
        # Named when the menu first opens: each name comes from its own CLDR locale, and loading
        # twelve locales would add ~0.1 s to every start for a menu most starts never open.
        self.language_actions: dict[str, QAction] = {}
        for code in available_languages():
            action = QAction(self)
            action.setCheckable(True)
            action.triggered.connect(lambda _checked=False, c=code: self.context.language.set_language(c))
            self.language_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.details_action)
        self.file_menu.addAction(self.backups_action)
        self.file_menu.addAction(self.key_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.view_menu = bar.addMenu("")
        self.language_menu = QMenu(self)
        for action in self.language_actions.values():
            self.language_menu.addAction(action)
        self.language_menu.aboutToShow.connect(self.name_languages)
        self.view_menu.addMenu(self.language_menu)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addSeparator()
        self.help_menu.addAction(self.about_action)

    # --- texts ----------------------------------------------------------------------------
    def name_languages(self) -> None:
        """Each language by its own name (it does not change with the interface language)."""
        for code, action in self.language_actions.items():
            if not action.text():
                action.setText(language_name(code))

    def retranslate(self, *_args: object) -> None:
        profile = self.context.profile
        if profile.role == WorkspaceRole.COORDINATOR and profile.country_code:
            where = country_name(profile.country_code)
        else:
            where = label(WorkspaceRole.SECRETARIAT)
        if is_demo(profile):
            self.setWindowTitle(_("{where} — demo workspace — {app}").format(where=where,
                                                                           app=APP_NAME))
        else:
            self.setWindowTitle(f"{where} — {APP_NAME}")
        self.demo_banner.setVisible(is_demo(profile))
        self.demo_banner.setText(_("Demo workspace — the data are invented"))
        self.file_menu.setTitle(_("&File"))
        self.edit_menu.setTitle(_("&Edit"))
        self.view_menu.setTitle(_("&View"))
        self.help_menu.setTitle(_("&Help"))
        self.language_menu.setTitle(_("&Language"))
        self.open_action.setText(_("&Open workspace…"))
        self.demo_action.setText(_("Open &demo workspace"))
        self.details_action.setText(_("Workspace de&tails…"))
        self.backups_action.setText(_("&Backups…"))
        self.key_action.setText(_("Workspace &key…"))
        self.quit_action.setText(_("&Quit"))
        self.about_action.setText(_("&About {app}").format(app=APP_NAME))
        self.guide_action.setText(_("&User guide"))
        self.shortcuts_action.setText(_("&Keyboard shortcuts"))
        if self._guide is not None:
            self._guide.retranslate()
        self.undo_action.retranslate()
        self.redo_action.retranslate()
        for code, action in self.language_actions.items():
            action.setChecked(code == current_language())
        for widget, title in self._tab_titles:
            self.tabs.setTabText(self.tabs.indexOf(widget), title())
            self.tabs.setTabToolTip(self.tabs.indexOf(widget), title())
        outline = self.navigator.plan_model.outline
        self.template_banner.setVisible(outline.is_template)
        if self.context.profile.role == WorkspaceRole.SECRETARIAT:  # the one who publishes it
            self.template_banner.setText(_(
                "Template plan: a starting point based on UNHCR's 10-Point Plan, not the official "
                "Regional Action Plan. Enter the official plan under \u201cEdit plan\u201d (or import "
                "its workbook there), then export the plan workbook for the coordinators."))
        else:
            self.template_banner.setText(_(
                "Template plan: a starting point based on UNHCR's 10-Point Plan, not the official "
                "Regional Action Plan. Import the plan workbook from the secretariat to replace it."))
        self._workspace_label.set_text(shown(self._workspace_text()))
        self._path_label.set_text(
            _("Database: {path}").format(path=isolate(str(self.context.db.path))))
        self.navigator.plan_model.retranslate()
        self.detail.refresh()

    def _workspace_text(self) -> str:
        profile = self.context.profile
        text = label(profile.role)
        if profile.country_code:
            text += separator() + country_name(profile.country_code)
        return f"{text}{separator()}{profile.coordinator_name}"

    # --- reactions ------------------------------------------------------------------------
    def _data_changed(self, topics: frozenset[str]) -> None:
        if topics & {PLAN, COMMITMENTS, PROGRESS} or topics == EVERYTHING:
            self.navigator.reload()
            self.detail.refresh()
        if PROFILE in topics:
            self.retranslate()

    def help_page(self) -> str:
        """The guide's page about the tab on screen (F1)."""
        current = self.tabs.currentWidget()
        return GUIDE_PAGES.get(type(current).__name__, "index") if current else "index"

    def show_guide(self, page: str | None = None) -> GuideWindow:
        from app.ui.shell.guide import GuideWindow

        if self._guide is None:
            self._guide = GuideWindow(self)
        self._guide.show_page(page or self.help_page())
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()
        return self._guide

    def show_shortcuts(self) -> None:
        from app.ui.shell.shortcuts import ShortcutsDialog

        dialog = ShortcutsDialog([self.file_menu, self.edit_menu, self.view_menu, self.help_menu],
                                 self)
        dialog.exec()
        dialog.deleteLater()

    def show_workspace_details(self) -> None:
        from app.ui.shell.workspace_details import WorkspaceDetailsDialog

        dialog = WorkspaceDetailsDialog(self.context, self)
        dialog.exec()
        dialog.deleteLater()
    def open_received_report(self, country: str, period: str) -> None:
        """Show a received report in the completeness matrix (the secretariat's first tab)."""
        tabs = self.secretariat_tabs
        if tabs is None:
            return
        self.tabs.setCurrentWidget(tabs.pages["completeness"])
        tabs.completeness.open_cell(country, period)

    def show_backups(self) -> None:
        from app.ui.files.backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.context, self)
        dialog.restored.connect(self.undo_stack.clear)  # edits undone across a restore make no sense
        dialog.exec()
        dialog.deleteLater()

    def show_workspace_key(self) -> None:
        from app.ui.files.workspace_key_dialog import WorkspaceKeyDialog

        dialog = WorkspaceKeyDialog(self.context, self)
        dialog.exec()
        dialog.deleteLater()

    def _open_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Open workspace"), str(self.context.db.path.parent),
            _("Workspace databases (*.sqlite *.db);;All files (*)"))
        if path:
            self.open_requested.emit(Path(path))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        super().closeEvent(event)
