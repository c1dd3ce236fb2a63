"""Editing the plan, the reporting calendar and memberships: rules, inverses, change log."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models.errors import ValidationError
from app.models.orm import Action, ChangeLog, Commitment, Indicator, Membership, Objective, ReportingPeriod
from app.models.orm.enums import Direction, IndicatorKind, MembershipRole
from app.models.services.plan import editing as pe
from app.models.services.plan.current import current_plan
from app.models.services.plan.document import IndicatorDoc
from app.models.services.plan.tree import list_plans, plan_tree
from app.models.services.reporting import calendar as cal
from app.models.services.workspace import memberships as ms


def _plan_id(db) -> int:
    with db.reading() as s:
        return current_plan(s).id


def test_add_edit_and_delete_an_objective_with_titles_in_three_languages(coordinator_db):
    plan_id = _plan_id(coordinator_db)
    titles = {"en": "Data and research", "ru": "Данные и исследования", "kk": " Деректер ", "tg": " "}
    with coordinator_db.transaction(actor="secretariat") as s:
        objective = pe.add_objective(s, plan_id, pe.ObjectiveInput("11", titles))
        objective_id, position = objective.id, objective.position
    with coordinator_db.reading() as s:
        stored = s.get(Objective, objective_id)
        assert stored.titles == {"en": "Data and research", "kk": "Деректер",
                                 "ru": "Данные и исследования"}
        assert position == 10
        assert s.scalar(select(func.count()).select_from(ChangeLog).where(
            ChangeLog.entity == "objective", ChangeLog.actor == "secretariat")) == 1
    with coordinator_db.transaction() as s:
        pe.update_objective(s, objective_id, pe.ObjectiveInput("11", {"en": "Data", "ru": "Данные"}))
    with coordinator_db.transaction() as s:
        pe.delete_objective(s, objective_id)
    with coordinator_db.transaction() as s:  # the undo of a delete: same id, same place
        pe.add_objective(s, plan_id, pe.ObjectiveInput("11", {"en": "Data"}), item_id=objective_id,
                         position=position)
    with coordinator_db.reading() as s:
        assert s.get(Objective, objective_id).titles == {"en": "Data"}


@pytest.mark.parametrize(("code", "titles", "field"), [
    ("", {"en": "x"}, "code"),
    ("1 2", {"en": "x"}, "code"),
    ("X" * 21, {"en": "x"}, "code"),
    ("12", {"ru": "только по-русски"}, "titles"),
    ("1", {"en": "duplicate code"}, "code"),
])
def test_objective_rules_name_the_field(coordinator_db, code, titles, field):
    plan_id = _plan_id(coordinator_db)
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        pe.add_objective(s, plan_id, pe.ObjectiveInput(code, titles))
    assert info.value.field == field


def test_action_codes_are_unique_across_the_plan_and_moves_keep_commitments(demo_db):
    with demo_db.reading() as s:
        plan = current_plan(s)
        first, second = plan.objectives[0], plan.objectives[1]
        action = first.actions[0]
        action_id, code = action.id, action.code
        commitments = s.scalar(select(func.count()).where(Commitment.action_id == action_id))
    assert commitments > 0
    with pytest.raises(ValidationError), demo_db.transaction() as s:
        pe.add_action(s, pe.ActionInput(second.id, code, {"en": "clash"}))
    with demo_db.transaction() as s:
        pe.update_action(s, action_id, pe.ActionInput(second.id, "2.9", {"en": "Moved"}))
    with demo_db.reading() as s:
        moved = s.get(Action, action_id)
        assert (moved.objective_id, moved.code, moved.position) == (second.id, "2.9", 3)
        assert s.scalar(select(func.count()).where(Commitment.action_id == action_id)) == commitments
    with pytest.raises(ValidationError) as info, demo_db.transaction() as s:
        pe.delete_action(s, action_id)
    assert "retire" in info.value.message()


def test_indicator_rules(coordinator_db):
    with coordinator_db.reading() as s:
        action_id = current_plan(s).objectives[0].actions[0].id
    good = pe.IndicatorInput(action_id, IndicatorDoc(
        "1.1.z", {"en": "Share of staff trained", "ru": "Доля"}, IndicatorKind.PERCENT,
        {"en": "%"}, 10, 75, Direction.INCREASE))
    with coordinator_db.transaction() as s:
        indicator_id = pe.add_indicator(s, good).id
    for bad, field in ((IndicatorDoc("1.1.y", {"en": "x"}, IndicatorKind.YES_NO, target=2),
                        "target"),
                       (IndicatorDoc("1.1.y", {"en": "x"}, IndicatorKind.PERCENT, baseline=120),
                        "baseline"),
                       (IndicatorDoc("1.1.y", {"en": "x"}, IndicatorKind.TEXT, target=1),
                        "target")):
        with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
            pe.add_indicator(s, pe.IndicatorInput(action_id, bad))
        assert info.value.field == field
    with coordinator_db.transaction() as s:
        pe.update_indicator(s, indicator_id, pe.IndicatorInput(action_id, IndicatorDoc(
            "1.1.z", {"en": "Share of staff trained"}, IndicatorKind.PERCENT,
            {"en": "%", "ru": "%"}, 10, 90, Direction.INCREASE)))
    with coordinator_db.reading() as s:
        stored = s.get(Indicator, indicator_id)
        assert (stored.target, stored.unit) == (90, {"en": "%", "ru": "%"})


def test_plan_tree_and_plans(demo_db):
    with demo_db.reading() as s:
        tree = plan_tree(s, current_plan(s).id)
        plans = list_plans(s)
    assert len(tree) == 10 and tree[0].children[0].children[0].kind == "indicator"
    assert sum(o.commitments for o in tree) == 40
    assert [p.is_current for p in plans] == [True]


# --- calendar ------------------------------------------------------------------------------
def test_add_edit_delete_a_period(coordinator_db):
    with coordinator_db.reading() as s:
        suggestion = cal.suggest_next_period(s)
    assert suggestion.code == "2027-H1" and suggestion.end_date == dt.date(2027, 6, 30)
    with coordinator_db.transaction() as s:
        period_id = cal.add_period(s, suggestion).id
    with coordinator_db.transaction() as s:
        cal.update_period(s, period_id, cal.PeriodInput("2027-H1", dt.date(2027, 1, 1),
                                                        dt.date(2027, 6, 30), dt.date(2027, 9, 1)))
    with coordinator_db.reading() as s:
        assert s.get(ReportingPeriod, period_id).due_date == dt.date(2027, 9, 1)
    with coordinator_db.transaction() as s:
        cal.delete_period(s, period_id)
    with coordinator_db.reading() as s:
        assert s.get(ReportingPeriod, period_id) is None


@pytest.mark.parametrize(("data", "field"), [
    (cal.PeriodInput("2027-X", dt.date(2027, 2, 1), dt.date(2027, 1, 1), dt.date(2027, 3, 1)),
     "end_date"),
    (cal.PeriodInput("2027-X", dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 1, 15)),
     "due_date"),
    (cal.PeriodInput("2026-H1", dt.date(2027, 1, 1), dt.date(2027, 2, 1), dt.date(2027, 3, 1)),
     "code"),
    (cal.PeriodInput("2026-Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31), dt.date(2027, 1, 31)),
     "start_date"),
])
def test_period_rules(coordinator_db, data, field):
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        cal.add_period(s, data)
    assert info.value.field == field


def test_a_period_with_reports_cannot_be_deleted(demo_db):
    with demo_db.reading() as s:
        period_id = s.scalar(select(ReportingPeriod.id).where(ReportingPeriod.code == "2025-H1"))
    with pytest.raises(ValidationError), demo_db.transaction() as s:
        cal.delete_period(s, period_id)


# --- memberships ---------------------------------------------------------------------------
def test_change_of_role_keeps_history_and_can_be_undone(coordinator_db):
    since = dt.date(2026, 7, 1)
    with coordinator_db.transaction() as s:
        new, closed, previous_end = ms.change_role(s, "UZ", MembershipRole.MEMBER, since, "Accession")
        new_id, closed_id = new.id, closed.id
    with coordinator_db.reading() as s:
        history = [(m.role, m.valid_from, m.valid_to) for m in s.scalars(
            select(Membership).where(Membership.country_code == "UZ").order_by(Membership.valid_from))]
        assert history == [(MembershipRole.GUEST, dt.date(2012, 9, 7), dt.date(2026, 6, 30)),
                           (MembershipRole.MEMBER, since, None)]
        assert ms.roles_on(s, dt.date(2026, 12, 1))["UZ"] == MembershipRole.MEMBER
        assert ms.roles_on(s, dt.date(2026, 1, 1))["UZ"] == MembershipRole.GUEST
    with coordinator_db.transaction() as s:  # undo
        ms.delete_membership(s, new_id)
        old = s.get(Membership, closed_id)
        ms.update_membership(s, closed_id, ms.MembershipInput(
            "UZ", old.role, old.valid_from, previous_end, old.note))
    with coordinator_db.reading() as s:
        assert ms.roles_on(s, dt.date(2026, 12, 1))["UZ"] == MembershipRole.GUEST


def test_membership_rules(coordinator_db):
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        ms.add_membership(s, ms.MembershipInput("KZ", MembershipRole.OBSERVER, dt.date(2020, 1, 1)))
    assert info.value.field == "valid_from"
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        ms.add_membership(s, ms.MembershipInput("XQ", MembershipRole.OBSERVER, dt.date(2020, 1, 1)))
    assert info.value.field == "country"
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        ms.add_membership(s, ms.MembershipInput("GE", MembershipRole.OBSERVER, dt.date(2020, 1, 1),
                                                dt.date(2019, 1, 1)))
    assert info.value.field == "valid_to"
    with coordinator_db.transaction() as s:  # a new observer CLDR knows is added
        ms.add_membership(s, ms.MembershipInput("GE", MembershipRole.OBSERVER, dt.date(2024, 1, 1)))
    with coordinator_db.reading() as s:
        assert ms.roles_on(s, dt.date(2025, 1, 1))["GE"] == MembershipRole.OBSERVER
