"""The secretariat's batch import at full scale: one submission and fifteen, beside their floor.

    .venv/bin/python bench/bench_batch_import.py [--runs 5] [--keep DIR]

The secretariat's workspace is the large demo (15 countries × 300 commitments × 26 periods, 200
indicators). Each coordinator's workspace is a large coordinator demo of its own; its submission
is exported with the real exporter. 13 countries send their current period (2026-H2); Kazakhstan
and Kyrgyzstan also send 2026-H1, which makes 15 files. The receipts of those periods are removed
from the secretariat's copy first, so every file is received and applied.

Import is the whole job of `import_batch`: one backup of the workspace, then per file the safety
checks, read, digest, comparison with the database and apply, each file in its own transaction.
Floor: openpyxl in read-only mode reading every cell of the same files. A fresh copy of the
secretariat's workspace is made before each import run (not timed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from openpyxl import load_workbook  # noqa: E402

from app.models.database import Database, open_database  # noqa: E402
from app.models.demo import create_demo_workspace  # noqa: E402
from app.models.enums import WorkspaceRole  # noqa: E402
from app.models.services.backups import REASON_IMPORT, back_up  # noqa: E402
from app.reports.batch_import import import_batch  # noqa: E402
from app.reports.submission_export import export_submission  # noqa: E402
from app.reports.submission_read import read_submission  # noqa: E402
from app.reports.submission_receive import Outcome  # noqa: E402

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
#: The secretariat demo's countries that a coordinator demo can be made for (reference data).
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ", "AF", "AZ", "TR", "IR", "PK", "IT", "RU", "CN"]
CURRENT, EARLIER = "2026-H2", "2026-H1"


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


def floor_read(paths: list[Path]) -> int:
    """openpyxl read-only, every cell of every sheet: what reading the files costs at least."""
    count = 0
    for path in paths:
        workbook = load_workbook(path, read_only=True)
        try:
            for ws in workbook.worksheets:
                for row in ws.iter_rows(values_only=True):
                    count += sum(1 for value in row if value is not None)
        finally:
            workbook.close()
    return count


def line(name: str, times: list[float], floor: list[float] | None = None) -> str:
    median = statistics.median(times)
    text = f"| {name:<48} | {median * 1000:8.0f} | {min(times) * 1000:8.0f} | {max(times) * 1000:8.0f} |"
    if floor:
        text += (f" {median / statistics.median(floor):5.2f}× |"
                 f" {min(times) / min(floor):5.2f}× |")
    else:
        text += "        |        |"
    return text


def make_files(work: Path) -> list[Path]:
    """Fifteen submissions, each exported from its own coordinator's large demo workspace."""
    out = work / "inbox"
    out.mkdir()
    files = []
    for seed, country in enumerate(COUNTRIES, 11):
        db = create_demo_workspace(work / f"{country}.sqlite", country=country, size="large",
                                   seed=seed, today=TODAY)
        periods = [CURRENT, EARLIER] if country in ("KZ", "KG") else [CURRENT]
        files += [export_submission(db, country, period, "en", out, now=NOW).path
                  for period in periods]
        db.close()
    return files


def make_secretariat(work: Path) -> Path:
    """The large secretariat demo without its receipts for the two periods the files carry."""
    path = work / "secretariat.sqlite"
    create_demo_workspace(path, role=WorkspaceRole.SECRETARIAT, size="large", seed=5,
                          today=TODAY).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM submission WHERE period_id IN (SELECT id FROM "
                           "reporting_period WHERE code IN (?, ?))", (CURRENT, EARLIER))
    connection.close()
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="work in this folder and leave it there")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        return run(work, args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def run(work: Path, runs: int) -> int:
    print(f"Creating 13 large coordinator demos and the large secretariat demo in {work} …",
          flush=True)
    files = make_files(work)
    pristine = make_secretariat(work)
    target = work / "target.sqlite"
    state: dict[str, Database] = {}

    def fresh_copy() -> None:
        if "db" in state:
            state.pop("db").close()
        shutil.rmtree(work / "backups", ignore_errors=True)
        for suffix in ("-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        shutil.copyfile(pristine, target)
        state["db"] = open_database(target)

    def receive(paths: list[Path]) -> Callable[[], None]:
        def job() -> None:
            result = import_batch(state["db"], paths, now=NOW)
            outcomes = [o.outcome for o in result.outcomes]
            assert outcomes == [Outcome.APPLIED] * len(paths), [o.line() for o in result.outcomes]
        return job

    one = [files[0]]
    import_one = timed(receive(one), runs, before=fresh_copy)
    import_all = timed(receive(files), runs, before=fresh_copy)
    verify_one = timed(lambda: read_submission(one[0]), runs)
    verify_all = timed(lambda: [read_submission(p) for p in files], runs)
    backup = timed(lambda: back_up(target, REASON_IMPORT, thin=False), runs)
    floor_one = timed(lambda: floor_read(one), runs)
    floor_all = timed(lambda: floor_read(files), runs)
    state.pop("db").close()

    cells = floor_read(files)
    size = sum(p.stat().st_size for p in files)
    print()
    print(f"Secretariat: large demo ({pristine.stat().st_size / 1e6:.0f} MB). 15 files, "
          f"{size / 1e6:.1f} MB, {cells:,} cells; one file: {one[0].name}. {runs} runs, ms.")
    print()
    print("| measure                                          |   median |      min |      max "
          "| ratio  | of min |")
    print("|--------------------------------------------------|---------:|---------:|---------:"
          "|-------:|-------:|")
    print(line("import 1 file (backup, verify, apply)", import_one, floor_one))
    print(line("  read + verify only (read_submission)", verify_one, floor_one))
    print(line("  floor: openpyxl read-only, same file", floor_one))
    print(line("import 15 files (one backup, each verify+apply)", import_all, floor_all))
    print(line("  read + verify only, 15 files", verify_all, floor_all))
    print(line("  floor: openpyxl read-only, same 15 files", floor_all))
    print(line("backup of the secretariat's workspace (in both)", backup))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
