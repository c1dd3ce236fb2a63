"""The few services a panel needs, passed in explicitly (no god object every panel reaches through)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.models.orm.workspace import WorkspaceProfile
from app.models.storage.database import Database
from app.ui.common.change_bus import ChangeBus
from app.ui.common.language import LanguageController


@dataclass
class WorkspaceContext:
    db: Database
    profile: WorkspaceProfile
    bus: ChangeBus
    language: LanguageController
    #: Today's date; tests pass a fixed day so period-dependent views do not drift.
    today: Callable[[], dt.date] = dt.date.today

    @property
    def country(self) -> str | None:
        return self.profile.country_code
