"""The first-run dialog creates the workspace the user describes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.models.orm import WorkspaceProfile
from app.models.orm.enums import WorkspaceRole
from app.ui.shell.first_run import FirstRunDialog


def _ok(dialog: FirstRunDialog):
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_creates_coordinator_workspace(qtbot, empty_db, language):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findData("TJ"))
    qtbot.keyClicks(dialog.name_edit, "Farrukh Rahimov")
    qtbot.keyClicks(dialog.ministry_edit, "Ministry of Internal Affairs")
    qtbot.keyClicks(dialog.email_edit, "farrukh@example.tj")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    with empty_db.reading() as s:
        profile = s.scalar(select(WorkspaceProfile))
    assert (profile.role, profile.country_code, profile.coordinator_name, profile.email) == (
        WorkspaceRole.COORDINATOR, "TJ", "Farrukh Rahimov", "farrukh@example.tj")


def test_shows_error_beside_form_and_writes_nothing(qtbot, empty_db, language):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.email_edit, "no-at-sign")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    assert dialog.result() != FirstRunDialog.DialogCode.Accepted
    assert "name" in dialog.error_label.text()
    with empty_db.reading() as s:
        assert s.scalar(select(WorkspaceProfile)) is None


def test_secretariat_needs_no_country(qtbot, empty_db, language):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    dialog.secretariat_radio.setChecked(True)
    assert not dialog.country_combo.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Support Unit")
    qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
    with empty_db.reading() as s:
        profile = s.scalar(select(WorkspaceProfile))
    assert profile.role == WorkspaceRole.SECRETARIAT and profile.country_code is None


def test_country_names_come_from_cldr(qtbot, empty_db, language):
    dialog = FirstRunDialog(empty_db, language)
    qtbot.addWidget(dialog)
    index = dialog.country_combo.findData("KG")
    assert dialog.country_combo.itemText(index) == "Kyrgyzstan"
