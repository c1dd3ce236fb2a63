"""What every benchmark shares: timing, peak memory, targets, the result table and its JSON.

Timings are wall-clock (`time.perf_counter`): the median of `runs` measured calls after a warm-up
call that is not counted, with min and max beside it. An app step and its floor are measured
alternately (app, floor, app, floor, ...), so a neighbour's load on a shared machine falls on both.

Peak memory is the peak resident set size (`ru_maxrss`, from `os.wait4`, started by a small
launcher: see `_LAUNCHER`) of a fresh child process that imports what the step needs and runs it
once: it includes the interpreter and the libraries (PySide6, SQLAlchemy, openpyxl), as the user's
own process does. It is not a Python-heap figure (that would be tracemalloc, which misses Qt's and
SQLite's C allocations). Linux and macOS (os.wait4).
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Timing:
    """Seconds of each measured run."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def max(self) -> float:
        return max(self.samples)


@dataclass(frozen=True)
class Target:
    """What the issue asks of a measure; every limit given must hold."""

    ratio: float | None = None  # median ≤ ratio × the floor's median
    seconds: float | None = None  # median ≤ seconds
    peak_mb: float | None = None  # peak ≤ MB

    def describe(self) -> str:
        parts = []
        if self.ratio is not None:
            parts.append(f"≤{self.ratio:g}×")
        if self.seconds is not None:
            parts.append(f"≤{format_seconds(self.seconds)}")
        if self.peak_mb is not None:
            parts.append(f"≤{self.peak_mb:g} MB")
        return " ".join(parts)


