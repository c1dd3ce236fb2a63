"""Test workspaces built once per session and copied into each test's own file (see tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.demo.generator import create_demo_workspace
from app.models.orm.enums import WorkspaceRole
from app.models.services.workspace.profile import ProfileInput, create_workspace, profile_of
from app.models.storage.database import Database, open_database

#: A fixed "today" so period-dependent results do not drift with the calendar.
TODAY = dt.date(2026, 11, 26)
#: The secretariat's new workspace, before any submission arrives.
SECRETARIAT = ProfileInput(role=WorkspaceRole.SECRETARIAT, country_code=None,
                           coordinator_name="Support Unit")


class WorkspaceTemplates:
    """Workspaces built once per test session and copied into each test's own database file.

    Building the small demo workspace takes one to two seconds (migrations, reference data, the
    generator) and about 300 tests ask for one; copying the finished file takes milliseconds. Every
    test still opens its own real SQLite file, so what one test writes no other test sees.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._templates: dict[str, Path] = {}

    def template(self, name: str, build: Callable[[Path], Database]) -> Path:
        """The file of template `name`, built by `build(path)` the first time a test asks for it.

        Built lazily, inside the asking test's fixtures (after the autouse ones, as when each test
        built its own); then checkpointed and closed, so the one file holds everything, and made
        read-only, since tests only ever get copies.
        """
        template = self._templates.get(name)
        if template is None:
            template = self.folder / f"{name}.sqlite"
            db = build(template)
            with db.engine.connect() as connection:
                connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            assert not _wal_of(template).exists(), f"template {name} left a write-ahead log"
            template.chmod(0o444)
            self._templates[name] = template
        return template

    def open_copy(self, name: str, build: Callable[[Path], Database], target: Path) -> Database:
        """A copy of template `name` at `target`, opened as `build` would have left it open."""
        # Copying over a database a fixture already has open would damage it: two fixtures on one path.
        assert not target.exists(), f"{target} exists: two fixtures ask for the same database file"
        shutil.copyfile(self.template(name, build), target)
        db = open_database(target)
        profile_of(db)  # sets the actor to the workspace's keeper, as create_workspace leaves it
        return db

    def copy_over(self, name: str, build: Callable[[Path], Database], db: Database) -> None:
        """Put a copy of template `name` under the open `db` (closed first; it reconnects when used).

        For a fixture that moves a test's workspace on to a later state built once per session.
        """
        template = self.template(name, build)
        db.release()
        assert not _wal_of(db.path).exists(), "a connection to the test's database is still open"
        shutil.copyfile(template, db.path)
        profile_of(db)

    def demo_at(self, target: Path, *, today: dt.date = TODAY, **options: Any) -> Database:
        """`create_demo_workspace(target, today=today, **options)`, copied from a template.

        One template per file name and options: two workspaces of one test have two names, so
        each keeps a signing key of its own, as when each was made afresh.
        """
        return self.open_copy(
            _name("demo", target, today, sorted(options.items())),
            lambda path: create_demo_workspace(path, today=today, **options), target)

    def workspace_at(self, target: Path, profile: ProfileInput, today: dt.date = TODAY) -> Database:
        """`create_workspace(target, profile, today)`, copied from a template (as `demo_at`)."""
        return self.open_copy(_name("workspace", target, today, profile),
                              lambda path: create_workspace(path, profile, today), target)

    def new_secretariat(self, target: Path) -> Database:
        """The secretariat's new workspace (`SECRETARIAT`) at `target`, with no data yet."""
        return self.workspace_at(target, SECRETARIAT)

    def demo(self, target: Path) -> Database:
        """Kazakhstan's small demo workspace (seed 7) at `target`."""
        return self.open_copy(
            "demo", lambda path: create_demo_workspace(path, size="small", seed=7, today=TODAY), target)


def _name(kind: str, target: Path, *options: object) -> str:
    """A template's file name: its kind, the copy's name and a digest of what else built it."""
    digest = hashlib.sha256(repr(options).encode()).hexdigest()[:12]
    return f"{kind}-{target.name}-{digest}"


def _wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")
