"""Regional progress across countries, aggregated in SQL: by objective and action, by status, by
indicator against its target. Every view reads each commitment's latest update within the chosen
period range, for the chosen countries or roles.

At secretariat scale (15 countries × 26 periods × 300 commitments ≈ 117k progress rows) each query
groups in SQLite and hands back a few hundred rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import (
    Column,
    ColumnElement,
    CursorResult,
    FromClause,
    Integer,
    MetaData,
    Select,
    SQLColumnExpression,
    String,
    Table,
    case,
    func,
    insert,
    select,
    text,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.models.orm.enums import IndicatorKind, MembershipRole, Priority, ProgressStatus
from app.models.orm.plan import Action, Objective, Plan
from app.models.orm.reference import Country
from app.models.orm.reporting import Commitment, IndicatorValue, ProgressUpdate, ReportingPeriod
from app.models.services.plan.current import current_plan
from app.models.services.regional.completeness import matrix_countries, periods_in_range
from app.models.services.reporting.indicator_values import IndicatorRow

#: A row of `action_tallies`: (action id, country, commitments, reported, percent sum, percent
#: count, then one count per status in `ProgressStatus` order); without the action id when summed
#: per country.
TallyRow = tuple[Any, ...]
#: A row of `commitment_rows` (its docstring names the columns).
CommitmentRow = tuple[Any, ...]


@dataclass(frozen=True)
class RegionalFilter:
    """What the user chose; empty means everything."""

    countries: tuple[str, ...] = ()
    roles: frozenset[MembershipRole] = frozenset()
    first_period: str | None = None
    last_period: str | None = None


@dataclass
class Scope:
    """A filter resolved against the database: the countries and periods it stands for."""

    countries: list[str]
    roles: dict[str, MembershipRole | None]
    periods: list[ReportingPeriod]
    #: The latest updates once materialised for several queries (see `materialize_latest`).
    latest: FromClause | None = None

    @property
    def period_ids(self) -> list[int]:
        return [p.id for p in self.periods]

    @property
    def first_start(self) -> dt.date:
        return self.periods[0].start_date if self.periods else dt.date.min

    @property
    def last_start(self) -> dt.date:
        return self.periods[-1].start_date if self.periods else dt.date.min


def resolve_scope(session: Session, flt: RegionalFilter, today: dt.date | None = None) -> Scope:
    periods = periods_in_range(session, flt.first_period, flt.last_period, today=today,
                               default_count=6)
    until = periods[-1].end_date if periods else (today or dt.date.today())
    pairs = matrix_countries(session, until, countries=list(flt.countries) or None,
                             roles=set(flt.roles) or None)
    return Scope([code for code, _role in pairs], dict(pairs), periods)


def latest_in_scope(scope: Scope) -> Select[int, int]:
    """Each commitment's latest update within the scope's periods (a subquery, one row each)."""
    ranked = (
        select(ProgressUpdate.id.label("update_id"), ProgressUpdate.commitment_id,
               func.row_number().over(partition_by=ProgressUpdate.commitment_id,
                                      order_by=ReportingPeriod.start_date.desc()).label("rank"))
        .join(ReportingPeriod, ReportingPeriod.id == ProgressUpdate.period_id)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .where(ReportingPeriod.start_date >= scope.first_start,
               ReportingPeriod.start_date <= scope.last_start,
               Commitment.country_code.in_(scope.countries))
    ).subquery()
    return select(ranked.c.update_id, ranked.c.commitment_id).where(ranked.c.rank == 1)


_LATEST = Table(
    "latest_update", MetaData(),
    Column("commitment_id", Integer, primary_key=True), Column("update_id", Integer),
    prefixes=["TEMPORARY"])


def materialize_latest(session: Session, scope: Scope) -> None:
    """Find each commitment's latest update once, into a temporary table later queries join.

    A report runs five queries over the same latest updates. Filling the table period by period,
    newest first, keeping the first update seen per commitment, reads each period through its
    index and usually stops after two or three periods: far less than ranking ~100k rows.
    """
    session.execute(text("DROP TABLE IF EXISTS temp.latest_update"))
    _LATEST.create(session.connection())
    scope.latest = _LATEST
    wanted = session.scalar(select(func.count(Commitment.id)).where(
        Commitment.country_code.in_(scope.countries))) or 0
    found = 0
    for period in sorted(scope.periods, key=lambda p: p.start_date, reverse=True):
        if found >= wanted:
            break
        updates = (select(ProgressUpdate.id, ProgressUpdate.commitment_id)
                   .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
                   .where(ProgressUpdate.period_id == period.id,
                          Commitment.country_code.in_(scope.countries)))
        result = cast("CursorResult[Any]", session.execute(  # an INSERT's result has a rowcount
            insert(_LATEST).prefix_with("OR IGNORE").from_select(["update_id", "commitment_id"], updates)))
        found += max(0, result.rowcount or 0)


def latest_table(scope: Scope) -> FromClause:
    return scope.latest if scope.latest is not None else latest_in_scope(scope).subquery()


def _in_scope(scope: Scope) -> list[ColumnElement[bool]]:
    """Commitments of the countries that had started by the end of the range (callers check that
    the scope has periods)."""
    started = Commitment.start_date.is_(None) | (Commitment.start_date <= scope.periods[-1].end_date)
    return [Commitment.country_code.in_(scope.countries), Commitment.retired.is_(False), started]


@dataclass
class Tally:
    """Commitments, how many have an update in range, their status counts and percent sum."""

    commitments: int = 0
    reported: int = 0
    percent_sum: float = 0.0
    percent_count: int = 0
    statuses: dict[ProgressStatus, int] = field(default_factory=lambda: dict.fromkeys(ProgressStatus, 0))

    @property
    def mean_percent(self) -> float | None:
        return self.percent_sum / self.percent_count if self.percent_count else None

    def add(self, other: Tally) -> None:
        self.commitments += other.commitments
        self.reported += other.reported
        self.percent_sum += other.percent_sum
        self.percent_count += other.percent_count
        for status, count in other.statuses.items():
            self.statuses[status] += count


@dataclass
class ItemProgress:
    level: str  # "objective" or "action"
    code: str
    titles: dict[str, str]
    retired: bool = False
    total: Tally = field(default_factory=Tally)
    by_country: dict[str, Tally] = field(default_factory=dict)


def _status_columns(status_column: SQLColumnExpression[Any]) -> list[ColumnElement[Any]]:
    return [func.sum(case((status_column == status, 1), else_=0)) for status in ProgressStatus]


def _tallies(session: Session, scope: Scope, group: list[SQLColumnExpression[Any]]) -> list[TallyRow]:
    latest = latest_table(scope)
    query = (
        select(*group, func.count(Commitment.id), func.count(ProgressUpdate.id),
               func.coalesce(func.sum(ProgressUpdate.percent), 0), func.count(ProgressUpdate.percent),
               *_status_columns(ProgressUpdate.status))
        .select_from(Commitment)
        .outerjoin(latest, latest.c.commitment_id == Commitment.id)
        .outerjoin(ProgressUpdate, ProgressUpdate.id == latest.c.update_id)
        .where(*_in_scope(scope)).group_by(*group))
    return list(session.execute(query))


def _tally(row: TallyRow) -> Tally:
    commitments, reported, percent_sum, percent_count, *statuses = row
    return Tally(commitments, reported, float(percent_sum), percent_count,
                 {status: int(count or 0) for status, count in zip(ProgressStatus, statuses, strict=True)})


def action_tallies(session: Session, scope: Scope) -> list[TallyRow]:
    """(action id, country, tally numbers...) per action and country: what both the progress by
    item and the status by country are summed from, so one query can serve both."""
    if not scope.countries or not scope.periods:
        return []
    return _tallies(session, scope, [Commitment.action_id, Commitment.country_code])


def progress_by_item(session: Session, scope: Scope, plan: Plan | None = None,
                     tallies: list[TallyRow] | None = None) -> list[ItemProgress]:
    """Objectives each followed by their actions, in plan order, with totals and per country.

    `plan` saves reading the current plan again when the caller has it, `tallies` (from
    `action_tallies`) the query when the caller has run it.
    """
    plan = plan or current_plan(session)
    if plan is None or not scope.countries or not scope.periods:
        return []
    rows = action_tallies(session, scope) if tallies is None else tallies
    by_action: dict[int, ItemProgress] = {}
    result = []
    for objective in plan.objectives:
        head = ItemProgress("objective", objective.code, dict(objective.titles))
        result.append(head)
        for action in objective.actions:
            item = ItemProgress("action", action.code, dict(action.titles), action.retired)
            by_action[action.id] = item
            result.append(item)
    objective_of = {a.id: o for o in plan.objectives for a in o.actions}
    heads = {r.code: r for r in result if r.level == "objective"}
    for action_id, country, *numbers in rows:
        found = by_action.get(action_id)
        if found is None:
            continue
        tally = _tally(tuple(numbers))
        found.by_country[country] = tally
        found.total.add(tally)
        head = heads[objective_of[action_id].code]
        head.total.add(tally)
        head.by_country.setdefault(country, Tally()).add(tally)
    return result


def status_by_country(session: Session, scope: Scope,
                      tallies: list[TallyRow] | None = None) -> dict[str | None, Tally]:
    """Each country's commitments by latest status (None holds the regional total).

    Given `tallies` (from `action_tallies`), sums them per country instead of querying again.
    """
    if not scope.countries or not scope.periods:
        return {}
    result: dict[str | None, Tally] = {None: Tally()}
    if tallies is None:
        rows = [(country, *numbers) for country, *numbers in
                _tallies(session, scope, [Commitment.country_code])]
    else:
        rows = [(country, *numbers) for _action, country, *numbers in tallies]
    for country, *numbers in sorted(rows, key=lambda row: row[0]):
        tally = _tally(tuple(numbers))
        result.setdefault(country, Tally()).add(tally)
        result[None].add(tally)
    return result


@dataclass(frozen=True)
class RegionalIndicator(IndicatorRow):
    """An indicator with each country's latest value in the range."""

    values: dict[str, float | str | None] = field(default_factory=dict)

    @property
    def countries_meeting_target(self) -> int:
        return sum(1 for v in self.values.values() if self.meets_target(v))


