"""The completeness matrix: every cell state, coverage, acknowledgement, a country-period's data."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, select

from app.models.errors import ValidationError
from app.models.orm import ChangeLog, Submission
from app.models.orm.enums import MembershipRole, SubmissionState, WorkspaceRole
from app.models.services.regional.acknowledgement import acknowledge, restore_acknowledgement
from app.models.services.regional.completeness import (
    CellState,
    completeness_matrix,
    coverage,
    periods_in_range,
    state_label,
)
from app.models.services.regional.country_period import country_period_data
from app.models.services.reporting.periods import period_by_code
from app.models.services.workspace.profile import ProfileInput, create_workspace

TODAY = dt.date(2026, 11, 26)


def _at(day: str) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=10, tzinfo=dt.UTC)


@pytest.fixture
def received_db(tmp_path):
    """A secretariat that received a known set of submissions for 2026-H1 (due 2026-07-31)."""
    db = create_workspace(tmp_path / "sec.sqlite", ProfileInput(
        WorkspaceRole.SECRETARIAT, None, "Support Unit"), TODAY)
    with db.transaction() as s:
        h1 = period_by_code(s, "2026-H1").id
        rows = [
            ("KZ", 1, _at("2026-07-20"), False, None),             # received on time
            ("KG", 1, _at("2026-08-15"), False, None),             # late
            ("TJ", 1, _at("2026-07-01"), True, None),              # edited after export
            ("AF", 1, _at("2026-07-10"), False, _at("2026-07-15")),  # acknowledged
            ("AZ", 1, _at("2026-07-10"), False, None),             # r1 on time, r2 later
            ("AZ", 2, _at("2026-08-20"), False, None),
            ("TR", 1, None, False, None),                          # exported, never received
        ]
        for country, revision, received, edited, acknowledged in rows:
            s.add(Submission(country_code=country, period_id=h1, revision=revision,
                             state=SubmissionState.EXPORTED, received_at=received,
                             edited_after_export=edited, acknowledged_at=acknowledged,
                             file_name=f"AP_{country}_2026-H1_r{revision}.xlsx"))
    yield db
    db.close()


def _cells(db, **kwargs):
    with db.reading() as s:
        periods = periods_in_range(s, "2026-H1", "2026-H2")
        matrix = completeness_matrix(s, periods, today=TODAY, **kwargs)
    return matrix, {row.country: row.cells for row in matrix.rows}


def test_every_cell_state(received_db):
    matrix, cells = _cells(received_db)
    assert [p.code for p in matrix.periods] == ["2026-H1", "2026-H2"]
    h1 = {country: (c[0].state, c[0].revision) for country, c in cells.items()}
    assert h1["KZ"] == (CellState.RECEIVED, 1)
    assert h1["KG"] == (CellState.LATE, 1)
    assert h1["TJ"] == (CellState.EDITED, 1)
    assert h1["AF"] == (CellState.ACKNOWLEDGED, 1)
    assert h1["AZ"] == (CellState.RECEIVED, 2)  # a later correction is not "late"
    assert h1["TR"] == (CellState.MISSING, None)
    assert all(c[1].state == CellState.NOT_DUE for c in cells.values())
    assert state_label(CellState.EDITED) == "Edited after export"
    # members, and observers or guests only once they report (none has here)
    assert list(cells) == ["AF", "AZ", "KG", "KZ", "TJ", "TR"]


def test_filters_by_role_and_country(received_db):
    _, cells = _cells(received_db, roles={MembershipRole.OBSERVER})
    assert set(cells) == {"TM", "IR", "PK", "IT"}
    _, cells = _cells(received_db, countries=["KZ", "KG"])
    assert list(cells) == ["KG", "KZ"]


def test_acknowledge_with_a_note_and_undo(received_db):
    with received_db.reading() as s:
        kz = s.scalar(select(Submission).where(Submission.country_code == "KZ"))
        tr = s.scalar(select(Submission).where(Submission.country_code == "TR"))
    with received_db.transaction(actor="Support Unit") as s:
        before = acknowledge(s, kz.id, "  Thank you, complete.  ", now=_at("2026-08-01"))
    _, cells = _cells(received_db)
    assert cells["KZ"][0].state == CellState.ACKNOWLEDGED
    with received_db.reading() as s:
        stored = s.get(Submission, kz.id)
        assert (stored.state, stored.acknowledgement_note) == (SubmissionState.ACKNOWLEDGED,
                                                               "Thank you, complete.")
        assert s.scalar(select(ChangeLog.actor).where(ChangeLog.field == "acknowledged_at")) == \
            "Support Unit"
    with received_db.transaction() as s:
        restore_acknowledgement(s, kz.id, before)
    _, cells = _cells(received_db)
    assert cells["KZ"][0].state == CellState.RECEIVED
    with pytest.raises(ValidationError), received_db.transaction() as s:
        acknowledge(s, tr.id)


def test_demo_matrix_and_coverage(secretariat_db):
    with secretariat_db.reading() as s:
        periods = periods_in_range(s, today=TODAY)
        matrix = completeness_matrix(s, periods, today=TODAY)
        countries = [r.country for r in matrix.rows]
        shares = coverage(s, [p.id for p in periods], countries)
    assert len(periods) == 6 and periods[-1].code == "2026-H2"
    counts = matrix.counts()
    assert counts[CellState.ACKNOWLEDGED] and counts[CellState.RECEIVED] and counts[CellState.MISSING]
    assert {"KZ", "KG", "TJ", "TM"} <= set(countries)
    first = periods[0].id
    total = shares[(None, first)]
    assert total.expected == sum(shares[(c, first)].expected for c in countries if (c, first) in shares)
    assert 0 < total.share <= 1
    received = {(r.country, c.period_id) for r in matrix.rows for c in r.cells
                if c.state not in (CellState.MISSING, CellState.NOT_DUE)}
    for (country, period_id), share in shares.items():
        if country is not None and (country, period_id) not in received:
            assert share.updated == 0


def test_country_period_data(secretariat_db):
    with secretariat_db.reading() as s:
        periods = periods_in_range(s, today=TODAY)
        matrix = completeness_matrix(s, periods, today=TODAY)
        row = next(r for r in matrix.rows if r.country == "KZ")
        cell = next(c for c in row.cells if c.submission_id)
        data = country_period_data(s, "KZ", cell.period_id)
    assert data.latest is not None and data.latest.id == cell.submission_id
    assert data.updates and all(u.description for u in data.updates)
    assert data.values and data.period_code == next(p.code for p in periods if p.id == cell.period_id)


def test_received_submissions_only(received_db):
    with received_db.transaction() as s:
        s.execute(delete(Submission).where(Submission.received_at.is_not(None)))
    _, cells = _cells(received_db)
    assert all(c[0].state == CellState.MISSING for c in cells.values())


def test_secretariat_demo_receipts_are_deterministic(tmp_path):
    from app.demo.generator import create_demo_workspace

    dumps = []
    for name in ("a", "b"):
        db = create_demo_workspace(tmp_path / f"{name}.sqlite", role=WorkspaceRole.SECRETARIAT,
                                   seed=9, today=TODAY)
        with db.reading() as s:
            dumps.append([(x.country_code, x.period_id, x.revision, x.received_at,
                           x.edited_after_export, x.acknowledged_at, x.digest)
                          for x in s.scalars(select(Submission).order_by(Submission.id))])
        db.close()
    assert dumps[0] == dumps[1] and len(dumps[0]) > 10
