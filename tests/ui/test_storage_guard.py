"""A workspace another program holds locked: the secretariat's panels say so and keep what they show."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QMessageBox

from app.models.errors import DatabaseBusyError
from app.models.topics import COMMITMENTS, PROGRESS
from app.ui.shell.main_window import MainWindow


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: said.append(text))
    return said


def test_panels_show_a_locked_database_and_keep_their_content(qtbot, secretariat_context, warnings,
                                                              monkeypatch):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    tabs = window.secretariat_tabs
    assert tabs is not None
    for name in tabs.pages:  # each panel is built when first shown: build them all before the lock
        tabs.pages[name].panel()
    rows_before = tabs.completeness.model.rowCount()
    db = secretariat_context.db

    @contextmanager
    def locked():
        raise DatabaseBusyError(str(db.path))
        yield  # pragma: no cover

    monkeypatch.setattr(db, "reading", locked)
    tabs.completeness.reload()
    tabs.regional.reload()
    tabs.plan.reload()
    tabs.calendar.reload()
    tabs.memberships.reload()
    tabs.completeness.filter_bar.reload()
    tabs.completeness.open_cell("KZ", "2026-H1")
    assert len(warnings) == 7  # one per panel asked to read
    assert all("Another program is using the database" in text for text in warnings)
    assert tabs.completeness.model.rowCount() == rows_before
    assert tabs.completeness.filter_bar.first_combo.count() > 0

    monkeypatch.undo()
    tabs.completeness.reload()
    assert tabs.completeness.model.rowCount() == rows_before


def test_coordinator_panels_show_a_locked_database_and_keep_their_content(qtbot, context, warnings,
                                                                          monkeypatch):
    window = MainWindow(context)
    qtbot.addWidget(window)
    tabs = window.coordinator_tabs
    tabs.commitments.reload()  # panels load lazily, when first shown
    rows_before = tabs.commitments.table.proxy.rowCount()
    assert rows_before > 0
    db = context.db

    @contextmanager
    def locked():
        raise DatabaseBusyError(str(db.path))
        yield  # pragma: no cover

    context.bus.announce(COMMITMENTS, PROGRESS)  # what the panels keep is out of date
    monkeypatch.setattr(db, "reading", locked)
    panels = (tabs.dashboard, tabs.commitments, tabs.progress, tabs.indicators, tabs.decisions,
              window.navigator)
    for panel in panels:
        panel.reload()
    assert len(warnings) == len(panels)  # one per panel asked to read, no traceback
    assert all("Another program is using the database" in text for text in warnings)
    assert tabs.commitments.table.proxy.rowCount() == rows_before

    monkeypatch.undo()
    tabs.commitments.reload()
    assert tabs.commitments.table.proxy.rowCount() == rows_before


def test_every_widget_method_that_reads_the_workspace_is_guarded():
    """A read added to a panel without the guard would end in a traceback on a locked database."""
    import ast
    from pathlib import Path

    constructors = {"__init__"}  # a window that cannot read its workspace does not open
    helpers = {"_form", "_suggested_name"}  # called only from guarded methods
    lazy = {"load"}  # a LazyPanel's load runs only through its guarded reload
    unguarded = []
    for path in sorted(Path("app/ui").rglob("*.py")):
        if path.name == "selftest.py":
            continue
        for cls in (n for n in ast.walk(ast.parse(path.read_text())) if isinstance(n, ast.ClassDef)):
            for method in (n for n in cls.body if isinstance(n, ast.FunctionDef)):
                decorators = {ast.unparse(d) for d in method.decorator_list}
                if (".reading()" in ast.unparse(method) and "shows_storage_errors" not in decorators
                        and method.name not in constructors | helpers
                        and not (method.name in lazy and "LazyPanel" in map(ast.unparse, cls.bases))):
                    unguarded.append(f"{path}:{method.lineno} {cls.name}.{method.name}")
    assert unguarded == []
