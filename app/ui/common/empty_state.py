"""What an empty list is for and what to do next, written across the list itself.

An empty table said nothing to a newcomer. `EmptyState` shows a short text with a link inside the
view's viewport whenever the view's model has no rows; the text is asked for again when the rows
or the language change, so it can tell "nothing yet" from "nothing matches the filters".
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel

STYLE = "QLabel#emptyState { color: palette(text); background: transparent; padding: 24px; }"


class EmptyState(QObject):
    """`message()` gives rich text (with `<a href="…">` links) or None while there are rows."""

    def __init__(self, view: QAbstractItemView, message: Callable[[], str | None],
                 on_link: Callable[[str], None]) -> None:
        super().__init__(view)
        self._view, self._message = view, message
        self.label = QLabel(view.viewport())
        self.label.setObjectName("emptyState")
        self.label.setStyleSheet(STYLE)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.label.linkActivated.connect(on_link)
        self.label.hide()
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved,
                       model.layoutChanged):
            signal.connect(self.update)
        view.viewport().installEventFilter(self)
        self.update()

    def update(self, *_args: object) -> None:
        text = self._message() if self._view.model().rowCount() == 0 else None
        self.label.setVisible(bool(text))
        if text:
            self.label.setText(text)
            self._place()

    def _place(self) -> None:
        self.label.setGeometry(self._view.viewport().rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)
