"""Hostile and broken files are refused with a clear message, in bounded memory, nothing changed."""

from __future__ import annotations

import tracemalloc

import pytest

from app.cli import main
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.read import read_submission
from app.reports.xlsx.safety import check_workbook_file

from .conftest import database_digest
from .hostile import CASES


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_file_is_refused_with_its_reason(case, exported, tmp_path):
    make, reason = CASES[case]
    path = make(exported.path, tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(WorkbookRefusedError) as refused:
            read_submission(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.reason == reason
    assert path.name in refused.value.message()
    assert peak < 80 * 1024 * 1024


@pytest.mark.parametrize("case", list(CASES))
def test_command_line_import_of_hostile_file_leaves_database_untouched(case, demo_db, exported,
                                                                       tmp_path, capsys):
    make, _reason = CASES[case]
    path = make(exported.path, tmp_path)
    before = database_digest(demo_db)
    code = main(["import", "--db", str(demo_db.path), str(path)])
    assert code != 0
    assert path.name in capsys.readouterr().err
    assert database_digest(demo_db) == before


def test_the_exported_workbook_itself_passes_the_checks(exported):
    check_workbook_file(exported.path)


def test_entity_declarations_are_refused_by_defusedxml_too(exported, tmp_path):
    """The quick scan reads only the start of each part; the parser refuses the rest."""
    from .hostile import hidden_entity

    path = hidden_entity(exported.path, tmp_path)
    check_workbook_file(path)
    with pytest.raises(WorkbookRefusedError) as refused:
        read_submission(path)
    assert refused.value.reason == "xml_entities"


def test_openpyxl_parses_through_defusedxml():
    from openpyxl.xml import DEFUSEDXML, functions

    assert DEFUSEDXML
    assert functions.iterparse.__module__.startswith("defusedxml")
