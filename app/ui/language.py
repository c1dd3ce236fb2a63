"""Bridge the translation function to Qt: Qt's own dialog strings, layout direction, one signal."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from app import i18n
from app.ui.signals import emit


class LanguageController(QObject):
    """Switches the interface language; `language_changed` tells every panel to re-apply its texts."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translator: QTranslator | None = None

    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        self._install_qt_translator(language)
        QLocale.setDefault(QLocale(language))
        direction = Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else (
            Qt.LayoutDirection.LeftToRight)
        self._app.setLayoutDirection(direction)
        emit(self.language_changed, language)

    def _install_qt_translator(self, language: str) -> None:
        if self._qt_translator is not None:
            self._app.removeTranslator(self._qt_translator)
            self._qt_translator = None
        translator = QTranslator(self._app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{language}", folder):
            self._app.installTranslator(translator)
            self._qt_translator = translator
