"""Finding and filtering commitments with their progress in a period, without Qt."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from app.models.errors import ValidationError
from app.models.orm import Commitment, ProgressUpdate, ReportingPeriod
from app.models.orm.enums import ProgressStatus, WorkspaceRole
from app.models.services.plan.current import current_plan
from app.models.services.reporting import periods as period_service
from app.models.services.reporting.commitment_rows import CommitmentFilter, commitment_rows, row_for
from app.models.services.reporting.commitments import (
    CommitmentInput,
    add_commitment,
    commitment_problems,
    delete_commitment,
    known_agencies,
    set_retired,
)
from app.models.services.reporting.progress import ProgressInput, record_progress

TODAY = dt.date(2026, 11, 26)


def _period(db, code="2026-H2"):
    with db.reading() as s:
        return period_service.period_by_code(s, code)


def _add(db, description, *, objective=0, end=None, lead="Migration Service"):
    with db.transaction() as s:
        action_id = current_plan(s).objectives[objective].actions[0].id
        return add_commitment(s, "KZ", CommitmentInput(
            action_id=action_id, description=description, lead_agency=lead,
            start_date=dt.date(2020, 1, 1), end_date=end)).id


def _progress(db, commitment_id, period, status, percent=None, narrative=""):
    with db.transaction() as s:
        record_progress(s, commitment_id, period.id, ProgressInput(
            status=status, percent=percent, narrative=narrative))


def _ids(db, flt, period=None, keep=()):
    with db.reading() as s:
        return [r.id for r in commitment_rows(s, "KZ", period or _period(db), TODAY, flt, keep)]


def test_problems_are_reported_for_every_field_at_once():
    problems = commitment_problems(CommitmentInput(
        action_id=1, description=" ", lead_agency="", start_date=dt.date(2026, 5, 1),
        end_date=dt.date(2026, 4, 1)))
    assert set(problems) == {"description", "lead_agency", "end_date"}
    assert "end date" in problems["end_date"]


def test_add_with_a_given_id_and_delete_it_again(coordinator_db):
    first = _add(coordinator_db, "Adopt a law")
    with coordinator_db.transaction() as s:
        delete_commitment(s, first)
    with coordinator_db.transaction() as s:
        action_id = current_plan(s).objectives[0].actions[0].id
        again = add_commitment(s, "KZ", CommitmentInput(action_id, "Adopt a law", "MIA"), first)
        assert again.id == first
    with coordinator_db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Commitment)) == 1
        assert known_agencies(s, "KZ") == ["MIA"]


def test_add_refuses_an_unknown_action(coordinator_db):
    with pytest.raises(ValidationError) as info, coordinator_db.transaction() as s:
        add_commitment(s, "KZ", CommitmentInput(999_999, "x", "y"))
    assert info.value.field == "action"


def test_filter_by_status_and_no_update(coordinator_db):
    h2 = _period(coordinator_db)
    a = _add(coordinator_db, "Train border guards")
    b = _add(coordinator_db, "Publish statistics")
    c = _add(coordinator_db, "Open a reception centre")
    _progress(coordinator_db, a, h2, ProgressStatus.DELAYED, 20)
    _progress(coordinator_db, b, h2, ProgressStatus.ON_TRACK, 50)
    assert _ids(coordinator_db, CommitmentFilter(status=ProgressStatus.DELAYED)) == [a]
    assert _ids(coordinator_db, CommitmentFilter(no_update=True)) == [c]
    assert _ids(coordinator_db, CommitmentFilter()) == [a, b, c]
    # A row the user is working on stays, even when it no longer matches.
    assert _ids(coordinator_db, CommitmentFilter(no_update=True), keep=[a]) == [a, c]


def test_text_search_folds_case_in_cyrillic_and_searches_narratives(coordinator_db):
    h2 = _period(coordinator_db)
    a = _add(coordinator_db, "Миграционная служба: обучение")
    b = _add(coordinator_db, "Statistics")
    _progress(coordinator_db, b, h2, ProgressStatus.ON_TRACK, 10, narrative="Working group met")
    assert _ids(coordinator_db, CommitmentFilter(text="МИГРАЦИОННАЯ")) == [a]
    assert _ids(coordinator_db, CommitmentFilter(text="group WORKING")) == [b]
    assert _ids(coordinator_db, CommitmentFilter(text="nowhere")) == []


def test_overdue_uses_the_status_as_of_the_period(coordinator_db):
    h1, h2 = _period(coordinator_db, "2026-H1"), _period(coordinator_db)
    late = _add(coordinator_db, "Late", end=dt.date(2026, 6, 30))
    done = _add(coordinator_db, "Done earlier", end=dt.date(2026, 6, 30))
    _add(coordinator_db, "Runs on", end=dt.date(2028, 12, 31))
    _progress(coordinator_db, done, h1, ProgressStatus.COMPLETED, 100)
    assert _ids(coordinator_db, CommitmentFilter(overdue=True)) == [late]
    with coordinator_db.reading() as s:
        row = row_for(s, late, h2, TODAY)
    assert row.overdue and row.days_overdue == (TODAY - dt.date(2026, 6, 30)).days
    with coordinator_db.reading() as s:
        assert not row_for(s, done, h2, TODAY).overdue
        assert row_for(s, done, h2, TODAY).last_status == ProgressStatus.COMPLETED


def test_plan_scope_and_retired(coordinator_db):
    a = _add(coordinator_db, "In objective 1", objective=0)
    b = _add(coordinator_db, "In objective 3", objective=2)
    with coordinator_db.reading() as s:
        plan = current_plan(s)
        third, action = plan.objectives[2].id, plan.objectives[0].actions[0].id
    assert _ids(coordinator_db, CommitmentFilter(objective_id=third)) == [b]
    assert _ids(coordinator_db, CommitmentFilter(action_id=action)) == [a]
    with coordinator_db.transaction() as s:
        set_retired(s, a, True)
    assert _ids(coordinator_db, CommitmentFilter()) == [b]
    assert _ids(coordinator_db, CommitmentFilter(include_retired=True)) == [a, b]


def test_every_country_of_a_secretariat_database(tmp_path, workspace_templates):
    db = workspace_templates.demo_at(tmp_path / "sec.sqlite", role=WorkspaceRole.SECRETARIAT, seed=2,
                                     today=TODAY)
    period = _period(db)
    with db.reading() as s:
        rows = commitment_rows(s, None, period, TODAY)
        kz = commitment_rows(s, "KZ", period, TODAY)
        updates = s.scalar(select(func.count()).select_from(ProgressUpdate)
                           .where(ProgressUpdate.period_id == period.id))
    assert len({r.country_code for r in rows}) == 4 and len(rows) == 160
    assert len(kz) == 40 and {r.country_code for r in kz} == {"KZ"}
    assert sum(r.has_update for r in rows) == updates
    db.close()


def test_long_texts_are_read_only_when_asked_or_searched(coordinator_db):
    h2 = _period(coordinator_db)
    a = _add(coordinator_db, "Train border guards")
    _progress(coordinator_db, a, h2, ProgressStatus.ON_TRACK, 10, narrative="Two sessions held")
    with coordinator_db.reading() as s:
        light = commitment_rows(s, "KZ", h2, TODAY, with_texts=False)
        found = commitment_rows(s, "KZ", h2, TODAY, CommitmentFilter(text="sessions"),
                                with_texts=False)
        full = commitment_rows(s, "KZ", h2, TODAY)
    assert light[0].narrative == "" and light[0].status == ProgressStatus.ON_TRACK
    assert [r.id for r in found] == [a] and found[0].narrative == "Two sessions held"
    assert full[0].narrative == "Two sessions held"


def test_filters_in_memory_pick_what_the_query_picks(secretariat_db):
    """The views fetch a period once and filter in memory: the same rows as a query per filter,
    overdue (status as of the period, from earlier updates) and text in the long texts included."""
    from app.models.services.reporting.period_rows import (
        fetch_period_rows,
        filter_rows,
        search_index,
        update_texts,
    )

    with secretariat_db.transaction() as s:  # a text only the update's narrative holds
        update = s.scalar(select(ProgressUpdate).order_by(ProgressUpdate.id.desc()))
        update.narrative = "Reviewed by the Working Group on asylum"
        code = s.get_one(ReportingPeriod, update.period_id).code
    with secretariat_db.reading() as s:
        period = period_service.period_by_code(s, code)
        cached = fetch_period_rows(s, None, period, TODAY)
        texts = search_index(cached.rows, update_texts(s, None, period.id))
        objective = cached.rows[0].objective_id
        filters = [CommitmentFilter(), CommitmentFilter(include_retired=True),
                   CommitmentFilter(status=ProgressStatus.DELAYED), CommitmentFilter(no_update=True),
                   CommitmentFilter(overdue=True), CommitmentFilter(objective_id=objective),
                   CommitmentFilter(text="working GROUP"), CommitmentFilter(text="kz")]
        for flt in filters:
            queried = [r.id for r in commitment_rows(s, None, period, TODAY, flt)]
            assert [r.id for r in filter_rows(cached.rows, flt, index=texts)] == queried, flt
        assert any(filter_rows(cached.rows, CommitmentFilter(text="working group"), index=texts))
        assert cached.total == s.scalar(select(func.count(Commitment.id)).where(
            Commitment.retired.is_(False)))


def test_period_rows_from_kept_commitments_equal_the_query_rows_field_by_field(secretariat_db):
    """A period's rows are built from the commitments read once and the period's updates: every
    field (status as of the period, overdue, days, evidence counts) as the one query gives it."""
    from app.models.orm import EvidenceReference
    from app.models.services.reporting.period_rows import fetch_period_rows, read_commitments

    with secretariat_db.transaction() as s:  # evidence on some updates, a retired commitment
        updates = s.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id).limit(3)).all()
        for count, update in enumerate(updates, start=1):
            s.add_all(EvidenceReference(update_id=update.id, title=f"report {n}", location="x")
                      for n in range(count))
        s.scalar(select(Commitment).order_by(Commitment.id.desc())).retired = True
    with secretariat_db.reading() as s:
        first = period_service.all_periods(s)[0]
    ended = _add(secretariat_db, "Ended, delayed long ago", end=dt.date(2025, 3, 31))
    done = _add(secretariat_db, "Ended, completed long ago", end=dt.date(2025, 3, 31))
    _progress(secretariat_db, ended, first, ProgressStatus.DELAYED)
    _progress(secretariat_db, done, first, ProgressStatus.COMPLETED)
    seen: set[str] = set()
    with secretariat_db.reading() as s:
        every = read_commitments(s, None)
        for country in (None, "KZ"):
            kept = every if country is None else read_commitments(s, country)
            for period in period_service.all_periods(s):
                expected = commitment_rows(s, country, period, TODAY,
                                           CommitmentFilter(include_retired=True), with_texts=False)
                rows = fetch_period_rows(s, kept, period, TODAY).rows
                assert rows == expected, (country, period.code)
                for row in rows:
                    seen |= {name for name, there in (
                        ("overdue", row.overdue), ("evidence", row.evidence_count),
                        ("retired", row.retired), ("no update", row.update_id is None),
                        ("status from before", row.status is None and row.last_status)) if there}
    assert seen == {"overdue", "evidence", "retired", "no update", "status from before"}


def test_a_periods_updates_are_read_from_the_index_alone(secretariat_db):
    """Migration 0006: the period's updates come from one covering index, not table pages."""
    with secretariat_db.reading() as s:
        plan = s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT commitment_id, id, status, percent, support_from "
            "FROM progress_update WHERE period_id = 1").fetchall()
    assert "COVERING INDEX ix_progress_update_period_rows" in " ".join(str(r[-1]) for r in plan)
