"""Find bundled resources both in the source tree and in a PyInstaller bundle.

The one helper that knows both layouts. From source, the root is the checkout (it holds `app/` and
`resources/`). Frozen, PyInstaller unpacks data files under `sys._MEIPASS` (the `_internal` folder of
a one-folder build, a temporary folder of a one-file build), and `pyinstaller.spec` places them there
with the same relative paths: `resources/...` and `app/models/storage/migrations/...`.
"""

from __future__ import annotations

import sys
from pathlib import Path


def is_frozen() -> bool:
    """Running from a PyInstaller bundle rather than from the source tree."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def base_dir() -> Path:
    """The folder that holds `resources/` and `app/`: the repo root, or the frozen bundle."""
    if is_frozen():
        return Path(sys._MEIPASS)  # type: ignore[attr-defined]  # set by PyInstaller at run time
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return base_dir().joinpath("resources", *parts)


def guide_path(*parts: str) -> Path:
    """Path under the bundled user guide (`docs/guide/<language>/<page>.md`, shipped as is)."""
    return base_dir().joinpath("docs", "guide", *parts)


def package_path(*parts: str) -> Path:
    """Path of a file shipped inside the `app` package and read from disk (e.g. migration scripts).

    Frozen, the modules live in the bundle's archive, so `__file__` is no guide; the data files the
    spec copies sit under `<bundle>/app/`.
    """
    return base_dir().joinpath("app", *parts)
