"""Per-country highlights for a printed brief: what was completed, what holds countries back, and
what support they ask for, from each commitment's latest update in the chosen range."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import SQLColumnExpression, func, select
from sqlalchemy.orm import Session

from app.models.orm.enums import MembershipRole, ProgressStatus
from app.models.orm.reporting import Commitment, ProgressUpdate, ReportingPeriod
from app.models.services.regional.report import Scope, latest_table, status_by_country


@dataclass
class CountryHighlight:
    country: str
    role: MembershipRole | None
    commitments: int = 0
    reported: int = 0
    completed: int = 0
    mean_percent: float | None = None
    #: Descriptions of commitments completed, the most recent first.
    completed_items: list[str] = field(default_factory=list)
    #: (text, how many commitments name it), most named first.
    challenges: list[tuple[str, int]] = field(default_factory=list)
    support: list[tuple[str, int]] = field(default_factory=list)


def _top_texts(session: Session, scope: Scope, column: SQLColumnExpression[str],
               limit: int) -> dict[str, list[tuple[str, int]]]:
    latest = latest_table(scope)
    count = func.count().label("n")
    query = (
        select(Commitment.country_code, column, count)
        .select_from(ProgressUpdate)
        .join(latest, latest.c.update_id == ProgressUpdate.id)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .where(func.trim(column) != "", Commitment.retired.is_(False))
        .group_by(Commitment.country_code, column)
        .order_by(Commitment.country_code, count.desc(), column))
    result: dict[str, list[tuple[str, int]]] = {}
    for country, text, n in session.execute(query):
        texts = result.setdefault(country, [])
        if len(texts) < limit:
            texts.append((str(text).strip(), int(n)))
    return result


def _completed(session: Session, scope: Scope, limit: int) -> dict[str, list[str]]:
    latest = latest_table(scope)
    query = (
        select(Commitment.country_code, Commitment.description)
        .select_from(ProgressUpdate)
        .join(latest, latest.c.update_id == ProgressUpdate.id)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .join(ReportingPeriod, ReportingPeriod.id == ProgressUpdate.period_id)
        .where(ProgressUpdate.status == ProgressStatus.COMPLETED, Commitment.retired.is_(False))
        .order_by(Commitment.country_code, ReportingPeriod.start_date.desc(), Commitment.id))
    result: dict[str, list[str]] = {}
    for country, description in session.execute(query):
        items = result.setdefault(country, [])
        if len(items) < limit and description not in items:
            items.append(description)
    return result


def country_highlights(session: Session, scope: Scope, limit: int = 3) -> list[CountryHighlight]:
    """One highlight per country in scope, in the scope's order (members first)."""
    if not scope.countries or not scope.periods:
        return []
    tallies = status_by_country(session, scope)
    challenges = _top_texts(session, scope, ProgressUpdate.challenges, limit)
    support = _top_texts(session, scope, ProgressUpdate.support_requested, limit)
    completed = _completed(session, scope, limit)
    result = []
    for country in scope.countries:
        tally = tallies.get(country)
        highlight = CountryHighlight(country, scope.roles.get(country))
        if tally is not None:
            highlight.commitments, highlight.reported = tally.commitments, tally.reported
            highlight.completed = tally.statuses[ProgressStatus.COMPLETED]
            highlight.mean_percent = tally.mean_percent
        highlight.completed_items = completed.get(country, [])
        highlight.challenges = challenges.get(country, [])
        highlight.support = support.get(country, [])
        result.append(highlight)
    return result
