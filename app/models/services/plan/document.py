"""A plan as plain data: what a plan workbook carries, what a new plan version is built from.

Items are named by code (unique per level within a plan), never by database id, so a plan travels
between workspaces. `mappings` say where the codes of the previous version went.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from app.models.orm.enums import Direction, IndicatorKind
from app.models.orm.plan import Action, Indicator, Objective, Plan

LEVELS = ("objective", "action", "indicator")


@dataclass
class IndicatorDoc:
    code: str
    titles: dict[str, str]
    kind: IndicatorKind = IndicatorKind.NUMBER
    unit: dict[str, str] = field(default_factory=dict)
    baseline: float | None = None
    target: float | None = None
    direction: Direction = Direction.INCREASE
    retired: bool = False


@dataclass
class ActionDoc:
    code: str
    titles: dict[str, str]
    retired: bool = False
    indicators: list[IndicatorDoc] = field(default_factory=list)


@dataclass
class ObjectiveDoc:
    code: str
    titles: dict[str, str]
    actions: list[ActionDoc] = field(default_factory=list)


@dataclass(frozen=True)
class CodeMapping:
    """Where a code of the previous version went; `new_code` None means retired, no successor."""

    level: str
    old_code: str
    new_code: str | None


@dataclass
class PlanDocument:
    code: str
    version: int
    titles: dict[str, str]
    adopted: dt.date | None = None
    is_template: bool = False
    objectives: list[ObjectiveDoc] = field(default_factory=list)
    #: Version the mappings start from (None: the first version, or mapping by equal codes).
    previous_version: int | None = None
    mappings: list[CodeMapping] = field(default_factory=list)

    def actions(self) -> Iterator[tuple[ObjectiveDoc, ActionDoc]]:
        for objective in self.objectives:
            for action in objective.actions:
                yield objective, action

    def indicators(self) -> Iterator[tuple[ActionDoc, IndicatorDoc]]:
        for _objective, action in self.actions():
            for indicator in action.indicators:
                yield action, indicator

    def codes(self, level: str) -> list[str]:
        if level == "objective":
            return [o.code for o in self.objectives]
        if level == "action":
            return [a.code for _o, a in self.actions()]
        return [i.code for _a, i in self.indicators()]

    def mapping(self, level: str) -> dict[str, str | None]:
        return {m.old_code: m.new_code for m in self.mappings if m.level == level}


def indicator_doc(indicator: Indicator) -> IndicatorDoc:
    return IndicatorDoc(indicator.code, dict(indicator.titles), indicator.kind,
                        dict(indicator.unit or {}), indicator.baseline, indicator.target,
                        indicator.direction, indicator.retired)


def _action_doc(action: Action) -> ActionDoc:
    return ActionDoc(action.code, dict(action.titles), action.retired,
                     [indicator_doc(i) for i in action.indicators])


def _objective_doc(objective: Objective) -> ObjectiveDoc:
    return ObjectiveDoc(objective.code, dict(objective.titles),
                        [_action_doc(a) for a in objective.actions])


def document_from_plan(plan: Plan, mappings: list[CodeMapping] | None = None,
                       previous_version: int | None = None) -> PlanDocument:
    return PlanDocument(
        code=plan.code, version=plan.version, titles=dict(plan.titles), adopted=plan.adopted,
        is_template=plan.is_template, objectives=[_objective_doc(o) for o in plan.objectives],
        previous_version=previous_version, mappings=list(mappings or []))


def file_name(document: PlanDocument) -> str:
    """`AP_PLAN_<code>_v<version>.xlsx`, so an inbox sorts plan files together."""
    return f"AP_PLAN_{document.code}_v{document.version}.xlsx"
