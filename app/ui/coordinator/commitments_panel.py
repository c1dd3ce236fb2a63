"""The country's commitments: find, add (Ctrl+N), edit, retire, and see their history."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.i18n.formats import format_number
from app.models.orm.enums import Priority
from app.models.services.reporting.commitment_rows import CommitmentRow
from app.models.services.reporting.commitments import (
    CommitmentInput,
    known_agencies,
    stored_commitment_input,
)
from app.models.services.reporting.history import action_codes, commitment_history
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.message_bar import MessageBar
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.coordinator.commands import AddCommitment, EditCommitment, RetireCommitment
from app.ui.coordinator.commitment_form import CommitmentForm
from app.ui.coordinator.commitment_model import Column
from app.ui.coordinator.commitment_table import CommitmentTable
from app.ui.coordinator.filter_bar import FilterBar
from app.ui.coordinator.history_dialog import HistoryDialog
from app.ui.coordinator.period_bar import PeriodBar
from app.ui.coordinator.period_rows import PeriodRowsCache
from app.ui.coordinator.period_rows_panel import PeriodRowsPanel
from app.ui.coordinator.period_selection import PeriodSelection
from app.ui.coordinator.record_commands import push_cell_progress_edit

COLUMNS = [Column.CODE, Column.DESCRIPTION, Column.LEAD, Column.PARTNERS, Column.START,
           Column.END, Column.PRIORITY, Column.STATUS, Column.PERCENT]


class CommitmentsPanel(PeriodRowsPanel):
    def __init__(self, context: WorkspaceContext, selection: PeriodSelection, stack: QUndoStack,
                 parent: QWidget | None = None, rows: PeriodRowsCache | None = None) -> None:
        super().__init__(context, selection, parent, rows)
        self._stack = stack
        self._scope: tuple[str, int] | None = None
        self.messages = MessageBar()
        self.messages.clear_errors_on(context.bus.edit_saved)
        self.period_bar = PeriodBar(context, selection, stack, self.messages.show_error,
                                    with_lock=False)
        self.filters = FilterBar(context, with_retired=True)
        self.table = CommitmentTable(COLUMNS, show_country=not context.country)
        self.new_button = QPushButton()
        self.edit_button = QPushButton()
        self.retire_button = QPushButton()
        self.history_button = QPushButton()
        self.count_label = QLabel()
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.retire_button, self.history_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.messages)
        self.new_button.setEnabled(bool(context.country))
        self.new_button.clicked.connect(self.new_commitment)
        self.edit_button.clicked.connect(self.edit_current)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.history_button.clicked.connect(self.show_history)
        self.table.current_changed.connect(lambda _id: self._update_buttons())
        self.table.activated.connect(self._activated)  # a double-click, or Enter
        self.table.source.edit_requested.connect(self._cell_edited)
        self.filters.filter_changed.connect(lambda _f: self._filter_changed())
        selection.changed.connect(lambda _id: self.refresh())
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        filters = self.filters
        chain = [self.period_bar.combo, filters.search, filters.scope_combo, filters.status_combo,
                 filters.overdue_check, filters.no_update_check, filters.retired_check,
                 filters.clear_button, self.table, self.new_button, self.edit_button,
                 self.retire_button, self.history_button]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    # --- loading --------------------------------------------------------------------------
    def _rows_shown(self, rows: list[CommitmentRow], total: int) -> None:
        self.count_label.setText(_("{shown} of {total} commitments").format(
            shown=format_number(len(rows)), total=format_number(total)))
        self._update_buttons()

    # --- actions --------------------------------------------------------------------------
    def set_scope(self, item: tuple[str, int] | None) -> None:
        self._scope = item
        self.filters.set_scope(item)

    def focus_search(self) -> None:
        self.filters.focus_search()

    def step(self, delta: int) -> None:
        self.table.step(delta)

    def new_commitment(self) -> CommitmentForm | None:
        """Open the form for a new commitment, under the action in scope or under the cursor."""
        if not self._context.country:
            return None
        form = self._form(None)
        if self._scope and self._scope[0] == "action":
            form.select_action(self._scope[1])
        elif (row := self.table.current_row()) is not None:
            form.select_action(row.action_id)
        form.accepted.connect(lambda: self._add(form))
        form.open()
        return form

    def _add(self, form: CommitmentForm) -> None:
        if form.data is None:
            return
        command = AddCommitment(self._context, form.data, self.messages.show_error)
        self._stack.push(command)
        self.table.select_id(command.commitment_id)

    @shows_storage_errors
    def edit_current(self) -> CommitmentForm | None:
        commitment_id = self.table.current_id()
        if commitment_id is None:
            return None
        with self._context.db.reading() as session:
            old = stored_commitment_input(session, commitment_id)
        form = self._form(old)
        form.accepted.connect(lambda: self._edit(commitment_id, old, form.data))
        form.open()
        return form

    def _edit(self, commitment_id: int, old: CommitmentInput, new: CommitmentInput | None) -> None:
        if new is not None and new != old:
            self._stack.push(EditCommitment(self._context, commitment_id, old, new,
                                            self.messages.show_error))

    def toggle_retired(self) -> None:
        row = self.table.current_row()
        if row is not None:
            self._stack.push(RetireCommitment(self._context, row.id, not row.retired,
                                              self.messages.show_error))

    @shows_storage_errors
    def show_history(self) -> HistoryDialog | None:
        row = self.table.current_row()
        if row is None:
            return None
        with self._context.db.reading() as session:
            entries = commitment_history(session, row.id)
            codes = action_codes(session)
        dialog = HistoryDialog(f"{row.action_code} {row.description}", entries, codes, self,
                               self._context.language)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _form(self, data: CommitmentInput | None) -> CommitmentForm:
        with self._context.db.reading() as session:
            agencies = known_agencies(session, self._context.country)
        form = CommitmentForm(self._outline, agencies, data, self, self._context.language)
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return form

    def _activated(self, index: QModelIndex) -> None:
        """A cell edited in place is edited there; any other opens the form."""
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.edit_current()

    @shows_storage_errors
    def _cell_edited(self, commitment_id: int, field: str, value: Any) -> None:
        self.messages.clear_message()
        if field in ("status", "percent"):
            if self._selection.period_id is not None:
                push_cell_progress_edit(self._stack, self._context, commitment_id,
                                        self._selection.period_id, field, value,
                                        self.messages.show_error)
            return
        with self._context.db.reading() as session:
            old = stored_commitment_input(session, commitment_id)
        changes: dict[str, Any] = {field: Priority(value) if field == "priority" else value}
        new = replace(old, **changes)
        self._stack.push(EditCommitment(self._context, commitment_id, old, new,
                                        self.messages.show_error))

    # --- texts ----------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        row = self.table.current_row()
        for button in (self.edit_button, self.history_button, self.retire_button):
            button.setEnabled(row is not None)
        self.edit_button.setEnabled(row is not None and not row.retired)
        self.retire_button.setText(_("Res&tore") if row and row.retired else _("Re&tire"))

    def retranslate(self, *_args: object) -> None:
        self.new_button.setText(_("&New commitment…"))
        self.new_button.setToolTip(_("Add a commitment under the selected action (Ctrl+N)"))
        self.edit_button.setText(_("&Edit…"))
        self.history_button.setText(_("&History…"))
        self.retire_button.setToolTip(_(
            "A retired commitment is kept with its history but no longer reported on."))
        self._update_buttons()
        set_view_name(self.table, _("Commitments"))
        self.table.source.retranslate()
        if not self._stale:
            self.refresh()  # a hidden tab re-reads when shown, not at every switch
