"""Dates, numbers, percentages and country names in the interface language, from CLDR via Babel."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TypeVar

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel import units as babel_units

from app.i18n import N_, _, current_language, translate_in
from app.i18n.official_names import official_name


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
    """The country's name in the language: the state's official name where it differs from CLDR's
    (`official_names`), else CLDR's; the code itself when neither has a name."""
    code = iso_code.upper()
    official = official_name(code, language or current_language())
    if official:
        return official
    names: Mapping[str, str] = _locale(language).territories  # Babel types CLDR's tables loosely
    return names.get(code, code)


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


#: The formatters below keep what they made: a view asks for the same few dates and figures
#: thousands of times while it lays out and repaints, and Babel builds each from its pattern anew.
#: Keyed by the language itself, so a language switch never gets a stale text.
_KEPT = 4096


def format_date(value: dt.date | None, language: str | None = None, length: str = "medium") -> str:
    if value is None:
        return ""
    return _format_date(value, language or current_language(), length)


@lru_cache(maxsize=_KEPT, typed=True)
def _format_date(value: dt.date, language: str, length: str) -> str:
    locale = locale_for(language)
    return _native(babel_dates.format_date(value, format=length, locale=locale), locale)


def format_datetime(value: dt.datetime | None, language: str | None = None) -> str:
    if value is None:
        return ""
    locale = _locale(language)
    return _native(babel_dates.format_datetime(value, format="medium", locale=locale), locale)


_Number = TypeVar("_Number", float, int, Decimal)

#: Decimals of an average progress (percent) wherever it is shown or written: 35.3 %.
AVERAGE_PLACES = 1


def round_half_up(value: float, places: int = 0) -> Decimal:
    """`value` rounded as officials check it, like Excel's ROUND: 35.25 -> 35.3, 34.5 -> 35.

    Python's `round` and Babel round half to even, on the binary float (35.25 -> 35.2); this
    rounds the number as written in decimal (`repr`, the shortest form that reads back the same).
    The one rounding of every figure the app shows or writes."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def rounded(value: float | None, places: int = 0) -> float | None:
    """`round_half_up` as a float, for a workbook cell (which then shows exactly this figure)."""
    return None if value is None else float(round_half_up(value, places))


def format_number(value: float | int | None, language: str | None = None,
                  places: int | None = None) -> str:
    """A number in the locale's format; `places` rounds it half-up to that many decimals first."""
    if value is None:
        return ""
    return _format_number(_unsigned_zero(value), language or current_language(), places)


def _unsigned_zero(value: _Number) -> _Number:
    """-0.0 (what a subtraction can leave) is shown as 0, never "-0"; kept apart, the two would
    also share one remembered text, whichever came first."""
    return abs(value) if value == 0 else value


@lru_cache(maxsize=_KEPT, typed=True)
def _format_number(value: float | int, language: str, places: int | None) -> str:
    locale = locale_for(language)
    number: float | int | Decimal = value
    if places is not None:
        number = round_half_up(value, places)
    elif isinstance(value, float):
        number = round_half_up(value, 3)  # Babel's own precision, rounded half-up
    return _native(babel_numbers.format_decimal(number, locale=locale, numbering_system="default"),
                   locale)


def format_percent(value: float | None, language: str | None = None, places: int = 0) -> str:
    """`value` is 0-100 (as stored), rounded half-up to `places` decimals, in the locale's
    percent format (34.5 -> "35 %")."""
    if value is None:
        return ""
    return _format_percent(_unsigned_zero(value), language or current_language(), places)


@lru_cache(maxsize=_KEPT, typed=True)
def _format_percent(value: float, language: str, places: int) -> str:
    locale = locale_for(language)
    number = round_half_up(value, places).scaleb(-2)
    return _native(_percent_pattern(locale, places).apply(number, locale,
                                                          numbering_system="default"), locale)


@lru_cache(maxsize=64)
def _percent_pattern(locale: Locale, places: int) -> babel_numbers.NumberPattern:
    """The locale's percent pattern with exactly `places` decimals (35.0 %, as a workbook's 0.0)."""
    pattern: babel_numbers.NumberPattern = copy.copy(locale.percent_formats[None])
    pattern.frac_prec = (places, places)
    return pattern


def format_year(year: int, language: str | None = None) -> str:
    """A calendar year: the locale's digits, never a thousands separator (2026, not 2,026)."""
    return _format_year(year, language or current_language())


@lru_cache(maxsize=_KEPT)
def _format_year(year: int, language: str) -> str:
    locale = locale_for(language)
    return _native(babel_numbers.format_decimal(year, locale=locale, group_separator=False), locale)


def _half_year(code: str, first: str, second: str, language: str | None) -> str:
    """`code` (`2026-H1`) through the message for its half; other codes as they are."""
    year, _sep, half = code.partition("-H")
    if not (year.isdigit() and half in ("1", "2")):
        return code
    message = first if half == "1" else second
    text = translate_in(language, message) if language else _(message)
    return text.format(year=format_year(int(year), language))


def format_period(code: str, language: str | None = None) -> str:
    """A half-year reporting period (`2026-H1`) in words; other codes are shown as they are."""
    return _half_year(code, N_("first half of {year}"), N_("second half of {year}"), language)


def format_period_short(code: str, language: str | None = None) -> str:
    """A half-year period short enough for a column header (`2026-H2` → "H2 2026")."""
    return _half_year(code, N_("H1 {year}"), N_("H2 {year}"), language)


def format_size(size: int, language: str | None = None) -> str:
    """A file size in bytes as the locale writes it (kB, MB or GB, one decimal at most)."""
    for unit, scale in (("digital-gigabyte", 1000 ** 3), ("digital-megabyte", 1000 ** 2)):
        if size >= scale:
            return _native(babel_units.format_unit(round_half_up(size / scale, 1), unit, length="short",
                                                   locale=_locale(language)), _locale(language))
    return _native(babel_units.format_unit(max(1, int(round_half_up(size / 1000))), "digital-kilobyte",
                                           length="short", locale=_locale(language)),
                   _locale(language))
