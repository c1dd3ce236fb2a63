"""`main.py export` and `main.py import`: the same operations headless, with honest exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from app.cli import main
from app.models.services.reporting.periods import period_by_code
from app.models.services.reporting.progress import get_update

from .conftest import PERIOD
from .test_submission_import import _reported_row

ROOT = Path(__file__).resolve().parent.parent.parent


def test_export_command_writes_the_workbook(demo_db, out_dir, capsys):
    code = main(["export", "--db", str(demo_db.path), "--country", "kz", "--period", PERIOD,
                 "--lang", "en", "--out", str(out_dir)])
    assert code == 0
    path = out_dir / f"AP_KZ_{PERIOD}_r1.xlsx"
    assert path.exists()
    output = capsys.readouterr().out
    assert str(path) in output and "Revision: 1" in output


def test_import_dry_run_prints_the_preview_and_changes_nothing(demo_db, exported, tmp_path, capsys):
    row, commitment_id = _reported_row(exported.path)
    workbook = load_workbook(exported.path)
    workbook["Progress"][f"F{row}"] = 99
    edited = tmp_path / "edited.xlsx"
    workbook.save(edited)
    code = main(["import", "--db", str(demo_db.path), "--dry-run", str(edited)])
    output = capsys.readouterr().out
    assert code == 0
    assert "Edited after export: 1 cell differs" in output
    # Named by its action's code and text, the period in words (not "commitment 30 in 2026-H2").
    assert "CHANGED: Progress of " in output and ", second half of 2026 (Progress, row" in output
    assert "→ 99" in output and "Dry run: nothing was changed." in output
    with demo_db.reading() as session:
        assert get_update(session, commitment_id, period_by_code(session, PERIOD).id).percent != 99

    assert main(["import", "--db", str(demo_db.path), str(edited)]) == 0
    assert "Applied." in capsys.readouterr().out
    with demo_db.reading() as session:
        assert get_update(session, commitment_id, period_by_code(session, PERIOD).id).percent == 99


def test_import_with_errors_exits_non_zero(demo_db, exported, tmp_path, capsys):
    row, _commitment_id = _reported_row(exported.path)
    workbook = load_workbook(exported.path)
    workbook["Progress"][f"F{row}"] = 250
    bad = tmp_path / "bad.xlsx"
    workbook.save(bad)
    assert main(["import", "--db", str(demo_db.path), str(bad)]) == 1
    output = capsys.readouterr().out
    assert f"ERROR: Progress, row {row}, column F (Done, %)" in output
    assert "Nothing was applied" in output


def test_export_command_needs_an_existing_workspace(tmp_path):
    result = subprocess.run([sys.executable, "main.py", "export", "--db", str(tmp_path / "no.sqlite"),
                             "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "There is no workspace" in result.stderr
    assert not (tmp_path / "no.sqlite").exists()
