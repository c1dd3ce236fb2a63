"""Columns and sheets described once: what a column holds (its kind), who may fill it (its role).

Every workbook the app writes keeps its column keys in a hidden first row, so a reader finds columns
by key and never depends on the (translated) headers of the second row.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from app.i18n import N_

KEY_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3
#: Labels of a yes/no indicator's values.
YES, NO = N_("Yes"), N_("No")


class Kind(enum.StrEnum):
    ID = "id"  # a whole number that names a row (an entity id)
    CODE = "code"  # a code that is never translated (plan codes, period codes)
    TEXT = "text"  # a short text
    LONG_TEXT = "long_text"  # a narrative: wrapped, wider
    DATE = "date"
    INTEGER = "integer"
    PERCENT = "percent"  # whole number 0-100
    NUMBER = "number"
    CHOICE = "choice"  # one member of an enum, shown by its translated label
    VALUE = "value"  # an indicator value: number, percent, yes/no or text, as the row's kind says


class Role(enum.StrEnum):
    KEY = "key"  # identifies the row; locked; in the digest
    DATA = "data"  # a person may fill it in; unlocked; in the digest; imported
    CONTEXT = "context"  # helps a person read the row; locked; neither digested nor imported


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # marked with N_(); translated into the workbook's language when written
    kind: Kind
    role: Role
    width: float = 14
    choices: type[enum.Enum] | None = None
    hidden: bool = False

    @property
    def digested(self) -> bool:
        return self.role in (Role.KEY, Role.DATA)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: str  # N_(); translated sheet tab name
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    # Cached: the import asks for them once per row and per change (a frozen dataclass keeps a
    # cached_property, which writes the instance's __dict__ directly).
    @cached_property
    def keys(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role == Role.KEY)

    @cached_property
    def digested(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.digested)

    @cached_property
    def data(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.role == Role.DATA)
