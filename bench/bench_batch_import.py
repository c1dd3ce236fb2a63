"""The secretariat's batch import of 15 submissions, beside reading the same files with openpyxl.

The secretariat's workspace is the large demo (15 countries × 300 commitments × 26 periods, 200
indicators; at stress size 600 commitments × 40 periods). Each coordinator's workspace is a demo
of its own at the same size, and every file is exported from it with the real exporter: 13
countries send their current period (2026-H2), and Kazakhstan and Kyrgyzstan a corrected revision 2
of 2026-H1, which makes 15 files. The coordinator size has no batch import (a coordinator imports
one file: bench_submission measures it), so this module measures nothing there.

Two starting points. Usual: the secretariat already received each country's 2026-H1 (revision 1),
so it holds the coordinators' commitments; the files bring a new period's progress and indicator
values and two corrections. Worst case (secretariat size only): the secretariat's demo data never
came from these coordinators, so every commitment of every file differs and is rewritten too.

Import is the whole job of `import_batch`: one backup of the workspace (verified with
integrity_check), then per file the safety checks, read, digest, comparison with the database and
apply, each file in its own transaction. Floor: openpyxl in read-only mode reading every cell of
every sheet of the same files, measured alternately with the import. Each import run starts from a
fresh copy of the workspace, opened and warmed by a dry run of one file as in an app that has been
running (copy, open and warm-up not timed). "Read + verify only" is `read_submission` of the 15
files (safety checks, every cell read and checked, digest), no database.

The files and workspaces are made once (~1 min; ~3 min at stress size) and cached in
bench/.cache/batch-import/, keyed by the demo generator, the schema and the workbook format.

    python -m bench.bench_batch_import [--runs N] [--sizes secretariat,stress]
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: python bench/bench_batch_import.py
    sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]

from sqlalchemy import select

from app.models.storage.database import Database, open_database
from bench.bench_submission import floor_read as read_one
from bench.common import ROOT, Row, Target, Timing, peak_mb

CACHE = ROOT / "bench" / ".cache" / "batch-import"
TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
#: The secretariat demo's countries that a coordinator demo can be made for (reference data).
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ", "AF", "AZ", "TR", "IR", "PK", "IT", "RU", "CN"]
CURRENT, EARLIER = "2026-H2", "2026-H1"
#: The demo size of every workspace, per benchmark size (the coordinator size has no batch).
DEMO_SIZES = {"secretariat": "large", "stress": "stress"}
TARGET = Target(ratio=2.0, peak_mb=300)
FLOOR_NAME = "openpyxl read-only reading every cell of the same 15 files"


# --- the files and workspaces, made once ---------------------------------------------------------
def cache_key(size: str) -> str:
    from app.demo.generator import GENERATOR_VERSION
    from app.models.storage.migrations import HEAD
    from app.reports.submission.format import FORMAT_VERSION

    return f"{size}-gen{GENERATOR_VERSION}-schema{HEAD}-format{FORMAT_VERSION}"


def dataset(size: str) -> Path:
    """The cached folder of a size: inbox/ (the 15 files), secretariat-usual/-worst.sqlite."""
    folder = CACHE / cache_key(size)
    if not (folder / "complete").exists():
        for stale in CACHE.glob(f"{size}-*"):  # older keys, or a partial one left by a crash
            shutil.rmtree(stale, ignore_errors=True)
        partial = folder.with_name(folder.name + ".partial")
        partial.mkdir(parents=True)
        print(f"making the batch-import files and workspaces at {size} size (cached in "
              f"{folder.relative_to(ROOT)}) ...", file=sys.stderr, flush=True)
        earlier = make_files(partial, DEMO_SIZES[size])
        make_secretariat(partial, earlier, DEMO_SIZES[size])
        (partial / "complete").touch()
        partial.replace(folder)
    return folder


def make_files(work: Path, demo_size: str) -> list[Path]:
    """Export the fifteen files into work/inbox; returns the files received before (2026-H1)."""
    from app.demo.generator import create_demo_workspace
    from app.reports.submission.export import export_submission

    before, inbox = work / "received-before", work / "inbox"
    before.mkdir()
    inbox.mkdir()
    earlier = []
    for seed, country in enumerate(COUNTRIES, 11):
        path = work / f"{country}.sqlite"
        db = create_demo_workspace(path, country=country, size=demo_size, seed=seed, today=TODAY)
        earlier.append(export_submission(db, country, EARLIER, "en", before, now=NOW).path)
        export_submission(db, country, CURRENT, "en", inbox, now=NOW)
        if country in ("KZ", "KG"):
            correct(db, country)
            export_submission(db, country, EARLIER, "en", inbox, now=NOW)
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return earlier


def correct(db: Database, country: str) -> None:
    """The coordinator reopens the earlier period and corrects one commitment's progress."""
    from app.models.orm.reporting import ProgressUpdate
    from app.models.services.reporting.periods import period_by_code, reopen_period

    with db.transaction() as session:
        period = period_by_code(session, EARLIER)
        assert period is not None
        reopen_period(session, country, period)
        update = session.scalars(select(ProgressUpdate).where(ProgressUpdate.period_id == period.id)
                                 .order_by(ProgressUpdate.id)).first()
        assert update is not None
        update.narrative = "Corrected after review with the line ministry."


