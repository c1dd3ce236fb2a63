"""A start loads only what the first window needs: no workbook library, no migration machinery.

Timings live in bench/ (`make bench`); this guards the imports that made starts slow before:
openpyxl (workbooks: export and import load it when used) and Alembic (only when the schema is
behind, see app/models/migrations/__init__.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.models.demo import create_demo_workspace

ROOT = Path(__file__).resolve().parent.parent
NOT_AT_START = ("openpyxl", "alembic", "defusedxml")

CHILD = """
import sys
from app.cli import main
code = main(["--db", sys.argv[1], "--quit-after-show"])
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2:]))
print("loaded:", ",".join(loaded))
sys.exit(code)
"""


def test_start_to_the_main_window_imports_no_workbook_or_migration_code(tmp_path, today):
    database = tmp_path / "workspace.sqlite"
    create_demo_workspace(database, today=today).close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-c", CHILD, str(database), *NOT_AT_START], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "shown" in lines  # the window did come up
    assert lines[-1] == "loaded: "
