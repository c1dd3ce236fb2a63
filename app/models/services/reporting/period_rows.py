"""A period's commitments read once, then filtered in memory as the user changes the filters.

The views used to query per filter change: at the stress size (9,000 commitments a period) each
status or text filter cost 0.2-0.7 s. Now a period's rows are read once and a filter is a pass over
them in Python; the long texts are read once per period, the first time the user searches text.

A period's rows are built from two reads: the commitments themselves (`read_commitments`), which
do not change from period to period and are kept by the views until the commitments or the plan
change, and the period's updates (`fetch_period_rows`), which an index answers alone (migration
0006). One joined query per period read the commitments' long descriptions again every time and
fetched each update from its own table page: ~0.25 s of a first visit to a period at the stress
size, against ~40 ms now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.orm.enums import Priority, ProgressStatus
from app.models.orm.plan import Action, Objective
from app.models.orm.reporting import Commitment, EvidenceReference, ProgressUpdate, ReportingPeriod
from app.models.services.reporting.commitment_rows import (
    CLOSED_STATUSES,
    CommitmentFilter,
    CommitmentRow,
    raw_column,
    statuses_before,
)


@dataclass
class PeriodRows:
    period_id: int
    rows: list[CommitmentRow]
    #: The day the rows were made for (overdue is judged against it).
    today: dt.date | None = None
    #: Each commitment's searchable text (its own and its update's), case-folded once: built
    #: when a text search first needs it.
    index: dict[int, str] | None = None
    #: Commitments not retired (the "of 300" in "12 of 300").
    total: int = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(1 for row in self.rows if not row.retired)


#: The first fields of a `CommitmentRow`, id to retired: the same in every period.
CommitmentFields = tuple[int, str, int, str, int, int, str, int, str, str, str, dt.date | None,
                         dt.date | None, Priority, bool]


@dataclass(frozen=True)
class Commitments:
    """Every commitment of a country (or of all), retired ones too, in plan order, converted."""

    country: str | None
    fields: list[CommitmentFields]


_PRIORITIES = {member.value: member for member in Priority}
_STATUSES = {member.value: member for member in ProgressStatus}
_date = dt.date.fromisoformat


def read_commitments(session: Session, country: str | None) -> Commitments:
    """The commitments without their progress: one query, read once for every period."""
    query = (
        select(Commitment.id, Commitment.country_code, Objective.id, Objective.code,
               Objective.position, Action.id, Action.code, Action.position,
               Commitment.description, Commitment.lead_agency, Commitment.partners,
               raw_column(Commitment.start_date), raw_column(Commitment.end_date),
               raw_column(Commitment.priority), Commitment.retired)
        .join(Action, Action.id == Commitment.action_id)
        .join(Objective, Objective.id == Action.objective_id)
        .order_by(Objective.position, Action.position, Commitment.id)
    )
    if country:
        query = query.where(Commitment.country_code == country)
    fields: list[CommitmentFields] = [
        (cid, country_code, objective_id, objective_code, objective_position, action_id,
         action_code, action_position, description, lead, partners,
         _date(start) if start else None, _date(end) if end else None, _PRIORITIES[priority],
         bool(retired))
        for (cid, country_code, objective_id, objective_code, objective_position, action_id,
             action_code, action_position, description, lead, partners, start, end, priority,
             retired) in _fetch(session, query)
    ]
    return Commitments(country, fields)


def _fetch(session: Session, query: Any) -> Sequence[Any]:
    """The driver's own tuples (several times faster than SQLAlchemy's result rows)."""
    result = session.connection().execute(query)
    try:
        return result.cursor.fetchall()
    finally:
        result.close()


def fetch_period_rows(session: Session, commitments: Commitments | str | None,
                      period: ReportingPeriod, today: dt.date) -> PeriodRows:
    """Every commitment (retired ones too) with its update in `period`: what `commitment_rows`
    returns with `include_retired`, without the long texts of the update.

    `commitments` is what `read_commitments` read (kept between periods), or the country to read
    them for."""
    if not isinstance(commitments, Commitments):
        commitments = read_commitments(session, commitments)
    updates = {values[0]: values[1:] for values in _fetch(session, select(
        ProgressUpdate.commitment_id, ProgressUpdate.id, raw_column(ProgressUpdate.status),
        ProgressUpdate.percent, ProgressUpdate.support_from,
    ).where(ProgressUpdate.period_id == period.id))}
    evidence = dict(_fetch(session, select(EvidenceReference.update_id, func.count())
                           .join(ProgressUpdate, ProgressUpdate.id == EvidenceReference.update_id)
                           .where(ProgressUpdate.period_id == period.id)
                           .group_by(EvidenceReference.update_id))) if updates else {}
    # Status as of the period, where it decides "overdue": ended, and no update in the period.
    earlier = statuses_before(session, [
        values[0] for values in commitments.fields
        if values[0] not in updates and values[12] is not None and values[12] < today], period)
    rows: list[CommitmentRow] = []
    append, statuses, closed = rows.append, _STATUSES, CLOSED_STATUSES
    for values in commitments.fields:
        cid, end, retired = values[0], values[12], values[14]
        update = updates.get(cid)
        if update is None:
            update_id = status = percent = None
            support_from, evidence_count = "", 0
            before = earlier.get(cid)
            last = statuses[before] if before else None
        else:
            update_id, stored, percent, support_from = update
            status = last = statuses[stored]
            evidence_count = evidence.get(update_id, 0)
        overdue = (not retired and end is not None and end < today
                   and (last or ProgressStatus.NOT_STARTED) not in closed)
        append(CommitmentRow(*values, update_id, status, percent, "", "", "", support_from or "",
                             evidence_count, last, overdue,
                             (today - end).days if overdue and end is not None else 0))
    return PeriodRows(period.id, rows, today)


def update_texts(session: Session, country: str | None, period_id: int) -> dict[int, str]:
    """Commitment id → its update's long texts for the period, case-folded for searching."""
    query = (select(ProgressUpdate.commitment_id, ProgressUpdate.narrative,
                    ProgressUpdate.challenges, ProgressUpdate.support_requested)
             .where(ProgressUpdate.period_id == period_id))
    if country:
        query = query.join(Commitment, Commitment.id == ProgressUpdate.commitment_id).where(
            Commitment.country_code == country)
    return {cid: " ".join((a or "", b or "", c or "")).casefold()
            for cid, a, b, c in session.execute(query)}


