"""A start loads only what the first window needs: no workbook library, no migration machinery,
no panels of the other role.

Timings live in bench/ (`make bench`); this guards the imports that made starts slow before:
openpyxl (workbooks: export and import load it when used) and Alembic (only when the schema is
behind, see app/models/storage/migrations/__init__.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.demo.generator import create_demo_workspace
from app.models.orm.enums import WorkspaceRole

ROOT = Path(__file__).resolve().parent.parent
NOT_AT_START = ("openpyxl", "alembic", "defusedxml")

CHILD = """
import sys
from app.cli import main
code = main(["--db", sys.argv[1], "--quit-after-show"])
unwanted = sys.argv[2:]
loaded = sorted({u for u in unwanted for name in sys.modules if (name + ".").startswith(u + ".")})
print("loaded:", ",".join(loaded))
sys.exit(code)
"""


#: Each role's window imports its own panels only.
OTHER_ROLE = {WorkspaceRole.COORDINATOR: "app.ui.secretariat.tabs",
              WorkspaceRole.SECRETARIAT: "app.ui.coordinator.tabs"}


@pytest.mark.parametrize("role", [WorkspaceRole.COORDINATOR, WorkspaceRole.SECRETARIAT])
def test_start_imports_no_workbook_migration_or_other_role_code(tmp_path, today, role):
    database = tmp_path / "workspace.sqlite"
    create_demo_workspace(database, role=role, today=today).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    unwanted = [*NOT_AT_START, OTHER_ROLE[role]]
    result = subprocess.run([sys.executable, "-c", CHILD, str(database), *unwanted], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "shown" in lines  # the window did come up
    assert lines[-1] == "loaded: "
