"""Exporting a submission: the file, its sheets and their safety features, the record it leaves."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.models.orm.enums import ProgressStatus, SubmissionState
from app.models.orm.reporting import Commitment, Submission
from app.models.services.reporting.periods import period_by_code, reopen_period
from app.models.services.reporting.progress import ProgressInput, record_progress
from app.reports.errors import ExportFailedError
from app.reports.submission.export import export_submission
from app.reports.submission.format import FORMAT_VERSION, META_SHEET, PROPERTY_PREFIX
from app.reports.xlsx import atomic

from .conftest import NOW, PERIOD

TRICKY = {"narrative": "=SUM(A1)", "challenges": "+7 701 123 45 67", "support_from": "-",
          "support_requested": "@user", "evidence": "#N/A & <b>x</b>"}


def _all_cells(path):
    workbook = load_workbook(path)
    return {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in workbook}


def _first_commitment(db) -> int:
    with db.reading() as session:
        return session.scalars(select(Commitment.id).where(Commitment.country_code == "KZ")
                               .order_by(Commitment.id)).first()


def _record_tricky(db, commitment_id: int) -> None:
    with db.transaction() as session:
        period = period_by_code(session, PERIOD)
        reopen_period(session, "KZ", period)
        record_progress(session, commitment_id, period.id, ProgressInput(
            status=ProgressStatus.ON_TRACK, percent=40, narrative=TRICKY["narrative"],
            challenges=TRICKY["challenges"], support_requested=TRICKY["support_requested"],
            support_from=TRICKY["support_from"], evidence=[(TRICKY["evidence"], "")]))


def test_export_writes_named_file_and_records_the_submission(demo_db, out_dir):
    # Exports here itself: the `exported` fixture copies one export made per session.
    exported = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    assert exported.path == out_dir / f"AP_KZ_{PERIOD}_r1.xlsx"
    assert exported.path.exists()
    assert [p.name for p in out_dir.iterdir()] == [exported.path.name]  # no temporary file left
    with demo_db.reading() as session:
        period = period_by_code(session, PERIOD)
        submission = session.scalar(select(Submission).where(
            Submission.country_code == "KZ", Submission.period_id == period.id))
    assert submission.state == SubmissionState.EXPORTED
    assert submission.revision == 1
    assert submission.digest == exported.digest and len(exported.digest) == 64
    assert submission.file_name == exported.path.name
    assert submission.exported_at == NOW


def test_sheets_keys_meta_and_properties(exported):
    workbook = load_workbook(exported.path)
    assert workbook.sheetnames[:6] == ["Cover", "Commitments", "Progress", "Indicators",
                                       "Decisions follow-up", "Summary"]
    assert workbook[META_SHEET].sheet_state == "hidden"
    meta = {row[0]: row[1] for row in workbook[META_SHEET].iter_rows(values_only=True)}
    assert meta["format_version"] == str(FORMAT_VERSION)
    assert (meta["country"], meta["period"], meta["revision"]) == ("KZ", PERIOD, "1")
    assert meta["digest"] == exported.digest
    properties = {p.name: p.value for p in workbook.custom_doc_props}
    assert properties[PROPERTY_PREFIX + "digest"] == exported.digest
    assert workbook.properties.created == workbook.properties.modified == NOW.replace(tzinfo=None)
    cover = [[c for c in row if c is not None] for row in workbook["Cover"].iter_rows(values_only=True)]
    flat = [str(v) for row in cover for v in row]
    assert "Kazakhstan (KZ)" in flat and exported.digest in flat
    progress = workbook["Progress"]
    assert progress.row_dimensions[1].hidden
    assert [c.value for c in progress[1]][:3] == ["commitment_id", "period", "action"]
    assert progress["E2"].value == "Status"
    assert progress.freeze_panes == "C3"
    assert progress.print_title_rows == "$2:$2"
    assert progress.page_setup.orientation == "landscape"
    assert progress.protection.sheet
    assert workbook.security.lockStructure


def test_fillable_cells_are_unlocked_and_validated(exported):
    workbook = load_workbook(exported.path)
    progress = workbook["Progress"]
    assert not progress["E3"].protection.locked  # status
    assert progress["A3"].protection.locked  # the commitment id
    rules = {str(rule.sqref): rule for rule in progress.data_validations.dataValidation}
    status = next(rule for ref, rule in rules.items() if ref.startswith("E3"))
    assert status.type == "list" and "_lists" in status.formula1
    percent = next(rule for ref, rule in rules.items() if ref.startswith("F3"))
    assert (percent.type, percent.formula1, percent.formula2) == ("whole", "0", "100")
    lists = [row[0] for row in workbook["_lists"].iter_rows(values_only=True) if row[0]]
    assert lists == ["Not started", "On track", "Delayed", "Completed", "Cancelled"]
    commitments = workbook["Commitments"]
    assert commitments["H3"].number_format == "[$-409]m\\/d\\/yyyy"  # English short date
    assert isinstance(commitments["H3"].value, dt.datetime)
    assert commitments["E3"].number_format == "@"


def test_formula_looking_texts_are_written_as_text(demo_db, out_dir):
    commitment_id = _first_commitment(demo_db)
    _record_tricky(demo_db, commitment_id)
    result = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    sheet = load_workbook(result.path)["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == commitment_id)
    by_key = {key.value: cell for key, cell in zip(sheet[1], row, strict=False)}
    for key, text in TRICKY.items():
        assert by_key[key].value == text
        assert by_key[key].data_type == "s"


def test_export_is_deterministic_and_independent_of_header_language(demo_db, tmp_path, catalogs):
    first, second, russian = (tmp_path / name for name in ("a", "b", "ru"))
    for folder in (first, second, russian):
        folder.mkdir()
    a = export_submission(demo_db, "KZ", PERIOD, "en", first, now=NOW)
    b = export_submission(demo_db, "KZ", PERIOD, "en", second, now=NOW)
    ru = export_submission(demo_db, "KZ", PERIOD, "ru", russian, now=NOW)
    assert a.digest == b.digest == ru.digest
    assert _all_cells(a.path) == _all_cells(b.path)
    assert load_workbook(ru.path).sheetnames[0] == "Титульный лист"


def test_right_to_left_languages_get_right_to_left_sheets(demo_db, out_dir):
    result = export_submission(demo_db, "KZ", PERIOD, "fa", out_dir, now=NOW)
    workbook = load_workbook(result.path)
    assert workbook.worksheets[0].sheet_view.rightToLeft
    assert workbook.worksheets[2].sheet_view.rightToLeft


def test_history_export_locks_earlier_periods(demo_db, out_dir):
    result = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, history=True, now=NOW)
    sheet = load_workbook(result.path)["Progress"]
    periods = [row[1].value for row in sheet.iter_rows(min_row=3)]
    assert periods[0] == PERIOD and len(set(periods)) == 6
    first_earlier = next(row for row in sheet.iter_rows(min_row=3) if row[1].value != PERIOD)
    assert first_earlier[4].protection.locked
    assert result.rows["progress"] > 40


def test_reopened_period_exports_the_next_revision(demo_db, out_dir):
    export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    with demo_db.transaction() as session:
        reopen_period(session, "KZ", period_by_code(session, PERIOD))
    again = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    assert again.revision == 2 and again.path.name == f"AP_KZ_{PERIOD}_r2.xlsx"


def test_failed_write_leaves_no_file_and_no_record(demo_db, out_dir, monkeypatch):
    def broken_save(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.ExcelWriter, "save", broken_save)
    with pytest.raises(ExportFailedError) as failed:
        export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    assert "No space left on device" in failed.value.message()
    assert list(out_dir.iterdir()) == []
    with demo_db.reading() as session:
        period = period_by_code(session, PERIOD)
        assert session.scalar(select(Submission).where(Submission.period_id == period.id,
                                                       Submission.country_code == "KZ")) is None


def test_missing_folder_is_a_clear_error(demo_db, tmp_path):
    with pytest.raises(ExportFailedError) as failed:
        export_submission(demo_db, "KZ", PERIOD, "en", tmp_path / "nowhere", now=NOW)
    assert "nowhere" in failed.value.message()


def test_a_crashed_exports_temporary_file_is_hidden_and_cleaned_later(demo_db, out_dir):
    """A kill mid-write leaves `.~….part`: not a workbook name, and the next export removes it."""
    import os
    import time

    abandoned = out_dir / f".~AP_KZ_{PERIOD}_r1.0badf00d.part"
    abandoned.write_bytes(b"PK\x03\x04 half a workbook")
    running = out_dir / ".~AP_KZ_2026-H1_r1.1234abcd.part"  # another export, still writing
    running.write_bytes(b"PK\x03\x04")
    old = time.time() - atomic.ABANDONED_PARTIAL_SECONDS - 60
    os.utime(abandoned, (old, old))
    assert atomic.is_partial(abandoned) and abandoned.suffix != ".xlsx"
    assert abandoned.name.startswith(".")
    result = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    assert not abandoned.exists() and running.exists()
    assert sorted(p.name for p in out_dir.iterdir()) == sorted([result.path.name, running.name])
    assert not atomic.is_partial(result.path)


def test_characters_xml_cannot_carry_are_dropped_and_the_file_reads_back(demo_db, out_dir):
    """U+FFFF and U+FFFE are legal in a Python string and in SQLite, not in XML: a file with them
    would open in neither Excel nor this app."""
    from app.reports.submission.pipeline import preview, read_submission

    commitment_id = _first_commitment(demo_db)
    with demo_db.transaction() as session:
        period = period_by_code(session, PERIOD)
        record_progress(session, commitment_id, period.id, ProgressInput(
            status=ProgressStatus.ON_TRACK, percent=40, narrative="Law\uffff adopted\ufffe\x07."))
    result = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    parsed = read_submission(result.path)
    row = next(r for r in parsed.sheets["progress"].rows if r.values["commitment_id"] == commitment_id)
    assert row.values["narrative"] == "Law adopted."
    assert not parsed.edited_after_export and not preview(demo_db, parsed).has_changes
