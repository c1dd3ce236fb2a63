"""The secretariat's batch import in the app: run off the GUI thread, then a summary of every file.

`BatchImporter` runs `import_batch` through the background helper (progress, Cancel); whatever
happens, even a cancel, ends in `BatchSummaryDialog`: one row per file with its outcome, and the
report it holds, which a double-click opens in the completeness matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
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

from app.i18n import _, isolate
from app.i18n.formats import country_name
from app.reports.submission.batch import BatchResult, import_batch
from app.reports.submission.receive import FileOutcome, Outcome, outcome_label
from app.reports.submission.trust import Confirmations
from app.ui.common.accessible import row_sentence, set_view_name
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.context import WorkspaceContext
from app.ui.common.plain_text import plain_data, shown
from app.ui.common.roles import RowRole as OutcomeRole
from app.ui.common.window_state import WindowStateMixin

#: Background of the outcome cell; the text says the same, so it prints in black and white.
OUTCOME_COLOURS = {
    Outcome.APPLIED: "#e6f4ea", Outcome.REPLACED: "#e6f4ea", Outcome.OLDER: "#eeeeee",
    Outcome.DUPLICATE: "#eeeeee", Outcome.ERRORS: "#fff4ce", Outcome.REFUSED: "#fde7e9",
    Outcome.FAILED: "#fde7e9", Outcome.CANCELLED: "#eeeeee", Outcome.HELD: "#fff4ce",
    Outcome.CONFLICT: "#fde7e9",
}


class BatchSummaryModel(QAbstractTableModel):
    COLUMN_FILE, COLUMN_REPORT, COLUMN_OUTCOME, COLUMN_NOTE = range(4)

    def __init__(self, outcomes: Sequence[FileOutcome], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.outcomes = list(outcomes)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.outcomes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("File"), _("Report"), _("Outcome"), _("Details"))[section]

    @plain_data
    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        outcome = self.outcomes[index.row()]
        column = index.column()
        if role == OutcomeRole:
            return outcome
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return row_sentence(self, index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (outcome.path.name, outcome.report(), outcome_label(outcome.outcome),
                    outcome.note())[column]
        if role == Qt.ItemDataRole.BackgroundRole and column == self.COLUMN_OUTCOME:
            return QBrush(QColor(OUTCOME_COLOURS[outcome.outcome]))
        if role == Qt.ItemDataRole.ForegroundRole and column == self.COLUMN_OUTCOME:
            return QBrush(QColor("#202020"))
        return None

    def retranslate(self) -> None:
        if self.outcomes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.outcomes) - 1, 3))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)


class BatchSummaryDialog(WindowStateMixin, QDialog):
    """Every file of a batch and what became of it; double-click a received one to see it."""

    state_key = "BatchSummaryDialog"
    #: The user asks to see a report: (country, period code).
    open_report = Signal(str, str)
    #: The officer confirmed a held file's key (or, unsigned, the file) with its coordinator.
    confirmed = Signal(object)

    def __init__(self, context: WorkspaceContext, result: BatchResult,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.batch_result = result
        self.summary = QLabel()
        self.summary.setObjectName("batchSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.model = BatchSummaryModel(result.outcomes, self)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setObjectName("batchOutcomes")
        self.table.setModel(self.model)
        self.table.setWordWrap(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((200, 200, 100)):
            header.resizeSection(column, width)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.confirm_button = QPushButton()
        self.confirm_button.setObjectName("confirmKey")
        self.confirm_button.setVisible(any(o.outcome == Outcome.HELD for o in result.outcomes))
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(lambda: self.confirm_selected())
        self.buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.table.activated.connect(self._open)  # a double-click, or Enter
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()
        self.resize(960, 420)
        self.restore_window_state()

    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("Imported submissions"))
        text = self.batch_result.summary()
        if self.batch_result.cancelled:
            text += " " + _("The import was cancelled: the file in hand was rolled back, the files "
                            "after it were not read.")
        if self.batch_result.backup is not None:
            text += "\n" + _("A backup of the workspace from before the import: {path}").format(
                path=isolate(str(self.batch_result.backup)))
        if any(o.applied for o in self.batch_result.outcomes):
            text += "\n" + _("Double-click a received file to see its report.")
        self.summary.setText(shown(text))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.confirm_button.setText(_("Confirm key and apply…"))
        set_view_name(self.table, _("Imported files"))
        self.model.retranslate()

    def selected_held(self) -> FileOutcome | None:
        rows = self.table.selectionModel().selectedRows()
        outcome = self.model.outcomes[rows[0].row()] if rows else None
        return outcome if outcome is not None and outcome.outcome == Outcome.HELD else None

    def _selection_changed(self, *_args: object) -> None:
        self.confirm_button.setEnabled(self.selected_held() is not None)

    def confirm_selected(self, ask: bool = True) -> FileOutcome | None:
        """After the officer says the coordinator read out the same key, import the file again."""
        outcome = self.selected_held()
        if outcome is None:
            return None
        country = country_name(outcome.country or "")
        question = (_("Did the coordinator of {country} read out this key over the phone (not in "
                      "an e-mail)?\n\n{fingerprint}\n\nOnly then is it theirs; it will replace "
                      "the key known for {country}.").format(
                          country=country, fingerprint=outcome.fingerprint)
                    if outcome.fingerprint else
                    _("Did the coordinator of {country} confirm, by phone, that they sent this "
                      "unsigned file?").format(country=country))
        if ask and QMessageBox.question(self, _("Confirm key"), question) != (
                QMessageBox.StandardButton.Yes):
            return None
        self.confirmed.emit(outcome)
        return outcome

    def _open(self, index: QModelIndex) -> None:
        outcome: FileOutcome = index.data(OutcomeRole)
        if outcome.applied and outcome.country and outcome.period:
            self.open_report.emit(outcome.country, outcome.period)

    def done(self, code: int) -> None:
        self.save_window_state()
        super().done(code)


class BatchImporter(QObject):
    """Starts batches one at a time; files asked for meanwhile make the next batch."""

    #: A batch ended (applied, or cancelled part way); its summary is on screen.
    finished = Signal(object)

    def __init__(self, context: WorkspaceContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.parent_widget = parent
        self.pending: list[Path] = []
        #: Keys (and unsigned files) the officer confirmed in this session's summaries.
        self.confirmations = Confirmations()
        self.task: BackgroundTask | None = None
        self.dialog: BatchSummaryDialog | None = None

    def import_files(self, paths: Sequence[Path]) -> None:
        self.pending.extend(paths)
        if self.task is None:
            self._next()

    def _next(self) -> None:
        if not self.pending:
            return
        paths, self.pending = self.pending, []
        db, confirmed = self.context.db, self.confirmations
        self.task = run_in_background(
            self.parent_widget, _("Importing submissions"),
            lambda progress: import_batch(db, paths, progress, confirmed=confirmed),
            bus=self.context.bus, topics=lambda result: result.topics, on_success=self._show)
        self.task.finished.connect(self._task_finished)

    def _task_finished(self) -> None:
        self.task = None
        self._next()

    def _show(self, result: BatchResult) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = BatchSummaryDialog(self.context, result, self.parent_widget)
        self.dialog.confirmed.connect(self.confirm)
        self.dialog.open()
        self.finished.emit(result)

    def confirm(self, outcome: FileOutcome) -> None:
        """Import a held file again, its key (or, unsigned, the file) confirmed by the officer."""
        keys = {*self.confirmations.keys, *([outcome.fingerprint] if outcome.fingerprint else [])}
        self.confirmations = Confirmations.of(sorted(keys), self.confirmations.unsigned
                                              or not outcome.fingerprint)
        self.import_files([outcome.path])
