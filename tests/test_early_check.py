"""The workspace's full check started early (main.py, before the app's imports) and taken by
`open_database`: the same refusal of damage, never a second check, the usual check when the early
one could not tell."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import main
from app.models.errors import DatabaseDamagedError
from app.models.storage import database, integrity
from app.models.storage.integrity import start_early_check, take_early_check
from app.paths import default_database_path
from tests.test_damage_found_early import damage_header, flip_inside_a_text, workspace  # noqa: F401


@pytest.fixture
def checks(monkeypatch) -> list[Path]:
    """Every check `open_database` runs itself."""
    ran: list[Path] = []
    usual = database.check_integrity
    monkeypatch.setattr(database, "check_integrity",
                        lambda engine, path, **kw: ran.append(path) or usual(engine, path, **kw))
    return ran


def test_open_takes_the_early_result_and_does_not_check_again(workspace, checks,  # noqa: F811
                                                              monkeypatch):
    """The early thread runs `integrity_check`; the open reads the records (row by row, which in
    a thread would stall the imports it overlaps)."""
    records: list[Path] = []
    usual = database.check_records
    monkeypatch.setattr(database, "check_records",
                        lambda engine, path: records.append(path) or usual(engine, path))
    start_early_check(workspace)
    database.open_database(workspace).close()
    assert checks == [] and records == [workspace.resolve()]
    assert take_early_check(workspace.resolve()) is None
    database.open_database(workspace).close()  # taken once: the next open checks as usual
    assert checks == [workspace.resolve()]


@pytest.mark.parametrize("damage", [flip_inside_a_text, damage_header])
def test_damage_found_early_is_refused_on_open(workspace, checks, damage):  # noqa: F811
    damage(workspace)
    start_early_check(workspace)
    with pytest.raises(DatabaseDamagedError):
        database.open_database(workspace)
    assert len(checks) <= 1  # a header SQLite cannot read: the early check cannot tell


def test_when_the_early_check_cannot_tell_open_checks_as_usual(workspace, checks,  # noqa: F811
                                                               monkeypatch):
    def busy(connection, full=True, records=True):
        raise sqlite3.OperationalError("database is locked")

    with monkeypatch.context() as patched:
        patched.setattr(integrity, "integrity_problem", busy)
        start_early_check(workspace)
        early = take_early_check(workspace.resolve())
        assert early is not None and early.result() is None
        integrity._started[workspace.resolve()] = early  # as main.py left it
    database.open_database(workspace).close()
    assert checks == [workspace.resolve()]


def test_no_early_check_of_a_file_that_is_not_there(tmp_path):
    start_early_check(tmp_path / "new.sqlite")
    assert take_early_check((tmp_path / "new.sqlite").resolve()) is None
    assert not (tmp_path / "new.sqlite").exists()


@pytest.mark.parametrize(("argv", "expected"), [
    (["--db", "x.sqlite"], Path("x.sqlite")),
    (["--db=x.sqlite", "--quit-after-show", "--lang", "ru"], Path("x.sqlite")),
    ([], default_database_path()),
    (["--lang=kk"], default_database_path()),
    (["export", "--db", "x.sqlite"], None),
    (["--db", "x.sqlite", "backup"], None),
    (["--help"], None),
    (["--db"], None),
    (["--quit-after-show=yes"], None),
])
def test_main_checks_early_only_what_a_start_of_the_app_opens(argv, expected):
    assert main._workspace_to_open(argv) == expected
