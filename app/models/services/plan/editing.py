"""Edit the plan: objectives, actions and indicators, each with titles in any language.

Every function is one step of a user action (the caller owns the transaction) and has an inverse,
so the UI can undo it: `add_*` accepts the id and position to restore a deleted item as it was.
Items with dependants are never deleted: an action with commitments is retired instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import SQLColumnExpression, func, select, update
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.errors import ValidationError
from app.models.orm.enums import IndicatorKind
from app.models.orm.plan import Action, Indicator, Objective, Plan, PlanCodeMapping
from app.models.orm.reporting import Commitment, IndicatorValue
from app.models.services.plan.document import IndicatorDoc, indicator_doc
from app.models.services.rows import inserted
from app.models.services.workspace.localized import clean_code, clean_titles


@dataclass
class PlanHeaderInput:
    code: str
    titles: dict[str, str]
    adopted: dt.date | None = None
    is_template: bool = False


@dataclass
class ObjectiveInput:
    code: str
    titles: dict[str, str]


@dataclass
class ActionInput:
    objective_id: int
    code: str
    titles: dict[str, str]
    retired: bool = False


@dataclass
class IndicatorInput:
    """An indicator's values as a plan document holds them, and the action it belongs to."""

    action_id: int
    indicator: IndicatorDoc

    @property
    def code(self) -> str:
        """As every item's input has (the plan editor shows any item's code and titles)."""
        return self.indicator.code

    @property
    def titles(self) -> dict[str, str]:
        return self.indicator.titles


#: The editable values of any item of the plan (what `item_input` returns).
PlanInput = PlanHeaderInput | ObjectiveInput | ActionInput | IndicatorInput


# --- plan header ---------------------------------------------------------------------------
def plan_header_input(plan: Plan) -> PlanHeaderInput:
    return PlanHeaderInput(plan.code, dict(plan.titles), plan.adopted, plan.is_template)


def update_plan_header(session: Session, plan_id: int, data: PlanHeaderInput) -> Plan:
    plan = session.get_one(Plan, plan_id)
    code = clean_code(data.code)
    clash = session.scalar(select(Plan.id).where(Plan.code == code, Plan.version == plan.version,
                                                 Plan.id != plan_id))
    if clash:
        raise ValidationError(_("Another plan has this code and version."), "code")
    plan.code, plan.titles = code, clean_titles(data.titles)
    plan.adopted, plan.is_template = data.adopted, data.is_template
    session.flush()
    return plan


# --- shared rules --------------------------------------------------------------------------
def _plan_of_objective(session: Session, objective_id: int) -> int:
    return session.get_one(Objective, objective_id).plan_id


def _plan_of_action(session: Session, action_id: int) -> int:
    return _plan_of_objective(session, session.get_one(Action, action_id).objective_id)


def _ensure_unique(session: Session, level: str, plan_id: int, code: str, own_id: int | None) -> None:
    """Codes are unique within a plan at each level, so a plan workbook can name items by code."""
    if level == "objective":
        query = select(Objective.id).where(Objective.plan_id == plan_id, Objective.code == code)
        model: type[Objective | Action | Indicator] = Objective
    elif level == "action":
        query = (select(Action.id).join(Objective)
                 .where(Objective.plan_id == plan_id, Action.code == code))
        model = Action
    else:
        query = (select(Indicator.id).join(Action).join(Objective)
                 .where(Objective.plan_id == plan_id, Indicator.code == code))
        model = Indicator
    if own_id is not None:
        query = query.where(model.id != own_id)
    if session.scalar(query.limit(1)) is not None:
        raise ValidationError(_("The code {code} is already used in this plan.").format(code=code),
                              "code")


def _follow_code(session: Session, plan_id: int, level: str, old: str, new: str) -> None:
    """A code renamed in a new plan version: the mapping from the older version follows it."""
    if old != new:
        session.execute(update(PlanCodeMapping).where(
            PlanCodeMapping.to_plan_id == plan_id, PlanCodeMapping.level == level,
            PlanCodeMapping.new_code == old).values(new_code=new))


def _next_position(session: Session, column: SQLColumnExpression[int],
                   parent_column: SQLColumnExpression[int | None], parent_id: int) -> int:
    last = session.scalar(select(func.max(column)).where(parent_column == parent_id))
    return 0 if last is None else int(last) + 1


_Item = TypeVar("_Item", Objective, Action, Indicator)


