"""One reading path for received files: nothing but a refusal ever leaves it.

A hostile or merely foreign file can make the zip module, the inflater, the XML parser or openpyxl
raise almost anything (zlib.error, KeyError, TypeError, struct.error…) and openpyxl prints
`UserWarning`s about what it does not support. Inside `refusing(path)` every warning goes to the
app's log file instead of stderr, and every exception becomes a WorkbookRefusedError saying, in the
user's language, what the file is and what to do; a cancel by the user still stops the reading.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.logs import get_logger
from app.models.progress import OperationCancelled
from app.reports.errors import WorkbookRefusedError
from app.reports.xlsx.safety import open_refusal

_log = get_logger("reports.xlsx")


@contextmanager
def refusing(path: Path) -> Iterator[None]:
    """Read `path` inside: warnings are logged, any failure is raised as a refusal of the file."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        except (WorkbookRefusedError, OperationCancelled):
            raise
        except Exception as exc:  # whatever the file made a library raise: refused, not a crash
            raise open_refusal(path, exc) from exc
        finally:
            for warning in caught:
                _log.info("%s: %s: %s", path.name, warning.category.__name__, warning.message)
