"""A period's commitments read once, then filtered in memory as the user changes the filters.

The views used to query per filter change: at the stress size (9,000 commitments a period) each
status or text filter cost 0.2-0.7 s. Now a period switch reads its rows once (every commitment,
retired too, without the long texts) and a filter is a pass over them in Python; the long texts
are read once per period, the first time the user searches text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.orm.reporting import Commitment, ProgressUpdate, ReportingPeriod
from app.models.services.reporting.commitment_rows import (
    CommitmentFilter,
    CommitmentRow,
    commitment_rows,
)


@dataclass
class PeriodRows:
    period_id: int
    rows: list[CommitmentRow]
    #: Each commitment's searchable text (its own and its update's), case-folded once: built
    #: when a text search first needs it.
    index: dict[int, str] | None = None
    #: Commitments not retired (the "of 300" in "12 of 300").
    total: int = field(init=False)

    def __post_init__(self) -> None:
        self.total = sum(1 for row in self.rows if not row.retired)


def fetch_period_rows(session: Session, country: str | None, period: ReportingPeriod,
                      today: dt.date) -> PeriodRows:
    rows = commitment_rows(session, country, period, today, CommitmentFilter(include_retired=True),
                           with_texts=False)
    return PeriodRows(period.id, rows)


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
