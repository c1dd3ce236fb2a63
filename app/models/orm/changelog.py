"""Every ORM write records who changed which field, from what to what, in the same transaction."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import get_history
from sqlalchemy.orm.base import PassiveFlag

from app.models.orm.base import Base, utcnow
from app.models.orm.workspace import ChangeLog

ACTOR_KEY = "actor"
#: Columns that change on every write and would only add noise, and the workspace's private key,
#: which must never be copied into a readable log.
_SKIPPED_COLUMNS = {"updated_at", "private_key"}


def _stored(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _identity(obj: Base) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join("" if part is None else str(part) for part in key)


def _snapshot(obj: Base) -> str:
    mapper = inspect(obj).mapper
    values = {
        attr.key: _stored(getattr(obj, attr.key))
        for attr in mapper.column_attrs
        if attr.key not in _SKIPPED_COLUMNS
    }
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _rows_for_flush(session: Session) -> list[dict[str, Any]]:
    actor = str(session.info.get(ACTOR_KEY) or "system")
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def row(obj: Base, identity: str, operation: str, field: str = "", old: Any = None,
            new: Any = None) -> None:
        rows.append({
            "changed_at": now, "actor": actor, "entity": obj.__tablename__,
            "entity_id": identity, "operation": operation, "field": field,
            "old_value": old, "new_value": new,
        })

    for obj in session.new:
        if isinstance(obj, Base) and not isinstance(obj, ChangeLog):
            row(obj, _identity(obj), "insert", new=_snapshot(obj))
    for obj in session.deleted:
        if isinstance(obj, Base) and not isinstance(obj, ChangeLog):
            row(obj, _identity(obj), "delete", old=_snapshot(obj))
    # In a stable order: the session's set of changed objects iterates in no particular one.
    dirty = sorted(((obj.__tablename__, _identity(obj), obj) for obj in session.dirty
                    if isinstance(obj, Base) and not isinstance(obj, ChangeLog)),
                   key=lambda entry: entry[:2])
    for _table, identity, obj in dirty:
        state = inspect(obj)
        # Only an attribute with a committed (original) value recorded can have changed.
        modified = state.committed_state
        for attr in state.mapper.column_attrs:
            if attr.key in _SKIPPED_COLUMNS or attr.key not in modified:
                continue
            history = get_history(obj, attr.key, passive=PassiveFlag.PASSIVE_NO_INITIALIZE)
            if not history.has_changes():
                continue
            old = _stored(history.deleted[0] if history.deleted else None)
            new = _stored(history.added[0] if history.added else None)
            if old != new:
                row(obj, identity, "update", attr.key, old, new)
    return rows


def _after_flush(session: Session, _context: Any) -> None:
    rows = _rows_for_flush(session)
    if rows:
        session.connection().execute(insert(ChangeLog), rows)


def install(session_class: type[Session]) -> None:
    """Record change-log rows for every flush of sessions made by `session_class`."""
    if not event.contains(session_class, "after_flush", _after_flush):
        event.listen(session_class, "after_flush", _after_flush)
