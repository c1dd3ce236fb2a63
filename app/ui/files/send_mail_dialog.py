"""Send by e-mail…: the exported workbook goes to the user's mail program as an attachment.

The secretariat's address is remembered from the last sending (the plan workbook carries none yet)
and can be edited; subject and body are in the workbook's language. If no mail program takes the
message, a ready `.eml` draft is written beside the workbook and its folder is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.models.topics import SUBMISSIONS
from app.reports.mail.message import OutgoingMail, submission_message
from app.ui.common.context import WorkspaceContext
from app.ui.common.form_parts import captioned_rows, error_label
from app.ui.common.screen_fit import OnScreenMixin
from app.ui.common.settings import app_settings
from app.ui.files.mail_sender import Handoff, Launcher, hand_to_mail_program
from app.ui.files.sent_record import mark_sent

ADDRESS_KEY = "mail/secretariatAddress"


class SendMailDialog(OnScreenMixin, QDialog):
    #: The mail programs to try (None: this system's); a test puts a recorder here.
    launchers: list[tuple[str, Launcher]] | None = None
    #: How a folder is shown (a test replaces it).
    open_url = staticmethod(QDesktopServices.openUrl)

    def __init__(self, context: WorkspaceContext, workbook: Path, country: str, period: str,
                 revision: int, digest: str, language: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context, self._digest = context, digest
        self.handoff: Handoff | None = None
        profile = context.profile
        self.message = submission_message(
            str(app_settings().value(ADDRESS_KEY, "") or ""), workbook, country, period, revision,
            digest, language, profile.coordinator_name, profile.ministry)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.to_edit = QLineEdit(self.message.to)
        self.subject_edit = QLineEdit(self.message.subject)
        self.body_edit = QPlainTextEdit(self.message.body)
        self.attachment = QLabel(workbook.name)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout()
        self._captions = captioned_rows(form, (self.to_edit, self.subject_edit, self.body_edit,
                                               self.attachment))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self.resize(640, 460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Send by e-mail"))
        self.intro.setText(_(
            "Your mail program opens a new message with the workbook attached. Check it and press "
            "Send there."))
        for caption, text in zip(self._captions, (_("&To:"), _("&Subject:"), _("&Message:"),
                                                  _("Attached:")), strict=True):
            caption.setText(text)
        self.to_edit.setPlaceholderText(_("The secretariat's e-mail address"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            _("Open in my mail program"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def current_message(self) -> OutgoingMail:
        return OutgoingMail(to=self.to_edit.text().strip(), subject=self.subject_edit.text(),
                            body=self.body_edit.toPlainText(),
                            attachments=self.message.attachments)

    def send(self) -> None:
        mail = self.current_message()
        if not all(path.exists() for path in mail.attachments):
            self.error.setText(_("The workbook is no longer in its folder: {path}").format(
                path=mail.attachments[0]))
            return
        if mail.to:
            app_settings().setValue(ADDRESS_KEY, mail.to)
        try:
            self.handoff = hand_to_mail_program(mail, self._context.profile.email, self.launchers)
        except OSError as exc:
            self.error.setText(_("The message could not be prepared: {reason}").format(
                reason=exc.strerror or exc))
            return
        mark_sent(self._digest)
        self._context.bus.announce(SUBMISSIONS)
        if self.handoff.draft is None:
            self.accept()
            return
        # No mail program answered: the draft is ready beside the workbook.
        self.open_url(QUrl.fromLocalFile(str(self.handoff.draft.parent)))
        self.error.clear()
        self.outcome.setText(_(
            "No mail program could be opened here, so a ready message was saved beside the "
            "workbook: {path}. Open it with Outlook or Thunderbird, check it and send it.").format(
            path=self.handoff.draft))
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
