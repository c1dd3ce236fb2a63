"""File → Export submission… and Import workbook…, and workbooks dropped on the main window.

Installed into the main window by one call, so the window itself needs no knowledge of workbooks.
The workbook code (openpyxl and the report modules, ~0.1 s to import) loads when first used, not
with the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu

from app.i18n import _, ngettext
from app.models.enums import WorkspaceRole
from app.ui.context import WorkspaceContext

if TYPE_CHECKING:
    from app.reports.submission_import import ApplyResult
    from app.ui.submission_export_dialog import ExportSubmissionDialog
    from app.ui.submission_import_dialog import WorkbookImporter

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def dropped_workbooks(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local files with a spreadsheet's name among the dropped URLs (the import checks the rest)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in WORKBOOK_SUFFIXES]


class SubmissionActions(QObject):
    """The two actions, their menu entries, and the drop handling of one main window."""

    def __init__(self, window: QMainWindow, context: WorkspaceContext, file_menu: QMenu,
                 before: QAction | None) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.export_dialog: ExportSubmissionDialog | None = None
        self._importer: WorkbookImporter | None = None
        self.export_action = QAction(window)
        self.export_action.setObjectName("exportSubmissionAction")
        self.import_action = QAction(window)
        self.import_action.setObjectName("importWorkbookAction")
        self.export_action.setEnabled(context.profile.role == WorkspaceRole.COORDINATOR)
        self.export_action.triggered.connect(self.show_export)
        self.import_action.triggered.connect(self.choose_import)
        file_menu.insertAction(before, self.export_action)
        file_menu.insertAction(before, self.import_action)
        file_menu.insertSeparator(before)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        self.export_action.setText(_("&Export submission…"))
        self.export_action.setStatusTip(_("Write this period's report as an Excel workbook to send "
                                          "to the secretariat"))
        self.import_action.setText(_("&Import workbook…"))
        self.import_action.setStatusTip(_("Read a submission workbook filled in by a colleague "
                                          "(you can also drop the file on this window)"))

    @property
    def importer(self) -> WorkbookImporter:
        if self._importer is None:
            from app.ui.submission_import_dialog import WorkbookImporter

            self._importer = WorkbookImporter(self.context, self.window, self._applied)
        return self._importer

    def show_export(self) -> None:
        from app.ui.submission_export_dialog import ExportSubmissionDialog

        self.export_dialog = ExportSubmissionDialog(self.context, self.window)
        self.export_dialog.open()

    def choose_import(self) -> None:
        from app.ui.submission_export_dialog import default_folder

        paths, _filter = QFileDialog.getOpenFileNames(
            self.window, _("Import workbook"), str(default_folder()),
            _("Excel workbooks (*.xlsx);;All files (*)"))
        self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> None:
        if paths:
            self.importer.import_files(paths)

    def _applied(self, result: ApplyResult) -> None:
        changed = sum(result.counts.values())
        self.window.statusBar().showMessage(ngettext(
            "Workbook imported: {count} change applied. Backup: {path}",
            "Workbook imported: {count} changes applied. Backup: {path}", changed).format(
                count=changed, path=result.backup.name), 10000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove,
                                               QEvent.Type.Drop):
            paths = dropped_workbooks(event)  # type: ignore[arg-type]
            if paths:
                event.acceptProposedAction()  # type: ignore[attr-defined]
                if kind == QEvent.Type.Drop:
                    self.import_paths(paths)
                return True
        return super().eventFilter(watched, event)


def install_submission_actions(window: QMainWindow) -> SubmissionActions:
    """Add the workbook actions to `window`'s File menu (before Quit) and accept dropped files."""
    context: WorkspaceContext = window.context  # type: ignore[attr-defined]
    actions = SubmissionActions(window, context, window.file_menu,  # type: ignore[attr-defined]
                                getattr(window, "quit_action", None))
    window.submission_actions = actions  # type: ignore[attr-defined]
    return actions
