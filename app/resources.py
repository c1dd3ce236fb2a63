"""Find bundled resources both in the source tree and in a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def base_dir() -> Path:
    """The folder that holds `resources/` and `app/`: the repo root, or the frozen bundle."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a file under `resources/`."""
    return base_dir().joinpath("resources", *parts)


def package_path(*parts: str) -> Path:
    """Path of a file shipped inside the `app` package (e.g. migration scripts)."""
    return Path(__file__).resolve().parent.joinpath(*parts)
