"""Qt's own labels that gained an access key ("&Look in:") after Qt's catalogs were translated.

Qt 6's file dialog asks for "&Look in:" and "Files of &type:", while qtbase_ru.qm (and the other
catalogs) still hold "Look in:" and "Files of type:", so the dialog showed them in English inside
a Russian interface. This translator answers such strings from the same catalog without the "&",
and puts an access key on the translation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTranslator


class AcceleratorFallback(QTranslator):
    """Asked before `catalog`: answers only what `catalog` lacks with its "&" and has without."""

    def __init__(self, catalog: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog

    def isEmpty(self) -> bool:
        return False

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None, not "": Qt takes an empty string as a translation and stops asking.
        if "&" not in source or self._catalog.translate(context, source, disambiguation, n):
            return None
        text = self._catalog.translate(context, source.replace("&", ""), disambiguation, n)
        return with_access_key(text) if text else None


def with_access_key(text: str) -> str:
    """`text` with an access key on its first letter (Qt underlines the letter after "&")."""
    for position, char in enumerate(text):
        if char.isalpha():
            return text[:position] + "&" + text[position:]
    return text
