"""Fixtures for widget tests: a language controller and a workspace context over a real database."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from app.models.services.workspace.profile import profile_of
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.common.language import LanguageController

from .pseudo_locale import install_pseudo_catalog, untranslated


@pytest.fixture
def language(qapp: QApplication) -> Iterator[LanguageController]:
    controller = LanguageController(qapp)
    controller.set_language("en")
    yield controller
    # The test's windows (closed by pytest-qt) go first: switched back while still alive, they
    # would re-read a workspace whose folder a fixture requested later has already removed.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    controller.set_language("en")
    controller.deleteLater()


def _workspace_context(db, language, today) -> Iterator[WorkspaceContext]:
    """A window's context; its change bus goes with the test. Qt holds what is connected to the
    bus (lambdas that keep their panel, which keeps the context, which keeps the bus): a cycle the
    collector cannot see, so every test's windows stayed in memory to the end of the session."""
    context = WorkspaceContext(db=db, profile=profile_of(db), bus=ChangeBus(), language=language,
                               today=lambda: today)
    yield context
    context.bus.deleteLater()  # deleted with the test's windows (the language fixture's teardown)


@pytest.fixture
def context(demo_db, language, today) -> Iterator[WorkspaceContext]:
    yield from _workspace_context(demo_db, language, today)


@pytest.fixture
def pseudo_language(language, tmp_path, monkeypatch) -> str:
    """Switch the interface to the pseudo-language (every catalog string wrapped in ⟦…~~⟧)."""
    code = install_pseudo_catalog(tmp_path / "pseudo-catalog", monkeypatch)
    language.set_language(code)
    return code


@pytest.fixture
def untranslated_texts() -> Callable[..., list[tuple[str, str]]]:
    """`untranslated_texts(widget, data=[...])`: the texts in `widget` that bypassed the catalog."""
    return untranslated


@pytest.fixture
def secretariat_context(secretariat_db, language, today) -> Iterator[WorkspaceContext]:
    yield from _workspace_context(secretariat_db, language, today)
