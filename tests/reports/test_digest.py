"""The digest covers every data sheet, ignores row order and header language; values read as meant."""

from __future__ import annotations

import datetime as dt

import pytest

from app.models.orm.enums import FollowUpStatus, Priority, ProgressStatus
from app.reports.language import translator
from app.reports.submission.data import Identity, digest_of, evidence_text, parse_evidence
from app.reports.submission.format import COMMITMENTS, INDICATORS, PROGRESS
from app.reports.xlsx.cell_values import CellValueError, Vocabulary, read_cell
from app.reports.xlsx.digest import MAX_CELL_TEXT, clean_text, edited_positions, fingerprint, normalize_number

IDENTITY = Identity("KZ", "2026-H1", 1, "RAP", 1, ("2026-H1",), False)
ROWS = {
    "commitments": [{"id": 1, "action": "1.1", "description": "Adopt a law"},
                    {"id": 2, "action": "1.2", "description": "Train staff"}],
    "progress": [{"commitment_id": 1, "period": "2026-H1", "status": "on_track", "percent": 40}],
    "indicators": [{"indicator": "1.1.a", "period": "2026-H1", "value_kind": "number", "value": 3}],
    "decisions": [{"meeting": "NCM-2012-09", "number": 1, "status": "done"}],
}


def test_digest_changes_with_any_value_of_any_sheet():
    base = digest_of(IDENTITY, ROWS)
    for sheet, rows in ROWS.items():
        changed = {**ROWS, sheet: [{**rows[0], next(iter(rows[0])): "x"}, *rows[1:]]}
        assert digest_of(IDENTITY, changed) != base, sheet
    other = Identity("KG", "2026-H1", 1, "RAP", 1, ("2026-H1",), False)
    assert digest_of(other, ROWS) != base


def test_digest_ignores_row_order_and_context_columns():
    base = digest_of(IDENTITY, ROWS)
    reordered = {**ROWS, "commitments": ROWS["commitments"][::-1]}
    assert digest_of(IDENTITY, reordered) == base
    with_context = {**ROWS, "commitments": [{**r, "action_title": "Any title"}
                                            for r in ROWS["commitments"]]}
    assert digest_of(IDENTITY, with_context) == base


def test_fingerprint_tells_which_value_changed():
    stored = fingerprint([1, "a", None, dt.date(2026, 1, 1)])
    assert edited_positions(stored, [1, "a", None, dt.date(2026, 1, 1)]) == []
    assert edited_positions(stored, [1, "b", None, dt.date(2026, 1, 2)]) == [1, 3]
    assert edited_positions("short", [1]) is None


def test_canonical_text_and_numbers():
    assert clean_text(" a\r\nb\x07 ") == "a\nb"
    assert clean_text("   ") is None
    cut_at_a_newline = "0" * (MAX_CELL_TEXT - 1) + "\n" + "tail"  # found by Hypothesis
    assert clean_text(cut_at_a_newline) == "0" * (MAX_CELL_TEXT - 1)
    assert clean_text(clean_text(cut_at_a_newline)) == clean_text(cut_at_a_newline)
    assert normalize_number(5.0) == 5 and isinstance(normalize_number(5.0), int)
    assert normalize_number(0.1 + 0.2) == 0.3
    assert normalize_number(True) == 1 and normalize_number(float("nan")) is None


def test_evidence_lines_round_trip():
    pairs = [("Decree 12", "https://example.org/d12"), ("Minutes", "")]
    assert parse_evidence(evidence_text(pairs)) == pairs


def test_evidence_titles_may_hold_the_separator():
    pairs = [("Report | annex 2", r"C:\Reports\annex2.pdf"), ("Minutes | day 1", ""),
             ("A|B", "https://example.org/ab")]
    assert evidence_text(pairs) == (
        "Report | annex 2 | C:\\Reports\\annex2.pdf\nMinutes | day 1 |\nA|B | https://example.org/ab")
    assert parse_evidence(evidence_text(pairs)) == pairs


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary.for_language("en", translator("en"), [ProgressStatus, Priority, FollowUpStatus])


@pytest.mark.parametrize(("column", "value", "data_type", "expected"), [
    ("narrative", "=SUM(A1)", "s", "=SUM(A1)"),
    ("narrative", 42, "n", "42"),
    ("percent", 40.0, "n", 40),
    ("percent", "40", "s", 40),
    ("status", " on track ", "s", "on_track"),
    ("status", "delayed", "s", "delayed"),
])
def test_cells_are_read_as_meant(vocabulary, column, value, data_type, expected):
    assert read_cell(PROGRESS.column(column), value, data_type, vocabulary) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (dt.datetime(2026, 3, 31), dt.date(2026, 3, 31)), ("2026-03-31", dt.date(2026, 3, 31)),
    ("31.03.2026", dt.date(2026, 3, 31)), (46112, dt.date(2026, 3, 31))])
def test_dates_are_read_however_they_were_typed(vocabulary, value, expected):
    assert read_cell(COMMITMENTS.column("start_date"), value, "n", vocabulary) == expected


def test_indicator_values_follow_their_kind(vocabulary):
    column = INDICATORS.column("value")
    assert read_cell(column, "Yes", "s", vocabulary, "yes_no") == 1
    assert read_cell(column, "12,5", "s", vocabulary, "number") == 12.5
    assert read_cell(column, 7, "n", vocabulary, "text") == "7"
    with pytest.raises(CellValueError):
        read_cell(column, "maybe", "s", vocabulary, "yes_no")


@pytest.mark.parametrize(("column", "value", "data_type"), [
    ("narrative", "=1+1", "f"), ("percent", 101, "n"), ("percent", 12.5, "n"),
    ("status", "Finished", "s"), ("percent", "#DIV/0!", "e")])
def test_wrong_cells_are_problems(vocabulary, column, value, data_type):
    with pytest.raises(CellValueError):
        read_cell(PROGRESS.column(column), value, data_type, vocabulary)


def test_the_export_digests_the_loaded_plan_as_the_import_digests_the_stored_one(demo_db):
    """The export takes the plan digest from the plan tree it loaded (no query); the import's
    one-query digest must agree, also after an indicator is retired and one added."""
    from app.models.orm.enums import IndicatorKind
    from app.models.orm.plan import Indicator
    from app.models.services.plan.current import current_plan
    from app.reports.submission.data import loaded_plan_digest, plan_digest

    with demo_db.transaction() as session:
        plan = current_plan(session)
        before = plan_digest(session, plan.id)
        assert loaded_plan_digest(plan) == before
        action = plan.objectives[0].actions[0]
        action.indicators[0].retired = True
        action.indicators.append(Indicator(code="9.9.9", titles={"en": "New"},
                                           kind=IndicatorKind.YES_NO, position=99))
        session.flush()
        after = plan_digest(session, plan.id)
        assert after != before and loaded_plan_digest(plan) == after
        session.rollback()
