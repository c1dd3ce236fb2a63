"""The change log of a commitment or of one progress record, readable by a person.

The log (app/models/orm/changelog.py) stores one row per changed field, and one row with a JSON
snapshot per inserted or deleted record. Here snapshots are spread into one entry per field, so
the history reads "Status: — → On track" for a creation as for any later change.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.i18n.formats import format_date
from app.models.orm.enums import Priority, ProgressStatus, label
from app.models.orm.plan import Action
from app.models.orm.reporting import ProgressUpdate, ReportingPeriod
from app.models.orm.workspace import ChangeLog

#: Fields a person recognises, with their labels; any other field is bookkeeping and not shown.
FIELD_LABELS: dict[str, str] = {
    "description": N_("Description"),
    "lead_agency": N_("Lead agency"),
    "partners": N_("Partners"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "priority": N_("Priority"),
    "retired": N_("Retired"),
    "action_id": N_("Action"),
    "status": N_("Status"),
    "percent": N_("Percent"),
    "narrative": N_("Narrative"),
    "challenges": N_("Challenges"),
    "support_requested": N_("Support requested"),
    "support_from": N_("Support from"),
    "title": N_("Evidence"),
    "location": N_("Evidence location"),
}
_ENUMS: dict[str, type[enum.Enum]] = {"status": ProgressStatus, "priority": Priority}


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: dt.datetime
    actor: str
    entity: str
    operation: str
    field: str
    old_value: str | None
    new_value: str | None
    #: The period of a progress record ("" for a commitment).
    period_code: str = ""


def field_label(field: str) -> str:
    return _(FIELD_LABELS[field]) if field in FIELD_LABELS else field


def display_value(field: str, raw: str | None, action_codes: dict[str, str] | None = None) -> str:
    """A stored value as the user knows it: labels for states, local dates, yes/no."""
    if raw is None or raw == "":
        return "—"
    if field in _ENUMS:
        try:
            return label(_ENUMS[field](raw))
        except ValueError:
            return raw
    if field in ("start_date", "end_date"):
        try:
            return format_date(dt.date.fromisoformat(raw))
        except ValueError:
            return raw
    if field == "retired":
        return _("Yes") if raw == "1" else _("No")
    if field == "percent":
        return f"{raw} %"
    if field == "action_id" and action_codes:
        return action_codes.get(raw, raw)
    return raw


def _expand(row: ChangeLog, period_code: str) -> list[HistoryEntry]:
    if row.operation == "update":
        if row.field not in FIELD_LABELS:
            return []
        return [HistoryEntry(row.changed_at, row.actor, row.entity, row.operation, row.field,
                             row.old_value, row.new_value, period_code)]
    snapshot = json.loads((row.new_value if row.operation == "insert" else row.old_value) or "{}")
    entries = []
    for field, value in snapshot.items():
        if field not in FIELD_LABELS or value in (None, "") or (field == "retired" and value == "0"):
            continue
        old, new = (None, value) if row.operation == "insert" else (value, None)
        entries.append(HistoryEntry(row.changed_at, row.actor, row.entity, row.operation, field,
                                    old, new, period_code))
    return entries


def _update_ids(session: Session, commitment_id: int, period_id: int | None) -> dict[str, int]:
    """Every progress-update id this commitment ever had (in one period), with its period id.

    Undo and redo delete and re-create updates, so one record may have had several ids.
    """
    ids: dict[str, int] = {}
    current = select(ProgressUpdate.id, ProgressUpdate.period_id).where(
        ProgressUpdate.commitment_id == commitment_id)
    if period_id is not None:
        current = current.where(ProgressUpdate.period_id == period_id)
    for update_id, pid in session.execute(current):
        ids[str(update_id)] = pid
    logged = select(ChangeLog.entity_id, ChangeLog.new_value, ChangeLog.old_value).where(
        ChangeLog.entity == "progress_update", ChangeLog.operation.in_(("insert", "delete")),
        func.json_extract(func.coalesce(ChangeLog.new_value, ChangeLog.old_value),
                          "$.commitment_id") == str(commitment_id))
    for entity_id, new, old in session.execute(logged):
        snapshot = json.loads(new or old or "{}")
        pid = int(snapshot.get("period_id") or 0)
        if period_id is None or pid == period_id:
            ids.setdefault(entity_id, pid)
    return ids


def _progress_entries(session: Session, update_ids: dict[str, int]) -> list[HistoryEntry]:
    if not update_ids:
        return []
    codes = {pid: code for pid, code in session.execute(
        select(ReportingPeriod.id, ReportingPeriod.code))}
    evidence_of = func.json_extract(func.coalesce(ChangeLog.new_value, ChangeLog.old_value),
                                    "$.update_id")
    evidence_ids = {
        entity_id: update_ids[update_id]
        for entity_id, update_id in session.execute(
            select(ChangeLog.entity_id, evidence_of).where(
                ChangeLog.entity == "evidence_reference", evidence_of.in_(list(update_ids))))
    }
    rows = session.scalars(select(ChangeLog).where(or_(
        (ChangeLog.entity == "progress_update") & ChangeLog.entity_id.in_(list(update_ids)),
        (ChangeLog.entity == "evidence_reference") & ChangeLog.entity_id.in_(list(evidence_ids)),
    )).order_by(ChangeLog.id))
    entries: list[HistoryEntry] = []
    for row in rows:
        pid = (update_ids if row.entity == "progress_update" else evidence_ids)[row.entity_id]
        entries += _expand(row, codes.get(pid, ""))
    return entries


def commitment_history(session: Session, commitment_id: int,
                       include_progress: bool = True) -> list[HistoryEntry]:
    """Who changed the commitment (and its progress records) when, newest first."""
    rows = session.scalars(select(ChangeLog).where(
        ChangeLog.entity == "commitment", ChangeLog.entity_id == str(commitment_id))
        .order_by(ChangeLog.id))
    entries = [entry for row in rows for entry in _expand(row, "")]
    if include_progress:
        entries += _progress_entries(session, _update_ids(session, commitment_id, None))
    return sorted(entries, key=lambda e: e.changed_at, reverse=True)


def progress_history(session: Session, commitment_id: int, period_id: int) -> list[HistoryEntry]:
    """Who changed the commitment's progress record for one period when, newest first."""
    entries = _progress_entries(session, _update_ids(session, commitment_id, period_id))
    return sorted(entries, key=lambda e: e.changed_at, reverse=True)


def action_codes(session: Session) -> dict[str, str]:
    """Action codes by stored id, to show "Action: 3.2" rather than an internal number."""
    return {str(i): code for i, code in session.execute(select(Action.id, Action.code))}
