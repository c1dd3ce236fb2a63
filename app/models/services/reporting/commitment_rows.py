"""Commitments with their progress in one period, found and filtered for the views.

One SQL query per call, filtered in SQL (country, plan scope, status, overdue, "no update this
period"), so it stays fast on a secretariat database of 15 countries × 26 periods × 300
commitments. Free text is matched in Python with Unicode case folding, because SQLite's LIKE
folds the case of ASCII letters only and coordinators search in Cyrillic too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    SQLColumnExpression,
    String,
    and_,
    case,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.models.orm.enums import Priority, ProgressStatus
from app.models.orm.plan import Action, Objective
from app.models.orm.reporting import Commitment, EvidenceReference, ProgressUpdate, ReportingPeriod

#: A commitment in one of these states is done with, so it cannot be overdue.
CLOSED_STATUSES = (ProgressStatus.COMPLETED, ProgressStatus.CANCELLED)


@dataclass(frozen=True)
class CommitmentFilter:
    """What the user asked to see. Empty means everything that is not retired."""

    text: str = ""
    objective_id: int | None = None
    action_id: int | None = None
    status: ProgressStatus | None = None
    no_update: bool = False
    overdue: bool = False
    include_retired: bool = False


@dataclass(slots=True)
class CommitmentRow:
    """One commitment and its update in the chosen period (None fields where there is none)."""

    id: int
    country_code: str
    objective_id: int
    objective_code: str
    objective_position: int
    action_id: int
    action_code: str
    action_position: int
    description: str
    lead_agency: str
    partners: str
    start_date: dt.date | None
    end_date: dt.date | None
    priority: Priority
    retired: bool
    update_id: int | None
    status: ProgressStatus | None
    percent: int | None
    narrative: str
    challenges: str
    support_requested: str
    support_from: str
    evidence_count: int
    #: Status as of the chosen period: its own update, else the latest one before it (looked up
    #: only where it matters, i.e. once the end date has passed).
    last_status: ProgressStatus | None
    overdue: bool
    #: Days since the end date, for overdue commitments (0 otherwise).
    days_overdue: int

    @property
    def has_update(self) -> bool:
        return self.update_id is not None


def statuses_before(session: Session, commitment_ids: Iterable[int],
                    period: ReportingPeriod) -> dict[int, str]:
    """The stored status of each commitment's latest update before `period`.

    Walks the earlier periods newest first, asking each for the commitments still unresolved
    (its index on commitment and period), and stops when none is left: most commitments
    reported in the period just before. A correlated "latest update" subquery per commitment
    made the current period's list take ~0.4 s at the stress size."""
    wanted = set(commitment_ids)
    found: dict[int, str] = {}
    if not wanted:
        return found
    earlier = session.scalars(select(ReportingPeriod.id)
                              .where(ReportingPeriod.start_date < period.start_date)
                              .order_by(ReportingPeriod.start_date.desc())).all()
    for period_id in earlier:
        if not wanted:
            break
        query = select(ProgressUpdate.commitment_id, raw_column(ProgressUpdate.status)).where(
            ProgressUpdate.period_id == period_id)
        if len(wanted) <= 500:  # a few: looked up by id; many: the period's updates, sifted here
            query = query.where(ProgressUpdate.commitment_id.in_(list(wanted)))
        result = session.connection().execute(query)
        try:
            updates = result.cursor.fetchall()
        finally:
            result.close()
        for commitment_id, status in updates:
            if commitment_id in wanted:
                found[commitment_id] = status
                wanted.discard(commitment_id)
    return found


def _is_overdue(retired: bool, end: dt.date | None, last_status: ProgressStatus | None,
                today: dt.date) -> bool:
    """End date passed, and neither completed nor cancelled as of the period."""
    return (not retired and end is not None and end < today
            and (last_status or ProgressStatus.NOT_STARTED) not in CLOSED_STATUSES)


def _text_matches(row: CommitmentRow, words: list[str]) -> bool:
    haystack = " ".join((row.action_code, row.description, row.lead_agency, row.partners,
                         row.narrative, row.challenges, row.support_requested)).casefold()
    return all(word in haystack for word in words)


