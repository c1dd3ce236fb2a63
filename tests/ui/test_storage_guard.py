"""A workspace another program holds locked: the secretariat's panels say so and keep what they show."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from PySide6.QtWidgets import QMessageBox

from app.models.errors import DatabaseBusyError
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
