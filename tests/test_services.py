"""Domain rules as service functions, tested without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models.errors import PeriodLockedError, ValidationError
from app.models.orm import ProgressUpdate, ReportingPeriod, Submission
from app.models.orm.enums import ProgressStatus, SubmissionState, WorkspaceRole
from app.models.services.plan.current import current_plan
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.commitments import CommitmentInput, add_commitment, list_commitments
from app.models.services.reporting.progress import (
    ProgressInput,
    copy_from_previous,
    get_update,
    latest_updates,
    latest_updates_of,
    record_progress,
)
from app.models.services.workspace.profile import ProfileInput, initialise


def _setup(db):
    with db.transaction() as s:
        action_id = current_plan(s).objectives[1].actions[0].id
        commitment = add_commitment(s, "KZ", CommitmentInput(
            action_id=action_id, description="Harmonise statistics", lead_agency="Statistics Office",
            start_date=dt.date(2025, 1, 1), end_date=dt.date(2027, 12, 31)))
        h1 = period_service.period_by_code(s, "2026-H1")
        h2 = period_service.period_by_code(s, "2026-H2")
        return commitment.id, h1, h2


@pytest.mark.parametrize(("data", "field"), [
    (CommitmentInput(action_id=1, description="  "), "description"),
    (CommitmentInput(action_id=1, description="x", lead_agency=""), "lead_agency"),
    (CommitmentInput(action_id=1, description="x", lead_agency="y", start_date=dt.date(2026, 2, 1),
                     end_date=dt.date(2026, 1, 1)), "end_date"),
])
def test_commitment_validation_names_the_field(coordinator_db, data, field):
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        add_commitment(s, "KZ", data)
    assert info.value.field == field


def test_record_progress_and_replace_it(coordinator_db):
    commitment_id, h1, _h2 = _setup(coordinator_db)
    with coordinator_db.transaction() as s:
        record_progress(s, commitment_id, h1.id, ProgressInput(
            status=ProgressStatus.ON_TRACK, percent=40, narrative="Working group met",
            evidence=[("Minutes", "C:/docs/minutes.pdf")]))
    with coordinator_db.transaction() as s:
        record_progress(s, commitment_id, h1.id, ProgressInput(
            status=ProgressStatus.DELAYED, percent=45, narrative="Budget late",
            evidence=[("Minutes", "C:/docs/minutes.pdf"), ("Letter", "")]))
    with coordinator_db.reading() as s:
        update = get_update(s, commitment_id, h1.id)
        assert (update.status, update.percent, update.narrative) == (
            ProgressStatus.DELAYED, 45, "Budget late")
        assert [e.title for e in update.evidence] == ["Minutes", "Letter"]
        assert len(list(s.scalars(select(ProgressUpdate)))) == 1


def test_percent_outside_range_is_a_validation_error(coordinator_db):
    commitment_id, h1, _ = _setup(coordinator_db)
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        record_progress(s, commitment_id, h1.id, ProgressInput(percent=120))
    assert info.value.field == "percent"


def test_locked_period_refuses_edits_until_reopened(coordinator_db):
    commitment_id, h1, _ = _setup(coordinator_db)
    with coordinator_db.transaction() as s:
        submission = period_service.mark_submitted(s, "KZ", h1)
        assert (submission.revision, submission.state) == (1, SubmissionState.APPROVED)
    with coordinator_db.reading() as s:
        assert period_service.is_locked(s, "KZ", h1.id)
    with pytest.raises(PeriodLockedError), coordinator_db.transaction() as s:
        record_progress(s, commitment_id, h1.id, ProgressInput(percent=10))
    with coordinator_db.transaction() as s:
        reopened = period_service.reopen_period(s, "KZ", h1)
        assert (reopened.revision, reopened.state) == (2, SubmissionState.DRAFT)
    with coordinator_db.transaction() as s:
        record_progress(s, commitment_id, h1.id, ProgressInput(percent=10))
    with coordinator_db.reading() as s:
        assert [x.revision for x in s.scalars(select(Submission))] == [1, 2]


def test_states_only_move_forward(coordinator_db):
    _, h1, _ = _setup(coordinator_db)
    with coordinator_db.transaction() as s:
        period_service.mark_submitted(s, "KZ", h1, SubmissionState.EXPORTED)
        again = period_service.mark_submitted(s, "KZ", h1, SubmissionState.APPROVED)
        assert again.state == SubmissionState.EXPORTED


def test_copy_from_previous_period(coordinator_db):
    commitment_id, h1, h2 = _setup(coordinator_db)
    with coordinator_db.transaction() as s:
        record_progress(s, commitment_id, h1.id, ProgressInput(
            status=ProgressStatus.ON_TRACK, percent=30, narrative="Pilot running",
            evidence=[("Report", "share/report.docx")]))
    with coordinator_db.transaction() as s:
        assert copy_from_previous(s, "KZ", h2) == 1
    with coordinator_db.transaction() as s:
        assert copy_from_previous(s, "KZ", h2) == 0
    with coordinator_db.reading() as s:
        copied = get_update(s, commitment_id, h2.id)
        assert (copied.status, copied.percent, copied.narrative) == (
            ProgressStatus.ON_TRACK, 30, "Pilot running")
        assert [(e.title, e.location) for e in copied.evidence] == [("Report", "share/report.docx")]


def test_current_period(coordinator_db):
    with coordinator_db.reading() as s:
        assert period_service.current_period(s, dt.date(2026, 3, 15)).code == "2026-H1"
        assert period_service.current_period(s, dt.date(2026, 11, 26)).code == "2026-H2"


def test_profile_validation(empty_db):
    with pytest.raises(ValidationError) as info:
        initialise(empty_db, ProfileInput(WorkspaceRole.COORDINATOR, "KZ", "A", email="not-mail"))
    assert info.value.field == "email"
    with pytest.raises(ValidationError) as info:
        initialise(empty_db, ProfileInput(WorkspaceRole.COORDINATOR, None, "A"))
    assert info.value.field == "country"


def test_list_commitments_in_plan_order(demo_db):
    with demo_db.reading() as s:
        commitments = list_commitments(s, "KZ")
        keys = [(c.action.objective.position, c.action.position) for c in commitments]
    assert len(commitments) == 40 and keys == sorted(keys)


def test_latest_updates_of_some_commitments_across_countries(tmp_path, today, workspace_templates):
    """The detail pane asks for the commitments it shows, whatever their countries."""
    db = workspace_templates.demo_at(tmp_path / "sec.sqlite", role=WorkspaceRole.SECRETARIAT,
                                     seed=4, today=today)
    with db.reading() as s:
        by_country = {code: latest_updates(s, code) for code in ("KZ", "KG")}
        wanted = sorted(by_country["KZ"])[:3] + sorted(by_country["KG"])[-2:]
        some = latest_updates_of(s, wanted)
        assert sorted(some) == sorted(wanted)
        for commitment_id, update in some.items():
            expected = by_country["KZ"].get(commitment_id) or by_country["KG"][commitment_id]
            assert update.id == expected.id
            newest = s.scalar(select(func.max(ReportingPeriod.start_date)).join(ProgressUpdate)
                              .where(ProgressUpdate.commitment_id == commitment_id))
            assert update.period.start_date == newest
        assert latest_updates_of(s, []) == {}
    db.close()
