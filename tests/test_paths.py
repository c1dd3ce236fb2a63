"""Where files are found and kept: source tree or frozen bundle; per-user folders or portable mode."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app import paths, resources
from app.cli import main
from app.models.services.workspace.profile import profile_of
from app.models.storage.database import open_database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def beside_executable(tmp_path, monkeypatch) -> Path:
    """The folder the executable would sit in (a USB stick, say)."""
    folder = tmp_path / "usb" / "AlmatyProcessTracker"
    folder.mkdir(parents=True)
    monkeypatch.setattr(paths, "executable_dir", lambda: folder)
    return folder


def test_per_user_folder_without_marker(beside_executable):
    assert not paths.is_portable()
    assert beside_executable not in paths.data_dir().parents
    assert not (beside_executable / "data").exists()


def test_portable_mode_keeps_database_backups_and_settings_beside_the_executable(beside_executable):
    (beside_executable / paths.PORTABLE_MARKER).write_text("")
    assert paths.is_portable()
    data = beside_executable / "data"
    assert paths.data_dir() == data and data.is_dir()
    assert paths.default_database_path() == data / paths.DATABASE_FILE
    assert paths.backups_dir_for(paths.default_database_path()) == data / "backups"


def test_portable_mode_through_the_command_line(beside_executable):
    (beside_executable / paths.PORTABLE_MARKER).write_text("")
    assert main(["init", "--role", "secretariat", "--name", "Support Unit"]) == 0
    database = beside_executable / "data" / paths.DATABASE_FILE
    db = open_database(database)
    try:
        assert profile_of(db).coordinator_name == "Support Unit"
    finally:
        db.close()


def test_settings_follow_portable_mode(beside_executable, qapp):
    from app.ui.common.settings import app_settings

    (beside_executable / paths.PORTABLE_MARKER).write_text("")
    settings = app_settings()
    settings.setValue("language", "ru")
    settings.sync()
    assert Path(settings.fileName()) == beside_executable / "data" / "settings.ini"
    assert "language=ru" in (beside_executable / "data" / "settings.ini").read_text()


def test_executable_dir_when_frozen(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "AlmatyProcessTracker.exe"))
    assert paths.executable_dir() == tmp_path


def test_resources_from_source():
    assert not resources.is_frozen()
    assert resources.resource_path("refdata", "template_plan.json").is_file()
    assert resources.package_path("models", "storage", "migrations", "env.py").is_file()


def test_resources_when_frozen(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.is_frozen()
    assert resources.resource_path("icons", "app.png") == tmp_path / "resources" / "icons" / "app.png"
    migrations = tmp_path / "app" / "models" / "storage" / "migrations"
    assert resources.package_path("models", "storage", "migrations") == migrations
