"""The import contracts in pyproject.toml hold, and each one fails when an import breaks it.

`make test` runs `lint-imports` on the real tree; these tests copy `app/` aside, add one
forbidden import, and check that `lint-imports` then exits non-zero and names the broken
contract, so a contract that silently stopped checking anything would be noticed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: The venv's lint-imports (lint-imports.exe on Windows), beside the interpreter running the tests.
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"

ROLES = "Coordinator and secretariat UI packages do not import each other"
HEADLESS = "Models, reports, i18n and the demo data never import Qt"
CLI = "The command line reaches Qt only through the one GUI entry point"
LAYERS = "Arrows point down: ui -> reports -> models -> i18n"
COMMON = "Shared UI parts know no role, window or dialog"


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` run in `root`, with no cache (a copied tree must be read afresh)."""
    return subprocess.run([LINT_IMPORTS, "--no-cache", "--no-logo"], cwd=root, capture_output=True,
                          text=True, timeout=120)


def _copy_tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_line(path: Path, line: str) -> None:
    """Append an import at the end of a module (where ruff would complain, but Python runs it)."""
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_real_tree_keeps_every_contract():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in (ROLES, HEADLESS, CLI, LAYERS, COMMON):
        assert f"{name} KEPT" in result.stdout


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("app/ui/coordinator/commitments_panel.py", "import app.ui.secretariat.plan_editor", ROLES),
    ("app/ui/secretariat/regional_view.py", "from app.ui.coordinator import delegates", ROLES),
    ("app/models/orm/plan.py", "from PySide6 import QtCore", HEADLESS),
    ("app/reports/xlsx/cells.py", "import app.ui.common.change_bus", HEADLESS),
    ("app/cli/consolidate_cmd.py", "from app.ui.files.pdf_renderer import render_pdf", CLI),
    ("app/models/services/plan/current.py", "import app.reports.submission", LAYERS),
    ("app/ui/common/message_bar.py", "from app.ui.secretariat import regional_models", COMMON),
], ids=["coordinator-imports-secretariat", "secretariat-imports-coordinator", "models-import-qt",
        "reports-reach-qt-through-ui", "cli-bypasses-entry-point", "models-import-reports",
        "common-imports-a-role"])
def test_a_broken_contract_fails(tmp_path, module, line, contract):
    root = _copy_tree(tmp_path)
    _add_line(root / module, line)
    result = _lint_imports(root)
    assert result.returncode != 0, result.stdout
    assert f"{contract} BROKEN" in result.stdout


def test_few_type_ignores_each_with_its_code_and_reason():
    """mypy checks app/ in `make test`; a silenced line names the error and says why (on the line,
    or in a comment just above it), and there are fewer than ten of them."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if "type: ignore" not in line:
                continue
            where = f"{path.relative_to(ROOT)}:{number + 1}"
            found.append(where)
            assert re.search(r"# type: ignore\[[a-z-]+(, [a-z-]+)*\]", line), where
            after = line.split("type: ignore", 1)[1].split("]", 1)[1]
            assert after.strip().startswith("#") or lines[number - 1].strip().startswith("#"), where
    assert len(found) < 10, found
