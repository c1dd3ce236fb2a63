"""The operations the crash harness kills, each with how to build its starting database.

Adding one is a few lines: a `prepare` that builds the starting workspace (in the parent, once), a
`run` that performs the real operation (in the child that gets killed), and, when the database alone
does not show the outcome, a `state` that does. A `detail` names what a kill left besides the
database (an export's file, say), for the table of outcomes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from alembic import command
from openpyxl import load_workbook
from openpyxl.writer.excel import ExcelWriter
from sqlalchemy import delete, select

from app.demo.generator import create_demo_workspace, generate
from app.models.orm.enums import WorkspaceRole
from app.models.orm.reporting import Commitment, ProgressUpdate
from app.models.services.reporting.periods import current_period, previous_period
from app.models.services.reporting.progress import copy_from_previous, updates_for_period
from app.models.services.workspace.backups import REASON_MANUAL, back_up, backups, restore
from app.models.services.workspace.profile import ProfileInput, create_workspace
from app.models.storage.backup import list_backups, verify_backup
from app.models.storage.database import open_database
from app.models.storage.lock import WorkspaceLock
from app.models.storage.migrate import alembic_config, script_directory
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.batch import import_batch
from app.reports.submission.content import collect_submission
from app.reports.submission.export import build_workbook, export_submission
from app.reports.submission.pipeline import apply, preview, read_submission
from app.reports.xlsx.atomic import is_partial

TODAY = dt.date(2026, 11, 26)
#: Fixed, so that what an export records (and the change log of it) is the same on every run.
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
COUNTRY = "KZ"
PERIOD = "2026-H2"
RECEIVED_PERIOD = "2026-H2"
RECEIVED_AT = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)  # a fixed time: runs compare equal


class BrokenDatabaseError(AssertionError):
    """The database after a kill fails a check that must always hold."""


#: Columns whose values are random by design (a new workspace's key pair).
RANDOM_COLUMNS = frozenset({"private_key", "public_key"})


def database_state(path: Path) -> Hashable:
    """The content of every table (timestamps left out), after checking the file's integrity.

    Read with plain sqlite3 before the app opens the file, so a migration at open does not hide
    what the kill left behind. The workspace's signing key is random by design, so only whether
    it is there counts (its bytes, and the change log's copy of the public key, are left out).
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
                       if not row[1].endswith("_at") and row[1] not in RANDOM_COLUMNS]
            listed = ", ".join(f'"{c}"' for c in columns)
            where = " WHERE entity <> 'signing_key'" if table == "change_log" else ""
            digest = hashlib.sha256()
            count = 0
            for row in connection.execute(
                    f'SELECT {listed} FROM "{table}"{where} ORDER BY {listed}'):
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
    detail: Callable[[Path], str] | None = None


OPERATIONS: dict[str, Operation] = {}


def operation(name: str, prepare: Callable[[Path], None],
              state: Callable[[Path], Hashable] = database_state, *, control: bool = False,
              detail: Callable[[Path], str] | None = None) -> Callable[[Run], Run]:
    """Register the decorated function as the child side of an operation."""
    def register(run: Run) -> Run:
        OPERATIONS[name] = Operation(name, prepare, run, state, control, detail)
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


# --- export of a submission --------------------------------------------------------------------
EXPORT_FOLDER = "out"
EXPORTED_NAME = f"AP_{COUNTRY}_{PERIOD}_r1.xlsx"


def prepare_export(path: Path) -> None:
    create_demo_workspace(path, size="large", seed=11, today=TODAY).close()
    (path.parent / EXPORT_FOLDER).mkdir()


