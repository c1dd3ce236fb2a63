"""data: default due dates on the last day of the month after a period ends

Revision ID: 0005_due_dates
Revises: 0004_signing_keys
Create Date: 2026-12-07

Earlier versions made a half-year due "one month after" its end counted by day: the first
half-year on 30 July instead of 31 July. Only periods still holding that old default, and whose
due date no one ever changed (no change-log row for it), get the new default; the change is
logged like any edit, so the calendar's history says why the date moved.
"""

from __future__ import annotations

import calendar
import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0005_due_dates"
down_revision = "0004_signing_keys"
branch_labels = None
depends_on = None

ACTOR = "update: reports due by the end of the next month"


def _month_after(day: dt.date) -> tuple[int, int]:
    return (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)


def _old_default(end: dt.date) -> dt.date:
    year, month = _month_after(end)
    return dt.date(year, month, min(end.day, calendar.monthrange(year, month)[1]))


def _new_default(end: dt.date) -> dt.date:
    year, month = _month_after(end)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def upgrade() -> None:
    connection = op.get_bind()
    edited = {row[0] for row in connection.execute(sa.text(
        "SELECT DISTINCT entity_id FROM change_log WHERE entity = 'reporting_period' "
        "AND operation = 'update' AND field = 'due_date'"))}
    periods = connection.execute(sa.text(
        "SELECT id, end_date, due_date FROM reporting_period")).all()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    for period_id, end_text, due_text in periods:
        end, due = dt.date.fromisoformat(str(end_text)), dt.date.fromisoformat(str(due_text))
        new = _new_default(end)
        if str(period_id) in edited or due != _old_default(end) or due == new:
            continue
        connection.execute(sa.text("UPDATE reporting_period SET due_date = :due WHERE id = :id"),
                           {"due": new.isoformat(), "id": period_id})
        connection.execute(sa.text(
            "INSERT INTO change_log (changed_at, actor, entity, entity_id, operation, field, "
            "old_value, new_value) VALUES (:at, :actor, 'reporting_period', :id, 'update', "
            "'due_date', :old, :new)"),
            {"at": now, "actor": ACTOR, "id": str(period_id), "old": due.isoformat(),
             "new": new.isoformat()})


def downgrade() -> None:
    """The old dates are in the change log; a downgrade leaves the corrected dates."""
