"""The rows the coordinator's views show: each period's rows read once (the last few kept until
the workspace changes) and shared by the dashboard, the commitments list and the progress editor,
then passed through the filters in memory; the long texts are read the first time a search needs
them."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable

from app.models.services.reporting.commitment_rows import CommitmentFilter, CommitmentRow
from app.models.services.reporting.period_rows import (
    Commitments,
    PeriodRows,
    fetch_period_rows,
    filter_rows,
    read_commitments,
    search_index,
    update_texts,
)
from app.models.services.reporting.periods import get_period
from app.models.topics import COMMITMENTS, PERIODS, PLAN, PROGRESS, SUBMISSIONS
from app.ui.common.context import WorkspaceContext

#: Changes after which the commitments themselves are read again (and so every period's rows).
COMMITMENT_TOPICS = frozenset({COMMITMENTS, PLAN, SUBMISSIONS})
#: Changes after which the periods' rows are read again (an update changes "the status before").
ROW_TOPICS = COMMITMENT_TOPICS | {PROGRESS, PERIODS}


class PeriodRowsCache:
    """The commitments, and the rows of the periods last shown, so going back to a period costs
    no query and a first visit reads only that period's updates.

    At the stress size (9,000 commitments) the commitments take ~0.1 s to read and a period's
    updates ~20 ms; a period's rows take ~3 MB to keep. One cache serves every view of a window,
    so the dashboard and the lists read a period once between them. It follows the change bus
    itself, connected before the views that use it (it is made before them), so it is cleared
    before they reload."""

    def __init__(self, context: WorkspaceContext, keep: int = 4) -> None:
        self._context, self._keep = context, keep
        self._commitments: Commitments | None = None
        self._periods: OrderedDict[int, PeriodRows] = OrderedDict()
        context.bus.changed.connect(self.changed)

    def get(self, period_id: int) -> PeriodRows:
        """The period's rows (for today), read if not kept. Call it where storage errors are
        shown (a panel's guarded `load`)."""
        today = self._context.today()
        cached = self._periods.get(period_id)
        if cached is None or cached.today != today:
            self._commitments, cached = read_period_rows(self._context, self._commitments,
                                                         period_id, today)
            self._periods[period_id] = cached
            while len(self._periods) > self._keep:
                self._periods.popitem(last=False)
        self._periods.move_to_end(period_id)
        return cached

    def changed(self, topics: frozenset[str]) -> None:
        """Forget what a change may have made stale."""
        if topics & COMMITMENT_TOPICS:
            self._commitments = None
        if topics & ROW_TOPICS:
            self._periods.clear()

    def clear(self) -> None:
        self._commitments = None
        self._periods.clear()


def read_period_rows(context: WorkspaceContext, commitments: Commitments | None, period_id: int,
                     today: dt.date) -> tuple[Commitments, PeriodRows]:
    """The commitments (read if not given) and one period's rows, in one read session."""
    with context.db.reading() as session:
        if commitments is None:
            commitments = read_commitments(session, context.country)
        return commitments, fetch_period_rows(session, commitments, get_period(session, period_id),
                                              today)


def shown_rows(context: WorkspaceContext, cache: PeriodRows, flt: CommitmentFilter,
               keep: Iterable[int]) -> list[CommitmentRow]:
    if flt.text.split() and cache.index is None:
        with context.db.reading() as session:
            texts = update_texts(session, context.country, cache.period_id)
        cache.index = search_index(cache.rows, texts)
    return filter_rows(cache.rows, flt, keep, cache.index)
