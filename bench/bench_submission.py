"""Submission workbook: export and import of one country-period on the large demo, beside their floors.

    .venv/bin/python bench/bench_submission.py [--runs 7] [--period 2026-H2] [--lang ru]

Export floor: openpyxl writing exactly the same cell values with no styling (write-only mode, the
fastest openpyxl has; the normal mode is shown too). Import floor: openpyxl in read-only mode reading
the same file's cells. Import is the whole job: safety checks, read, digest, preview against the
database, backup, and apply of 60 edited progress rows in one transaction. Also times the refusal
of every hostile file the tests generate.
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
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-submission-"))
    try:
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
    print(refusal_table(result.path, work))
    return 0


def refusal_table(source: Path, work: Path) -> str:
    from reports.hostile import CASES

    folder = work / "hostile"
    folder.mkdir()
    lines = ["| hostile file                         | refused as       | time, ms |",
             "|--------------------------------------|------------------|---------:|"]
    slowest = ("", 0.0)
    for name, (make, _reason) in CASES.items():
        path = make(source, folder)
        start = time.perf_counter()
        try:
            read_submission(path)
            reason = "NOT REFUSED"
        except WorkbookRefusedError as exc:
            reason = exc.reason
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (name, elapsed), key=lambda pair: pair[1])
        lines.append(f"| {name:<36} | {reason:<16} | {elapsed * 1000:8.0f} |")
        path.unlink()
    lines.append(f"\nSlowest refusal: {slowest[0]} in {slowest[1] * 1000:.0f} ms.")
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
