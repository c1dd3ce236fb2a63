"""File → Export submission…: choose period, header language and folder; then where the file went."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, available_languages
from app.i18n.formats import format_period
from app.models.services.reporting.periods import (
    LOCKED_STATES,
    all_periods,
    current_period,
    latest_submission,
)
from app.models.topics import PERIODS, SUBMISSIONS
from app.reports.submission.export import ExportResult, export_submission
from app.reports.submission.mailto import submission_mailto
from app.ui.common.accessible import set_name
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.context import WorkspaceContext
from app.ui.common.language_combo import LanguageCombo
from app.ui.common.screen_fit import OnScreenMixin
from app.ui.common.settings import app_settings
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.common.window_state import WindowStateMixin
from app.ui.files.send_mail_dialog import SendMailDialog

FOLDER_KEY = "export/folder"


def default_folder() -> Path:
    saved = app_settings().value(FOLDER_KEY)
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


class ExportSubmissionDialog(WindowStateMixin, QDialog):
    """Asks what to export; `start_export()` runs it in the background and shows the result."""

    state_key = "ExportSubmissionDialog"

    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.task: BackgroundTask | None = None
        self.result_dialog: ExportResultDialog | None = None
        self.period = QComboBox()
        self.language = LanguageCombo(available_languages())
        self.folder = QLineEdit(str(default_folder()))
        self.browse = QPushButton()
        self.history = QCheckBox()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.period_label, self.language_label, self.folder_label = QLabel(), QLabel(), QLabel()
        self.period_label.setBuddy(self.period)
        self.language_label.setBuddy(self.language)
        self.folder_label.setBuddy(self.folder)
        self.form = QFormLayout()
        self.form.addRow(self.period_label, self.period)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow(self.folder_label, folder_row)
        self.form.addRow(self.history)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)
        self._fill()
        self.browse.clicked.connect(self._choose_folder)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()
        self.restore_window_state()

    @shows_storage_errors
    def _fill(self) -> None:
        country = self.context.country or ""
        with self.context.db.reading() as session:
            periods = all_periods(session)
            current = current_period(session)
            self._submitted = {}
            for period in periods:
                latest = latest_submission(session, country, period.id)
                if latest is not None and latest.state in LOCKED_STATES:
                    self._submitted[period.code] = latest.revision
        for period in reversed(periods):
            self.period.addItem(period.code, period.code)
        if current is not None:
            self.period.setCurrentIndex(self.period.findData(current.code))
        self.language.select(self.context.profile.language)

    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("Export submission"))
        self.period_label.setText(_("Reporting &period:"))
        self.language_label.setText(_("&Language of the headers:"))
        self.folder_label.setText(_("Save in &folder:"))
        for index in range(self.period.count()):
            code = self.period.itemData(index)
            revision = self._submitted.get(code)
            name = format_period(code)  # in words, as the period bar shows it
            self.period.setItemText(index, name if revision is None else _(
                "{period} (submitted, revision {revision})").format(period=name, revision=revision))
        self.browse.setText(_("Browse…"))
        self.history.setText(_("Include the earlier periods (full history)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Save in folder"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def start_export(self) -> None:
        country = self.context.country
        period = self.period.currentData()
        language = self.language.currentData()
        folder = Path(self.folder.text().strip())
        history = self.history.isChecked()
        if not country or not period:
            return
        app_settings().setValue(FOLDER_KEY, str(folder))
        self.buttons.setEnabled(False)
        self.task = run_in_background(
            self, _("Exporting the submission"),
            lambda progress: export_submission(self.context.db, country, period, language, folder,
                                               history=history, progress=progress),
            bus=self.context.bus, topics=(SUBMISSIONS, PERIODS), on_success=self._exported)
        self.task.finished.connect(lambda: self.buttons.setEnabled(True))

    def _exported(self, result: ExportResult) -> None:
        self.save_window_state()
        self.result_dialog = ExportResultDialog(self.context, result, self.parentWidget())
        self.result_dialog.show()
        self.accept()


class ExportResultDialog(OnScreenMixin, QDialog):
    """Where the file went, with "Open folder" and "Compose e-mail"."""

    #: How URLs are opened (a test replaces it to see what would be opened).
    open_url = staticmethod(QDesktopServices.openUrl)

    def __init__(self, context: WorkspaceContext, result: ExportResult,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.exported = result
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.path = QLineEdit(str(result.path))
        self.path.setReadOnly(True)
        self.digest = QLabel()
        self.digest.setWordWrap(True)
        self.digest.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.open_folder = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.send_dialog: SendMailDialog | None = None
        # A mailto: link cannot attach the workbook (the step where wrong files got sent): kept
        # out of sight, "Send by e-mail…" attaches it.
        self.compose = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.compose.hide()
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        for widget in (self.message, self.path, self.digest, self.buttons):
            layout.addWidget(widget)
        self.open_folder.clicked.connect(self.show_folder)
        self.compose.clicked.connect(self.compose_mail)
        self.send_button.clicked.connect(self.send_mail)
        self.close_button.clicked.connect(self.accept)
        context.language.language_changed.connect(self.retranslate)
        self.retranslate()
        self.resize(620, self.sizeHint().height())

    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("Submission exported"))
        self.message.setText(_(
            "Revision {revision} of the report for {period} was saved. The period is now marked as "
            "submitted; reopen it to make changes (the next export becomes a new revision)."
        ).format(revision=self.exported.revision, period=format_period(self.exported.period)))
        self.digest.setText(_("SHA-256 digest: {digest}").format(digest=self.exported.digest))
        set_name(self.path, _("Saved workbook"))
        self.open_folder.setText(_("Open folder"))
        self.compose.setText(_("Compose e-mail"))
        self.send_button.setText(_("Send by e-mail…"))
        self.close_button.setText(_("Close"))

    def mailto(self) -> str:
        profile = self.context.profile
        return submission_mailto(self.exported, sender=profile.coordinator_name,
                                 ministry=profile.ministry)

    def send_mail(self) -> SendMailDialog:
        """The workbook to the mail program, attached (see send_mail_dialog)."""
        result = self.exported
        self.send_dialog = SendMailDialog(self.context, result.path, result.country, result.period,
                                          result.revision, result.digest, result.language, self)
        self.send_dialog.open()
        return self.send_dialog

    def show_folder(self) -> None:
        self.open_url(QUrl.fromLocalFile(str(self.exported.path.parent)))

    def compose_mail(self) -> None:
        self.open_url(QUrl(self.mailto(), QUrl.ParsingMode.StrictMode))
