"""The calendar and membership tables show the database's rows, with headers and roles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from app.ui.secretariat.membership_editor import CountryRole
from app.ui.shell.main_window import MainWindow


def test_calendar_and_membership_tables(qtbot, secretariat_context):
    window = MainWindow(secretariat_context)
    qtbot.addWidget(window)
    calendar = window.secretariat_tabs.calendar.model
    memberships = window.secretariat_tabs.memberships.model
    for model in (calendar, memberships):
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        assert model.columnCount() == 5 and model.rowCount() > 10
    assert calendar.headerData(0, Qt.Orientation.Horizontal) == "Code"
    assert calendar.index(0, 0).data() == "2013-H1"
    assert memberships.headerData(0, Qt.Orientation.Horizontal) == "Country"
    codes = {memberships.index(r, 0).data(CountryRole) for r in range(memberships.rowCount())}
    assert {"KZ", "KG", "TJ", "TM"} <= codes
    assert "Kazakhstan" in {memberships.index(r, 0).data() for r in range(memberships.rowCount())}
