"""Read one cell of an imported workbook into its canonical value, or say what is wrong with it.

Nothing is evaluated: a formula cell is an error (its text is kept only so the digest notices it),
and a text that merely looks like a formula ("=SUM(A1)", "+7 701 …", "-", "@user") stays text.
Whatever Excel or LibreOffice made of a value (a number typed into a text cell, a date typed as
text, a decimal comma) is read the way a person meant it where that is unambiguous.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.i18n import _
from app.i18n.formats import format_number
from app.models.orm.enums import IndicatorKind
from app.reports.language import labels
from app.reports.xlsx.columns import NO, YES, Column, Kind
from app.reports.xlsx.digest import MAX_CELL_TEXT, clean_name, clean_text, normalize_number
from app.reports.xlsx.openpyxl_api import from_excel

_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


class CellValueError(Exception):
    """What is wrong with a cell, in the user's language; the canonical raw value rides along."""

    def __init__(self, message: str, raw: Any) -> None:
        super().__init__(message)
        self.message = message
        self.raw = raw


@dataclass
class Vocabulary:
    """Labels accepted for each choice: the workbook's language, English, and the codes."""

    choices: dict[str, dict[str, str]]
    yes_no: dict[str, int]

    @classmethod
    def for_language(cls, language: str, translate: Callable[[str], str],
                     choice_enums: list[type[enum.Enum]]) -> Vocabulary:
        choices = {}
        for enum_class in choice_enums:
            accepted: dict[str, str] = {}
            english, own = labels(enum_class, "en"), labels(enum_class, language)
            for member in enum_class:
                for text in (member.value, english[member], own[member]):
                    accepted[text.strip().casefold()] = member.value
            choices[enum_class.__name__] = accepted
        yes_no = {"1": 1, "0": 0, "true": 1, "false": 0, "yes": 1, "no": 0,
                  translate(YES).casefold(): 1, translate(NO).casefold(): 0}
        return cls(choices, yes_no)


def _raw(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, float | int | bool):
        return normalize_number(value)
    if isinstance(value, str):
        return clean_text(value)
    return None if value is None else str(value)


def _number(value: Any) -> float | int | None:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int | float):
        return normalize_number(value)
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if _NUMBER.match(text):
            return normalize_number(float(text.replace(",", ".")))
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 200000:
        return from_excel(value).date()
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            match = _DAY_FIRST.match(text)
            if match:
                try:
                    return dt.date(int(match[3]), int(match[2]), int(match[1]))
                except ValueError:
                    return None
    return None


def read_cell(column: Column, value: Any, data_type: str, vocabulary: Vocabulary,
              value_kind: str | None = None) -> Any:
    """The canonical value of a cell; raises CellValueError when it cannot be what the column needs."""
    if data_type == "f":
        raise CellValueError(_("A formula is not accepted here; type the value itself."), str(value))
    if data_type == "e":
        raise CellValueError(_("The cell shows an error ({error}); type the value itself.").format(
            error=value), str(value))
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = column.kind
    if kind == Kind.VALUE:
        kind = {IndicatorKind.TEXT.value: Kind.TEXT, IndicatorKind.PERCENT.value: Kind.NUMBER,
                IndicatorKind.NUMBER.value: Kind.NUMBER}.get(value_kind or "", Kind.VALUE)
    if kind in (Kind.TEXT, Kind.LONG_TEXT, Kind.CODE):
        if isinstance(value, dt.datetime):
            return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, float | int) and not isinstance(value, bool):
            return str(normalize_number(value))
        text = str(value)
        if len(text) > MAX_CELL_TEXT:  # no spreadsheet writes this: a script or an attack did
            raise CellValueError(_("This text is {length} characters long; a cell holds at most "
                                "{limit}. Shorten it.").format(length=format_number(len(text)),
                                                               limit=format_number(MAX_CELL_TEXT)),
                              clean_text(text))
        # Names and codes lose the characters that reorder or hide text (as export writes them).
        return clean_name(text) if column.kind in (Kind.TEXT, Kind.CODE) else clean_text(text)
    if kind in (Kind.ID, Kind.INTEGER, Kind.PERCENT):
        number = _number(value)
        if not isinstance(number, int):
            raise CellValueError(_("Enter a whole number."), _raw(value))
        if kind == Kind.PERCENT and not 0 <= number <= 100:
            raise CellValueError(_("Enter a whole number from 0 to 100."), number)
        return number
    if kind == Kind.NUMBER:
        number = _number(value)
        if number is None:
            raise CellValueError(_("Enter a number."), _raw(value))
        return number
    if kind == Kind.DATE:
        day = _date(value)
        if day is None:
            raise CellValueError(_("Enter a date, for example 2026-03-31."), _raw(value))
        return day
    if kind == Kind.CHOICE and column.choices is not None:
        accepted = vocabulary.choices[column.choices.__name__]
        code = accepted.get(str(value).strip().casefold())
        if code is None:
            raise CellValueError(_("“{value}” is not one of the values in the list.").format(
                value=value), _raw(value))
        return code
    # a yes/no indicator value
    answer = vocabulary.yes_no.get(str(_raw(value)).strip().casefold())
    if answer is None:
        raise CellValueError(_("Choose yes or no."), _raw(value))
    return answer
