"""How many examples a property test tries: its full count under `make test` (and CI), a quarter
of it under `make test-fast`, which loads the "fast" profile (tests/conftest.py).

An explicit `@settings(max_examples=N)` beats any profile, so the tests write `examples(N)`: the
profile's share of N, read when the test module is imported (after pytest loaded the profile)."""

from __future__ import annotations

from hypothesis import settings

#: The default profile's count; a profile with fewer scales every test's N down by as much.
FULL = 100


def examples(full: int) -> int:
    """`full` under the default profile; the loaded profile's share of it (at least 2) otherwise."""
    return max(2, full * settings.default.max_examples // FULL)
