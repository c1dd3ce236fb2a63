"""The reporting period the coordinator is working on, shared by the panels that show one."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.models.services.reporting.periods import current_period
from app.ui.common.context import WorkspaceContext


class PeriodSelection(QObject):
    """Like a selection model: panels read `period_id` and follow `changed`."""

    changed = Signal(int)

    def __init__(self, context: WorkspaceContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        with context.db.reading() as session:
            period = current_period(session, context.today())
        self._period_id: int | None = period.id if period else None

    @property
    def period_id(self) -> int | None:
        return self._period_id

    def set_period(self, period_id: int) -> None:
        if period_id != self._period_id:
            self._period_id = period_id
            self.changed.emit(period_id)
