"""The progress record of one commitment in one period, saved as you type (no Save button).

Typing waits a moment, then saves; leaving a field, switching record or tab, or closing the
window saves at once. Consecutive typing in one field is one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QHideEvent, QResizeEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, coded, separator
from app.models.orm.enums import ProgressStatus, label
from app.models.services.reporting.commitment_rows import CommitmentRow
from app.models.services.reporting.progress import (
    SUPPORT_PARTNERS,
    ProgressInput,
    get_update,
    join_support_from,
    percent_allowed,
    percent_refusal,
    progress_input,
    split_support_from,
    with_percent,
    with_status,
)
from app.ui.common.accessible import set_name
from app.ui.common.context import WorkspaceContext
from app.ui.common.palette_colours import keep_styled
from app.ui.common.plain_text import shown
from app.ui.common.status_style import status_color
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.undo_commands import Reporter
from app.ui.coordinator.evidence_editor import EvidenceEditor
from app.ui.coordinator.record_commands import push_progress_edit

#: Typing pauses this long (ms) before the text is saved.
SAVE_DELAY_MS = 800
#: The largest number the percent field lets one type (what is over 100 is refused, not cut).
PERCENT_TYPING_LIMIT = 999
TEXT_FIELDS = ("narrative", "challenges", "support_requested")
#: Fields beside their labels need room for about this many characters; with less (a narrow pane,
#: long Russian labels) every label goes above its field instead.
FIELD_CHARS = 32


class ProgressForm(QWidget):
    def __init__(self, context: WorkspaceContext, stack: QUndoStack, report: Reporter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._stack, self._report = context, stack, report
        self._key: tuple[int, int] | None = None
        self._editable = False
        self._loading = False
        self._pending: set[str] = set()
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        bold = self.title_label.font()  # a font, not a style sheet: its colour follows the palette
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.meta_label = QLabel()
        self.meta_label.setWordWrap(True)
        # Room for the note "no update for this period yet" whether or not it shows: setting a
        # status removes it, and the fields below moved up under the pointer.
        self.meta_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.meta_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.status_combo = QComboBox()
        # The longest status name must not set the form's minimum width (the combo shows it whole
        # when the pane is wide enough, which it is at 1280 pixels in every language).
        self.status_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.status_combo.setMinimumContentsLength(10)
        for member in ProgressStatus:
            self.status_combo.addItem(label(member), member.value)
        self.percent_spin = QSpinBox()
        # Wider than 0-100 on purpose: a spin box limited to 100 kept "15" of a typed 150 and
        # saved it without a word; 150 is now refused with the message every percent field shows.
        self.percent_spin.setRange(0, PERCENT_TYPING_LIMIT)
        self.percent_spin.setSingleStep(5)
        self.percent_spin.setSuffix(" %")
        self.percent_spin.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.texts = {name: self._text_edit() for name in TEXT_FIELDS}
        self.partner_checks = {code: QCheckBox() for code in SUPPORT_PARTNERS}
        self.others_edit = QLineEdit()
        self.evidence = EvidenceEditor()
        self.labels = {name: QLabel() for name in ("status", "percent", *TEXT_FIELDS, "support_from",
                                                   "evidence")}
        # One partner a line: their full names (Persian, Pashto) are too long to sit side by side.
        partners = QVBoxLayout()
        for check in self.partner_checks.values():
            partners.addWidget(check)
        partners.addWidget(self.others_edit)
        # The form lives in a pane beside the list: a field goes under its label when it would
        # not fit beside it, so the form never grows wider than its pane (see _fit_rows).
        form = self.form_layout = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.title_label)
        form.addRow(self.meta_label)
        form.addRow(self.labels["status"], self.status_combo)
        form.addRow(self.labels["percent"], self.percent_spin)
        for name in TEXT_FIELDS:
            form.addRow(self.labels[name], self.texts[name])
        form.addRow(self.labels["support_from"], partners)
        form.addRow(self.labels["evidence"])
        form.addRow(self.evidence)
        self.labels["status"].setBuddy(self.status_combo)
        self.labels["percent"].setBuddy(self.percent_spin)
        for name in TEXT_FIELDS:
            self.labels[name].setBuddy(self.texts[name])
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush)
        self.status_combo.activated.connect(self._status_chosen)
        self.percent_spin.valueChanged.connect(lambda _v: self._typed("percent"))
        self.percent_spin.installEventFilter(self)
        for name, edit in self.texts.items():
            edit.textChanged.connect(lambda name=name: self._typed(name))
        for check in self.partner_checks.values():
            check.toggled.connect(lambda _on: self._save_now("support_from"))
        self.others_edit.textEdited.connect(lambda _t: self._typed("support_from"))
        self.others_edit.installEventFilter(self)
        self.evidence.evidence_changed.connect(self._evidence_changed)
        self.retranslate()
        self.show_record(None, None, editable=False)

    def _text_edit(self) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.installEventFilter(self)
        lines = self.fontMetrics().lineSpacing()
        edit.setMinimumHeight(lines * 3 + 12)
        edit.setMaximumHeight(lines * 4 + 12)
        return edit

    # --- showing --------------------------------------------------------------------------
    @shows_storage_errors
    def show_record(self, row: CommitmentRow | None, period_id: int | None, editable: bool) -> None:
        """Show (and then edit) the record of `row`'s commitment in the period."""
        key = (row.id, period_id) if row is not None and period_id is not None else None
        if key != self._key:
            self.flush()
            self._pending.clear()
        self._key = key
        self._editable = editable and key is not None
        data = None
        if key is not None:
            with self._context.db.reading() as session:
                data = progress_input(get_update(session, *key))
        self._loading = True
        try:
            self._show_header(row)
            self._show_values(data or ProgressInput())
            self._set_editable(self._editable)
        finally:
            self._loading = False

    def _show_header(self, row: CommitmentRow | None) -> None:
        if row is None:
            self.title_label.setText(_("Choose a commitment in the list to record its progress."))
            self.meta_label.clear()
            return
        self.title_label.setText(shown(coded(row.action_code, row.description)))
        meta = _("Lead agency: {agency}").format(agency=row.lead_agency or "—")
        if row.overdue:
            meta += separator() + _("past its end date")
        if not row.has_update:
            meta += separator() + _("no update for this period yet")
        self.meta_label.setText(shown(meta))

    def _show_values(self, data: ProgressInput) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData(data.status.value))
        self._paint_status(data.status)
        if "percent" not in self._pending:
            self.percent_spin.setValue(data.percent or 0)
        for name, edit in self.texts.items():
            if name not in self._pending and edit.toPlainText() != getattr(data, name):
                edit.setPlainText(getattr(data, name))
        known, others = split_support_from(data.support_from)
        for code, check in self.partner_checks.items():
            check.setChecked(code in known)
        if "support_from" not in self._pending and self.others_edit.text() != others:
            self.others_edit.setText(others)
        self.evidence.set_items(list(data.evidence), self._editable)

    def _paint_status(self, status: ProgressStatus) -> None:
        def style() -> str:  # set again when the palette changes
            return f"QComboBox {{ border-left: 6px solid {status_color(status).name()}; }}"

        keep_styled(self.status_combo, style)

    def _set_editable(self, editable: bool) -> None:
        for widget in (self.status_combo, self.percent_spin, self.others_edit,
                       *self.partner_checks.values()):
            widget.setEnabled(editable)
        for edit in self.texts.values():
            edit.setReadOnly(not editable)
        self.evidence.set_items(self.evidence.model.items(), editable)

    # --- saving ---------------------------------------------------------------------------
    def _typed(self, field: str) -> None:
        if self._loading or not self._editable:
            return
        self._pending.add(field)
        self._timer.start()

    def _save_now(self, field: str) -> None:
        if self._loading or not self._editable:
            return
        self._pending.add(field)
        self.flush()

    def flush(self) -> None:
        """Save whatever was typed and not saved yet."""
        self._timer.stop()
        if self._key is None or not self._pending:
            return
        pending, self._pending = self._pending, set()
        if "percent" in pending and not percent_allowed(self.percent_spin.value()):
            pending.discard("percent")
            self._report(percent_refusal())  # the message bar announces it
            self._back_to_percent()
        for field in sorted(pending):
            self._push(self._change_for(field), field)

    def _back_to_percent(self) -> None:
        """Put the cursor back in the refused percent when it left for another field of this form
        (not when the user went elsewhere: that would pull them back across the window)."""
        focus = QApplication.focusWidget()
        if focus is None or focus is self.percent_spin or self.isAncestorOf(focus):
            QTimer.singleShot(0, lambda: self.percent_spin.setFocus(
                Qt.FocusReason.OtherFocusReason))

    def _change_for(self, field: str) -> Callable[[ProgressInput | None], ProgressInput]:
        if field == "percent":
            percent = self.percent_spin.value()
            return lambda data: with_percent(data, percent)
        if field == "support_from":
            known = {code for code, check in self.partner_checks.items() if check.isChecked()}
            text = join_support_from(known, self.others_edit.text())
        else:
            text = self.texts[field].toPlainText()
        return lambda data: _replace(data, field, text)

    def _status_chosen(self, index: int) -> None:
        if not self._loading and self._editable:
            self.flush()
            status = ProgressStatus(self.status_combo.itemData(index))
            self._push(lambda data: with_status(data, status), "")

    def _evidence_changed(self, items: list[tuple[str, str]]) -> None:
        if self._editable:
            self.flush()
            self._push(lambda data: _replace(data, "evidence", items), "")

    def _push(self, change: Callable[[ProgressInput | None], ProgressInput], merge: str) -> None:
        if self._key is not None:
            push_progress_edit(self._stack, self._context, *self._key, change, self._report, merge)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Labels above their fields when the fields beside them would be too narrow to type in."""
        form = self.form_layout
        margins = form.contentsMargins()
        labels = max(self.labels[name].sizeHint().width()
                     for name in ("status", "percent", *TEXT_FIELDS, "support_from"))
        room = (self.width() - margins.left() - margins.right() - labels
                - max(0, form.horizontalSpacing()))
        policy = (QFormLayout.RowWrapPolicy.WrapAllRows
                  if room < FIELD_CHARS * self.fontMetrics().averageCharWidth()
                  else QFormLayout.RowWrapPolicy.WrapLongRows)
        if form.rowWrapPolicy() != policy:
            form.setRowWrapPolicy(policy)

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush()
        super().hideEvent(event)

    def retranslate(self) -> None:
        # The locale's percent sign and digits (Persian ۴۲٪), as the tables show them.
        self.percent_spin.setSuffix(" " + QLocale().percent())
        texts = {"status": _("S&tatus:"), "percent": _("&Done:"), "narrative": _("&Narrative:"),
                 "challenges": _("Challen&ges:"), "support_requested": _("Support re&quested:"),
                 "support_from": _("Support from:"), "evidence": _("Evidence:")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        for index, member in enumerate(ProgressStatus):
            self.status_combo.setItemText(index, label(member))
        partner_names = {"UNHCR": _("UNHCR"), "IOM": _("IOM")}
        for code, check in self.partner_checks.items():
            check.setText(partner_names.get(code, code))
        self.others_edit.setPlaceholderText(_("Other partners"))
        set_name(self.others_edit, _("Other partners"))
        self.others_edit.setToolTip(_("Other partners asked for support, separated by commas"))
        self.texts["narrative"].setPlaceholderText(_("What was done in this period"))
        self.texts["challenges"].setPlaceholderText(_("What held the work back"))
        self.texts["support_requested"].setPlaceholderText(_("What help is needed, and for what"))
        self.evidence.retranslate()
        self._fit_rows()


def _replace(data: ProgressInput | None, field: str, value: object) -> ProgressInput:
    changes: dict[str, Any] = {field: value}  # one field, named at run time
    return replace(data or ProgressInput(), **changes)
