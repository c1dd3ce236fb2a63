"""App start to interactive main window (offscreen, from source), beside a bare PySide6 window.

Each run is a fresh interpreter, as a user's start is: `python -m bench.bench_startup [--runs N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import resource, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

APP = """
import resource, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from app.ui.application import AppController, create_application, initial_language
from app.ui.language import LanguageController
app = create_application()
language = LanguageController(app)
language.set_language(initial_language(None))
controller = AppController(app, language)
window = controller.open_workspace(Path(sys.argv[1]))
assert window is not None
QTimer.singleShot(0, app.quit)
app.exec()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _run(code: str, *args: str, env: dict[str, str]) -> tuple[float, float]:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    return elapsed, int(result.stdout.strip().splitlines()[-1]) / 1024


def measure(runs: int, database: Path) -> dict[str, dict[str, float]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    results = {}
    for name, code, args in (("bare PySide6 window", BARE, ()),
                             ("app start to main window", APP, (str(database),))):
        _run(code, *args, env=env)  # warm the file cache
        samples = [_run(code, *args, env=env) for _ in range(runs)]
        times = [s[0] for s in samples]
        results[name] = {"median_s": statistics.median(times), "min_s": min(times),
                         "max_s": max(times), "peak_mb": max(s[1] for s in samples)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="workspace to open (default: a large coordinator demo)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    database = args.db
    if database is None:
        folder = Path(tempfile.mkdtemp(prefix="apt-bench-"))
        database = folder / "large.sqlite"
        subprocess.run([sys.executable, "main.py", "demo", "--db", str(database), "--size", "large"],
                       cwd=ROOT, check=True, capture_output=True)
    results = measure(args.runs, database)
    if args.json:
        print(json.dumps(results))
        return
    floor = results["bare PySide6 window"]["median_s"]
    print(f"{'measure':30} {'median':>8} {'min':>8} {'max':>8} {'ratio':>6} {'peak MB':>8}")
    for name, r in results.items():
        print(f"{name:30} {r['median_s']:8.3f} {r['min_s']:8.3f} {r['max_s']:8.3f} "
              f"{r['median_s'] / floor:6.2f} {r['peak_mb']:8.1f}")


if __name__ == "__main__":
    main()
