"""File → Export submission…, Import workbook…, Import folder…, and files dropped on the window.

The main window makes one and gives it what it needs, so the window itself needs no knowledge of
workbooks.
A coordinator's import previews each submission, or opens the plan import for a plan workbook; the
secretariat's imports every file (or folder) given as one batch and shows its summary.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMainWindow, QMenu, QMessageBox

from app.i18n import _, ngettext
from app.models.errors import UserFacingError
from app.models.orm.enums import WorkspaceRole
from app.models.topics import PERIODS, SUBMISSIONS
from app.ui.common.context import WorkspaceContext
from app.ui.common.plain_text import shown

# The workbook code (openpyxl and the report modules, ~0.1 s to import) loads when first used, not
# with the window.
if TYPE_CHECKING:
    from app.reports.submission.batch import BatchResult
    from app.reports.submission.pipeline import ApplyResult
    from app.ui.files.batch_import_dialog import BatchImporter
    from app.ui.files.plan_import_dialog import PlanImportDialog
    from app.ui.files.submission_export_dialog import ExportSubmissionDialog
    from app.ui.files.submission_import_dialog import WorkbookImporter

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def dropped_workbooks(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """Local files with a spreadsheet's name, and folders, among the dropped URLs.

    The import checks the rest: what a file really is, and which workbooks a folder holds.
    """
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in WORKBOOK_SUFFIXES or path.is_dir()]


class SubmissionActions(QObject):
    """The two actions, their menu entries, and the drop handling of one main window."""

    def __init__(self, window: QMainWindow, context: WorkspaceContext, file_menu: QMenu,
                 before: QAction, *, undo_stack: QUndoStack | None = None,
                 open_report: Callable[[str, str], None] | None = None) -> None:
        """The actions go into `file_menu` before `before`; a plan import clears `undo_stack`;
        the batch summary's "open" shows a received report through `open_report`."""
        super().__init__(window)
        self.window = window
        self.context = context
        self._undo_stack = undo_stack
        self._open_report = open_report
        self.export_dialog: ExportSubmissionDialog | None = None
        self.secretariat = context.profile.role == WorkspaceRole.SECRETARIAT
        self._importer: WorkbookImporter | None = None
        self._batch: BatchImporter | None = None
        self.plan_dialog: PlanImportDialog | None = None
        self.export_action = QAction(window)
        self.export_action.setObjectName("exportSubmissionAction")
        self.import_action = QAction(window)
        self.import_action.setObjectName("importWorkbookAction")
        self.import_folder_action = QAction(window)
        self.import_folder_action.setObjectName("importFolderAction")
        self.import_folder_action.setVisible(self.secretariat)
        self.my_submissions_action = QAction(window)
        self.my_submissions_action.setObjectName("mySubmissionsAction")
        self.my_submissions_action.setVisible(not self.secretariat)
        self.my_submissions_action.triggered.connect(self.show_my_submissions)
        self.export_action.setEnabled(not self.secretariat)
        self.export_action.triggered.connect(self.show_export)
        self.import_action.triggered.connect(self.choose_import)
        self.import_folder_action.triggered.connect(self.choose_folder)
        file_menu.insertAction(before, self.export_action)
        file_menu.insertAction(before, self.import_action)
        file_menu.insertAction(before, self.import_folder_action)
        file_menu.insertAction(before, self.my_submissions_action)
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
        self.import_folder_action.setText(_("Import &folder…"))
        self.my_submissions_action.setText(_("My &submissions…"))
        self.import_folder_action.setStatusTip(_("Import every submission workbook in a folder"))
        if self.secretariat:
            self.import_action.setStatusTip(_(
                "Import the submissions the countries sent: several files at once (you can also "
                "drop files or a folder on this window)"))
        else:
            self.import_action.setStatusTip(_(
                "Read a submission workbook filled in by a colleague, or the secretariat's plan "
                "workbook (you can also drop the file on this window)"))

    @property
    def importer(self) -> WorkbookImporter:
        if self._importer is None:
            from app.ui.files.submission_import_dialog import WorkbookImporter

            self._importer = WorkbookImporter(self.context, self.window, self._applied)
        return self._importer

    @property
    def batch(self) -> BatchImporter:
        if self._batch is None:
            from app.ui.files.batch_import_dialog import BatchImporter

            self._batch = BatchImporter(self.context, self.window)
            self._batch.finished.connect(self._batch_finished)
        return self._batch

    def show_my_submissions(self) -> QDialog:
        """Every export of this workspace: exported, received, acknowledged or in conflict."""
        from app.ui.files.my_submissions_dialog import MySubmissionsDialog

        dialog = MySubmissionsDialog(self.context, self.window)
        dialog.open()
        return dialog

    def show_export(self) -> None:
        from app.ui.files.submission_export_dialog import ExportSubmissionDialog

        self.export_dialog = ExportSubmissionDialog(self.context, self.window)
        self.export_dialog.open()

    def choose_import(self) -> None:
        from app.ui.files.submission_export_dialog import default_folder

        paths, _filter = QFileDialog.getOpenFileNames(
            self.window, _("Import workbook"), str(default_folder()),
            _("Excel workbooks (*.xlsx);;All files (*)"))
        self.import_paths([Path(p) for p in paths])

    def choose_folder(self) -> None:
        from app.ui.files.submission_export_dialog import default_folder

        folder = QFileDialog.getExistingDirectory(self.window, _("Import folder"),
                                                  str(default_folder()))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import files and folders: one batch for the secretariat, one by one for a coordinator."""
        if not paths:
            return
        from app.reports.submission.batch import expand_paths
        from app.reports.workbook_kind import WorkbookKind, workbook_kind

        files = expand_paths(paths)
        if not files:
            self.window.statusBar().showMessage(_("No workbooks (.xlsx) found in {paths}.").format(
                paths=", ".join(p.name for p in paths)), 10000)
            return
        if self.secretariat:
            self.batch.import_files(files)
            return
        submissions = []
        for path in files:
            kind = workbook_kind(path)
            if kind == WorkbookKind.PLAN:
                self.import_plan(path)
            elif kind == WorkbookKind.RECEIPT:
                self.import_receipt(path)
            else:
                submissions.append(path)
        if submissions:
            self.importer.import_files(submissions)

    def import_plan(self, path: Path) -> PlanImportDialog | None:
        """Show what the plan workbook changes; applying it makes a backup first."""
        from app.ui.files.plan_import_dialog import PlanImportDialog

        try:
            dialog = PlanImportDialog(self.context, path, self.window)
        except UserFacingError as error:
            QMessageBox.warning(self.window, _("Import plan workbook"), shown(error.message()))
            return None
        if self._undo_stack is not None:  # edits made under the old plan cannot be undone under the new
            dialog.applied.connect(self._undo_stack.clear)
        self.plan_dialog = dialog
        dialog.open()
        return dialog

    def import_receipt(self, path: Path) -> str | None:
        """Take the secretariat's receipt: the period then shows as received and acknowledged."""
        from app.models.services.reporting.receipts import receipt_line
        from app.reports.receipt.apply import take_receipt
        from app.reports.receipt.read import read_receipt

        try:
            receipt = read_receipt(path)
            with self.context.db.transaction() as session:
                result = take_receipt(session, receipt)
                line = receipt_line(session, result.country, result.period_id)
        except UserFacingError as error:
            QMessageBox.warning(self.window, _("Import receipt"), error.message())
            return None
        self.context.bus.announce(SUBMISSIONS, PERIODS)
        self.window.statusBar().showMessage(line, 15000)
        return line

    def _batch_finished(self, result: BatchResult) -> None:
        dialog = self.batch.dialog
        if dialog is not None:
            dialog.open_report.connect(self.show_report)
        self.window.statusBar().showMessage(result.summary(), 15000)

    def show_report(self, country: str, period: str) -> None:
        """Open a received report (in the completeness matrix of a secretariat's window)."""
        if self._open_report is not None:
            self._open_report(country, period)

    def _applied(self, result: ApplyResult) -> None:
        changed = sum(result.counts.values())
        self.window.statusBar().showMessage(ngettext(
            "Workbook imported: {count} change applied. Backup: {path}",
            "Workbook imported: {count} changes applied. Backup: {path}", changed).format(
                count=changed, path=result.backup.name), 10000)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        # Drag-enter and drag-move events are drop events too (QDropEvent's subclasses).
        if watched is self.window and isinstance(event, QDropEvent) and kind in (
                QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            paths = dropped_workbooks(event)
            if paths:
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    self.import_paths(paths)
                return True
        return super().eventFilter(watched, event)

