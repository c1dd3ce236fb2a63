"""A table of records beside a form that adds or corrects one: the part the calendar and the
membership editors share (their undoable saves, the refusal line, reloading on their topic)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from app.models.errors import UserFacingError
from app.ui.common.accessible import refuse
from app.ui.common.context import WorkspaceContext
from app.ui.common.form_parts import error_label
from app.ui.common.row_table_model import RowTableModel
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.undo_commands import ServiceCommand, perform


class RecordEditor(QWidget):
    def __init__(self, context: WorkspaceContext, undo_stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._undo_stack = context, undo_stack
        self.editing_id: int | None = None
        self.error_label = error_label()
        self.heading = QLabel()
        self.new_button, self.save_button = QPushButton(), QPushButton()

    #: Set by the subclass before `_start`: the records and the table that shows them.
    model: RowTableModel[Any]
    table: QTableView

    def rows(self, session: Session) -> list[Any]:
        """The records to list, read in the reload's session."""
        raise NotImplementedError

    def reloaded(self) -> None:
        """After the records were read again (select the one being edited, refill choices)."""

    def show_record(self, record: Any) -> None:
        """Put the record's values into the form (`record.data`), and anything else it decides."""
        raise NotImplementedError

    def edit_row(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            record = self.model.rows[row]
            self.editing_id = record.id
            self.show_record(record)
            self.retranslate()

    @shows_storage_errors
    def reload(self) -> None:
        with self._context.db.reading() as session:
            self.model.set_rows(self.rows(session))
        self.reloaded()

    def retranslate(self, *_args: object) -> None:
        raise NotImplementedError

    def start_new(self) -> None:
        raise NotImplementedError

    def save(self) -> bool:
        raise NotImplementedError

    def _form_column(self, form: QFormLayout, buttons: QLayout) -> QVBoxLayout:
        """The heading ("New …" or "Edit …"), the form and its buttons, top-aligned."""
        column = QVBoxLayout()
        column.addWidget(self.heading)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addStretch(1)
        return column

    def _start(self, topic: str) -> None:
        """Call at the end of the subclass's constructor: follow `topic` and the language."""
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.edit_row(self._source_row(current)))
        self.new_button.clicked.connect(lambda: self.start_new())
        self.save_button.clicked.connect(lambda: self.save())
        self._context.bus.changed.connect(lambda topics: self.reload() if topic in topics else None)
        self._context.language.language_changed.connect(self.retranslate)
        self.reload()
        self.retranslate()
        self.start_new()

    def _source_row(self, index: QModelIndex) -> int:
        view_model = self.table.model()
        if isinstance(view_model, QSortFilterProxyModel):
            index = view_model.mapToSource(index)
        return index.row()

    def _perform(self, command: ServiceCommand) -> bool:
        """Make the edit; a refusal is shown under the form and nothing is put on the stack."""
        try:
            perform(self._undo_stack, command)
        except UserFacingError as error:
            self._show(error.message())
            return False
        self.error_label.setText("")
        return True

    def _show(self, message: str) -> None:
        refuse(self.error_label, message)
