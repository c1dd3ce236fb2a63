"""Send by e-mail…: a file goes to the user's mail program as an attachment.

A coordinator sends the exported workbook (the secretariat's address is remembered from the last
sending; the plan workbook carries none yet); the secretariat sends the signed receipt back (to
the address the received workbook names). The address can be edited; subject and body are in the
workbook's language. If no mail program takes the message, a ready `.eml` draft is written beside
the file and its folder is shown.
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

from app.i18n import N_, _
from app.models.topics import SUBMISSIONS
from app.reports.mail.message import OutgoingMail, ReceiptMailInfo, receipt_message, submission_message
from app.ui.common.accessible import refuse
from app.ui.common.context import WorkspaceContext
from app.ui.common.form_parts import captioned_rows, error_label
from app.ui.common.screen_fit import OnScreenMixin
from app.ui.common.settings import app_settings
from app.ui.files.mail_sender import Handoff, Launcher, hand_to_mail_program
from app.ui.files.sent_record import mark_sent

ADDRESS_KEY = "mail/secretariatAddress"


class MailDialog(OnScreenMixin, QDialog):
    """The message to check and edit, then the hand-off to the mail program (or the draft)."""

    #: The mail programs to try (None: this system's); a test puts a recorder here.
    launchers: list[tuple[str, Launcher]] | None = None
    #: How a folder is shown (a test replaces it).
    open_url = staticmethod(QDesktopServices.openUrl)
    INTRO = N_("Your mail program opens a new message with the workbook attached. Check it and "
               "press Send there.")
    ADDRESS_HINT = N_("The secretariat's e-mail address")
    GONE = N_("The workbook is no longer in its folder: {path}")
    DRAFT_SAVED = N_(
        "No mail program could be opened here, so a ready message was saved beside the "
        "workbook: {path}. Open it with Outlook or Thunderbird, check it and send it.")

    def __init__(self, context: WorkspaceContext, message: OutgoingMail,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.handoff: Handoff | None = None
        self.message = message
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.to_edit = QLineEdit(message.to)
        self.subject_edit = QLineEdit(message.subject)
        self.body_edit = QPlainTextEdit(message.body)
        self.body_edit.setTabChangesFocus(True)  # Tab leaves the text (no tabs in a mail)
        self.attachment = QLabel(", ".join(path.name for path in message.attachments))
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

    def sent(self, mail: OutgoingMail) -> None:
        """What the app keeps of a message handed over (nothing, unless a kind says)."""

    def retranslate(self) -> None:
        self.setWindowTitle(_("Send by e-mail"))
        self.intro.setText(_(self.INTRO))
        for caption, text in zip(self._captions, (_("&To:"), _("&Subject:"), _("&Message:"),
                                                  _("Attached:")), strict=True):
            caption.setText(text)
        self.to_edit.setPlaceholderText(_(self.ADDRESS_HINT))
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
            refuse(self.error, _(self.GONE).format(path=mail.attachments[0]))
            return
        try:
            self.handoff = hand_to_mail_program(mail, self._context.profile.email, self.launchers)
        except OSError as exc:
            refuse(self.error, _("The message could not be prepared: {reason}").format(
                reason=exc.strerror or exc))
            return
        self.sent(mail)
        if self.handoff.draft is None:
            self.accept()
            return
        # No mail program answered: the draft is ready beside the workbook.
        self.open_url(QUrl.fromLocalFile(str(self.handoff.draft.parent)))
        self.error.clear()
        self.outcome.setText(_(self.DRAFT_SAVED).format(path=self.handoff.draft))
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))


class SendMailDialog(MailDialog):
    """A coordinator's exported workbook to the secretariat."""

    def __init__(self, context: WorkspaceContext, workbook: Path, country: str, period: str,
                 revision: int, digest: str, language: str,
                 parent: QWidget | None = None) -> None:
        self._digest = digest
        profile = context.profile
        super().__init__(context, submission_message(
            str(app_settings().value(ADDRESS_KEY, "") or ""), workbook, country, period, revision,
            digest, language, profile.coordinator_name, profile.ministry), parent)

    def sent(self, mail: OutgoingMail) -> None:
        """The address for next time; the dashboard's "Sent" step is done."""
        if mail.to:
            app_settings().setValue(ADDRESS_KEY, mail.to)
        mark_sent(self._digest)
        self._context.bus.announce(SUBMISSIONS)


class SendReceiptDialog(MailDialog):
    """The secretariat's signed receipt back to the coordinator who sent the workbook, with the
    acknowledgement's note and the edited cells to confirm, in that workbook's language."""

    INTRO = N_("Your mail program opens a new message to the coordinator with the receipt "
               "attached. Check it and press Send there.")
    ADDRESS_HINT = N_("The coordinator's e-mail address")
    GONE = N_("The receipt is no longer in its folder: {path}")
    DRAFT_SAVED = N_(
        "No mail program could be opened here, so a ready message was saved beside the "
        "receipt: {path}. Open it with Outlook or Thunderbird, check it and send it.")

    def __init__(self, context: WorkspaceContext, receipt: Path, to: str, info: ReceiptMailInfo,
                 language: str, parent: QWidget | None = None) -> None:
        super().__init__(context, receipt_message(
            to, receipt, info, language, context.profile.coordinator_name), parent)
