"""File → Backups…: the workspace's backups, "Back up now", and "Restore" (which can be undone).

Both run off the GUI thread through `run_in_background` (a large workspace takes a while to copy
and verify); the dialog is told when each is done through its signals.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.i18n import _, ngettext
from app.i18n.formats import format_datetime, format_size
from app.models.orm.workspace import WorkspaceProfile
from app.models.services.workspace.backups import back_up, backups, reason_label, restore
from app.models.services.workspace.profile import profile_of
from app.models.storage.backup import BackupInfo
from app.models.topics import EVERYTHING
from app.paths import backups_dir_for
from app.ui.common.accessible import set_view_name
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.context import WorkspaceContext
from app.ui.common.plain_text import shown
from app.ui.common.window_state import WindowStateMixin
from app.ui.files.backups_model import BackupRole, BackupsModel, SortRole

#: What a background step hands to its `done` callback.
T = TypeVar("T")


class BackupsDialog(WindowStateMixin, QDialog):
    #: The workspace was replaced by a backup: every view must reload, the undo history is void.
    restored = Signal()
    #: "Back up now" finished; carries the new backup's BackupInfo.
    backed_up = Signal(object)

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: BackgroundTask | None = None
        self.model = BackupsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("backupsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(BackupsModel.COLUMN_DATE, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            BackupsModel.COLUMN_REASON, QHeaderView.ResizeMode.Stretch)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.summary = QLabel()
        self.back_up_button = QPushButton()
        self.restore_button = QPushButton()
        self.folder_button = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.back_up_button, self.restore_button, self.folder_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

        self.back_up_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore_selected)
        self.folder_button.clicked.connect(self._open_folder)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        context.language.language_changed.connect(self.retranslate)
        self.resize(640, 420)
        self.reload()
        self.retranslate()
        self.restore_window_state()

    # --- texts and data -------------------------------------------------------------------
    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("Backups"))
        self.intro.setText(_(
            "Backups are made before every database upgrade, import, plan update and restore, and "
            "once a day. The newest few, one a day for a week, one a week for a month and one a "
            "month for a year are kept. Folder: {folder}").format(
                folder=backups_dir_for(self.context.db.path)))
        self.back_up_button.setText(_("&Back up now"))
        self.restore_button.setText(_("&Restore…"))
        self.folder_button.setText(_("Open &folder"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        set_view_name(self.table, _("Backups"))
        self.model.retranslate()
        self._update_summary()

    def reload(self) -> None:
        self.model.set_backups(backups(self.context.db.path))
        self.table.resizeColumnsToContents()
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        self.summary.setText(ngettext("{count} backup, {size} in all", "{count} backups, {size} in all",
                                      self.model.rowCount()).format(
            count=self.model.rowCount(), size=format_size(self.model.total_size())))

    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(BackupRole) if rows else None

    def select_backup(self, backup: BackupInfo) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(BackupRole) == backup:
                self.table.selectRow(row)
                return

    # --- actions --------------------------------------------------------------------------
    def _run(self, title: str, work: Callable[[], T], done: Callable[[T], None]) -> BackgroundTask:
        """Run `work` in the background with the buttons disabled; `done(result)` on success."""
        self.buttons.setEnabled(False)
        self.task = run_in_background(self, title, lambda _progress: work(), on_success=done)
        self.task.finished.connect(lambda: self.buttons.setEnabled(True))
        return self.task

    def back_up_now(self) -> BackgroundTask:
        """Start a backup; `backed_up` is emitted when it is written and verified."""
        database = self.context.db.path
        return self._run(_("Backing up the workspace"), lambda: back_up(database), self._backed_up)

    def _backed_up(self, made: BackupInfo) -> None:
        self.reload()
        self.select_backup(made)
        self.backed_up.emit(made)

    def restore_selected(self) -> bool:
        """Ask, then start restoring the selected backup; False when there is nothing to start."""
        backup = self.selected_backup()
        if backup is None:
            return False
        question = _(
            "Replace everything in this workspace with the backup made {date} ({reason})?\n\n"
            "The current state is backed up first, so you can undo this by restoring that backup."
        ).format(date=format_datetime(backup.made_at), reason=reason_label(backup.reason))
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        if QMessageBox.question(self, APP_NAME, shown(question), buttons,
                                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return False
        db, source = self.context.db, Path(backup.path)
        self._run(_("Restoring the workspace"), lambda: (restore(db, source), profile_of(db)),
                  self._restored)
        return True

    def _restored(self, result: tuple[BackupInfo, WorkspaceProfile | None]) -> None:
        before, profile = result
        self.context.profile = profile or self.context.profile
        self.restored.emit()
        self.context.bus.announce(*EVERYTHING)
        self.reload()
        self.select_backup(before)
        QMessageBox.information(self, APP_NAME, _(
            "The workspace was restored. The state before is kept as the backup of {date}; restore "
            "it to undo."
        ).format(date=format_datetime(before.made_at)))

    def _open_folder(self) -> None:
        folder = backups_dir_for(self.context.db.path)
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def done(self, result: int) -> None:
        if self.task is not None and self.task.running:
            return  # a backup or a restore is being written: it finishes first
        self.save_window_state()
        super().done(result)
