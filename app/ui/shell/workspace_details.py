"""File → Workspace details…: the keeper's name, ministry, e-mail and language, changed after the
first run (the first-run dialog promises they can be; every submission's cover prints them)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, available_languages
from app.models.errors import UserFacingError, ValidationError
from app.models.services.workspace.profile import DetailsInput, update_details
from app.models.topics import PROFILE
from app.ui.common.accessible import refuse
from app.ui.common.context import WorkspaceContext
from app.ui.common.form_parts import captioned_rows, error_label
from app.ui.common.language_combo import LanguageCombo
from app.ui.common.screen_fit import OnScreenMixin


class WorkspaceDetailsDialog(OnScreenMixin, QDialog):
    """Edits the profile in one transaction; the change log keeps the old values."""

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        profile = context.profile
        self.name_edit = QLineEdit(profile.coordinator_name)
        self.ministry_edit = QLineEdit(profile.ministry)
        self.email_edit = QLineEdit(profile.email)
        self.language_combo = LanguageCombo(available_languages())
        self.language_combo.select(profile.language)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.error_label = error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        self._captions = captioned_rows(form, (self.name_edit, self.ministry_edit,
                                               self.email_edit, self.language_combo))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.name_edit, self.ministry_edit, self.email_edit):
            edit.textEdited.connect(lambda _text: self.error_label.clear())
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Workspace details"))
        self.intro_label.setText(_(
            "Who keeps this workspace. The next exported submission prints these details on its "
            "cover; earlier files keep the details they were sent with."))
        for caption, text in zip(self._captions, (
                _("Your &name:"), _("&Ministry or agency:"), _("&E-mail:"),
                _("Workbook &language:")), strict=True):
            caption.setText(text)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def save(self) -> None:
        data = DetailsInput(coordinator_name=self.name_edit.text(),
                            ministry=self.ministry_edit.text(), email=self.email_edit.text(),
                            language=self.language_combo.currentData() or "en")
        try:
            self._context.profile = update_details(self._context.db, data)
        except ValidationError as exc:
            refuse(self.error_label, exc.message(),
                   {"name": self.name_edit, "email": self.email_edit}.get(exc.field))
            return
        except UserFacingError as exc:
            refuse(self.error_label, exc.message())
            return
        self._context.bus.announce(PROFILE)
        self.accept()
