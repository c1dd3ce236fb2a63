"""The rows a commitments view shows: each period's rows read once (the last few kept until the
workspace changes), then passed through the filters in memory; the long texts are read the first
time a search needs them."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable

from app.models.services.reporting.commitment_rows import CommitmentFilter, CommitmentRow
from app.models.services.reporting.period_rows import (
    PeriodRows,
    fetch_period_rows,
    filter_rows,
    search_index,
    update_texts,
)
from app.models.services.reporting.periods import get_period
from app.ui.common.context import WorkspaceContext


class PeriodRowsCache:
    """The rows of the periods last shown, so going back to one costs no query.

    At the stress size a period's 9,000 rows take 0.2-0.5 s to read and ~3 MB to keep; a user
    going between this period and the last one reads each once. Cleared when the workspace
    changes (an edit, an import, the plan)."""

    def __init__(self, context: WorkspaceContext, keep: int = 4) -> None:
        self._context, self._keep = context, keep
        self._periods: OrderedDict[int, PeriodRows] = OrderedDict()

    def get(self, period_id: int, read: Callable[[int], PeriodRows]) -> PeriodRows:
        """The period's rows, from `read` (the panel's guarded read) if not kept."""
        cached = self._periods.get(period_id)
        if cached is None:
            cached = self._periods[period_id] = read(period_id)
            while len(self._periods) > self._keep:
                self._periods.popitem(last=False)
        self._periods.move_to_end(period_id)
        return cached

    def clear(self) -> None:
        self._periods.clear()


def read_period_rows(context: WorkspaceContext, period_id: int) -> PeriodRows:
    """One period's rows from the workspace (called from a panel's guarded `load`)."""
    with context.db.reading() as session:
        return fetch_period_rows(session, context.country, get_period(session, period_id),
                                 context.today())


def shown_rows(context: WorkspaceContext, cache: PeriodRows, flt: CommitmentFilter,
               keep: Iterable[int]) -> list[CommitmentRow]:
    if flt.text.split() and cache.index is None:
        with context.db.reading() as session:
            texts = update_texts(session, context.country, cache.period_id)
        cache.index = search_index(cache.rows, texts)
    return filter_rows(cache.rows, flt, keep, cache.index)
