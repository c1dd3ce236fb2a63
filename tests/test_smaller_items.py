"""The smaller items of issue 14 ("What was seen" 8), one test each."""

from __future__ import annotations

import shutil
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest

from app.cli import main
from app.models.errors import DiskFullError, StorageFailureError, ValidationError, storage_error
from app.models.services.workspace import backups as service
from app.models.storage import backup as backup_module
from app.models.storage.lock import WorkspaceLock

FIXTURE_0001 = Path(__file__).parent / "fixtures" / "secretariat_0001.sqlite"


def _leftovers(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def test_a_failed_init_leaves_no_empty_database(db_path, monkeypatch, capsys):
    import app.models.services.workspace.profile as profile

    def refuse(*_args, **_kwargs):
        raise ValidationError("the profile could not be saved")

    monkeypatch.setattr(profile, "initialise", refuse)
    argv = ["init", "--db", str(db_path), "--role", "secretariat", "--name", "Support Unit"]
    assert main(argv) == 2
    assert not db_path.exists() and _leftovers(db_path) == []
    monkeypatch.undo()
    assert main(argv) == 0  # the retry does not find "a workspace already"


def test_a_failed_demo_leaves_no_empty_database(db_path, monkeypatch):
    import app.demo.generator as generator

    def fail(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(generator, "generate", fail)
    assert main(["demo", "--db", str(db_path)]) == 2
    assert not db_path.exists() and _leftovers(db_path) == []
    monkeypatch.undo()
    assert main(["demo", "--db", str(db_path)]) == 0


def test_export_takes_the_workspace_lock(db_path, tmp_path, capsys):
    assert main(["demo", "--db", str(db_path)]) == 0
    with WorkspaceLock(db_path):
        assert main(["export", "--db", str(db_path), "--out", str(tmp_path)]) == 2
    assert "open in another copy" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.xlsx"))


def test_import_takes_the_lock_before_opening_or_migrating(tmp_path, capsys):
    path = tmp_path / "old.sqlite"
    shutil.copyfile(FIXTURE_0001, path)
    before = path.read_bytes()
    with WorkspaceLock(path):
        assert main(["import", "--db", str(path), str(tmp_path / "any.xlsx")]) == 2
    assert "open in another copy" in capsys.readouterr().err
    assert path.read_bytes() == before  # not migrated
    assert not (tmp_path / "backups").exists()  # no before-migration backup either


def test_a_failed_backup_leaves_no_partial_files(db_path, monkeypatch):
    assert main(["demo", "--db", str(db_path)]) == 0
    real = backup_module._copy_pages

    def copy_then_fail(source, target):
        real(source, target)
        # The copy of a WAL database is WAL: when the disk fills, its close cannot checkpoint and
        # leaves its -wal and -shm beside it.
        partial = Path(target.execute("PRAGMA database_list").fetchone()[2])
        for suffix in ("-wal", "-shm"):
            partial.with_name(partial.name + suffix).write_bytes(b"\0" * 1024)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(backup_module, "_copy_pages", copy_then_fail)
    with pytest.raises(StorageFailureError):
        service.back_up(db_path)
    assert list((db_path.parent / "backups").iterdir()) == []


Usage = namedtuple("Usage", "total used free")


@pytest.mark.parametrize(("free", "expected"), [(16 * 1024, DiskFullError),
                                                (32 * 1024, DiskFullError),
                                                (50 * 1024 ** 3, StorageFailureError)])
def test_a_write_error_on_a_full_disk_says_the_disk_is_full(tmp_path, monkeypatch, free, expected):
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(10 ** 12, 10 ** 12 - free, free))
    error = storage_error(sqlite3.OperationalError("disk I/O error"), tmp_path / "w.sqlite")
    assert type(error) is expected
    if expected is DiskFullError:
        assert "no space left" in error.message()
