"""Schema migrations, run by the app at start-up: refuse newer databases, back up before migrating."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError

from app.models.errors import DatabaseTooNewError
from app.models.storage import migrations
from app.models.storage.backup import backup_database
from app.models.storage.read_only import read_only
from app.resources import package_path

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(package_path("models", "storage", "migrations")))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    """The database's schema revision, read without Alembic (None when unversioned)."""
    with engine.connect() as connection:
        try:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError:
            return None


def refuse_if_newer(path: Path) -> None:
    """Raise DatabaseTooNewError for a database a newer app stamped, before anything touches it.

    Read through a read-only connection, so the file stays byte for byte as it was in any journal
    mode: the engine's connections switch a rollback-journal database to WAL, which rewrites its
    header. A file that cannot be read so is left to the full open to report.
    """
    try:
        with read_only(path) as connection:
            has_version = connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
            ).fetchone()
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone() \
                if has_version else None
    except sqlite3.Error:
        return
    if row is None or row[0] == migrations.HEAD:
        return
    if row[0] not in {rev.revision for rev in script_directory().walk_revisions()}:
        raise DatabaseTooNewError(str(path), str(row[0]))


def upgrade_to_head(engine: Engine, path: Path | None = None) -> bool:
    """Bring the schema to this app's head; returns whether anything ran.

    A database stamped with a revision this app does not know came from a newer app: it is refused
    untouched. An existing database is copied (backup API) before any migration step runs.
    """
    current = current_revision(engine)
    if current == migrations.HEAD:
        return False
    from alembic import command

    scripts = script_directory()
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current is not None and current not in known:
        raise DatabaseTooNewError(str(path or engine.url.database), current)
    if path is not None and path.exists() and inspect(engine).get_table_names():
        backup_database(path, f"before-migration-{current or 'unversioned'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return True
