"""Damage found early (issue 14): a record that cannot be decoded and a damaged header are damage,
reported with the restore offer when the workspace opens; no command ends in a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.models.errors import DatabaseDamagedError
from app.models.services.workspace.backups import back_up
from app.models.storage.database import open_database
from tests.workspaces import WorkspaceTemplates

NARRATIVE = "Unreadable narrative, flipped on the disk"


def flip_inside_a_text(path: Path, text: str = NARRATIVE) -> None:
    """Overwrite bytes inside one stored text with bytes that are not UTF-8 (pages stay valid)."""
    data = bytearray(path.read_bytes())
    start = data.index(text.encode())
    data[start + 4:start + 8] = b"\xff\xfe\xc3\x28"
    path.write_bytes(bytes(data))


def damage_header(path: Path) -> None:
    """Bytes 40–47 of the header (schema cookie, schema format): "unsupported file format"."""
    with path.open("r+b") as handle:
        handle.seek(40)
        handle.write(b"\xff" * 8)


@pytest.fixture
def workspace(tmp_path: Path, today, workspace_templates: WorkspaceTemplates) -> Path:
    path = tmp_path / "workspace.sqlite"
    db = workspace_templates.demo_at(path, seed=2, today=today)
    with db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE progress_update SET narrative = ? WHERE id = "
                                   "(SELECT min(id) FROM progress_update)", (NARRATIVE,))
    db.close()
    back_up(path)
    return path


def test_a_flipped_text_passes_integrity_check_but_is_damage(workspace):
    flip_inside_a_text(workspace)
    connection = sqlite3.connect(workspace)
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    connection.close()
    with pytest.raises(DatabaseDamagedError) as damaged:
        open_database(workspace)
    assert "progress_update" in damaged.value.message()


def test_a_damaged_header_is_damage(workspace):
    damage_header(workspace)
    with pytest.raises(DatabaseDamagedError):
        open_database(workspace)


@pytest.mark.parametrize("damage", [flip_inside_a_text, damage_header])
@pytest.mark.parametrize("command", [["export", "--out", "{out}"], ["import", "{out}/x.xlsx"],
                                     ["backup"], ["backup", "--list"],
                                     ["consolidate", "--out", "{out}/c.xlsx"]])
def test_no_command_ends_in_a_traceback(workspace, damage, command, capsys, tmp_path):
    damage(workspace)
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.xlsx").write_bytes(b"")
    argv = [part.format(out=out) for part in command]
    code = main([argv[0], "--db", str(workspace), *argv[1:]])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "Error:" not in err
    if code != 0:
        assert code == 2 and "damaged" in err and "restore" in err


@pytest.mark.parametrize("damage", [flip_inside_a_text, damage_header])
def test_restore_newest_repairs_it(workspace, damage, capsys):
    damage(workspace)
    assert main(["restore", "--db", str(workspace), "newest"]) == 0
    open_database(workspace).close()
