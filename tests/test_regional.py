"""Regional views aggregated in SQL agree with a plain count over the same rows."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import select

from app.models.orm import Commitment, IndicatorValue, ProgressUpdate, ReportingPeriod
from app.models.orm.enums import MembershipRole, ProgressStatus
from app.models.services.regional.report import (
    RegionalFilter,
    action_tallies,
    commitment_details,
    commitment_rows,
    indicator_values,
    materialize_latest,
    progress_by_item,
    resolve_scope,
    status_by_country,
)
from app.models.services.reporting.highlights import country_highlights

TODAY = dt.date(2026, 11, 26)


def _latest_by_hand(session, scope) -> dict[int, ProgressUpdate]:
    """Each commitment's latest update in scope, the slow and obvious way."""
    starts = {p.id: p.start_date for p in session.scalars(select(ReportingPeriod))}
    latest: dict[int, ProgressUpdate] = {}
    for update in session.scalars(select(ProgressUpdate)):
        start = starts[update.period_id]
        if not scope.first_start <= start <= scope.last_start:
            continue
        if update.commitment.country_code not in scope.countries or update.commitment.retired:
            continue
        best = latest.get(update.commitment_id)
        if best is None or starts[best.period_id] < start:
            latest[update.commitment_id] = update
    return latest


def test_status_and_progress_match_a_plain_count(secretariat_db):
    with secretariat_db.reading() as s:
        scope = resolve_scope(s, RegionalFilter(), TODAY)
        latest = _latest_by_hand(s, scope)
        statuses = status_by_country(s, scope)
        items = progress_by_item(s, scope)
        commitments = list(s.scalars(select(Commitment).where(
            Commitment.country_code.in_(scope.countries))))
    assert len(scope.periods) == 6 and {"KZ", "KG", "TJ", "TM"} <= set(scope.countries)
    for country in ("KZ", "TM"):
        expected = Counter(u.status for u in latest.values() if u.commitment.country_code == country)
        got = {k: v for k, v in statuses[country].statuses.items() if v}
        assert got == dict(expected)
    assert statuses[None].commitments == len(commitments)
    assert statuses[None].reported == len(latest)
    mean = sum(u.percent for u in latest.values()) / len(latest)
    assert abs(statuses[None].mean_percent - mean) < 1e-9
    actions = [i for i in items if i.level == "action"]
    objectives = [i for i in items if i.level == "objective"]
    assert sum(a.total.commitments for a in actions) == len(commitments)
    assert sum(o.total.commitments for o in objectives) == len(commitments)
    assert items[0].level == "objective" and items[1].level == "action"
    assert sum(a.by_country["KZ"].commitments for a in actions if "KZ" in a.by_country) == 40


def test_filters_narrow_countries_roles_and_periods(secretariat_db):
    with secretariat_db.reading() as s:
        only = resolve_scope(s, RegionalFilter(countries=("KZ",), first_period="2025-H1",
                                               last_period="2025-H1"), TODAY)
        assert only.countries == ["KZ"] and [p.code for p in only.periods] == ["2025-H1"]
        period_id = only.period_ids[0]
        updates = s.scalars(select(ProgressUpdate).join(Commitment).where(
            Commitment.country_code == "KZ", ProgressUpdate.period_id == period_id)).all()
        assert status_by_country(s, only)["KZ"].reported == len(updates)
        observers = resolve_scope(s, RegionalFilter(roles=frozenset({MembershipRole.OBSERVER})), TODAY)
        assert "TM" in observers.countries and "KZ" not in observers.countries
        assert set(status_by_country(s, observers)) <= {None, *observers.countries}


def test_indicator_values_latest_in_range_beside_target(secretariat_db):
    with secretariat_db.reading() as s:
        scope = resolve_scope(s, RegionalFilter(), TODAY)
        rows = indicator_values(s, scope)
        row = next(r for r in rows if r.code == "1.1.b")
        starts = {p.id: p.start_date for p in scope.periods}
        values = s.scalars(select(IndicatorValue).where(
            IndicatorValue.country_code == "KZ", IndicatorValue.period_id.in_(scope.period_ids),
            IndicatorValue.indicator.has(code="1.1.b"))).all()
    expected = max(values, key=lambda v: starts[v.period_id]).value_number
    assert row.values["KZ"] == expected and row.target == 4
    assert row.countries_meeting_target == sum(1 for v in row.values.values() if v >= 4)


def test_commitment_rows_and_highlights(secretariat_db):
    with secretariat_db.reading() as s:
        scope = resolve_scope(s, RegionalFilter(), TODAY)
        rows = commitment_rows(s, scope)
        highlights = country_highlights(s, scope)
        latest = _latest_by_hand(s, scope)
    assert len(rows) == 160 and [r[0] for r in rows] == sorted(r[0] for r in rows)
    kz = next(h for h in highlights if h.country == "KZ")
    challenges = Counter(u.challenges for u in latest.values()
                         if u.commitment.country_code == "KZ" and u.challenges.strip())
    assert kz.challenges[0][1] == max(challenges.values())
    assert kz.completed == sum(1 for u in latest.values() if u.commitment.country_code == "KZ"
                               and u.status == ProgressStatus.COMPLETED)
    assert len(kz.completed_items) <= 3
    assert [h.country for h in highlights] == scope.countries


def test_tallies_summed_from_commitment_rows_match_the_query(secretariat_db):
    """The report sums its totals from the rows it lists; they must equal the SQL aggregation."""
    for flt in (RegionalFilter(), RegionalFilter(first_period="2013-H1"),
                RegionalFilter(countries=("KZ", "TM"), first_period="2025-H1", last_period="2025-H2")):
        with secretariat_db.reading() as s:
            scope = resolve_scope(s, flt, TODAY)
            queried = action_tallies(s, scope)
            rows, summed = commitment_details(s, scope)
            materialize_latest(s, scope)
            assert commitment_details(s, scope) == (rows, summed)
            assert rows == commitment_rows(s, scope)
        assert summed == [tuple(row) for row in queried]
        assert sum(t[2] for t in summed) == len(rows) > 0
        assert any(t[3] for t in summed) and status_by_country(None, scope, summed)[None].reported \
            == sum(1 for r in rows if r[7] is not None)


def test_one_scan_finds_the_same_latest_updates_and_coverage(secretariat_db):
    """The long-range path (one walk over the updates) agrees with period-by-period and the join."""
    from app.models.services.regional.completeness import coverage
    from app.models.services.regional.scan import latest_and_coverage

    for flt in (RegionalFilter(), RegionalFilter(first_period="2013-H1"),
                RegionalFilter(countries=("KZ", "TM"), first_period="2020-H1")):
        with secretariat_db.reading() as s:
            scope = resolve_scope(s, flt, TODAY)
            materialize_latest(s, scope)
            latest = sorted(s.execute(select(scope.latest.c.commitment_id, scope.latest.c.update_id)))
            shares = coverage(s, scope.period_ids, scope.countries)
        with secretariat_db.reading() as s:
            scope = resolve_scope(s, flt, TODAY)
            assert latest_and_coverage(s, scope) == shares
            assert sorted(s.execute(select(scope.latest.c.commitment_id, scope.latest.c.update_id))) \
                == latest
        assert latest and any(share.updated < share.expected for share in shares.values())
        assert {p for _c, p in shares} <= set(scope.period_ids)
