"""What the read-only detail pane shows for an objective or action."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.orm.plan import Action, Indicator, Objective
from app.models.orm.reporting import Commitment, ProgressUpdate
from app.models.services.reporting.progress import latest_updates_of


@dataclass
class CommitmentSummary:
    id: int
    country_code: str
    description: str
    lead_agency: str
    latest: ProgressUpdate | None
    latest_period: str = ""


@dataclass
class ItemDetails:
    kind: str
    code: str
    titles: dict[str, str]
    parent_titles: dict[str, str] = field(default_factory=dict)
    retired: bool = False
    indicators: list[Indicator] = field(default_factory=list)
    commitments: list[CommitmentSummary] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


def item_details(session: Session, kind: str, item_id: int, country: str | None) -> ItemDetails:
    if kind == "objective":
        objective = session.get_one(Objective, item_id)
        return ItemDetails("objective", objective.code, dict(objective.titles),
                           actions=list(objective.actions))
    action = session.get_one(Action, item_id)
    query = select(Commitment).where(Commitment.action_id == item_id,
                                     Commitment.retired.is_(False)).order_by(Commitment.id)
    if country:
        query = query.where(Commitment.country_code == country)
    commitments = list(session.scalars(query))
    latest = latest_updates_of(session, [c.id for c in commitments])
    summaries = [
        CommitmentSummary(c.id, c.country_code, c.description, c.lead_agency, latest.get(c.id),
                          latest[c.id].period.code if c.id in latest else "")
        for c in commitments
    ]
    return ItemDetails("action", action.code, dict(action.titles),
                       parent_titles=dict(action.objective.titles), retired=action.retired,
                       indicators=list(action.indicators), commitments=summaries)
