"""How a long operation reports progress and learns it was cancelled, without knowing about Qt."""

from __future__ import annotations

from typing import Protocol


class OperationCancelled(Exception):  # noqa: N818 - a request, not a failure
    """The user cancelled a long operation; whatever it did has been undone."""


class Progress(Protocol):
    def step(self, done: int, total: int, text: str) -> None:
        """`done` of `total` units finished; `text` says what is happening, in the user's language."""

    def cancelled(self) -> bool:
        """True once the user asked to stop."""


class NoProgress:
    """For callers that do not show progress (tests, the command line)."""

    def step(self, done: int, total: int, text: str) -> None:
        return None

    def cancelled(self) -> bool:
        return False


def checkpoint(progress: Progress, done: int, total: int, text: str) -> None:
    """Report a step, and stop here if the user cancelled."""
    if progress.cancelled():
        raise OperationCancelled()
    progress.step(done, total, text)
