"""`main.py backup` and `main.py restore`, and the hint a damaged workspace gets on the command line."""

from __future__ import annotations

import sqlite3

from app.cli import main
from app.models.services.workspace.backups import backups
from app.models.storage.lock import WorkspaceLock


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _damage(path) -> None:
    with path.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\xde\xad" * 8192)


def test_backup_list_and_restore(db_path, capsys):
    assert main(["demo", "--db", str(db_path), "--seed", "4"]) == 0
    assert main(["backup", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    made = backups(db_path)
    assert len(made) == 1 and str(made[0].path) in out and "verified" in out
    with sqlite3.connect(db_path) as connection:
        connection.execute("DELETE FROM progress_update")
    assert main(["backup", "--db", str(db_path), "--list"]) == 0
    assert "Made by hand" in capsys.readouterr().out
    assert main(["restore", "--db", str(db_path), str(made[0].path)]) == 0
    out = capsys.readouterr().out
    assert "Restored" in out and "before-restore" in out
    assert _count(db_path, "progress_update") > 0
    assert sorted(b.reason for b in backups(db_path)) == ["before-restore", "manual"]


def test_restore_newest_repairs_a_damaged_workspace(db_path, capsys):
    assert main(["demo", "--db", str(db_path)]) == 0
    assert main(["backup", "--db", str(db_path)]) == 0
    _damage(db_path)
    assert main(["init", "--db", str(db_path), "--role", "secretariat", "--name", "X"]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err and f'main.py restore --db "{db_path}" newest' in err
    assert main(["restore", "--db", str(db_path), "newest"]) == 0
    out = capsys.readouterr().out
    assert "damaged database was kept as" in out
    assert len(list(db_path.parent.glob("workspace.damaged-*.sqlite"))) == 1
    assert _count(db_path, "commitment") == 40


def test_restore_refuses_while_the_app_holds_the_workspace(db_path, capsys):
    assert main(["demo", "--db", str(db_path)]) == 0
    assert main(["backup", "--db", str(db_path)]) == 0
    with WorkspaceLock(db_path):
        assert main(["backup", "--db", str(db_path)]) == 0  # reading is safe while it is open
        assert main(["restore", "--db", str(db_path), "newest"]) == 2
    assert "open in another copy" in capsys.readouterr().err
    assert len(backups(db_path)) == 2  # no before-restore backup: nothing was attempted


def test_errors_are_plain_messages(tmp_path, capsys):
    missing = tmp_path / "nothing.sqlite"
    assert main(["backup", "--db", str(missing)]) == 2
    assert "There is no workspace" in capsys.readouterr().err
    assert main(["demo", "--db", str(missing)]) == 0
    assert main(["restore", "--db", str(missing), str(tmp_path / "nope.sqlite")]) == 2
    assert "There is no backup file" in capsys.readouterr().err
    assert main(["restore", "--db", str(missing), "newest"]) == 2
    assert "no intact backup" in capsys.readouterr().err
