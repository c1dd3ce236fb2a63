"""Names, codes and locations lose the characters that reorder or hide text (issue 14), on export
and import alike, so the digest agrees; free texts keep them (they are shown as marks)."""

from __future__ import annotations

from openpyxl import load_workbook

from app.reports.submission.data import parse_evidence
from app.reports.submission.export import export_submission
from app.reports.submission.read import read_submission

from .conftest import NOW, PERIOD

HIDDEN = "\u202e\u200b\u2066\ufeff"


def _first_commitment_id(db) -> int:
    with db.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT min(id) FROM commitment WHERE country_code = 'KZ'").scalar()


def test_a_name_with_hidden_characters_exports_and_reads_back_unchanged(demo_db, out_dir):
    ident = _first_commitment_id(demo_db)
    with demo_db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE commitment SET lead_agency = ? WHERE id = ?",
                                   (f"Mini{HIDDEN}stry", ident))
    parsed = read_submission(export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW).path)
    assert not parsed.edited_after_export and not parsed.edits  # the digest agrees
    row = next(r for r in parsed.sheets["commitments"].rows if r.values["id"] == ident)
    assert row.values["lead_agency"] == "Ministry"


def test_a_received_name_and_location_lose_them_a_narrative_keeps_them(exported, tmp_path):
    workbook = load_workbook(exported.path)
    commitments, progress = workbook["Commitments"], workbook["Progress"]
    keys = {cell.value: cell.column for cell in commitments[1]}
    commitments.cell(3, keys["lead_agency"], f"Agency{HIDDEN}evil")
    keys = {cell.value: cell.column for cell in progress[1]}
    row = next(r[0].row for r in progress.iter_rows(min_row=3) if r[0].value)
    progress.cell(row, keys["evidence"], "Report | C:\\Reports\\report\u202efdp.exe")
    progress.cell(row, keys["narrative"], f"Kept{HIDDEN}as written")
    edited = tmp_path / "hidden.xlsx"
    workbook.save(edited)
    parsed = read_submission(edited)
    assert parsed.sheets["commitments"].rows[0].values["lead_agency"] == "Agencyevil"
    progress_row = next(r for r in parsed.sheets["progress"].rows if r.number == row)
    assert parse_evidence(progress_row.values["evidence"]) == [("Report",
                                                                "C:\\Reports\\reportfdp.exe")]
    assert progress_row.values["narrative"] == f"Kept{HIDDEN}as written"
