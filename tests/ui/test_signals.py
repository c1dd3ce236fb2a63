"""Emitting signals from Python must not wear away the interpreter's `True`.

PySide6 6.12.0 on Python 3.11 lost one reference to `True` per `emit()`, and the interpreter aborted
(`bool_dealloc`) after a few hundred emits. requirements.txt pins a release without the bug; this
test fails if an upgrade brings it back.

The count is taken with the garbage collector stopped: a collection during the loop frees what
earlier tests left in reference cycles, some of it holding `True`, and the count fell by 18 or 82
with no leak at all (first seen under pytest-xdist, where the tests before this one differ).
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, Signal

from app.ui.common.change_bus import ChangeBus


class _Source(QObject):
    fired = Signal(int)
    carried = Signal(object)


def test_thousands_of_emits_keep_true_alive(qapp):
    source = _Source()
    received = []
    source.fired.connect(received.append)
    source.carried.connect(received.append)
    bus = ChangeBus()
    bus.changed.connect(lambda _topics: None)
    gc.collect()
    gc.disable()
    try:
        before = sys.getrefcount(True)
        for number in range(3000):
            source.fired.emit(number)
            source.carried.emit(frozenset({"x"}))
            bus.announce("progress")
        after = sys.getrefcount(True)
    finally:
        gc.enable()
    assert len(received) == 6000
    assert after >= before - 10
