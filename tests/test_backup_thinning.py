"""The retention policy over synthetic calendars: what survives, and that it is stable."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.models.storage.backup_thinning import (
    RetentionPolicy,
    backups_to_keep,
    backups_to_remove,
)
from tests.hypothesis_budget import examples

START = dt.datetime(2024, 1, 1, 8, 30)


def _items(moments: list[dt.datetime]) -> list[tuple[dt.datetime, str]]:
    return [(moment, moment.isoformat()) for moment in moments]


def test_two_years_of_daily_use():
    moments = [START + dt.timedelta(days=n) for n in range(730)]
    keep = backups_to_keep(_items(moments))
    kept = sorted(dt.datetime.fromisoformat(k) for k in keep)
    assert kept[-7:] == moments[-7:]  # one a day for the last week
    sundays = [m for m in kept if m.isoweekday() == 7]
    assert len(sundays) >= 3  # the newest of each of the last weeks is a Sunday
    month_ends = {(m.year, m.month) for m in kept}
    assert len(month_ends) == 12  # one per month for a year
    assert len(keep) <= RetentionPolicy().most_kept
    assert len(backups_to_remove(_items(moments))) == 730 - len(keep)


def test_many_backups_in_one_day_keep_the_newest_few():
    moments = [START + dt.timedelta(minutes=10 * n) for n in range(50)]
    keep = backups_to_keep(_items(moments), RetentionPolicy(recent=3))
    assert {m.isoformat() for m in moments[-3:]} <= keep
    assert len(keep) == 3


def test_gaps_do_not_empty_the_folder():
    """Away for a year: the last seven days the laptop was used are still there."""
    moments = [START + dt.timedelta(days=n) for n in range(10)]
    moments += [START + dt.timedelta(days=400 + n) for n in range(3)]
    keep = backups_to_keep(_items(moments))
    assert {m.isoformat() for m in moments[-3:]} <= keep
    assert moments[6].isoformat() in keep  # an older day counts among the seven daily ones


def test_removal_is_oldest_first_and_never_the_newest():
    moments = [START + dt.timedelta(hours=7 * n) for n in range(400)]
    removed = backups_to_remove(_items(moments))
    assert removed == sorted(removed)
    assert moments[-1].isoformat() not in removed


def test_nothing_to_thin():
    assert backups_to_keep([]) == set()
    assert backups_to_remove([(START, "only")]) == []


moments_strategy = st.lists(
    st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 12, 31)),
    min_size=1, max_size=200, unique=True)
policy_strategy = st.builds(RetentionPolicy, recent=st.integers(0, 5), daily=st.integers(0, 10),
                            weekly=st.integers(0, 6), monthly=st.integers(0, 15))


@settings(max_examples=examples(300), deadline=None)
@given(moments=moments_strategy, policy=policy_strategy)
def test_policy_properties(moments, policy):
    items = _items(moments)
    keep = backups_to_keep(items, policy)
    removed = backups_to_remove(items, policy)
    names = {name for _m, name in items}
    assert keep <= names and set(removed) == names - keep
    assert len(keep) <= policy.most_kept
    newest = max(moments)
    if policy.most_kept:
        assert newest.isoformat() in keep
    # Stable: thinning what was kept removes nothing more.
    assert backups_to_keep([(m, n) for m, n in items if n in keep], policy) == keep
    # Each of the last `daily` days with backups keeps its newest backup.
    days = sorted({m.date() for m in moments}, reverse=True)[:policy.daily]
    for day in days:
        assert max(m for m in moments if m.date() == day).isoformat() in keep
