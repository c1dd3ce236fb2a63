"""Save a workbook so that a crash or a full disk leaves either no file or a complete one.

The file is written to a temporary name in the target folder and moved into place with `os.replace`.
A temporary file a crash leaves behind is hidden, never ends in `.xlsx` (no one mails it or imports it
by mistake), and is removed by a later save into the same folder.
"""

from __future__ import annotations

import os
import secrets
import time
from contextlib import suppress
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from app.reports.errors import ExportFailedError

#: A workbook being written: `.~<name>.<random>.part` beside its target.
PARTIAL_PREFIX, PARTIAL_SUFFIX = ".~", ".part"
#: A temporary file this old belongs to no running export: a crash left it.
ABANDONED_PARTIAL_SECONDS = 3600


def discard(workbook: Workbook) -> None:
    """Close a write-only workbook that will not be saved, and remove its temporary sheet files."""
    for worksheet in workbook.worksheets:
        writer = getattr(worksheet, "_writer", None)
        if writer is None:
            continue
        with suppress(Exception):
            if not worksheet.closed:
                worksheet.close()
        with suppress(OSError, ValueError):
            writer.cleanup()


def is_partial(path: Path) -> bool:
    """Whether `path` is an export's temporary file (finished, running, or left by a crash)."""
    return path.name.startswith(PARTIAL_PREFIX) and path.name.endswith(PARTIAL_SUFFIX)


def remove_abandoned_partials(folder: Path, now: float | None = None) -> int:
    """Remove the temporary files crashed exports left in `folder`; returns how many."""
    cutoff = (time.time() if now is None else now) - ABANDONED_PARTIAL_SECONDS
    removed = 0
    for path in folder.glob(f"{PARTIAL_PREFIX}*{PARTIAL_SUFFIX}"):
        with suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed


def save_atomically(workbook: Workbook, target: Path) -> None:
    """Write to a temporary file beside `target`, then move it into place in one step."""
    remove_abandoned_partials(target.parent)
    temp = target.with_name(f"{PARTIAL_PREFIX}{target.stem}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}")
    try:
        stream = temp.open("xb")  # unlike mkstemp, gives the file the user's usual permissions
    except OSError as exc:
        discard(workbook)
        raise ExportFailedError(str(target), exc.strerror or str(exc)) from exc
    try:
        with stream, ZipFile(stream, "w", ZIP_DEFLATED) as archive:
            # ExcelWriter directly: save_workbook() would stamp "modified" with the clock.
            ExcelWriter(workbook, archive).save()
        os.replace(temp, target)
    except OSError as exc:
        discard(workbook)
        temp.unlink(missing_ok=True)
        raise ExportFailedError(str(target), exc.strerror or str(exc)) from exc
    except BaseException:
        discard(workbook)
        temp.unlink(missing_ok=True)
        raise
