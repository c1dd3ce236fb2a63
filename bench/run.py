"""Run every benchmark (`bench/bench_*.py`) and print one table; also write it as JSON.

Each benchmark module has `run_bench(sizes: list[str], runs: int) -> list[Row]` and measures what it can
at the sizes it is given (a module may skip a size that means nothing to it).

    python -m bench.run                    # make bench: every size, 5 runs each
    python -m bench.run --quick            # make bench-quick: coordinator size, 3 runs
    python -m bench.run --only startup --sizes coordinator,secretariat --runs 9 --markdown
    python -m bench.run --show --markdown  # the saved table again (bench/results/latest.json)
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import pkgutil
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import bench
from bench.common import ROOT, Report, Row, floors_legend, format_table
from bench.datasets import SIZE_NAMES

RESULTS = ROOT / "bench" / "results" / "latest.json"


def benchmark_modules(only: Sequence[str] = ()) -> list[ModuleType]:
    """Every `bench/bench_<name>.py`, or those named in `only` (by <name>), in name order."""
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__)
                   if m.name.startswith("bench_"))
    if only:
        unknown = {f"bench_{o}" for o in only} - set(names)
        if unknown:
            raise SystemExit(f"no such benchmark: {', '.join(sorted(unknown))} "
                             f"(have: {', '.join(n[6:] for n in names)})")
        names = [n for n in names if n[6:] in only]
    modules = [importlib.import_module(f"bench.{name}") for name in names]
    skipped = [m.__name__ for m in modules if not callable(getattr(m, "run_bench", None))]
    if skipped:  # e.g. bench_startup_frozen.py, which needs `make package` and runs on its own
        print(f"not in the table yet (no run_bench(sizes, runs)): {', '.join(skipped)}",
              file=sys.stderr)
    return [m for m in modules if m.__name__ not in skipped]


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                              capture_output=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def machine_info() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(), "cpu": _cpu_model(), "memory_gb": _memory_gb(),
        "python": platform.python_version(), "system": platform.platform(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
        "commit": _git_commit(), "date": dt.datetime.now().isoformat(timespec="seconds"),
    }


def describe_machine(machine: dict[str, Any]) -> str:
    def loads(key: str) -> str:
        load = machine.get(key)
        return "/".join(f"{x:.1f}" for x in load) if load else "?"

    return (f"{machine['cpus']} CPUs ({machine['cpu']}), {machine['memory_gb']} GB RAM, "
            f"Python {machine['python']}, {machine['system']}; load average (1/5/15 min) before "
            f"the run {loads('load_average')}, after {loads('load_average_after')}; "
            f"commit {machine['commit']}, {machine['date']}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="coordinator size, 3 runs")
    parser.add_argument("--sizes", help=f"comma-separated, of: {', '.join(SIZE_NAMES)}")
    parser.add_argument("--runs", type=int, help="measured runs per figure (default 5; quick 3)")
    parser.add_argument("--only", action="append", default=[],
                        help="run only this benchmark (bench_<name>.py); may repeat")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"default {RESULTS}")
    parser.add_argument("--show", action="store_true",
                        help="measure nothing: print the table saved in --json again")
    args = parser.parse_args(argv)
    sizes = args.sizes.split(",") if args.sizes else (["coordinator"] if args.quick else SIZE_NAMES)
    bad = set(sizes) - set(SIZE_NAMES)
    if bad:
        parser.error(f"unknown size: {', '.join(sorted(bad))}")
    args.sizes = sizes
    args.runs = args.runs or (3 if args.quick else 5)
    return args


def measure(args: argparse.Namespace) -> Report:
    report = Report(machine=machine_info(), settings={"sizes": args.sizes, "runs": args.runs})
    started = time.perf_counter()
    for module in benchmark_modules(args.only):
        name = module.__name__.removeprefix("bench.bench_")
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows: list[Row] = module.run_bench(list(args.sizes), args.runs)
        report.rows.extend(rows)
    report.settings["seconds"] = round(time.perf_counter() - started, 1)
    report.machine["load_average_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
    return report


def print_report(report: Report, markdown: bool) -> None:
    print()
    print(format_table(report.rows, markdown=markdown))
    print()
    print(floors_legend(report.rows))
    print(f"\nMedian of {report.settings['runs']} runs (min, max beside it) after a warm-up; "
          f"ratio = median ÷ floor median; peak MB = the step's process (its floor's in brackets).")
    print(f"Machine: {describe_machine(report.machine)}; took {report.settings['seconds']} s.")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.show:
        saved = json.loads(args.json.read_text(encoding="utf-8"))
        report = Report([Row.from_dict(r) for r in saved["rows"]], saved["machine"],
                        saved["settings"])
    else:
        report = measure(args)
    print_report(report, args.markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