def _placed(session: Session, item: _Item, parent_column: SQLColumnExpression[int | None],
            parent_id: int, position: int | None) -> _Item:
    """Add a new item last under its parent, or at `position` (undoing a delete puts it back)."""
    item.position = (_next_position(session, type(item).position, parent_column, parent_id)
                     if position is None else position)
    return inserted(session, item)


# --- objectives ----------------------------------------------------------------------------
def objective_input(objective: Objective) -> ObjectiveInput:
    return ObjectiveInput(objective.code, dict(objective.titles))


def add_objective(session: Session, plan_id: int, data: ObjectiveInput, *,
                  item_id: int | None = None, position: int | None = None) -> Objective:
    code, titles = clean_code(data.code), clean_titles(data.titles)
    _ensure_unique(session, "objective", plan_id, code, None)
    objective = Objective(id=item_id, plan_id=plan_id, code=code, titles=titles)
    return _placed(session, objective, Objective.plan_id, plan_id, position)


def update_objective(session: Session, objective_id: int, data: ObjectiveInput) -> Objective:
    objective = session.get_one(Objective, objective_id)
    code, titles = clean_code(data.code), clean_titles(data.titles)
    _ensure_unique(session, "objective", objective.plan_id, code, objective_id)
    _follow_code(session, objective.plan_id, "objective", objective.code, code)
    objective.code, objective.titles = code, titles
    session.flush()
    return objective


def delete_objective(session: Session, objective_id: int) -> None:
    objective = session.get_one(Objective, objective_id)
    if objective.actions:
        raise ValidationError(_("Remove or move the actions of this objective first."), "objective")
    session.delete(objective)
    session.flush()


# --- actions -------------------------------------------------------------------------------
def action_input(action: Action) -> ActionInput:
    return ActionInput(action.objective_id, action.code, dict(action.titles), action.retired)


def add_action(session: Session, data: ActionInput, *, item_id: int | None = None,
               position: int | None = None) -> Action:
    code, titles = clean_code(data.code), clean_titles(data.titles)
    _ensure_unique(session, "action", _plan_of_objective(session, data.objective_id), code, None)
    action = Action(id=item_id, objective_id=data.objective_id, code=code, titles=titles,
                    retired=data.retired)
    return _placed(session, action, Action.objective_id, data.objective_id, position)


def update_action(session: Session, action_id: int, data: ActionInput) -> Action:
    """Edit an action; a new objective moves it (last in that objective), commitments and all."""
    action = session.get_one(Action, action_id)
    code, titles = clean_code(data.code), clean_titles(data.titles)
    plan_id = _plan_of_objective(session, action.objective_id)
    if _plan_of_objective(session, data.objective_id) != plan_id:
        raise ValidationError(_("An action can only move within its plan."), "objective")
    _ensure_unique(session, "action", plan_id, code, action_id)
    _follow_code(session, plan_id, "action", action.code, code)
    if data.objective_id != action.objective_id:
        action.position = _next_position(session, Action.position, Action.objective_id,
                                         data.objective_id)
        action.objective_id = data.objective_id
    action.code, action.titles, action.retired = code, titles, data.retired
    session.flush()
    return action


def delete_action(session: Session, action_id: int) -> None:
    action = session.get_one(Action, action_id)
    if session.scalar(select(Commitment.id).where(Commitment.action_id == action_id).limit(1)):
        raise ValidationError(
            _("Countries have commitments under this action: retire it instead of deleting it."),
            "action")
    if action.indicators:
        raise ValidationError(_("Remove the indicators of this action first."), "action")
    session.delete(action)
    session.flush()


# --- indicators ----------------------------------------------------------------------------
def validate_indicator(data: IndicatorDoc) -> None:
    for name, value in (("baseline", data.baseline), ("target", data.target)):
        if value is None:
            continue
        if data.kind == IndicatorKind.TEXT:
            raise ValidationError(_("A text indicator has no baseline or target."), name)
        if data.kind == IndicatorKind.YES_NO and value not in (0, 1):
            raise ValidationError(_("A yes/no indicator takes 0 (no) or 1 (yes)."), name)
        if data.kind == IndicatorKind.PERCENT and not 0 <= value <= 100:
            raise ValidationError(_("Percent must be between 0 and 100."), name)


def indicator_input(indicator: Indicator) -> IndicatorInput:
    return IndicatorInput(indicator.action_id, indicator_doc(indicator))


