"""Everything a regional report shows, read once from the database (no Qt, no formatting)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from app.models.orm.base import utcnow
from app.models.orm.enums import MembershipRole
from app.models.services.plan.current import current_plan
from app.models.services.regional.completeness import (
    CompletenessMatrix,
    Coverage,
    completeness_matrix,
    coverage,
)
from app.models.services.regional.report import (
    CommitmentRow,
    ItemProgress,
    RegionalFilter,
    RegionalIndicator,
    Scope,
    Tally,
    action_tallies,
    commitment_details,
    indicator_values,
    materialize_latest,
    progress_by_item,
    resolve_scope,
    status_by_country,
)
from app.models.services.regional.scan import latest_and_coverage, scan_pays
from app.models.services.regional.trends import ObjectiveTrend, objective_trends
from app.models.services.reporting.highlights import CountryHighlight, country_highlights


@dataclass
class Consolidation:
    """The regional picture for one filter: what both the workbook and the brief are made from."""

    generated_at: dt.datetime
    plan_code: str
    plan_version: int
    plan_titles: dict[str, str]
    scope: Scope
    matrix: CompletenessMatrix
    coverage: dict[tuple[str | None, int], Coverage]
    items: list[ItemProgress]
    statuses: dict[str | None, Tally]
    indicators: list[RegionalIndicator]
    commitments: list[CommitmentRow] = field(default_factory=list)
    highlights: list[CountryHighlight] = field(default_factory=list)
    trends: list[ObjectiveTrend] = field(default_factory=list)
    #: The roles chosen in the filter (empty: the default, members only).
    roles: frozenset[MembershipRole] = frozenset()


def gather(session: Session, flt: RegionalFilter | None = None, *, today: dt.date | None = None,
           details: bool = True, highlights: bool = False) -> Consolidation:
    """Read the regional picture; `details` adds every commitment, `highlights` the brief's texts."""
    flt = flt or RegionalFilter()
    scope = resolve_scope(session, flt, today)
    if scan_pays(scope):
        shares = latest_and_coverage(session, scope)
    else:
        if scope.countries and scope.periods:
            materialize_latest(session, scope)
        shares = coverage(session, scope.period_ids, scope.countries)
    plan = current_plan(session)
    matrix = completeness_matrix(session, scope.periods, today=today,
                                 countries=list(flt.countries) or None, roles=set(flt.roles) or None)
    if details:
        commitments, tallies = commitment_details(session, scope)
    else:
        commitments, tallies = [], action_tallies(session, scope)
    return Consolidation(
        generated_at=utcnow(),
        plan_code=plan.code if plan else "", plan_version=plan.version if plan else 0,
        plan_titles=dict(plan.titles) if plan else {},
        scope=scope, matrix=matrix,
        coverage=shares,
        items=progress_by_item(session, scope, plan, tallies),
        statuses=status_by_country(session, scope, tallies),
        indicators=indicator_values(session, scope, plan), roles=frozenset(flt.roles),
        commitments=commitments,
        highlights=country_highlights(session, scope) if highlights else [],
        trends=objective_trends(session, scope, plan),
    )
