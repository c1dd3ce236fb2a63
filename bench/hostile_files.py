"""Time every hostile workbook the tests generate: each refusal (hostile.py's, and the foreign and
damaged files of foreign.py), and read + preview of each file with bad cells, with the peak memory
Python allocated for it (tracemalloc).

    .venv/bin/python bench/hostile_files.py [--period 2026-H2] [--lang ru]

Not part of `make bench`'s table (there is no floor to compare a refusal with); its figures are the
"slowest refusal" of issues 8 and 14.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from app.demo.generator import create_demo_workspace  # noqa: E402
from app.reports.errors import WorkbookRefusedError  # noqa: E402
from app.reports.submission.export import export_submission  # noqa: E402
from app.reports.submission.pipeline import preview, read_submission  # noqa: E402

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--period", default="2026-H2")
    parser.add_argument("--lang", default="ru")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        return run_hostile(Path(folder), args.period, args.lang)


def run_hostile(work: Path, period: str, language: str) -> int:
    path = work / "large.sqlite"
    print(f"Creating the large demo workspace (one country) in {work} …", flush=True)
    db = create_demo_workspace(path, size="large", today=TODAY, language="ru")
    out = work / "out"
    out.mkdir()
    result = export_submission(db, "KZ", period, language, out, now=NOW)
    print(hostile_table(result.path, work, db))
    db.close()
    return 0


def _measure(job: Callable[[], str]) -> tuple[str, float, int]:
    """(outcome, seconds, peak bytes Python allocated) of one job, timed without tracemalloc."""
    start = time.perf_counter()
    outcome = job()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    try:
        job()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return outcome, elapsed, peak


def hostile_table(source: Path, work: Path, db) -> str:
    from reports.foreign import FOREIGN
    from reports.hostile import CASES, CELL_CASES

    folder = work / "hostile"
    folder.mkdir()
    lines = ["| hostile file                          | outcome                 | time, ms | peak, MB |",
             "|---------------------------------------|-------------------------|---------:|---------:|"]
    slowest = ("", 0.0, 0)

    def refused(path: Path) -> Callable[[], str]:
        def job() -> str:
            try:
                read_submission(path)
            except WorkbookRefusedError as exc:
                return f"refused: {exc.reason}"
            return "NOT REFUSED"
        return job

    def reported(path: Path) -> Callable[[], str]:
        def job() -> str:
            shown = preview(db, read_submission(path))
            return f"{len(shown.errors)} bad cells" if shown.errors else "read as written"
        return job

    cases = [(name, lambda make=make: make(source, folder), refused) for name, (make, _r) in CASES.items()]
    cases += [(name, lambda make=make: make(source, folder), refused)
              for name, (make, _r, _w) in FOREIGN.items()]
    cases += [(name, lambda make=make: make(source, folder)[0], reported)
              for name, make in CELL_CASES.items()]
    for name, make, kind in cases:
        path = make()
        outcome, elapsed, peak = _measure(kind(path))
        if outcome.startswith("refused"):
            slowest = max(slowest, (name, elapsed, peak), key=lambda case: case[1])
        lines.append(f"| {name:<37} | {outcome:<23} | {elapsed * 1000:8.0f} | {peak / 1e6:8.1f} |")
        path.unlink(missing_ok=True)
    lines.append(f"\n{len(cases)} hostile files ({len(CASES) + len(FOREIGN)} refused outright, "
                 f"{len(CELL_CASES)} with bad or unusual cells). Slowest refusal: {slowest[0]} in "
                 f"{slowest[1] * 1000:.0f} ms, peak {slowest[2] / 1e6:.1f} MB.")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
