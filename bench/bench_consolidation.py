"""Regional report workbook at secretariat scale, beside openpyxl write-only writing the same cells.

The app's time is everything the user waits for: reading the regional picture from the database
(SQL aggregation over the progress rows of 15 countries) and writing the styled workbook with its
charts. The floor is openpyxl's write-only mode writing the same cell values (read back from the
app's file beforehand) with no styles, charts or queries. Two cases: the default filter (the last
six periods) and the whole history. A coordinator's workspace has no regional report, so the
coordinator size is skipped. Peak memory is a fresh process building the workbook once.

`python -m bench.bench_consolidation [--runs N] [--sizes secretariat,stress]` runs this module alone.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from openpyxl import Workbook

from app.models.storage.database import Database, open_database
from bench.common import Row, Target, peak_mb, time_pair
from bench.datasets import workspace

TARGET = Target(ratio=1.3, peak_mb=300)
FIRST_PERIOD = "2013-H1"  # the calendar's first: "whole history" (the stress demo adds earlier ones)
CASES = {"last 6 periods": "", "whole history": FIRST_PERIOD}


def build(db: Database, target: Path, first_period: str = "") -> None:
    """What the user waits for once the workspace is open: the queries and the workbook."""
    from app.models.services.regional.report import RegionalFilter
    from app.reports.consolidation.workbook import build_consolidation_workbook

    flt = RegionalFilter(first_period=first_period) if first_period else RegionalFilter()
    with db.reading() as session:
        build_consolidation_workbook(session, target, "en", flt)


def build_once(database: str, target: str, first_period: str = "") -> None:
    """Open the workspace and build the regional workbook once (run alone, for peak memory)."""
    from app.models.storage.database import open_database

    db = open_database(Path(database))
    try:
        build(db, Path(target), first_period)
    finally:
        db.close()


def cell_values(path: Path) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    sheets = {}
    for name in book.sheet_names:
        rows = book.get_sheet_by_name(name).to_python()
        sheets[name] = [[None if v == "" else int(v) if isinstance(v, float) and v.is_integer()
                         else v for v in row] for row in rows]
    return sheets


def floor_write(sheets: dict[str, list[list]], out: Path) -> None:
    wb = Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(out)


def measure(size: str, runs: int) -> list[Row]:
    database = str(workspace(size))  # read only
    rows = []
    db = open_database(Path(database))
    with tempfile.TemporaryDirectory(prefix="apt-bench-consolidation-") as name:
        work = Path(name)
        for case, first in CASES.items():
            target = work / "app.xlsx"
            build(db, target, first)
            sheets = cell_values(target)
            cells = sum(1 for rows_ in sheets.values() for row in rows_ for v in row
                        if v is not None)
            app, floor = time_pair(lambda t=target, f=first: build(db, t, f),
                                   lambda s=sheets: floor_write(s, work / "floor.xlsx"), runs)
            rows.append(Row(f"regional workbook, {case}", size, app, floor=floor,
                            floor_name="openpyxl write-only, same cells",
                            peak_mb=peak_mb("bench.bench_consolidation:build_once", database,
                                            str(work / "peak.xlsx"), first),
                            target=TARGET,
                            note=f"{cells:,} cells; the workspace open, as in the app; "
                                 "includes the queries, styles and charts"))
    db.close()
    return rows


def run_bench(sizes: list[str], runs: int) -> list[Row]:
    return [row for size in sizes if size != "coordinator" for row in measure(size, runs)]


if __name__ == "__main__":
    import sys

    from bench.run import main

    main(["--only", "consolidation", *sys.argv[1:]])
