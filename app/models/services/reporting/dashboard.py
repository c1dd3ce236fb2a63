"""The figures of the dashboard for one period: completeness, statuses, progress by objective,
overdue commitments and the days left to the due date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.models.orm.enums import ProgressStatus
from app.models.orm.reporting import ReportingPeriod
from app.models.services.plan.outline import PlanOutline, plan_outline
from app.models.services.reporting.commitment_rows import CommitmentRow, commitment_rows
from app.models.services.reporting.periods import PeriodState, period_state


@dataclass(frozen=True)
class ObjectiveProgress:
    objective_id: int
    code: str
    titles: dict[str, str]
    commitments: int
    updated: int
    #: Mean percent of the commitments updated in the period (None when none was).
    average_percent: float | None


@dataclass(frozen=True)
class OverdueItem:
    commitment_id: int
    action_code: str
    description: str
    end_date: dt.date
    days_overdue: int
    status: ProgressStatus | None


@dataclass
class DashboardFigures:
    period: PeriodState
    today: dt.date
    total: int = 0
    updated: int = 0
    #: Count per status in the period; None counts commitments with no update yet.
    status_counts: dict[ProgressStatus | None, int] = field(default_factory=dict)
    by_objective: list[ObjectiveProgress] = field(default_factory=list)
    overdue: list[OverdueItem] = field(default_factory=list)

    @property
    def completeness(self) -> float | None:
        """Share of commitments with an update in the period (0-1), None when there are none."""
        return self.updated / self.total if self.total else None

    @property
    def days_to_due(self) -> int:
        """Days from today to the period's due date; negative once it has passed."""
        return (self.period.due_date - self.today).days


def dashboard_figures(session: Session, country: str | None, period_id: int, today: dt.date,
                      rows: Iterable[CommitmentRow] | None = None,
                      outline: PlanOutline | None = None) -> DashboardFigures:
    """All figures from the period's commitment rows, so the dashboard costs what the list costs.

    `rows` (the period's rows as the lists keep them, retired ones too) and `outline` (the plan's
    objectives), when the caller keeps them, spare the queries."""
    if rows is None:
        period = session.get_one(ReportingPeriod, period_id)
        shown = commitment_rows(session, country, period, today, with_texts=False)
    else:
        shown = [row for row in rows if not row.retired]
    figures = DashboardFigures(period_state(session, country, period_id), today)
    figures.total = len(shown)
    figures.updated = sum(1 for row in shown if row.has_update)
    counts = Counter(row.status for row in shown)
    figures.status_counts = {status: counts.get(status, 0) for status in [*ProgressStatus, None]}
    figures.by_objective = _by_objective(outline or plan_outline(session, country), shown)
    figures.overdue = sorted(
        (OverdueItem(row.id, row.action_code, row.description, row.end_date, row.days_overdue,
                     row.last_status)
         for row in shown if row.overdue and row.end_date is not None),
        key=lambda item: (-item.days_overdue, item.commitment_id))
    return figures


def _by_objective(outline: PlanOutline, rows: list[CommitmentRow]) -> list[ObjectiveProgress]:
    grouped: dict[int, list[CommitmentRow]] = {}
    for row in rows:
        grouped.setdefault(row.objective_id, []).append(row)
    result = []
    for objective in outline.objectives:
        mine = grouped.get(objective.id, [])
        percents = [row.percent for row in mine if row.has_update and row.percent is not None]
        result.append(ObjectiveProgress(
            objective.id, objective.code, dict(objective.titles), len(mine),
            sum(1 for row in mine if row.has_update),
            sum(percents) / len(percents) if percents else None))
    return result
