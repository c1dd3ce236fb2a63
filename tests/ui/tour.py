"""Every surface a user meets, for the checks that must hold everywhere (accessibility, keyboard,
contrast, small screens): each tab of both workspaces' windows and every dialog, built over real
workspaces and shown one at a time.

    for stop in coordinator_tour(qtbot, context, tmp_path):
        problems += check(stop.name, stop.widget)

A stop is shown (and, for a tab, current) while the loop body runs; a dialog is closed when the loop
moves on. Add a dialog here when you add one to the app: the checks then cover it.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Select, select

from app.demo.generator import create_demo_workspace
from app.models.orm.plan import Plan
from app.models.services.keys.own import signer
from app.models.services.plan.versions import published_document
from app.models.services.reporting.history import action_codes, commitment_history
from app.reports.plan_workbook.writer import write_plan_workbook
from app.reports.submission.batch import import_batch
from app.reports.submission.export import export_submission
from app.reports.submission.pipeline import preview, read_submission
from app.ui.common.context import WorkspaceContext
from app.ui.shell.main_window import MainWindow

TOUR_DAY = dt.date(2026, 11, 26)
TOUR_PERIOD = "2026-H1"


@dataclass(frozen=True)
class Stop:
    """One surface of the tour: `widget` is the window (on one tab) or a dialog, shown."""

    name: str
    widget: QWidget
    window: MainWindow


def settle() -> None:
    for _ in range(3):
        QApplication.processEvents()


def open_window(qtbot: QtBot, context: WorkspaceContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    settle()
    return window


def tab_stops(window: MainWindow, prefix: str) -> Iterator[Stop]:
    """The window on each of its tabs in turn (lazy tabs are built by being shown)."""
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle()
        yield Stop(f"{prefix} tab {window.tabs.tabText(index)!r}", window, window)


def dialog_stops(qtbot: QtBot, window: MainWindow, prefix: str,
                 builders: dict[str, Callable[[], QWidget | None]]) -> Iterator[Stop]:
    for name, build in builders.items():
        dialog = build()
        assert dialog is not None, f"{prefix}: {name} was not built"
        qtbot.addWidget(dialog)
        dialog.show()
        settle()
        yield Stop(f"{prefix} {name}", dialog, window)
        dialog.close()
        settle()


def shared_dialogs(window: MainWindow) -> dict[str, Callable[[], QWidget | None]]:
    """The dialogs both workspaces open from the File and Help menus."""
    from app.ui.files.backups_dialog import BackupsDialog
    from app.ui.files.workspace_key_dialog import WorkspaceKeyDialog
    from app.ui.shell.guide import GuideWindow
    from app.ui.shell.shortcuts import ShortcutsDialog
    from app.ui.shell.workspace_details import WorkspaceDetailsDialog

    context = window.context
    return {
        "backups dialog": lambda: BackupsDialog(context, window),
        "workspace details dialog": lambda: WorkspaceDetailsDialog(context, window),
        "workspace key dialog": lambda: WorkspaceKeyDialog(context, window),
        "shortcuts dialog": lambda: ShortcutsDialog(  # the menus Help → Keyboard shortcuts lists
            [window.file_menu, window.edit_menu, window.view_menu, window.help_menu], window),
        "user guide": lambda: GuideWindow(window),
    }


def coordinator_dialogs(window: MainWindow, folder: Path) -> dict[str, Callable[[], QWidget | None]]:
    """Every dialog a coordinator opens, over the window's workspace (a demo with commitments)."""
    from app.ui.files.my_submissions_dialog import MySubmissionsDialog
    from app.ui.files.plan_import_dialog import PlanImportDialog
    from app.ui.files.send_mail_dialog import SendMailDialog
    from app.ui.files.submission_export_dialog import ExportResultDialog, ExportSubmissionDialog
    from app.ui.files.submission_import_dialog import ImportPreviewDialog

    context = window.context
    tabs = window.coordinator_tabs
    assert tabs is not None
    country = context.profile.country_code or "KZ"
    folder.mkdir(parents=True, exist_ok=True)
    exported = export_submission(context.db, country, TOUR_PERIOD, "en", folder)

    def history() -> QWidget:
        from app.ui.coordinator.history_dialog import HistoryDialog
        with context.db.reading() as session:
            row = tabs.commitments.table.current_row()
            if row is None:
                tabs.commitments.table.selectRow(0)
                row = tabs.commitments.table.current_row()
            assert row is not None
            entries = commitment_history(session, row.id)
            codes = action_codes(session)
        return HistoryDialog(f"{row.action_code} {row.description}", entries, codes, window,
                             context.language)

    def plan_import() -> QWidget:
        with context.db.transaction() as session:
            plan_id = session.scalar(_current_plan_id())
            document = published_document(session, plan_id)
            key = signer(session)
        (folder / "plan").mkdir(exist_ok=True)
        path = write_plan_workbook(document, folder / "plan", "en", key)
        return PlanImportDialog(context, path, window)

    return {
        "commitment form": lambda: tabs.commitments._form(None),
        "history dialog": history,
        "export dialog": lambda: ExportSubmissionDialog(context, window),
        "export result dialog": lambda: ExportResultDialog(context, exported, window),
        "send mail dialog": lambda: SendMailDialog(
            context, exported.path, country, TOUR_PERIOD, exported.revision, exported.digest, "en",
            window),
        "import preview dialog": lambda: ImportPreviewDialog(
            context, preview(context.db, read_submission(exported.path)), window),
        "plan import dialog": plan_import,
        "my submissions dialog": lambda: MySubmissionsDialog(context, window),
        **shared_dialogs(window),
    }


