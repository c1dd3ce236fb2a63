"""File → Workspace key…: this workspace's fingerprint, the keys it trusts, and moving the key.

The fingerprint is what the coordinator reads out to the secretariat over the phone. Export writes
the key protected by a passphrase (for a new laptop); import makes a key file this workspace's own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.i18n.formats import country_name, format_datetime
from app.models.errors import UserFacingError
from app.models.orm.keys import SECRETARIAT_PARTY
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.keys.key_file import KEY_FILE_SUFFIX, export_key, import_key
from app.models.services.keys.own import own_fingerprint
from app.models.services.keys.pins import pinned_keys
from app.ui.common.context import WorkspaceContext
from app.ui.common.screen_fit import OnScreenMixin
from app.ui.common.storage_guard import shows_storage_errors


class WorkspaceKeyDialog(OnScreenMixin, QDialog):
    def __init__(self, context: WorkspaceContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Workspace key"))
        self.own = QLabel()
        self.own.setWordWrap(True)
        self.own.setObjectName("ownFingerprint")
        self.trusted = QTextBrowser()
        self.export_button = QPushButton(_("Export key to a file…"))
        self.import_button = QPushButton(_("Import key from a file…"))
        self.export_button.clicked.connect(lambda: self.export_to())
        self.import_button.clicked.connect(lambda: self.import_from())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own)
        trusted_label = QLabel(_("Keys this workspace &trusts:"))
        trusted_label.setBuddy(self.trusted)  # names the list for a screen reader
        layout.addWidget(trusted_label)
        layout.addWidget(self.trusted, 1)
        layout.addWidget(buttons)
        self.refresh()
        self.resize(620, 420)

    @shows_storage_errors
    def refresh(self) -> None:
        with self.context.db.transaction() as session:
            own = own_fingerprint(session)
            pins = [(p.party, fingerprint(p.public_key), p.pinned_at, p.confirmed)
                    for p in pinned_keys(session)]
        self.own.setText(_("This workspace signs every workbook it exports with the key\n{fingerprint}"
                           "\nRead these digits out to confirm it by phone.").format(
                               fingerprint=own))
        lines = []
        for party, shown, pinned_at, confirmed in pins:
            who = _("the secretariat") if party == SECRETARIAT_PARTY else country_name(party)
            how = _("confirmed by a person") if confirmed else _("pinned on first use")
            lines.append(_("{who}: {fingerprint} (since {date}, {how})").format(
                who=who, fingerprint=shown, date=format_datetime(pinned_at), how=how))
        self.trusted.setPlainText("\n".join(lines) or _("None yet."))

    def _passphrase(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, _("Passphrase (at least 8 characters):"),
                                        QLineEdit.EchoMode.Password)
        return text if ok else None

    @shows_storage_errors
    def export_to(self, path: Path | None = None, passphrase: str | None = None) -> Path | None:
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self, _("Export key"), str(Path.home() / f"workspace{KEY_FILE_SUFFIX}"),
                _("Key files (*{suffix})").format(suffix=KEY_FILE_SUFFIX))
            if not chosen:
                return None
            path = Path(chosen)
        passphrase = passphrase if passphrase is not None else self._passphrase(_("Export key"))
        if passphrase is None:
            return None
        try:
            with self.context.db.reading() as session:
                return export_key(session, path, passphrase)
        except (UserFacingError, OSError) as error:
            self._error(error)
            return None

    def import_from(self, path: Path | None = None, passphrase: str | None = None) -> bool:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(
                self, _("Import key"), str(Path.home()),
                _("Key files (*{suffix})").format(suffix=KEY_FILE_SUFFIX))
            if not chosen:
                return False
            path = Path(chosen)
            if QMessageBox.question(self, _("Import key"), _(
                    "The key in this file replaces this workspace's key: the secretariat will see "
                    "your next files signed by it. Continue?")) != QMessageBox.StandardButton.Yes:
                return False
        passphrase = passphrase if passphrase is not None else self._passphrase(_("Import key"))
        if passphrase is None:
            return False
        try:
            with self.context.db.transaction() as session:
                import_key(session, path, passphrase)
        except UserFacingError as error:
            self._error(error)
            return False
        self.refresh()
        return True

    def _error(self, error: Exception) -> None:
        text = error.message() if isinstance(error, UserFacingError) else str(error)
        self.last_error = text
        QMessageBox.warning(self, _("Workspace key"), text)
