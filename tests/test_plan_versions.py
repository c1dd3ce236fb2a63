"""A new plan version: renamed, moved and retired items; every commitment and value is kept."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from app.models.errors import ValidationError
from app.models.orm import Action, Commitment, IndicatorValue, Plan, PlanCodeMapping, ProgressUpdate
from app.models.services.plan.current import current_plan
from app.models.services.plan.diff import diff_plans, validate_document
from app.models.services.plan.document import (
    ActionDoc,
    CodeMapping,
    ObjectiveDoc,
    document_from_plan,
    file_name,
)
from app.models.services.plan.versions import (
    VersionChanges,
    adopt_plan_document,
    new_plan_version,
    next_version_document,
    preview_plan_document,
)
from app.reports.plan_workbook.writer import plan_digest


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def _commitments_by_action_code(session) -> dict[int, str]:
    return dict(session.execute(select(Commitment.id, Action.code).join(Action)).all())


CHANGES = VersionChanges(
    renames={("action", "2.1"): "2.1-new", ("objective", "10"): "X"},
    moves={"3.1": "4"},
    retire={"5.2"},
)


def test_v1_to_v2_keeps_every_commitment_and_its_history(secretariat_db):
    with secretariat_db.reading() as s:
        before = _commitments_by_action_code(s)
        updates, values = _count(s, ProgressUpdate), _count(s, IndicatorValue)
        v1 = current_plan(s).id
    assert len(before) == 160 and updates > 0 and values > 0
    with secretariat_db.transaction() as s:
        result = new_plan_version(s, CHANGES)
    after_flag = {"5.2"}
    with secretariat_db.reading() as s:
        plan = current_plan(s)
        assert (plan.version, plan.id, result.previous_plan_id) == (2, result.plan_id, v1)
        assert not s.get(Plan, v1).is_current
        after = _commitments_by_action_code(s)
        renamed = {"2.1": "2.1-new"}
        assert after == {cid: renamed.get(code, code) for cid, code in before.items()}
        actions = {a.code: a for o in plan.objectives for a in o.actions}
        assert all(a.objective.plan_id == plan.id for a in
                   s.scalars(select(Action).join(Commitment)))
        assert actions["3.1"].objective.code == "4"
        assert {c for c, a in actions.items() if a.retired} == after_flag
        flagged = s.scalar(select(func.count()).select_from(Commitment).join(Action)
                           .where(Action.retired.is_(True)))
        assert flagged == result.commitments_flagged == sum(1 for c in before.values() if c == "5.2")
        assert result.commitments_moved == 160
        assert (_count(s, ProgressUpdate), _count(s, IndicatorValue)) == (updates, values)
        assert result.values_moved == values
        mapping = {(m.level, m.old_code): m.new_code for m in s.scalars(select(PlanCodeMapping))}
        assert mapping[("action", "2.1")] == "2.1-new"
        assert mapping[("objective", "10")] == "X"
        assert mapping[("action", "1.1")] == "1.1"
        assert [o.code for o in plan.objectives][-1] == "X"


def test_retired_without_successor_is_carried_as_retired(secretariat_db):
    """An action dropped from the new plan's file keeps its commitments under a retired copy."""
    with secretariat_db.reading() as s:
        doc = next_version_document(s)
        before = _commitments_by_action_code(s)
    dropped = doc.objectives[0].actions.pop(0)  # 1.1, with commitments and indicator values
    doc.mappings.append(CodeMapping("action", dropped.code, None))
    with secretariat_db.reading() as s:
        preview = preview_plan_document(s, doc)
    assert preview.can_apply
    assert [c.old_code for c in preview.diff.retired if c.level == "action"] == ["1.1"]
    flagged = sum(1 for code in before.values() if code == "1.1")
    assert preview.commitments_flagged == flagged > 0
    assert preview.commitments_following == 160 - flagged
    with secretariat_db.transaction() as s:
        result = adopt_plan_document(s, doc)
    with secretariat_db.reading() as s:
        carried = s.scalar(select(Action).join(Commitment).where(Action.code == "1.1"))
        assert carried.retired and carried.objective.plan_id == result.plan_id
        assert all(i.retired for i in carried.indicators) and carried.indicators
        assert _commitments_by_action_code(s) == before
        orphaned = s.scalar(select(func.count()).select_from(IndicatorValue).join(
            IndicatorValue.indicator).join(Action).where(Action.objective.has(plan_id=result.previous_plan_id)))
        assert orphaned == 0


