"""The child side of the crash harness: runs real operations so that the parent can kill them.

Every worker prints `BEGIN` when the operation's killable part starts (`FAILED` if it never does).
`child.py serve`: import everything once, then for each line `run NAME PATH` on stdin fork a worker,
report `PID n`, wait for a line (the parent has killed the worker, or not) and report
`EXIT n status` (POSIX; fast: no start-up per kill).
`child.py run NAME PATH`: import, print `READY`, wait for a line on stdin, run (any platform).
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.crash.operations import OPERATIONS  # noqa: E402


def _say(line: str) -> None:
    """One write of a short line: atomic on a pipe the server and its workers share."""
    os.write(sys.stdout.fileno(), f"{line}\n".encode())


def _run(name: str, path: str) -> int:
    begun = False

    def begin() -> None:
        nonlocal begun
        begun = True
        _say("BEGIN")

    try:
        OPERATIONS[name].run(Path(path), begin)
    except BaseException:
        traceback.print_exc()
        if not begun:
            _say("FAILED")
        return 1
    return 0


def serve() -> None:
    _say("READY")
    for line in sys.stdin:
        _command, name, path = line.rstrip("\n").split(" ", 2)
        pid = os.fork()
        if pid == 0:
            os._exit(_run(name, path))
        _say(f"PID {pid}")
        sys.stdin.readline()  # the parent has sent its signal: only now may the pid be reused
        _pid, status = os.waitpid(pid, 0)
        _say(f"EXIT {pid} {status}")


def run_once(name: str, path: str) -> int:
    _say("READY")
    sys.stdin.readline()
    return _run(name, path)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    else:
        sys.exit(run_once(sys.argv[2], sys.argv[3]))
