"""The workspace window: open it, switch period, apply a filter.

The period switch and the filters (target ≤ 100 ms) have a floor beside them: a bare QTableView in
a shown window given the same number of rows anew, timed between the app's steps.

Each size runs in a fresh process (offscreen), so the peak memory is that of a user's session
that opened the workspace and did all of this. Steps, each timed until Qt has processed the
events it caused (repainted):

- open: open the database file (quick check, schema check) and build and show the main window;
- switch period: with the progress editor on screen, select the other of the last two periods
  (each period's rows are read once and kept while the workspace does not change);
- switch to a period not shown yet: the same, to earlier periods, each read for the first time;
- status filter / text filter: in the progress editor, show the delayed items only, or search
  "working group" (what the typing pause triggers), then clear it again (both directions timed);
- dashboard period: switch period with the dashboard on screen.

On the secretariat workspaces the coordinator's panels are opened for all 15 countries at once
(4,500 commitments a period at secretariat size, 9,000 at stress), the largest set they can be
asked to show. Targets (issue 9): period switch and filter ≤ 100 ms; peak memory ≤ 300 MB at
secretariat scale.

`python -m bench.bench_workspace [--runs N] [--sizes coordinator,...]` runs this module alone.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from bench.common import Row, Target, Timing, run_child
from bench.datasets import DATASETS, workspace

TARGET = Target(seconds=0.1)
TARGET_LARGE = Target(seconds=0.1, peak_mb=300)
STEPS = {  # key in the child's report: (measure, has the ≤100 ms target)
    "open": ("workspace: open database + main window", False),
    "period": ("workspace: switch period (progress editor)", True),
    "period_new": ("workspace: switch to a period not shown yet", True),
    "status": ("workspace: status filter", True),
    "text": ("workspace: text filter", True),
    "dashboard": ("workspace: switch period (dashboard)", False),
}


FLOOR_NAME = ("a bare QTableView in a shown window given the same number of rows anew "
              "(model reset, repaint)")


def _floor_view(app: object, rows: int) -> Callable[[], object]:
    """The least a view can do for a step that shows `rows` rows: reset a plain list model."""
    from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
    from PySide6.QtWidgets import QTableView

    class Plain(QAbstractTableModel):
        def __init__(self) -> None:
            super().__init__()
            self.items: list[tuple[str, ...]] = []

        def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
            return 0 if parent.isValid() else len(self.items)

        def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
            return 0 if parent.isValid() else 5

        def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
            if role == Qt.ItemDataRole.DisplayRole:
                return self.items[index.row()][index.column()]
            return None

    model = Plain()
    view = QTableView()
    view.setModel(model)
    view.resize(1280, 800)
    view.show()
    data = [(str(i), f"commitment {i}", "on track", "50", "1") for i in range(rows)]

    def step() -> None:
        model.beginResetModel()
        model.items = list(data)
        model.endResetModel()
    step.view = view  # type: ignore[attr-defined]  # kept alive with the step
    return step


def _timed(action: Callable[[], object], settle: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    settle()
    return time.perf_counter() - start


def run_scenario(size: str, runs: int) -> dict[str, object]:
    """Measure one size in this process (the child); returns seconds per step."""
    import datetime as dt
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from app.models.orm import ProgressUpdate
    from app.models.orm.enums import ProgressStatus, WorkspaceRole
    from app.models.services.reporting.periods import all_periods, period_by_code
    from app.models.services.workspace.profile import profile_of
    from app.models.storage.database import open_database
    from app.ui.common.change_bus import ChangeBus
    from app.ui.common.context import WorkspaceContext
    from app.ui.common.language import LanguageController
    from app.ui.shell.application import settle_after_start
    from app.ui.shell.main_window import MainWindow

    path = workspace(size)
    country = DATASETS[size].country if DATASETS[size].role == "coordinator" else None
    app = QApplication.instance() or QApplication([])
    language = LanguageController(app)
    language.set_language("en")
    today = dt.date.today()
    last = f"{today.year}-H{1 if today.month < 7 else 2}"
    before = f"{today.year}-H1" if last.endswith("H2") else f"{today.year - 1}-H2"

    def open_window(db):
        stored = profile_of(db)
        profile = SimpleNamespace(role=WorkspaceRole.COORDINATOR, country_code=country,
                                  coordinator_name=stored.coordinator_name, language="en",
                                  email=stored.email)
        context = WorkspaceContext(db=db, profile=profile, bus=ChangeBus(),  # type: ignore[arg-type]
                                   language=language, today=lambda: today)
        window = MainWindow(context)
        window.resize(1280, 800)
        window.show()
        return window

    timings: dict[str, list[float]] = {key: [] for key in STEPS}
    floors: list[float] = []
    for _ in range(runs):
        held: dict[str, object] = {}

        def open_all(h=held):
            h["db"] = open_database(path)
            h["w"] = open_window(h["db"])

        timings["open"].append(_timed(open_all, app.processEvents))
        held["w"].close()  # type: ignore[attr-defined]
        held["w"].deleteLater()  # type: ignore[attr-defined]
        held["db"].close()  # type: ignore[attr-defined]
        app.processEvents()
    db = open_database(path)
    window = open_window(db)
    app.processEvents()
    settle_after_start()  # as the app does once its first window is up
    tabs = window.coordinator_tabs
    with db.reading() as s:
        periods = [period_by_code(s, code).id for code in (last, before)]
        rows = s.scalar(select(func.count()).select_from(ProgressUpdate))
    window.tabs.setCurrentWidget(tabs.progress)
    app.processEvents()
    shown = tabs.progress.table.source.rowCount()
    floor = _floor_view(app, shown)
    for run in range(runs + 1):  # the first switch warms up; the floor runs between the steps
        target = periods[(run + 1) % 2]
        took = _timed(lambda t=target: tabs.selection.set_period(t), app.processEvents)
        floor_took = _timed(floor, app.processEvents)
        if run:
            timings["period"].append(took)
            floors.append(floor_took)
    with db.reading() as s:  # earlier periods, each shown for the first time in this session
        earlier = [p.id for p in all_periods(s) if p.id not in periods][-(runs + 1):]
    for run, target in enumerate(earlier):
        took = _timed(lambda t=target: tabs.selection.set_period(t), app.processEvents)
        if run:
            timings["period_new"].append(took)
    floor.view.close()  # type: ignore[attr-defined]
    tabs.selection.set_period(periods[0])
    app.processEvents()
    combo = tabs.progress.filters.status_combo
    for run in range(runs + 1):
        value = ProgressStatus.DELAYED.value if run % 2 == 0 else None
        took = _timed(lambda v=value: combo.setCurrentIndex(combo.findData(v)), app.processEvents)
        if run:
            timings["status"].append(took)
    combo.setCurrentIndex(0)
    search = tabs.progress.filters.search
    for run in range(runs + 1):
        text = "working group" if run % 2 == 0 else ""

        def apply(t=text):
            search.setText(t)
            tabs.progress.filters._emit()  # what the typing pause triggers

        took = _timed(apply, app.processEvents)
        if run:
            timings["text"].append(took)
    window.tabs.setCurrentWidget(tabs.dashboard)
    app.processEvents()
    for run in range(runs + 1):
        target = periods[(run + 1) % 2]
        took = _timed(lambda t=target: tabs.selection.set_period(t), app.processEvents)
        if run:
            timings["dashboard"].append(took)
    window.close()
    db.close()
    return {"timings": timings, "floor": floors, "progress_rows": rows, "commitments_shown": shown}


def measure(size: str, runs: int) -> list[Row]:
    workspace(size)  # generated here if need be, not in the measured child
    child = run_child(["-m", "bench.bench_workspace", "--scenario", size, str(runs)])
    report = json.loads(child.stdout.strip().splitlines()[-1])
    large = size != "coordinator"
    note = ("coordinator: its own country (300 commitments a period); secretariat sizes: all 15 "
            "countries at once; peak = the whole session (every step)")
    rows = []
    floor = Timing(tuple(report["floor"])) if report.get("floor") else None
    for key, (name, targeted) in STEPS.items():
        target = (TARGET_LARGE if large else TARGET) if targeted else (
            Target(peak_mb=300) if large else None)
        rows.append(Row(name, size, Timing(tuple(report["timings"][key])), peak_mb=child.peak_mb,
                        target=target, note=note,
                        floor=floor if targeted else None, floor_name=FLOOR_NAME if targeted else ""))
    return rows


def run_bench(sizes: list[str], runs: int) -> list[Row]:
    return [row for size in sizes for row in measure(size, runs)]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--scenario"]:
        print(json.dumps(run_scenario(sys.argv[2], int(sys.argv[3]))))
        sys.exit(0)
    from bench.run import main

    main(["--only", "workspace", *sys.argv[1:]])
