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


def qt_translations_folder() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def qt_catalog_language(language: str) -> str | None:
    """The language of Qt's own `qtbase_*.qm` to load for an interface language (None: English):
    the first of its fallback chain Qt ships (ky → ru, az → tr, ps → fa, kk → ru if Qt's Kazakh file
    is missing), the same chain as for stored texts and catalogs (`i18n.FALLBACK`)."""
    folder = Path(qt_translations_folder())
    for candidate in i18n.fallback_chain(language):
        if candidate != i18n.SOURCE_LANGUAGE and (folder / f"qtbase_{candidate}.qm").exists():
            return candidate
    return None


class CatalogTranslator(QTranslator):
    """Qt's own strings (`qt_strings.QT_STRINGS`) from the app's gettext catalog, in every language:
    installed after Qt's `qtbase_*.qm`, so it is asked first and the app's terms win where Qt's
    differ (fa «لغو», not Qt's «انصراف»); what the catalog lacks is left to Qt's file (or English)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from app.ui.common.qt_strings import QT_STRINGS

        self._known = set(QT_STRINGS)

    def isEmpty(self) -> bool:  # Qt's name
        return False

    def translate(self, context: str, source_text: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if (context, source_text) not in self._known:
            return ""
        text = i18n.pgettext(context, source_text)
        return "" if text == source_text else text


class LanguageController(QObject):
    """Switches the interface language; `language_changed` tells every panel to re-apply its texts."""

    language_changed = Signal(str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._qt_translator: QTranslator | None = None
        self._catalog_translator = CatalogTranslator(self)
        self._accelerators: QTranslator | None = None

    @property
    def qt_translator(self) -> QTranslator | None:
        """Qt's own translator installed for the current language, if Qt has one."""
        return self._qt_translator

    def set_language(self, language: str) -> None:
        i18n.set_language(language)
        self._install_qt_translator(language)
        QLocale.setDefault(QLocale(language))
        for window in self._app.topLevelWidgets():  # spin boxes and editors in the locale's digits
            window.setLocale(QLocale(language))
        direction = Qt.LayoutDirection.RightToLeft if i18n.is_rtl(language) else (
            Qt.LayoutDirection.LeftToRight)
        self._app.setLayoutDirection(direction)
        # Qt posts LanguageChange to every window when a translator comes or goes, and widgets such
        # as QDialogButtonBox then reset their texts to Qt's own; let that happen first, so the
        # texts the panels apply on `language_changed` are the ones that stay.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language_changed.emit(language)

    def _install_qt_translator(self, language: str) -> None:
        self._app.removeTranslator(self._catalog_translator)
        try:
            self._install_qtbase(language)
        finally:
            if language != i18n.SOURCE_LANGUAGE:  # last installed, first asked
                self._app.installTranslator(self._catalog_translator)

    def _install_qtbase(self, language: str) -> None:
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
