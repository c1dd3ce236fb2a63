"""A coordinator without a mouse records a period's progress and exports it: only keys (Tab,
arrows, Alt+letter access keys, menus by keyboard), and a guard that no mouse event reached the
application on the way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QWidget

from app.models.orm.enums import ProgressStatus, label
from app.models.services.reporting.progress import get_update
from app.ui.common.settings import app_settings
from app.ui.files.submission_export_dialog import ExportSubmissionDialog

from .coordinator_helpers import open_window

ALT = Qt.KeyboardModifier.AltModifier
MOUSE_EVENTS = {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
                QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.Wheel,
                QEvent.Type.NonClientAreaMouseButtonPress}


class MouseGuard(QObject):
    """Counts every mouse event any object of the application receives."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in MOUSE_EVENTS:
            self.seen.append(f"{event.type().name} to {type(watched).__name__}")
        return False


@pytest.fixture
def mouse_guard(qapp) -> Iterator[MouseGuard]:
    guard = MouseGuard()
    qapp.installEventFilter(guard)
    yield guard
    qapp.removeEventFilter(guard)


def settle() -> None:
    for _round in range(3):
        QApplication.processEvents()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the keyboard's focus is, as a user presses it."""
    QTest.keyClick(focused(), key, modifier)
    settle()


def test_recording_progress_and_exporting_with_the_keyboard_only(
        qtbot, context, tmp_path, mouse_guard, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    app_settings().remove("export/folder")
    window = open_window(qtbot, context)
    tabs = window.coordinator_tabs
    assert tabs is not None
    settle()

    # 1. The Progress tab: Ctrl+Tab through the tabs from the dashboard's period.
    press(Qt.Key.Key_P, ALT)
    assert focused() is tabs.dashboard.period_bar.combo
    while window.tabs.currentWidget() is not tabs.progress:
        press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    progress = tabs.progress

    # 2. The period: Alt+P, then the arrows to the second half of 2026 (open for updates).
    press(Qt.Key.Key_P, ALT)
    combo = progress.period_bar.combo
    assert focused() is combo
    press(Qt.Key.Key_Home)
    while not combo.currentText().startswith("second half of 2026"):
        press(Qt.Key.Key_Down)
    assert not progress.locked

    # 3. A commitment: Tab to the list, the arrows to the third row.
    while focused() is not progress.table:
        press(Qt.Key.Key_Tab)
    press(Qt.Key.Key_Home)
    press(Qt.Key.Key_Down)
    press(Qt.Key.Key_Down)
    row = progress.table.current_row()
    assert row is not None and progress.form.title_label.text().startswith(row.action_code)

    # 4. Status, percent and narrative by their access keys; leaving each field saves it.
    press(Qt.Key.Key_T, ALT)
    status = progress.form.status_combo
    assert focused() is status
    while status.currentText() != label(ProgressStatus.DELAYED):
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_D, ALT)
    assert focused() is progress.form.percent_spin
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), "45")
    press(Qt.Key.Key_N, ALT)
    assert focused() is progress.form.texts["narrative"]
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), "Drafted the law; the hearing moved to March.")
    press(Qt.Key.Key_Tab)  # leaving the field saves it
    assert focused() is progress.form.texts["challenges"]
    with context.db.reading() as session:
        update = get_update(session, row.id, progress._selection.period_id)
        assert update is not None
        assert (update.status, update.percent, update.narrative) == (
            ProgressStatus.DELAYED, 45, "Drafted the law; the hearing moved to March.")

    # 5. File → Export submission… by the menu's access keys; the dialog by its own.
    press(Qt.Key.Key_F, ALT)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu is window.file_menu
    QTest.keyClick(menu, Qt.Key.Key_E)
    settle()
    dialog = window.submission_actions.export_dialog
    assert isinstance(dialog, ExportSubmissionDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    press(Qt.Key.Key_P, ALT)
    assert isinstance(focused(), QComboBox) and focused() is dialog.period
    press(Qt.Key.Key_Home)
    while dialog.period.currentData() != "2026-H2":
        press(Qt.Key.Key_Down)
    press(Qt.Key.Key_F, ALT)
    assert focused() is dialog.folder
    press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(focused(), str(folder))
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result_dialog is not None, timeout=20000)
    result = dialog.result_dialog
    assert result is not None
    qtbot.addWidget(result)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is result)
    press(Qt.Key.Key_Escape)
    assert not result.isVisible()

    # 6. The workbook holds what was typed.
    path = result.exported.path
    assert path.parent == folder and path.exists()
    workbook = load_workbook(path, read_only=True)
    cells = [str(cell) for sheet in workbook.worksheets
             for line in sheet.iter_rows(values_only=True) for cell in line if cell is not None]
    workbook.close()
    assert "Drafted the law; the hearing moved to March." in cells
    assert mouse_guard.seen == []


def test_the_guard_sees_a_mouse_click(qtbot, mouse_guard):
    button = QWidget()
    qtbot.addWidget(button)
    button.show()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "MouseButtonPress to QWidget" in mouse_guard.seen
