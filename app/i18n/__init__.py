"""The one translation function for every layer (UI and reports), backed by gettext catalogs.

Strings are looked up when they are shown, never at import time, so the language can change while
the app runs: listeners registered with `on_language_changed` are told, and re-apply their texts.
"""

from __future__ import annotations

import gettext
import unicodedata
from collections.abc import Callable

from app.resources import resource_path

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"

#: Interface languages with their right-to-left flag. English is the source language.
LANGUAGES: dict[str, bool] = {
    "en": False,
    "ru": False,
    "kk": False,
    "ky": False,
    "tg": False,
    "tk": False,
    "uz": False,
    "fa": True,
    "ps": True,
    "tr": False,
    "az": False,
    "ur": True,
}

#: The language a reader of each language reads best when a text is missing in their own, before
#: English: Russian across Central Asia, Turkish for Azerbaijani, Dari/Persian for Pashto. Urdu
#: readers go straight to English. One table for stored texts (plan titles, meetings, notes), the
#: catalogs and Qt's own strings.
FALLBACK: dict[str, str] = {
    "kk": "ru", "ky": "ru", "tg": "ru", "tk": "ru", "uz": "ru", "az": "tr", "ps": "fa",
}


def fallback_chain(language: str) -> list[str]:
    """The languages to try for a text, in order, ending with English: kk → [kk, ru, en]."""
    base = language.split("_")[0]
    chain = [language] if language == base else [language, base]
    while base in FALLBACK and FALLBACK[base] not in chain:
        base = FALLBACK[base]
        chain.append(base)
    if SOURCE_LANGUAGE not in chain:
        chain.append(SOURCE_LANGUAGE)
    return chain


_translations: gettext.NullTranslations = gettext.NullTranslations()
_language: str = SOURCE_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def catalog_dir() -> str:
    return str(resource_path("translations"))


def load_translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog for a language, then those of its fallback chain (a message missing in
    Kyrgyz shows in Russian), or the source strings when there is none."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    languages = [code for code in fallback_chain(language) if code != SOURCE_LANGUAGE]
    return gettext.translation(DOMAIN, catalog_dir(), languages=languages, fallback=True)


def set_language(language: str) -> None:
    """Switch every later lookup to `language` and tell the listeners."""
    global _translations, _language
    _translations = load_translations(language)
    _language = language
    for listener in list(_listeners):
        listener(language)


def current_language() -> str:
    return _language


def is_rtl(language: str | None = None) -> bool:
    return LANGUAGES.get(language or _language, False)


def isolate(text: str) -> str:
    """`text` in its own direction where it meets text of the other direction: a path, a code
    (`1.1.a`, `2026-H1`), a number with Latin letters or an English title keeps its order (and its
    ellipsis) inside right-to-left text, and vice versa; text without a strong letter (a plain
    number) is left as it is, since the bidi algorithm keeps it whole already.

    An embedding (LRE/RLE ... PDF) after the first strong letter, not the isolates (U+2066-2069):
    `app.models.invisible` marks isolates in shown text as possibly hostile (they can hide what a
    text says) and lets these embeddings through, and fonts such as DejaVu lack the isolates."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return f"\u202a{text}\u202c"
        if kind in ("R", "AL"):
            return f"\u202b{text}\u202c"
    return text


def coded(code: str, text: str, language: str | None = None) -> str:
    """A code and its title ("1.1.a  Title"), the code isolated in a right-to-left language so
    that "1.1.a" or "2026-H1" never mixes with the title around it."""
    return f"{isolate(code)}  {text}" if is_rtl(language) else f"{code}  {text}"


def separator(language: str | None = None) -> str:
    """Between parts of a line ("Kazakhstan · 2026-H1"): a middle dot, but an en dash in a
    right-to-left language, where "·" reads as the Persian zero ("۱ · ۱" as "۱۰")."""
    return " \u2013 " if is_rtl(language) else " · "


def on_language_changed(listener: Callable[[str], None]) -> None:
    _listeners.append(listener)


def _(message: str) -> str:
    """Translate a user-visible string into the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Translate a string with plural forms for `count`."""
    return _translations.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where it is shown."""
    return message


def NC_(context: str, message: str) -> tuple[str, str]:
    """Mark a string with its context (Qt's class name) for extraction; `pgettext` finds it."""
    return context, message


def pgettext(context: str, message: str) -> str:
    """Translate a string marked with `NC_` into the current language (the source when missing)."""
    return _translations.pgettext(context, message)


def translate_in(language: str, message: str) -> str:
    """Translate into a given language without changing the interface language (e.g. a report)."""
    return load_translations(language).gettext(message)


def available_languages() -> list[str]:
    """Languages offered in the interface: the source language and every compiled catalog."""
    from pathlib import Path

    root = Path(catalog_dir())
    return [code for code in LANGUAGES
            if code == SOURCE_LANGUAGE or (root / code / "LC_MESSAGES" / f"{DOMAIN}.mo").exists()]