def indicator_values(session: Session, scope: Scope, plan: Plan | None = None) -> list[RegionalIndicator]:
    """Each indicator of the current plan with each country's latest value in range, and target."""
    plan = plan or current_plan(session)
    if plan is None or not scope.countries or not scope.periods:
        return []
    rows: dict[int, RegionalIndicator] = {}
    for objective in plan.objectives:
        for action in objective.actions:
            for i in action.indicators:
                if not i.retired:
                    rows[i.id] = RegionalIndicator(
                        i.id, i.code, objective.id, dict(i.titles), dict(i.unit or {}), i.kind,
                        i.baseline, i.target, i.direction)
    reporting = set(session.scalars(select(Country.code).where(
        Country.code.in_(scope.countries),
        select(IndicatorValue.id).where(IndicatorValue.country_code == Country.code,
                                        IndicatorValue.period_id.in_(scope.period_ids)).exists())))
    countries = [c for c in scope.countries if c in reporting]
    pending = {(indicator_id, country) for indicator_id in rows for country in countries}
    # Newest period first; the first value seen per indicator and country is the latest.
    for period in sorted(scope.periods, key=lambda p: p.start_date, reverse=True):
        if not pending:
            break
        values = session.execute(
            select(IndicatorValue.indicator_id, IndicatorValue.country_code,
                   IndicatorValue.value_number, IndicatorValue.value_text)
            .where(IndicatorValue.period_id == period.id, IndicatorValue.country_code.in_(countries)))
        for indicator_id, country, number, words in values:
            if (indicator_id, country) in pending:
                pending.discard((indicator_id, country))
                row = rows[indicator_id]
                row.values[country] = words if row.kind == IndicatorKind.TEXT else number
    return list(rows.values())


