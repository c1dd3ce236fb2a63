"""A country's indicator values per period: read as a grid, set and clear them by the indicator's kind."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, replace

from babel.numbers import NumberFormatError, parse_decimal
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import locale_for
from app.models.errors import ValidationError
from app.models.orm.enums import Direction, IndicatorKind
from app.models.orm.plan import Action, Indicator, Objective
from app.models.orm.reporting import IndicatorValue, ReportingPeriod
from app.models.services.plan.current import current_plan
from app.models.services.reporting.periods import PeriodState, ensure_unlocked, period_states


@dataclass(frozen=True)
class IndicatorValueInput:
    """A value as stored: numbers, percents and yes/no (1/0) in `number`, text in `text`."""

    number: float | None = None
    text: str | None = None
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator as views and reports show it, detached from the session."""

    id: int
    code: str
    objective_id: int
    titles: dict[str, str]
    unit: dict[str, str]
    kind: IndicatorKind
    baseline: float | None
    target: float | None
    direction: Direction

    def meets_target(self, value: float | str | None) -> bool | None:
        """None where it cannot be said (a text value, no target)."""
        if not isinstance(value, int | float) or self.target is None:
            return None
        if self.direction == Direction.DECREASE:
            return value <= self.target
        return value >= self.target


@dataclass
class IndicatorGrid:
    """Indicators of the current plan × periods (newest first), with the country's values."""

    indicators: list[IndicatorRow]
    periods: list[PeriodState]
    values: dict[tuple[int, int], IndicatorValueInput]

    def latest_value(self, indicator_id: int) -> IndicatorValueInput | None:
        """The value of the most recent period that has one."""
        for period in self.periods:
            value = self.values.get((indicator_id, period.id))
            if value is not None:
                return value
        return None


def validate_value(kind: IndicatorKind, data: IndicatorValueInput) -> None:
    """Raise ValidationError (field "value") when the value does not fit the indicator's kind."""
    if kind == IndicatorKind.TEXT:
        if data.number is not None or not (data.text or "").strip():
            raise ValidationError(_("Enter a text for this indicator."), "value")
        return
    if data.text is not None or data.number is None or not math.isfinite(data.number):
        raise ValidationError(_("Enter a number for this indicator."), "value")
    if kind == IndicatorKind.PERCENT and not 0 <= data.number <= 100:
        raise ValidationError(_("A percentage must be between 0 and 100."), "value")
    if kind == IndicatorKind.YES_NO and data.number not in (0.0, 1.0):
        raise ValidationError(_("Answer yes or no."), "value")


def parse_number(text: str, language: str) -> float:
    """A number as typed in the interface language ("1 234,5" in Russian), or ValidationError."""
    cleaned = text.strip().replace("\u00a0", " ").rstrip("%").strip()
    try:
        return float(parse_decimal(cleaned.replace(" ", ""), locale=locale_for(language),
                                   strict=False))
    except (NumberFormatError, ValueError):
        raise ValidationError(_("“{text}” is not a number.").format(text=text), "value") from None


def value_from_text(kind: IndicatorKind, text: str, old: IndicatorValueInput | None,
                    language: str) -> IndicatorValueInput | None:
    """The value a cell's text stands for (None clears it); ValidationError if it does not fit."""
    text = text.strip()
    if not text:
        return None
    keep = old or IndicatorValueInput()
    if kind == IndicatorKind.TEXT:
        value = replace(keep, number=None, text=text)
    else:
        value = replace(keep, number=parse_number(text, language), text=None)
    validate_value(kind, value)
    return value


def get_value(session: Session, indicator_id: int, country: str,
              period_id: int) -> IndicatorValue | None:
    return session.scalar(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator_id, IndicatorValue.country_code == country,
        IndicatorValue.period_id == period_id))


def value_input(value: IndicatorValue | None) -> IndicatorValueInput | None:
    """The stored value as input (e.g. to undo a change), or None where there is none."""
    if value is None:
        return None
    return IndicatorValueInput(value.value_number, value.value_text, value.source, value.note)


def set_value(session: Session, indicator_id: int, country: str, period_id: int,
              data: IndicatorValueInput) -> IndicatorValue:
    """Create or replace the country's value of an indicator for a period."""
    indicator = session.get_one(Indicator, indicator_id)
    validate_value(indicator.kind, data)
    ensure_unlocked(session, country, session.get_one(ReportingPeriod, period_id))
    value = get_value(session, indicator_id, country, period_id)
    if value is None:
        value = IndicatorValue(indicator_id=indicator_id, country_code=country, period_id=period_id)
        session.add(value)
    value.value_number = data.number
    value.value_text = data.text.strip() if data.text is not None else None
    value.source = data.source.strip()
    value.note = data.note.strip()
    session.flush()
    return value


def clear_value(session: Session, indicator_id: int, country: str, period_id: int) -> None:
    value = get_value(session, indicator_id, country, period_id)
    if value is None:
        return
    ensure_unlocked(session, country, session.get_one(ReportingPeriod, period_id))
    session.delete(value)
    session.flush()


def indicator_grid(session: Session, country: str, today: dt.date) -> IndicatorGrid:
    """Everything the indicator grid shows, in three queries."""
    plan = current_plan(session)
    indicators: list[IndicatorRow] = []
    if plan is not None:
        for ind, objective_id in session.execute(
                select(Indicator, Objective.id)
                .join(Action, Action.id == Indicator.action_id)
                .join(Objective, Objective.id == Action.objective_id)
                .where(Objective.plan_id == plan.id, Indicator.retired.is_(False))
                .order_by(Objective.position, Action.position, Indicator.position)):
            indicators.append(IndicatorRow(
                ind.id, ind.code, objective_id, dict(ind.titles), dict(ind.unit or {}), ind.kind,
                ind.baseline, ind.target, ind.direction))
    periods = period_states(session, country, today)
    values = {
        (v.indicator_id, v.period_id): IndicatorValueInput(v.value_number, v.value_text, v.source,
                                                           v.note)
        for v in session.scalars(select(IndicatorValue).where(IndicatorValue.country_code == country))
    }
    return IndicatorGrid(indicators, periods, values)


def progress_to_target(row: IndicatorRow, value: float | None) -> float | None:
    """How far the value has come from baseline to target: 0 at baseline, 1 at target (clipped to
    0-1). None where it cannot be said (text indicators, no target, no value)."""
    if value is None or row.target is None or row.kind == IndicatorKind.TEXT:
        return None
    baseline = row.baseline or 0.0
    if row.direction == Direction.MAINTAIN:  # at or above the target is where it should stay
        if value >= row.target:
            return 1.0
        return max(0.0, value / row.target) if row.target > 0 else 0.0
    span = row.target - baseline
    if row.direction == Direction.DECREASE:
        span = baseline - row.target
        moved = baseline - value
    else:
        moved = value - baseline
    if span <= 0:
        return 1.0 if moved >= 0 else 0.0
    return min(1.0, max(0.0, moved / span))
