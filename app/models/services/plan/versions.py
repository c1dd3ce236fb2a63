"""Adopt a new plan version: commitments and indicator history follow their items' codes.

Every code of the previous version is mapped (explicitly, else by equal code, else retired) and the
mapping is stored. Commitments under a retired action are kept, attached to a retired copy of the
action in the new plan, so they stay visible and flagged; nothing is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, cast

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from app.i18n import N_, _
from app.models.errors import ValidationError
from app.models.orm.changelog import ACTOR_KEY
from app.models.orm.plan import Action, Indicator, Objective, Plan, PlanCodeMapping
from app.models.orm.reporting import Commitment, IndicatorValue
from app.models.orm.workspace import ChangeLog
from app.models.progress import Progress
from app.models.services.plan.current import current_plan
from app.models.services.plan.diff import PlanDiff, diff_plans, resolve_mapping, validate_document
from app.models.services.plan.document import (
    LEVELS,
    ActionDoc,
    CodeMapping,
    IndicatorDoc,
    ObjectiveDoc,
    PlanDocument,
    document_from_plan,
)
from app.models.services.workspace.backups import REASON_PLAN_UPDATE, apply_after_backup
from app.models.storage.database import Database


@dataclass
class AdoptResult:
    plan_id: int
    previous_plan_id: int | None
    commitments_moved: int = 0
    commitments_flagged: int = 0
    values_moved: int = 0


@dataclass
class PlanPreview:
    """What adopting a document would do, before anything is written."""

    document: PlanDocument
    current: PlanDocument | None
    diff: PlanDiff
    errors: list[str] = field(default_factory=list)
    commitments_following: int = 0
    commitments_flagged: int = 0

    @property
    def can_apply(self) -> bool:
        return not self.errors


def refusal(session: Session, current: Plan | None, doc: PlanDocument) -> str | None:
    """Why this document cannot become the current plan here, or None."""
    same = session.scalar(select(Plan.id).where(Plan.code == doc.code, Plan.version == doc.version))
    if same is not None:
        return _("Version {version} of plan {code} is already in this workspace.").format(
            version=doc.version, code=doc.code)
    if current is None or current.code != doc.code:
        return None
    if doc.version < current.version:
        return _("This file holds version {version}, older than the version {current} in use.").format(
            version=doc.version, current=current.version)
    if doc.previous_version is not None and doc.previous_version != current.version:
        return _("This file updates version {previous}, but this workspace uses version {current}. "
                 "Import version {previous} first.").format(previous=doc.previous_version,
                                                            current=current.version)
    return None


def _commitment_counts(session: Session, plan_id: int) -> dict[str, int]:
    rows = session.execute(
        select(Action.code, func.count(Commitment.id)).join(Commitment, Commitment.action_id == Action.id)
        .join(Objective).where(Objective.plan_id == plan_id).group_by(Action.code))
    return {code: count for code, count in rows}


def preview_plan_document(session: Session, doc: PlanDocument) -> PlanPreview:
    plan = current_plan(session)
    old = document_from_plan(plan) if plan is not None else None
    preview = PlanPreview(doc, old, diff_plans(old, doc), validate_document(doc))
    why = refusal(session, plan, doc)
    if why:
        preview.errors.insert(0, why)
    if plan is not None and not preview.errors:
        counts = _commitment_counts(session, plan.id)
        retired_now = {a.code for _o, a in doc.actions() if a.retired}
        for old_code, new_code in resolve_mapping(old, doc, "action").items():
            count = counts.get(old_code, 0)
            if new_code is None or new_code in retired_now:
                preview.commitments_flagged += count
            else:
                preview.commitments_following += count
    return preview


def _build(doc: PlanDocument) -> Plan:
    plan = Plan(code=doc.code, version=doc.version, adopted=doc.adopted, titles=doc.titles,
                is_template=doc.is_template, is_current=False)
    for o_pos, objective in enumerate(doc.objectives):
        obj = Objective(code=objective.code, position=o_pos, titles=objective.titles)
        for a_pos, action in enumerate(objective.actions):
            act = Action(code=action.code, position=a_pos, titles=action.titles,
                         retired=action.retired)
            act.indicators = [
                Indicator(code=i.code, position=i_pos, titles=i.titles, unit=i.unit, kind=i.kind,
                          baseline=i.baseline, target=i.target, direction=i.direction,
                          retired=i.retired)
                for i_pos, i in enumerate(action.indicators)]
            obj.actions.append(act)
        plan.objectives.append(obj)
    return plan


class _Carrier:
    """Finds, or makes, the place in the new plan for an item retired without a successor."""

    def __init__(self, old: Plan, new: Plan) -> None:
        self.old, self.new = old, new
        self.objectives = {o.code: o for o in new.objectives}
        self.actions = {a.code: a for o in new.objectives for a in o.actions}
        self.indicator_codes = {i.code for a in self.actions.values() for i in a.indicators}

    def _free(self, code: str, used: set[str]) -> str:
        return code if code not in used else f"{code}-v{self.old.version}"[:20]

    def action(self, old_action: Action, objective_code: str | None) -> Action:
        objective = self.objectives.get(objective_code or "")
        if objective is None:
            source = old_action.objective
            objective = Objective(code=self._free(source.code, set(self.objectives)),
                                  titles=dict(source.titles), position=len(self.objectives))
            self.new.objectives.append(objective)
            self.objectives[objective.code] = objective
        action = Action(code=self._free(old_action.code, set(self.actions)),
                        titles=dict(old_action.titles), retired=True,
                        position=len(objective.actions))
        objective.actions.append(action)
        self.actions[action.code] = action
        return action

    def indicator(self, old: Indicator, action: Action) -> Indicator:
        indicator = Indicator(code=self._free(old.code, self.indicator_codes),
                              titles=dict(old.titles), unit=dict(old.unit or {}), kind=old.kind,
                              baseline=old.baseline, target=old.target, direction=old.direction,
                              retired=True, position=len(action.indicators))
        action.indicators.append(indicator)
        self.indicator_codes.add(indicator.code)
        return indicator


def adopt_plan_document(session: Session, doc: PlanDocument) -> AdoptResult:
    """Make `doc` the current plan; the previous plan stays on record, its items mapped."""
    errors = validate_document(doc)
    old = current_plan(session)
    why = refusal(session, old, doc)
    if why or errors:
        raise ValidationError(why or errors[0])
    new = _build(doc)
    session.add(new)
    session.flush()
    result = AdoptResult(new.id, old.id if old else None)
    if old is not None:
        _move_history(session, old, new, document_from_plan(old), doc, result)
        old.is_current = False
        session.flush()
    new.is_current = True
    session.flush()
    return result


def _move_history(session: Session, old: Plan, new: Plan, old_doc: PlanDocument,
                  doc: PlanDocument, result: AdoptResult) -> None:
    maps = {level: resolve_mapping(old_doc, doc, level) for level in LEVELS}
    for level, mapping in maps.items():
        session.add_all(PlanCodeMapping(from_plan_id=old.id, to_plan_id=new.id, level=level,
                                        old_code=code, new_code=target)
                        for code, target in mapping.items())
    carrier = _Carrier(old, new)
    old_actions = {a.code: a for o in old.objectives for a in o.actions}
    with_values = set(session.scalars(select(IndicatorValue.indicator_id).distinct().where(
        IndicatorValue.indicator_id.in_([i.id for a in old_actions.values() for i in a.indicators]))))
    with_commitments = set(session.scalars(select(Commitment.action_id).distinct().where(
        Commitment.action_id.in_([a.id for a in old_actions.values()]))))
    action_target: dict[int, Action] = {}
    for code, old_action in old_actions.items():
        target_code = maps["action"][code]
        if target_code is not None:
            action_target[old_action.id] = carrier.actions[target_code]
        elif old_action.id in with_commitments or any(
                i.id in with_values for i in old_action.indicators):
            parent = maps["objective"].get(old_action.objective.code)
            action_target[old_action.id] = carrier.action(old_action, parent)
    session.flush()
    for commitment in session.scalars(select(Commitment).where(
            Commitment.action_id.in_([a.id for a in old_actions.values()]))):
        target = action_target[commitment.action_id]
        commitment.action_id = target.id
        result.commitments_moved += 1
        result.commitments_flagged += bool(target.retired)
    new_indicators = {i.code: i for a in carrier.actions.values() for i in a.indicators}
    for old_action in old_actions.values():
        for old_indicator in old_action.indicators:
            if old_indicator.id not in with_values:
                continue
            target_code = maps["indicator"][old_indicator.code]
            if target_code is None:
                holder = action_target.get(old_action.id)
                if holder is None:
                    continue
                indicator = carrier.indicator(old_indicator, holder)
                session.flush()
            else:
                indicator = new_indicators[target_code]
            moved = cast("CursorResult[Any]", session.execute(  # an UPDATE's result has a rowcount
                update(IndicatorValue).where(IndicatorValue.indicator_id == old_indicator.id)
                .values(indicator_id=indicator.id).prefix_with("OR IGNORE")))
            count = moved.rowcount or 0
            result.values_moved += count
            _log_bulk_move(session, old_indicator.id, indicator.id, count)
    session.flush()


def _log_bulk_move(session: Session, old_id: int, new_id: int, count: int) -> None:
    """Values move in one statement, which the flush-based change log does not see: log it here."""
    session.add(ChangeLog(
        actor=str(session.info.get(ACTOR_KEY) or "system"), entity="indicator_value",
        entity_id=f"indicator {old_id}", operation="update", field="indicator_id",
        old_value=str(old_id), new_value=f"{new_id} ({count})"))


@dataclass
class VersionChanges:
    """Edits that make the next version of the current plan (codes are the current version's)."""

    renames: dict[tuple[str, str], str] = field(default_factory=dict)  # (level, old) → new
    moves: dict[str, str] = field(default_factory=dict)  # action code → objective code
    retire: set[str] = field(default_factory=set)  # action codes


def next_version_document(session: Session, changes: VersionChanges | None = None) -> PlanDocument:
    """The current plan as the next version's document, with the changes applied."""
    plan = current_plan(session)
    if plan is None:
        raise ValidationError(_("There is no plan to make a new version of."))
    changes = changes or VersionChanges()
    doc = document_from_plan(plan)
    doc = replace(doc, version=plan.version + 1, previous_version=plan.version, is_template=False)
    objectives = {o.code: o for o in doc.objectives}
    for code, objective_code in changes.moves.items():
        if objective_code not in objectives:
            raise ValidationError(_("Unknown objective {code}.").format(code=objective_code))
        source = next((o for o in doc.objectives for a in o.actions if a.code == code), None)
        if source is None:
            raise ValidationError(_("Unknown action {code}.").format(code=code))
        action = next(a for a in source.actions if a.code == code)
        source.actions.remove(action)
        objectives[objective_code].actions.append(action)
    for _objective, action in doc.actions():
        action.retired = action.retired or action.code in changes.retire
    renamed = {(level, old): new for (level, old), new in changes.renames.items()}
    items: list[tuple[str, ObjectiveDoc | ActionDoc | IndicatorDoc]] = [
        ("objective", o) for o in doc.objectives]
    items += [("action", a) for _o, a in doc.actions()]
    items += [("indicator", i) for _a, i in doc.indicators()]
    for level, item in items:
        new_code = renamed.get((level, item.code))
        if new_code is not None:
            doc.mappings.append(CodeMapping(level, item.code, new_code))
            item.code = new_code
    return doc


def new_plan_version(session: Session, changes: VersionChanges | None = None) -> AdoptResult:
    """Make the next version of the current plan and adopt it, in the caller's transaction."""
    return adopt_plan_document(session, next_version_document(session, changes))


def published_document(session: Session, plan_id: int) -> PlanDocument:
    """A plan as it is published in a plan workbook: with the mapping from its previous version.

    An item retired in this version but kept (retired) under the same code maps to itself, so a
    workspace importing the file keeps its commitments under that very item.
    """
    plan = session.get_one(Plan, plan_id)
    rows = list(session.scalars(select(PlanCodeMapping).where(PlanCodeMapping.to_plan_id == plan_id)))
    previous = session.get(Plan, rows[0].from_plan_id) if rows else None
    doc = document_from_plan(plan, previous_version=previous.version if previous
                             and previous.code == plan.code else None)
    kept = {level: set(doc.codes(level)) for level in LEVELS}
    doc.mappings = [CodeMapping(m.level, m.old_code,
                                m.old_code if m.new_code is None and m.old_code in kept[m.level]
                                else m.new_code)
                    for m in rows if m.new_code != m.old_code or m.new_code is None]
    return doc


def adopt_with_backup(db: Database, document: PlanDocument,
                      progress: Progress | None = None) -> AdoptResult:
    """Adopt a plan workbook's plan after a backup, in one transaction."""
    return apply_after_backup(db, REASON_PLAN_UPDATE, lambda session: adopt_plan_document(
        session, document), progress, N_("Adopting the plan"))[0]


def new_version_with_backup(db: Database, progress: Progress | None = None) -> AdoptResult:
    """Make the plan's next version after a backup, in one transaction (not undoable otherwise)."""
    return apply_after_backup(db, REASON_PLAN_UPDATE, new_plan_version, progress)[0]
