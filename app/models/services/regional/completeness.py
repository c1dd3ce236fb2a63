"""Who has reported: countries × periods, each cell's state, and the share of commitments updated."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models.orm.enums import MembershipRole
from app.models.orm.reporting import Commitment, ProgressUpdate, ReportingPeriod, Submission
from app.models.services.workspace.memberships import latest_roles


class CellState(enum.StrEnum):
    """One country-period at a glance; the order is the order of precedence, weakest first."""

    NOT_DUE = "not_due"
    MISSING = "missing"
    RECEIVED = "received"
    LATE = "late"
    EDITED = "edited"
    ACKNOWLEDGED = "acknowledged"


_LABELS = {
    CellState.NOT_DUE: N_("Not yet due"),
    CellState.MISSING: N_("Missing"),
    CellState.RECEIVED: N_("Received"),
    CellState.LATE: N_("Late"),
    CellState.EDITED: N_("Edited after export"),
    CellState.ACKNOWLEDGED: N_("Acknowledged"),
}
ROLE_ORDER = [MembershipRole.MEMBER, MembershipRole.OBSERVER, MembershipRole.GUEST,
              MembershipRole.PARTNER, None]


def state_label(state: CellState) -> str:
    return _(_LABELS[state])


def state_label_source(state: CellState) -> str:
    """The untranslated label, for reports written in another language than the interface."""
    return _LABELS[state]


@dataclass(frozen=True)
class PeriodColumn:
    id: int
    code: str
    start_date: dt.date
    end_date: dt.date
    due_date: dt.date


@dataclass
class MatrixCell:
    country: str
    period_id: int
    state: CellState
    submission_id: int | None = None
    revision: int | None = None
    received_at: dt.datetime | None = None
    late: bool = False
    edited: bool = False
    acknowledged: bool = False


@dataclass
class MatrixRow:
    country: str
    role: MembershipRole | None
    cells: list[MatrixCell] = field(default_factory=list)


@dataclass(frozen=True)
class ReportingRecord:
    """Reports received of those expected (due by now, or sent early), and how many of the
    received came late (judged by their first receipt)."""

    received: int = 0
    expected: int = 0
    late: int = 0

    @property
    def on_time(self) -> int:
        return self.received - self.late


def reporting_record(cells: Iterable[MatrixCell]) -> ReportingRecord:
    received = expected = late = 0
    for cell in cells:
        if cell.state == CellState.NOT_DUE:
            continue
        expected += 1
        if cell.state != CellState.MISSING:
            received += 1
            late += cell.late
    return ReportingRecord(received, expected, late)


@dataclass
class CompletenessMatrix:
    periods: list[PeriodColumn]
    rows: list[MatrixRow]

    def counts(self) -> dict[CellState, int]:
        totals = dict.fromkeys(CellState, 0)
        for row in self.rows:
            for cell in row.cells:
                totals[cell.state] += 1
        return totals

    def record(self) -> ReportingRecord:
        """Every country, every period: what a report's header counts."""
        return reporting_record(cell for row in self.rows for cell in row.cells)

    def record_by_period(self) -> list[ReportingRecord]:
        """One record per period (column), in order: is reporting getting better?"""
        return [reporting_record(row.cells[index] for row in self.rows)
                for index in range(len(self.periods))]


def period_columns(periods: list[ReportingPeriod]) -> list[PeriodColumn]:
    return [PeriodColumn(p.id, p.code, p.start_date, p.end_date, p.due_date) for p in periods]


def periods_in_range(session: Session, first: str | None = None, last: str | None = None,
                     *, today: dt.date | None = None, default_count: int = 6) -> list[ReportingPeriod]:
    """Periods from `first` to `last` (codes); by default the last few that have started."""
    today = today or dt.date.today()
    query = select(ReportingPeriod).order_by(ReportingPeriod.start_date)
    if last:
        end = session.scalar(select(ReportingPeriod.start_date).where(ReportingPeriod.code == last))
        query = query.where(ReportingPeriod.start_date <= (end or dt.date.max))
    else:
        query = query.where(ReportingPeriod.start_date <= today)
    if first:
        start = session.scalar(select(ReportingPeriod.start_date).where(ReportingPeriod.code == first))
        return list(session.scalars(query.where(ReportingPeriod.start_date >= (start or dt.date.min))))
    return list(session.scalars(query))[-default_count:]


