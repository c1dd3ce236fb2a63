"""A plain, detached outline of the current plan (objectives → actions) for views to show."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models.orm.plan import Objective, Plan
from app.models.orm.reporting import Commitment


@dataclass
class PlanNode:
    """One item of a plan as views show it, detached from the session: the navigator's outline
    (objectives → actions) and the plan editor's tree (down to indicators) are made of these."""

    kind: str  # "objective", "action" or "indicator"
    id: int
    code: str
    titles: dict[str, str]
    retired: bool = False
    commitments: int = 0
    children: list[PlanNode] = field(default_factory=list)
    parent: PlanNode | None = field(default=None, repr=False)


@dataclass
class PlanOutline:
    plan_id: int | None
    code: str
    version: int
    titles: dict[str, str]
    is_template: bool
    objectives: list[PlanNode]


def plan_outline(session: Session, country: str | None) -> PlanOutline:
    """The current plan, with each action's count of active commitments (of `country`, or all)."""
    # Objectives and actions only: loading the indicators too would triple the cost.
    plan = session.scalar(
        select(Plan).where(Plan.is_current.is_(True))
        .options(selectinload(Plan.objectives).selectinload(Objective.actions)))
    if plan is None:
        return PlanOutline(None, "", 0, {}, False, [])
    counts_query = (select(Commitment.action_id, func.count())
                    .where(Commitment.retired.is_(False)).group_by(Commitment.action_id))
    if country:
        counts_query = counts_query.where(Commitment.country_code == country)
    counts: dict[int, int] = {row[0]: row[1] for row in session.execute(counts_query)}
    objectives = []
    for objective in plan.objectives:
        node = PlanNode("objective", objective.id, objective.code, dict(objective.titles))
        for action in objective.actions:
            child = PlanNode("action", action.id, action.code, dict(action.titles),
                                retired=action.retired, commitments=counts.get(action.id, 0),
                                parent=node)
            node.children.append(child)
            node.commitments += child.commitments
        objectives.append(node)
    return PlanOutline(plan.id, plan.code, plan.version, dict(plan.titles), plan.is_template,
                       objectives)