def search_index(rows: Iterable[CommitmentRow], texts: Mapping[int, str]) -> dict[int, str]:
    """Each row's searchable text (what `commitment_rows` searches), case-folded once."""
    return {row.id: " ".join((row.action_code, row.description, row.lead_agency, row.partners,
                              texts.get(row.id, ""))).casefold() for row in rows}


def filter_rows(rows: Iterable[CommitmentRow], flt: CommitmentFilter, keep_ids: Iterable[int] = (),
                index: Mapping[int, str] | None = None) -> list[CommitmentRow]:
    """The rows `commitment_rows` returns for `flt`, picked from a period's rows in memory.

    `index` (from `search_index`) is needed for a text filter. Rows in `keep_ids` stay whatever
    the filter says (the row the user just edited)."""
    keep = set(keep_ids)
    words = flt.text.casefold().split()
    index = index or {}
    if not words and flt == CommitmentFilter(include_retired=flt.include_retired):
        # nothing asked but (perhaps) retired ones: the common case, kept cheap
        return [row for row in rows if flt.include_retired or not row.retired or row.id in keep]
    return [row for row in rows if row.id in keep or _matches(row, flt, words, index)]


def _matches(row: CommitmentRow, flt: CommitmentFilter, words: list[str],
             index: Mapping[int, str]) -> bool:
    if row.retired and not flt.include_retired:
        return False
    if flt.objective_id is not None and row.objective_id != flt.objective_id:
        return False
    if flt.action_id is not None and row.action_id != flt.action_id:
        return False
    if flt.status is not None and row.status != flt.status:
        return False
    if flt.no_update and row.update_id is not None:
        return False
    if flt.overdue and not row.overdue:
        return False
    if words:
        haystack = index.get(row.id, "")
        return all(word in haystack for word in words)
    return True
