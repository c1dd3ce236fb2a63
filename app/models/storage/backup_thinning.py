"""Which backups to keep as they age: the newest few, then one per day, per week and per month.

A pure function of the backups' times, so it can be tested over any calendar; nothing here touches
files. Periods count only when they hold a backup: a laptop left off for a month still keeps seven
daily backups, from the last seven days it was used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True)
class RetentionPolicy:
    recent: int = 3
    daily: int = 7
    weekly: int = 4
    monthly: int = 12

    @property
    def most_kept(self) -> int:
        return self.recent + self.daily + self.weekly + self.monthly


DEFAULT_POLICY = RetentionPolicy()


def _day(moment: dt.datetime) -> Hashable:
    return moment.date()


def _week(moment: dt.datetime) -> Hashable:
    iso = moment.isocalendar()
    return iso.year, iso.week


def _month(moment: dt.datetime) -> Hashable:
    return moment.year, moment.month


def backups_to_keep(items: Sequence[tuple[dt.datetime, T]],
                    policy: RetentionPolicy = DEFAULT_POLICY) -> set[T]:
    """The items to keep: the `recent` newest, and the newest of each of the last periods."""
    newest_first = sorted(items, key=lambda pair: pair[0], reverse=True)
    keep = {item for _moment, item in newest_first[:policy.recent]}
    rules: list[tuple[Callable[[dt.datetime], Hashable], int]] = [
        (_day, policy.daily), (_week, policy.weekly), (_month, policy.monthly)]
    for period_of, count in rules:
        seen: set[Hashable] = set()
        for moment, item in newest_first:
            period = period_of(moment)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(item)
    return keep


def backups_to_remove(items: Sequence[tuple[dt.datetime, T]],
                      policy: RetentionPolicy = DEFAULT_POLICY) -> list[T]:
    """The items the policy lets go, oldest first."""
    keep = backups_to_keep(items, policy)
    return [item for _moment, item in sorted(items, key=lambda pair: pair[0])
            if item not in keep]
