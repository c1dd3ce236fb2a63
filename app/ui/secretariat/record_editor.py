"""A table of records beside a form that adds or corrects one: the part the calendar and the
membership editors share (their undoable saves, the refusal line, reloading on their topic)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFormLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from app.models.errors import UserFacingError
from app.ui.common.context import WorkspaceContext
from app.ui.common.form_parts import error_label
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

    def reload(self) -> None:
        raise NotImplementedError

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
        self.new_button.clicked.connect(lambda: self.start_new())
        self.save_button.clicked.connect(lambda: self.save())
        self._context.bus.changed.connect(lambda topics: self.reload() if topic in topics else None)
        self._context.language.language_changed.connect(self.retranslate)
        self.reload()
        self.retranslate()
        self.start_new()

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
        self.error_label.setText(message)
