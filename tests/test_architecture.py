"""The layering holds: data and report layers run without Qt; one version everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _modules(package: str) -> list[str]:
    base = ROOT / package.replace(".", "/")
    names = []
    for path in sorted(base.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        relative = path.relative_to(ROOT).with_suffix("")
        parts = list(relative.parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_models_reports_and_cli_import_without_qt():
    modules = _modules("app.models") + _modules("app.reports") + _modules("app.i18n")
    modules += ["app.cli", "app.paths", "app.resources"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=True)
    assert len(modules) > 15
    assert result.stdout.strip() == ""


def test_no_qt_import_statement_in_headless_layers():
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("app/models", "app/reports")
        for path in (ROOT / package).rglob("*.py")
        if any(line.lstrip().startswith(("import PySide6", "from PySide6"))
               for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert offenders == []


def test_version_in_one_place():
    from app import __version__

    assert __version__.count(".") == 2
    hits = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "app").rglob("*.py")
        if f'"{__version__}"' in path.read_text(encoding="utf-8")
    ]
    assert hits == ["app/__init__.py"]
