"""The tour reaches every tab and dialog of both workspaces (tests/ui/tour.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from .tour import coordinator_tour, secretariat_tour


def test_the_coordinators_tour_visits_six_tabs_and_every_dialog(qtbot, context, tmp_path):
    stops = [(stop.name, stop.widget.isVisible()) for stop in coordinator_tour(qtbot, context, tmp_path)]
    names = [name for name, _shown in stops]
    assert all(shown for _name, shown in stops)
    assert sum(" tab " in name for name in names) >= 5
    assert "coordinator plan import dialog" in names and "coordinator history dialog" in names
    assert len(names) == len(set(names)) >= 18


def test_the_secretariats_tour_visits_its_tabs_and_dialogs(qtbot, secretariat_context, tmp_path):
    stops = list(secretariat_tour(qtbot, secretariat_context, tmp_path))
    assert sum(" tab " in stop.name for stop in stops) >= 5
    assert any(isinstance(stop.widget, QDialog) and "batch summary" in stop.name for stop in stops)
