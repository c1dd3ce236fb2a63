"""The form beside the plan tree: the plan itself, an objective, an action or an indicator."""

from __future__ import annotations

import datetime as dt
from decimal import InvalidOperation

from babel.numbers import NumberFormatError, parse_decimal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.i18n import _, current_language
from app.i18n.formats import format_number
from app.models.errors import ValidationError
from app.models.orm.enums import Direction, IndicatorKind, label
from app.models.services.plan import editing as pe
from app.models.services.plan.document import IndicatorDoc
from app.ui.common.accessible import refuse
from app.ui.common.date_field import DateEdit, from_qdate, to_qdate
from app.ui.common.form_parts import error_label
from app.ui.common.localized_text_editor import LocalizedTextEditor

PlanInput = pe.PlanHeaderInput | pe.ObjectiveInput | pe.ActionInput | pe.IndicatorInput


class PlanItemForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = "objective"
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("codeEdit")
        self.titles_editor = LocalizedTextEditor(rows_visible=3)
        self.titles_editor.setObjectName("titlesEditor")
        self.parent_combo = QComboBox()
        self.parent_combo.setObjectName("parentCombo")
        self.retired_check = QCheckBox()
        self.retired_check.setObjectName("retiredCheck")
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        self.direction_combo = QComboBox()
        self.direction_combo.setObjectName("directionCombo")
        self.unit_editor = LocalizedTextEditor(rows_visible=2)
        self.unit_editor.setObjectName("unitEditor")
        self.baseline_edit = QLineEdit()
        self.baseline_edit.setObjectName("baselineEdit")
        self.target_edit = QLineEdit()
        self.target_edit.setObjectName("targetEdit")
        self.adopted_check = QCheckBox()
        self.adopted_edit = DateEdit()
        self.adopted_edit.setCalendarPopup(True)
        self.template_check = QCheckBox()
        self.error_label = error_label()
        self._captions: dict[str, QLabel] = {}
        self.form = QFormLayout(self)
        # A caption above its field where both do not fit side by side (large text, small screen).
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, widget in (("code", self.code_edit), ("titles", self.titles_editor),
                            ("parent", self.parent_combo), ("kind", self.kind_combo),
                            ("unit", self.unit_editor), ("baseline", self.baseline_edit),
                            ("target", self.target_edit), ("direction", self.direction_combo),
                            ("adopted", self.adopted_edit)):
            caption = QLabel()
            caption.setBuddy(widget)
            self._captions[key] = caption
            self.form.addRow(caption, widget)
        self.form.addRow(self.adopted_check)
        self.form.addRow(self.retired_check)
        self.form.addRow(self.template_check)
        self.form.addRow(self.error_label)
        self.adopted_check.toggled.connect(self.adopted_edit.setEnabled)
        self.retranslate()

    # --- loading --------------------------------------------------------------------------------
    def load(self, kind: str, data: PlanInput, parents: list[tuple[int, str]] | None = None) -> None:
        """Show `data` of an item of `kind`; `parents` lists where an action or indicator may go."""
        self.kind = kind
        self.show_error("")
        visible = {
            "plan": {"code", "titles", "adopted"},
            "objective": {"code", "titles"},
            "action": {"code", "titles", "parent"},
            "indicator": {"code", "titles", "parent", "kind", "unit", "baseline", "target",
                          "direction"},
        }[kind]
        for key, caption in self._captions.items():
            self.form.setRowVisible(caption, key in visible)
        self.form.setRowVisible(self.adopted_check, kind == "plan")
        self.form.setRowVisible(self.template_check, kind == "plan")
        self.form.setRowVisible(self.retired_check, kind in ("action", "indicator"))
        self.code_edit.setText(data.code)
        self.titles_editor.set_texts(data.titles)
        self.parent_combo.clear()
        for item_id, text in parents or []:
            self.parent_combo.addItem(text, item_id)
        if isinstance(data, pe.PlanHeaderInput):
            self.adopted_check.setChecked(data.adopted is not None)
            self.adopted_edit.setEnabled(data.adopted is not None)
            self.adopted_edit.setDate(to_qdate(data.adopted or dt.date.today()))
            self.template_check.setChecked(data.is_template)
        if isinstance(data, pe.ActionInput):
            self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(data.objective_id)))
            self.retired_check.setChecked(data.retired)
        if isinstance(data, pe.IndicatorInput):
            self.parent_combo.setCurrentIndex(max(0, self.parent_combo.findData(data.action_id)))
            doc = data.indicator
            self.retired_check.setChecked(doc.retired)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(doc.kind)))
            self.direction_combo.setCurrentIndex(max(0, self.direction_combo.findData(doc.direction)))
            self.unit_editor.set_texts(doc.unit)
            self.baseline_edit.setText(format_number(doc.baseline))
            self.target_edit.setText(format_number(doc.target))

    # --- reading --------------------------------------------------------------------------------
    @staticmethod
    def _number(edit: QLineEdit, field: str) -> float | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            return float(parse_decimal(text, locale=current_language()))
        except (NumberFormatError, InvalidOperation, ValueError) as error:
            raise ValidationError(_("Enter a number, or leave it empty."), field) from error

    def value(self) -> PlanInput:
        """The edited values; raises ValidationError (with the field) for what cannot be read."""
        code, titles = self.code_edit.text(), self.titles_editor.texts()
        if self.kind == "plan":
            adopted = from_qdate(self.adopted_edit.date()) if self.adopted_check.isChecked() else None
            return pe.PlanHeaderInput(code, titles, adopted, self.template_check.isChecked())
        if self.kind == "objective":
            return pe.ObjectiveInput(code, titles)
        parent = self.parent_combo.currentData()
        if self.kind == "action":
            return pe.ActionInput(parent, code, titles, self.retired_check.isChecked())
        return pe.IndicatorInput(parent, IndicatorDoc(
            code, titles, self.kind_combo.currentData(), self.unit_editor.texts(),
            self._number(self.baseline_edit, "baseline"), self._number(self.target_edit, "target"),
            self.direction_combo.currentData(), self.retired_check.isChecked()))

    def show_error(self, message: str, field: str = "") -> None:
        widget = {"code": self.code_edit, "titles": self.titles_editor, "baseline": self.baseline_edit,
                  "target": self.target_edit, "kind": self.kind_combo,
                  "objective": self.parent_combo, "action": self.parent_combo}.get(field)
        if not message:
            self.error_label.setText(message)
            return
        refuse(self.error_label, message, widget)

    def retranslate(self, *_args: object) -> None:
        captions = {"code": _("&Code:"), "titles": _("&Title:"), "kind": _("&Kind:"),
                    "unit": _("&Unit:"), "baseline": _("&Baseline:"), "target": _("Tar&get:"),
                    "direction": _("&Direction:"), "adopted": _("Adopted o&n:")}
        captions["parent"] = _("&Objective:") if self.kind == "action" else _("&Action:")
        for key, caption in self._captions.items():
            caption.setText(captions[key])
        self.retired_check.setText(_("&Retired: kept for history, no longer reported against"))
        self.adopted_check.setText(_("The plan has been adopted"))
        self.template_check.setText(_("This is a template, not the official plan"))
        for combo, members in ((self.kind_combo, list(IndicatorKind)),
                               (self.direction_combo, list(Direction))):
            current = combo.currentData()
            combo.clear()
            for member in members:
                combo.addItem(label(member), member)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.titles_editor.retranslate()
        self.unit_editor.retranslate()
