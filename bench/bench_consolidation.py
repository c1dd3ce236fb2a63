"""Regional report workbook at secretariat scale, against the write-only floor for the same cells.

    .venv/bin/python bench/bench_consolidation.py [--runs 7] [--db PATH]

The app's time is everything the user waits for: reading the regional picture from the database
(SQL aggregation over ~100k progress rows) and writing the styled workbook with its charts. The
floor is openpyxl's write-only mode writing the same cell values (read back from the app's file
beforehand) with no styles, charts or queries.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from app.models.database import open_database
from app.models.demo import create_demo_workspace
from app.models.enums import WorkspaceRole
from app.models.services.regional import RegionalFilter
from app.reports.consolidation_workbook import build_consolidation_workbook

TODAY = dt.date(2026, 11, 26)


def secretariat_database(path: Path | None) -> Path:
    """The large secretariat demo (15 countries × 26 periods × 300 commitments), made once."""
    if path is not None:
        return path
    cached = Path(tempfile.gettempdir()) / "apt-bench" / "secretariat-large-2026-11-26.sqlite"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        print(f"creating {cached} …", flush=True)
        create_demo_workspace(cached, role=WorkspaceRole.SECRETARIAT, size="large", seed=1,
                              today=TODAY).close()
    return cached


def cell_values(path: Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    sheets = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        sheets[name] = [[None if v == "" else int(v) if isinstance(v, float) and v.is_integer()
                         else v for v in row] for row in rows]
    return sheets


def floor(sheets: dict[str, list[list]], out: Path) -> None:
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(out)


def timed_pair(first, second, runs: int) -> tuple[list[float], list[float]]:
    """Alternate the two, so a change of load on a shared machine touches both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, bucket in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            function()
            bucket.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    return (f"median {statistics.median(times) * 1000:7.0f} ms   min {min(times) * 1000:7.0f}   "
            f"max {max(times) * 1000:7.0f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    db = open_database(secretariat_database(args.db))
    work = Path(tempfile.mkdtemp(prefix="apt-bench-"))
    cases = {"last 6 periods": RegionalFilter(),
             "whole history": RegionalFilter(first_period="2013-H1")}
    print(f"{'case':<16} {'what':<6} timings over {args.runs} runs")
    for name, flt in cases.items():
        target = work / "app.xlsx"

        def app(flt: RegionalFilter = flt, target: Path = target) -> None:
            with db.reading() as session:
                build_consolidation_workbook(session, target, "en", flt, today=TODAY)

        app()
        sheets = cell_values(target)
        cells = sum(len(row) for rows in sheets.values() for row in rows)
        app_times, floor_times = timed_pair(
            app, lambda sheets=sheets: floor(sheets, work / "floor.xlsx"), args.runs)
        ratio = statistics.median(app_times) / statistics.median(floor_times)
        print(f"{name:<16} app    {summary(app_times)}")
        print(f"{'':<16} floor  {summary(floor_times)}   ({cells} cells)")
        print(f"{'':<16} ratio  {ratio:.2f}× the floor (target ≤ 1.3×)")
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
