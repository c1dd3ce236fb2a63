"""The operations the crash harness kills, each with how to build its starting database.

Adding one (export, consolidation) is a few lines: a `prepare` that builds the starting
workspace (in the parent, once), a `run` that performs the real operation (in the child that gets
killed), and, when the database alone does not show the outcome, a `state` that does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from sqlalchemy import delete, select

from app.models.backup import list_backups, verify_backup
from app.models.database import open_database
from app.models.demo import create_demo_workspace, generate
from app.models.enums import WorkspaceRole
from app.models.lock import WorkspaceLock
from app.models.migrate import alembic_config, script_directory
from app.models.reporting import Commitment, ProgressUpdate
from app.models.services.backups import REASON_MANUAL, back_up, backups, restore
from app.models.services.periods import current_period, previous_period
from app.models.services.progress import copy_from_previous, updates_for_period
from app.models.services.workspace import ProfileInput, create_workspace
from app.reports.batch_import import import_batch
from app.reports.submission_export import export_submission

TODAY = dt.date(2026, 11, 26)
COUNTRY = "KZ"
RECEIVED_PERIOD = "2026-H2"
RECEIVED_AT = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)  # a fixed time: runs compare equal


class BrokenDatabaseError(AssertionError):
    """The database after a kill fails a check that must always hold."""


def database_state(path: Path) -> Hashable:
    """The content of every table (timestamps left out), after checking the file's integrity.

    Read with plain sqlite3 before the app opens the file, so a migration at open does not hide
    what the kill left behind.
    """
    connection = sqlite3.connect(path)
    try:
        check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            raise BrokenDatabaseError(f"integrity_check: {check[:3]}")
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        state = []
        for table in tables:
            columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')
                       if not row[1].endswith("_at")]
            listed = ", ".join(f'"{c}"' for c in columns)
            digest = hashlib.sha256()
            count = 0
            for row in connection.execute(f'SELECT {listed} FROM "{table}" ORDER BY {listed}'):
                digest.update(repr(row).encode())
                count += 1
            state.append((table, count, digest.hexdigest()[:16]))
        return tuple(state)
    finally:
        connection.close()


def backups_state(path: Path) -> Hashable:
    """The database's state and how many backups sit beside it."""
    return database_state(path), len(list_backups(path))


def check_backups(path: Path) -> None:
    """Every file named as a backup is a complete, intact database (a kill leaves only `.part`)."""
    for info in list_backups(path):
        verify_backup(info.path)


#: The child side of an operation: `run(path, begin)`, calling `begin()` where the part to be killed
#: starts (after opening the workspace, say), so kills are spread over the operation itself.
Run = Callable[[Path, Callable[[], None]], None]


@dataclass(frozen=True)
class Operation:
    name: str
    prepare: Callable[[Path], None]
    run: Run
    state: Callable[[Path], Hashable] = database_state
    #: A deliberately unsafe operation that shows the harness can see a half-done one.
    control: bool = False


OPERATIONS: dict[str, Operation] = {}


def operation(name: str, prepare: Callable[[Path], None],
              state: Callable[[Path], Hashable] = database_state, *, control: bool = False
              ) -> Callable[[Run], Run]:
    """Register the decorated function as the child side of an operation."""
    def register(run: Run) -> Run:
        OPERATIONS[name] = Operation(name, prepare, run, state, control)
        return run
    return register


def campaign() -> list[str]:
    """The operations the app really performs (the controls left out)."""
    return [name for name, op in OPERATIONS.items() if not op.control]


# Each run holds the workspace lock as the app does, so every kill also leaves a stale lock.

# --- migration ------------------------------------------------------------------------------
def prepare_migration(path: Path) -> None:
    """An older database: the demo one revision back, or (with one revision) an unversioned one."""
    revisions = list(script_directory().walk_revisions())
    if len(revisions) > 1:
        create_demo_workspace(path, size="small", today=TODAY).close()
        db = open_database(path)
        config = alembic_config()
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, revisions[1].revision)
        db.close()
        return
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE legacy_note (id INTEGER PRIMARY KEY, text TEXT)")
        connection.executemany("INSERT INTO legacy_note (text) VALUES (?)",
                               [(f"years of work, note {n}",) for n in range(2000)])
    connection.close()