def matrix_countries(session: Session, until: dt.date, *, countries: list[str] | None = None,
                     roles: set[MembershipRole] | None = None) -> list[tuple[str, MembershipRole | None]]:
    """Countries (with their role on `until`), members first.

    By default members and every country that has reported; observers and guests that never report
    are shown when their role is asked for.
    """
    known = latest_roles(session, until)
    reporting = set(session.scalars(select(Commitment.country_code).distinct()))
    reporting |= set(session.scalars(select(Submission.country_code).distinct()))
    if roles:
        codes = {code for code in set(known) | reporting if known.get(code) in roles}
    else:
        codes = {code for code, role in known.items() if role == MembershipRole.MEMBER} | reporting
    if countries:
        codes &= set(countries)
    return sorted(((code, known.get(code)) for code in codes),
                  key=lambda pair: (ROLE_ORDER.index(pair[1]), pair[0]))


def _cell(country: str, period: PeriodColumn, received: list[Submission], today: dt.date) -> MatrixCell:
    if not received:
        state = CellState.NOT_DUE if period.due_date >= today else CellState.MISSING
        return MatrixCell(country, period.id, state)
    latest = max(received, key=lambda s: s.revision)
    first_received = min(s.received_at for s in received if s.received_at is not None)
    cell = MatrixCell(
        country, period.id, CellState.RECEIVED, latest.id, latest.revision, latest.received_at,
        late=first_received.date() > period.due_date, edited=latest.edited_after_export,
        acknowledged=latest.acknowledged_at is not None)
    if cell.acknowledged:
        cell.state = CellState.ACKNOWLEDGED
    elif cell.edited:
        cell.state = CellState.EDITED
    elif cell.late:
        cell.state = CellState.LATE
    return cell


def completeness_matrix(session: Session, periods: list[ReportingPeriod], *,
                        today: dt.date | None = None, countries: list[str] | None = None,
                        roles: set[MembershipRole] | None = None) -> CompletenessMatrix:
    """Each country's state for each period, from the submissions the secretariat received."""
    today = today or dt.date.today()
    columns = period_columns(periods)
    if not columns:
        return CompletenessMatrix([], [])
    rows = matrix_countries(session, columns[-1].end_date, countries=countries, roles=roles)
    received: dict[tuple[str, int], list[Submission]] = {}
    for submission in session.scalars(select(Submission).where(
            Submission.period_id.in_([p.id for p in columns]), Submission.received_at.is_not(None))):
        received.setdefault((submission.country_code, submission.period_id), []).append(submission)
    matrix = CompletenessMatrix(columns, [])
    for code, role in rows:
        row = MatrixRow(code, role)
        row.cells = [_cell(code, p, received.get((code, p.id), []), today) for p in columns]
        matrix.rows.append(row)
    return matrix


@dataclass(frozen=True)
class Coverage:
    """Commitments that were running in a period, and how many of them have an update for it."""

    expected: int
    updated: int

    @property
    def share(self) -> float | None:
        return None if not self.expected else self.updated / self.expected


def coverage(session: Session, period_ids: list[int],
             countries: list[str]) -> dict[tuple[str | None, int], Coverage]:
    """Per (country, period) and per (None, period) for the total: the share of commitments updated.

    Aggregated in SQL: at secretariat scale this reads ~100k progress rows.
    """
    active = and_(
        Commitment.retired.is_(False),
        or_(Commitment.start_date.is_(None), Commitment.start_date <= ReportingPeriod.end_date),
        or_(Commitment.end_date.is_(None), Commitment.end_date >= ReportingPeriod.start_date))
    query = (
        select(Commitment.country_code, ReportingPeriod.id, func.count(Commitment.id),
               func.count(ProgressUpdate.id))
        .select_from(Commitment).join(ReportingPeriod, active)
        .outerjoin(ProgressUpdate, and_(ProgressUpdate.commitment_id == Commitment.id,
                                        ProgressUpdate.period_id == ReportingPeriod.id))
        .where(ReportingPeriod.id.in_(period_ids), Commitment.country_code.in_(countries))
        .group_by(Commitment.country_code, ReportingPeriod.id))
    result: dict[tuple[str | None, int], Coverage] = {}
    totals: dict[int, tuple[int, int]] = {}
    for country, period_id, expected, updated in session.execute(query):
        result[(country, period_id)] = Coverage(expected, updated)
        before = totals.get(period_id, (0, 0))
        totals[period_id] = (before[0] + expected, before[1] + updated)
    for period_id, (expected, updated) in totals.items():
        result[(None, period_id)] = Coverage(expected, updated)
    return result
