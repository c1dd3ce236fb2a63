"""What the workspace holds for one submission's country and periods, loaded once per import.

The comparison reads these rows and the apply writes into the very same objects in the same
session, so applying hundreds of rows costs no query per row (and one flush, not one per row).
Keyed as the workbook names things: commitments by the workbook's id, progress and indicator
values by (database id, period id), decisions by meeting code and number.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.orm.decisions import Decision, DecisionFollowUp
from app.models.orm.plan import Action, Indicator, Objective, Plan
from app.models.orm.reporting import Commitment, IndicatorValue, ProgressUpdate, ReportingPeriod
from app.reports.submission.data import decisions_with_follow_up, updates_by_key, values_by_key


def known_commitments(session: Session, country: str, receiving: bool) -> dict[int, Commitment]:
    """The country's commitments by the id its workbooks use.

    A coordinator's workbook names commitments by the coordinator's own database ids. In the
    coordinator's workspace those are the commitments' ids; in the secretariat's (`receiving`)
    they are the source ids stored when the commitment was first received.
    """
    rows = session.scalars(select(Commitment).where(Commitment.country_code == country)
                           .options(selectinload(Commitment.action)))
    if receiving:
        return {c.source_id: c for c in rows if c.source_id is not None}
    return {c.id: c for c in rows}


@dataclass
class Stored:
    country: str
    receiving: bool
    periods: dict[str, ReportingPeriod]
    actions: dict[str, Action]
    indicators: dict[str, Indicator]
    commitments: dict[int, Commitment]
    updates: dict[tuple[int, int], ProgressUpdate]
    values: dict[tuple[int, int], IndicatorValue]
    decisions: dict[tuple[str, int], tuple[Decision, DecisionFollowUp | None]]

    @classmethod
    def load(cls, session: Session, country: str, plan: Plan, periods: dict[str, ReportingPeriod],
             receiving: bool) -> Stored:
        period_ids = [p.id for p in periods.values()]
        return cls(
            country, receiving, periods,
            actions={a.code: a for a in session.scalars(
                select(Action).join(Objective).where(Objective.plan_id == plan.id))},
            indicators={i.code: i for i in session.scalars(
                select(Indicator).join(Action).join(Objective).where(Objective.plan_id == plan.id))},
            commitments=known_commitments(session, country, receiving),
            updates=updates_by_key(session, country, period_ids),
            values=values_by_key(session, country, period_ids),
            decisions={(d.meeting.code, d.number): (d, f)
                       for d, f in decisions_with_follow_up(session, country)})
