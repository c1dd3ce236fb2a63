"""The secretariat's batch import at full scale: one submission and fifteen, beside their floor.

    .venv/bin/python bench/bench_batch_import.py [--runs 5] [--keep DIR]

The secretariat's workspace is the large demo (15 countries × 300 commitments × 26 periods, 200
indicators). Each coordinator's workspace is a large coordinator demo of its own, and every file is
exported from it with the real exporter: 13 countries send their current period (2026-H2), and
Kazakhstan and Kyrgyzstan a corrected revision 2 of 2026-H1, which makes 15 files.

Two starting points. Usual: the secretariat already received each country's 2026-H1 (revision 1),
so it holds the coordinators' commitments; the files bring a new period's progress and indicator
values and two corrections. Worst case: the secretariat's demo data never came from these
coordinators, so every commitment of every file differs and is rewritten too.

Import is the whole job of `import_batch`: one backup of the workspace, then per file the safety
checks, read, digest, comparison with the database and apply, each file in its own transaction.
Floor: openpyxl in read-only mode reading every cell of the same files. Each import run starts
from a fresh copy of the secretariat's workspace, opened and warmed by a dry run of one file as in
an app that has been running (not timed).
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
from sqlalchemy import select  # noqa: E402

from app.models.database import Database, open_database  # noqa: E402
from app.models.demo import create_demo_workspace  # noqa: E402
from app.models.enums import WorkspaceRole  # noqa: E402
from app.models.reporting import ProgressUpdate  # noqa: E402
from app.models.services.backups import REASON_IMPORT, back_up  # noqa: E402
from app.models.services.periods import period_by_code, reopen_period  # noqa: E402
from app.reports.batch_import import import_batch  # noqa: E402
from app.reports.submission_export import export_submission  # noqa: E402
from app.reports.submission_read import read_submission  # noqa: E402

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


def make_files(work: Path) -> tuple[list[Path], list[Path]]:
    """(files received before, the fifteen files), each exported from its coordinator's demo."""
    before, inbox = work / "received-before", work / "inbox"
    before.mkdir()
    inbox.mkdir()
    earlier, files = [], []
    for seed, country in enumerate(COUNTRIES, 11):
        db = create_demo_workspace(work / f"{country}.sqlite", country=country, size="large",
                                   seed=seed, today=TODAY)
        earlier.append(export_submission(db, country, EARLIER, "en", before, now=NOW).path)
        files.append(export_submission(db, country, CURRENT, "en", inbox, now=NOW).path)
        if country in ("KZ", "KG"):
            correct(db, country)
            files.append(export_submission(db, country, EARLIER, "en", inbox, now=NOW).path)
        db.close()
    return earlier, files


def correct(db: Database, country: str) -> None:
    """The coordinator reopens the earlier period and corrects one commitment's progress."""
    with db.transaction() as session:
        period = period_by_code(session, EARLIER)
        assert period is not None
        reopen_period(session, country, period)
        update = session.scalars(select(ProgressUpdate).where(ProgressUpdate.period_id == period.id)
                                 .order_by(ProgressUpdate.id)).first()
        assert update is not None
        update.narrative = "Corrected after review with the line ministry."


def make_secretariat(work: Path, earlier: list[Path]) -> tuple[Path, Path]:
    """The large secretariat demo without its receipts of the two periods the files carry
    (worst case), and a copy that received every country's earlier period (usual)."""
    worst = work / "secretariat-worst.sqlite"
    create_demo_workspace(worst, role=WorkspaceRole.SECRETARIAT, size="large", seed=5,
                          today=TODAY).close()
    connection = sqlite3.connect(worst)
    with connection:
        connection.execute("DELETE FROM submission WHERE period_id IN (SELECT id FROM "
                           "reporting_period WHERE code IN (?, ?))", (CURRENT, EARLIER))
    connection.close()
    usual = work / "secretariat-usual.sqlite"
    shutil.copyfile(worst, usual)
    db = open_database(usual)
    result = import_batch(db, earlier, now=NOW)
    assert len(result.applied) == len(earlier), [o.line() for o in result.outcomes]
    db.close()
    shutil.rmtree(work / "backups", ignore_errors=True)
    return usual, worst


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
    earlier, files = make_files(work)
    usual, worst = make_secretariat(work, earlier)
    target = work / "target.sqlite"
    state: dict[str, Database] = {}

    def fresh_copy(source: Path) -> Callable[[], None]:
        def copy() -> None:
            if "db" in state:
                state.pop("db").close()
            shutil.rmtree(work / "backups", ignore_errors=True)
            for suffix in ("-wal", "-shm"):
                Path(str(target) + suffix).unlink(missing_ok=True)
            shutil.copyfile(source, target)
            state["db"] = open_database(target)
            # As in an app that has been running: statements compiled, pages read once.
            import_batch(state["db"], files[:1], dry_run=True)
        return copy

    def receive(paths: list[Path]) -> Callable[[], None]:
        def job() -> None:
            result = import_batch(state["db"], paths, now=NOW)
            assert len(result.applied) == len(paths), [o.line() for o in result.outcomes]
        return job

    one = [files[0]]
    import_one = timed(receive(one), runs, before=fresh_copy(usual))
    import_all = timed(receive(files), runs, before=fresh_copy(usual))
    worst_one = timed(receive(one), runs, before=fresh_copy(worst))
    worst_all = timed(receive(files), runs, before=fresh_copy(worst))
    verify_one = timed(lambda: read_submission(one[0]), runs)
    verify_all = timed(lambda: [read_submission(p) for p in files], runs)
    backup = timed(lambda: back_up(target, REASON_IMPORT, thin=False), runs)
    floor_one = timed(lambda: floor_read(one), runs)
    floor_all = timed(lambda: floor_read(files), runs)
    state.pop("db").close()

    cells = floor_read(files)
    size = sum(p.stat().st_size for p in files)
    print()
    print(f"Secretariat: large demo ({usual.stat().st_size / 1e6:.0f} MB). 15 files, "
          f"{size / 1e6:.1f} MB, {cells:,} cells; one file: {one[0].name}. {runs} runs, ms.")
    print()
    print("| measure                                          |   median |      min |      max "
          "| ratio  | of min |")
    print("|--------------------------------------------------|---------:|---------:|---------:"
          "|-------:|-------:|")
    print(line("import 1 file (backup, verify, apply)", import_one, floor_one))
    print(line("  worst case: every commitment rewritten", worst_one, floor_one))
    print(line("  read + verify only (read_submission)", verify_one, floor_one))
    print(line("  floor: openpyxl read-only, same file", floor_one))
    print(line("import 15 files (one backup, each verify+apply)", import_all, floor_all))
    print(line("  worst case: every commitment rewritten", worst_all, floor_all))
    print(line("  read + verify only, 15 files", verify_all, floor_all))
    print(line("  floor: openpyxl read-only, same 15 files", floor_all))
    print(line("backup of the secretariat's workspace (in each)", backup))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
