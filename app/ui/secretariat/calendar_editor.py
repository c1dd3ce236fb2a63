"""The Calendar tab: reporting periods with their code, start, end and due date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import format_date
from app.models.services.reporting.calendar import (
    CalendarRow,
    PeriodInput,
    calendar_rows,
    suggest_next_period,
)
from app.models.topics import PERIODS
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.date_field import DateEdit, from_qdate, to_qdate
from app.ui.common.form_parts import captioned_rows, record_table
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.secretariat import commands as commands
from app.ui.secretariat.record_editor import RecordEditor


class PeriodTableModel(RowTableModel[CalendarRow]):
    def headers(self) -> list[str]:
        return [_("Code"), _("Start"), _("End"), _("Due"), _("Reported")]

    def display(self, row: CalendarRow, column: int) -> Any:
        d = row.data
        return [d.code, format_date(d.start_date), format_date(d.end_date), format_date(d.due_date),
                _("yes") if row.in_use else ""][column]


class CalendarEditor(RecordEditor):
    def __init__(self, context: WorkspaceContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(context, undo_stack, parent)
        self.model = PeriodTableModel(self)
        self.table = record_table("periodTable", self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("periodCode")
        self.start_edit, self.end_edit, self.due_edit = (DateEdit(), DateEdit(), DateEdit())
        for edit, name in ((self.start_edit, "periodStart"), (self.end_edit, "periodEnd"),
                           (self.due_edit, "periodDue")):
            edit.setCalendarPopup(True)
            edit.setObjectName(name)
        self.delete_button = QPushButton()
        form = QFormLayout()
        self._captions = captioned_rows(form, (self.code_edit, self.start_edit, self.end_edit,
                                               self.due_edit))
        form.addRow(self.error_label)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.save_button):
            buttons.addWidget(button)
        right = self._form_column(form, buttons)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(right, 2)

        self.delete_button.clicked.connect(lambda: self.delete())
        self._start(PERIODS)

    def rows(self, session: Session) -> list[CalendarRow]:
        return calendar_rows(session)

    def reloaded(self) -> None:
        if self.editing_id is None:
            self.table.scrollToBottom()
            return
        for row, item in enumerate(self.model.rows):
            if item.id == self.editing_id:
                self.table.selectRow(row)

    def _load(self, data: PeriodInput) -> None:
        self.code_edit.setText(data.code)
        self.start_edit.setDate(to_qdate(data.start_date))
        self.end_edit.setDate(to_qdate(data.end_date))
        self.due_edit.setDate(to_qdate(data.due_date))
        self.error_label.setText("")

    def show_record(self, record: CalendarRow) -> None:
        self._load(record.data)
        self.delete_button.setEnabled(not record.in_use)

    @shows_storage_errors
    def start_new(self) -> None:
        with self._context.db.reading() as session:
            suggestion = suggest_next_period(session)
        self.editing_id = None
        self.table.clearSelection()
        self._load(suggestion)
        self.delete_button.setEnabled(False)
        self.retranslate()

    def value(self) -> PeriodInput:
        return PeriodInput(self.code_edit.text(), from_qdate(self.start_edit.date()),
                           from_qdate(self.end_edit.date()), from_qdate(self.due_edit.date()))

    def save(self) -> bool:
        data = self.value()
        if self.editing_id is not None:
            done = self._perform(commands.edit_period(self._context, self.editing_id, data,
                                                      self._show))
        else:
            command = commands.add_period(self._context, data, self._show)
            done = self._perform(command)
            if done:
                self.editing_id = command.state["id"]
                self.reload()
        if done:
            self.retranslate()
        return done

    def delete(self) -> bool:
        if self.editing_id is None or not self._perform(
                commands.delete_period(self._context, self.editing_id, self._show)):
            return False
        self.start_new()
        return True

    def retranslate(self, *_args: object) -> None:
        for caption, text in zip(self._captions, (_("&Code:"), _("S&tart:"), _("&End:"),
                                                  _("D&ue date:")), strict=True):
            caption.setText(text)
        self.heading.setText("<b>" + (_("New period") if self.editing_id is None
                                      else _("Edit period")) + "</b>")
        self.new_button.setText(_("&New period"))
        self.save_button.setText(_("&Save"))
        self.delete_button.setText(_("&Delete"))
        self.delete_button.setToolTip(_("Only a period nothing was reported for can be deleted."))
        set_view_name(self.table, _("Reporting periods"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
