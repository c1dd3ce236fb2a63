"""The benchmark harness itself: targets, the table, saved results, peak memory of a child.

No timing is asserted here (timings live in bench/ and `make bench`).
"""

from __future__ import annotations

import json

from bench import common
from bench.common import Row, Target, Timing, format_table, peak_mb, run_child
from bench.run import benchmark_modules, main


def allocate(megabytes: str) -> None:
    """Hold `megabytes` of memory for a moment (run in a child by `peak_mb`)."""
    block = bytearray(int(megabytes) * 1024 * 1024)
    block[::4096] = b"\x01" * len(block[::4096])


def _row(median: float, floor: float | None, peak: float | None, target: Target | None) -> Row:
    return Row("export", "coordinator", Timing((median, median * 0.9, median * 1.2)),
               floor=Timing((floor,)) if floor else None, floor_name="openpyxl", peak_mb=peak,
               target=target)


def test_targets_hold_only_when_every_limit_holds():
    assert _row(0.30, 0.25, 120, Target(ratio=1.5, seconds=0.5)).ok is True
    assert _row(0.60, 0.50, 120, Target(ratio=1.5, seconds=0.5)).ok is False  # too slow
    assert _row(0.40, 0.20, 120, Target(ratio=1.5, seconds=0.5)).ok is False  # 2x the floor
    assert _row(0.40, None, 320, Target(peak_mb=300)).ok is False
    assert _row(0.40, None, None, None).ok is None
    assert Target(ratio=1.5, seconds=0.5, peak_mb=300).describe() == "≤1.5× ≤500 ms ≤300 MB"


def test_table_has_one_line_per_row_and_the_ratio():
    rows = [_row(0.30, 0.25, 120, Target(ratio=1.5)), _row(0.05, None, None, Target(seconds=0.1))]
    lines = format_table(rows).splitlines()
    assert lines[0].split()[:2] == ["measure", "size"] and len(lines) == 4
    assert "1.20×" in lines[2] and lines[2].rstrip().endswith("yes")
    markdown = format_table(rows, markdown=True).splitlines()
    assert markdown[1].startswith("|---") and markdown[3].count("|") == 11


def test_saved_results_print_again(tmp_path, capsys):
    report = common.Report([_row(0.30, 0.25, 120, Target(ratio=1.5))],
                           {"cpus": 2, "cpu": "x", "memory_gb": 8, "python": "3.11",
                            "system": "Linux", "commit": "abc", "date": "today"},
                           {"runs": 3, "seconds": 1.0})
    path = tmp_path / "latest.json"
    path.write_text(json.dumps(report.as_dict()))
    again = Row.from_dict(json.loads(path.read_text())["rows"][0])
    assert again.ratio == report.rows[0].ratio and again.ok is True
    assert main(["--show", "--json", str(path)]) == 0
    assert "export" in capsys.readouterr().out


def test_peak_memory_is_the_childs_own():
    """The benchmark process may be large; a child's peak must not inherit it (see _LAUNCHER)."""
    ballast = bytearray(400 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])
    small = peak_mb("tests.test_bench:allocate", "1")
    large = peak_mb("tests.test_bench:allocate", "200")
    assert small < 100
    assert 200 < large < 400
    del ballast


def test_child_time_to_a_printed_line():
    child = run_child(["-c", "import time; print('ready', flush=True); time.sleep(0.3)"],
                      mark="ready")
    assert child.to_mark is not None and child.to_mark < child.seconds


def test_every_benchmark_module_with_run_is_found():
    names = [module.__name__ for module in benchmark_modules()]
    for name in ("startup", "workspace", "submission", "consolidation", "batch_import"):
        assert f"bench.bench_{name}" in names
    assert "bench.bench_startup_frozen" not in names  # needs a packaged build; runs on its own
