"""The one place that says what changed after a service call, so each view refreshes only itself."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

#: Topics a change can touch; views listen for the ones they show.
COMMITMENTS = "commitments"
PROGRESS = "progress"
INDICATOR_VALUES = "indicator_values"
PERIODS = "periods"
PLAN = "plan"
DECISIONS = "decisions"
SUBMISSIONS = "submissions"
PROFILE = "profile"
MEMBERSHIPS = "memberships"
EVERYTHING = frozenset({COMMITMENTS, PROGRESS, INDICATOR_VALUES, PERIODS, PLAN, DECISIONS,
                        SUBMISSIONS, PROFILE, MEMBERSHIPS})


class ChangeBus(QObject):
    changed = Signal(frozenset)

    def announce(self, *topics: str) -> None:
        self.changed.emit(frozenset(topics))
