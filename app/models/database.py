"""Open a workspace database: pragmas, integrity check, migrations, and one transaction per action."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.models import changelog
from app.models.errors import DatabaseDamagedError, DatabaseUnavailableError

BUSY_TIMEOUT_MS = 5000


class AuditedSession(Session):
    """Sessions of this class write change-log rows on every flush."""


changelog.install(AuditedSession)


def _configure_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (see _begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine for one database file; every test and every workspace gets its own."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def check_integrity(engine: Engine, path: Path, *, full: bool = False) -> None:
    """Refuse a damaged file with DatabaseDamagedError (unreadable: DatabaseUnavailableError).

    On open, SQLite's `quick_check`: every page, record and b-tree structure, which is where a
    truncated copy, a torn write or a bad disk shows; it skips only the cross-check of indexes
    against their tables and of UNIQUE constraints, which makes the full check take about twice as
    long (0.8 s against 0.35 s at secretariat scale, bench/). The full `integrity_check` (`full=True`)
    runs on every backup copy (app/models/backup.py), so index damage is still caught in a day.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        with engine.connect() as connection:
            result = connection.exec_driver_sql(f"PRAGMA {pragma}").fetchall()
    except OperationalError as exc:
        raise DatabaseUnavailableError(str(path), str(exc.orig)) from exc
    except SADatabaseError as exc:
        raise DatabaseDamagedError(str(path), str(exc.orig)) from exc
    if [row[0] for row in result] != ["ok"]:
        raise DatabaseDamagedError(str(path), "; ".join(str(row[0]) for row in result[:3]))


class Database:
    """One open workspace database."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, class_=AuditedSession, expire_on_commit=False)
        self.actor = "system"

    @contextmanager
    def transaction(self, actor: str | None = None) -> Iterator[Session]:
        """One user action: everything inside commits together, or nothing does."""
        with self._sessions() as session:
            session.info[changelog.ACTOR_KEY] = actor or self.actor
            with session.begin():
                yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; objects stay readable after it closes, nothing is committed."""
        with self._sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at `path`, checked and migrated to this version."""
    from app.models.migrate import upgrade_to_head

    path = Path(path).resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnavailableError(str(path), exc.strerror or str(exc)) from exc
    engine = make_engine(path)
    try:
        check_integrity(engine, path)
        if migrate:
            upgrade_to_head(engine, path)
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine)
