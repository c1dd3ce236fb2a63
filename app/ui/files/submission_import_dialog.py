"""File → Import workbook…: read the file off the GUI thread, show the preview, apply or cancel."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.reports.submission.pipeline import ApplyResult, Preview, apply, preview, read_submission
from app.reports.submission.preview_text import identity_line, summary_line
from app.ui.common.accessible import set_name, set_view_name
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.context import WorkspaceContext
from app.ui.common.palette_colours import SUCCESS, WARNING, keep_styled, note_style
from app.ui.common.plain_text import shown
from app.ui.common.window_state import WindowStateMixin
from app.ui.files.import_preview_model import ImportPreviewModel, KindRole

#: New and changed items opened down to their fields, at most this many per group.
EXPANDED_ITEMS = 200


class ImportPreviewDialog(WindowStateMixin, QDialog):
    """What importing the workbook would change. Apply writes it in one transaction after a backup."""

    state_key = "ImportPreviewDialog"

    def __init__(self, context: WorkspaceContext, shown: Preview, parent: QWidget | None = None,
                 on_applied: Callable[[ApplyResult], None] | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.preview = shown
        self.on_applied = on_applied
        self.task: BackgroundTask | None = None
        self.applied: ApplyResult | None = None
        self.identity = QLabel()
        self.identity.setWordWrap(True)
        self.digest = QLabel()
        self.digest.setWordWrap(True)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.model = ImportPreviewModel(shown, self)
        self.tree = QTreeView()
        self.tree.setObjectName("importPreviewTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().resizeSection(0, 440)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.setEnabled(shown.can_apply)
        layout = QVBoxLayout(self)
        for widget in (self.identity, self.digest, self.notices):
            layout.addWidget(widget)
        # Before and after side by side, wrapped, changed words marked: the tree's one line per
        # change cut long texts off.
        self.detail = QTextBrowser()
        self.detail.setObjectName("importPreviewDetail")
        self.detail.setOpenLinks(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("importPreviewSplitter")
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.detail)
        self.splitter.setSizes([300, 220])
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)
        self.tree.selectionModel().currentChanged.connect(lambda current, _old: self.show_detail(
            current))
        self.apply_button.clicked.connect(self.start_apply)
        self.cancel_button.clicked.connect(self.reject)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()
        self.resize(900, 600)
        self.restore_window_state()

    def _expand(self) -> None:
        """Open every group but "unchanged", and the new and changed items down to their fields."""
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)  # group titles are long
            group = self.model.index(row, 0)
            first = self.model.index(0, 0, group)
            if not first.isValid() or first.data(KindRole) == "unchanged":
                continue
            self.tree.expand(group)
            if first.data(KindRole) in ("new", "changed"):
                for child in range(min(self.model.rowCount(group), EXPANDED_ITEMS)):
                    self.tree.expand(self.model.index(child, 0, group))

    def show_detail(self, index: QModelIndex) -> None:
        html = self.model.detail_html(index) if index.isValid() else ""
        self.detail.setHtml(html or "<p>{}</p>".format(escape(_(
            "Choose a change above to see the old and the new value side by side."))))

    def _select_first_change(self) -> None:
        for row in range(self.model.rowCount()):
            group = self.model.index(row, 0)
            first = self.model.index(0, 0, group)
            if first.isValid() and first.data(KindRole) in ("changed", "new", "removed"):
                self.tree.setCurrentIndex(first)
                return
        self.show_detail(QModelIndex())

    def retranslate(self, *_args: object) -> None:
        parsed = self.preview.parsed
        self.setWindowTitle(_("Import workbook: {file}").format(file=parsed.path.name))
        set_view_name(self.tree, _("Changes in the workbook"))
        set_name(self.detail, _("Details of the chosen change"))
        self.identity.setText(shown(identity_line(self.preview) + "\n" + summary_line(self.preview)))
        if parsed.edited_after_export:
            self.digest.setText(_(
                "Edited after export: the content no longer matches the digest written when the "
                "file was exported. The cells that differ are listed below; decide whether to "
                "apply them."))
            keep_styled(self.digest, lambda: note_style("", WARNING, padding="6px"))
        else:
            self.digest.setText(_("Digest verified: the content is as exported."))
            keep_styled(self.digest, lambda: note_style("", SUCCESS, padding="6px"))
        notices = self.preview.notices[1:] if parsed.edited_after_export else self.preview.notices
        if not self.preview.has_changes and not self.preview.errors:
            notices = [*notices, _("Nothing to apply: the workspace already holds this content.")]
        self.notices.setText(shown("\n".join(notices)))
        self.notices.setVisible(bool(notices))
        self.apply_button.setText(_("Apply"))
        self.cancel_button.setText(_("Cancel"))
        self.model.rebuild()
        self._expand()
        self._select_first_change()

    def start_apply(self) -> None:
        if not self.preview.can_apply:
            return
        self.apply_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.task = run_in_background(
            self, _("Importing the workbook"),
            lambda progress: apply(self.context.db, self.preview, progress),
            bus=self.context.bus, topics=lambda result: result.topics, on_success=self._applied)
        self.task.failed.connect(self._unblock)
        self.task.cancelled.connect(self._unblock)

    def _unblock(self, *_args: object) -> None:
        self.apply_button.setEnabled(self.preview.can_apply)
        self.cancel_button.setEnabled(True)

    def _applied(self, result: ApplyResult) -> None:
        self.applied = result
        self.save_window_state()
        if self.on_applied is not None:
            self.on_applied(result)
        self.accept()

    def reject(self) -> None:
        self.save_window_state()
        super().reject()


class WorkbookImporter:
    """Reads workbooks one after another (each off the GUI thread) and shows each preview."""

    def __init__(self, context: WorkspaceContext, parent: QWidget,
                 on_applied: Callable[[ApplyResult], None] | None = None) -> None:
        self.context = context
        self.parent = parent
        self.on_applied = on_applied
        self.queue: list[Path] = []
        self.task: BackgroundTask | None = None
        self.dialog: ImportPreviewDialog | None = None

    def import_files(self, paths: list[Path]) -> None:
        self.queue.extend(paths)
        if self.task is None and self.dialog is None:
            self._next()

    def _next(self) -> None:
        self.dialog = None
        if not self.queue:
            return
        path = self.queue.pop(0)
        self.task = run_in_background(
            self.parent, _("Reading {file}").format(file=path.name),
            lambda progress: preview(self.context.db, read_submission(path, progress)),
            on_success=self._show)
        self.task.finished.connect(self._read_finished)

    def _read_finished(self) -> None:
        self.task = None
        if self.dialog is None:
            self._next()

    def _show(self, shown: Preview) -> None:
        self.dialog = ImportPreviewDialog(self.context, shown, self.parent, self.on_applied)
        self.dialog.finished.connect(lambda _code: self._next())
        self.dialog.open()
