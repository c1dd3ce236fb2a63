"""Submission workbook: export and import of one country-period, beside their openpyxl floors.

- **Export**: `export_submission` of one country-period (read the workspace, write the styled
  workbook, digest, mark the period exported, save). Floor: openpyxl's write-only mode writing the
  same cell values (read back from the app's file beforehand) with no styling.
- **Import**: the whole job the user waits for on one submission: safety checks, read, verify the
  digest, preview against the workspace, apply 60 edited progress rows in one transaction (with
  its backup). Floor: openpyxl in read-only mode reading every cell of the same file.

Export runs on a coordinator's workspace (its own country) and, at secretariat sizes, from
the secretariat's (the same country; in both, the country's latest period with updates; 600 commitments a
country at stress size). Import goes
into a fresh copy of the workspace before each run, since it writes. Peak memory is a fresh
process doing the step once.

`python -m bench.bench_submission [--runs N] [--sizes coordinator,...]` runs this module alone.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook

from app.models.storage.database import Database, open_database
from bench.common import Row, Target, Timing, peak_mb, time_pair
from bench.datasets import fresh_copy

COUNTRY = "KZ"
LANGUAGE = "ru"
EDITED_ROWS = 60
EXPORT_TARGET = Target(ratio=1.5, seconds=0.5)
EXPORT_TARGET_LARGE = Target(ratio=1.5, seconds=0.5, peak_mb=300)
IMPORT_TARGET_LARGE = Target(peak_mb=300)  # the ratio target is on 15 submissions (bench_batch_import)


def period_of(database: Path) -> str:
    """The country's latest period with updates: today's half-year in a coordinator's demo; in a
    secretariat's, the last submission it has received (the demo's countries lag a period or
    two)."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        (code,) = connection.execute(
            "SELECT p.code FROM progress_update u JOIN commitment c ON c.id = u.commitment_id "
            "JOIN reporting_period p ON p.id = u.period_id WHERE c.country_code = ? "
            "ORDER BY p.start_date DESC LIMIT 1", (COUNTRY,)).fetchone()
    finally:
        connection.close()
    return code


def export(db: Database, folder: Path, period: str) -> Path:
    """What the user waits for, the workspace being open: the whole export."""
    from app.reports.submission.export import export_submission

    return export_submission(db, COUNTRY, period, LANGUAGE, folder).path


def import_one(db: Database, workbook: Path) -> None:
    """Read, verify, preview and apply one submission, the workspace being open."""
    from app.reports.submission.pipeline import apply, preview, read_submission

    shown = preview(db, read_submission(workbook))
    if not shown.can_apply:
        raise RuntimeError(f"the edited submission cannot be applied: {shown.errors[:3]}")
    apply(db, shown)


def export_once(database: str, folder: str, period: str) -> None:
    """Open the workspace and export once (run alone, for peak memory)."""
    db = open_database(Path(database))
    try:
        export(db, Path(folder), period)
    finally:
        db.close()


def import_once(database: str, workbook: str) -> None:
    """Open the workspace and import one submission (run alone, for peak memory)."""
    db = open_database(Path(database))
    try:
        import_one(db, Path(workbook))
    finally:
        db.close()


def cells_of(path: Path) -> dict[str, list[tuple]]:
    workbook = load_workbook(path, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in workbook.worksheets}
    finally:
        workbook.close()


def floor_write(sheets: dict[str, list[tuple]], target: Path) -> None:
    workbook = Workbook(write_only=True)
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
            for row in ws.iter_rows(values_only=True):
                count += sum(1 for value in row if value is not None)
    finally:
        workbook.close()
    return count


def edit_progress(source: Path, target: Path, rows: int, seed: int = 5) -> None:
    """Rewrite the narrative of `rows` progress rows that have an update, as a colleague would."""
    workbook = load_workbook(source)
    sheet = workbook.worksheets[2]
    candidates = [r for r in sheet.iter_rows(min_row=3) if r[4].value]
    for number, row in enumerate(random.Random(seed).sample(candidates, min(rows, len(candidates)))):
        row[6].value = f"Revised narrative {number}: the working group met again."
    workbook.save(target)


def measure(size: str, runs: int) -> list[Row]:
    large = size != "coordinator"
    with tempfile.TemporaryDirectory(prefix="apt-bench-submission-") as name:
        work = Path(name)
        live = fresh_copy(size, work / "live")
        out = work / "out"
        out.mkdir()
        period = period_of(live)
        db = open_database(live)
        exported = export(db, out, period)
        sheets = cells_of(exported)
        cells = sum(sum(1 for v in row if v is not None) for rows in sheets.values() for row in rows)
        exports, floor = time_pair(lambda: export(db, out, period),
                                   lambda: floor_write(sheets, work / "floor.xlsx"), runs)
        db.close()
        export_peak = peak_mb("bench.bench_submission:export_once", str(live), str(out),
                              period)

        edited = work / "edited.xlsx"
        edit_progress(exported, edited, EDITED_ROWS)
        target = work / "import" / "workspace.sqlite"
        target.parent.mkdir()

        imported, read = _time_imports(live, target, edited, runs)
        shutil.copyfile(live, target)
        import_peak = peak_mb("bench.bench_submission:import_once", str(target), str(edited))
    return [
        Row("submission export, one country-period", size, exports, floor=floor,
            floor_name="openpyxl write-only, same cells, no styling", peak_mb=export_peak,
            target=EXPORT_TARGET_LARGE if large else EXPORT_TARGET,
            note=f"{COUNTRY}, last period with updates, headers in {LANGUAGE}, ~{cells:,} cells; "
                 "includes reading the workspace and marking the period exported"),
        Row("submission import, one (verify + apply)", size, imported, floor=read,
            floor_name="openpyxl read-only reading the same file", peak_mb=import_peak,
            target=IMPORT_TARGET_LARGE if large else None,
            note=f"checks, read, digest, preview, backup, apply {EDITED_ROWS} edited rows, into a "
                 "fresh open copy of the workspace per run (copy and open not timed)"),
    ]


def _time_imports(live: Path, target: Path, edited: Path, runs: int) -> tuple[Timing, Timing]:
    """Import into a fresh copy each run (made and opened untimed), alternating with the floor."""
    app_samples, floor_samples = [], []
    for run in range(runs + 1):  # the first is a warm-up
        shutil.rmtree(target.parent)
        target.parent.mkdir()
        shutil.copyfile(live, target)
        db = open_database(target)
        try:
            start = time.perf_counter()
            import_one(db, edited)
            took = time.perf_counter() - start
        finally:
            db.close()
        start = time.perf_counter()
        floor_read(edited)
        if run:
            app_samples.append(took)
            floor_samples.append(time.perf_counter() - start)
    return Timing(tuple(app_samples)), Timing(tuple(floor_samples))


def run_bench(sizes: list[str], runs: int) -> list[Row]:
    return [row for size in sizes for row in measure(size, runs)]


if __name__ == "__main__":
    import sys

    from bench.run import main

    main(["--only", "submission", *sys.argv[1:]])
