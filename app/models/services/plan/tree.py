"""A detached tree of one plan (objectives → actions → indicators) for the plan editor to show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.models.orm.plan import Action, Objective, Plan
from app.models.orm.reporting import Commitment
from app.models.services.plan.outline import PlanNode


@dataclass
class PlanSummary:
    id: int
    code: str
    version: int
    titles: dict[str, str]
    is_template: bool
    is_current: bool


def list_plans(session: Session) -> list[PlanSummary]:
    """Every plan version on record, newest first."""
    plans = session.scalars(select(Plan).order_by(Plan.is_current.desc(), Plan.version.desc(),
                                                  Plan.id.desc()))
    return [PlanSummary(p.id, p.code, p.version, dict(p.titles), p.is_template, p.is_current)
            for p in plans]


def plan_tree(session: Session, plan_id: int) -> list[PlanNode]:
    """The plan's objectives with their actions (and commitment counts) and indicators."""
    counts = dict(session.execute(
        select(Commitment.action_id, func.count()).group_by(Commitment.action_id)).all())
    objectives = session.scalars(
        select(Objective).where(Objective.plan_id == plan_id).order_by(Objective.position)
        .options(selectinload(Objective.actions).selectinload(Action.indicators)))
    tree = []
    for objective in objectives:
        node = PlanNode("objective", objective.id, objective.code, dict(objective.titles))
        for action in objective.actions:
            child = PlanNode("action", action.id, action.code, dict(action.titles),
                             action.retired, counts.get(action.id, 0), parent=node)
            child.children = [
                PlanNode("indicator", i.id, i.code, dict(i.titles), i.retired, parent=child)
                for i in action.indicators]
            node.children.append(child)
            node.commitments += child.commitments
        tree.append(node)
    return tree
