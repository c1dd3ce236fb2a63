"""Reads and writes of the workspace from a widget: a storage error becomes a message, not a crash.

A database another program holds locked, a disk that filled up, a file deleted under the app: the
models turn each into a `UserFacingError` (`app/models/errors.py`). A panel method decorated with
`shows_storage_errors` shows that message and leaves the panel as it was; the next refresh tries
again. Only one such message is on screen at a time, since several panels refresh together.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _
from app.models.errors import UserFacingError
from app.ui.common.plain_text import shown

Widget = TypeVar("Widget", bound=QWidget)
Params = ParamSpec("Params")
Result = TypeVar("Result")
_showing: list[bool] = [False]


def show_storage_error(parent: QWidget | None, error: UserFacingError) -> None:
    """Warn about `error`, unless another such warning is on screen already."""
    if _showing[0]:
        return
    _showing[0] = True
    try:
        QMessageBox.warning(parent, _("The workspace could not be read"), shown(error.message()))
    finally:
        _showing[0] = False


def shows_storage_errors(
    method: Callable[Concatenate[Widget, Params], Result],
) -> Callable[Concatenate[Widget, Params], Result | None]:
    """Decorate a widget's method that reads or writes the workspace; it returns None on error."""
    @functools.wraps(method)
    def guarded(self: Widget, /, *args: Params.args, **kwargs: Params.kwargs) -> Result | None:
        try:
            return method(self, *args, **kwargs)
        except UserFacingError as error:
            show_storage_error(self, error)
            return None

    return guarded
