"""SQLite's checks of a workspace file on a plain sqlite3 connection, and the same checks started
early, in a thread, while the app imports its modules.

The full check on open takes ~0.45 s of CPU at secretariat size and ~1.1 s at the stress size:
two thirds SQLite's `integrity_check`, one long statement during which Python's lock is free, the
rest reading every record once. Started before the app imports SQLAlchemy and Qt (~0.5 s of the
start), `integrity_check` runs on the other core meanwhile; `open_database` takes its result and
reads the records itself. This
module imports nothing but the standard library, so that the check can start first.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from pathlib import Path

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


def integrity_problem(connection: sqlite3.Connection, full: bool = True,
                      records: bool = True) -> str:
    """"" when the file is sound, else what is wrong with it: the first rows SQLite's check
    reports, or the table with an unreadable record (full check, unless `records` is False).
    SQLite's own errors (busy, not a database) are raised."""
    pragma = "integrity_check" if full else "quick_check"
    rows = connection.execute(f"PRAGMA {pragma}").fetchall()
    if [row[0] for row in rows] != ["ok"]:
        return "; ".join(str(row[0]) for row in rows[:3])
    return unreadable_table(connection) if full and records else ""


class EarlyCheck:
    """SQLite's `integrity_check` of an existing workspace file, running in a thread from its
    creation. Only the one long statement, during which SQLite holds no Python lock: reading
    every record (`unreadable_table`) goes row by row, taking and giving back Python's lock for
    each, which would stall the imports it is meant to overlap; `open_database` does that part."""

    def __init__(self, path: Path) -> None:
        self.path = path
        #: What `integrity_check` found ("" when sound), or None when it could not run to its end
        #: (the file busy, missing, unreadable...): then `open_database` checks as usual.
        self._problem: str | None = None
        self._thread = threading.Thread(target=self._run, name="early-integrity-check",
                                         daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            # mode=rw: never create a file that is not there
            connection = sqlite3.connect(f"{self.path.as_uri()}?mode=rw", uri=True, timeout=5)
            try:
                self._problem = integrity_problem(connection, records=False)
            finally:
                connection.close()
        except Exception:  # whatever it was, the usual check on open meets it and reports it
            self._problem = None

    def result(self) -> str | None:
        """Wait for the check: "" sound, a problem, or None (not known: check again)."""
        self._thread.join()
        return self._problem


_started: dict[Path, EarlyCheck] = {}


def start_early_check(path: Path) -> None:
    """Start checking the workspace at `path` now, if it exists, for `open_database` to take."""
    path = Path(path).resolve()
    if path.is_file() and path not in _started:
        _started[path] = EarlyCheck(path)


def take_early_check(path: Path) -> EarlyCheck | None:
    """The check started early for this (resolved) path, once; None if there is none."""
    return _started.pop(path, None)
