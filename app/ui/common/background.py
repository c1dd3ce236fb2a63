"""Run a long operation off the GUI thread, with a progress dialog, cancel, and "what changed".

One helper for every long operation (export, import, backup, consolidation), after Anki's
CollectionOp: the work is a plain function of a `Progress` (see app/models/progress.py) that runs
in a worker thread; progress and the result come back to the GUI thread through queued signals; on
success the change bus announces the topics the result touched, so each view refreshes itself.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressBar, QProgressDialog, QWidget
from shiboken6 import isValid

from app.i18n import _
from app.models.errors import UserFacingError
from app.models.progress import OperationCancelled
from app.ui.common.change_bus import ChangeBus
from app.ui.common.plain_text import shown

#: Tasks started by `run_in_background`, held until they finish; then Python releases them (a
#: `deleteLater` on a finished task crashed PySide 6.11 now and then, in ~QObject).
_RUNNING: set[BackgroundTask] = set()


class _Reporter:
    """The worker's side of `Progress`: thread-safe, talks to the GUI thread only through signals."""

    def __init__(self, worker: _Worker) -> None:
        self._worker = worker
        self._cancel = threading.Event()

    def step(self, done: int, total: int, text: str) -> None:
        self._worker.progressed.emit(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QObject):
    progressed = Signal(int, int, str)
    done = Signal(bool, object)  # (succeeded, result or exception)

    def __init__(self, work: Callable[[Any], Any]) -> None:
        super().__init__()
        self.work = work
        self.reporter = _Reporter(self)

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.reporter)
        except BaseException as exc:  # handed to the GUI thread (with its traceback), which decides
            self.done.emit(False, exc)  # what to show
        else:
            self.done.emit(True, result)


class BackgroundTask(QObject):
    """One run of `work(progress)` in its own thread. Signals arrive in the GUI thread."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, work: Callable[[Any], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self.progressed)
        self._worker.done.connect(self._done)
        self.running = False
        #: The progress dialog `run_in_background` shows for it.
        self.dialog: QProgressDialog | None = None

    def start(self) -> None:
        self.running = True
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next checkpoint; what it did is undone (its own contract)."""
        self._worker.reporter.cancel()

    def wait(self) -> None:
        self._thread.quit()
        self._thread.wait()

    @Slot(bool, object)
    def _done(self, ok: bool, payload: object) -> None:
        self._thread.quit()
        self._thread.wait()
        self.running = False
        if ok:
            self.succeeded.emit(payload)
        elif isinstance(payload, OperationCancelled):
            self.cancelled.emit()
        else:
            self.failed.emit(payload)
        self.finished.emit()


def show_failure(parent: QWidget | None, title: str, error: object) -> None:
    """A user-facing error as it is; anything else as "unexpected", with the details to report."""
    if isinstance(error, UserFacingError):
        QMessageBox.warning(parent, title, shown(error.message()))
        return
    box = QMessageBox(QMessageBox.Icon.Critical, title, _(
        "Something unexpected went wrong; nothing was changed. Please report this, with the "
        "details below, to whoever supports the app."), parent=parent)
    box.setDetailedText("".join(traceback.format_exception(error)) if isinstance(error, BaseException)
                        else repr(error))
    box.exec()


def run_in_background(
    parent: QWidget, title: str, work: Callable[[Any], Any], *,
    on_success: Callable[[Any], None] | None = None, bus: ChangeBus | None = None,
    topics: Callable[[Any], Iterable[str]] | Iterable[str] = (), cancellable: bool = True,
) -> BackgroundTask:
    """Start `work(progress)` in a thread, with a window-modal progress dialog.

    On success the bus announces `topics` (or `topics(result)`), then `on_success(result)` runs;
    on failure the error is shown; on cancel nothing is shown (the work undid itself).
    """
    task = BackgroundTask(work)
    _RUNNING.add(task)
    dialog = QProgressDialog(title, _("Cancel") if cancellable else "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    # Progress goes to the bar, never through QProgressDialog.setValue: on a modal dialog that
    # processes events, so the task's end (and whatever its success handler closes or deletes,
    # the dialog included) could run inside it and free it under its feet (a segfault in CI).
    # The dialog still shows itself after its minimum duration, from its own timer, which
    # setMinimumDuration restarts while the bar stands at its minimum.
    bar = QProgressBar(dialog)
    bar.setRange(0, 0)
    bar.setValue(0)
    dialog.setBar(bar)
    dialog.setMinimumDuration(400)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if not cancellable:
        dialog.setCancelButton(None)
    task.dialog = dialog

    # The task may outlive the window that started it (closed meanwhile): its work is finished
    # and announced all the same, but nothing is shown in, or asked of, a window that is gone.
    def progressed(done: int, total: int, text: str) -> None:
        if isValid(dialog):
            bar.setRange(0, max(total, 1))
            bar.setValue(min(done, max(total, 1)))
            dialog.setLabelText(text)

    def succeeded(result: object) -> None:
        if isValid(dialog):
            dialog.close()
        if bus is not None and isValid(bus):
            announced = topics(result) if callable(topics) else topics
            names = tuple(announced)
            if names:
                bus.announce(*names)
        if on_success is not None and (parent is None or isValid(parent)):
            on_success(result)

    def failed(error: object) -> None:
        if isValid(dialog):
            dialog.close()
        show_failure(parent if parent is not None and isValid(parent) else None, title, error)

    task.progressed.connect(progressed)
    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    task.cancelled.connect(dialog.close)
    task.finished.connect(dialog.deleteLater)
    task.finished.connect(lambda: QTimer.singleShot(0, lambda: _RUNNING.discard(task)))
    dialog.canceled.connect(task.cancel)
    task.start()
    return task
