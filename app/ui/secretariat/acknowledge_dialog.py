"""Ask for an optional note to the coordinator when acknowledging a submission.

For a file edited after export the cells that differ are shown, so the secretariat sees what it
acknowledges; the note (and those cells) go to the coordinator in an e-mail with the receipt attached.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from app.reports.submission.mailto import edited_cell_line
from app.ui.common.accessible import set_name
from app.ui.common.screen_fit import OnScreenMixin


class AcknowledgeDialog(OnScreenMixin, QDialog):
    def __init__(self, what: str, parent: QWidget | None = None,
                 edited_cells: Sequence[Mapping[str, Any]] = ()) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Acknowledge submission"))
        intro = QLabel(_("Acknowledge {what}. You may add a note for the coordinator:").format(what=what))
        intro.setWordWrap(True)
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)  # Tab leaves the note (no tabs in a note)
        self.note_edit.setObjectName("acknowledgementNote")
        set_name(self.note_edit, _("Note for the coordinator"))
        layout = QVBoxLayout(self)
        if edited_cells:
            edited = QLabel(ngettext(
                "Edited after export: {count} cell differs from the file as exported.",
                "Edited after export: {count} cells differ from the file as exported.",
                len(edited_cells)).format(count=len(edited_cells)))
            edited.setWordWrap(True)
            self.cells_view = QPlainTextEdit("\n".join(edited_cell_line(c) for c in edited_cells))
            self.cells_view.setObjectName("editedCells")
            self.cells_view.setReadOnly(True)
            set_name(self.cells_view, _("Cells edited after export"))
            self.cells_view.setTabChangesFocus(True)
            self.cells_view.setMaximumHeight(120)
            layout.addWidget(edited)
            layout.addWidget(self.cells_view)
        self.compose_check = QCheckBox(_("Send the receipt to the coordinator by e-mail, with "
                                         "this note"))
        self.compose_check.setObjectName("composeAcknowledgement")
        self.compose_check.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Acknowledge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.insertWidget(0, intro)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.compose_check)
        layout.addWidget(buttons)
        self.resize(520, 320 if edited_cells else 240)

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def compose(self) -> bool:
        return self.compose_check.isChecked()
