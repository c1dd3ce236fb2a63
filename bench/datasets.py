"""The workspaces benchmarks run on, made by the demo generator and cached between runs.

| size        | workspace   | countries | commitments each | periods | indicators |
|-------------|-------------|-----------|------------------|---------|------------|
| coordinator | coordinator | 1         | 300              | 26      | 200        |
| secretariat | secretariat | 15        | 300              | 26      | 200        |
| stress      | secretariat | 15        | 600              | 40      | 200        |

A cached file is keyed by everything that changes its content: the generator's version, the schema
head, the size, the seed and the current half-year (the demo's periods end at today). Generating the
stress workspace takes ~20 s; after that a run only copies or opens files.

Benchmarks that only read may open `workspace(size)` directly; a benchmark that writes (an import
applies changes) must work on `fresh_copy(size, folder)`, never on the cache.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT

CACHE = ROOT / "bench" / ".cache" / "datasets"
SEED = 1


@dataclass(frozen=True)
class Dataset:
    role: str  # WorkspaceRole value
    demo_size: str  # key of app.demo.generator.SIZES
    country: str = "KZ"  # the coordinator's country (a secretariat has all 15)


DATASETS: dict[str, Dataset] = {
    "coordinator": Dataset(role="coordinator", demo_size="large"),
    "secretariat": Dataset(role="secretariat", demo_size="large"),
    "stress": Dataset(role="secretariat", demo_size="stress"),
}
SIZE_NAMES = list(DATASETS)


def _half_year(today: dt.date) -> str:
    return f"{today.year}-H{1 if today.month < 7 else 2}"


def cache_key(size: str, seed: int = SEED, today: dt.date | None = None) -> str:
    from app.demo.generator import GENERATOR_VERSION
    from app.models.storage.migrations import HEAD

    return f"{size}-seed{seed}-gen{GENERATOR_VERSION}-schema{HEAD}-{_half_year(today or dt.date.today())}"


def workspace(size: str, seed: int = SEED) -> Path:
    """The cached demo workspace of a size, generated on first use (read-only use only)."""
    folder = CACHE / cache_key(size, seed)
    path = folder / "workspace.sqlite"
    if not path.exists():
        _generate(size, seed, path)
    return path


def fresh_copy(size: str, folder: Path, seed: int = SEED) -> Path:
    """A private copy of the size's workspace in `folder`, for a benchmark that writes."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{size}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(workspace(size, seed), target)
    return target


def _generate(size: str, seed: int, path: Path) -> None:
    from app.demo.generator import create_demo_workspace
    from app.models.orm.enums import WorkspaceRole

    spec = DATASETS[size]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name("generating.sqlite")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"generating the {size} workspace (cached in {path.parent.relative_to(ROOT)}) ...",
          flush=True)
    create_demo_workspace(partial, role=WorkspaceRole(spec.role), country=spec.country,
                          size=spec.demo_size, seed=seed).close()
    # One self-contained file (still in WAL mode, as the app keeps it): fold the log back in.
    connection = sqlite3.connect(partial)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    partial.replace(path)
    for stale in CACHE.glob(f"{size}-*"):
        if stale != path.parent:
            shutil.rmtree(stale, ignore_errors=True)