@dataclass
class Row:
    """One line of the table: a measure at a dataset size, beside its floor."""

    measure: str
    size: str
    timing: Timing
    floor: Timing | None = None
    floor_name: str = ""
    peak_mb: float | None = None
    floor_peak_mb: float | None = None
    target: Target | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.timing.median / self.floor.median if self.floor else None

    @property
    def ok(self) -> bool | None:
        """Whether the target holds; None when there is no target."""
        if self.target is None:
            return None
        checks = []
        if self.target.ratio is not None:
            checks.append(self.ratio is not None and self.ratio <= self.target.ratio)
        if self.target.seconds is not None:
            checks.append(self.timing.median <= self.target.seconds)
        if self.target.peak_mb is not None:
            checks.append(self.peak_mb is not None and self.peak_mb <= self.target.peak_mb)
        return all(checks)

    def as_dict(self) -> dict[str, Any]:
        def timing(t: Timing | None) -> dict[str, Any] | None:
            if t is None:
                return None
            return {"median_s": t.median, "min_s": t.min, "max_s": t.max, "samples_s": t.samples}

        return {
            "measure": self.measure, "size": self.size, "time": timing(self.timing),
            "floor": self.floor_name or None, "floor_time": timing(self.floor),
            "ratio": self.ratio, "peak_mb": self.peak_mb, "floor_peak_mb": self.floor_peak_mb,
            "target": self.target.describe() if self.target else None,
            "target_limits": dataclasses.asdict(self.target) if self.target else None,
            "ok": self.ok, "note": self.note or None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Row:
        """A row as `as_dict` wrote it (to print a saved table again)."""
        def timing(t: dict[str, Any] | None) -> Timing | None:
            return Timing(tuple(t["samples_s"])) if t else None

        limits = data.get("target_limits")
        return cls(data["measure"], data["size"], Timing(tuple(data["time"]["samples_s"])),
                   floor=timing(data.get("floor_time")), floor_name=data.get("floor") or "",
                   peak_mb=data.get("peak_mb"), floor_peak_mb=data.get("floor_peak_mb"),
                   target=Target(**limits) if limits else None, note=data.get("note") or "")


# --- timing -----------------------------------------------------------------------------------
def time_call(step: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    """Median/min/max of `runs` calls of `step`, after `warmup` uncounted calls."""
    for _ in range(warmup):
        step()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        samples.append(time.perf_counter() - start)
    return Timing(tuple(samples))


def time_pair(
    step: Callable[[], object], floor: Callable[[], object], runs: int, warmup: int = 1,
) -> tuple[Timing, Timing]:
    """An app step and its floor, measured alternately so that outside load falls on both."""
    for _ in range(warmup):
        step()
        floor()
    app_samples, floor_samples = [], []
    for _ in range(runs):
        for fn, samples in ((step, app_samples), (floor, floor_samples)):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
    return Timing(tuple(app_samples)), Timing(tuple(floor_samples))


# --- child processes --------------------------------------------------------------------------
@dataclass(frozen=True)
class ChildRun:
    seconds: float  # wall time from launch to exit
    to_mark: float | None  # wall time from launch until the child printed the `mark` line
    peak_mb: float  # the child's peak resident set size
    stdout: str


def _maxrss_mb(maxrss: int) -> float:
    """`ru_maxrss` is in KiB on Linux and in bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def bench_env(home: Path) -> dict[str, str]:
    """The environment of a measured child: no display, and per-user folders of its own under
    `home` (so the user's settings and window geometry neither leak into a run nor get
    overwritten by one). Bytecode is cached as a user's Python caches it: with
    PYTHONDONTWRITEBYTECODE set (some sandboxes set it), every start would compile the app's
    modules from source (~0.1-0.2 s) while the floor, made of installed packages, would not."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               XDG_CACHE_HOME=str(home / "cache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


#: Runs the measured command and reports on it. Linux counts the RSS of the process that forks a
#: child into the child's ru_maxrss (it carries over fork and exec), so the measured process is
#: started by this small launcher, never by the benchmark process itself, which holds datasets.
_LAUNCHER = r"""
import json, os, subprocess, sys, time
mark, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
process = subprocess.Popen(command, stdout=subprocess.PIPE)
marked_at, lines = None, []
for raw in process.stdout:
    line = raw.decode(errors="replace")
    if marked_at is None and mark and line.strip() == mark:
        marked_at = time.perf_counter()
    lines.append(line)
_pid, status, usage = os.wait4(process.pid, 0)
print(json.dumps({"seconds": time.perf_counter() - start, "code": os.waitstatus_to_exitcode(status),
                  "to_mark": None if marked_at is None else marked_at - start,
                  "maxrss": usage.ru_maxrss, "stdout": "".join(lines)}))
"""


def run_child(args: Sequence[str], env: dict[str, str] | None = None,
              mark: str | None = None) -> ChildRun:
    """Run `python ARGS` in a fresh interpreter: its wall time (to the line `mark`, if given) and
    its own peak memory. Times are taken by the launcher, from just before the launch."""
    with tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory(prefix="apt-bench-") as home:
        result = subprocess.run([sys.executable, "-c", _LAUNCHER, mark or "", sys.executable, *args],
                                cwd=ROOT, env=env or bench_env(Path(home)), stdout=subprocess.PIPE,
                                stderr=err, check=False)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    try:
        report = json.loads(result.stdout.decode().strip().splitlines()[-1])
    except (IndexError, ValueError):
        report = {"code": result.returncode, "to_mark": None}
    if report["code"] != 0 or (mark is not None and report["to_mark"] is None):
        raise RuntimeError(f"benchmark child failed ({report['code']}): {' '.join(args)}\n"
                           f"{stderr[-3000:]}")
    return ChildRun(report["seconds"], report["to_mark"], _maxrss_mb(report["maxrss"]),
                    report["stdout"])


def peak_mb(function: str, *args: str) -> float:
    """Peak memory of one call of `function` ("package.module:name", called with string
    arguments) in a fresh interpreter, imports included."""
    module, name = function.split(":")
    code = ("import importlib, sys\n"
            f"getattr(importlib.import_module({module!r}), {name!r})(*sys.argv[1:])\n")
    return run_child(["-c", code, *args]).peak_mb


# --- output -----------------------------------------------------------------------------------
COLUMNS = ["measure", "size", "median", "min", "max", "floor median", "ratio", "peak MB",
           "target", "ok?"]


def format_seconds(seconds: float) -> str:
    if seconds < 0.01:
        return f"{seconds * 1000:.1f} ms"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def _cells(row: Row) -> list[str]:
    ok = {True: "yes", False: "NO", None: ""}[row.ok]
    floor = f"{format_seconds(row.floor.median)}" if row.floor else "—"
    peak = f"{row.peak_mb:.0f}" if row.peak_mb is not None else "—"
    if row.peak_mb is not None and row.floor_peak_mb is not None:
        peak += f" ({row.floor_peak_mb:.0f})"
    return [row.measure, row.size, format_seconds(row.timing.median), format_seconds(row.timing.min),
            format_seconds(row.timing.max), floor, f"{row.ratio:.2f}×" if row.ratio else "—", peak,
            row.target.describe() if row.target else "—", ok]


def format_table(rows: Sequence[Row], markdown: bool = False) -> str:
    """One table for every measure; the floor's peak memory is shown in brackets."""
    cells = [_cells(row) for row in rows]
    if markdown:
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(c) + " |" for c in cells]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [COLUMNS, *cells]) for i in range(len(COLUMNS))]
    left = {0, 1, 8}

    def line(values: list[str]) -> str:
        return "  ".join(v.ljust(w) if i in left else v.rjust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    return "\n".join([line(COLUMNS), line(["-" * w for w in widths]), *map(line, cells)])


def floors_legend(rows: Sequence[Row]) -> str:
    """Which floor each measure is compared with, and any note, below the table."""
    seen: dict[str, str] = {}
    for row in rows:
        text = "; ".join(t for t in (f"floor: {row.floor_name}" if row.floor_name else "",
                                     row.note) if t)
        if text:
            seen.setdefault(row.measure, text)
    return "\n".join(f"- {measure}: {text}" for measure, text in seen.items())


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    machine: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"machine": self.machine, "settings": self.settings,
                "rows": [row.as_dict() for row in self.rows]}