def commitment_rows(
    session: Session, country: str | None, period: ReportingPeriod, today: dt.date,
    flt: CommitmentFilter | None = None, keep_ids: Iterable[int] = (),
    only_ids: Iterable[int] | None = None, with_texts: bool = True,
) -> list[CommitmentRow]:
    """Commitments of `country` (or of every country) in plan order, with their `period` update.

    Rows whose id is in `keep_ids` are returned even if the filter no longer matches them, so a
    row the user just edited does not vanish from under the cursor. `only_ids` limits the query to
    those commitments (e.g. to refresh a few rows). Without `with_texts` the long texts of the
    update (narrative, challenges, support requested) come back empty unless the filter
    searches text: reading them is most of the cost of the query.
    """
    flt = flt or CommitmentFilter()
    keep = set(keep_ids)
    words = flt.text.casefold().split()
    update = ProgressUpdate
    texts: tuple[Any, ...] = (update.narrative, update.challenges, update.support_requested)
    if not (with_texts or words):
        texts = (literal(""), literal(""), literal(""))
    period_status = update.status
    evidence_count = (
        select(func.count(EvidenceReference.id))
        .where(EvidenceReference.update_id == update.id)
        .correlate(update)
        .scalar_subquery()
    )
    query = (
        select(
            Commitment.id, Commitment.country_code, Objective.id, Objective.code, Objective.position,
            Action.id, Action.code, Action.position, Commitment.description, Commitment.lead_agency,
            Commitment.partners, raw_column(Commitment.start_date), raw_column(Commitment.end_date),
            raw_column(Commitment.priority), Commitment.retired, update.id, raw_column(update.status),
            update.percent, *texts, update.support_from,
            case((update.id.is_(None), literal(0)), else_=evidence_count),
        )
        .join(Action, Action.id == Commitment.action_id)
        .join(Objective, Objective.id == Action.objective_id)
        .outerjoin(update, and_(update.commitment_id == Commitment.id,
                                update.period_id == period.id))
        .order_by(Objective.position, Action.position, Commitment.id)
    )
    if country:
        query = query.where(Commitment.country_code == country)
    if only_ids is not None:
        query = query.where(Commitment.id.in_(list(only_ids)))
    conditions: list[ColumnElement[bool]] = []
    if not flt.include_retired:
        conditions.append(Commitment.retired.is_(False))
    if flt.objective_id is not None:
        conditions.append(Action.objective_id == flt.objective_id)
    if flt.action_id is not None:
        conditions.append(Commitment.action_id == flt.action_id)
    if flt.status is not None:
        conditions.append(period_status == flt.status.value)
    if flt.no_update:
        conditions.append(update.id.is_(None))
    if flt.overdue:  # narrowed here, decided in Python on the status as of the period
        conditions.append(and_(Commitment.end_date < today, Commitment.retired.is_(False)))
    if conditions:
        matched = and_(*conditions)
        query = query.where(or_(matched, Commitment.id.in_(keep)) if keep else matched)
    rows = []
    # Core execution and the driver's own tuples, stored forms converted in `_row`: several
    # times faster than ORM result processing for the 4,500 rows of a secretariat period.
    result = session.connection().execute(query)
    try:
        fetched = result.cursor.fetchall()
    finally:
        result.close()
    ended = today.isoformat()  # dates are stored as ISO text, so they compare as text
    last = statuses_before(session, (v[0] for v in fetched
                                     if v[16] is None and v[12] and v[12] < ended), period)
    for values in fetched:
        row = _row(values, today, last.get(values[0]))
        if row.id not in keep and (
                (flt.overdue and not row.overdue) or (words and not _text_matches(row, words))):
            continue
        rows.append(row)
    return rows


def raw_column(column: SQLColumnExpression[Any]) -> ColumnElement[str]:
    """The column's stored text, skipping SQLAlchemy's per-value conversion (done in `_row`)."""
    return type_coerce(column, String)


_STATUSES = {member.value: member for member in ProgressStatus}
_PRIORITIES = {member.value: member for member in Priority}
_date = dt.date.fromisoformat


def _row(values: Sequence[Any], today: dt.date, earlier_status: str | None) -> CommitmentRow:
    (cid, country, obj_id, obj_code, obj_pos, act_id, act_code, act_pos, description, lead,
     partners, start, end, priority, retired, update_id, status, percent, narrative, challenges,
     support, support_from, evidence) = values
    last_status = status or (earlier_status if end and end < today.isoformat() else None)
    start = _date(start) if start else None
    end = _date(end) if end else None
    last = _STATUSES[last_status] if last_status else None
    overdue = _is_overdue(bool(retired), end, last, today)
    return CommitmentRow(
        cid, country, obj_id, obj_code, obj_pos, act_id, act_code, act_pos, description, lead,
        partners, start, end, _PRIORITIES[priority], bool(retired), update_id,
        _STATUSES[status] if status else None, percent, narrative or "", challenges or "",
        support or "", support_from or "", evidence or 0, last, overdue,
        (today - end).days if overdue and end else 0,
    )


def row_for(session: Session, commitment_id: int, period: ReportingPeriod,
            today: dt.date) -> CommitmentRow | None:
    """One commitment's row, whatever the filter (e.g. to refresh the row the user edits)."""
    rows = commitment_rows(session, None, period, today, CommitmentFilter(include_retired=True),
                           only_ids=[commitment_id])
    return rows[0] if rows else None


def commitment_count(session: Session, country: str | None, include_retired: bool = False) -> int:
    """How many commitments there are in all (for "12 of 300")."""
    query = select(func.count(Commitment.id))
    if country:
        query = query.where(Commitment.country_code == country)
    if not include_retired:
        query = query.where(Commitment.retired.is_(False))
    return session.scalar(query) or 0
