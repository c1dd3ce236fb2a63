"""The Completeness tab: who has reported, per country and period; click a cell to see the report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QPainter, QPen, QUndoStack
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language, isolate, separator
from app.i18n.formats import country_name, format_number
from app.models.errors import UserFacingError
from app.models.services.regional.completeness import (
    CellState,
    CompletenessMatrix,
    completeness_matrix,
    coverage,
    periods_in_range,
)
from app.models.topics import COMMITMENTS, MEMBERSHIPS, PERIODS, PROGRESS, SUBMISSIONS
from app.reports.mail.message import ReceiptMailInfo
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.plain_text import shown
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.undo_commands import perform
from app.ui.files.send_mail_dialog import SendReceiptDialog
from app.ui.secretariat import commands as commands
from app.ui.secretariat.acknowledge_dialog import AcknowledgeDialog
from app.ui.secretariat.completeness_models import CellRole, CompletenessModel, CoverageModel, SortRole
from app.ui.secretariat.country_period_panel import CountryPeriodPanel
from app.ui.secretariat.regional_filter_bar import RegionalFilteredView


class FramedSelectionDelegate(QStyledItemDelegate):
    """The selected cell keeps its colour, which carries meaning, and gets a frame instead."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        if selected:
            painter.save()
            painter.setPen(QPen(option.palette.highlight().color(), 3))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class CompletenessView(RegionalFilteredView):
    topics = frozenset({SUBMISSIONS, PERIODS, MEMBERSHIPS, PROGRESS, COMMITMENTS})

    def __init__(self, context: WorkspaceContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(context, parent, today)
        self._undo_stack = undo_stack
        #: The receipt written by the last acknowledgement.
        self.receipt_path: Path | None = None
        self._receipts: dict[int, Path] = {}
        #: The last "Send by e-mail…" dialog (its receipt attached).
        self.send_dialog: SendReceiptDialog | None = None
        self.summary_label = QLabel()
        self.summary_label.setObjectName("completenessSummary")
        self.summary_label.setWordWrap(True)
        self.model = CompletenessModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.matrix_view = QTableView()
        self.matrix_view.setObjectName("completenessMatrix")
        self.matrix_view.setModel(self.proxy)
        self.matrix_view.setSortingEnabled(False)
        self.matrix_view.setWordWrap(True)
        self.matrix_view.setTabKeyNavigation(False)  # Tab leaves the matrix; arrows move in it
        self.matrix_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.matrix_view.setItemDelegate(FramedSelectionDelegate(self.matrix_view))
        self.matrix_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.coverage_model = CoverageModel(self)
        self.coverage_view = QTableView()
        self.coverage_view.setObjectName("coverageTable")
        self.coverage_view.setModel(self.coverage_model)
        self.coverage_view.setTabKeyNavigation(False)
        self.coverage_view.verticalHeader().setVisible(False)
        self.report_panel = CountryPeriodPanel(context)
        self.bottom = QTabWidget()
        self.bottom.addTab(self.report_panel, "")
        self.bottom.addTab(self.coverage_view, "")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("completenessSplitter")
        self.splitter.addWidget(self.matrix_view)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.splitter, 1)

        self.matrix_view.clicked.connect(self._cell_clicked)
        self.matrix_view.activated.connect(self._cell_clicked)  # Enter does what a click does
        self.report_panel.acknowledge_requested.connect(self.acknowledge)
        self.report_panel.compose_requested.connect(self.send_receipt)
        self._follow_changes()

    # --- data ---------------------------------------------------------------------------------
    @shows_storage_errors
    def reload(self) -> None:
        flt = self.current_filter()
        with self._context.db.reading() as session:
            periods = periods_in_range(session, flt.first_period, flt.last_period, today=self._today)
            matrix = completeness_matrix(session, periods, today=self._today,
                                         countries=list(flt.countries) or None,
                                         roles=set(flt.roles) or None)
            countries = [row.country for row in matrix.rows]
            shares = coverage(session, [p.id for p in periods], countries)
        self.model.set_matrix(matrix)
        self.coverage_model.set_data(countries, [(p.id, p.code) for p in matrix.periods], shares)
        header = self.matrix_view.horizontalHeader()
        header.setMinimumSectionSize(124)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.report_panel.refresh()
        self._update_summary(matrix)

    def _update_summary(self, matrix: CompletenessMatrix) -> None:
        counts = matrix.counts()
        record = matrix.record()  # the same counts as the workbook's and the brief's header
        edited = sum(1 for row in matrix.rows for cell in row.cells if cell.edited)
        n = format_number
        self.summary_label.setText(_(
            "{received} of {due} reports due have been received ({late} late, {edited} edited after "
            "export); {acknowledged} acknowledged; {missing} missing.").format(
                received=n(record.received), due=n(record.expected), late=n(record.late),
                edited=n(edited), acknowledged=n(counts[CellState.ACKNOWLEDGED]),
                missing=n(counts[CellState.MISSING])))

    # --- actions --------------------------------------------------------------------------------
    def _cell_clicked(self, index: QModelIndex) -> None:
        cell = self.proxy.mapToSource(index).data(CellRole)
        if cell is None:
            return
        self.report_panel.show_report(cell.country, cell.period_id)
        self.bottom.setCurrentWidget(self.report_panel)

    def open_cell(self, country: str, period_code: str) -> None:
        """Select a cell as a click would (also for tests and for links from other views)."""
        for row in range(self.model.rowCount()):
            if self.model.matrix.rows[row].country != country:
                continue
            for offset, period in enumerate(self.model.matrix.periods):
                if period.code == period_code:
                    source = self.model.index(row, offset)
                    index = self.proxy.mapFromSource(source)
                    self.matrix_view.setCurrentIndex(index)
                    self._cell_clicked(index)
                    return

    def acknowledge(self, submission_id: int, note: str | None = None) -> None:
        """Ask for the note (unless given) and acknowledge, undoably; then offer the e-mail."""
        data = self.report_panel.data
        compose = False
        if note is None:
            what = f"{country_name(data.country)}{separator()}{isolate(data.period_code)}" if data else ""
            latest = data.latest if data else None
            cells = latest.edited_cells if latest and latest.edited_after_export else ()
            dialog = AcknowledgeDialog(what, self, cells)
            if dialog.exec() != AcknowledgeDialog.DialogCode.Accepted:
                return
            note, compose = dialog.note(), dialog.compose()
        try:
            perform(self._undo_stack, commands.acknowledge(
                self._context, submission_id, note, self._show_error))
        except UserFacingError as error:
            self._show_error(error.message())
            return
        self.receipt_path = self.write_receipt(submission_id, announce=not compose)
        if compose:
            self.send_receipt()

    def write_receipt(self, submission_id: int, folder: Path | None = None,
                      announce: bool = True) -> Path | None:
        """The signed receipt the coordinator imports (AP_RECEIPT_…), in `receipts/` beside the
        workspace unless a folder is given; in the language of the workbook it acknowledges."""
        from app.reports.receipt.writer import write_receipt

        folder = folder or self._context.db.path.parent / "receipts"
        try:
            folder.mkdir(exist_ok=True)
            with self._context.db.transaction() as session:
                path = write_receipt(session, submission_id, folder,
                                     self._workbook_language(submission_id))
        except OSError as error:
            self._show_error(str(error))
            return None
        except UserFacingError as error:
            self._show_error(error.message())
            return None
        self._receipts[submission_id] = path
        window = self.window()
        if isinstance(window, QMainWindow):
            text = _("Receipt written: {path}. Attach it to the e-mail to the coordinator.") \
                if announce else _("Receipt written: {path}")
            window.statusBar().showMessage(text.format(path=isolate(str(path))), 15000)
        return path

    def _workbook_language(self, submission_id: int) -> str:
        """The language the coordinator's workbook was written in (the interface's for
        submissions received before it was kept)."""
        data = self.report_panel.data
        info = next((s for s in data.submissions if s.id == submission_id), None) if data else None
        return (info.language if info else "") or current_language()

    def send_receipt(self) -> SendReceiptDialog | None:
        """Send by e-mail…: the shown submission's receipt (written again if it is not on disk)
        to the coordinator's address from the received workbook, through the mail program."""
        data = self.report_panel.data
        latest = data.latest if data else None
        if data is None or latest is None:
            return None
        receipt = self._receipts.get(latest.id)
        if receipt is None or not receipt.exists():
            receipt = self.write_receipt(latest.id, announce=False)
        if receipt is None:
            return None
        info = ReceiptMailInfo(data.country, data.period_code, latest.revision, latest.file_name,
                               latest.acknowledged_at, latest.note,
                               latest.edited_cells if latest.edited_after_export else ())
        self.send_dialog = SendReceiptDialog(self._context, receipt, latest.contact_email, info,
                                             latest.language or current_language(), self)
        self.send_dialog.open()
        return self.send_dialog

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, _("Acknowledge submission"), shown(message))

    def retranslate(self, *_args: object) -> None:
        self.filter_bar.retranslate()
        self.bottom.setTabText(0, _("Selected report"))
        self.bottom.setTabText(1, _("Share of commitments updated"))
        set_view_name(self.matrix_view, _("Completeness by country and period"),
                  _("One row a country, one column a period; choose a cell to see that report"))
        set_view_name(self.coverage_view, _("Share of commitments updated"))
        self.model.retranslate()
        self.report_panel.retranslate()
        self._update_summary(self.model.matrix)
