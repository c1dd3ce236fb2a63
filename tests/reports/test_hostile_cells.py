"""Workbooks that open but hold hostile or wrong cells: every bad cell is reported where it is and
nothing is applied; what is merely unusual (any script, invisible characters) is read as written."""

from __future__ import annotations

import re
import tracemalloc

import pytest
from sqlalchemy import select

from app.cli import main
from app.models.orm.reporting import ProgressUpdate
from app.reports.errors import PreviewHasErrorsError
from app.reports.submission.pipeline import apply, preview, read_submission

from .conftest import database_digest
from .hostile import CELL_CASES

#: Peak memory Python may allocate to read and preview one case (the 1 MB texts need a few MB).
MEMORY_BOUND = 80 * 1024 * 1024


@pytest.mark.parametrize("case", list(CELL_CASES))
def test_bad_cells_are_reported_and_nothing_is_applied(case, demo_db, exported, tmp_path):
    path, expected = CELL_CASES[case](exported.path, tmp_path)
    before = database_digest(demo_db)
    tracemalloc.start()
    try:
        parsed = read_submission(path)
        shown = preview(demo_db, parsed)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND
    found = {(e.where.sheet, e.where.row, e.where.column): e.message for e in shown.errors}
    assert set(found) == expected.errors
    assert all(re.search(expected.says, message) for message in found.values()), found
    for (sheet, row, key), value in expected.values.items():
        read = next(r for r in parsed.sheets[sheet].rows if r.number == row)
        assert read.values[key] == value
    if expected.errors:
        with pytest.raises(PreviewHasErrorsError):
            apply(demo_db, shown)
        assert database_digest(demo_db) == before


@pytest.mark.parametrize("case", [name for name in CELL_CASES if name not in (
    "control and invisible characters", "mixed scripts")])
def test_command_line_import_with_bad_cells_names_them_and_changes_nothing(case, demo_db, exported,
                                                                           tmp_path, capsys):
    path, expected = CELL_CASES[case](exported.path, tmp_path)
    before = database_digest(demo_db)
    assert main(["import", "--db", str(demo_db.path), str(path)]) == 1
    printed = capsys.readouterr().out
    for sheet, row, column in expected.errors:
        assert f"{sheet}, row {row}, column {column}" in printed
    assert "Nothing was applied" in printed
    assert database_digest(demo_db) == before


@pytest.mark.parametrize("case", ["control and invisible characters", "mixed scripts"])
def test_unusual_texts_are_stored_exactly_as_written(case, demo_db, exported, tmp_path):
    path, expected = CELL_CASES[case](exported.path, tmp_path)
    shown = preview(demo_db, read_submission(path))
    assert shown.errors == [] and shown.can_apply
    apply(demo_db, shown)
    (text,) = set(expected.values.values())
    with demo_db.reading() as session:
        stored = session.execute(select(ProgressUpdate.narrative, ProgressUpdate.challenges).where(
            ProgressUpdate.narrative == text)).all()
    assert [tuple(row) for row in stored] == [(text, text)]
