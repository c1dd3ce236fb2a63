"""What a change can touch, named once: views listen for these, and every service that changes
data says which of them it touched (the UI's change bus carries them; the import reports them)."""

from __future__ import annotations

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
