"""The dashboard's checklist of the period: one line of links, each step ticked when done."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QWidget

from app.i18n import _
from app.models.services.reporting.checklist import LABELS, STEPS, Checklist
from app.ui.common.palette_colours import INFO, keep_styled, note_style

DONE, TODO, NEXT = "✓", "○", "➜"


class ChecklistBar(QLabel):
    """Emits `step_activated(step)` when a step's link is clicked (see checklist.STEPS)."""

    step_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodChecklist")
        keep_styled(self, lambda: note_style("QLabel#periodChecklist", INFO, padding="6px 8px"))
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                     | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.linkActivated.connect(lambda link: self.step_activated.emit(link.removeprefix("step:")))
        self.checklist: Checklist | None = None

    def set_checklist(self, checklist: Checklist) -> None:
        self.checklist = checklist
        self.retranslate()

    def retranslate(self) -> None:
        checklist = self.checklist
        if checklist is None:
            self.clear()
            return
        following = checklist.next_step
        parts = []
        for step in STEPS:
            mark = DONE if checklist.done[step] else (NEXT if step == following else TODO)
            # Each step on one line: the line breaks only between steps.
            label = _(LABELS[step])
            text = escape(f"{mark} {label}").replace(" ", "\u00a0")
            if step == following:
                text = f"<b>{text}</b>"
            parts.append(f'<a href="step:{step}">{text}</a>')
        heading = escape(_("This period, step by step:"))
        self.setText(f"{heading} " + " → ".join(parts))
        self.setToolTip(_("Click a step to go where it is done."))
