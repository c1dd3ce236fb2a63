"""Fixtures for widget tests: a language controller and a workspace context over a real database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from app.models.services.workspace import profile_of
from app.ui.change_bus import ChangeBus
from app.ui.context import WorkspaceContext
from app.ui.language import LanguageController


@pytest.fixture
def language(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    controller.set_language("en")
    yield controller
    controller.set_language("en")
    controller.deleteLater()


@pytest.fixture
def context(demo_db, language, today) -> WorkspaceContext:
    return WorkspaceContext(db=demo_db, profile=profile_of(demo_db), bus=ChangeBus(),
                            language=language, today=lambda: today)
