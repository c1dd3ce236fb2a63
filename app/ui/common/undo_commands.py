"""Undoable edits: a service call and its inverse, each one transaction, pushed on the undo stack.

One command type and one error policy for every panel. A refused step (a validation message, a
database another program holds, a full disk) changes nothing, drops the command from the stack and
shows why through the panel's `Reporter`; every step then announces its topics, so each view shows
what the database really holds.

Two ways to make an edit: `stack.push(command)` runs it at once (errors go to the reporter), while
`perform(stack, command)` runs it first and pushes it only if it succeeded, so that a form can show
a refusal beside its fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from app.models.errors import DatabaseUnavailableError, UserFacingError
from app.ui.common.context import WorkspaceContext

#: Shows a message to the user (a panel's message bar).
Reporter = Callable[[str], None]
Step = Callable[[Session], object]


class ServiceCommand(QUndoCommand):
    """Runs `apply(session, forward)` in one transaction, then announces `topics`."""

    def __init__(self, context: WorkspaceContext, text: str, topics: tuple[str, ...],
                 report: Reporter) -> None:
        super().__init__(text)
        self.context = context
        self._topics = topics
        self._report = report
        self._done_once = False

    def apply(self, session: Session, forward: bool) -> None:
        raise NotImplementedError

    def run_first(self) -> None:
        """Make the edit; raises UserFacingError (nothing pushed, nothing changed) if refused."""
        self._transaction(True)
        self._done_once = True
        self.context.bus.edit_saved.emit()
        self.context.bus.announce(*self._topics)

    def redo(self) -> None:
        if self._done_once:  # pushed by `perform`: the edit has been made already
            self._done_once = False
            return
        self._run(True)

    def undo(self) -> None:
        self._run(False)

    def _transaction(self, forward: bool) -> None:
        db = self.context.db
        try:
            with db.transaction() as session:
                self.apply(session, forward)
        except SQLAlchemyError as error:
            raise DatabaseUnavailableError(str(db.path), str(getattr(error, "orig", error))) from error

    def _run(self, forward: bool) -> None:
        try:
            self._transaction(forward)
        except UserFacingError as error:
            self.setObsolete(True)
            self._report(error.message())
        else:
            self.context.bus.edit_saved.emit()
        self.context.bus.announce(*self._topics)


class StepCommand(ServiceCommand):
    """A command from two functions, `do` and `undo`; `state` is what they share (e.g. a new id)."""

    def __init__(self, context: WorkspaceContext, text: str, do: Step, undo: Step,
                 topics: tuple[str, ...], report: Reporter,
                 state: dict[str, Any] | None = None) -> None:
        super().__init__(context, text, topics, report)
        self._do, self._undo = do, undo
        self.state: dict[str, Any] = state if state is not None else {}

    def apply(self, session: Session, forward: bool) -> None:
        (self._do if forward else self._undo)(session)


def perform(stack: QUndoStack, command: ServiceCommand) -> None:
    """Make the edit now and, if it succeeded, put it on the stack; errors propagate to the form."""
    command.run_first()
    stack.push(command)
