"""Texts of a report in the language chosen for it, whatever the interface language is."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from functools import lru_cache

from app.i18n import translate_in
from app.i18n.formats import country_name, format_date, format_number, format_percent
from app.models.orm.base import pick_language
from app.models.orm.enums import label_in


@lru_cache(maxsize=4096)
def _translate(code: str, message: str) -> str:
    return translate_in(code, message)


@lru_cache(maxsize=1024)
def _label(code: str, member: enum.Enum) -> str:
    return label_in(member, code)


@dataclass(frozen=True)
class ReportLanguage:
    """`t` translates a source string (marked with `N_` where it is written)."""

    code: str

    def t(self, message: str) -> str:
        return _translate(self.code, message)

    def label(self, member: enum.Enum) -> str:
        return _label(self.code, member)

    def country(self, iso_code: str) -> str:
        return country_name(iso_code, self.code)

    def title(self, titles: dict[str, str] | None) -> str:
        return pick_language(titles, self.code)

    def date(self, value: dt.date | None) -> str:
        return format_date(value, self.code)

    def number(self, value: float | None) -> str:
        return format_number(value, self.code)

    def percent(self, value: float | None) -> str:
        """`value` is 0-100."""
        return format_percent(value, self.code)
