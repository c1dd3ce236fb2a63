"""Submission workbook: export and import of one country-period on the large demo, beside their floors.

    .venv/bin/python bench/bench_submission.py [--runs 7] [--period 2026-H2] [--lang ru]
    .venv/bin/python bench/bench_submission.py --hostile-only   # just the hostile files

Export floor: openpyxl writing exactly the same cell values with no styling (write-only mode, the
fastest openpyxl has; the normal mode is shown too). Import floor: openpyxl in read-only mode reading
the same file's cells. Import is the whole job: safety checks, read, digest, preview against the
database, backup, and apply of 60 edited progress rows in one transaction. Also times every
hostile file the tests generate: the refusal of each refused file, and read + preview of each
workbook with bad cells (and the peak memory Python allocated for it, by tracemalloc).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from openpyxl import Workbook, load_workbook  # noqa: E402

from app.models.database import open_database  # noqa: E402
from app.models.demo import create_demo_workspace  # noqa: E402
from app.reports.errors import WorkbookRefusedError  # noqa: E402
from app.reports.submission_export import export_submission  # noqa: E402
from app.reports.submission_import import apply, preview, read_submission  # noqa: E402

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def timed(function: Callable[[], object], runs: int, before: Callable[[], None] | None = None
          ) -> list[float]:
    times = []
    for _ in range(runs):
        if before is not None:
            before()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def cells_of(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()


def floor_write(sheets: dict[str, list[tuple]], target: Path, write_only: bool = True) -> None:
    workbook = Workbook(write_only=write_only)
    if not write_only:
        workbook.remove(workbook.active)
    for title, rows in sheets.items():
        ws = workbook.create_sheet(title)
        for row in rows:
            ws.append(row)
    workbook.save(target)


def floor_read(path: Path) -> int:
    workbook = load_workbook(path, read_only=True)
    count = 0
    try:
        for ws in workbook.worksheets:
            for row in ws.iter_rows():
                count += sum(1 for cell in row if cell.value is not None)
    finally:
        workbook.close()
    return count


def edit_progress(source: Path, target: Path, rows: int, seed: int = 5) -> None:
    """Rewrite the narrative of `rows` progress rows that have an update (as a colleague would)."""
    workbook = load_workbook(source)
    sheet = workbook.worksheets[2]
    candidates = [r for r in sheet.iter_rows(min_row=3) if r[4].value]
    for number, row in enumerate(random.Random(seed).sample(candidates, min(rows, len(candidates)))):
        row[6].value = f"Revised narrative {number}: the working group met again."
    workbook.save(target)


def line(name: str, times: list[float], floor: list[float] | None = None) -> str:
    median = statistics.median(times)
    text = f"| {name:<45} | {median * 1000:8.0f} | {min(times) * 1000:8.0f} | {max(times) * 1000:8.0f} |"
    if floor:
        ratio = median / statistics.median(floor)
        best = min(times) / min(floor)
        text += f" {ratio:5.2f}× | {best:5.2f}× |"
    else:
        text += "        |        |"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--period", default="2026-H2")
    parser.add_argument("--lang", default="ru")
    parser.add_argument("--hostile-only", action="store_true", help="only time the hostile files")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-submission-"))
    try:
        if args.hostile_only:
            return run_hostile(work, args.period, args.lang)
        return run(work, args.runs, args.period, args.lang)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, runs: int, period: str, language: str) -> int:
    pristine = work / "large.sqlite"
    print(f"Creating the large demo workspace (one country) in {work} …", flush=True)
    create_demo_workspace(pristine, size="large", today=TODAY, language="ru").close()
    live = work / "live.sqlite"
    shutil.copyfile(pristine, live)
    db = open_database(live)
    out = work / "out"
    out.mkdir()
    result = export_submission(db, "KZ", period, language, out, now=NOW)
    sheets = cells_of(result.path)
    cell_count = sum(sum(1 for value in row if value is not None) for rows in sheets.values()
                     for row in rows)

    export = timed(lambda: export_submission(db, "KZ", period, language, out, now=NOW), runs)
    floor_wo = timed(lambda: floor_write(sheets, work / "floor.xlsx"), runs)
    floor_normal = timed(lambda: floor_write(sheets, work / "floor-normal.xlsx", False), runs)
    db.close()

    edited = work / "edited.xlsx"
    edit_progress(result.path, edited, 60)
    target = work / "import.sqlite"
    state: dict[str, object] = {}

    def fresh_copy() -> None:
        if "db" in state:
            state["db"].close()  # type: ignore[attr-defined]
        shutil.rmtree(work / "backups", ignore_errors=True)
        shutil.copyfile(live, target)
        state["db"] = open_database(target)

    def import_all() -> None:
        shown = preview(state["db"], read_submission(edited))  # type: ignore[arg-type]
        assert shown.can_apply, shown.errors[:3]
        apply(state["db"], shown)  # type: ignore[arg-type]

    def verify_only() -> None:
        parsed = read_submission(edited)
        preview(state["db"], parsed)  # type: ignore[arg-type]

    imports = timed(import_all, runs, before=fresh_copy)
    verify = timed(verify_only, runs)
    read_floor = timed(lambda: floor_read(edited), runs)
    state["db"].close()  # type: ignore[attr-defined]

    print()
    print(f"Large demo, KZ {period}, headers in {language}: {cell_count:,} cells "
          f"({', '.join(f'{k} {v}' for k, v in result.rows.items())} rows); {runs} runs, ms.")
    print()
    print("| measure                                       |   median |      min |      max "
          "| ratio  | of min |")
    print("|-----------------------------------------------|---------:|---------:|---------:"
          "|-------:|-------:|")
    print(line("export (app: read DB, styled, digest, save)", export, floor_wo))
    print(line("  floor: openpyxl write-only, same cells", floor_wo))
    print(line("  floor: openpyxl normal mode, same cells", floor_normal))
    print(line("  export vs normal-mode floor", export, floor_normal))
    print(line("import (checks, read, verify, preview, apply)", imports, read_floor))
    print(line("  read + verify + preview only", verify, read_floor))
    print(line("  floor: openpyxl read-only, same file", read_floor))
    print()
    db = open_database(live)
    print(hostile_table(result.path, work, db))
    db.close()
    return 0


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
    from reports.hostile import CASES, CELL_CASES

    folder = work / "hostile"
    folder.mkdir()
    lines = ["| hostile file                          | outcome                 | time, ms | peak, MB |",
             "|---------------------------------------|-------------------------|---------:|---------:|"]
    slowest = ("", 0.0)

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
    cases += [(name, lambda make=make: make(source, folder)[0], reported)
              for name, make in CELL_CASES.items()]
    for name, make, kind in cases:
        path = make()
        outcome, elapsed, peak = _measure(kind(path))
        if outcome.startswith("refused"):
            slowest = max(slowest, (name, elapsed), key=lambda pair: pair[1])
        lines.append(f"| {name:<37} | {outcome:<23} | {elapsed * 1000:8.0f} | {peak / 1e6:8.1f} |")
        path.unlink()
    lines.append(f"\n{len(cases)} hostile files ({len(CASES)} refused outright, {len(CELL_CASES)} "
                 f"with bad or unusual cells). Slowest refusal: {slowest[0]} in "
                 f"{slowest[1] * 1000:.0f} ms.")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
