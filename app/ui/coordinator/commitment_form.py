"""Add or edit a commitment; what is wrong shows beside the field as soon as the field is touched."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, coded, current_language
from app.models.orm.base import pick_language
from app.models.orm.enums import Priority, label
from app.models.services.plan.outline import PlanOutline
from app.models.services.reporting.commitments import CommitmentInput, commitment_problems
from app.ui.common.accessible import refuse
from app.ui.common.date_field import DateField
from app.ui.common.language import LanguageController
from app.ui.common.palette_colours import error_text_style, keep_styled
from app.ui.common.plain_text import shown, visible_marks
from app.ui.common.window_state import WindowStateMixin

FIELDS = ("action", "description", "lead_agency", "partners", "start_date", "end_date", "priority")


def confirm_discard(parent: QWidget, editing: bool) -> bool:
    """Whether the user wants to throw the typed changes away (the default keeps them)."""
    box = QMessageBox(QMessageBox.Icon.Question, parent.windowTitle(),
                      _("Discard your changes to this commitment?") if editing
                      else _("Discard the new commitment you typed?"), parent=parent)
    discard = box.addButton(_("&Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_("&Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard


class CommitmentForm(WindowStateMixin, QDialog):
    def __init__(self, outline: PlanOutline, agencies: list[str], data: CommitmentInput | None,
                 parent: QWidget | None = None, language: LanguageController | None = None,
                 ) -> None:
        super().__init__(parent)
        self._editing = data is not None
        self._touched: set[str] = set()
        self.data: CommitmentInput | None = None
        self.action_combo = QComboBox()
        # As wide as the form, not as its longest action (wider than a small laptop's screen).
        self.action_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.action_combo.setMinimumContentsLength(50)
        self._actions = [action for objective in outline.objectives
                         for action in objective.children
                         if not action.retired or (data and data.action_id == action.id)]
        for action in self._actions:
            self.action_combo.addItem("", action.id)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.lead_edit = QLineEdit()
        completer = QCompleter(agencies, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.lead_edit.setCompleter(completer)
        self.partners_edit = QLineEdit()
        self.start_edit = DateField()
        self.end_edit = DateField()
        self.priority_combo = QComboBox()
        for member in Priority:
            self.priority_combo.addItem("", member.value)
        self.errors = {name: self._error_label() for name in FIELDS}
        self.labels = {name: QLabel() for name in FIELDS}
        editors: dict[str, QWidget] = {
            "action": self.action_combo, "description": self.description_edit,
            "lead_agency": self.lead_edit, "partners": self.partners_edit,
            "start_date": self.start_edit, "end_date": self.end_edit,
            "priority": self.priority_combo,
        }
        self._editors = editors
        form = QFormLayout()
        for name in FIELDS:
            self.labels[name].setBuddy(editors[name])
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editors[name])
            box.addWidget(self.errors[name])
            form.addRow(self.labels[name], box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if data is not None:
            self._load(data)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self._shown_input: CommitmentInput | None = None
        self.action_combo.currentIndexChanged.connect(lambda _i: self._touch("action"))
        self.description_edit.textChanged.connect(lambda: self._touch("description"))
        self.lead_edit.textEdited.connect(lambda _t: self._touch("lead_agency"))
        self.partners_edit.textEdited.connect(lambda _t: self._touch("partners"))
        self.start_edit.dateChanged.connect(lambda _d: self._touch("end_date"))
        self.end_edit.dateChanged.connect(lambda _d: self._touch("end_date"))
        self.retranslate()
        if language is not None:  # a language switched while the form is open applies at once
            language.language_changed.connect(self.retranslate)
        self.setMinimumWidth(560)
        self.restore_window_state()

    def showEvent(self, event: QShowEvent) -> None:
        if self._shown_input is None:  # what was there when it opened: nothing to lose yet
            self._shown_input = self.current_input()
        super().showEvent(event)

    def reject(self) -> None:
        """Esc, Cancel and the close button ask before typed text is thrown away."""
        if (self._shown_input is not None and self.current_input() != self._shown_input
                and not confirm_discard(self, self._editing)):
            return
        self.save_window_state()
        super().reject()

    def _error_label(self) -> QLabel:
        error = QLabel()
        keep_styled(error, error_text_style)
        error.setWordWrap(True)
        error.hide()
        return error

    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("Edit commitment") if self._editing else _("New commitment"))
        language = current_language()
        for row, action in enumerate(self._actions):
            self.action_combo.setItemText(row, visible_marks(
                coded(action.code, pick_language(action.titles, language))))
        for row, member in enumerate(Priority):
            self.priority_combo.setItemText(row, label(member))
        texts = {
            "action": _("&Action:"), "description": _("&Commitment:"),
            "lead_agency": _("&Lead agency:"), "partners": _("&Partners:"),
            "start_date": _("&Start date:"), "end_date": _("&End date:"),
            "priority": _("P&riority:"),
        }
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.description_edit.setPlaceholderText(_("What the country commits to do"))
        self.partners_edit.setPlaceholderText(_("For example: UNHCR, IOM"))
        self.start_edit.retranslate()
        self.end_edit.retranslate()
        self._show_problems()

    def select_action(self, action_id: int | None) -> None:
        index = self.action_combo.findData(action_id)
        if index >= 0:
            self.action_combo.setCurrentIndex(index)

    def _load(self, data: CommitmentInput) -> None:
        self.select_action(data.action_id)
        self.description_edit.setPlainText(data.description)
        self.lead_edit.setText(data.lead_agency)
        self.partners_edit.setText(data.partners)
        self.start_edit.set_value(data.start_date)
        self.end_edit.set_value(data.end_date)
        self.priority_combo.setCurrentIndex(max(0, self.priority_combo.findData(data.priority.value)))

    def current_input(self) -> CommitmentInput:
        return CommitmentInput(
            action_id=self.action_combo.currentData() or 0,
            description=self.description_edit.toPlainText(),
            lead_agency=self.lead_edit.text(), partners=self.partners_edit.text(),
            start_date=self.start_edit.value(), end_date=self.end_edit.value(),
            priority=Priority(self.priority_combo.currentData()),
        )

    def problems(self) -> dict[str, str]:
        problems = commitment_problems(self.current_input())
        if self.action_combo.currentData() is None:
            problems["action"] = _("Choose the action of the plan this commitment serves.")
        return problems

    def _touch(self, name: str) -> None:
        self._touched.add(name)
        self._show_problems()

    def _show_problems(self) -> dict[str, str]:
        problems = self.problems()
        for name, error in self.errors.items():
            message = problems.get(name, "") if name in self._touched else ""
            error.setText(shown(message))
            error.setVisible(bool(message))
            self._editors[name].setAccessibleDescription(message)  # read out with the field
        return problems

    def _accept(self) -> None:
        self._touched = set(FIELDS)
        problems = self._show_problems()
        if problems:
            first = next(name for name in FIELDS if name in problems)
            refuse(self.errors[first], shown(problems[first]), self._editors[first])
            return
        self.data = self.current_input()
        self.save_window_state()
        self.accept()
