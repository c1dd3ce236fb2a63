"""QSettings in one place: an INI file in the data folder (beside the executable when portable)."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.paths import data_dir


def app_settings() -> QSettings:
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)
