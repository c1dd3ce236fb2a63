"""File → Backups…: the list, "Back up now", and a restore the main window reloads after."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import func, select

from app.models.orm.reporting import ProgressUpdate
from app.models.services.workspace import backups as service
from app.models.storage.backup import BackupInfo
from app.models.topics import EVERYTHING
from app.ui.files.backups_dialog import BackupsDialog
from app.ui.files.backups_model import BackupRole, BackupsModel, SortRole
from app.ui.shell.main_window import MainWindow


def _updates(db) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(ProgressUpdate))


def test_model_columns_and_language(tmp_path, language):
    made = dt.datetime(2026, 3, 8, 14, 5)
    model = BackupsModel()
    model.set_backups([BackupInfo(tmp_path / "a.sqlite", made, "before-import", 2_400_000)])
    assert model.rowCount() == 1 and model.columnCount() == 3
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Made", "Size", "Reason"]
    row = [model.index(0, c).data() for c in range(3)]
    assert row == ["Mar 8, 2026, 2:05:00\u202fPM", "2.4 MB", "Before an import"]
    assert model.index(0, BackupsModel.COLUMN_SIZE).data(SortRole) == 2_400_000
    assert model.index(0, 0).data(BackupRole).reason == "before-import"
    language.set_language("ru")  # dates and sizes come from CLDR, in the interface language
    assert model.index(0, 0).data().startswith("8 мар")
    assert model.index(0, 1).data() == "2,4 МБ"


def test_back_up_now_adds_a_verified_backup(qtbot, context):
    dialog = BackupsDialog(context)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and not dialog.restore_button.isEnabled()
    dialog.show()
    with qtbot.waitSignal(dialog.backed_up, timeout=15000) as done:
        qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
        assert not dialog.buttons.isEnabled()  # while it runs in the background
        dialog.reject()  # Esc or the title bar's close button: the backup finishes first
        assert dialog.isVisible()
    assert dialog.model.rowCount() == 1 and dialog.buttons.isEnabled()
    listed = service.backups(context.db.path)
    assert len(listed) == 1 and listed[0].reason == "manual" and listed[0].path.exists()
    assert done.args == [listed[0]]
    assert dialog.selected_backup() == listed[0] and dialog.restore_button.isEnabled()
    assert "1 backup," in dialog.summary.text()
    dialog.reject()
    assert not dialog.isVisible()


def test_a_failed_backup_is_explained(qtbot, context, monkeypatch):
    from app.models.errors import DiskFullError
    from app.ui.common import background

    def full(*_args, **_kwargs):
        raise DiskFullError(str(context.db.path))

    monkeypatch.setattr("app.ui.files.backups_dialog.back_up", full)
    shown = []
    monkeypatch.setattr(background.QMessageBox, "warning", lambda *args: shown.append(args[2]))
    dialog = BackupsDialog(context)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.back_up_now().finished, timeout=15000):
        pass
    assert shown and "no space left" in shown[0]
    assert dialog.model.rowCount() == 0 and dialog.buttons.isEnabled()


def test_restore_replaces_the_workspace_and_the_window_reloads(qtbot, context, monkeypatch):
    window = MainWindow(context)
    qtbot.addWidget(window)
    backup = service.back_up(context.db.path)
    with context.db.transaction() as session:
        session.execute(ProgressUpdate.__table__.delete())
    assert _updates(context.db) == 0
    window.undo_stack.push(_noop_command())
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    dialog = BackupsDialog(context, window)
    qtbot.addWidget(dialog)
    dialog.restored.connect(window.undo_stack.clear)
    dialog.select_backup(backup)
    with qtbot.waitSignal(context.bus.changed, timeout=15000) as changed:
        assert dialog.restore_selected()
    assert changed.args == [EVERYTHING]
    assert "backed up first" in asked[0]
    assert _updates(context.db) > 0
    assert window.undo_stack.count() == 0
    reasons = [b.reason for b in service.backups(context.db.path)]
    assert sorted(reasons) == ["before-restore", "manual"]
    assert dialog.selected_backup().reason == "before-restore"  # the way back is shown


def test_restore_declined_changes_nothing(qtbot, context, monkeypatch):
    backup = service.back_up(context.db.path)
    with context.db.transaction() as session:
        session.execute(ProgressUpdate.__table__.delete())
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    dialog = BackupsDialog(context)
    qtbot.addWidget(dialog)
    dialog.select_backup(backup)
    assert not dialog.restore_selected()
    assert _updates(context.db) == 0
    assert len(service.backups(context.db.path)) == 1


def test_file_menu_opens_backups(qtbot, context, monkeypatch):
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.backups_action in window.file_menu.actions()
    assert window.backups_action.text() == "&Backups…"
    shown = []
    monkeypatch.setattr(BackupsDialog, "exec", lambda self: shown.append(self) or 0)
    window.backups_action.trigger()
    assert shown and shown[0].context is context


def _noop_command():
    from PySide6.QtGui import QUndoCommand

    return QUndoCommand("edit")
