"""A tab page whose panel is built (and its module imported) when it is first shown.

A secretariat's start built and filled five panels, though the Plan tab is the one shown: the
regional view alone read the regional picture (0.1-0.2 s at secretariat scale)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

PanelT = TypeVar("PanelT", bound=QWidget)


class LazyTab(QWidget, Generic[PanelT]):
    def __init__(self, build: Callable[[], PanelT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._build = build
        self._panel: PanelT | None = None

    @property
    def built(self) -> bool:
        return self._panel is not None

    def panel(self) -> PanelT:
        """The panel, built now if it was not yet."""
        if self._panel is None:
            self._panel = self._build()
            self._layout.addWidget(self._panel)
            self._panel.show()  # a child added to a shown page is not shown by itself
        return self._panel

    def showEvent(self, event: QShowEvent) -> None:
        self.panel()
        super().showEvent(event)
