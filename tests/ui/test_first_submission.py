"""Issue 16, "what was seen": the small defects a newcomer met on a first half-year submission."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import select

from app.models.orm import ChangeLog, WorkspaceProfile
from app.ui.common.settings import app_settings
from app.ui.shell.workspace_details import WorkspaceDetailsDialog

from .coordinator_helpers import open_window


def fresh_window(qtbot, context):
    settings = app_settings()
    settings.clear()
    settings.sync()
    return open_window(qtbot, context)


def test_workspace_details_are_editable_from_the_file_menu_and_logged(qtbot, context):
    window = fresh_window(qtbot, context)
    assert window.details_action in window.file_menu.actions()
    dialog = WorkspaceDetailsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Aigerim Nurlanova")
    dialog.email_edit.setText("a.nurlanova@example.kz")
    dialog.ministry_edit.setText("Ministry of Labour")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.result() == dialog.DialogCode.Accepted
    with context.db.reading() as s:
        profile = s.scalar(select(WorkspaceProfile))
        logged = set(s.scalars(select(ChangeLog.field).where(
            ChangeLog.entity == "workspace_profile", ChangeLog.operation == "update")))
    assert (profile.coordinator_name, profile.email) == ("Aigerim Nurlanova",
                                                         "a.nurlanova@example.kz")
    assert {"coordinator_name", "email", "ministry"} <= logged
    assert window.context.profile.email == "a.nurlanova@example.kz"
    assert "Aigerim Nurlanova" in window._workspace_label.text()


def test_workspace_details_refuse_a_bad_address_and_write_nothing(qtbot, context):
    dialog = WorkspaceDetailsDialog(context)
    qtbot.addWidget(dialog)
    before = context.profile.email
    dialog.email_edit.setText("not an address")
    dialog.save()
    assert dialog.error_label.text()
    with context.db.reading() as s:
        assert s.scalar(select(WorkspaceProfile)).email == before


def test_the_demo_says_it_is_a_demo(qtbot, context):
    window = fresh_window(qtbot, context)
    assert window.windowTitle().startswith("Demo workspace")
    assert window.demo_banner.isVisible() and "invented" in window.demo_banner.text()


def test_the_first_window_fits_a_1280_by_800_laptop(qtbot, context, language):
    language.set_language("ru")
    window = fresh_window(qtbot, context)
    taskbar = 40
    room = QRect(0, 0, 1280, 800 - taskbar)  # what Windows leaves free above its taskbar
    window.fit_to_screen(room)
    title_bar = 32
    assert window.height() + title_bar <= room.height()
    assert window.minimumSizeHint().height() + title_bar <= room.height()
    assert window.width() <= room.width()
