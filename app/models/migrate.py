"""Schema migrations, run by the app at start-up: refuse newer databases, back up before migrating."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from app.models.backup import backup_database
from app.models.errors import DatabaseTooNewError
from app.resources import package_path


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(package_path("models", "migrations")))
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_to_head(engine: Engine, path: Path | None = None) -> bool:
    """Bring the schema to this app's head; returns whether anything ran.

    A database stamped with a revision this app does not know came from a newer app: it is refused
    untouched. An existing database is copied (backup API) before any migration step runs.
    """
    scripts = script_directory()
    current = current_revision(engine)
    head = scripts.get_current_head()
    if current == head:
        return False
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
