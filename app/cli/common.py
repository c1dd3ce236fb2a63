"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from app.i18n import LANGUAGES, SOURCE_LANGUAGE, _, set_language
from app.models.errors import UserFacingError
from app.models.services.workspace.profile import profile_of
from app.models.storage.database import Database, open_database
from app.models.storage.lock import WorkspaceLock
from app.paths import default_database_path


class CommandError(UserFacingError):
    """A command-line error: printed to stderr, with a non-zero exit code."""


def database_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_database_path()


def existing_workspace(args: argparse.Namespace) -> Path:
    """The path named by --db, which must exist already (commands never create one by accident)."""
    path = database_path(args)
    if not path.exists():
        raise CommandError(_("There is no workspace at {path}.").format(path=path))
    return path


@contextlib.contextmanager
def held_workspace(args: argparse.Namespace) -> Iterator[Database]:
    """The workspace named by --db for a command that writes: locked, then opened (opening may
    migrate it, so never before the lock), and closed when the block ends."""
    path = existing_workspace(args)
    with hold_workspace(path):
        db = open_database(path)
        try:
            if profile_of(db) is None:
                raise CommandError(_("{path} is not set up as a workspace yet.").format(path=path))
            yield db
        finally:
            db.close()


def add_db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, default=argparse.SUPPRESS,
                        help="database file (default: the per-user data folder)")


def workspace_language(path: Path) -> str | None:
    """The language a workspace's profile names, read without opening (or migrating) it: the
    commands speak to its user in it, as the window does."""
    if not path.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro",
                                                uri=True)) as connection:
            row = connection.execute("SELECT language FROM workspace_profile").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row and row[0] in LANGUAGES else None


def apply_language(args: argparse.Namespace) -> str:
    """Messages in `--lang` if given, else in the workspace's language, else English."""
    language = getattr(args, "lang", None) or workspace_language(database_path(args)) or (
        SOURCE_LANGUAGE)
    if language not in LANGUAGES:
        raise CommandError(_("Unknown language: {code}").format(code=language))
    set_language(language)
    return language


def hold_workspace(path: Path) -> WorkspaceLock:
    """The workspace lock for a command that writes: `with hold_workspace(path):`.

    Raises WorkspaceInUseError naming who holds it, so the command changes nothing while the
    desktop app (or another command) has the workspace open; a lock left by a crash is taken over.
    """
    return WorkspaceLock(path)


@contextlib.contextmanager
def created_or_nothing(path: Path) -> Iterator[None]:
    """A new workspace file is complete or not there: if the block fails, what it created goes.

    A failed `init` or `demo` otherwise left an empty database, and the retry said it "exists
    already". A file that existed before is never removed.
    """
    existed = path.exists()
    try:
        yield
    except BaseException:
        if not existed:
            for leftover in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm",
                                                                             "-journal"))):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)
        raise


def create_new(args: argparse.Namespace, create: Callable[[argparse.Namespace, Path], int]) -> int:
    """Run `create(args, path)` for a command making a workspace at --db (`init`, `demo`):
    holding the lock on that path, and leaving no file behind if it fails."""
    path = database_path(args)
    with hold_workspace(path), created_or_nothing(path):
        return create(args, path)
