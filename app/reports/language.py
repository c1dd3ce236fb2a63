"""Texts of a workbook or report in the language chosen for it, whatever the interface language is."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from app.i18n import load_translations
from app.i18n.formats import AVERAGE_PLACES, country_name, format_date, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.orm.enums import label_in


@lru_cache(maxsize=16)
def translator(language: str) -> Callable[[str], str]:
    """`gettext` of the catalog for `language` (loaded once; English source when there is none)."""
    return load_translations(language).gettext


@lru_cache(maxsize=64)
def labels(members: type[enum.Enum], language: str) -> dict[enum.Enum, str]:
    """Each member's label in `language`, in declaration order (looked up once per language)."""
    return {member: label_in(member, language) for member in members}


def clear_cache() -> None:
    """Forget loaded catalogs (after catalogs were compiled or moved, e.g. in tests)."""
    translator.cache_clear()
    labels.cache_clear()


@dataclass(frozen=True)
class ReportLanguage:
    """Everything a report says, in one language: `t` translates a source string (marked with `N_`
    where it is written), the rest names and formats in that language's conventions."""

    code: str

    def t(self, message: str) -> str:
        return translator(self.code)(message)

    def label(self, member: enum.Enum) -> str:
        return labels(type(member), self.code)[member]

    def country(self, iso_code: str) -> str:
        return country_name(iso_code, self.code)

    def title(self, titles: dict[str, str] | None) -> str:
        return pick_language(titles, self.code)

    def date(self, value: dt.date | None) -> str:
        return format_date(value, self.code)

    def number(self, value: float | None) -> str:
        return format_number(value, self.code)

    def percent(self, value: float | None, places: int = 0) -> str:
        """`value` is 0-100, rounded half-up to `places` decimals."""
        return format_percent(value, self.code, places)

    def average(self, value: float | None) -> str:
        """An average progress (0-100) with the decimals it has everywhere (35.3 %)."""
        return format_percent(value, self.code, AVERAGE_PLACES)
