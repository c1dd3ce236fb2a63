"""Emitting signals from Python must not wear away the interpreter's `True` (PySide6 6.12 bug)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

from app.ui.change_bus import ChangeBus
from app.ui.signals import emit


class _Source(QObject):
    fired = Signal(int)


def test_thousands_of_emits_keep_true_alive(qapp):
    source = _Source()
    received = []
    source.fired.connect(received.append)
    bus = ChangeBus()
    bus.changed.connect(lambda _topics: None)
    before = sys.getrefcount(True)
    for number in range(3000):
        emit(source.fired, number)
        bus.announce("progress")
    assert len(received) == 3000
    assert sys.getrefcount(True) >= before


def test_no_direct_emit_in_the_app():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2] / "app"
    offenders = [
        f"{path.relative_to(root.parent)}:{number}"
        for path in root.rglob("*.py") if path.name != "signals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".emit(" in line or ".emit)" in line
    ]
    assert offenders == []
