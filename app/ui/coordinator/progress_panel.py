"""Record progress for a period: the commitments on the left, the chosen one's record on the right."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.i18n.formats import format_number
from app.models.services.reporting.commitment_rows import CommitmentRow
from app.models.services.reporting.history import action_codes, progress_history
from app.models.services.reporting.periods import get_period
from app.models.services.reporting.progress import copy_candidates
from app.models.topics import COMMITMENTS, PLAN, PROGRESS, SUBMISSIONS
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.message_bar import MessageBar
from app.ui.common.screen_fit import scrolling
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.coordinator.commitment_model import Column
from app.ui.coordinator.commitment_table import CommitmentTable
from app.ui.coordinator.filter_bar import FilterBar
from app.ui.coordinator.history_dialog import HistoryDialog
from app.ui.coordinator.period_bar import PeriodBar
from app.ui.coordinator.period_rows import PeriodRowsCache
from app.ui.coordinator.period_rows_panel import PeriodRowsPanel
from app.ui.coordinator.period_selection import PeriodSelection
from app.ui.coordinator.progress_form import ProgressForm
from app.ui.coordinator.record_commands import CopyFromPrevious, push_cell_progress_edit

COLUMNS = [Column.CODE, Column.DESCRIPTION, Column.STATUS, Column.PERCENT, Column.EVIDENCE]


class ProgressPanel(PeriodRowsPanel):
    topics = frozenset({COMMITMENTS, PROGRESS, PLAN, SUBMISSIONS})

    def __init__(self, context: WorkspaceContext, selection: PeriodSelection, stack: QUndoStack,
                 parent: QWidget | None = None, rows: PeriodRowsCache | None = None) -> None:
        super().__init__(context, selection, parent, rows)
        self._stack = stack
        self.messages = MessageBar()
        self.messages.clear_errors_on(context.bus.edit_saved)
        self.period_bar = PeriodBar(context, selection, stack, self.messages.show_error)
        self.filters = FilterBar(context)
        self.table = CommitmentTable(COLUMNS, show_country=not context.country)
        self.form = ProgressForm(context, stack, self.messages.show_error)
        self.copy_button = QPushButton()
        self.history_button = QPushButton()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)  # large text on a small screen
        tools = QHBoxLayout()
        for button in (self.copy_button, self.history_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.count_label)
        tools.addWidget(self.previous_button)
        tools.addWidget(self.next_button)
        scroll = scrolling(self.form, sideways=False)
        self.splitter = QSplitter()
        self.splitter.setObjectName("progressSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 370])
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.filters)
        layout.addLayout(tools)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.messages)
        self.copy_button.clicked.connect(self.copy_from_previous)
        self.history_button.clicked.connect(self.show_history)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.table.current_changed.connect(lambda _id: self._show_current())
        self.table.source.edit_requested.connect(self._cell_edited)
        self.period_bar.locked_changed.connect(self._locked_changed)
        self.filters.filter_changed.connect(lambda _f: self._filter_changed())
        selection.changed.connect(self._period_changed)
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self._chain_focus()
        self.retranslate()

    def _chain_focus(self) -> None:
        """Tab goes: period, search and filters, the list, then the record from top to bottom."""
        filters, form, evidence = self.filters, self.form, self.form.evidence
        chain = [self.period_bar.combo, filters.search, filters.scope_combo, filters.status_combo,
                 filters.overdue_check, filters.no_update_check, filters.clear_button, self.table,
                 form.status_combo, form.percent_spin, *form.texts.values(),
                 *form.partner_checks.values(), form.others_edit, evidence.view,
                 evidence.title_edit, evidence.add_button, evidence.location_edit,
                 evidence.browse_button, self.copy_button, self.history_button,
                 self.previous_button, self.next_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    @property
    def locked(self) -> bool:
        return self.period_bar.locked

    # --- loading --------------------------------------------------------------------------
    def load(self, keep_shown: bool = False) -> None:
        self.table.source.set_locked(self.locked)
        super().load(keep_shown)

    def _rows_shown(self, rows: list[CommitmentRow], total: int) -> None:
        updated = sum(1 for row in rows if row.has_update)
        self.count_label.setText(_("{shown} of {total} shown · {updated} updated").format(
            shown=format_number(len(rows)), total=format_number(total),
            updated=format_number(updated)))
        self._show_current()

    def _show_current(self) -> None:
        row = self.table.current_row()
        editable = row is not None and not row.retired and not self.locked
        self.form.show_record(row, self._selection.period_id, editable)
        self.history_button.setEnabled(row is not None)
        self.copy_button.setEnabled(not self.locked and bool(self._context.country))

    def _period_changed(self, _period_id: int) -> None:
        self.form.flush()
        self.refresh()

    def _locked_changed(self, locked: bool) -> None:
        self.table.source.set_locked(locked)
        self._show_current()

    # --- actions --------------------------------------------------------------------------
    def set_scope(self, item: tuple[str, int] | None) -> None:
        self.filters.set_scope(item)

    def focus_search(self) -> None:
        self.filters.focus_search()

    def step(self, delta: int) -> None:
        self.form.flush()
        self.table.step(delta)
        self.table.setFocus()

    def show_commitment(self, commitment_id: int) -> None:
        """Put the cursor on a commitment, clearing the filters if they hide it."""
        self.ensure_loaded()
        if not self.table.select_id(commitment_id):
            self.filters.clear()
            self.table.select_id(commitment_id)
        self.table.setFocus()

    @shows_storage_errors
    def copy_from_previous(self) -> None:
        period_id, country = self._selection.period_id, self._context.country
        if period_id is None or not country:
            return
        with self._context.db.reading() as session:
            count = len(copy_candidates(session, country, get_period(session, period_id)))
        if not count:
            self.messages.show_info(_(
                "Nothing to copy: every commitment reported in the previous period already has "
                "an update in this one."))
            return
        self.messages.clear_message()
        self._stack.push(CopyFromPrevious(self._context, period_id, self.messages.show_error))
        self.messages.show_info(ngettext(
            "{n} update copied from the previous period; revise it where things moved on.",
            "{n} updates copied from the previous period; revise them where things moved on.",
            count).format(n=format_number(count)))

    @shows_storage_errors
    def show_history(self) -> HistoryDialog | None:
        row, period_id = self.table.current_row(), self._selection.period_id
        if row is None or period_id is None:
            return None
        self.form.flush()
        with self._context.db.reading() as session:
            entries = progress_history(session, row.id, period_id)
            codes = action_codes(session)
            period_code = get_period(session, period_id).code
        dialog = HistoryDialog(f"{row.action_code} {row.description}", entries, codes, self,
                               self._context.language, period_code=period_code)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _cell_edited(self, commitment_id: int, field: str, value: Any) -> None:
        if self._selection.period_id is not None:
            self.messages.clear_message()
            push_cell_progress_edit(self._stack, self._context, commitment_id,
                                    self._selection.period_id, field, value,
                                    self.messages.show_error)

    def retranslate(self, *_args: object) -> None:
        self.copy_button.setText(_("&Copy from previous period"))
        self.copy_button.setToolTip(_(
            "Fill this period with last period's status, texts and evidence, for every "
            "commitment that has no update here yet. Undo removes them again."))
        self.history_button.setText(_("&History…"))
        self.previous_button.setText(_("◀ Previous"))
        self.previous_button.setToolTip(_("Previous commitment (Shift+F8)"))
        self.next_button.setText(_("Next ▶"))
        self.next_button.setToolTip(_("Next commitment (F8)"))
        set_view_name(self.table, _("Commitments"), _("Choose a commitment to record its progress "
                                                  "in the form beside the list"))
        self.form.retranslate()
        self.table.source.retranslate()
        if not self._stale:
            self.refresh()  # a hidden tab re-reads when shown, not at every switch