def _indicator_values(data: IndicatorDoc) -> dict[str, object]:
    validate_indicator(data)
    return {"code": clean_code(data.code), "titles": clean_titles(data.titles),
            "unit": clean_titles(data.unit, "unit", required=False), "kind": data.kind,
            "baseline": data.baseline, "target": data.target, "direction": data.direction,
            "retired": data.retired}


def add_indicator(session: Session, data: IndicatorInput, *, item_id: int | None = None,
                  position: int | None = None) -> Indicator:
    values = _indicator_values(data.indicator)
    _ensure_unique(session, "indicator", _plan_of_action(session, data.action_id),
                   str(values["code"]), None)
    indicator = Indicator(id=item_id, action_id=data.action_id, **values)
    return _placed(session, indicator, Indicator.action_id, data.action_id, position)


def update_indicator(session: Session, indicator_id: int, data: IndicatorInput) -> Indicator:
    indicator = session.get_one(Indicator, indicator_id)
    values = _indicator_values(data.indicator)
    plan_id = _plan_of_action(session, indicator.action_id)
    if _plan_of_action(session, data.action_id) != plan_id:
        raise ValidationError(_("An indicator can only move within its plan."), "action")
    _ensure_unique(session, "indicator", plan_id, str(values["code"]), indicator_id)
    has_values = session.scalar(
        select(IndicatorValue.id).where(IndicatorValue.indicator_id == indicator_id).limit(1))
    if has_values and data.indicator.kind != indicator.kind:
        raise ValidationError(
            _("Countries have reported values for this indicator; its kind cannot change."), "kind")
    _follow_code(session, plan_id, "indicator", indicator.code, str(values["code"]))
    if data.action_id != indicator.action_id:
        indicator.position = _next_position(session, Indicator.position, Indicator.action_id,
                                            data.action_id)
        indicator.action_id = data.action_id
    for name, value in values.items():
        setattr(indicator, name, value)
    session.flush()
    return indicator


def delete_indicator(session: Session, indicator_id: int) -> None:
    indicator = session.get_one(Indicator, indicator_id)
    if session.scalar(select(IndicatorValue.id)
                      .where(IndicatorValue.indicator_id == indicator_id).limit(1)):
        raise ValidationError(
            _("Countries have reported values for this indicator: retire it instead."), "indicator")
    session.delete(indicator)
    session.flush()


def stored_plan_header(session: Session, plan_id: int) -> PlanHeaderInput:
    return plan_header_input(session.get_one(Plan, plan_id))


def item_input(session: Session, kind: str, item_id: int) -> PlanInput:
    """The editable values of a plan item of `kind` ("plan", "objective", "action", "indicator")."""
    if kind == "plan":
        return stored_plan_header(session, item_id)
    if kind == "objective":
        return objective_input(session.get_one(Objective, item_id))
    if kind == "action":
        return action_input(session.get_one(Action, item_id))
    return indicator_input(session.get_one(Indicator, item_id))


def item_place(session: Session, kind: str, item_id: int) -> tuple[int | None, int]:
    """Where an objective, action or indicator stands: its plan (objectives only) and position."""
    if kind == "objective":
        objective = session.get_one(Objective, item_id)
        return objective.plan_id, objective.position
    if kind == "action":
        return None, session.get_one(Action, item_id).position
    return None, session.get_one(Indicator, item_id).position


def suggest_code(session: Session, kind: str, parent_id: int) -> str:
    """A free code for a new item: the next number after the parent's code (e.g. 3.4 under 3)."""
    if kind == "objective":
        codes = list(session.scalars(select(Objective.code).where(Objective.plan_id == parent_id)))
        numbers = [int(c) for c in codes if c.isdigit()]
        return str(max(numbers, default=0) + 1)
    if kind == "action":
        parent = session.get_one(Objective, parent_id)
        siblings = [a.code for a in parent.actions]
        prefix = f"{parent.code}."
    else:
        action = session.get_one(Action, parent_id)
        siblings = [i.code for i in action.indicators]
        prefix = f"{action.code}."
    taken = set(siblings)
    number = len(siblings) + 1
    letters = "abcdefghijklmnopqrstuvwxyz"
    while True:
        suffix = str(number) if kind == "action" else (letters[number - 1] if number <= 26 else str(number))
        if prefix + suffix not in taken:
            return prefix + suffix
        number += 1
