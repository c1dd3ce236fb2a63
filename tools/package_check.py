r"""Check a built one-folder package: its self-test, portable mode, a Cyrillic user folder, its size.

    .venv/bin/python tools/package_check.py dist/AlmatyProcessTracker/AlmatyProcessTracker
    python tools\package_check.py dist\AlmatyProcessTracker\AlmatyProcessTracker.exe   (Windows, Wine)

(`make package-check` builds the package first; `make package-windows-check` runs this under Wine.)
Exits non-zero with the reason when a check fails. The packaged app runs with per-user folders
pointed into a temporary folder under a Cyrillic user name (XDG_* on Linux; USERPROFILE,
LOCALAPPDATA, TEMP on Windows), so the machine's own settings and workspaces are neither read nor
written. Its output is read as UTF-8, as the app writes it on every system.
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
WINDOWS = sys.platform == "win32"
#: The user name of a Russian laptop: its per-user folders (and the app's paths) are Cyrillic.
CYRILLIC_USER = "Пользователь"
#: app.APP_ID and app.ORG_NAME, the folder platformdirs names under the per-user data folder.
APP_ID, ORG_NAME = "AlmatyProcessTracker", "Almaty Process"


class CheckFailedError(Exception):
    """A check found the package wanting; the message says how."""


def folder_size_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*")
               if path.is_file() and not path.is_symlink()) / 1e6


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the packaged app; a windowed Windows exe needs its output redirected to print at all."""
    return subprocess.run(command, env=env, capture_output=True, encoding="utf-8", timeout=300,
                          stdin=subprocess.DEVNULL)


def user_environment(home: Path) -> tuple[dict[str, str], Path]:
    """The environment of a user named `CYRILLIC_USER` in `home`, and where its workspace belongs.

    On Windows the app asks for %LOCALAPPDATA% through platformdirs, which calls
    SHGetKnownFolderPath; WIN_PD_OVERRIDE_LOCAL_APPDATA points that at the same folder, because
    Windows (unlike Wine) answers from the registry and would give the runner's real one.
    """
    user = home / CYRILLIC_USER
    if WINDOWS:
        local = user / "AppData" / "Local"
        (local / "Temp").mkdir(parents=True)
        env = dict(os.environ, USERPROFILE=str(user), LOCALAPPDATA=str(local),
                   APPDATA=str(user / "AppData" / "Roaming"), TEMP=str(local / "Temp"),
                   TMP=str(local / "Temp"), WIN_PD_OVERRIDE_LOCAL_APPDATA=str(local))
        return env, local / ORG_NAME / APP_ID
    (user / "tmp").mkdir(parents=True)
    env = dict(os.environ, XDG_DATA_HOME=str(user / "data"), XDG_CONFIG_HOME=str(user / "config"),
               TMPDIR=str(user / "tmp"))
    return env, user / "data" / APP_ID


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
        # The temporary folder is in `home` too, and the self-test's files may outlive it on Windows.
        temp = Path(env.get("TEMP") or env.get("TMPDIR") or home / "none")
        stray = [str(path) for path in home.rglob("*.sqlite") if temp not in path.parents]
        if stray:
            raise CheckFailedError(f"portable mode wrote into the per-user folders: {stray}")
        print(f"portable mode: workspace created at {database}")
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)


def check_user_folder(exe: Path, env: dict[str, str], data: Path) -> None:
    """The commands a coordinator runs, in the per-user folder of a Cyrillic user name.

    A demo workspace in Russian lands in the per-user data folder; its submission is exported as a
    Russian workbook and read back; a backup is written and restored. Every path and most messages
    are Cyrillic, so this also proves the output encoding of each command.
    """
    database = data / "workspace.sqlite"
    exported = data.parent / "Отправка"
    exported.mkdir(parents=True)
    steps = [
        (["demo", "--lang", "ru"], lambda out: database.is_file()),
        (["export", "--lang", "ru", "--out", str(exported)],
         lambda out: len(list(exported.glob("AP_*.xlsx"))) == 1),
        (["import", "--dry-run", "--lang", "ru", str(exported)], lambda out: "AP_" in out),
        (["backup"], lambda out: any((data / "backups").glob("*.sqlite"))),
        (["restore", "newest"], lambda out: str(database) in out),
    ]
    for arguments, looks_right in steps:
        result = run([str(exe), *arguments], env)
        if result.returncode != 0 or not looks_right(result.stdout):
            raise CheckFailedError(f"`{' '.join(arguments)}` in the per-user folder {data} failed (exit code "
                                   f"{result.returncode}):\n{result.stdout}{result.stderr}")
    print(f"per-user folder {data}: demo, export and import of a Russian workbook, backup, restore")


def check_size(exe: Path) -> None:
    size = folder_size_mb(exe.parent)
    print(f"package size: {size:.0f} MB in {exe.parent} (goal ≤ {SIZE_GOAL_MB} MB)")
    if size > SIZE_GOAL_MB:
        raise CheckFailedError(f"the package grew past {SIZE_GOAL_MB} MB: see tools/package_contents.py")


def main(argv: list[str]) -> int:
    for stream in (sys.stdout, sys.stderr):  # Cyrillic paths, on a Windows console or pipe too
        stream.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
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
        env, data = user_environment(home)
        checks = [lambda: check_selftest(exe, env), lambda: check_portable_mode(exe, env, home),
                  lambda: check_user_folder(exe, env, data), lambda: check_size(exe)]
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
