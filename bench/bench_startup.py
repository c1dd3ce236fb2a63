"""App start to interactive main window (offscreen, from source), beside a bare PySide6 window.

Each run is a fresh interpreter, as a user's start is; its wall time runs from launching Python to
the first pass of the event loop after the window is shown (painted, taking input); the child then
prints the time, and its exit is not counted. The
app's child goes the way `main.py` goes (`app.cli`, then `start_gui`), on a demo workspace of the
size. The floor imports PySide6, makes the QApplication and shows an empty QMainWindow.

`python -m bench.bench_startup [--runs N] [--sizes coordinator,...]` runs this module alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import Row, Target, Timing, bench_env, run_child
from bench.datasets import workspace

TARGET = Target(ratio=2.0)
#: Peak memory at secretariat scale and beyond (issue 9).
TARGET_LARGE = Target(ratio=2.0, peak_mb=300)

BARE = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("READY", time.time(), flush=True), app.quit()))
app.exec()
"""

APP = """
import sys, time
from pathlib import Path
import app.cli  # what main.py imports before it knows there is no command
from PySide6.QtCore import QTimer
from app.ui.application import start_gui
controller = start_gui(Path(sys.argv[1]))
assert controller.windows, "the workspace did not open"
QTimer.singleShot(0, lambda: (print("READY", time.time(), flush=True), controller.app.quit()))
controller.app.exec()
"""


def measure(size: str, runs: int) -> Row:
    database = str(workspace(size))
    with tempfile.TemporaryDirectory(prefix="apt-bench-home-") as home:
        env = bench_env(Path(home))
        run_child(["-c", BARE], env)  # warm the file cache, the .pyc files, the font cache
        run_child(["-c", APP, database], env)
        app_runs, floor_runs = [], []
        for _ in range(runs):  # alternately, so a neighbour's load falls on both
            floor_runs.append(run_child(["-c", BARE], env))
            app_runs.append(run_child(["-c", APP, database], env))
    return Row(
        "start to main window", size, Timing(tuple(r.seconds_to("READY") for r in app_runs)),
        floor=Timing(tuple(r.seconds_to("READY") for r in floor_runs)),
        floor_name="a bare PySide6 window",
        peak_mb=max(r.peak_mb for r in app_runs), floor_peak_mb=max(r.peak_mb for r in floor_runs),
        target=TARGET if size == "coordinator" else TARGET_LARGE,
        note="fresh interpreter per run; peak = the whole app process",
    )


def run(sizes: list[str], runs: int) -> list[Row]:
    return [measure(size, runs) for size in sizes]


if __name__ == "__main__":
    import sys

    from bench.run import main

    main(["--only", "startup", *sys.argv[1:]])