@operation("migration", prepare_migration)
def run_migration(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        begin()
        open_database(path).close()  # backs up, then migrates


# --- demo generation into an existing workspace -------------------------------------------
def prepare_empty_workspace(path: Path) -> None:
    create_workspace(path, ProfileInput(role=WorkspaceRole.COORDINATOR, country_code=COUNTRY,
                                        coordinator_name="Crash Test"), TODAY).close()


@operation("demo", prepare_empty_workspace)
def run_demo(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        db = open_database(path)
        begin()
        generate(db, role=WorkspaceRole.COORDINATOR, country=COUNTRY, size="large", seed=3,
                 language="en", today=TODAY)
        db.close()


# --- copy progress forward from the previous period ---------------------------------------
def prepare_copy_forward(path: Path) -> None:
    db = create_demo_workspace(path, size="large", seed=5, today=TODAY)
    with db.transaction() as session:
        period = current_period(session, TODAY)
        assert period is not None
        ids = select(Commitment.id).where(Commitment.country_code == COUNTRY)
        session.execute(delete(ProgressUpdate).where(ProgressUpdate.period_id == period.id,
                                                     ProgressUpdate.commitment_id.in_(ids)))
    db.close()


@operation("copy-forward", prepare_copy_forward)
def run_copy_forward(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        db = open_database(path)
        begin()
        with db.transaction() as session:
            period = current_period(session, TODAY)
            assert period is not None
            copy_from_previous(session, COUNTRY, period)
        db.close()


# --- backup --------------------------------------------------------------------------------
def prepare_large(path: Path) -> None:
    create_demo_workspace(path, size="large", seed=7, today=TODAY).close()


@operation("backup", prepare_large, state=backups_state)
def run_backup(path: Path, begin: Callable[[], None]) -> None:
    begin()  # no lock: a backup only reads the workspace, and is safe while the app has it open
    back_up(path, REASON_MANUAL)


# --- restore while open --------------------------------------------------------------------
def prepare_restore(path: Path) -> None:
    """A backup of the large demo, then a workspace that has moved on from it."""
    db = create_demo_workspace(path, size="large", seed=9, today=TODAY)
    back_up(path, REASON_MANUAL)
    with db.transaction() as session:
        session.execute(delete(ProgressUpdate).where(ProgressUpdate.id % 3 == 0))
    db.close()


@operation("restore", prepare_restore)
def run_restore(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        source = next(info.path for info in backups(path) if info.reason == REASON_MANUAL)
        db = open_database(path)
        begin()
        restore(db, source)  # backs up the current state, then copies the backup in
        db.close()


# --- the secretariat receives a submission ---------------------------------------------------
def prepare_receive(path: Path) -> None:
    """The large secretariat demo, and beside it a coordinator's export it has not received yet."""
    create_demo_workspace(path, role=WorkspaceRole.SECRETARIAT, size="large", seed=5,
                          today=TODAY).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM submission WHERE country_code = ? AND period_id = (SELECT "
                           "id FROM reporting_period WHERE code = ?)", (COUNTRY, RECEIVED_PERIOD))
    connection.close()
    inbox = path.parent / "inbox"
    inbox.mkdir()
    coordinator = create_demo_workspace(path.parent / "coordinator.sqlite", size="large", seed=11,
                                        today=TODAY)
    export_submission(coordinator, COUNTRY, RECEIVED_PERIOD, "en", inbox)
    coordinator.close()
    (path.parent / "coordinator.sqlite").unlink()


@operation("receive", prepare_receive)
def run_receive(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        db = open_database(path)
        begin()
        result = import_batch(db, [path.parent / "inbox"], now=RECEIVED_AT)  # backup, one transaction
        assert len(result.applied) == 1, [o.line() for o in result.outcomes]
        db.close()


# --- control: the same copy, one transaction per row, as the app must never do ----------------
@operation("control-unsafe-copy", prepare_copy_forward, control=True)
def run_unsafe_copy(path: Path, begin: Callable[[], None]) -> None:
    db = open_database(path)
    with db.reading() as session:
        period = current_period(session, TODAY)
        assert period is not None
        before = previous_period(session, period)
        assert before is not None
        updates = list(updates_for_period(session, COUNTRY, before.id).values())
    begin()
    for old in updates:
        with db.transaction() as session:
            session.add(ProgressUpdate(commitment_id=old.commitment_id, period_id=period.id,
                                       status=old.status, percent=old.percent,
                                       narrative=old.narrative))
    db.close()
