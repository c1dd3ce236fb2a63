"""Kill real operations at random moments and check the database each time.

For each operation: build its starting workspace once, run it once to the end (its duration and its
final state), then, again and again, copy the starting workspace, start the operation in a child
process and SIGKILL it after a random delay within that duration. Afterwards the database must pass
`integrity_check`, hold exactly the state before or the state after (nothing in between), open with
the app, let the workspace lock be taken (the stale one is recovered), and every backup beside it
must be intact.

    python -m tests.crash.harness --kills 12      # per operation; prints a table of outcomes
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from pathlib import Path

from app.models.storage.database import open_database
from app.models.storage.lock import WorkspaceLock
from tests.crash.operations import OPERATIONS, Operation, campaign, check_backups

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("child.py")
DATABASE = "workspace.sqlite"
NONE, ALL = "none", "all"


@dataclass(frozen=True)
class KillResult:
    operation: str
    duration: float  # of the uninterrupted run, from its BEGIN

    delay: float
    killed: bool  # False: the operation had finished before the signal
    outcome: str  # NONE, ALL, or what was wrong
    detail: str = ""  # what the kill left besides the database (the operation's `detail`)


class Launcher:
    """Starts operations in a child process; `serve` mode forks workers from a warm child."""

    def __init__(self, forking: bool | None = None) -> None:
        self.forking = hasattr(os, "fork") if forking is None else forking
        self._server: subprocess.Popen[str] | None = None
        if self.forking:
            self._server = self._spawn(["serve"])

    def _spawn(self, args: list[str]) -> subprocess.Popen[str]:
        process = subprocess.Popen([sys.executable, str(CHILD), *args], cwd=ROOT, text=True,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        assert process.stdout is not None
        ready = process.stdout.readline().strip()
        if ready != "READY":
            process.kill()
            raise RuntimeError(f"crash child did not start: {ready!r}")
        return process

    def run(self, name: str, path: Path, kill_after: float | None) -> tuple[bool, float]:
        """Run `name` on `path`; kill it `kill_after` seconds after its BEGIN.

        Returns (killed, seconds from BEGIN to the end).
        """
        if self._server is not None:
            return self._run_forked(name, path, kill_after)
        process = self._spawn(["run", name, str(path)])
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write("go\n")
        process.stdin.flush()
        if process.stdout.readline().strip() != "BEGIN":
            process.wait()
            raise RuntimeError(f"{name} failed in the child before it began")
        started = time.monotonic()
        try:
            process.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return True, time.monotonic() - started
        if process.returncode != 0:
            raise RuntimeError(f"{name} failed in the child (exit {process.returncode})")
        return False, time.monotonic() - started

    def _run_forked(self, name: str, path: Path, kill_after: float | None) -> tuple[bool, float]:
        server = self._server
        assert server is not None and server.stdin is not None and server.stdout is not None
        server.stdin.write(f"run {name} {path}\n")
        server.stdin.flush()
        pid, begun = 0, None
        while not pid or begun is None:  # the server's PID and the worker's BEGIN, in any order
            words = server.stdout.readline().split()
            if not words:
                raise RuntimeError("the crash child server stopped")
            if words[0] == "PID":
                pid = int(words[1])
            else:
                begun = words[0] == "BEGIN"
        started = time.monotonic()
        if begun and kill_after is not None:
            time.sleep(kill_after)
            os.kill(pid, signal.SIGKILL)  # not reaped yet (at worst a zombie): never another pid
        server.stdin.write("reap\n")
        server.stdin.flush()
        status = int(server.stdout.readline().split()[2])
        elapsed = time.monotonic() - started
        if os.WIFSIGNALED(status):
            return True, elapsed
        if not begun or os.WEXITSTATUS(status) != 0:
            raise RuntimeError(f"{name} failed in the child (exit {os.WEXITSTATUS(status)})")
        return False, elapsed

    def close(self) -> None:
        if self._server is not None:
            assert self._server.stdin is not None
            self._server.stdin.close()
            self._server.wait(timeout=30)
            self._server = None


def _fresh_copy(template: Path, target: Path) -> Path:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(template, target)
    return target / DATABASE


def _after_kill(op: Operation, path: Path, before: Hashable, after: Hashable) -> tuple[str, str]:
    """Classify what the kill left, and its detail; any broken invariant is the outcome's text."""
    try:
        state = op.state(path)
        detail = op.detail(path) if op.detail is not None else ""
    except Exception as exc:  # every failure is reported, BrokenDatabaseError included
        return f"BROKEN: {exc}", ""
    outcome = NONE if state == before else ALL if state == after else "PARTIAL"
    try:
        open_database(path).close()
        with WorkspaceLock(path):
            pass
        check_backups(path)
    except Exception as exc:
        return f"BROKEN after open: {type(exc).__name__}: {exc}", detail
    return outcome, detail


