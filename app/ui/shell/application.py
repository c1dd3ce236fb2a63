"""Start the desktop app: language, database, first-run dialog, main windows."""

from __future__ import annotations

import contextlib
import gc
import sys
from pathlib import Path
from typing import cast

from PySide6.QtCore import QLocale, QLockFile, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from app import APP_ID, APP_NAME, ORG_NAME, __version__
from app.i18n import available_languages, current_language
from app.logs import log_to_file
from app.models.errors import DatabaseDamagedError, UserFacingError
from app.models.orm.enums import WorkspaceRole
from app.models.orm.workspace import WorkspaceProfile
from app.models.services.workspace.profile import profile_of, refresh_shipped_translations
from app.models.storage.database import Database, open_database
from app.paths import data_dir, default_database_path
from app.resources import resource_path
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.common.language import LanguageController
from app.ui.common.outlined_style import OutlinedStyle
from app.ui.common.palette_colours import readable_palette
from app.ui.common.settings import app_settings
from app.ui.shell.main_window import MainWindow
from app.ui.shell.workspace_guard import (
    attempt,
    lock_workspace,
    offer_recovery,
    run_daily_backup,
    unlock_workspace,
)


def initial_language(requested: str | None) -> str:
    """The language asked for, else the last one used, else the system's if we have it."""
    offered = available_languages()
    for candidate in (requested, app_settings().value("language"),
                      QLocale.system().name().split("_")[0]):
        if candidate in offered:
            return str(candidate)
    return "en"


class AppController:
    """Opens workspaces and keeps their windows alive."""

    def __init__(self, app: QApplication, language: LanguageController) -> None:
        self.app = app
        self.language = language
        self.windows: list[MainWindow] = []
        language.language_changed.connect(lambda code: app_settings().setValue("language", code))

    def open_workspace(self, path: Path, parent: QWidget | None = None) -> MainWindow | None:
        path = Path(path).resolve()
        for window in self.windows:
            if window.context.db.path == path:  # open here already: show it, never open it twice
                window.raise_()
                window.activateWindow()
                return window
        lock = attempt(parent, lambda: lock_workspace(path), warning=True)
        if lock is None:
            return None
        db = self._open_database(path, parent)
        if db is None:
            unlock_workspace(path, lock)
            return None
        run_daily_backup(parent, path)
        profile = profile_of(db)
        if profile is not None:
            # An older workspace's template plan and 2012 meeting in every shipped language; a locked
            # or read-only workspace keeps its texts and opens all the same.
            with contextlib.suppress(UserFacingError):
                refresh_shipped_translations(db)
        if profile is None:
            from app.ui.shell.first_run import FirstRunDialog  # a new workspace only: not on every start

            dialog = FirstRunDialog(db, self.language, parent)
            if dialog.exec() != FirstRunDialog.DialogCode.Accepted or dialog.profile is None:
                db.close()
                unlock_workspace(path, lock)
                return None
            profile = dialog.profile
        return self._show(db, profile, lock)

    def _open_database(self, path: Path, parent: QWidget | None) -> Database | None:
        """Open (and migrate) the database; a damaged one is offered its newest intact backup."""
        def opened() -> Database | None:
            try:
                return open_database(path)
            except DatabaseDamagedError as exc:
                return open_database(path) if offer_recovery(parent, path, exc) else None

        return attempt(parent, opened)

    def _show(self, db: Database, profile: WorkspaceProfile, lock: QLockFile) -> MainWindow:
        context = WorkspaceContext(db=db, profile=profile, bus=ChangeBus(),
                                   language=self.language)
        window = MainWindow(context)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.open_requested.connect(lambda target: self._open_requested(window, target))
        window.destroyed.connect(lambda *_: self._closed(window, db, lock))
        self.windows.append(window)
        window.show()
        return window

    def _closed(self, window: MainWindow, db: Database, lock: QLockFile) -> None:
        db.close()
        unlock_workspace(db.path, lock)
        if window in self.windows:
            self.windows.remove(window)

    def _open_requested(self, origin: MainWindow, target: Path | None) -> None:
        if target is None:
            target = self.open_demo(origin)
            if target is None:
                return
        self.open_workspace(target, origin)

    def open_demo(self, origin: MainWindow) -> Path | None:
        """Create (once) and return a demo workspace for the origin window's country."""
        country = origin.context.country or "KZ"
        path = data_dir() / f"demo-{country}-{current_language()}.sqlite"
        if not path.exists():
            from app.demo.generator import create_demo_workspace

            db = attempt(origin, lambda: create_demo_workspace(
                path, role=WorkspaceRole.COORDINATOR, country=country, language=current_language()))
            if db is None:
                return None
            db.close()
        return path


def create_application() -> QApplication:
    # The one application object; `instance()` is typed as the core class it derives from.
    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv))
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.png"))))
    if not isinstance(app.style(), OutlinedStyle):  # fields visible on a dark palette too
        app.setStyle(OutlinedStyle(app.style().name()))
    follow_palette(app)
    app.paletteChanged.connect(lambda _palette: follow_palette(app))  # changed while running
    return app


def follow_palette(app: QApplication) -> None:
    """The system's palette, with its selection and links made readable where it left them
    under 4.5:1 (only those roles are set; the rest keeps following the system)."""
    palette = readable_palette(app.palette())
    if palette != app.palette():
        app.setPalette(palette)


def start_gui(db_path: Path | None = None, language: str | None = None) -> AppController:
    """Everything a start does before the event loop: the first window is shown (or was refused)."""
    log_to_file()
    app = create_application()
    controller_language = LanguageController(app)
    controller_language.set_language(initial_language(language))
    controller = AppController(app, controller_language)
    window = controller.open_workspace(db_path or default_database_path())
    wanted = window.context.profile.language if window is not None else None
    if language is None and wanted in available_languages() and wanted != current_language():
        controller_language.set_language(wanted)
    return controller


def settle_after_start() -> None:
    """Put what the start built out of the cycle collector's way (`gc.freeze`).

    The modules, mappers, widgets and their wrappers of a started app are ~120,000 objects that
    stay for the session; every full collection walked them all again, ~80 ms at a time, landing
    on whichever period switch or filter happened to allocate when it came due. Frozen, a full
    collection walks only what was made since (~15 ms). Called once, when the first window is up
    and idle; garbage of the start is collected first."""
    gc.collect()
    gc.freeze()


def run_gui(db_path: Path | None = None, language: str | None = None,
            quit_after_show: bool = False) -> int:
    """Start the app; `quit_after_show` prints "shown" once the window is up and quits (start-up timing)."""
    controller = start_gui(db_path, language)
    if not controller.windows:
        return 0
    QTimer.singleShot(0, settle_after_start)  # once the window is painted and the loop idle
    if quit_after_show:
        controller.app.processEvents()
        print("shown", flush=True)
        QTimer.singleShot(0, controller.app.quit)
    return controller.app.exec()
