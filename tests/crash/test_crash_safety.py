"""Killed at random moments, real operations leave the database whole: all of the operation or none.

The table of outcomes is printed (`pytest -s tests/crash`); the same campaign runs standalone with
`python -m tests.crash.harness --kills 10`.
"""

from __future__ import annotations

import os

import pytest

from tests.crash.harness import ALL, NONE, run_campaign, summary
from tests.crash.operations import campaign

# All of it is slow (each test starts, kills and checks real processes: 20-100 s), so `make test-fast`
# leaves the module out; `make test` and CI run it.
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not hasattr(os, "kill"), reason="needs process signals")]


def test_fifty_kills_leave_all_or_nothing(tmp_path):
    """Also: a killed export leaves no file or a complete, verified one (never a stray workbook)."""
    assert {"migration", "demo", "copy-forward", "backup", "restore", "export", "import",
            "receive"} <= set(campaign())
    results = run_campaign(tmp_path, kills=8, seed=8)
    print("\n" + summary(results))
    killed = [r for r in results if r.killed]
    assert len(killed) >= 50
    assert {r.operation for r in killed} == set(campaign())
    bad = [r for r in results if r.outcome not in (NONE, ALL)]
    assert bad == [], summary(results)
    assert sum(r.outcome == NONE for r in killed) > 0


def test_the_harness_sees_a_half_done_operation(tmp_path):
    """A control that commits row by row: killed in the middle, it is caught as partial."""
    results = run_campaign(tmp_path, ["control-unsafe-copy"], kills=4, seed=3)
    assert any(r.outcome == "PARTIAL" for r in results), summary(results)


def test_the_harness_sees_a_half_written_export(tmp_path):
    """A control that writes the workbook straight to its name: killed mid-write, it is caught."""
    results = run_campaign(tmp_path, ["control-unsafe-export"], kills=4, seed=3)
    assert any("not a complete workbook" in r.outcome for r in results), summary(results)


def test_spawned_children_work_without_fork(tmp_path):
    """The portable launcher (a fresh interpreter per run, as on Windows) kills and checks too."""
    results = run_campaign(tmp_path, ["backup"], kills=1, seed=1, forking=False)
    assert results and all(r.outcome in (NONE, ALL) for r in results), summary(results)
