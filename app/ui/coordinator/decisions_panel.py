"""Decisions follow-up: each meeting's decisions, with where this country stands on each."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language
from app.models.orm.base import pick_language
from app.models.orm.enums import FollowUpStatus, label
from app.models.services.reporting.followup import FollowUpInput, follow_up_input, meetings_with_follow_up
from app.models.topics import DECISIONS
from app.ui.common.accessible import set_view_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.lazy_panel import LazyPanel
from app.ui.common.message_bar import MessageBar
from app.ui.common.plain_text import shown
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.coordinator.delegates import EnumDelegate
from app.ui.coordinator.followup_model import NOTE, STATUS, TEXT, DecisionRole, FollowUpModel
from app.ui.coordinator.record_commands import EditFollowUp

SAVE_DELAY_MS = 800


class DecisionsPanel(LazyPanel):
    def __init__(self, context: WorkspaceContext, stack: QUndoStack,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._stack = context, stack
        self._loading = False
        self.model = FollowUpModel(self)
        self.view = QTreeView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setUniformRowHeights(False)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setItemDelegateForColumn(STATUS, EnumDelegate(list(FollowUpStatus), self.view))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Fixed)
        self.view.setColumnWidth(STATUS, 140)
        self.view.setColumnWidth(NOTE, 240)
        self.text_label = QLabel()
        self.text_label.setWordWrap(True)
        self.status_combo = QComboBox()
        for member in FollowUpStatus:
            self.status_combo.addItem(label(member), member.value)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.status_label, self.note_label = QLabel(), QLabel()
        self.status_label.setBuddy(self.status_combo)
        self.note_label.setBuddy(self.note_edit)
        detail = QWidget()
        form = QFormLayout(detail)
        form.addRow(self.text_label)
        form.addRow(self.status_label, self.status_combo)
        form.addRow(self.note_label, self.note_edit)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("decisionsSplitter")
        splitter.addWidget(self.view)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 220])
        self.messages = MessageBar()
        self.messages.clear_errors_on(context.bus.edit_saved)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.messages)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self._note_pending_for: int | None = None
        self.model.status_edit_requested.connect(self._status_set)
        self.status_combo.activated.connect(
            lambda i: self._status_set(self._current_id(), self.status_combo.itemData(i)))
        self.note_edit.textChanged.connect(self._note_typed)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self._show_current())
        context.bus.changed.connect(lambda topics: self.refresh() if DECISIONS in topics else None)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()

    def load(self, keep_shown: bool = False) -> None:
        if not self._context.country:
            return
        with self._context.db.reading() as session:
            meetings = meetings_with_follow_up(session, self._context.country)
        first = self.model.rowCount() == 0
        self.model.set_meetings(meetings)
        for row in range(self.model.rowCount()):
            self.view.setFirstColumnSpanned(row, self.view.rootIndex(), True)
        if first:
            self.view.expandAll()
            first_meeting = self.model.index(0, 0)
            if self.model.rowCount(first_meeting):
                self.view.setCurrentIndex(self.model.index(0, 0, first_meeting))
        self._show_current()

    def _current_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.index(index.row(), 0, index.parent()).data(DecisionRole) \
            if index.isValid() else None

    def _show_current(self) -> None:
        decision = self.model.decision(self.view.currentIndex())
        if self._note_pending_for is not None and (decision is None
                                                   or decision.id != self._note_pending_for):
            self.flush()
        self._loading = True
        try:
            editable = decision is not None
            self.status_combo.setEnabled(editable)
            self.note_edit.setReadOnly(not editable)
            if decision is None:
                self.text_label.setText(_("Choose a decision to record where the country stands."))
                self.status_combo.setCurrentIndex(0)
                self.note_edit.clear()
                return
            self.text_label.setText(shown(
                f"{decision.number}. {pick_language(decision.texts, current_language())}"))
            follow_up = decision.follow_up or FollowUpInput()
            self.status_combo.setCurrentIndex(self.status_combo.findData(follow_up.status.value))
            if self._note_pending_for != decision.id and self.note_edit.toPlainText() != follow_up.note:
                self.note_edit.setPlainText(follow_up.note)
        finally:
            self._loading = False

    @shows_storage_errors
    def _status_set(self, decision_id: int | None, status: str) -> None:
        if decision_id is None:
            return
        self.flush()
        with self._context.db.reading() as session:
            old = follow_up_input(session, decision_id, self._context.country or "")
        new = FollowUpInput(FollowUpStatus(status), old.note if old else "")
        if new != old:
            self._stack.push(EditFollowUp(self._context, decision_id, old, new,
                                          self.messages.show_error))

    def _note_typed(self) -> None:
        if self._loading or self._current_id() is None:
            return
        self._note_pending_for = self._current_id()
        self._timer.start()

    @shows_storage_errors
    def flush(self) -> None:
        """Save the note typed so far (also when leaving the tab or closing the window)."""
        self._timer.stop()
        decision_id, self._note_pending_for = self._note_pending_for, None
        if decision_id is None:
            return
        with self._context.db.reading() as session:
            old = follow_up_input(session, decision_id, self._context.country or "")
        new = FollowUpInput(old.status if old else FollowUpStatus.NOT_STARTED,
                            self.note_edit.toPlainText())
        if new != old:
            self._stack.push(EditFollowUp(self._context, decision_id, old, new,
                                          self.messages.show_error, merge=True))

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def step(self, delta: int) -> None:
        self.flush()
        index = self.view.indexBelow(self.view.currentIndex()) if delta > 0 else \
            self.view.indexAbove(self.view.currentIndex())
        if index.isValid():
            self.view.setCurrentIndex(index)

    def retranslate(self, *_args: object) -> None:
        self.status_label.setText(_("&Status:"))
        self.note_label.setText(_("&Note:"))
        self.note_edit.setPlaceholderText(_("What the country has done about this decision"))
        set_view_name(self.view, _("Decisions and their follow-up"))
        for index, member in enumerate(FollowUpStatus):
            self.status_combo.setItemText(index, label(member))
        self.model.retranslate()
        self._show_current()
