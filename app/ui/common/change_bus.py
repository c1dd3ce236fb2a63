"""The one place that says what changed after a service call, so each view refreshes only itself."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeBus(QObject):
    changed = Signal(frozenset)
    #: An edit the user made was saved: a refusal shown for an earlier attempt is out of date.
    edit_saved = Signal()

    def announce(self, *topics: str) -> None:
        self.changed.emit(frozenset(topics))
