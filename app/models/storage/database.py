"""Open a workspace database: pragmas, integrity check, migrations, and one transaction per action."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from app.models.errors import (
    DatabaseDamagedError,
    DatabaseGoneError,
    DatabaseUnavailableError,
    storage_error,
)
from app.models.orm import changelog

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


def check_integrity(engine: Engine, path: Path, *, full: bool = True) -> None:
    """Refuse a damaged file with DatabaseDamagedError (unreadable: DatabaseUnavailableError).

    On open and on every backup copy, SQLite's full `integrity_check` (the design asks for it: a
    coordinator's years of reporting are checked before anything is written). `full=False` runs
    `quick_check` (pages, records, b-trees; not indexes against tables), about half the time on a
    large file (0.35 s against 0.8 s at secretariat scale), for callers that can accept that.
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        with engine.connect() as connection:
            result = connection.exec_driver_sql(f"PRAGMA {pragma}").fetchall()
            if [row[0] for row in result] == ["ok"] and full:
                driver = connection.connection.driver_connection
                assert isinstance(driver, sqlite3.Connection)  # the engine is built on sqlite3
                unreadable = unreadable_table(driver)
                if unreadable:
                    raise DatabaseDamagedError(str(path), unreadable)
    except OperationalError as exc:
        raise storage_error(exc, path) or DatabaseUnavailableError(str(path), str(exc.orig)) from exc
    except SADatabaseError as exc:
        raise DatabaseDamagedError(str(path), str(exc.orig)) from exc
    if [row[0] for row in result] != ["ok"]:
        raise DatabaseDamagedError(str(path), "; ".join(str(row[0]) for row in result[:3]))


#: Declared types whose values are never text (dates are text in SQLite: they are read too).
_NOT_TEXT = re.compile(r"INT|REAL|FLOA|DOUB|BOOL|NUMERIC|DECIMAL", re.IGNORECASE)


def unreadable_table(connection: sqlite3.Connection) -> str:
    """Read every record once; "" if all can be, else which table holds one that cannot.

    `integrity_check` checks pages and b-trees, not what a record holds: bytes flipped inside a
    text pass it, and the first query that reads them fails ("Could not decode to UTF-8"). Read
    here, such a record is found when the workspace opens, with the offer to restore.
    """
    tables = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        quoted = table.replace('"', '""')
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{quoted}")')
                   if not _NOT_TEXT.search(row[2] or "")]
        if not columns:
            continue
        names = ", ".join('"' + column.replace('"', '""') + '"' for column in columns)
        try:
            cursor = connection.execute(f'SELECT {names} FROM "{quoted}"')
            while cursor.fetchmany(2000):
                pass
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc).lower():
                raise
            return f"{table}: {exc}"
    return ""


class Database:
    """One open workspace database."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, class_=AuditedSession, expire_on_commit=False)
        self.actor = "system"

    @contextmanager
    def transaction(self, actor: str | None = None) -> Iterator[Session]:
        """One user action: everything inside commits together, or nothing does.

        A failure of the disk or the file (full, read-only, busy, deleted) is raised as the
        matching UserFacingError from `storage_error`, so every caller can show its message.
        """
        self._ensure_present()
        try:
            with self._sessions() as session:
                session.info[changelog.ACTOR_KEY] = actor or self.actor
                with session.begin():
                    yield session
        except (DBAPIError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path) or exc from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads; objects stay readable after it closes, nothing is committed."""
        try:
            with self._sessions() as session:
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            raise storage_error(exc, self.path) or exc from exc

    def _ensure_present(self) -> None:
        """Refuse to write into a file another program deleted or moved; write it back first.

        On Windows an open database cannot be deleted; elsewhere SQLite would go on writing into
        the deleted file and everything would vanish when the app closes.
        """
        if self.path.exists():
            return
        raise DatabaseGoneError(str(self.path), rescued=self._rescue())

    def _rescue(self) -> bool:
        from app.models.storage.backup import move_aside_companions

        pool = self.engine.pool
        if not isinstance(pool, QueuePool) or pool.checkedin() == 0:
            return False  # no open connection still sees the deleted file
        rescue = self.path.with_name(self.path.name + ".rescue")
        raw = self.engine.raw_connection()
        old = raw.driver_connection  # the sqlite3 connection under SQLAlchemy's wrapper
        try:
            if not isinstance(old, sqlite3.Connection):
                return False
            if not old.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                return False
            target = sqlite3.connect(rescue)
            try:
                old.backup(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        except (sqlite3.Error, OSError):
            rescue.unlink(missing_ok=True)
            return False
        finally:
            raw.close()
        self.engine.dispose()
        try:
            move_aside_companions(self.path)
            rescue.replace(self.path)
        except OSError:
            return False
        return True

    def release(self) -> None:
        """Close every connection (e.g. before a restore); the engine reconnects when next used."""
        self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()


def open_database(path: Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the database at `path`, checked and migrated to this version."""
    from app.models.storage.migrate import refuse_if_newer, upgrade_to_head

    path = Path(path).resolve()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, path) or exc from exc
    if migrate and path.exists():
        refuse_if_newer(path)  # before any connection switches its journal mode
    engine = make_engine(path)
    try:
        check_integrity(engine, path)
        if migrate:
            upgrade_to_head(engine, path)
    except (DBAPIError, sqlite3.Error) as exc:  # e.g. the disk fills up during a migration
        engine.dispose()
        raise storage_error(exc, path) or exc from exc
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine)
