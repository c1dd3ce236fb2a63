"""Import a plan workbook: read and validate it, show what changes, apply it after a backup.

Applying runs off the GUI thread (backup, then the new plan in one transaction); a cancel before
the commit leaves the workspace as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language
from app.models.orm.base import pick_language
from app.models.orm.keys import SECRETARIAT_PARTY
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.keys.pins import Trust, pin, plan_sender_trust
from app.models.services.plan.diff import ItemChange
from app.models.services.plan.versions import (
    AdoptResult,
    PlanPreview,
    adopt_with_backup,
    preview_plan_document,
)
from app.models.topics import COMMITMENTS, INDICATOR_VALUES, PLAN
from app.reports.plan_workbook.reader import PlanFile, read_plan_workbook
from app.ui.common.accessible import set_name
from app.ui.common.background import BackgroundTask, run_in_background
from app.ui.common.context import WorkspaceContext
from app.ui.common.palette_colours import ERROR, Role, palette_changed, text_colour
from app.ui.common.screen_fit import OnScreenMixin


def _level(level: str) -> str:
    return {"objective": _("Objective"), "action": _("Action"), "indicator": _("Indicator")}[level]


class PlanImportDialog(OnScreenMixin, QDialog):
    """Raises UserFacingError from the constructor when the file cannot be read at all."""

    #: The plan was adopted (AdoptResult).
    applied = Signal(object)

    def __init__(self, context: WorkspaceContext, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.adopted: AdoptResult | None = None
        self.task: BackgroundTask | None = None
        self.file: PlanFile = read_plan_workbook(path)
        document = self.file.document
        assert document is not None
        with context.db.transaction() as session:
            self.preview: PlanPreview = preview_plan_document(session, document)
            self.trust = plan_sender_trust(session, self.file.signer_key)
        self.setWindowTitle(_("Import plan workbook"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.details = QTextBrowser()
        self.details.setObjectName("planPreview")
        set_name(self.details, _("What the plan workbook changes"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.apply_button.setText(_("Apply"))
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self.key_note = QLabel(self._key_note())
        self.key_note.setWordWrap(True)
        self.key_note.setVisible(self.trust != Trust.PINNED)
        self.key_confirmed = QCheckBox(
            _("I confirmed this key with the secretariat (by phone, not by e-mail)")
            if self.file.signer_key is not None
            else _("I confirmed with the secretariat that they sent this file"))
        self.key_confirmed.setVisible(self.needs_confirmation)
        self.key_confirmed.toggled.connect(lambda _on: self.apply_button.setEnabled(self.can_apply))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.key_note)
        layout.addWidget(self.key_confirmed)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.apply_button.setEnabled(self.can_apply)
        self.summary.setText(self._summary())
        self._show_details()
        # The errors' red is worked out from the palette: again when the system turns dark.
        palette_changed().connect(self._show_details)  # a method: gone with the dialog
        self.resize(720, 560)

    def _show_details(self, *_args: object) -> None:
        self.details.setHtml(self._details())

    @property
    def needs_confirmation(self) -> bool:
        """Signed by another key than the secretariat's pinned one, or not signed at all."""
        return self.trust in (Trust.NEW_KEY, Trust.UNSIGNED)

    @property
    def can_apply(self) -> bool:
        confirmed = not self.needs_confirmation or self.key_confirmed.isChecked()
        return self.preview.can_apply and not self.file.problems and confirmed

    def _key_note(self) -> str:
        key = self.file.signer_key
        shown = fingerprint(key) if key is not None else ""
        if self.trust == Trust.FIRST_USE:
            return _("The secretariat's key {fingerprint} will be remembered: later plan "
                     "workbooks must carry the same one.").format(fingerprint=shown)
        if self.trust == Trust.NEW_KEY:
            return _("Signed by a new key {fingerprint}, not the secretariat's key this workspace "
                     "knows. Confirm it with the secretariat before applying.").format(
                         fingerprint=shown)
        if self.trust == Trust.UNSIGNED:
            return _("This plan workbook is not signed. Confirm with the secretariat that they "
                     "sent it before applying.")
        return ""

    def _summary(self) -> str:
        doc, diff = self.preview.document, self.preview.diff
        text = _("Plan {code}, version {version}: {added} added, {renamed} renamed, {moved} moved, "
                 "{changed} changed, {retired} retired, {unchanged} unchanged.").format(
            code=doc.code, version=doc.version, added=len(diff.added), renamed=len(diff.renamed),
            moved=len(diff.moved), changed=len(diff.changed), retired=len(diff.retired),
            unchanged=diff.unchanged)
        if self.preview.current is not None and self.can_apply:
            text += " " + _("{following} commitments follow their action; {flagged} stay under "
                            "retired actions, kept and flagged.").format(
                following=self.preview.commitments_following,
                flagged=self.preview.commitments_flagged)
        return text

    def _section(self, title: str, changes: list[ItemChange],
                 describe: Callable[[ItemChange], str]) -> list[str]:
        if not changes:
            return []
        rows = [f"<h3>{escape(title)} ({len(changes)})</h3><ul>"]
        rows += [f"<li>{describe(c)}</li>" for c in changes]
        return [*rows, "</ul>"]

    def _details(self) -> str:
        lang = current_language()
        parts: list[str] = []
        if self.file.edited_after_export:
            parts.append("<p><b>" + escape(_(
                "This file was edited after it was exported: its content no longer matches its "
                "digest. Check the changes below before applying them.")) + "</b></p>")
        red = text_colour(ERROR, on=(Role.Base,)).name()  # readable in a dark palette too
        for message in self.preview.errors:
            parts.append(f"<p style='color:{red}'>{escape(message)}</p>")
        for problem in self.file.problems:
            parts.append(f"<p style='color:{red}'>{escape(str(problem))}</p>")

        def item(c: ItemChange) -> str:
            return (f"{escape(_level(c.level))} <b>{escape(c.new_code or c.old_code or '')}</b> "
                    f"{escape(pick_language(c.titles, lang))}")

        diff = self.preview.diff
        parts += self._section(_("Added"), diff.added, item)
        parts += self._section(_("Renamed"), diff.renamed, lambda c: escape(
            _("{level} {old} → {new}").format(level=_level(c.level), old=c.old_code, new=c.new_code)))
        parts += self._section(_("Moved"), diff.moved, lambda c: escape(
            _("{level} {code}: from {old} to {new}").format(
                level=_level(c.level), code=c.new_code, old=c.old_parent, new=c.new_parent)))
        parts += self._section(_("Changed"), diff.changed, item)
        parts += self._section(_("Retired"), diff.retired, lambda c: item(c) + " — " + escape(
            _("its commitments are kept and flagged")))
        if not diff.has_changes and not parts:
            parts.append("<p>" + escape(_("Nothing changes.")) + "</p>")
        return "".join(parts)

    def apply(self) -> BackgroundTask | None:
        """Back up, then adopt the plan in one transaction, off the GUI thread."""
        document = self.file.document
        if not self.can_apply or document is None or self.task is not None:
            return None
        self.apply_button.setEnabled(False)
        db = self._context.db
        self.task = run_in_background(
            self, _("Importing the plan"), lambda progress: adopt_with_backup(db, document, progress),
            bus=self._context.bus, topics=(PLAN, COMMITMENTS, INDICATOR_VALUES),
            on_success=self._adopted)
        self.task.failed.connect(self._not_applied)
        self.task.cancelled.connect(self._not_applied)
        return self.task

    def _not_applied(self, *_args: object) -> None:
        self.task = None
        self.apply_button.setEnabled(self.can_apply)

    def _adopted(self, result: AdoptResult) -> None:
        self.task = None
        self.adopted = result
        key = self.file.signer_key
        if key is not None and self.trust != Trust.PINNED:
            with self._context.db.transaction() as session:
                pin(session, SECRETARIAT_PARTY, key, confirmed=self.trust == Trust.NEW_KEY)
        self.applied.emit(result)
        self.accept()
