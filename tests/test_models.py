"""Constraints live in the database, and every write leaves a change-log row."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.models.orm import ChangeLog, Commitment, ProgressUpdate, ReportingPeriod
from app.models.orm.enums import ProgressStatus
from app.models.services.plan.current import current_plan
from app.models.services.reporting.commitments import CommitmentInput, add_commitment


def _first_action_id(db) -> int:
    with db.reading() as s:
        return current_plan(s).objectives[0].actions[0].id


def _period_id(db, code: str) -> int:
    with db.reading() as s:
        return s.scalar(select(ReportingPeriod.id).where(ReportingPeriod.code == code))


def _commitment(db) -> int:
    with db.transaction(actor="tester") as s:
        return add_commitment(s, "KZ", CommitmentInput(
            action_id=_first_action_id(db), description="Adopt a referral mechanism",
            lead_agency="Migration Service")).id


def test_foreign_keys_are_enforced(coordinator_db):
    with pytest.raises(IntegrityError), coordinator_db.transaction() as s:
        s.add(Commitment(country_code="KZ", action_id=999_999, description="orphan"))


def test_unknown_country_is_refused(coordinator_db):
    with pytest.raises(IntegrityError), coordinator_db.transaction() as s:
        s.add(Commitment(country_code="XX", action_id=_first_action_id(coordinator_db),
                         description="x"))


def test_percent_must_be_0_to_100(coordinator_db):
    commitment_id = _commitment(coordinator_db)
    with pytest.raises(IntegrityError), coordinator_db.transaction() as s:
        s.add(ProgressUpdate(commitment_id=commitment_id,
                             period_id=_period_id(coordinator_db, "2026-H1"), percent=101))


def test_one_update_per_commitment_and_period(coordinator_db):
    commitment_id = _commitment(coordinator_db)
    period_id = _period_id(coordinator_db, "2026-H1")
    with coordinator_db.transaction() as s:
        s.add(ProgressUpdate(commitment_id=commitment_id, period_id=period_id))
    with pytest.raises(IntegrityError), coordinator_db.transaction() as s:
        s.add(ProgressUpdate(commitment_id=commitment_id, period_id=period_id))


def test_dates_must_be_in_order(coordinator_db):
    with pytest.raises(IntegrityError), coordinator_db.transaction() as s:
        s.add(Commitment(country_code="KZ", action_id=_first_action_id(coordinator_db),
                         description="x", start_date=dt.date(2026, 5, 1),
                         end_date=dt.date(2026, 1, 1)))


def test_status_outside_vocabulary_is_refused(coordinator_db):
    commitment_id = _commitment(coordinator_db)
    with pytest.raises(IntegrityError), coordinator_db.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO progress_update (commitment_id, period_id, status, narrative, challenges,"
            " support_requested, support_from, updated_at) VALUES (?, ?, 'finished', '', '', '',"
            " '', '2026-01-01')", (commitment_id, _period_id(coordinator_db, "2026-H1")))


def test_change_log_records_insert_and_update(coordinator_db):
    commitment_id = _commitment(coordinator_db)
    with coordinator_db.transaction(actor="Aigerim") as s:
        s.get(Commitment, commitment_id).lead_agency = "Border Service"
    with coordinator_db.reading() as s:
        rows = list(s.scalars(select(ChangeLog).where(
            ChangeLog.entity == "commitment", ChangeLog.entity_id == str(commitment_id))
            .order_by(ChangeLog.id)))
    assert [r.operation for r in rows] == ["insert", "update"]
    assert rows[0].actor == "tester" and "Adopt a referral mechanism" in rows[0].new_value
    update = rows[1]
    assert (update.actor, update.field, update.old_value, update.new_value) == (
        "Aigerim", "lead_agency", "Migration Service", "Border Service")


def test_failed_action_leaves_no_change_log(coordinator_db):
    with coordinator_db.reading() as s:
        before = len(list(s.scalars(select(ChangeLog))))
    with pytest.raises(IntegrityError), coordinator_db.transaction() as s:
        s.add(Commitment(country_code="KZ", action_id=_first_action_id(coordinator_db),
                         description="fine"))
        s.flush()
        s.add(Commitment(country_code="KZ", action_id=999_999, description="orphan"))
    with coordinator_db.reading() as s:
        assert len(list(s.scalars(select(ChangeLog)))) == before
        assert s.scalar(select(Commitment).where(Commitment.description == "fine")) is None


def test_enum_values_round_trip(coordinator_db):
    commitment_id = _commitment(coordinator_db)
    with coordinator_db.transaction() as s:
        s.add(ProgressUpdate(commitment_id=commitment_id, status=ProgressStatus.DELAYED,
                             period_id=_period_id(coordinator_db, "2026-H1")))
    with coordinator_db.reading() as s:
        assert s.scalar(select(ProgressUpdate.status)) is ProgressStatus.DELAYED
