"""The command line runs the same operations headless, with honest exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.cli import main
from app.models.orm import WorkspaceProfile
from app.models.storage.database import open_database

ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_commands():
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0
    assert "init" in result.stdout and "demo" in result.stdout


def test_init_creates_workspace(db_path):
    code = main(["init", "--db", str(db_path), "--role", "coordinator", "--country", "kz",
                 "--lang", "ru", "--name", "Айгерим", "--ministry", "МВД"])
    assert code == 0
    db = open_database(db_path)
    with db.reading() as s:
        profile = s.scalar(select(WorkspaceProfile))
    assert (profile.country_code, profile.language, profile.coordinator_name) == ("KZ", "ru", "Айгерим")
    db.close()


def test_init_refuses_existing_workspace(db_path, capsys):
    args = ["init", "--db", str(db_path), "--role", "secretariat", "--name", "Support Unit"]
    assert main(args) == 0
    assert main(args) == 2
    assert "already holds a workspace" in capsys.readouterr().err


def test_coordinator_needs_a_country(db_path, capsys):
    assert main(["init", "--db", str(db_path), "--role", "coordinator", "--name", "X"]) == 2
    assert "--country" in capsys.readouterr().err


def test_unknown_country_is_an_error(db_path, capsys):
    assert main(["init", "--db", str(db_path), "--role", "coordinator", "--country", "ZZ",
                 "--name", "X"]) == 2
    assert "Unknown country" in capsys.readouterr().err


def test_demo_command(db_path):
    assert main(["demo", "--db", str(db_path), "--size", "small", "--seed", "5"]) == 0
    assert main(["demo", "--db", str(db_path)]) == 2
