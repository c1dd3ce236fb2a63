"""Shared fixtures: every test gets its own database file and its own per-user folders."""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import os
import sys
import tempfile
from collections.abc import Generator, Iterator
from pathlib import Path

# Before anything imports Qt or platformdirs: no display, and per-user folders of our own.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="apt-tests-home-"))
os.environ["XDG_DATA_HOME"] = str(_HOME / "data")
os.environ["XDG_CONFIG_HOME"] = str(_HOME / "config")

import pytest  # noqa: E402
from hypothesis import settings  # noqa: E402

# In CI the property tests replay the same examples on every run, so a red build always means the
# change; locally they search afresh and keep what fails in .hypothesis/ (how a 32,767-character
# text cut at a newline was found).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
# `make test-fast` (`--hypothesis-profile fast`): a quarter of each property test's examples
# (tests/hypothesis_budget.py); `make test` tries them all.
settings.register_profile("fast", max_examples=25)

# A session makes and drops millions of objects while the windows, engines and modules it keeps
# alive grow; at Python's default thresholds the full collections that walk all of them took ~30 s
# of the fast loop's CPU (tools: gc.callbacks). Collected less often, the same garbage goes.
gc.set_threshold(50_000, 20, 20)
# Nor is anything collected when the process ends: the interpreter's last full collections over
# all the session made took ~3 s at the end of each xdist worker (perf: gc_collect_main). The
# unraisable-exception check's own collection at the session's end still runs before this.
atexit.register(gc.freeze)

from app import i18n  # noqa: E402
from app.demo.generator import create_demo_workspace  # noqa: E402
from app.models.orm.enums import WorkspaceRole  # noqa: E402
from app.models.services.workspace.profile import ProfileInput, create_workspace  # noqa: E402
from app.models.storage.database import Database, open_database  # noqa: E402
from tests.workspaces import TODAY, WorkspaceTemplates  # noqa: E402
from tools.catalogs import compile_all  # noqa: E402


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> Generator[None, object, object]:
    """After pytest-qt has closed a test's widgets (`deleteLater`), delete them for real.

    `processEvents()` never runs deferred deletions, so every window a test opened stayed alive
    for the rest of the session: hundreds of windows, each still told of every language and
    palette change, and each walked by the cycle collector.
    """
    result = yield
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is not None and qt_core.QCoreApplication.instance() is not None:
        qt_core.QCoreApplication.sendPostedEvents(None, qt_core.QEvent.Type.DeferredDelete)
    return result


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs() -> None:
    """The catalogs as `make compile-translations` leaves them, also when pytest runs on its own."""
    compile_all(only_stale=True)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Every test starts in English, whatever the previous one switched to."""
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workspace.sqlite"


@pytest.fixture(scope="session")
def workspace_templates(tmp_path_factory: pytest.TempPathFactory) -> WorkspaceTemplates:
    """One folder of template workspaces for the whole session (one per xdist worker)."""
    return WorkspaceTemplates(tmp_path_factory.mktemp("workspace-templates"))


@pytest.fixture
def empty_db(tmp_path: Path, workspace_templates: WorkspaceTemplates) -> Iterator[Database]:
    """A migrated database with no workspace in it yet (what the first-run dialog starts from).

    In a file of its own, not `db_path`: a test may also take a workspace (one dialog over the demo
    window), and the two would otherwise be one file.
    """
    db = workspace_templates.open_copy("empty", open_database, tmp_path / "empty.sqlite")
    yield db
    db.close()


def _coordinator(path: Path) -> Database:
    return create_workspace(path, ProfileInput(
        role=WorkspaceRole.COORDINATOR, country_code="KZ", coordinator_name="Aigerim Test",
        ministry="Ministry of Internal Affairs", email="a@example.org", language="en",
    ), TODAY)


@pytest.fixture
def coordinator_db(db_path: Path, workspace_templates: WorkspaceTemplates) -> Iterator[Database]:
    """Kazakhstan's new coordinator workspace: reference data and a profile, no commitments."""
    db = workspace_templates.open_copy("coordinator", _coordinator, db_path)
    yield db
    db.close()


@pytest.fixture
def demo_db(db_path: Path, workspace_templates: WorkspaceTemplates) -> Iterator[Database]:
    """Kazakhstan's small demo workspace (seed 7): commitments, progress, indicators, decisions."""
    db = workspace_templates.demo(db_path)
    yield db
    db.close()


@pytest.fixture
def secretariat_db(db_path: Path, workspace_templates: WorkspaceTemplates) -> Iterator[Database]:
    """A small secretariat demo: four countries' commitments, progress and submissions."""
    db = workspace_templates.open_copy(
        "secretariat",
        lambda path: create_demo_workspace(path, role=WorkspaceRole.SECRETARIAT, size="small", seed=5,
                                           today=TODAY),
        db_path)
    yield db
    db.close()