def run_campaign(workdir: Path, names: Iterable[str] | None = None, kills: int = 12,
                 seed: int = 8, *, forking: bool | None = None) -> list[KillResult]:
    """Kill each named operation `kills` times; returns every run's result (good and bad).

    Runs that ended before their signal are checked and reported too, but do not count as kills.
    """
    rng = random.Random(seed)
    launcher = Launcher(forking)
    results: list[KillResult] = []
    try:
        for name in campaign() if names is None else names:
            op = OPERATIONS[name]
            template = workdir / name / "template"
            template.mkdir(parents=True)
            op.prepare(template / DATABASE)
            before = op.state(template / DATABASE)
            durations, after = [], None
            for run in range(3):  # the shortest of three runs: kills should land inside the run
                path = _fresh_copy(template, workdir / name / f"complete-{run}")
                durations.append(launcher.run(name, path, None)[1])
                if after is not None and op.state(path) != after:
                    raise RuntimeError(f"{name} is not deterministic: all-or-nothing is unknowable")
                after = op.state(path)
                shutil.rmtree(path.parent)
            if after == before:
                raise RuntimeError(f"{name} changed nothing: the harness would prove nothing")
            duration = min(durations)
            done = attempts = 0
            while done < kills and attempts < 3 * kills:  # a run may end before its signal
                path = _fresh_copy(template, workdir / name / f"kill-{attempts}")
                # Half the kills anywhere in the run, half near its end, where it commits.
                low, high = (0.0, duration) if attempts % 2 == 0 else (0.75 * duration, duration)
                delay = rng.uniform(low, high)
                attempts += 1
                killed, _elapsed = launcher.run(name, path, delay)
                outcome, detail = _after_kill(op, path, before, after)
                results.append(KillResult(name, duration, delay, killed, outcome, detail))
                done += killed
                if outcome in (NONE, ALL):
                    shutil.rmtree(path.parent)
    finally:
        launcher.close()
    return results


def summary(results: list[KillResult]) -> str:
    """Per operation: killed runs with their outcomes, and runs that finished before the signal."""
    lines = [f"{'operation':<14}{'run (s)':>8}{'kills':>6}{'none':>6}{'all':>6}{'bad':>5}"
             f"{'finished first':>16}"]
    for name in dict.fromkeys(r.operation for r in results):
        mine = [r for r in results if r.operation == name]
        killed = Counter(r.outcome for r in mine if r.killed)
        bad = sum(n for outcome, n in Counter(r.outcome for r in mine).items()
                  if outcome not in (NONE, ALL))
        lines.append(f"{name:<14}{mine[0].duration:>8.2f}{killed.total():>6}{killed[NONE]:>6}"
                     f"{killed[ALL]:>6}{bad:>5}{sum(not r.killed for r in mine):>16}")
    total = sum(r.killed for r in results)
    lines.append(f"{'total':<14}{'':>8}{total:>6}")
    for name in dict.fromkeys(r.operation for r in results if r.detail):
        left = Counter((r.outcome, r.detail) for r in results if r.operation == name and r.killed)
        lines.append(f"  {name}, killed: " + "; ".join(
            f"{count}× {outcome} with {detail}" for (outcome, detail), count in sorted(left.items())))
    lines.extend(f"  {r.operation} after {r.delay:.3f}s: {r.outcome}" for r in results
                 if r.outcome not in (NONE, ALL))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=12, help="kills per operation")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("operations", nargs="*", help=f"default: {' '.join(campaign())}; "
                        f"all: {' '.join(OPERATIONS)}")
    args = parser.parse_args()
    import tempfile

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="apt-crash-"))
    results = run_campaign(workdir, args.operations or None, args.kills, args.seed)
    print(summary(results))
    return 0 if all(r.outcome in (NONE, ALL) for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
