"""Pick the reporting period; see its due date and whether it is locked; submit or reopen it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.i18n import _, ngettext
from app.i18n.formats import format_date, format_number, format_period, sentence_case
from app.models.orm.enums import label
from app.models.services.reporting.periods import PeriodState, period_states
from app.models.services.reporting.receipts import receipt_line
from app.models.topics import PERIODS, SUBMISSIONS
from app.ui.common.context import WorkspaceContext
from app.ui.common.palette_colours import INFO, keep_styled, note_style
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.undo_commands import Reporter
from app.ui.coordinator.commands import ChangeLock
from app.ui.coordinator.period_selection import PeriodSelection


def due_text(state: PeriodState, days: int) -> str:
    """"Due 31 Jan 2027 · 66 days left", or how long ago the due date passed."""
    due = format_date(state.due_date)
    if days > 0:
        left = ngettext("{n} day left", "{n} days left", days).format(n=format_number(days))
    elif days == 0:
        left = _("due today")
    else:
        left = ngettext("{n} day late", "{n} days late", -days).format(n=format_number(-days))
    return _("Due {date} · {left}").format(date=due, left=left)


class PeriodBar(QWidget):
    """`locked_changed` tells the panel to make its editors read-only or editable."""

    locked_changed = Signal(bool)

    def __init__(self, context: WorkspaceContext, selection: PeriodSelection, stack: QUndoStack,
                 report: Reporter, *, with_lock: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._selection, self._stack = context, selection, stack
        self._report = report
        self._with_lock = with_lock and bool(context.country)
        self._states: list[PeriodState] = []
        self._locked_shown: bool | None = None
        self.period_label = QLabel()
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(16)
        self.period_label.setBuddy(self.combo)
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)  # large text on a small screen
        self.submit_button = QPushButton()
        self.reopen_button = QPushButton()
        self.banner = QLabel()
        self.banner.setObjectName("lockBanner")
        self.banner.setWordWrap(True)
        keep_styled(self.banner, lambda: note_style("QLabel#lockBanner", INFO, padding="6px 8px"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.period_label, self.combo, self.due_label):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.submit_button)
        row.addWidget(self.reopen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        self.combo.activated.connect(self._chosen)
        self.submit_button.clicked.connect(lambda: self._change_lock(True))
        self.reopen_button.clicked.connect(lambda: self._change_lock(False))
        selection.changed.connect(lambda _id: self._show_selected())
        context.bus.changed.connect(self._data_changed)
        context.language.language_changed.connect(self.retranslate)
        self.reload()

    @property
    def state(self) -> PeriodState | None:
        return next((s for s in self._states if s.id == self._selection.period_id), None)

    @property
    def locked(self) -> bool:
        state = self.state
        return bool(self._with_lock and state and state.locked)

    @shows_storage_errors
    def reload(self) -> None:
        with self._context.db.reading() as session:
            self._states = period_states(session, self._context.country, self._context.today())
        self.retranslate()

    def retranslate(self, *_args: object) -> None:
        self.period_label.setText(_("Reporting &period:"))
        self.submit_button.setText(_("Mark as &submitted"))
        self.submit_button.setToolTip(_(
            "Lock this period once its report is approved: it becomes read-only until reopened."))
        self.reopen_button.setText(_("&Reopen"))
        self.reopen_button.setToolTip(_(
            "Make this period editable again; the next export will be a new revision."))
        self.combo.blockSignals(True)
        self.combo.clear()
        for state in self._states:
            text = format_period(state.code)
            if self._with_lock and state.locked:
                text = _("{period} · submitted").format(period=text)
            self.combo.addItem(text, state.id)
            self.combo.setItemData(self.combo.count() - 1, state.code, Qt.ItemDataRole.ToolTipRole)
        self.combo.blockSignals(False)
        self._show_selected()

    def _show_selected(self) -> None:
        index = self.combo.findData(self._selection.period_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
        state = self.state
        if state is None:
            self.due_label.clear()
            self.banner.hide()
            return
        locked = self.locked
        if locked:
            self.due_label.setText(_("Due {date}").format(date=format_date(state.due_date)))
        else:
            self.due_label.setText(due_text(state, (state.due_date - self._context.today()).days))
        self.submit_button.setVisible(self._with_lock and not locked)
        self.reopen_button.setVisible(self._with_lock and locked)
        receipt = self.receipt_text()
        self.banner.setVisible(locked or bool(receipt))
        texts = [receipt] if receipt else []
        if locked:
            texts.insert(0, sentence_case(_(
                "{period} has been submitted (revision {revision}, {state}) and is read-only. "
                "Reopen it to make changes; the next export will be a new revision.").format(
                    period=format_period(state.code), revision=state.revision,
                    state=label(state.state) if state.state else "")))
        self.banner.setText("\n".join(texts))
        if locked != self._locked_shown:
            self._locked_shown = locked
            self.locked_changed.emit(locked)

    @shows_storage_errors
    def receipt_text(self) -> str:
        """The secretariat's receipt of the shown period, as the coordinator imported it."""
        country = self._context.profile.country_code
        if not (self._with_lock and country and self._selection.period_id is not None):
            return ""
        with self._context.db.reading() as session:
            return receipt_line(session, country, self._selection.period_id)

    def _chosen(self, index: int) -> None:
        self._selection.set_period(int(self.combo.itemData(index)))

    def _change_lock(self, submit: bool) -> None:
        if self._selection.period_id is not None:
            self._stack.push(ChangeLock(self._context, self._selection.period_id, submit,
                                        self._report))

    def _data_changed(self, topics: frozenset[str]) -> None:
        if topics & {SUBMISSIONS, PERIODS}:
            self.reload()
