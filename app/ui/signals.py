"""Emit Qt signals from Python through one function, which works around a PySide6 bug.

PySide6 6.12.0 on Python before 3.12: `SignalInstance.emit()` hands back `True` without owning a
reference to it, so every emit from Python takes one reference away from `True`. After a few
hundred emits the interpreter aborts ("bool_dealloc: deallocating True or False"), in the middle
of the user's work. `emit()` gives the reference back, when (and only when) the installed PySide6
is measured to take it; on Python 3.12+ `True` is immortal and nothing is done.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    ping = Signal()


def _references_taken_per_emit() -> int:
    probe = _Probe()
    tries = 8
    before = sys.getrefcount(True)
    for _ in range(tries):
        probe.ping.emit()
    taken = before - sys.getrefcount(True)
    for _ in range(max(0, taken)):
        _incref(True)
    return max(0, round(taken / tries))


#: How many references to its result each `SignalInstance.emit()` call takes (0 when fixed).
TAKEN_PER_EMIT = _references_taken_per_emit()


def emit(signal: SignalInstance, *args: Any) -> None:
    """`signal.emit(*args)`, without the reference leak described above."""
    result = signal.emit(*args)
    for _ in range(TAKEN_PER_EMIT):
        _incref(result)
