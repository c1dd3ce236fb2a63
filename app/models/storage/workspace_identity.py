"""Which workspace a database file (or a backup of one) is: its workspace id.

Two workspaces may sit in one folder with the same file stem (`ws.sqlite` of a coordinator and
`ws.db` of the secretariat), so a backup's file name alone cannot say whose it is. Every workspace
has an id (a UUID in its profile, migration 0003), and a backup, being a copy, holds it too. Files
from before that revision have none; for them the id is derived from what never changes in a
profile (role, country, creation time), exactly as migration 0003 derived the id it stored: so a
backup made before the upgrade still belongs to the upgraded workspace. The derivation must never
change.
"""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from app.models.storage.read_only import read_only

#: Namespace of the ids derived for workspaces made before revision 0003.
NAMESPACE = uuid.UUID("4b7e2d0a-8a4f-4f0b-9a39-0c1d5e2f6a11")
#: How much of the id a backup's name carries (48 bits: no two workspaces of one person collide).
NAME_DIGITS = 12
UNKNOWN = "0" * NAME_DIGITS


def derived_id(role: object, country: object, created_at: object) -> str:
    """The id of a workspace made before ids were stored (migration 0003 stores this one)."""
    return str(uuid.uuid5(NAMESPACE, f"{role}|{country or ''}|{created_at}"))


def new_id() -> str:
    return str(uuid.uuid4())


def workspace_id(path: Path) -> str | None:
    """The workspace id inside a database or backup file; None if it has no profile or cannot be
    read (a damaged file, a file that is not a database). Read-only: nothing is written."""
    if not Path(path).is_file():
        return None
    try:
        with read_only(Path(path)) as connection:
            columns = {row[1] for row in connection.execute("PRAGMA table_info(workspace_profile)")}
            if not columns:
                return None
            stored = "workspace_id" if "workspace_id" in columns else "NULL"
            row = connection.execute(f"SELECT {stored}, role, country_code, created_at "
                                     "FROM workspace_profile").fetchone()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return str(row[0]) if row[0] else derived_id(row[1], row[2], row[3])


def name_part(identity: str | None) -> str:
    """The part of a backup's name that names its workspace."""
    return identity.replace("-", "")[:NAME_DIGITS] if identity else UNKNOWN
