"""Half-year reporting periods (`2026-H1`), the current one, and whether a period is locked."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.errors import PeriodLockedError
from app.models.orm.enums import SubmissionState
from app.models.orm.reporting import ReportingPeriod, Submission

FIRST_REPORTING_YEAR = 2013
#: States in which a submission's content is frozen until the period is reopened.
LOCKED_STATES = (SubmissionState.APPROVED, SubmissionState.EXPORTED, SubmissionState.ACKNOWLEDGED)


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_due_date(end: dt.date) -> dt.date:
    """Reports are due by the last day of the month after the period ends (31 July, 31 January).

    Not "a month after the end" counted by day: that made the first half-year due on 30 July."""
    next_month = _add_months(end.replace(day=1), 1)
    return next_month.replace(day=calendar.monthrange(next_month.year, next_month.month)[1])


def half_year(year: int, half: int) -> tuple[str, dt.date, dt.date, dt.date]:
    """Code, start, end and default due date of one half-year."""
    start = dt.date(year, 1 if half == 1 else 7, 1)
    end = dt.date(year, 6, 30) if half == 1 else dt.date(year, 12, 31)
    return f"{year}-H{half}", start, end, default_due_date(end)


def ensure_half_year_periods(session: Session, last_year: int) -> int:
    """Create the half-year periods from 2013-H1 to `last_year`-H2 that are missing."""
    existing = set(session.scalars(select(ReportingPeriod.code)))
    added = 0
    for year in range(FIRST_REPORTING_YEAR, last_year + 1):
        for half in (1, 2):
            code, start, end, due = half_year(year, half)
            if code not in existing:
                session.add(ReportingPeriod(code=code, start_date=start, end_date=end, due_date=due))
                added += 1
    return added


def all_periods(session: Session) -> list[ReportingPeriod]:
    return list(session.scalars(select(ReportingPeriod).order_by(ReportingPeriod.start_date)))


def get_period(session: Session, period_id: int) -> ReportingPeriod:
    return session.get_one(ReportingPeriod, period_id)


def period_by_code(session: Session, code: str) -> ReportingPeriod | None:
    return session.scalar(select(ReportingPeriod).where(ReportingPeriod.code == code))


def current_period(session: Session, today: dt.date | None = None) -> ReportingPeriod | None:
    """The period that contains today, else the latest one that has started."""
    today = today or dt.date.today()
    containing = session.scalar(
        select(ReportingPeriod).where(
            ReportingPeriod.start_date <= today, ReportingPeriod.end_date >= today
        )
    )
    if containing:
        return containing
    return session.scalar(
        select(ReportingPeriod)
        .where(ReportingPeriod.start_date <= today)
        .order_by(ReportingPeriod.start_date.desc())
    )


def previous_period(session: Session, period: ReportingPeriod) -> ReportingPeriod | None:
    return session.scalar(
        select(ReportingPeriod)
        .where(ReportingPeriod.start_date < period.start_date)
        .order_by(ReportingPeriod.start_date.desc())
    )


def latest_submission(session: Session, country: str, period_id: int) -> Submission | None:
    return session.scalar(
        select(Submission)
        .where(Submission.country_code == country, Submission.period_id == period_id)
        .order_by(Submission.revision.desc())
    )


def is_locked(session: Session, country: str, period_id: int) -> bool:
    latest = latest_submission(session, country, period_id)
    return latest is not None and latest.state in LOCKED_STATES


def ensure_unlocked(session: Session, country: str, period: ReportingPeriod) -> None:
    if is_locked(session, country, period.id):
        raise PeriodLockedError(period.code)


_STATE_ORDER = list(SubmissionState)


def mark_submitted(
    session: Session, country: str, period: ReportingPeriod,
    state: SubmissionState = SubmissionState.APPROVED, *, latest: Submission | None = None,
) -> Submission:
    """Move the latest revision forward to `state` (never back), creating revision 1 if none.

    Any state past draft locks the period until it is reopened. `latest`: the latest revision's
    row when the caller holds it already (the export), saving the query.
    """
    latest = latest or latest_submission(session, country, period.id)
    if latest is None:
        latest = Submission(country_code=country, period_id=period.id, revision=1,
                            state=SubmissionState.DRAFT)
        session.add(latest)
    if _STATE_ORDER.index(state) > _STATE_ORDER.index(latest.state):
        latest.state = state
    session.flush()
    return latest


def reopen_period(session: Session, country: str, period: ReportingPeriod) -> Submission:
    """Make a locked period editable again; the next export is a new revision."""
    latest = latest_submission(session, country, period.id)
    if latest is None:
        latest = Submission(country_code=country, period_id=period.id, revision=1,
                            state=SubmissionState.DRAFT)
        session.add(latest)
        session.flush()
        return latest
    if latest.state not in LOCKED_STATES:
        return latest
    reopened = Submission(
        country_code=country, period_id=period.id, revision=latest.revision + 1,
        state=SubmissionState.DRAFT,
    )
    session.add(reopened)
    session.flush()
    return reopened



@dataclass(frozen=True)
class PeriodState:
    """A period as a picker shows it: dates, and where the country's submission stands."""

    id: int
    code: str
    start_date: dt.date
    end_date: dt.date
    due_date: dt.date
    revision: int | None
    state: SubmissionState | None

    @property
    def locked(self) -> bool:
        return self.state in LOCKED_STATES


def period_states(session: Session, country: str | None, today: dt.date) -> list[PeriodState]:
    """Periods that have started by `today`, newest first, with the latest submission of each."""
    latest: dict[int, Submission] = {}
    if country:
        for submission in session.scalars(
                select(Submission).where(Submission.country_code == country)
                .order_by(Submission.revision)):
            latest[submission.period_id] = submission
    periods = session.scalars(select(ReportingPeriod).where(ReportingPeriod.start_date <= today)
                              .order_by(ReportingPeriod.start_date.desc()))
    return [
        PeriodState(p.id, p.code, p.start_date, p.end_date, p.due_date,
                    latest[p.id].revision if p.id in latest else None,
                    latest[p.id].state if p.id in latest else None)
        for p in periods
    ]


def period_state(session: Session, country: str | None, period_id: int) -> PeriodState:
    period = session.get_one(ReportingPeriod, period_id)
    latest = latest_submission(session, country, period_id) if country else None
    return PeriodState(period.id, period.code, period.start_date, period.end_date, period.due_date,
                       latest.revision if latest else None, latest.state if latest else None)


#: (id, revision, state) of each submission of a country for a period, to undo a lock change.
SubmissionSnapshot = list[tuple[int, int, SubmissionState]]


def submission_snapshot(session: Session, country: str, period_id: int) -> SubmissionSnapshot:
    return [(s.id, s.revision, s.state) for s in session.scalars(
        select(Submission).where(Submission.country_code == country, Submission.period_id == period_id)
        .order_by(Submission.revision))]


def restore_submissions(session: Session, country: str, period_id: int,
                        snapshot: SubmissionSnapshot) -> None:
    """Put a period's submissions back as they were (undo of mark submitted or reopen)."""
    wanted = {submission_id: state for submission_id, _revision, state in snapshot}
    for submission in session.scalars(select(Submission).where(
            Submission.country_code == country, Submission.period_id == period_id)):
        if submission.id not in wanted:
            session.delete(submission)
        elif submission.state != wanted[submission.id]:
            submission.state = wanted[submission.id]
    session.flush()
