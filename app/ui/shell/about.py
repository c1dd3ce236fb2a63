"""The About box: name, version, purpose."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app import APP_NAME, __version__
from app.i18n import _


def about_text() -> str:
    return _(
        "<h3>{app}</h3><p>Version {version}</p><p>Keeps a country's commitments and progress under "
        "the Regional Action Plan of the Almaty Process, and exchanges submission workbooks with "
        "the secretariat. Works offline; your data stay on this computer.</p>"
    ).format(app=APP_NAME, version=__version__)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(parent, _("About {app}").format(app=APP_NAME), about_text())
