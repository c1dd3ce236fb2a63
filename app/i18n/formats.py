"""Dates, numbers, percentages and country names in the interface language, from CLDR via Babel."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units

from app.i18n import current_language


@lru_cache(maxsize=32)
def locale_for(language: str) -> Locale:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _locale(language: str | None) -> Locale:
    return locale_for(language or current_language())


def country_name(iso_code: str, language: str | None = None) -> str:
    """The country's name in the language, from CLDR; the code itself when CLDR has no name."""
    return _locale(language).territories.get(iso_code.upper(), iso_code.upper())


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name, by default in that language itself (the way a language menu shows it)."""
    locale = locale_for(code)
    display = locale_for(in_language) if in_language else locale
    name = locale.get_display_name(display) or code
    return name[:1].upper() + name[1:]


def format_date(value: dt.date | None, language: str | None = None, length: str = "medium") -> str:
    if value is None:
        return ""
    return babel_dates.format_date(value, format=length, locale=_locale(language))


def format_datetime(value: dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return babel_dates.format_datetime(value, format="medium", locale=_locale(language))


def format_number(value: float | int | None, language: str | None = None) -> str:
    if value is None:
        return ""
    return babel_numbers.format_decimal(value, locale=_locale(language))


def format_percent(value: float | None, language: str | None = None) -> str:
    """`value` is 0-100 (as stored), shown in the locale's percent format."""
    if value is None:
        return ""
    return babel_numbers.format_percent(value / 100.0, locale=_locale(language))


def format_size(size: int, language: str | None = None) -> str:
    """A file size in bytes as the locale writes it (kB, MB or GB, one decimal at most)."""
    for unit, scale in (("digital-gigabyte", 1000 ** 3), ("digital-megabyte", 1000 ** 2)):
        if size >= scale:
            return babel_units.format_unit(round(size / scale, 1), unit, length="short",
                                           locale=_locale(language))
    return babel_units.format_unit(max(1, round(size / 1000)), "digital-kilobyte", length="short",
                                   locale=_locale(language))