def commitment_rows(session: Session, scope: Scope) -> list[CommitmentRow]:
    """Every commitment in scope with its latest update: the regional report's detail sheet.

    (country, objective code, action code, action retired, description, lead agency, priority,
    period code, status, percent, challenges, support requested)
    """
    return commitment_details(session, scope)[0]


def commitment_details(session: Session, scope: Scope) -> tuple[list[CommitmentRow], list[TallyRow]]:
    """`commitment_rows` and, summed from the same rows, what `action_tallies` returns: a report
    that lists every commitment needs no second query over them for its totals."""
    if not scope.countries or not scope.periods:
        return [], []
    latest = latest_table(scope)
    # Enums and booleans come back as stored and are mapped here: SQLAlchemy's per-value result
    # processing cost more than the query itself on thousands of rows.
    query = (
        select(Commitment.action_id, Commitment.country_code, Objective.code, Action.code,
               type_coerce(Action.retired, Integer), Commitment.description, Commitment.lead_agency,
               type_coerce(Commitment.priority, String), ReportingPeriod.code,
               type_coerce(ProgressUpdate.status, String), ProgressUpdate.percent,
               ProgressUpdate.challenges, ProgressUpdate.support_requested)
        .select_from(Commitment)
        .join(Action, Action.id == Commitment.action_id).join(Objective)
        .outerjoin(latest, latest.c.commitment_id == Commitment.id)
        .outerjoin(ProgressUpdate, ProgressUpdate.id == latest.c.update_id)
        .outerjoin(ReportingPeriod, ReportingPeriod.id == ProgressUpdate.period_id)
        .where(*_in_scope(scope))
        .order_by(Commitment.country_code, Objective.position, Action.position, Commitment.id))
    priorities = {p.value: p for p in Priority}
    statuses = {s.value: s for s in ProgressStatus}
    position = {s: index for index, s in enumerate(ProgressStatus)}
    rows: list[CommitmentRow] = []
    sums: dict[tuple[int, str], list[int]] = {}
    for (action_id, country, objective, action, retired, description, agency, priority, period,
         stored_status, percent, challenges, support) in session.execute(query):
        status = statuses.get(stored_status)
        rows.append((country, objective, action, bool(retired), description, agency,
                     priorities[priority], period, status, percent, challenges, support))
        numbers = sums.get((action_id, country))
        if numbers is None:
            numbers = sums[(action_id, country)] = [0, 0, 0, 0] + [0] * len(position)
        numbers[0] += 1
        if period is not None:  # an update in range (its period is never null)
            numbers[1] += 1
        if percent is not None:
            numbers[2] += percent
            numbers[3] += 1
        if status is not None:
            numbers[4 + position[status]] += 1
    return rows, [(*key, *numbers) for key, numbers in sorted(sums.items())]
