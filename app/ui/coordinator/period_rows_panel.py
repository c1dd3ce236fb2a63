"""What the Commitments and Progress tabs share: one period's commitment rows, read once per
period (kept in a `PeriodRowsCache`), filtered in memory, and re-read when the workspace changes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from app.models.services.plan.outline import PlanOutline, plan_outline
from app.models.services.reporting.commitment_rows import CommitmentRow
from app.models.services.reporting.period_rows import PeriodRows
from app.models.topics import COMMITMENTS, PLAN, PROGRESS
from app.ui.common.context import WorkspaceContext
from app.ui.common.lazy_panel import LazyPanel
from app.ui.common.storage_guard import shows_storage_errors
from app.ui.coordinator.commitment_table import CommitmentTable
from app.ui.coordinator.filter_bar import FilterBar
from app.ui.coordinator.period_rows import PeriodRowsCache, shown_rows
from app.ui.coordinator.period_selection import PeriodSelection


class PeriodRowsPanel(LazyPanel):
    """A panel of the selected period's commitments; the subclass builds `table` and `filters`,
    connects `_filter_changed` and `_data_changed`, and says what is shown in `_rows_shown`."""

    #: A change to any of these topics re-reads the rows.
    topics: frozenset[str] = frozenset({COMMITMENTS, PROGRESS, PLAN})
    table: CommitmentTable
    filters: FilterBar

    def __init__(self, context: WorkspaceContext, selection: PeriodSelection,
                 parent: QWidget | None = None, rows: PeriodRowsCache | None = None) -> None:
        super().__init__(parent)
        self._context, self._selection = context, selection
        self._outline = PlanOutline(None, "", 0, {}, False, [])
        self._outline_stale = True
        self._period_rows: PeriodRows | None = None
        # One cache for the window's views (made before them, so it follows the change bus and
        # forgets stale rows before they reload); a panel built alone makes its own.
        self._rows_cache = rows or PeriodRowsCache(context)

    def load(self, keep_shown: bool = False) -> None:
        """Query the rows; after an edit, rows already shown stay even if they stop matching."""
        period_id = self._selection.period_id
        if period_id is None:
            return
        keep = [row.id for row in self.table.source.rows()] if keep_shown else []
        self._period_rows = self._rows_cache.get(period_id)
        if self._outline_stale:  # read only when the plan changed: not a session per period switch
            with self._context.db.reading() as session:
                self._outline = plan_outline(session, self._context.country)
            self.table.source.set_outline(self._outline)
            self._outline_stale = False
        self._show_rows(keep)

    def _show_rows(self, keep: list[int]) -> None:
        """The period's rows that pass the filters, picked in memory (no query per filter)."""
        cache = self._period_rows
        if cache is None:
            return
        rows = shown_rows(self._context, cache, self.filters.current, keep)
        self.table.set_rows(rows)
        if self.table.current_id() is None and rows:
            self.table.step(1)
        self._rows_shown(rows, cache.total)

    def _rows_shown(self, rows: list[CommitmentRow], total: int) -> None:
        """Count what is shown and update the buttons, in the panel's own words."""
        raise NotImplementedError

    @shows_storage_errors
    def _filter_changed(self) -> None:
        cache = self._period_rows
        if cache is None or cache.period_id != self._selection.period_id or not self.isVisible():
            self.refresh()
        else:
            self._show_rows([])

    def _data_changed(self, topics: frozenset[str]) -> None:
        if PLAN in topics:
            self._outline_stale = True
        if not topics & self.topics:
            return
        self.refresh(keep_shown=True)