def make_secretariat(work: Path, earlier: list[Path], demo_size: str) -> None:
    """The secretariat demo without its receipts of the two periods the files carry (worst case),
    and a copy that received every country's earlier period (usual)."""
    from app.demo.generator import create_demo_workspace
    from app.models.orm.enums import WorkspaceRole
    from app.reports.submission.batch import import_batch

    worst = work / "secretariat-worst.sqlite"
    create_demo_workspace(worst, role=WorkspaceRole.SECRETARIAT, size=demo_size, seed=5,
                          today=TODAY).close()
    connection = sqlite3.connect(worst)
    with connection:
        connection.execute("DELETE FROM submission WHERE period_id IN (SELECT id FROM "
                           "reporting_period WHERE code IN (?, ?))", (CURRENT, EARLIER))
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    usual = work / "secretariat-usual.sqlite"
    shutil.copyfile(worst, usual)
    db = open_database(usual)
    result = import_batch(db, earlier, now=NOW)
    assert len(result.applied) == len(earlier), [o.line() for o in result.outcomes]
    db.close()
    connection = sqlite3.connect(usual)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    shutil.rmtree(work / "backups", ignore_errors=True)
    shutil.rmtree(work / "received-before", ignore_errors=True)


def inbox_files(folder: Path) -> list[Path]:
    return sorted((folder / "inbox").glob("*.xlsx"))


# --- the measured steps ---------------------------------------------------------------------------
def floor_read(paths: list[Path]) -> int:
    """openpyxl read-only, every cell of every sheet: what reading the files costs at least (the
    one-file floor of bench_submission, for each file)."""
    return sum(read_one(path) for path in paths)


def fresh_workspace(source: Path, target: Path, warm_with: Path) -> Database:
    """A fresh copy of `source` at `target`, opened and warmed as in an app that has been running
    (statements compiled, pages read once) by a dry run of one file."""
    from app.reports.submission.batch import import_batch

    shutil.rmtree(target.parent, ignore_errors=True)
    target.parent.mkdir(parents=True)
    shutil.copyfile(source, target)
    db = open_database(target)
    import_batch(db, [warm_with], dry_run=True)
    return db


def receive_all(db: Database, files: list[Path]) -> None:
    from app.reports.submission.batch import import_batch

    result = import_batch(db, files, now=NOW)
    if len(result.applied) != len(files):
        raise RuntimeError("; ".join(o.line() for o in result.outcomes if not o.applied))


def verify_all(files: list[Path]) -> None:
    from app.reports.submission.read import read_submission

    for path in files:
        read_submission(path)


def import_once(database: str, inbox: str) -> None:
    """Open the workspace and import the inbox's files once (run alone, for peak memory)."""
    db = open_database(Path(database))
    try:
        receive_all(db, sorted(Path(inbox).glob("*.xlsx")))
    finally:
        db.close()


def _timed(step: object) -> float:
    start = time.perf_counter()
    step()  # type: ignore[operator]
    return time.perf_counter() - start


def measure(size: str, runs: int) -> list[Row]:
    import tempfile

    folder = dataset(size)
    files = inbox_files(folder)
    usual, worst = folder / "secretariat-usual.sqlite", folder / "secretariat-worst.sqlite"
    with_worst = size == "secretariat"
    samples: dict[str, list[float]] = {"usual": [], "worst": [], "verify": [], "floor": []}
    with tempfile.TemporaryDirectory(prefix="apt-bench-batch-") as name:
        target = Path(name) / "import" / "workspace.sqlite"
        for run in range(runs + 1):  # the first is a warm-up; app and floor alternate
            took: dict[str, float] = {}
            for case, source in (("usual", usual), ("worst", worst)):
                if case == "worst" and not with_worst:
                    continue
                db = fresh_workspace(source, target, files[0])
                try:
                    took[case] = _timed(lambda db=db: receive_all(db, files))
                finally:
                    db.close()
                took.setdefault("floor", _timed(lambda: floor_read(files)))
            if with_worst:
                took["verify"] = _timed(lambda: verify_all(files))
            if run:
                for case, seconds in took.items():
                    samples[case].append(seconds)
        db = fresh_workspace(usual, target, files[0])
        db.close()
        peak = peak_mb("bench.bench_batch_import:import_once", str(target), str(folder / "inbox"))
    cells = floor_read(files)
    floor = Timing(tuple(samples["floor"]))
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    workspace_mb = usual.stat().st_size / 1e6
    rows = [Row("submission import, 15 (one backup, verify + apply)", size,
                Timing(tuple(samples["usual"])), floor=floor, floor_name=FLOOR_NAME, peak_mb=peak,
                target=TARGET,
                note=f"{len(files)} files, {megabytes:.1f} MB, {cells:,} cells, into the "
                     f"{workspace_mb:.0f} MB secretariat workspace that received the countries' "
                     "previous period; one verified backup, each file in its own transaction; "
                     "a fresh open copy of the workspace per run (not timed)")]
    if with_worst:
        rows.append(Row("  worst case: every commitment rewritten", size,
                        Timing(tuple(samples["worst"])), floor=floor, floor_name=FLOOR_NAME,
                        note="the workspace never received these countries' files: each file "
                             "also rewrites its 300 commitments"))
        rows.append(Row("  read + verify only, 15 files", size, Timing(tuple(samples["verify"])),
                        floor=floor, floor_name=FLOOR_NAME,
                        note="read_submission of each file: safety checks, every cell read and "
                             "checked, digest and fingerprints; no database"))
    return rows


def run_bench(sizes: list[str], runs: int) -> list[Row]:
    return [row for size in sizes if size in DEMO_SIZES for row in measure(size, runs)]


if __name__ == "__main__":
    from bench.run import main

    main(["--only", "batch_import", "--sizes", "secretariat", *sys.argv[1:]])
