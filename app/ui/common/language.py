"""Bridge the translation function to Qt: Qt's own dialog strings, layout direction, one signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    Qt,
    QTranslator,
    Signal,
)
from PySide6.QtWidgets import QApplication

from app import i18n
from app.ui.common.qt_accelerators import AcceleratorFallback

#: Qt ships no translation of its own dialogs' buttons for these; the language their users most
#: likely read instead (Russian across Central Asia, Turkish for Azerbaijani, Dari for Pashto).
QT_FALLBACK: dict[str, str] = {"ky": "ru", "tg": "ru", "tk": "ru", "uz": "ru", "az": "tr", "ps": "fa"}


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_catalog_language(language: str) -> str | None:
    """The language of Qt's own `qtbase_*.qm` to load for an interface language (None: English)."""
    folder = Path(qt_translations_folder())
    for candidate in (language, QT_FALLBACK.get(language)):
        if candidate and (folder / f"qtbase_{candidate}.qm").exists():
            return candidate
    return None


class LanguageController(QObject):
    """Switches the interface language; `language_changed` tells every panel to re-apply its texts."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translator: QTranslator | None = None
        self._accelerators: QTranslator | None = None

    @property
    def qt_translator(self) -> QTranslator | None:
        """Qt's own translator installed for the current language, if Qt has one."""
        return self._qt_translator

    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        self._install_qt_translator(language)
        QLocale.setDefault(QLocale(language))
        direction = Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else (
            Qt.LayoutDirection.LeftToRight)
        self._app.setLayoutDirection(direction)
        # Qt posts LanguageChange to every window when a translator comes or goes, and widgets such
        # as QDialogButtonBox then reset their texts to Qt's own; let that happen first, so the
        # texts the panels apply on `language_changed` are the ones that stay.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language_changed.emit(language)

    def _install_qt_translator(self, language: str) -> None:
        if self._accelerators is not None:
            self._app.removeTranslator(self._accelerators)
            self._accelerators.deleteLater()
            self._accelerators = None
        if self._qt_translator is not None:
            self._app.removeTranslator(self._qt_translator)
            self._qt_translator.deleteLater()
            self._qt_translator = None
        qt_language = qt_catalog_language(language)
        if qt_language is None:
            return
        translator = QTranslator(self._app)
        if translator.load(f"qtbase_{qt_language}", qt_translations_folder()):
            self._app.installTranslator(translator)
            self._qt_translator = translator
            self._accelerators = AcceleratorFallback(translator, self._app)
            self._app.installTranslator(self._accelerators)  # asked first: installed last
