"""Writing one row from a form's input: the two steps every add and update service ends with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from sqlalchemy.orm import Session

from app.models.orm.base import Base

Row = TypeVar("Row", bound=Base)


def inserted(session: Session, row: Row) -> Row:
    """Add a new row and flush, so its id is known (and a broken constraint raised) now."""
    session.add(row)
    session.flush()
    return row


def assigned(session: Session, row: Row, values: Mapping[str, object]) -> Row:
    """Set the row's columns named in `values` (checked already) and flush."""
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    return row
