"""Errors a user can cause or meet, each with a message in the user's language."""

from __future__ import annotations

from app.i18n import _


class UserFacingError(Exception):
    """An error whose `message()` can be shown to the user as it is."""

    def message(self) -> str:
        return str(self)


class DatabaseTooNewError(UserFacingError):
    def __init__(self, path: str, revision: str) -> None:
        super().__init__(path, revision)
        self.path = path
        self.revision = revision

    def message(self) -> str:
        return _(
            "The database {path} was made by a newer version of Almaty Process Tracker "
            "(schema {revision}). It was left untouched. Please install the newer version to open it."
        ).format(path=self.path, revision=self.revision)


class DatabaseDamagedError(UserFacingError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail

    def message(self) -> str:
        return _(
            "The database {path} is damaged or is not a database of this app ({detail}). "
            "It was not changed. You can restore it from a backup."
        ).format(path=self.path, detail=self.detail)


class DatabaseUnavailableError(UserFacingError):
    def __init__(self, path: str, detail: str) -> None:
        super().__init__(path, detail)
        self.path = path
        self.detail = detail

    def message(self) -> str:
        return _(
            "The database {path} cannot be opened ({detail}). Check that the folder exists, "
            "that you may write to it, and that no other program holds the file."
        ).format(path=self.path, detail=self.detail)


class ValidationError(UserFacingError):
    """A rule of the domain was broken; `field` names the input the message belongs beside."""

    def __init__(self, text: str, field: str = "") -> None:
        super().__init__(text)
        self.field = field


class PeriodLockedError(UserFacingError):
    def __init__(self, period_code: str) -> None:
        super().__init__(period_code)
        self.period_code = period_code

    def message(self) -> str:
        return _(
            "The period {period} has been submitted and is read-only. Reopen it to make changes; "
            "the next export will be a new revision."
        ).format(period=self.period_code)
