"""First start: who keeps this workspace, for which country, in which language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.i18n import _, available_languages, current_language
from app.models.errors import ValidationError
from app.models.orm.enums import WorkspaceRole
from app.models.orm.workspace import WorkspaceProfile
from app.models.services.workspace.countries import countries_by_name, reference_country_codes
from app.models.services.workspace.profile import ProfileInput, initialise
from app.models.storage.database import Database
from app.ui.common.accessible import refuse
from app.ui.common.focus_ring import install_focus_ring
from app.ui.common.form_parts import error_label
from app.ui.common.language import LanguageController
from app.ui.common.language_combo import LanguageCombo
from app.ui.common.plain_text import shown
from app.ui.common.screen_fit import OnScreenMixin


class FirstRunDialog(OnScreenMixin, QDialog):
    """Creates the workspace profile; the interface switches language as soon as one is chosen."""

    def __init__(self, db: Database, language: LanguageController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_focus_ring()
        self._db = db
        self._language = language
        self.profile: WorkspaceProfile | None = None

        self.coordinator_radio = QRadioButton()
        self.secretariat_radio = QRadioButton()
        self.coordinator_radio.setChecked(True)
        self._roles = QButtonGroup(self)
        self._roles.addButton(self.coordinator_radio)
        self._roles.addButton(self.secretariat_radio)
        self.country_combo = QComboBox()
        self.language_combo = LanguageCombo(available_languages())
        self.language_combo.select(current_language())
        self.name_edit = QLineEdit()
        self.ministry_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.error_label = error_label()
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )

        self.form = QFormLayout()
        self.form.addRow(self.coordinator_radio)
        self.form.addRow(self.secretariat_radio)
        self._country_label = QLabel()
        self._language_label = QLabel()
        self._name_label = QLabel()
        self._ministry_label = QLabel()
        self._email_label = QLabel()
        for label, field in ((self._country_label, self.country_combo),
                             (self._language_label, self.language_combo),
                             (self._name_label, self.name_edit),
                             (self._ministry_label, self.ministry_edit),
                             (self._email_label, self.email_edit)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)
        self.coordinator_radio.toggled.connect(self._role_changed)
        self.language_combo.currentIndexChanged.connect(self._language_chosen)
        language.language_changed.connect(self.retranslate)
        self.retranslate()
        self.setMinimumWidth(480)

    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("Welcome to {app}").format(app=APP_NAME))
        self.intro_label.setText(_(
            "This workspace is kept on this computer. Tell us who keeps it; you can change these "
            "details later."))
        self.coordinator_radio.setText(_("National coordinator of a country"))
        self.secretariat_radio.setText(_("Secretariat (Support Unit)"))
        self._country_label.setText(_("&Country:"))
        self._language_label.setText(_("&Language:"))
        self._name_label.setText(_("Your &name:"))
        self._ministry_label.setText(_("&Ministry or agency:"))
        self._email_label.setText(_("&E-mail:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create workspace"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        chosen = self.country_combo.currentData()
        self.country_combo.clear()
        for code, name in countries_by_name(reference_country_codes()):
            self.country_combo.addItem(name, code)
        self.country_combo.setCurrentIndex(max(0, self.country_combo.findData(chosen or "KZ")))
        self.error_label.clear()

    def _role_changed(self, coordinator: bool) -> None:
        self.country_combo.setEnabled(coordinator)

    def _language_chosen(self) -> None:
        code = self.language_combo.currentData()
        if code and code != current_language():
            self._language.set_language(code)

    def _create(self) -> None:
        role = (WorkspaceRole.COORDINATOR if self.coordinator_radio.isChecked()
                else WorkspaceRole.SECRETARIAT)
        data = ProfileInput(
            role=role,
            country_code=self.country_combo.currentData() if role == WorkspaceRole.COORDINATOR
            else None,
            coordinator_name=self.name_edit.text(), ministry=self.ministry_edit.text(),
            email=self.email_edit.text(), language=self.language_combo.currentData() or "en",
        )
        try:
            self.profile = initialise(self._db, data)
        except ValidationError as exc:
            self._show_error(exc)
            return
        self.accept()

    def _show_error(self, error: ValidationError) -> None:
        target = {"name": self.name_edit, "email": self.email_edit,
                  "country": self.country_combo}.get(error.field)
        refuse(self.error_label, shown(error.message()), target)
