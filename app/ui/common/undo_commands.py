"""Undoable edits: a service call and its inverse, each one transaction, pushed on the undo stack.

An edit runs once when the user makes it; only if it succeeds is the command pushed, so a
refused edit (a validation message) leaves nothing on the stack. Undo and redo run the inverse
and the edit again in fresh transactions and announce what changed, so every view refreshes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from app.models.errors import DatabaseUnavailableError, UserFacingError
from app.ui.common.context import WorkspaceContext

Step = Callable[[Session], object]


class ServiceCommand(QUndoCommand):
    def __init__(self, context: WorkspaceContext, text: str, do: Step, undo: Step,
                 topics: tuple[str, ...], on_error: Callable[[str], None]) -> None:
        super().__init__(text)
        self._context, self._do, self._undo = context, do, undo
        self._topics, self._on_error = topics, on_error
        self._done_once = False

    def _transaction(self, step: Step) -> None:
        """One transaction; a database another program holds locked becomes a message."""
        try:
            with self._context.db.transaction() as session:
                step(session)
        except OperationalError as error:
            raise DatabaseUnavailableError(str(self._context.db.path), str(error.orig)) from error

    def run_first(self) -> None:
        """Make the edit; raises UserFacingError (nothing pushed, nothing changed) if refused."""
        self._transaction(self._do)
        self._done_once = True
        self._context.bus.announce(*self._topics)

    def redo(self) -> None:
        if self._done_once:  # QUndoStack.push calls redo(); the edit has already been made
            self._done_once = False
            return
        self._run(self._do)

    def undo(self) -> None:
        self._run(self._undo)

    def _run(self, step: Step) -> None:
        try:
            self._transaction(step)
        except UserFacingError as error:
            self.setObsolete(True)
            self._on_error(error.message())
        self._context.bus.announce(*self._topics)


def perform(stack: QUndoStack, command: ServiceCommand) -> None:
    """Make the edit now and, if it succeeded, put it on the stack; errors propagate to the form."""
    command.run_first()
    stack.push(command)
