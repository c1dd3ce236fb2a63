"""One line of an import preview: an entity that is new, changed or unchanged, with its changes."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from app.reports.xlsx.cell_ref import CellRef


class ChangeKind(enum.StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    #: Secretariat side: a newer revision no longer reports what an older one did.
    REMOVED = "removed"


@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    old: Any
    new: Any
    where: CellRef


@dataclass
class PreviewItem:
    kind: ChangeKind
    sheet: str  # sheet key: commitments, progress, indicators, decisions
    key: tuple[Any, ...]
    title: str
    row: int
    sheet_title: str
    values: dict[str, Any]
    changes: list[FieldChange] = field(default_factory=list)
    #: Period code whose lock this item needs lifted (progress and indicator values).
    period: str | None = None
    #: For indicator values: the indicator's kind (how to show the value).
    value_kind: str | None = None
