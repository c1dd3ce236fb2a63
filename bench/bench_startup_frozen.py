"""Start-to-window time: the packaged app against `python main.py`, same machine, same run.

    make package package-onefile && .venv/bin/python bench/bench_startup_frozen.py [--runs 7]

Both open the same demo workspace (Russian, small) offscreen with `--quit-after-show`; the time is
from process launch to the line "shown", printed once the main window is up. Runs alternate between
the two so that a busy machine slows both alike; one warm-up run each is not counted (cold disk
cache). Per-user folders point into a temporary folder, so no real settings are read or written.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE_NAME = "AlmatyProcessTracker.exe" if sys.platform == "win32" else "AlmatyProcessTracker"
DEFAULT_EXE = ROOT / "dist" / "AlmatyProcessTracker" / EXE_NAME
DEFAULT_ONEFILE = ROOT / "dist" / "onefile" / EXE_NAME


def time_to_window(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launch until the app prints "shown"; the process must then exit with 0."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, encoding="utf-8", errors="replace")
    assert process.stdout is not None
    shown_at = None
    for line in process.stdout:
        if line.strip() == "shown":
            shown_at = time.perf_counter()
    code = process.wait(timeout=120)
    if shown_at is None or code != 0:
        raise SystemExit(f"{command[0]} did not show its window (exit code {code})")
    return shown_at - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exe", type=Path, default=DEFAULT_EXE, help="the one-folder executable")
    parser.add_argument("--onefile", type=Path, default=DEFAULT_ONEFILE,
                        help="the one-file executable (timed too when it exists: make package-onefile)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-source", action="store_true",
                        help="time the packages only, not `python main.py` (under Wine it takes ~11 s)")
    args = parser.parse_args()
    if not args.exe.exists():
        print(f"{args.exe} not found: run `make package` first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="apt-bench-") as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=f"{folder}/data",
                   XDG_CONFIG_HOME=f"{folder}/config")
        database = Path(folder) / "demo.sqlite"
        subprocess.run([sys.executable, "main.py", "demo", "--db", str(database), "--lang", "ru"],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        commands = {
            "python main.py": [sys.executable, "main.py", "--db", str(database), "--quit-after-show"],
            "one folder": [str(args.exe), "--db", str(database), "--quit-after-show"],
        }
        if args.no_source:
            del commands["python main.py"]
        if args.onefile.exists():
            commands["one file"] = [str(args.onefile), "--db", str(database), "--quit-after-show"]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():
            time_to_window(command, env)  # warm-up
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_to_window(command, env))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"start-to-window, {args.runs} runs each (seconds), offscreen, {os.cpu_count()} cores, "
          f"load average {load}")
    print(f"{'':16} {'median':>8} {'min':>8} {'max':>8}")
    for name, values in times.items():
        print(f"{name:16} {statistics.median(values):8.2f} {min(values):8.2f} {max(values):8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
