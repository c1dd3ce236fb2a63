"""Commands print UTF-8 whatever the console's legacy encoding (issue 15).

A windowed Windows executable whose output is redirected writes in the ANSI code page (cp1252 on
Western Windows), which cannot encode Cyrillic, "→" or a narrow no-break space; the packaged
self-test died on its second line. PYTHONIOENCODING=cp1252 forces the same encoding here.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import _utf8_stream

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING="cp1252", QT_QPA_PLATFORM="offscreen",
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               TMPDIR=str(tmp_path))
    env.pop("PYTHONUTF8", None)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)


@pytest.mark.slow
def test_selftest_prints_russian_under_a_legacy_encoding(tmp_path):
    result = run_cli("selftest", tmp_path=tmp_path)
    out, err = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == 0, err
    assert "self-test passed" in out
    assert "'&File' → '&Файл'" in out
    assert "26 нояб. 2026\u202fг." in out


def test_an_error_naming_a_cyrillic_path_reaches_stderr(tmp_path):
    missing = tmp_path / "Рабочая папка" / "нет.sqlite"
    result = run_cli("backup", "--db", str(missing), tmp_path=tmp_path)
    assert result.returncode == 2
    assert str(missing) in result.stderr.decode("utf-8")
    assert b"Traceback" not in result.stderr


def test_a_stream_in_a_legacy_encoding_is_switched_to_utf8():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    switched = _utf8_stream(stream)
    switched.write("Отмена → 26\u202fг.")
    switched.flush()
    assert raw.getvalue().decode("utf-8") == "Отмена → 26\u202fг."


def test_a_missing_stream_becomes_a_null_device():
    """A windowed exe started without a redirect has no streams; printing must not fail."""
    stream = _utf8_stream(None)
    try:
        print("Файл", file=stream)
    finally:
        stream.close()
