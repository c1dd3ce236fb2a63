"""Whatever ends a command becomes one sentence for the user; the traceback goes to the log file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from app.i18n import _
from app.logs import get_logger
from app.models.errors import UserFacingError, storage_error
from app.paths import default_database_path

_log = get_logger("cli")


class UnexpectedError(UserFacingError):
    """A failure nobody foresaw: reported in one sentence, its details logged."""

    def message(self) -> str:
        return _("Something unexpected went wrong; nothing more was changed. The details are in "
                 "the app's log file; please report it.")


def as_user_facing(exc: Exception, database: str | Path | None) -> UserFacingError:
    """The error to show for `exc`: itself, the storage error it stands for (a record that cannot
    be decoded is damage, with the restore hint), or an unexpected one."""
    if isinstance(exc, UserFacingError):
        return exc
    path = Path(database) if database else default_database_path()
    if isinstance(exc, (DBAPIError, sqlite3.Error)):
        mapped = storage_error(exc, path.resolve())
        if mapped is not None:
            return mapped
    _log.error("the command failed", exc_info=exc)
    return UnexpectedError()
