"""One pass over the progress updates in scope for what a regional report needs of all of them:
each commitment's latest update (the temporary table the other views join) and the coverage shares.

Joining every commitment to every period and looking its update up (what `completeness.coverage`
does) costs one index search per commitment and period; here SQLite walks each commitment's updates
once, in commitment order, and hands back one row per commitment: the latest update in range and a
bit mask of the periods it has an update for. Python counts the bits per country and period.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select, text, type_coerce
from sqlalchemy.orm import Session

from app.models.orm.reporting import Commitment, ProgressUpdate
from app.models.services.regional.completeness import Coverage
from app.models.services.regional.report import _LATEST, Scope

#: A mask is an SQLite integer (64 bits, signed): longer ranges take the general path.
MAX_PERIODS = 62
#: Below this many periods, finding the latest updates period by period (newest first, usually
#: done after two or three) and joining for coverage reads less than walking every update.
MIN_PERIODS = 13


def scan_pays(scope: Scope) -> bool:
    """Whether `latest_and_coverage` is the cheaper way for this scope (measured at secretariat
    and stress size: ~45 ms saved over the whole history, ~10-40 ms lost over six periods)."""
    return bool(scope.countries) and MIN_PERIODS <= len(scope.periods) <= MAX_PERIODS
#: Bits of one counter in a "spread" integer (below): enough for a million commitments.
_FIELD = 20

_RANKS = Table("scope_period", MetaData(), Column("period_id", Integer, primary_key=True),
               Column("bit", Integer), Column("rank", Integer), prefixes=["TEMPORARY"])


def _spread_tables(count: int) -> list[list[int]]:
    """Per byte of a mask, each byte value as an integer with a 1 in the counter field of each set
    bit: summing the spread masks of many commitments counts them per period in one addition."""
    return [[sum(1 << (_FIELD * (8 * k + i)) for i in range(8) if value >> i & 1) for value in range(256)]
            for k in range((count + 7) // 8)]


def latest_and_coverage(session: Session, scope: Scope) -> dict[tuple[str | None, int], Coverage]:
    """Fill `scope.latest` (as `regional.materialize_latest` does) and return what
    `completeness.coverage(session, scope.period_ids, scope.countries)` returns."""
    periods = sorted(scope.periods, key=lambda p: p.start_date)
    connection = session.connection()
    for table in (_LATEST, _RANKS):
        session.execute(text(f"DROP TABLE IF EXISTS temp.{table.name}"))
        table.create(connection)
    scope.latest = _LATEST
    session.execute(insert(_RANKS), [{"period_id": p.id, "bit": 1 << rank, "rank": rank}
                                     for rank, p in enumerate(periods)])
    # Scanning commitments in id order keeps each group together (no sort); SQLite takes the bare
    # update id from the row where max(rank) is found: the latest update in range.
    rows = connection.execute(
        select(Commitment.id, Commitment.country_code, type_coerce(Commitment.start_date, String),
               type_coerce(Commitment.end_date, String), type_coerce(Commitment.retired, Integer),
               ProgressUpdate.id, func.max(_RANKS.c.rank), func.sum(_RANKS.c.bit))
        .select_from(Commitment)
        .outerjoin(ProgressUpdate, ProgressUpdate.commitment_id == Commitment.id)
        .outerjoin(_RANKS, _RANKS.c.period_id == ProgressUpdate.period_id)
        # `|| ''` keeps SQLite off the country index, which would break the id order.
        .where(type_coerce(Commitment.country_code, String).concat("").in_(scope.countries))
        .group_by(Commitment.id)).all()
    latest = [(cid, update) for cid, _c, _s, _e, _r, update, rank, _m in rows if rank is not None]
    if latest:  # thousands of pairs: straight to the driver, without per-row parameter building
        connection.exec_driver_sql(
            f"INSERT INTO temp.{_LATEST.name} (commitment_id, update_id) VALUES (?, ?)", latest)
    bounds = [(p.start_date.isoformat(), p.end_date.isoformat()) for p in periods]
    tables = _spread_tables(len(periods))
    active_masks: dict[tuple[str | None, str | None], int] = {}
    expected: dict[str, int] = {}
    updated: dict[str, int] = {}

    def spread(mask: int) -> int:
        return sum(table[mask >> (8 * k) & 255] for k, table in enumerate(tables))

    for _cid, country, start, end, retired, _update, _rank, mask in rows:
        if retired:
            continue
        active = active_masks.get((start, end))
        if active is None:
            active = active_masks[(start, end)] = sum(
                1 << rank for rank, (first, last) in enumerate(bounds)
                if (start is None or start <= last) and (end is None or end >= first))
        expected[country] = expected.get(country, 0) + spread(active)
        if mask:
            updated[country] = updated.get(country, 0) + spread(mask & active)
    result: dict[tuple[str | None, int], Coverage] = {}
    field = (1 << _FIELD) - 1
    for rank, period in enumerate(periods):
        shift = _FIELD * rank
        total = (0, 0)
        for country in sorted(expected):
            count = expected[country] >> shift & field
            if count:
                done = updated.get(country, 0) >> shift & field
                result[(country, period.id)] = Coverage(count, done)
                total = (total[0] + count, total[1] + done)
        if total[0]:
            result[(None, period.id)] = Coverage(*total)
    return result