def _current_plan_id() -> Select[tuple[int]]:
    return select(Plan.id).order_by(Plan.id.desc()).limit(1)


def secretariat_dialogs(window: MainWindow, folder: Path) -> dict[str, Callable[[], QWidget | None]]:
    """Every dialog the secretariat opens (a batch summary of a real import among them)."""
    from app.ui.files.batch_import_dialog import BatchSummaryDialog
    from app.ui.secretariat.acknowledge_dialog import AcknowledgeDialog

    context = window.context
    folder.mkdir(parents=True, exist_ok=True)

    def batch_summary() -> QWidget:
        result = import_batch(context.db, [kyrgyz_export(), folder / "not-a-workbook.xlsx"])
        return BatchSummaryDialog(context, result, window)

    (folder / "not-a-workbook.xlsx").write_bytes(b"not a workbook")
    return {
        "batch summary dialog": batch_summary,
        "acknowledge dialog": lambda: AcknowledgeDialog("KZ 2026-H1", window),
        **shared_dialogs(window),
    }


@functools.cache
def kyrgyz_export() -> Path:
    """Kyrgyzstan's coordinator's submission, made once per test process: every secretariat tour
    imports the same file (it does not depend on the secretariat's workspace)."""
    folder = Path(tempfile.mkdtemp(prefix="tour-kg-"))
    atexit.register(shutil.rmtree, folder, True)
    coordinator = create_demo_workspace(folder / "kg.sqlite", country="KG", seed=4, today=TOUR_DAY)
    try:
        return export_submission(coordinator, "KG", TOUR_PERIOD, "en", folder).path
    finally:
        coordinator.close()


def coordinator_tour(qtbot: QtBot, context: WorkspaceContext, folder: Path) -> Iterator[Stop]:
    """The coordinator's window on each tab, then each of the coordinator's dialogs."""
    window = open_window(qtbot, context)
    yield from tab_stops(window, "coordinator")
    yield from dialog_stops(qtbot, window, "coordinator", coordinator_dialogs(window, folder))


def secretariat_tour(qtbot: QtBot, context: WorkspaceContext, folder: Path) -> Iterator[Stop]:
    """The secretariat's window on each tab, then each of the secretariat's dialogs."""
    window = open_window(qtbot, context)
    yield from tab_stops(window, "secretariat")
    yield from dialog_stops(qtbot, window, "secretariat", secretariat_dialogs(window, folder))
