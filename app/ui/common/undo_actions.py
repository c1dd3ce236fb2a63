"""Undo and Redo menu actions whose texts come from our catalog and follow a live language switch.

`QUndoStack.createUndoAction` would label the action with Qt's own "Undo %1", in the language Qt's
translator had when the action was made, and keep that prefix for ever; these re-read it on every
change of the stack and on `retranslate()`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from shiboken6 import isValid

from app.i18n import _


class UndoRedoAction(QAction):
    def __init__(self, stack: QUndoStack, redo: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stack = stack
        self._redo = redo
        if redo:
            self.triggered.connect(stack.redo)
            stack.canRedoChanged.connect(self.setEnabled)
            stack.redoTextChanged.connect(self._show)
            self.setEnabled(stack.canRedo())
        else:
            self.triggered.connect(stack.undo)
            stack.canUndoChanged.connect(self.setEnabled)
            stack.undoTextChanged.connect(self._show)
            self.setEnabled(stack.canUndo())
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        if not isValid(self._stack):  # the window is being torn down
            return
        self._show(self._stack.redoText() if self._redo else self._stack.undoText())

    def _show(self, what: str) -> None:
        """'Undo' alone, or 'Undo <what the next step undoes>' (the command's own, translated text).

        Stack changes bring their text along: a stack being destroyed still announces one, and
        must not be asked for it.
        """
        if self._redo:
            text = _("&Redo {action}").format(action=what) if what else _("&Redo")
        else:
            text = _("&Undo {action}").format(action=what) if what else _("&Undo")
        self.setText(text)
