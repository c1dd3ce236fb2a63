"""The rows a commitments view shows: its period's rows (read once) through the filters, the long
texts read the first time a search needs them."""

from __future__ import annotations

from collections.abc import Iterable

from app.models.services.reporting.commitment_rows import CommitmentFilter, CommitmentRow
from app.models.services.reporting.period_rows import PeriodRows, filter_rows, update_texts
from app.ui.common.context import WorkspaceContext


def shown_rows(context: WorkspaceContext, cache: PeriodRows, flt: CommitmentFilter,
               keep: Iterable[int]) -> list[CommitmentRow]:
    if flt.text.split() and cache.texts is None:
        with context.db.reading() as session:
            cache.texts = update_texts(session, context.country, cache.period_id)
    return filter_rows(cache.rows, flt, keep, cache.texts)
