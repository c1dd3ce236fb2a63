"""Check a built one-folder package: its self-test passes, portable mode works, and its size.

    .venv/bin/python tools/package_check.py dist/AlmatyProcessTracker/AlmatyProcessTracker

(`make package-check` builds the package first.) Exits non-zero with the reason when a check fails.
The packaged app runs with per-user folders pointed into a temporary folder, so the machine's own
settings and workspaces are neither read nor written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PORTABLE_MARKER = "portable.txt"  # the same name as app.paths.PORTABLE_MARKER
SIZE_GOAL_MB = 150


class CheckFailedError(Exception):
    """A check found the package wanting; the message says how."""


def folder_size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink()) / 1e6


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


def check_selftest(exe: Path, env: dict[str, str]) -> None:
    started = time.perf_counter()
    result = run([str(exe), "selftest"], env)
    sys.stdout.write(result.stdout)
    if result.returncode != 0:
        raise CheckFailedError(f"packaged self-test failed (exit code {result.returncode}):\n{result.stderr}")
    print(f"packaged self-test passed in {time.perf_counter() - started:.1f} s")


def check_portable_mode(exe: Path, env: dict[str, str], home: Path) -> None:
    """With the marker beside the executable, a new workspace lands in `data/` beside it."""
    marker = exe.parent / PORTABLE_MARKER
    data = exe.parent / "data"
    if marker.exists() or data.exists():
        raise CheckFailedError(f"{marker} or {data} exists already; remove them before the check")
    marker.write_text("Keep the workspace beside the program.\n", encoding="utf-8")
    try:
        result = run([str(exe), "init", "--role", "secretariat", "--name", "Portable check"], env)
        if result.returncode != 0:
            raise CheckFailedError(f"init in portable mode failed:\n{result.stderr}")
        database = data / "workspace.sqlite"
        if not database.is_file():
            raise CheckFailedError(f"portable mode: no database at {database}; the app said: {result.stdout}")
        stray = [str(path) for path in home.rglob("*.sqlite")]
        if stray:
            raise CheckFailedError(f"portable mode wrote into the per-user folders: {stray}")
        print(f"portable mode: workspace created at {database}")
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)


def check_size(exe: Path) -> None:
    size = folder_size_mb(exe.parent)
    print(f"package size: {size:.0f} MB in {exe.parent} (goal ≤ {SIZE_GOAL_MB} MB)")
    if size > SIZE_GOAL_MB:
        raise CheckFailedError(f"the package grew past {SIZE_GOAL_MB} MB: see tools/package_contents.py")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    exe = Path(argv[0]).resolve()
    if not exe.is_file():
        print(f"{exe} not found: build it with `make package`", file=sys.stderr)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory(prefix="apt-package-check-") as folder:
        home = Path(folder)
        env = dict(os.environ, XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"))
        checks = [lambda: check_selftest(exe, env), lambda: check_portable_mode(exe, env, home),
                  lambda: check_size(exe)]
        for check in checks:
            try:
                check()
            except CheckFailedError as failure:
                print(f"FAILED: {failure}", file=sys.stderr)
                failed += 1
    print(f"package-check: {len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
