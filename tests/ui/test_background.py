"""The background helper's progress dialog: shown while work runs, never re-entered (a CI segfault)."""

from __future__ import annotations

import sys
import time

from PySide6.QtWidgets import QProgressBar, QWidget

from app.ui.common import background
from app.ui.common.background import run_in_background


def _inside_the_progress_handler() -> bool:
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "progressed" and frame.f_code.co_filename == background.__file__:
            return True
        frame = frame.f_back
    return False


def test_the_task_never_ends_inside_its_own_progress_report(qtbot):
    """A modal QProgressDialog.setValue processes events: the task's end (which closes and deletes
    the dialog, and runs the success handler) was handled inside it and freed the dialog under its
    feet. Here "progressed" and "done" arrive queued together, the case that crashed."""
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    for _round in range(3):
        shown: list[bool] = []
        ended_inside: list[bool] = []

        def work(progress, shown=shown):
            progress.step(0, 4, "starting")
            deadline = time.monotonic() + 5
            while not shown and time.monotonic() < deadline:
                time.sleep(0.01)
            progress.step(3, 4, "nearly there")
            return "done"

        task = run_in_background(parent, "Working", work)
        dialog = task.dialog
        dialog.setMinimumDuration(0)
        task.finished.connect(lambda ended=ended_inside: ended.append(_inside_the_progress_handler()))
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        shown.append(True)
        time.sleep(0.2)  # the GUI thread busy: both signals queue up before it looks again
        qtbot.waitUntil(lambda ended=ended_inside: bool(ended), timeout=10000)
        assert ended_inside == [False]


def test_the_dialog_shows_itself_and_the_reported_progress(qtbot):
    """Progress goes to the bar directly; the dialog still appears after its minimum duration."""
    release: list[bool] = []

    def work(progress):
        progress.step(2, 5, "two of five")
        deadline = time.monotonic() + 5
        while not release and time.monotonic() < deadline:
            time.sleep(0.01)
        return None

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    task = run_in_background(parent, "Working", work)
    dialog = task.dialog
    # after its 400 ms (well before the 4 s Qt falls back to), though setValue is never called
    qtbot.waitUntil(dialog.isVisible, timeout=2500)
    bar = dialog.findChild(QProgressBar)
    qtbot.waitUntil(lambda: bar.value() == 2, timeout=5000)
    assert (bar.maximum(), dialog.labelText()) == (5, "two of five")
    with qtbot.waitSignal(task.finished, timeout=10000):
        release.append(True)
