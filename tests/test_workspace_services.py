"""Follow-up of decisions, dashboard figures, period lock undo, copy-forward and history, without Qt."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app.models.orm import Commitment, Submission
from app.models.orm.enums import FollowUpStatus, ProgressStatus, SubmissionState
from app.models.services.plan.current import current_plan
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.commitments import (
    CommitmentInput,
    add_commitment,
    commitment_input,
    get_commitment,
    update_commitment,
)
from app.models.services.reporting.dashboard import dashboard_figures
from app.models.services.reporting.followup import (
    FollowUpInput,
    clear_follow_up,
    follow_up_input,
    meetings_with_follow_up,
    set_follow_up,
)
from app.models.services.reporting.history import commitment_history, display_value, progress_history
from app.models.services.reporting.progress import (
    ProgressInput,
    clear_progress,
    clear_progress_of,
    copy_forward,
    get_update,
    join_support_from,
    record_progress,
    split_support_from,
)

TODAY = dt.date(2026, 11, 26)


def _periods(db):
    with db.reading() as s:
        return (period_service.period_by_code(s, "2026-H1"),
                period_service.period_by_code(s, "2026-H2"))


def _commitment(db, end=dt.date(2027, 12, 31), objective=0):
    with db.transaction(actor="Aigerim") as s:
        action_id = current_plan(s).objectives[objective].actions[0].id
        return add_commitment(s, "KZ", CommitmentInput(
            action_id=action_id, description="Train border guards", lead_agency="Border Service",
            start_date=dt.date(2024, 1, 1), end_date=end)).id


def test_follow_up_of_the_2012_recommendations(coordinator_db):
    with coordinator_db.reading() as s:
        meetings = meetings_with_follow_up(s, "KZ")
    first_2012 = next(m for m in meetings if m.held_on.year == 2012)
    assert len(first_2012.decisions) == 7 and first_2012.decisions[0].follow_up is None
    assert meetings == sorted(meetings, key=lambda m: m.held_on, reverse=True)
    decision = first_2012.decisions[0].id
    with coordinator_db.transaction() as s:
        set_follow_up(s, decision, "KZ", FollowUpInput(FollowUpStatus.IN_PROGRESS, " Drafted "))
    with coordinator_db.reading() as s:
        assert follow_up_input(s, decision, "KZ") == FollowUpInput(FollowUpStatus.IN_PROGRESS,
                                                                    "Drafted")
        assert follow_up_input(s, decision, "KG") is None
        row = next(m for m in meetings_with_follow_up(s, "KZ") if m.id == first_2012.id)
        assert row.decisions[0].follow_up.status == FollowUpStatus.IN_PROGRESS
    with coordinator_db.transaction() as s:
        clear_follow_up(s, decision, "KZ")
    with coordinator_db.reading() as s:
        assert follow_up_input(s, decision, "KZ") is None


def test_dashboard_figures(coordinator_db):
    _h1, h2 = _periods(coordinator_db)
    on_track = _commitment(coordinator_db)
    late = _commitment(coordinator_db, end=dt.date(2026, 6, 30), objective=1)
    _commitment(coordinator_db, objective=1)
    with coordinator_db.transaction() as s:
        record_progress(s, on_track, h2.id, ProgressInput(ProgressStatus.ON_TRACK, 40))
        record_progress(s, late, h2.id, ProgressInput(ProgressStatus.DELAYED, 20))
    with coordinator_db.reading() as s:
        figures = dashboard_figures(s, "KZ", h2.id, TODAY)
    assert (figures.total, figures.updated) == (3, 2)
    assert round(figures.completeness, 3) == 0.667
    assert figures.status_counts[ProgressStatus.ON_TRACK] == 1
    assert figures.status_counts[ProgressStatus.DELAYED] == 1
    assert figures.status_counts[None] == 1
    assert figures.days_to_due == (dt.date(2027, 1, 31) - TODAY).days
    assert [o.code for o in figures.by_objective][:2] == ["1", "2"]
    first, second = figures.by_objective[:2]
    assert (first.commitments, first.updated, first.average_percent) == (1, 1, 40)
    assert (second.commitments, second.updated, second.average_percent) == (2, 1, 20)
    assert figures.by_objective[2].average_percent is None
    assert [item.commitment_id for item in figures.overdue] == [late]
    assert figures.overdue[0].status == ProgressStatus.DELAYED


def test_dashboard_on_the_demo(demo_db):
    with demo_db.reading() as s:
        h2 = period_service.period_by_code(s, "2026-H2")
        figures = dashboard_figures(s, "KZ", h2.id, TODAY)
    assert figures.total == 40 and 0 < figures.updated < 40
    assert sum(figures.status_counts.values()) == 40
    assert sum(o.commitments for o in figures.by_objective) == 40


def test_dashboard_from_the_rows_the_lists_keep_is_the_same(demo_db):
    """The dashboard takes the period's rows the lists read (retired ones too) and the outline it
    keeps: the same figures as from its own query."""
    from app.models.services.plan.outline import plan_outline
    from app.models.services.reporting.period_rows import fetch_period_rows

    with demo_db.transaction() as s:  # a retired commitment, which the figures leave out
        s.scalar(select(Commitment).order_by(Commitment.id)).retired = True
    with demo_db.reading() as s:
        for period in period_service.all_periods(s)[-3:]:
            rows = fetch_period_rows(s, "KZ", period, TODAY).rows
            assert any(row.retired for row in rows)
            kept = dashboard_figures(s, "KZ", period.id, TODAY, rows, plan_outline(s, "KZ"))
            assert kept == dashboard_figures(s, "KZ", period.id, TODAY)
            assert kept.total == 39


def test_mark_submitted_and_reopen_can_be_undone(coordinator_db):
    h1, _ = _periods(coordinator_db)
    with coordinator_db.transaction() as s:
        before = period_service.submission_snapshot(s, "KZ", h1.id)
        period_service.mark_submitted(s, "KZ", h1)
    with coordinator_db.reading() as s:
        assert period_service.period_state(s, "KZ", h1.id).locked
        states = period_service.period_states(s, "KZ", TODAY)
        assert next(p for p in states if p.id == h1.id).revision == 1
    with coordinator_db.transaction() as s:
        locked = period_service.submission_snapshot(s, "KZ", h1.id)
        period_service.reopen_period(s, "KZ", h1)
    with coordinator_db.transaction() as s:
        period_service.restore_submissions(s, "KZ", h1.id, locked)
    with coordinator_db.reading() as s:
        assert [(x.revision, x.state) for x in s.scalars(select(Submission))] == [
            (1, SubmissionState.APPROVED)]
    with coordinator_db.transaction() as s:
        period_service.restore_submissions(s, "KZ", h1.id, before)
    with coordinator_db.reading() as s:
        assert list(s.scalars(select(Submission))) == []
        assert not period_service.period_state(s, "KZ", h1.id).locked


def test_copy_forward_returns_what_it_created_and_can_be_undone(coordinator_db):
    h1, h2 = _periods(coordinator_db)
    a, b = _commitment(coordinator_db), _commitment(coordinator_db)
    with coordinator_db.transaction() as s:
        record_progress(s, a, h1.id, ProgressInput(ProgressStatus.ON_TRACK, 30, "Pilot"))
        record_progress(s, b, h1.id, ProgressInput(ProgressStatus.DELAYED, 10))
        record_progress(s, b, h2.id, ProgressInput(ProgressStatus.ON_TRACK, 20))
    with coordinator_db.transaction() as s:
        assert copy_forward(s, "KZ", h2) == [a]
    with coordinator_db.transaction() as s:
        clear_progress_of(s, [a], h2.id)
    with coordinator_db.reading() as s:
        assert get_update(s, a, h2.id) is None and get_update(s, b, h2.id).percent == 20


def test_support_from_keeps_known_partners_and_others():
    assert split_support_from("UNHCR, OSCE, IOM") == ({"UNHCR", "IOM"}, "OSCE")
    assert join_support_from({"IOM", "UNHCR"}, "OSCE, IOM, ") == "UNHCR, IOM, OSCE"
    assert split_support_from("") == (set(), "")


def test_history_of_a_commitment_and_its_progress(coordinator_db):
    _h1, h2 = _periods(coordinator_db)
    commitment_id = _commitment(coordinator_db)
    with coordinator_db.transaction(actor="Aigerim") as s:
        data = commitment_input(get_commitment(s, commitment_id))
        data.lead_agency = "Migration Service"
        update_commitment(s, commitment_id, data)
    with coordinator_db.transaction(actor="Daniyar") as s:
        record_progress(s, commitment_id, h2.id, ProgressInput(
            ProgressStatus.ON_TRACK, 40, "Started", evidence=[("Minutes", "C:/m.pdf")]))
    # Undo and redo delete and re-create the record; its history must survive both.
    with coordinator_db.transaction(actor="Daniyar") as s:
        clear_progress(s, commitment_id, h2.id)
    with coordinator_db.transaction(actor="Daniyar") as s:
        record_progress(s, commitment_id, h2.id, ProgressInput(ProgressStatus.DELAYED, 45))
    with coordinator_db.reading() as s:
        progress = progress_history(s, commitment_id, h2.id)
        everything = commitment_history(s, commitment_id)
    assert progress[0].field in {"status", "percent"} and progress[0].actor == "Daniyar"
    assert all(e.period_code == "2026-H2" for e in progress)
    assert {(e.field, e.operation) for e in progress} >= {
        ("status", "insert"), ("narrative", "insert"), ("title", "insert"), ("status", "delete")}
    lead = next(e for e in everything if e.field == "lead_agency" and e.operation == "update")
    assert (lead.old_value, lead.new_value, lead.actor) == ("Border Service", "Migration Service",
                                                           "Aigerim")
    assert len(everything) > len(progress)
    assert everything == sorted(everything, key=lambda e: e.changed_at, reverse=True)


def test_history_values_read_like_the_interface():
    assert display_value("status", "on_track") == "On track"
    assert display_value("end_date", "2026-06-30") == "Jun 30, 2026"
    assert display_value("narrative", None) == "—"
    assert display_value("retired", "1") == "Yes"


def test_status_and_percent_stay_consistent():
    from app.models.services.reporting.progress import with_percent, with_status

    done = with_status(ProgressInput(ProgressStatus.ON_TRACK, 60, "x"), ProgressStatus.COMPLETED)
    assert (done.status, done.percent, done.narrative) == (ProgressStatus.COMPLETED, 100, "x")
    back = with_percent(done, 90)
    assert (back.status, back.percent) == (ProgressStatus.ON_TRACK, 90)
    assert with_status(None, ProgressStatus.DELAYED).percent is None
