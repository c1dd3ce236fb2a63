"""Backups belong to one workspace (issue 14): two workspaces with one file stem in one folder
never list, thin, restore or recover each other's backups."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.models.errors import ForeignBackupError
from app.models.orm.enums import WorkspaceRole
from app.models.services.workspace import backups as service
from app.models.storage.backup import list_backups
from app.models.storage.backup_thinning import RetentionPolicy
from app.models.storage.workspace_identity import derived_id, workspace_id
from tests.workspaces import WorkspaceTemplates

NOON = dt.datetime(2026, 11, 26, 12, 0)


@pytest.fixture
def pair(tmp_path: Path, today, workspace_templates: WorkspaceTemplates) -> tuple[Path, Path]:
    """`ws.sqlite` (a coordinator) and `ws.db` (the secretariat) side by side, one backup each."""
    coordinator, secretariat = tmp_path / "ws.sqlite", tmp_path / "ws.db"
    workspace_templates.demo_at(coordinator, seed=2, today=today).close()
    workspace_templates.demo_at(secretariat, role=WorkspaceRole.SECRETARIAT, seed=5,
                                today=today).close()
    service.back_up(coordinator, service.REASON_MANUAL, NOON)
    service.back_up(secretariat, service.REASON_MANUAL, NOON + dt.timedelta(hours=1))
    return coordinator, secretariat


def _role(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT role FROM workspace_profile").fetchone()[0]
    finally:
        connection.close()


def test_each_workspace_has_its_own_id_inside_and_in_its_backups_names(pair):
    coordinator, secretariat = pair
    ids = workspace_id(coordinator), workspace_id(secretariat)
    assert None not in ids and ids[0] != ids[1]
    for path, owner in zip(pair, ids, strict=True):
        listed = service.backups(path)
        assert len(listed) == 1
        assert owner.replace("-", "")[:12] in listed[0].path.name
        assert workspace_id(listed[0].path) == owner


def test_listing_shows_only_the_workspaces_own_backups(pair, capsys):
    coordinator, _secretariat = pair
    assert main(["backup", "--db", str(coordinator), "--list"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "ws.sqlite-" in out and "ws.db-" not in out


def test_restore_newest_takes_the_workspaces_own_backup(pair, capsys):
    coordinator, _secretariat = pair
    assert main(["restore", "--db", str(coordinator), "newest"]) == 0
    assert _role(coordinator) == "coordinator"


def test_restore_refuses_another_workspaces_backup(pair, capsys):
    coordinator, secretariat = pair
    foreign = service.backups(secretariat)[0].path
    assert main(["restore", "--db", str(coordinator), str(foreign)]) == 2
    assert "belongs to another workspace" in capsys.readouterr().err
    assert _role(coordinator) == "coordinator"
    with pytest.raises(ForeignBackupError):
        service.restore_closed(coordinator, foreign)


def test_thinning_one_workspace_keeps_the_others_backups(pair):
    coordinator, secretariat = pair
    for day in range(1, 6):
        service.back_up(coordinator, service.REASON_MANUAL, NOON + dt.timedelta(days=day),
                        thin=False)
    removed = service.thin_backups(coordinator, RetentionPolicy(recent=1, daily=0, weekly=0,
                                                                monthly=0))
    assert removed and all(path.name.startswith("ws.sqlite-") for path in removed)
    assert len(service.backups(secretariat)) == 1


def test_damaged_file_recovery_picks_its_own_backup(pair):
    coordinator, secretariat = pair
    with coordinator.open("r+b") as handle:
        handle.seek(40)
        handle.write(b"\xff" * 8)
    assert workspace_id(coordinator) is None  # unreadable: known by its file name only
    outcome = service.recover_damaged(coordinator)
    assert outcome.restored.name.startswith("ws.sqlite-")
    assert _role(coordinator) == "coordinator"
    assert len(service.backups(secretariat)) == 1


def test_backups_named_before_ids_are_attributed_by_their_content(pair, tmp_path):
    """A backup from before migration 0003: legacy name, no id column; its profile says whose."""
    coordinator, secretariat = pair
    folder = tmp_path / "backups"
    for path, hour in ((coordinator, 3), (secretariat, 4)):
        legacy = folder / f"ws-20261126-{hour:02d}0000-000000-daily.sqlite"
        shutil.copyfile(service.backups(path)[0].path, legacy)
        connection = sqlite3.connect(legacy)
        connection.execute("UPDATE workspace_profile SET workspace_id = ''")  # as before 0003
        connection.commit()
        row = connection.execute("SELECT role, country_code, created_at FROM workspace_profile"
                                 ).fetchone()
        connection.close()
        connection = sqlite3.connect(path)
        connection.execute("UPDATE workspace_profile SET workspace_id = ?", (derived_id(*row),))
        connection.commit()
        connection.close()
    names = [info.path.name for info in list_backups(coordinator)]
    assert "ws-20261126-030000-000000-daily.sqlite" in names
    assert "ws-20261126-040000-000000-daily.sqlite" not in names


def test_migration_derives_the_id_its_old_backups_carry(tmp_path):
    """Migration 0003 stores the derived id, so pre-upgrade backups still belong to the workspace."""
    from app.models.storage.database import open_database

    path = tmp_path / "secretariat.sqlite"
    path.write_bytes((Path(__file__).parent / "fixtures" / "secretariat_0001.sqlite").read_bytes())
    before = workspace_id(path)  # read from the 0001 profile (no id column): derived
    db = open_database(path)
    db.close()
    assert workspace_id(path) == before
    migration_backups = service.backups(path)
    assert [b.reason for b in migration_backups] == ["before-migration-0001"]


def test_a_backup_made_before_the_first_run_stays_listed(tmp_path: Path, today):
    """The daily backup at the first start is made before the profile exists: it is kept in view
    (and thinned) with the workspace's own."""
    from app.models.orm.enums import WorkspaceRole
    from app.models.services.workspace.profile import ProfileInput, initialise
    from app.models.storage.database import open_database

    path = tmp_path / "new.sqlite"
    db = open_database(path)
    early = service.back_up(path, service.REASON_DAILY, NOON)
    assert "-000000000000-" in early.path.name
    initialise(db, ProfileInput(role=WorkspaceRole.SECRETARIAT, country_code=None,
                                coordinator_name="Support Unit"), today)
    db.close()
    assert [b.path for b in service.backups(path)] == [early.path]
