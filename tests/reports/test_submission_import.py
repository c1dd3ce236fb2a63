"""Importing a submission: round trip, exactly the edits made, errors by cell, refusals, one transaction."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from app.demo.generator import create_demo_workspace
from app.models.orm.changelog import ChangeLog
from app.models.orm.enums import ProgressStatus, SubmissionState
from app.models.orm.reporting import Commitment
from app.models.progress import OperationCancelled
from app.models.services.reporting.periods import latest_submission, period_by_code
from app.models.services.reporting.progress import get_update
from app.models.services.workspace.backups import REASON_IMPORT, backups, reason_label
from app.reports.errors import PreviewHasErrorsError, StalePreviewError, WorkbookRefusedError
from app.reports.submission.export import export_submission
from app.reports.submission.pipeline import apply, preview, read_submission
from app.reports.submission.preview_items import ChangeKind

from .conftest import NOW, PERIOD
from .test_submission_export import TRICKY, _first_commitment, _record_tricky


def _edit(path, target, edits: dict[tuple[str, str], object]):
    """Change cells with openpyxl the way a script (or a careless colleague) would."""
    workbook = load_workbook(path)
    for (sheet, cell), value in edits.items():
        workbook[sheet][cell] = value
    workbook.save(target)
    return target


def _reported_row(path) -> tuple[int, int]:
    """(row number, commitment id) of the first progress row that has an update."""
    sheet = load_workbook(path)["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    return row[0].row, row[0].value


def _changes(item) -> dict[str, tuple]:
    return {change.key: (change.old, change.new) for change in item.changes}


def _log_size(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(ChangeLog))


def test_round_trip_changes_nothing(demo_db, exported):
    parsed = read_submission(exported.path)
    assert not parsed.edited_after_export and parsed.digest == exported.digest
    assert parsed.errors == [] and parsed.edits == [] and parsed.added_rows == []
    shown = preview(demo_db, parsed)
    assert not shown.has_changes and not shown.can_apply
    assert len(shown.of_kind(ChangeKind.UNCHANGED)) > 40
    assert shown.errors == []


def test_an_edit_shows_exactly_that_change_and_applies_after_a_backup(demo_db, exported, tmp_path):
    row, commitment_id = _reported_row(exported.path)
    edited = _edit(exported.path, tmp_path / "edited.xlsx",
                   {("Progress", f"F{row}"): 95, ("Progress", f"G{row}"): "Law adopted in March."})
    parsed = read_submission(edited)
    assert parsed.edited_after_export
    assert [(ref.sheet, ref.row, ref.column) for ref in parsed.edits] == [
        ("Progress", row, "F"), ("Progress", row, "G")]
    shown = preview(demo_db, parsed)
    changed = shown.of_kind(ChangeKind.CHANGED)
    assert len(changed) == 1 and shown.of_kind(ChangeKind.NEW) == []
    assert changed[0].key == (commitment_id, PERIOD)
    changes = _changes(changed[0])
    assert set(changes) == {"percent", "narrative"}
    assert changes["percent"][1] == 95 and changes["narrative"][1] == "Law adopted in March."
    assert shown.reopen_periods == [PERIOD]

    result = apply(demo_db, shown)
    assert result.backup.exists()
    made = backups(demo_db.path)
    assert [(b.path, b.reason) for b in made] == [(result.backup, REASON_IMPORT)]
    assert reason_label(made[0].reason) == "Before an import"
    assert result.counts == {"progress": 1} and result.reopened == [PERIOD]
    with demo_db.reading() as session:
        period = period_by_code(session, PERIOD)
        update = get_update(session, commitment_id, period.id)
        assert (update.percent, update.narrative) == (95, "Law adopted in March.")
        latest = latest_submission(session, "KZ", period.id)
        assert (latest.revision, latest.state) == (2, SubmissionState.DRAFT)


def test_a_new_commitment_row_is_added(demo_db, exported, tmp_path):
    sheet = load_workbook(exported.path)["Commitments"]
    blank = next(r[0].row for r in sheet.iter_rows(min_row=3) if r[0].value is None)
    edited = _edit(exported.path, tmp_path / "new.xlsx", {
        ("Commitments", f"C{blank}"): "2.1", ("Commitments", f"E{blank}"): "Open a hotline",
        ("Commitments", f"F{blank}"): "Migration Service", ("Commitments", f"J{blank}"): "High"})
    shown = preview(demo_db, read_submission(edited))
    new = shown.of_kind(ChangeKind.NEW)
    assert len(new) == 1 and new[0].values["priority"] == "high"
    assert shown.parsed.added_rows == [("Commitments", blank)]
    apply(demo_db, shown)
    with demo_db.reading() as session:
        added = session.scalar(select(Commitment).where(Commitment.description == "Open a hotline"))
        assert added.lead_agency == "Migration Service" and added.action.code == "2.1"


def test_formula_cell_is_an_error_and_nothing_is_applied(demo_db, exported, tmp_path):
    row, _commitment = _reported_row(exported.path)
    edited = _edit(exported.path, tmp_path / "formula.xlsx", {("Progress", f"G{row}"): "=1+1",
                                                                ("Progress", f"F{row}"): 50})
    shown = preview(demo_db, read_submission(edited))
    assert [(e.where.row, e.where.column) for e in shown.errors] == [(row, "G")]
    assert "formula" in shown.errors[0].message
    before = _log_size(demo_db)
    with pytest.raises(PreviewHasErrorsError):
        apply(demo_db, shown)
    assert _log_size(demo_db) == before


def test_bad_cells_are_reported_by_sheet_row_and_column(demo_db, exported, tmp_path):
    row, _commitment = _reported_row(exported.path)
    edited = _edit(exported.path, tmp_path / "bad.xlsx", {
        ("Progress", f"F{row}"): 150, ("Progress", f"E{row + 1}"): "Bogus",
        ("Commitments", "H3"): "soon", ("Commitments", "A4"): 99999})
    shown = preview(demo_db, read_submission(edited))
    found = {(e.where.sheet, e.where.row, e.where.column): e.message for e in shown.errors}
    assert found[("Progress", row, "F")] == "Enter a whole number from 0 to 100."
    assert "is not one of the values in the list" in found[("Progress", row + 1, "E")]
    assert found[("Commitments", 3, "H")] == "Enter a date, for example 2026-03-31."
    assert "No commitment with this ID" in found[("Commitments", 4, "A")]
    assert str(shown.errors[0].where).startswith("Commitments, row")


def test_formula_looking_texts_survive_the_round_trip(demo_db, out_dir, tmp_path):
    commitment_id = _first_commitment(demo_db)
    _record_tricky(demo_db, commitment_id)
    result = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    parsed = read_submission(result.path)
    row = next(r for r in parsed.sheets["progress"].rows if r.values["commitment_id"] == commitment_id)
    assert {key: row.values[key] for key in TRICKY} == TRICKY
    assert not preview(demo_db, parsed).has_changes
    workbook = load_workbook(result.path)
    cell = workbook["Progress"][f"H{row.number}"]
    cell.value, cell.data_type = "=HYPERLINK(\"x\")", "s"
    workbook.save(tmp_path / "typed.xlsx")
    shown = preview(demo_db, read_submission(tmp_path / "typed.xlsx"))
    assert _changes(shown.of_kind(ChangeKind.CHANGED)[0]) == {
        "challenges": (TRICKY["challenges"], "=HYPERLINK(\"x\")")}


def test_workbook_of_another_country_is_refused(demo_db, tmp_path, today):
    other = create_demo_workspace(tmp_path / "kg.sqlite", country="KG", today=today)
    folder = tmp_path / "kg"
    folder.mkdir()
    result = export_submission(other, "KG", PERIOD, "en", folder, now=NOW)
    other.close()
    with pytest.raises(WorkbookRefusedError) as refused:
        preview(demo_db, read_submission(result.path))
    assert refused.value.reason == "wrong_country"
    assert "Kyrgyzstan" in refused.value.message() and "Kazakhstan" in refused.value.message()


@pytest.mark.parametrize(("key", "value", "reason"), [
    ("plan_version", "9", "identity_edited"), ("format_version", "3", "newer_format"),
    ("period", "2031-H1", "identity_edited")])
def test_edited_identity_and_newer_format_are_refused(demo_db, exported, tmp_path, key,
                                                                  value, reason):
    workbook = load_workbook(exported.path)
    meta = workbook["_meta"]
    row = next(r for r in meta.iter_rows() if r[0].value == key)
    row[1].value = value
    workbook.save(tmp_path / "meta.xlsx")
    with pytest.raises(WorkbookRefusedError) as refused:
        preview(demo_db, read_submission(tmp_path / "meta.xlsx"))
    assert refused.value.reason == reason


def test_a_preview_the_workspace_outdated_is_not_applied(demo_db, exported, tmp_path):
    row, commitment_id = _reported_row(exported.path)
    shown = preview(demo_db, read_submission(_edit(exported.path, tmp_path / "e.xlsx",
                                                   {("Progress", f"F{row}"): 95})))
    with demo_db.transaction() as session:
        period = period_by_code(session, PERIOD)
        get_update(session, commitment_id, period.id).percent = 91
    with pytest.raises(StalePreviewError):
        apply(demo_db, shown)
    with demo_db.reading() as session:
        assert get_update(session, commitment_id, period.id).percent == 91


def test_cancelled_apply_changes_nothing(demo_db, exported, tmp_path):
    row, commitment_id = _reported_row(exported.path)
    shown = preview(demo_db, read_submission(_edit(exported.path, tmp_path / "e.xlsx", {
        ("Progress", f"F{row}"): 100, ("Progress", f"E{row}"): "Completed"})))

    class CancelWhileSaving:
        def step(self, done, total, text):
            self.last = done

        def cancelled(self):
            return getattr(self, "last", 0) >= 1

    before = _log_size(demo_db)
    with pytest.raises(OperationCancelled):
        apply(demo_db, shown, CancelWhileSaving())
    assert _log_size(demo_db) == before
    with demo_db.reading() as session:
        update = get_update(session, commitment_id, period_by_code(session, PERIOD).id)
        assert update.status != ProgressStatus.COMPLETED


def test_python_calamine_reads_the_workbook(exported):
    workbook = CalamineWorkbook.from_path(str(exported.path))
    assert workbook.sheet_names[:3] == ["Cover", "Commitments", "Progress"]
    cover = workbook.get_sheet_by_name("Cover").to_python()
    assert any("Kazakhstan (KZ)" in str(value) for row in cover for value in row)
    progress = workbook.get_sheet_by_name("Progress").to_python()
    assert progress[0][:2] == ["commitment_id", "period"] and progress[2][1] == PERIOD
