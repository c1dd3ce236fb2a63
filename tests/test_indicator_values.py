"""Indicator values by kind, the grid, and progress to target, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models.errors import PeriodLockedError, ValidationError
from app.models.orm import IndicatorValue
from app.models.orm.enums import Direction, IndicatorKind
from app.models.services.plan.current import current_plan, plan_indicators
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.indicator_values import (
    IndicatorRow,
    IndicatorValueInput,
    clear_value,
    get_value,
    indicator_grid,
    parse_number,
    progress_to_target,
    set_value,
    validate_value,
    value_input,
)

TODAY = dt.date(2026, 11, 26)


def _indicator(db, kind):
    with db.reading() as s:
        return next(i for i in plan_indicators(s, current_plan(s).id) if i.kind == kind)


def _h2(db):
    with db.reading() as s:
        return period_service.period_by_code(s, "2026-H2")


@pytest.mark.parametrize(("kind", "data", "ok"), [
    (IndicatorKind.NUMBER, IndicatorValueInput(number=-3.5), True),
    (IndicatorKind.NUMBER, IndicatorValueInput(text="many"), False),
    (IndicatorKind.NUMBER, IndicatorValueInput(number=float("nan")), False),
    (IndicatorKind.PERCENT, IndicatorValueInput(number=100), True),
    (IndicatorKind.PERCENT, IndicatorValueInput(number=100.5), False),
    (IndicatorKind.PERCENT, IndicatorValueInput(number=-1), False),
    (IndicatorKind.YES_NO, IndicatorValueInput(number=1), True),
    (IndicatorKind.YES_NO, IndicatorValueInput(number=0.5), False),
    (IndicatorKind.TEXT, IndicatorValueInput(text="Law adopted"), True),
    (IndicatorKind.TEXT, IndicatorValueInput(text="  "), False),
    (IndicatorKind.TEXT, IndicatorValueInput(number=3), False),
])
def test_values_are_checked_by_kind(kind, data, ok):
    if ok:
        validate_value(kind, data)
    else:
        with pytest.raises(ValidationError) as info:
            validate_value(kind, data)
        assert info.value.field == "value"


def test_numbers_are_read_as_typed_in_the_language():
    assert parse_number("1 234,5", "ru") == 1234.5
    assert parse_number("1,234.5", "en") == 1234.5
    assert parse_number("45 %", "en") == 45
    with pytest.raises(ValidationError):
        parse_number("many", "en")


def test_set_replace_and_clear_a_value(coordinator_db):
    indicator, period = _indicator(coordinator_db, IndicatorKind.PERCENT), _h2(coordinator_db)
    with coordinator_db.transaction() as s:
        set_value(s, indicator.id, "KZ", period.id, IndicatorValueInput(number=40, source=" NSO "))
    with coordinator_db.transaction() as s:
        set_value(s, indicator.id, "KZ", period.id, IndicatorValueInput(number=55, note="Estimate"))
    with coordinator_db.reading() as s:
        assert value_input(get_value(s, indicator.id, "KZ", period.id)) == IndicatorValueInput(
            number=55, source="", note="Estimate")
    with coordinator_db.transaction() as s:
        clear_value(s, indicator.id, "KZ", period.id)
    with coordinator_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(IndicatorValue)) == 0


def test_a_bad_value_changes_nothing(coordinator_db):
    indicator, period = _indicator(coordinator_db, IndicatorKind.YES_NO), _h2(coordinator_db)
    with pytest.raises(ValidationError), coordinator_db.transaction() as s:
        set_value(s, indicator.id, "KZ", period.id, IndicatorValueInput(number=7))
    with coordinator_db.reading() as s:
        assert get_value(s, indicator.id, "KZ", period.id) is None


def test_locked_period_refuses_values(coordinator_db):
    indicator, period = _indicator(coordinator_db, IndicatorKind.NUMBER), _h2(coordinator_db)
    with coordinator_db.transaction() as s:
        period_service.mark_submitted(s, "KZ", period)
    with pytest.raises(PeriodLockedError), coordinator_db.transaction() as s:
        set_value(s, indicator.id, "KZ", period.id, IndicatorValueInput(number=1))


def test_grid_has_every_indicator_period_and_value(demo_db):
    with demo_db.reading() as s:
        grid = indicator_grid(s, "KZ", TODAY)
        stored = s.scalar(select(func.count()).select_from(IndicatorValue))
    assert len(grid.indicators) == 53
    assert grid.periods[0].code == "2026-H2" and grid.periods[-1].code == "2013-H1"
    assert len(grid.values) == stored > 0
    first = grid.indicators[0]
    assert grid.latest_value(first.id) == grid.values[(first.id, grid.periods[0].id)]
    assert grid.periods[1].locked and not grid.periods[0].locked


def _row(kind=IndicatorKind.NUMBER, baseline=0.0, target=10.0, direction=Direction.INCREASE):
    return IndicatorRow(1, "x", 1, {}, {}, kind, baseline, target, direction)


def test_progress_to_target():
    assert progress_to_target(_row(), 5) == 0.5
    assert progress_to_target(_row(), 15) == 1.0
    assert progress_to_target(_row(), -2) == 0.0
    assert progress_to_target(_row(baseline=10, target=2, direction=Direction.DECREASE), 6) == 0.5
    assert progress_to_target(_row(target=80, direction=Direction.MAINTAIN), 90) == 1.0
    assert progress_to_target(_row(target=80, direction=Direction.MAINTAIN), 40) == 0.5
    assert progress_to_target(_row(kind=IndicatorKind.TEXT), 1) is None
    assert progress_to_target(_row(target=None), 3) is None
    assert progress_to_target(_row(), None) is None


def test_cell_text_becomes_a_value_keeping_source_and_note():
    from app.models.services.reporting.indicator_values import value_from_text

    old = IndicatorValueInput(number=3, source="NSO", note="Provisional")
    assert value_from_text(IndicatorKind.NUMBER, "1 250", old, "ru") == IndicatorValueInput(
        number=1250, source="NSO", note="Provisional")
    assert value_from_text(IndicatorKind.TEXT, " Adopted ", None, "en").text == "Adopted"
    assert value_from_text(IndicatorKind.PERCENT, "  ", old, "en") is None
    with pytest.raises(ValidationError):
        value_from_text(IndicatorKind.PERCENT, "140", None, "en")
