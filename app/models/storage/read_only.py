"""A look into a database file that leaves it exactly as it was."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to `path`; raises sqlite3.Error if it cannot be opened.

    A read-only connection to a WAL database nobody has open creates an empty -wal and -shm; they
    are removed again, so the folder is as it was.
    """
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    absent = [companion for companion in companions if not companion.exists()]
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()
        _remove_empty(absent)


def _remove_empty(created: list[Path]) -> None:
    wal = next((p for p in created if p.name.endswith("-wal")), None)
    if wal is not None and wal.exists() and wal.stat().st_size > 0:
        return
    for companion in created:
        with contextlib.suppress(OSError):
            companion.unlink(missing_ok=True)
