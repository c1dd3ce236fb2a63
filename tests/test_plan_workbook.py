"""The plan workbook: written, read back unchanged, edits detected, bad files refused."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from app.models.services.plan.current import current_plan
from app.models.services.plan.document import document_from_plan
from app.models.services.plan.versions import (
    VersionChanges,
    adopt_plan_document,
    next_version_document,
    preview_plan_document,
)
from app.reports.errors import WorkbookRefusedError
from app.reports.plan_workbook.reader import read_plan_workbook
from app.reports.plan_workbook.writer import plan_digest, write_plan_workbook


@pytest.fixture
def v2_file(secretariat_db, tmp_path):
    """The secretariat's next plan version with a rename, a move and a retirement, as a file."""
    with secretariat_db.reading() as s:
        doc = next_version_document(s, VersionChanges(
            renames={("action", "2.1"): "2.1-new"}, moves={"3.1": "4"}, retire={"5.2"}))
    doc.objectives[0].titles["kk"] = "Негізгі серіктестер арасындағы ынтымақтастықты нығайту"
    doc.objectives[0].actions[0].titles["en"] = "=starts like a formula"
    return doc, write_plan_workbook(doc, tmp_path, "ru")


def test_round_trip_keeps_every_field(v2_file):
    doc, path = v2_file
    assert path.name == "AP_PLAN_RAP-TEMPLATE_v2.xlsx"
    read = read_plan_workbook(path)
    assert read.problems == []
    assert read.document == doc
    assert not read.edited_after_export and read.stored_digest == plan_digest(doc)
    book = load_workbook(path)
    assert [c.value for c in book["objectives"][1]][:3] == ["code", "title.en", "title.ru"]
    assert book["objectives"].row_dimensions[1].hidden  # machine keys: row 1, as in submissions
    assert book["objectives"]["A2"].value == "Код"  # headers in the chosen language, row 2
    assert "title.kk" in [c.value for c in book["objectives"][1]]
    assert [c.value for c in book["actions"][3]][3] == "=starts like a formula"
    assert book["actions"].cell(3, 4).data_type == "s"


def test_preview_of_the_file_names_renamed_moved_retired(secretariat_db, v2_file):
    _doc, path = v2_file
    read = read_plan_workbook(path)
    with secretariat_db.reading() as s:
        preview = preview_plan_document(s, read.document)
    assert preview.can_apply
    assert [(c.old_code, c.new_code) for c in preview.diff.renamed] == [("2.1", "2.1-new")]
    assert [c.old_code for c in preview.diff.moved] == ["3.1"]
    assert [c.old_code for c in preview.diff.retired] == ["5.2"]
    assert preview.commitments_flagged > 0
    with secretariat_db.transaction() as s:
        adopt_plan_document(s, read.document)
    with secretariat_db.reading() as s:
        plan = current_plan(s)
        assert (plan.version, plan.objectives[0].titles["kk"][:7]) == (2, "Негізгі")


def test_an_edited_file_is_flagged_and_bad_cells_are_located(v2_file, tmp_path):
    _doc, path = v2_file
    book = load_workbook(path)
    book["objectives"]["B3"] = "Edited in Excel"
    book["indicators"]["C4"] = "gauge"
    book["indicators"]["E4"] = "many"
    book["actions"]["A5"] = "99"
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    read = read_plan_workbook(edited)
    assert read.edited_after_export
    # Located as a person finds them in Excel: the cells edited above, with their column keys.
    located = {(p.where.sheet, p.where.row, p.where.column, p.where.header) for p in read.problems}
    assert {("indicators", 4, "C", "kind"), ("indicators", 4, "E", "target"),
            ("actions", 5, "A", "objective")} <= located
    kind = next(p for p in read.problems if p.where.header == "kind")
    assert "indicators, row 4, column C (kind)" in str(kind)


def test_files_that_are_not_plan_workbooks_are_refused(tmp_path, v2_file):
    _doc, path = v2_file
    text = tmp_path / "letter.xlsx"
    text.write_text("Dear colleagues")
    macro = tmp_path / "macro.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(macro, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("xl/vbaProject.bin", b"\0" * 10)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        target.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 30_000_000 + b">")
    other = tmp_path / "other.xlsx"
    book = load_workbook(path)
    del book["mapping"]
    book.save(other)
    newer = tmp_path / "newer.xlsx"
    book = load_workbook(path)
    book["plan"]["B4"] = 99
    book.save(newer)
    for bad, words in ((text, "not an Excel workbook"), (macro, "macros"), (bomb, "zip bomb"),
                       (other, "sheet mapping is missing"), (newer, "newer version")):
        with pytest.raises(WorkbookRefusedError) as info:
            read_plan_workbook(bad)
        assert words in info.value.message()


def test_a_plan_from_the_database_round_trips(secretariat_db, tmp_path):
    with secretariat_db.reading() as s:
        doc = document_from_plan(current_plan(s))
    assert read_plan_workbook(write_plan_workbook(doc, tmp_path)).document == doc