def test_template_is_replaced_by_the_official_plan_by_equal_codes(secretariat_db):
    with secretariat_db.reading() as s:
        template = current_plan(s)
        doc = document_from_plan(template)
    official = replace(doc, code="RAP", version=1, is_template=False, titles={"en": "Regional Action Plan"})
    official.objectives[0].titles = {"en": "Cooperation", "ru": "Сотрудничество"}
    official.objectives.append(ObjectiveDoc("11", {"en": "New objective"},
                                            [ActionDoc("11.1", {"en": "New action"})]))
    with secretariat_db.reading() as s:
        preview = preview_plan_document(s, official)
    assert preview.can_apply
    assert [(c.level, c.new_code) for c in preview.diff.added] == [("objective", "11"), ("action", "11.1")]
    assert [c.new_code for c in preview.diff.changed] == ["1"]
    assert not preview.diff.retired and not preview.diff.renamed
    with secretariat_db.transaction() as s:
        adopt_plan_document(s, official)
    with secretariat_db.reading() as s:
        plan = current_plan(s)
        assert (plan.code, plan.is_template) == ("RAP", False)
        assert _count(s, Commitment) == 160
    with secretariat_db.reading() as s:  # the same file again is refused
        assert "already" in preview_plan_document(s, official).errors[0]
    with pytest.raises(ValidationError), secretariat_db.transaction() as s:
        adopt_plan_document(s, official)


def test_older_or_skipped_versions_are_refused(secretariat_db):
    with secretariat_db.transaction() as s:
        new_plan_version(s)
    with secretariat_db.reading() as s:
        v2 = document_from_plan(current_plan(s))
    v1 = replace(v2, version=1)
    v4 = replace(v2, version=4, previous_version=3)
    with secretariat_db.reading() as s:
        assert "already" in preview_plan_document(s, v1).errors[0]
        assert "Import version 3 first" in preview_plan_document(s, v4).errors[0]


def test_diff_names_renamed_moved_and_retired_items(secretariat_db):
    with secretariat_db.reading() as s:
        old = document_from_plan(current_plan(s))
        new = next_version_document(s, CHANGES)
    diff = diff_plans(old, new)
    assert {(c.old_code, c.new_code) for c in diff.renamed} == {("2.1", "2.1-new"), ("10", "X")}
    assert [(c.old_code, c.old_parent, c.new_parent) for c in diff.moved] == [("3.1", "3", "4")]
    assert [c.old_code for c in diff.retired] == ["5.2"]
    assert not diff.added
    assert diff.unchanged > 50


def test_document_validation_and_digest(secretariat_db):
    with secretariat_db.reading() as s:
        doc = document_from_plan(current_plan(s))
    assert validate_document(doc) == []
    copy = deepcopy(doc)
    assert plan_digest(doc) == plan_digest(copy)
    copy.objectives[0].titles["ru"] = "Другое"
    assert plan_digest(doc) != plan_digest(copy)
    assert file_name(doc) == "AP_PLAN_RAP-TEMPLATE_v1.xlsx"
    broken = replace(doc, objectives=[*doc.objectives, ObjectiveDoc("1", {"ru": "дубль"})],
                     mappings=[CodeMapping("action", "1.1", "9.9")])
    errors = validate_document(broken)
    assert any("used 2 times" in e for e in errors)
    assert any("9.9" in e for e in errors)
    assert any("no English title" in e for e in errors)
