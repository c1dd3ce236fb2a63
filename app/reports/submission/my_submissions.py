"""A coordinator's exports, each with where it stands: exported, received, acknowledged, conflict.

"Conflict": the ledger of revisions (revisions.py) says this revision went out with another report
than the one the database remembers, which happens when a backup older than an export was
restored. The next export takes a new revision, so the secretariat never sees two reports under
one number; the row says why the revision in the database is not the one that was sent.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models.orm.reporting import ReportingPeriod, Submission
from app.reports.submission.revisions import ledger_path, read_ledger, used_revisions


class ExportState(enum.StrEnum):
    EXPORTED = "exported"
    RECEIVED = "received"
    ACKNOWLEDGED = "acknowledged"
    CONFLICT = "conflict"


_LABELS = {ExportState.EXPORTED: N_("Exported"), ExportState.RECEIVED: N_("Received"),
           ExportState.ACKNOWLEDGED: N_("Acknowledged"), ExportState.CONFLICT: N_("Conflict")}


def state_label(state: ExportState) -> str:
    return _(_LABELS[state])


@dataclass(frozen=True)
class ExportRow:
    period: str
    revision: int
    state: ExportState
    file_name: str
    exported_at: dt.datetime | None
    received_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    note: str


def my_submissions(session: Session, country: str, database: Path) -> list[ExportRow]:
    """Every exported revision of the country, newest period first."""
    ledger = read_ledger(ledger_path(database))
    rows = []
    for submission, code in session.execute(
            select(Submission, ReportingPeriod.code).join(ReportingPeriod)
            .where(Submission.country_code == country, Submission.exported_at.is_not(None))
            .order_by(ReportingPeriod.start_date.desc(), Submission.revision.desc())):
        sent = used_revisions(ledger, country, code).get(submission.revision)
        if sent is not None and submission.report_digest and sent != submission.report_digest:
            state = ExportState.CONFLICT
        elif submission.acknowledged_at is not None:
            state = ExportState.ACKNOWLEDGED
        elif submission.received_at is not None:
            state = ExportState.RECEIVED
        else:
            state = ExportState.EXPORTED
        rows.append(ExportRow(code, submission.revision, state, submission.file_name or "",
                              submission.exported_at, submission.received_at,
                              submission.acknowledged_at, submission.acknowledgement_note))
    return rows
