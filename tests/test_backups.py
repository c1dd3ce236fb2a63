"""Backups are verified single files named by date and reason; restore replaces the open workspace
and can itself be undone; a damaged database is moved aside and its newest intact backup put back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from app.models.errors import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    DiskFullError,
    NoGoodBackupError,
)
from app.models.orm.reporting import Commitment
from app.models.services.reporting.commitments import CommitmentInput, add_commitment
from app.models.services.workspace import backups as service
from app.models.storage import backup as backup_module
from app.models.storage.backup import list_backups, parse_backup_name, verify_backup
from app.models.storage.database import open_database
from app.models.storage.workspace_identity import workspace_id

NOON = dt.datetime(2026, 11, 26, 12, 0)


def _add(db, text: str) -> None:
    with db.transaction() as session:
        add_commitment(session, "KZ", CommitmentInput(action_id=1, description=text,
                                                      lead_agency="Migration Service"))


def _descriptions(db) -> set[str]:
    with db.reading() as session:
        return set(session.scalars(select(Commitment.description)))


def _damage(path: Path) -> None:
    """Overwrite pages in the middle of the file, as a failing disk would."""
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xde\xad" * 4096 * 4)


def test_backup_is_a_verified_single_file_named_by_date_and_reason(coordinator_db):
    _add(coordinator_db, "Train border guards")
    info = service.back_up(coordinator_db.path, service.REASON_IMPORT, NOON)
    assert info.path.parent == coordinator_db.path.parent / "backups"
    owner = workspace_id(coordinator_db.path).replace("-", "")[:12]
    assert info.path.name == f"workspace.sqlite-{owner}-20261126-120000-000000-before-import.sqlite"
    assert (info.made_at, info.reason) == (NOON, "before-import")
    assert info.size == info.path.stat().st_size > 0
    assert not list(info.path.parent.glob("*.part*"))
    copy = sqlite3.connect(info.path)
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # no -wal beside it
    assert copy.execute("SELECT description FROM commitment").fetchall() == [("Train border guards",)]
    copy.close()
    assert verify_backup(info.path) is not None


def test_listing_is_newest_first_and_ignores_other_files(coordinator_db, tmp_path):
    for hours, reason in ((0, "daily"), (2, "manual"), (1, "before-plan-update")):
        service.back_up(coordinator_db.path, reason, NOON + dt.timedelta(hours=hours))
    folder = tmp_path / "backups"
    (folder / "workspace-other-20261126-120000-000000-manual.sqlite").write_bytes(b"")
    (folder / "demo-KZ-20261126-120000-000000-manual.sqlite").write_bytes(b"")
    (folder / "notes.txt").write_text("not a backup")
    listed = service.backups(coordinator_db.path)
    assert [b.reason for b in listed] == ["manual", "before-plan-update", "daily"]
    assert parse_backup_name(coordinator_db.path, "workspace-20261126-120000-000000-x.sqlite")
    assert parse_backup_name(coordinator_db.path, "workspace-2026-manual.sqlite") is None


def test_reason_labels_are_translated_words():
    assert service.reason_label("before-migration-unversioned") == "Before a database upgrade"
    assert service.reason_label("daily") == "Daily backup"
    assert service.reason_label("something-new") == "something-new"


def test_disk_full_while_writing_a_backup_leaves_nothing_half_written(coordinator_db,
                                                                       monkeypatch):
    _add(coordinator_db, "Kept safe")

    def full(source, target):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(backup_module, "_copy_pages", full)
    with pytest.raises(DiskFullError) as info:
        service.back_up(coordinator_db.path)
    assert "no space left" in info.value.message()
    assert list((coordinator_db.path.parent / "backups").iterdir()) == []
    assert _descriptions(coordinator_db) == {"Kept safe"}


def test_a_damaged_database_is_not_backed_up_over_good_backups(coordinator_db):
    good = service.back_up(coordinator_db.path, now=NOON)
    coordinator_db.close()
    _damage(coordinator_db.path)
    with pytest.raises(DatabaseDamagedError) as info:
        service.back_up(coordinator_db.path)
    assert str(coordinator_db.path) in info.value.message()
    assert [b.path for b in list_backups(coordinator_db.path)] == [good.path]


def test_daily_backup_once_a_day(coordinator_db):
    first = service.ensure_daily_backup(coordinator_db.path, NOON)
    assert first is not None and first.reason == "daily"
    assert service.ensure_daily_backup(coordinator_db.path, NOON + dt.timedelta(hours=5)) is None
    assert service.ensure_daily_backup(coordinator_db.path, NOON + dt.timedelta(days=1))
    assert len(service.backups(coordinator_db.path)) == 2


def test_folder_is_thinned_after_each_backup(coordinator_db):
    start = dt.datetime(2025, 1, 1, 9, 0)
    made = [start + dt.timedelta(days=day) for day in range(0, 180, 3)]  # used every third day
    for moment in made:
        service.back_up(coordinator_db.path, "daily", moment)
    kept = service.backups(coordinator_db.path)
    assert 7 <= len(kept) <= 3 + 7 + 4 + 12 < len(made)
    assert [b.made_at for b in kept[:7]] == made[::-1][:7]  # the last seven days it was used
    assert min(b.made_at for b in kept) <= dt.datetime(2025, 2, 1)  # monthly ones reach back


def test_restore_while_open_and_undo_it(coordinator_db):
    _add(coordinator_db, "Before the backup")
    backup = service.back_up(coordinator_db.path, now=NOON)
    _add(coordinator_db, "After the backup")
    before = service.restore(coordinator_db, backup.path, NOON + dt.timedelta(minutes=5))
    assert before.reason == "before-restore"
    assert _descriptions(coordinator_db) == {"Before the backup"}
    _add(coordinator_db, "Written after the restore")  # the same Database object keeps working
    assert _descriptions(coordinator_db) == {"Before the backup", "Written after the restore"}
    service.restore(coordinator_db, before.path)
    assert _descriptions(coordinator_db) == {"Before the backup", "After the backup"}
    reopened = open_database(coordinator_db.path)
    assert _descriptions(reopened) == {"Before the backup", "After the backup"}
    reopened.close()


def test_restore_refuses_a_damaged_backup_and_changes_nothing(coordinator_db):
    _add(coordinator_db, "Precious")
    backup = service.back_up(coordinator_db.path, now=NOON)
    _damage(backup.path)
    with pytest.raises(DatabaseDamagedError):
        service.restore(coordinator_db, backup.path)
    assert _descriptions(coordinator_db) == {"Precious"}
    assert [b.reason for b in service.backups(coordinator_db.path)] == ["manual"]


def test_restore_refuses_a_backup_from_a_newer_app(coordinator_db):
    backup = service.back_up(coordinator_db.path, now=NOON)
    with sqlite3.connect(backup.path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    _add(coordinator_db, "Still here")
    with pytest.raises(DatabaseTooNewError):
        service.restore(coordinator_db, backup.path)
    assert _descriptions(coordinator_db) == {"Still here"}


def test_damaged_database_is_moved_aside_and_newest_good_backup_restored(coordinator_db):
    _add(coordinator_db, "Older")
    older = service.back_up(coordinator_db.path, now=NOON)
    _add(coordinator_db, "Newer")
    newest = service.back_up(coordinator_db.path, now=NOON + dt.timedelta(hours=1))
    _damage(newest.path)  # the newest backup is bad too: the one before it is used
    coordinator_db.close()
    _damage(coordinator_db.path)
    damaged_bytes = coordinator_db.path.read_bytes()
    with pytest.raises(DatabaseDamagedError):
        open_database(coordinator_db.path)
    assert service.newest_good_backup(coordinator_db.path).path == older.path
    outcome = service.recover_damaged(coordinator_db.path)
    assert outcome.restored == older.path and outcome.before is None
    assert outcome.moved_aside.read_bytes() == damaged_bytes  # kept, never deleted
    assert ".damaged-" in outcome.moved_aside.name
    db = open_database(coordinator_db.path)
    assert _descriptions(db) == {"Older"}
    db.close()


def test_no_good_backup_leaves_the_damaged_file_where_it_is(coordinator_db):
    coordinator_db.close()
    _damage(coordinator_db.path)
    damaged_bytes = coordinator_db.path.read_bytes()
    with pytest.raises(NoGoodBackupError) as info:
        service.recover_damaged(coordinator_db.path)
    assert "no intact backup" in info.value.message()
    assert coordinator_db.path.read_bytes() == damaged_bytes


def test_restore_closed_backs_up_an_intact_workspace_first(coordinator_db):
    _add(coordinator_db, "One")
    backup = service.back_up(coordinator_db.path, now=NOON)
    _add(coordinator_db, "Two")
    coordinator_db.close()
    outcome = service.restore_closed(coordinator_db.path, backup.path)
    assert outcome.moved_aside is None and outcome.before is not None
    db = open_database(coordinator_db.path)
    assert _descriptions(db) == {"One"}
    db.close()
    with sqlite3.connect(outcome.before.path) as connection:
        assert {r[0] for r in connection.execute("SELECT description FROM commitment")} == {
            "One", "Two"}
