"""The Calendar tab: reporting periods with their code, start, end and due date."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.i18n.formats import format_date
from app.models.errors import UserFacingError
from app.models.services.reporting.calendar import (
    CalendarRow,
    PeriodInput,
    calendar_rows,
    suggest_next_period,
)
from app.models.topics import PERIODS
from app.ui.common.context import WorkspaceContext
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.undo_commands import perform
from app.ui.secretariat import commands as commands


class PeriodTableModel(RowTableModel[CalendarRow]):
    def headers(self) -> list[str]:
        return [_("Code"), _("Start"), _("End"), _("Due"), _("Reported")]

    def display(self, row: CalendarRow, column: int) -> Any:
        d = row.data
        return [d.code, format_date(d.start_date), format_date(d.end_date), format_date(d.due_date),
                _("yes") if row.in_use else ""][column]


class CalendarEditor(QWidget):
    def __init__(self, context: WorkspaceContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._undo_stack = context, undo_stack
        self.editing_id: int | None = None
        self.model = PeriodTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("periodTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("periodCode")
        self.start_edit, self.end_edit, self.due_edit = (QDateEdit(), QDateEdit(), QDateEdit())
        for edit, name in ((self.start_edit, "periodStart"), (self.end_edit, "periodEnd"),
                           (self.due_edit, "periodDue")):
            edit.setCalendarPopup(True)
            edit.setObjectName(name)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.heading = QLabel()
        self.new_button, self.save_button, self.delete_button = (QPushButton(), QPushButton(),
                                                                 QPushButton())
        self._captions = [QLabel() for _i in range(4)]
        form = QFormLayout()
        for caption, field in zip(self._captions, (self.code_edit, self.start_edit, self.end_edit,
                                                   self.due_edit), strict=True):
            caption.setBuddy(field)
            form.addRow(caption, field)
        form.addRow(self.error_label)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.delete_button, self.save_button):
            buttons.addWidget(button)
        right = QVBoxLayout()
        right.addWidget(self.heading)
        right.addLayout(form)
        right.addLayout(buttons)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.table, 3)
        layout.addLayout(right, 2)

        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.edit_row(current.row()))
        self.new_button.clicked.connect(lambda: self.start_new())
        self.save_button.clicked.connect(lambda: self.save())
        self.delete_button.clicked.connect(lambda: self.delete())
        context.bus.changed.connect(lambda topics: self.reload() if PERIODS in topics else None)
        context.language.language_changed.connect(self.retranslate)
        self.reload()
        self.retranslate()
        self.start_new()

    @shows_storage_errors
    def reload(self) -> None:
        with self._context.db.reading() as session:
            self.model.set_rows(calendar_rows(session))
        if self.editing_id is None:
            self.table.scrollToBottom()
            return
        for row, item in enumerate(self.model.rows):
            if item.id == self.editing_id:
                self.table.selectRow(row)

    def _load(self, data: PeriodInput) -> None:
        self.code_edit.setText(data.code)
        self.start_edit.setDate(QDate(data.start_date))
        self.end_edit.setDate(QDate(data.end_date))
        self.due_edit.setDate(QDate(data.due_date))
        self.error_label.setText("")

    def edit_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            item = self.model.rows[row]
            self.editing_id = item.id
            self._load(item.data)
            self.delete_button.setEnabled(not item.in_use)
            self.retranslate()

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
        return PeriodInput(self.code_edit.text(), self.start_edit.date().toPython(),
                           self.end_edit.date().toPython(), self.due_edit.date().toPython())

    def save(self) -> bool:
        data = self.value()
        try:
            if self.editing_id is None:
                command = commands.add_period(self._context, data, self._show)
                perform(self._undo_stack, command)
                self.editing_id = command.state["id"]
                self.reload()
            else:
                perform(self._undo_stack, commands.edit_period(self._context, self.editing_id, data,
                                                               self._show))
        except UserFacingError as error:
            self._show(error.message())
            return False
        self.error_label.setText("")
        self.retranslate()
        return True

    def delete(self) -> bool:
        if self.editing_id is None:
            return False
        try:
            perform(self._undo_stack, commands.delete_period(self._context, self.editing_id, self._show))
        except UserFacingError as error:
            self._show(error.message())
            return False
        self.start_new()
        return True

    def _show(self, message: str) -> None:
        self.error_label.setText(message)

    def retranslate(self, *_args: object) -> None:
        for caption, text in zip(self._captions, (_("&Code:"), _("&Start:"), _("&End:"),
                                                  _("&Due date:")), strict=True):
            caption.setText(text)
        self.heading.setText("<b>" + (_("New period") if self.editing_id is None
                                      else _("Edit period")) + "</b>")
        self.new_button.setText(_("&New period"))
        self.save_button.setText(_("&Save"))
        self.delete_button.setText(_("&Delete"))
        self.delete_button.setToolTip(_("Only a period nothing was reported for can be deleted."))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
