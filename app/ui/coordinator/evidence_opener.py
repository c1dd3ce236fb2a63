"""The evidence editor's Open: only what `evidence_location.decide` allows, after the user saw it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _
from app.models.services.reporting.evidence_location import Action, decide
from app.ui.common.plain_text import ask, message_box, visible_marks, warn


def open_evidence(parent: QWidget | None, location: str) -> bool:
    """Open a web address or a local document after confirmation; show anything else to copy.

    Returns whether the desktop was asked to open it.
    """
    decision = decide(location)
    title = _("Open evidence")
    if decision.action == Action.WEB:
        if not ask(parent, title, _("Open this address in your web browser?") + "\n\n"
                   + visible_marks(decision.target)):
            return False
        return QDesktopServices.openUrl(QUrl(decision.target, QUrl.ParsingMode.StrictMode))
    if decision.action == Action.DOCUMENT:
        return _open_document(parent, title, Path(decision.target))
    show_location(parent, title, decision.explanation(), location)
    return False


def _open_document(parent: QWidget | None, title: str, path: Path) -> bool:
    if not path.is_file():
        warn(parent, title, _("There is no file {path}.").format(path=visible_marks(str(path))))
        return False
    real = path.resolve()
    again = decide(str(real))  # a link named .pdf may lead to a program
    if again.action != Action.DOCUMENT:
        show_location(parent, title, again.explanation(), str(path))
        return False
    if not ask(parent, title, _("Open this document with the program your computer uses for it?")
               + "\n\n" + visible_marks(str(real))):
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(real)))


def show_location(parent: QWidget | None, title: str, why: str, location: str) -> None:
    """Say why the app does not open it, and show the location (selectable) to copy."""
    text = why + "\n\n" + _("The location, to copy if you trust it:") + "\n" + visible_marks(location)
    message_box(parent, QMessageBox.Icon.Information, title, text, selectable=True)
