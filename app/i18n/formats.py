"""Dates, numbers, percentages and country names in the interface language, from CLDR via Babel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units

from app.i18n import N_, _, current_language, translate_in


@lru_cache(maxsize=32)
def locale_for(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _locale(language: str | None) -> Locale:
    return locale_for(language or current_language())


#: Digits of the numbering systems CLDR makes the default for some languages (Persian, Pashto).
_DIGITS = {"arabext": "۰۱۲۳۴۵۶۷۸۹", "arab": "٠١٢٣٤٥٦٧٨٩"}


@lru_cache(maxsize=32)
def _digit_table(locale: Locale) -> dict[int, str] | None:
    system = locale.default_numbering_system
    digits = _DIGITS.get(system)
    if digits is None:
        return None
    percent = locale.number_symbols.get(system, {}).get("percentSign", "%")
    return str.maketrans({**{str(i): digits[i] for i in range(10)}, "%": percent})


def _native(text: str, locale: Locale) -> str:
    """Babel writes Latin digits whatever the locale; CLDR (and Qt's own widgets, through QLocale)
    give Persian and Pashto their own digits, so the two agree."""
    table = _digit_table(locale)
    return text.translate(table) if table else text


def country_name(iso_code: str, language: str | None = None) -> str:
    """The country's name in the language, from CLDR; the code itself when CLDR has no name."""
    names: Mapping[str, str] = _locale(language).territories  # Babel types CLDR's tables loosely
    return names.get(iso_code.upper(), iso_code.upper())


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name, by default in that language itself (the way a language menu shows it)."""
    locale = locale_for(code)
    display = locale_for(in_language) if in_language else locale
    name = locale.get_display_name(display) or code
    return sentence_case(name)


def sentence_case(text: str) -> str:
    """The first letter upper case (a period in words, "second half of 2026", may open a sentence);
    scripts without case are left as they are."""
    return text[:1].upper() + text[1:]


def format_date(value: dt.date | None, language: str | None = None, length: str = "medium") -> str:
    if value is None:
        return ""
    locale = _locale(language)
    return _native(babel_dates.format_date(value, format=length, locale=locale), locale)


def format_datetime(value: dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    locale = _locale(language)
    return _native(babel_dates.format_datetime(value, format="medium", locale=locale), locale)


def format_number(value: float | int | None, language: str | None = None) -> str:
    if value is None:
        return ""
    locale = _locale(language)
    return _native(babel_numbers.format_decimal(value, locale=locale, numbering_system="default"),
                   locale)


def format_percent(value: float | None, language: str | None = None) -> str:
    """`value` is 0-100 (as stored), shown in the locale's percent format."""
    if value is None:
        return ""
    locale = _locale(language)
    return _native(babel_numbers.format_percent(value / 100.0, locale=locale,
                                                numbering_system="default"), locale)


def format_year(year: int, language: str | None = None) -> str:
    """A calendar year: the locale's digits, never a thousands separator (2026, not 2,026)."""
    locale = _locale(language)
    return _native(babel_numbers.format_decimal(year, locale=locale, group_separator=False), locale)


def format_period(code: str, language: str | None = None) -> str:
    """A half-year reporting period (`2026-H1`) in words; other codes are shown as they are."""
    year, _sep, half = code.partition("-H")
    if not (year.isdigit() and half in ("1", "2")):
        return code
    message = N_("first half of {year}") if half == "1" else N_("second half of {year}")
    text = translate_in(language, message) if language else _(message)
    return text.format(year=format_year(int(year), language))


def format_period_short(code: str, language: str | None = None) -> str:
    """A half-year period short enough for a column header (`2026-H2` → "H2 2026")."""
    year, _sep, half = code.partition("-H")
    if not (year.isdigit() and half in ("1", "2")):
        return code
    message = N_("H1 {year}") if half == "1" else N_("H2 {year}")
    text = translate_in(language, message) if language else _(message)
    return text.format(year=format_year(int(year), language))


def format_size(size: int, language: str | None = None) -> str:
    """A file size in bytes as the locale writes it (kB, MB or GB, one decimal at most)."""
    for unit, scale in (("digital-gigabyte", 1000 ** 3), ("digital-megabyte", 1000 ** 2)):
        if size >= scale:
            return _native(babel_units.format_unit(round(size / scale, 1), unit, length="short",
                                                   locale=_locale(language)), _locale(language))
    return _native(babel_units.format_unit(max(1, round(size / 1000)), "digital-kilobyte",
                                           length="short", locale=_locale(language)),
                   _locale(language))