def _recorded_export(path: Path) -> tuple[str, str] | None:
    """(digest, file name) of the export the database records for the period, if any."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT s.digest, s.file_name FROM submission s JOIN reporting_period p "
            "ON p.id = s.period_id WHERE p.code = ? AND s.country_code = ? AND s.state = 'exported'",
            (PERIOD, COUNTRY)).fetchone()
    finally:
        connection.close()


def exported_file(path: Path) -> str:
    """What a (killed) export left in its folder: "no file" or "complete file".

    Raises when a workbook is half-written or fails its digest, when a leftover could pass for a
    submission (anything but an export's hidden `.part` file), or when the database records an
    export whose file is not there.
    """
    folder = path.parent / EXPORT_FOLDER
    entries = sorted(folder.iterdir())
    strays = [entry.name for entry in entries if entry.name != EXPORTED_NAME and not is_partial(entry)]
    if strays:
        raise BrokenDatabaseError(f"the export left files that are not its own: {strays}")
    recorded = _recorded_export(path)
    target = folder / EXPORTED_NAME
    if not target.exists():
        if recorded is not None:
            raise BrokenDatabaseError(f"the database records {recorded[1]}, which is not there")
        return "no file" + (", temporary file" if entries else "")
    try:
        parsed = read_submission(target)
    except WorkbookRefusedError as exc:
        raise BrokenDatabaseError(f"{EXPORTED_NAME} is not a complete workbook: {exc.message()}") from exc
    if parsed.edited_after_export or parsed.errors:
        raise BrokenDatabaseError(f"{EXPORTED_NAME} fails its digest or has errors")
    if recorded is not None and recorded != (parsed.digest, EXPORTED_NAME):
        raise BrokenDatabaseError(f"the database records {recorded}, the file has {parsed.digest}")
    return "complete file" + (", recorded" if recorded else ", not yet recorded")


def export_state(path: Path) -> Hashable:
    """The database's state, after checking the folder holds no file or a complete one."""
    exported_file(path)
    return database_state(path)


@operation("export", prepare_export, export_state, detail=exported_file)
def run_export(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        db = open_database(path)
        begin()
        export_submission(db, COUNTRY, PERIOD, "ru", path.parent / EXPORT_FOLDER, now=NOW)
        db.close()


# --- import of an edited submission ----------------------------------------------------------
IMPORT_FILE = "edited.xlsx"
IMPORT_EDITS = 150


def prepare_import(path: Path) -> None:
    """The large demo exported, then 150 progress rows rewritten in the workbook (as in Excel)."""
    db = create_demo_workspace(path, size="large", seed=13, today=TODAY)
    folder = path.parent / EXPORT_FOLDER
    folder.mkdir()
    exported = export_submission(db, COUNTRY, PERIOD, "en", folder, now=NOW)
    db.close()
    workbook = load_workbook(exported.path)
    progress = workbook.worksheets[2]
    rows = [row for row in progress.iter_rows(min_row=3) if row[0].value and row[4].value]
    for number, row in enumerate(rows[:IMPORT_EDITS]):
        row[6].value = f"Revised after the working group's meeting, note {number}."
    workbook.save(path.parent / IMPORT_FILE)
    exported.path.unlink()
    folder.rmdir()


@operation("import", prepare_import)
def run_import(path: Path, begin: Callable[[], None]) -> None:
    with WorkspaceLock(path):
        db = open_database(path)
        shown = preview(db, read_submission(path.parent / IMPORT_FILE))
        if not shown.can_apply:
            raise RuntimeError(f"the edited workbook cannot be applied: {shown.errors[:3]}")
        begin()  # the user has seen the preview and pressed Apply
        apply(db, shown)  # backs up, then writes every change in one transaction
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


# --- control: an export written straight into place, as the app must never do ----------------
@operation("control-unsafe-export", prepare_export, exported_file, control=True, detail=exported_file)
def run_unsafe_export(path: Path, begin: Callable[[], None]) -> None:
    db = open_database(path)
    with db.reading() as session:
        workbook, _digest = build_workbook(collect_submission(session, COUNTRY, PERIOD, "en"), NOW)
    db.close()
    buffer = io.BytesIO()
    with ZipFile(buffer, "w", ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    data = buffer.getvalue()
    begin()
    with (path.parent / EXPORT_FOLDER / EXPORTED_NAME).open("wb") as handle:
        for start in range(0, len(data), 4096):  # a slow disk: the file is half there for a while
            handle.write(data[start:start + 4096])
            handle.flush()
            time.sleep(0.002)
