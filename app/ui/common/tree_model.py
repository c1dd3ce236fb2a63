"""The base of the tree models: Qt's two `parent()` methods, told apart and typed in one place."""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject

from app.ui.common.roles import Index


class TreeModel(QAbstractItemModel):
    """An item model with levels. `parent(index)` is the index's parent, which a subclass gives
    in `parent_index`; `parent()` without an index stays the model's owner (QObject.parent)."""

    @overload
    def parent(self, /) -> QObject | None: ...

    @overload
    def parent(self, child: Index, /) -> QModelIndex: ...

    def parent(self, child: Index | None = None, /) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        return self.parent_index(child)

    def parent_index(self, index: Index) -> QModelIndex:
        raise NotImplementedError
