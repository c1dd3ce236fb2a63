"""Edit the reporting calendar: periods with a code, start, end and due date, never overlapping."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.errors import ValidationError
from app.models.orm.reporting import IndicatorValue, ProgressUpdate, ReportingPeriod, Submission
from app.models.services.reporting.periods import default_due_date
from app.models.services.rows import assigned, inserted
from app.models.services.workspace.localized import clean_code


@dataclass
class PeriodInput:
    code: str
    start_date: dt.date
    end_date: dt.date
    due_date: dt.date


def period_input(period: ReportingPeriod) -> PeriodInput:
    return PeriodInput(period.code, period.start_date, period.end_date, period.due_date)


def stored_period_input(session: Session, period_id: int) -> PeriodInput:
    return period_input(session.get_one(ReportingPeriod, period_id))


def validate_period(session: Session, data: PeriodInput, own_id: int | None = None) -> str:
    """Raise ValidationError naming the field at fault; return the cleaned code."""
    code = clean_code(data.code)
    if data.end_date < data.start_date:
        raise ValidationError(_("The end date must not be before the start date."), "end_date")
    if data.due_date < data.end_date:
        raise ValidationError(_("Reports cannot be due before the period ends."), "due_date")
    others = select(ReportingPeriod).where(ReportingPeriod.id != (own_id or -1))
    if session.scalar(others.where(ReportingPeriod.code == code)) is not None:
        raise ValidationError(_("The code {code} is already used by another period.").format(
            code=code), "code")
    overlapping = session.scalar(others.where(ReportingPeriod.start_date <= data.end_date,
                                              ReportingPeriod.end_date >= data.start_date))
    if overlapping is not None:
        raise ValidationError(_("These dates overlap the period {code}.").format(
            code=overlapping.code), "start_date")
    return code


def _values(session: Session, data: PeriodInput, own_id: int | None = None) -> dict[str, object]:
    """The period's columns from the form (the same names), checked, the code cleaned."""
    return {**asdict(data), "code": validate_period(session, data, own_id)}


def add_period(session: Session, data: PeriodInput, *, item_id: int | None = None) -> ReportingPeriod:
    return inserted(session, ReportingPeriod(id=item_id, **_values(session, data)))


def update_period(session: Session, period_id: int, data: PeriodInput) -> ReportingPeriod:
    period = session.get_one(ReportingPeriod, period_id)
    return assigned(session, period, _values(session, data, period_id))


def period_in_use(session: Session, period_id: int) -> bool:
    """Whether anything was reported for the period (then it can be edited, not deleted)."""
    return any(
        session.scalar(select(model.id).where(model.period_id == period_id).limit(1)) is not None
        for model in (ProgressUpdate, IndicatorValue, Submission))


def delete_period(session: Session, period_id: int) -> None:
    if period_in_use(session, period_id):
        raise ValidationError(
            _("Countries have reported for this period; it can be edited but not deleted."), "code")
    session.delete(session.get_one(ReportingPeriod, period_id))
    session.flush()


def suggest_next_period(session: Session) -> PeriodInput:
    """A sensible new period: right after the last one, as long as it, due by the end of the month
    after it ends."""
    last = session.scalar(select(ReportingPeriod).order_by(ReportingPeriod.start_date.desc()))
    if last is None:
        today = dt.date.today()
        start = dt.date(today.year, 1 if today.month <= 6 else 7, 1)
        length = 181
    else:
        start = last.end_date + dt.timedelta(days=1)
        length = (last.end_date - last.start_date).days
    end = start + dt.timedelta(days=length)
    if start.month in (1, 7) and start.day == 1 and 170 <= length <= 190:
        end = dt.date(start.year, 6, 30) if start.month == 1 else dt.date(start.year, 12, 31)
        code = f"{start.year}-H{1 if start.month == 1 else 2}"
    else:
        code = f"{start.isoformat()}"
    due = default_due_date(end)
    return PeriodInput(code, start, end, due)


@dataclass(frozen=True)
class CalendarRow:
    id: int
    data: PeriodInput
    in_use: bool


def calendar_rows(session: Session) -> list[CalendarRow]:
    """Every period in order, and whether anything was reported for it (three queries in all)."""
    used: set[int] = set()
    for model in (ProgressUpdate, IndicatorValue, Submission):
        used |= set(session.scalars(select(model.period_id).distinct()))
    periods = session.scalars(select(ReportingPeriod).order_by(ReportingPeriod.start_date))
    return [CalendarRow(p.id, period_input(p), p.id in used) for p in periods]
