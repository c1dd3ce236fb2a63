"""Read the plan the workspace reports against."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.orm.plan import Action, Indicator, Objective, Plan


def current_plan(session: Session) -> Plan | None:
    """The current plan with objectives, actions and indicators loaded in three queries."""
    return session.scalar(
        select(Plan)
        .where(Plan.is_current.is_(True))
        .options(
            selectinload(Plan.objectives)
            .selectinload(Objective.actions)
            .selectinload(Action.indicators)
        )
    )


def plan_indicators(session: Session, plan_id: int) -> list[Indicator]:
    return list(session.scalars(
        select(Indicator)
        .join(Action).join(Objective)
        .where(Objective.plan_id == plan_id)
        .order_by(Objective.position, Action.position, Indicator.position)
    ))
