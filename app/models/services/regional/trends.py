"""Is it getting better? Average progress per objective, period by period, across the countries
of a regional report (the reporting record over time comes from the completeness matrix)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.orm.plan import Plan
from app.models.orm.reporting import Commitment, ProgressUpdate
from app.models.services.regional.report import Scope


@dataclass
class ObjectiveTrend:
    """One objective's average reported progress (0-100) in each period of the scope, in order;
    None where nothing was reported for it."""

    code: str
    titles: dict[str, str]
    sums: list[float] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)

    @property
    def means(self) -> list[float | None]:
        return [s / n if n else None for s, n in zip(self.sums, self.counts, strict=True)]

    @property
    def change(self) -> float | None:
        """From the first period with a figure to the last one (percentage points)."""
        known = [m for m in self.means if m is not None]
        return known[-1] - known[0] if len(known) >= 2 else None


def objective_trends(session: Session, scope: Scope, plan: Plan | None) -> list[ObjectiveTrend]:
    """Each objective of `plan`, with the mean percent of the updates given for each period.

    One grouped query (per action and period) folded into objectives here, as the progress by
    item is: commitments of retired actions count under their objective too."""
    if plan is None or not scope.countries or not scope.periods:
        return []
    column = {period.id: index for index, period in enumerate(scope.periods)}
    trends = [ObjectiveTrend(o.code, dict(o.titles), [0.0] * len(column), [0] * len(column))
              for o in plan.objectives]
    trend_of = {a.id: trends[i] for i, o in enumerate(plan.objectives) for a in o.actions}
    rows = session.execute(
        select(Commitment.action_id, ProgressUpdate.period_id, func.sum(ProgressUpdate.percent),
               func.count(ProgressUpdate.percent))
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .where(ProgressUpdate.period_id.in_(list(column)),
               Commitment.country_code.in_(scope.countries))
        .group_by(Commitment.action_id, ProgressUpdate.period_id))
    for action_id, period_id, total, count in rows:
        trend = trend_of.get(action_id)
        if trend is not None and count:
            trend.sums[column[period_id]] += float(total or 0)
            trend.counts[column[period_id]] += count
    return trends
