"""How fast the coordinator workspace opens, switches period and filters, on large databases.

    .venv/bin/python bench/bench_workspace.py [--runs 7] [--rebuild]

Builds (once, cached in bench/.cache) the large coordinator demo (300 commitments × 26 periods,
200 indicators) and the large secretariat demo (15 countries × 300 commitments × 26 periods),
then measures, offscreen, each scenario in a fresh process so peak memory is its own:

- database: open the database file (integrity check, schema check) — the foundation's part;
- window: build and show the main window with its tabs, the dashboard drawn;
- period: switch the reporting period with the progress editor on screen;
- status / text: apply a status filter or a text search in the progress editor;
- dashboard: switch period with the dashboard on screen.

On the secretariat database the coordinator's panels are opened for all 15 countries at once
(4,500 commitments a period), the largest set they can be asked to show, and for one country.
Timings are median / min / max in milliseconds. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CACHE = ROOT / "bench" / ".cache"
SCENARIOS = {
    "coordinator": ("coordinator-large.sqlite", "KZ"),
    "secretariat, one country": ("secretariat-large.sqlite", "KZ"),
    "secretariat, all 15 countries": ("secretariat-large.sqlite", None),
}


def build_databases(rebuild: bool) -> None:
    import datetime as dt

    from app.models.demo import create_demo_workspace
    from app.models.enums import WorkspaceRole

    CACHE.mkdir(parents=True, exist_ok=True)
    today = dt.date(2026, 11, 26)
    for name, role in (("coordinator-large.sqlite", WorkspaceRole.COORDINATOR),
                       ("secretariat-large.sqlite", WorkspaceRole.SECRETARIAT)):
        path = CACHE / name
        if rebuild:
            for stale in CACHE.glob(f"{name}*"):
                stale.unlink()
        if not path.exists():
            print(f"building {path} …", file=sys.stderr)
            create_demo_workspace(path, role=role, size="large", today=today).close()


def _timed(action, settle) -> float:
    start = time.perf_counter()
    action()
    settle()
    return (time.perf_counter() - start) * 1000


def run_scenario(name: str, runs: int) -> dict[str, object]:
    """Measure one scenario in this process (called in a child process)."""
    import datetime as dt
    from types import SimpleNamespace

    from PySide6.QtWidgets import QApplication
    from sqlalchemy import func, select

    from app.models import ProgressUpdate
    from app.models.database import open_database
    from app.models.enums import ProgressStatus, WorkspaceRole
    from app.models.services.periods import period_by_code
    from app.models.services.workspace import profile_of
    from app.ui.change_bus import ChangeBus
    from app.ui.context import WorkspaceContext
    from app.ui.language import LanguageController
    from app.ui.main_window import MainWindow

    file_name, country = SCENARIOS[name]
    app = QApplication.instance() or QApplication([])
    language = LanguageController(app)
    language.set_language("en")
    today = dt.date(2026, 11, 26)
    path = CACHE / file_name

    def open_window(db):
        stored = profile_of(db)
        profile = SimpleNamespace(role=WorkspaceRole.COORDINATOR, country_code=country,
                                  coordinator_name=stored.coordinator_name, language="en")
        context = WorkspaceContext(db=db, profile=profile, bus=ChangeBus(),  # type: ignore[arg-type]
                                   language=language, today=lambda: today)
        window = MainWindow(context)
        window.resize(1280, 800)
        window.show()
        return window

    timings: dict[str, list[float]] = {"database": [], "window": [], "period": [], "status": [],
                                       "text": [], "dashboard": []}
    for _ in range(runs):
        held = {}
        timings["database"].append(_timed(lambda h=held: h.update(db=open_database(path)),
                                          lambda: None))
        timings["window"].append(_timed(lambda h=held: h.update(w=open_window(h["db"])),
                                        app.processEvents))
        held["w"].close()
        held["w"].deleteLater()
        held["db"].close()
        app.processEvents()
    db = open_database(path)
    window = open_window(db)
    app.processEvents()
    tabs = window.coordinator_tabs
    with db.reading() as s:
        periods = [period_by_code(s, code).id for code in ("2026-H2", "2026-H1")]
        rows = s.scalar(select(func.count()).select_from(ProgressUpdate))
    window.tabs.setCurrentWidget(tabs.progress)
    app.processEvents()
    shown = tabs.progress.table.source.rowCount()
    for run in range(runs):
        target = periods[(run + 1) % 2]
        timings["period"].append(_timed(lambda t=target: tabs.selection.set_period(t),
                                        app.processEvents))
    tabs.selection.set_period(periods[0])
    app.processEvents()
    combo = tabs.progress.filters.status_combo
    for run in range(runs):
        value = ProgressStatus.DELAYED.value if run % 2 == 0 else None
        timings["status"].append(_timed(
            lambda v=value: combo.setCurrentIndex(combo.findData(v)), app.processEvents))
    combo.setCurrentIndex(0)
    search = tabs.progress.filters.search
    for run in range(runs):
        text = "working group" if run % 2 == 0 else ""

        def apply(t=text):
            search.setText(t)
            tabs.progress.filters._emit()  # what the typing pause triggers

        timings["text"].append(_timed(apply, app.processEvents))
    window.tabs.setCurrentWidget(tabs.dashboard)
    app.processEvents()
    for run in range(runs):
        target = periods[(run + 1) % 2]
        timings["dashboard"].append(_timed(lambda t=target: tabs.selection.set_period(t),
                                           app.processEvents))
    window.close()
    db.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"timings": timings, "progress_rows": rows, "commitments_shown": shown,
            "peak_mb": peak_mb}


def _cell(values: list[float]) -> str:
    return f"{statistics.median(values):5.0f} /{min(values):5.0f} /{max(values):5.0f}".center(22)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build the demo databases again")
    parser.add_argument("--scenario", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scenario:
        print(json.dumps(run_scenario(args.scenario, args.runs)))
        return 0
    build_databases(args.rebuild)
    results = {}
    for name in SCENARIOS:
        output = subprocess.run([sys.executable, __file__, "--scenario", name, "--runs",
                                 str(args.runs)], capture_output=True, text=True, check=True)
        results[name] = json.loads(output.stdout.strip().splitlines()[-1])
    columns = [("database", "open database"), ("window", "open window"),
               ("period", "switch period"), ("status", "status filter"), ("text", "text search"),
               ("dashboard", "dashboard period")]
    print(f"{args.runs} runs each; milliseconds, median / min / max; offscreen, "
          f"Python {sys.version.split()[0]}\n")
    header = f"| {'scenario':29} | {'progress rows':>13} | {'rows shown':>10} | " + " | ".join(
        f"{title:^22}" for _key, title in columns) + " | peak RSS |"
    print(header)
    print("|" + "|".join("-" * len(part) for part in header.split("|")[1:-1]) + "|")
    for name, result in results.items():
        cells = " | ".join(_cell(result["timings"][key]) for key, _title in columns)
        print(f"| {name:29} | {result['progress_rows']:>13,} | {result['commitments_shown']:>10,} | "
              f"{cells} | {result['peak_mb']:5.0f} MB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
