"""Help → User guide: the Markdown guide shipped with the app, rendered by Qt, read offline.

The pages are `docs/guide/<language>/<page>.md`, shown with QTextBrowser's own Markdown support
(no extra library). A language without its own guide falls back as Qt's dialogs do (Russian for
the Central Asian languages, Turkish for Azerbaijani, Dari for Pashto), then to English. Links
between pages stay inside the window; a link that leads out of the guide opens nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QCloseEvent, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, current_language, fallback_chain
from app.resources import guide_path
from app.ui.common.accessible import set_name
from app.ui.common.window_state import WindowStateMixin

INDEX = "index"


def guide_language(language: str) -> str:
    """The language of the guide shown for an interface language: the first of its fallback chain
    (kk, ky, tg, tk, uz → ru; az → tr; ps → fa; then English) that has a guide."""
    for candidate in [*fallback_chain(language), "en"]:
        if guide_path(candidate, f"{INDEX}.md").exists():
            return candidate
    return "en"


def guide_page(page: str, language: str | None = None) -> Path:
    """The file of a page (the contents page when the page is unknown)."""
    folder = guide_path(guide_language(language or current_language()))
    path = folder / f"{page}.md"
    return path if path.exists() else folder / f"{INDEX}.md"


class GuideWindow(WindowStateMixin, QDialog):
    """A non-modal window beside the work: the guide can stay open while one follows it."""

    state_key = "GuideWindow"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenLinks(False)  # every link is checked first (see follow)
        self.browser.anchorClicked.connect(self.follow)
        self.back_button = QPushButton()
        self.contents_button = QPushButton()
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.contents_button.clicked.connect(lambda: self.show_page(INDEX))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        tools = QHBoxLayout()
        tools.addWidget(self.back_button)
        tools.addWidget(self.contents_button)
        tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(760, 640)
        self.retranslate()
        self.restore_window_state()

    def retranslate(self, *_args: object) -> None:
        self.setWindowTitle(_("User guide"))
        self.back_button.setText(_("◀ Back"))
        self.contents_button.setText(_("Contents"))
        set_name(self.browser, _("Page of the user guide"))

    def show_page(self, page: str) -> None:
        """Show a page of the guide in the interface language (or its fallback)."""
        self.browser.setSource(QUrl.fromLocalFile(str(guide_page(page))),
                               QTextDocument.ResourceType.MarkdownResource)

    def follow(self, url: QUrl) -> None:
        """Follow a link within the guide; nothing outside it opens (nothing goes on the net)."""
        if url.scheme() not in ("", "file"):
            return
        target = self.browser.source().resolved(url)
        local = Path(target.toLocalFile())
        guide = guide_path().resolve()
        if target.toLocalFile() and guide in local.resolve().parents and local.exists():
            self.browser.setSource(target, QTextDocument.ResourceType.MarkdownResource)
        elif not target.toLocalFile() and url.fragment():  # an anchor on this page
            self.browser.scrollToAnchor(url.fragment())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        super().closeEvent(event)
