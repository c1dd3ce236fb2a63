"""App start to interactive main window (offscreen, from source), beside a bare PySide6 window.

Each run is a fresh interpreter, as a user's start is: `python main.py --db X --quit-after-show`,
the app's own start-up path, which prints "shown" once the window is up and has processed its
pending events (painted, taking input). The floor imports PySide6, shows an empty QMainWindow,
processes its events and prints "shown" alike. The time runs from launch to that line; the exit
is not counted. Peak memory is the whole process's.

`python -m bench.bench_startup [--runs N] [--sizes coordinator,...]` runs this module alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import ChildRun, Row, Target, Timing, bench_env, run_child
from bench.datasets import fresh_copy

TARGET = Target(ratio=2.0)
#: Peak memory at secretariat scale and beyond (issue 9).
TARGET_LARGE = Target(ratio=2.0, peak_mb=300)

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.processEvents()
print("shown", flush=True)
"""


def _app(database: str) -> list[str]:
    return ["main.py", "--db", database, "--quit-after-show"]


def _shown(runs: list[ChildRun]) -> Timing:
    return Timing(tuple(r.to_mark for r in runs if r.to_mark is not None))


def measure(size: str, runs: int) -> list[Row]:
    """An ordinary start (today's backup exists) beside the floor, and the day's first start."""
    with tempfile.TemporaryDirectory(prefix="apt-bench-start-") as folder:
        env = bench_env(Path(folder) / "home")
        database = str(fresh_copy(size, Path(folder) / "workspace"))
        run_child(["-c", BARE], env, "shown")  # warm the file cache, the .pyc files, the font cache
        run_child(_app(database), env, "shown")  # ... and make today's backup
        floor_runs, app_runs, first_runs = [], [], []
        for n in range(runs):  # in turn, so a neighbour's load falls on all three alike
            floor_runs.append(run_child(["-c", BARE], env, "shown"))
            app_runs.append(run_child(_app(database), env, "shown"))
            # a copy without backups, so that this start makes the day's backup first
            first = fresh_copy(size, Path(folder) / f"day{n}")
            first_runs.append(run_child(_app(str(first)), env, "shown"))
    floor, floor_peak = _shown(floor_runs), max(r.peak_mb for r in floor_runs)
    return [
        Row("start to main window", size, _shown(app_runs), floor=floor,
            floor_name="a bare PySide6 window", peak_mb=max(r.peak_mb for r in app_runs),
            floor_peak_mb=floor_peak, target=TARGET if size == "coordinator" else TARGET_LARGE,
            note="python main.py --quit-after-show, fresh interpreter per run, exit not counted; "
                 "peak = the whole app process"),
        Row("first start of the day", size, _shown(first_runs), floor=floor,
            floor_name="a bare PySide6 window", peak_mb=max(r.peak_mb for r in first_runs),
            floor_peak_mb=floor_peak,
            note="includes the daily backup (copy + full integrity_check) before the window"),
    ]


def run_bench(sizes: list[str], runs: int) -> list[Row]:
    return [row for size in sizes for row in measure(size, runs)]


if __name__ == "__main__":
    import sys

    from bench.run import main

    main(["--only", "startup", *sys.argv[1:]])
