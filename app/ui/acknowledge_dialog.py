"""Ask for an optional note to the coordinator when acknowledging a submission."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.i18n import _


class AcknowledgeDialog(QDialog):
    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Acknowledge submission"))
        intro = QLabel(_("Acknowledge {what}. You may add a note for the coordinator:").format(what=what))
        intro.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setObjectName("acknowledgementNote")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Acknowledge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.note_edit)
        layout.addWidget(buttons)
        self.resize(460, 240)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()
