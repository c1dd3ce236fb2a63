"""Disk full, database busy, read-only location, file deleted under the app: a clear message in the
user's language, and nothing already saved is lost."""

from __future__ import annotations

import errno
import gettext
import os
import sqlite3
import sys

import pytest
from sqlalchemy import create_engine, event, select

from app import i18n
from app.cli import main
from app.models.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseGoneError,
    DatabaseUnavailableError,
    DiskFullError,
    ReadOnlyLocationError,
    StorageFailureError,
    storage_error,
)
from app.models.orm.reporting import Commitment
from app.models.services.reporting.commitments import CommitmentInput, add_commitment
from app.models.storage import database as database_module
from app.models.storage.database import Database, _begin, _configure_connection, open_database


class Marked(gettext.NullTranslations):
    """A pseudo-language that brackets every string it translates."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"


@pytest.fixture
def pseudo_language(monkeypatch):
    monkeypatch.setattr(i18n, "_translations", Marked())


def _add(db: Database, text: str, size: int = 1) -> None:
    with db.transaction() as session:
        for _n in range(size):
            add_commitment(session, "KZ", CommitmentInput(action_id=1, description=text,
                                                          lead_agency="Migration Service"))


def _descriptions(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(session.scalars(select(Commitment.description)))


def test_disk_full_keeps_what_was_saved(coordinator_db, pseudo_language):
    _add(coordinator_db, "Saved before")

    @event.listens_for(coordinator_db.engine, "connect")
    def no_room_left(connection, _record):  # the file may not grow: SQLite reports a full disk
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    coordinator_db.engine.dispose()
    with pytest.raises(DiskFullError) as info:
        _add(coordinator_db, "x" * 5000, size=200)
    text = info.value.message()
    assert text.startswith("«There is no space left") and "{path}" not in text
    assert str(coordinator_db.path) in text
    assert _descriptions(coordinator_db) == ["Saved before"]


def test_database_busy_in_another_program(coordinator_db, monkeypatch):
    _add(coordinator_db, "Saved before")
    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    coordinator_db.engine.dispose()
    other = sqlite3.connect(coordinator_db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseBusyError) as info:
            _add(coordinator_db, "Not now")
        assert "Another program is using the database" in info.value.message()
    finally:
        other.execute("ROLLBACK")
        other.close()
    _add(coordinator_db, "After the other program let go")
    assert _descriptions(coordinator_db) == ["After the other program let go", "Saved before"]


def test_read_only_file(coordinator_db):
    _add(coordinator_db, "Saved before")
    coordinator_db.close()
    engine = create_engine(f"sqlite:///file:{coordinator_db.path}?mode=ro&uri=true")
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    read_only = Database(coordinator_db.path, engine)
    with pytest.raises(ReadOnlyLocationError) as info:
        _add(read_only, "Cannot be written")
    assert "read-only" in info.value.message()
    assert _descriptions(read_only) == ["Saved before"]
    read_only.close()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="file permissions do not bind the superuser")
def test_read_only_folder(tmp_path, capsys):
    folder = tmp_path / "shared"
    assert main(["demo", "--db", str(folder / "w.sqlite")]) == 0
    folder.chmod(0o555)
    try:
        assert main(["restore", "--db", str(folder / "w.sqlite"), "newest"]) == 2
        assert "read-only" in capsys.readouterr().err
        with pytest.raises(ReadOnlyLocationError):
            open_database(folder / "new.sqlite")
    finally:
        folder.chmod(0o755)


def test_file_deleted_under_the_app_is_written_back(coordinator_db, pseudo_language):
    _add(coordinator_db, "Saved before")
    coordinator_db.path.unlink()  # e.g. a clean-up tool, or the user in the file manager
    with pytest.raises(DatabaseGoneError) as info:
        _add(coordinator_db, "Lost, and said so")
    assert info.value.rescued
    assert info.value.message().startswith("«The database file")
    assert coordinator_db.path.exists()
    assert _descriptions(coordinator_db) == ["Saved before"]
    _add(coordinator_db, "Made again")
    reopened = open_database(coordinator_db.path)
    assert _descriptions(reopened) == ["Made again", "Saved before"]
    reopened.close()


def test_file_deleted_with_nothing_left_to_rescue(coordinator_db):
    coordinator_db.close()  # no connection keeps the deleted file's content any more
    coordinator_db.path.unlink()
    with pytest.raises(DatabaseGoneError) as info:
        _add(coordinator_db, "Nowhere to go")
    assert not info.value.rescued and "Restore the newest backup" in info.value.message()


@pytest.mark.parametrize(("error", "expected"), [
    (sqlite3.OperationalError("database or disk is full"), DiskFullError),
    (sqlite3.OperationalError("database is locked"), DatabaseBusyError),
    (sqlite3.OperationalError("attempt to write a readonly database"), ReadOnlyLocationError),
    (sqlite3.DatabaseError("database disk image is malformed"), DatabaseDamagedError),
    (sqlite3.DatabaseError("file is not a database"), DatabaseDamagedError),
    (sqlite3.OperationalError("disk I/O error"), StorageFailureError),
    (sqlite3.OperationalError("unable to open database file"), DatabaseUnavailableError),
    (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
    (OSError(errno.EROFS, "Read-only file system"), ReadOnlyLocationError),
    (OSError(errno.EACCES, "Permission denied"), ReadOnlyLocationError),
    (OSError(errno.EIO, "Input/output error"), StorageFailureError),
])
def test_one_translator_for_low_level_errors(tmp_path, error, expected):
    mapped = storage_error(error, tmp_path / "w.sqlite")
    assert type(mapped) is expected
    assert str(tmp_path / "w.sqlite") in mapped.message()


def test_programming_errors_are_not_disguised(tmp_path):
    assert storage_error(sqlite3.OperationalError("no such table: nowhere"), tmp_path) is None
    assert storage_error(ValueError("bug"), tmp_path) is None


def test_disk_full_during_migration_leaves_the_old_database(db_path, monkeypatch):
    with sqlite3.connect(db_path) as connection:  # an unversioned database with data
        connection.execute("CREATE TABLE legacy_note (text TEXT)")
        connection.execute("INSERT INTO legacy_note VALUES ('years of work')")
    original = database_module.make_engine

    def cramped(path):
        engine = original(path)

        @event.listens_for(engine, "connect")
        def no_room_left(connection, _record):
            pages = connection.execute("PRAGMA page_count").fetchone()[0]
            connection.execute(f"PRAGMA max_page_count = {pages}")

        return engine

    monkeypatch.setattr(database_module, "make_engine", cramped)
    with pytest.raises(DiskFullError):
        open_database(db_path)
    with sqlite3.connect(db_path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert tables == {"legacy_note"}
        assert connection.execute("SELECT text FROM legacy_note").fetchall() == [("years of work",)]
