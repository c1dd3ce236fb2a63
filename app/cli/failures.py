"""Whatever ends a command becomes one sentence for the user; the traceback goes to the log file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.i18n import _
from app.logs import get_logger
from app.models.errors import DatabaseDamagedError, UserFacingError, storage_error
from app.paths import default_database_path

_log = get_logger("cli")


class UnexpectedError(UserFacingError):
    """A failure nobody foresaw: reported in one sentence, its details logged."""

    def message(self) -> str:
        return _("Something unexpected went wrong; nothing more was changed. The details are in "
                 "the app's log file; please report it.")


def as_user_facing(exc: Exception, database: str | Path | None) -> UserFacingError:
    """The error to show for `exc`: itself, the storage error it stands for, or an unexpected one.

    A database whose records cannot be decoded (SQLite reports it as a plain operational error,
    "Could not decode to UTF-8 column …") is damage, with the restore offer.
    """
    if isinstance(exc, UserFacingError):
        return exc
    path = Path(database) if database else default_database_path()
    if isinstance(exc, (DBAPIError, sqlite3.Error)):
        if "could not decode" in str(exc).lower():
            return DatabaseDamagedError(str(path.resolve()), _("a record cannot be read"))
        mapped = storage_error(exc, path.resolve())
        if mapped is not None:
            return mapped
    _log.error("the command failed", exc_info=exc)
    return UnexpectedError()
