"""Replacing an item model's content without losing the user's place."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import QAbstractItemModel


@contextlib.contextmanager
def replacing_content(model: QAbstractItemModel, same_shape: bool,
                      repaint: Callable[[], None]) -> Iterator[None]:
    """Assign the model's new content inside the block. When the same rows come back (another
    period, an edit, a new language) the views are only told to repaint, so the selection, the
    scroll position and open editors stay where they are; otherwise the model is reset."""
    if same_shape:
        yield
        repaint()
        return
    model.beginResetModel()
    try:
        yield
    finally:
        model.endResetModel()
