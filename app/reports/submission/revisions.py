"""Revision numbers a coordinator's app never gives to two different reports of one period.

The database alone cannot promise it: a restored backup, or an export whose commit failed after
the file was written, forgets that a revision went out. So every export is also written to a small
ledger kept beside the database but outside it (a restore does not roll it back): per country and
period, each revision used and the report digest it carried. The names of the export folder's
`AP_*` files count too. The highest revision ever used wins: the same report keeps its number,
another report gets the next one.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from app.i18n import _
from app.reports.errors import ExportFailedError

LEDGER_SUFFIX = ".exports.json"


def ledger_path(database: Path) -> Path:
    """`<database>.exports.json`, beside the database (restores replace only the database)."""
    return Path(database).with_name(Path(database).name + LEDGER_SUFFIX)


def read_ledger(path: Path) -> dict[str, dict[str, str]]:
    """`{"KZ/2026-H1": {"1": report digest, …}}`; empty if missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): {str(r): str(d) for r, d in v.items()} for k, v in data.items()
            if isinstance(v, dict)}


def used_revisions(ledger: dict[str, dict[str, str]], country: str, period: str
                   ) -> dict[int, str]:
    entry = ledger.get(f"{country}/{period}", {})
    return {int(revision): digest for revision, digest in entry.items() if revision.isdigit()}


def folder_revisions(folder: Path, country: str, period: str) -> set[int]:
    """Revisions named by `AP_<country>_<period>_r<N>.xlsx` files in `folder`."""
    pattern = re.compile(rf"^AP_{re.escape(country)}_{re.escape(period)}_r(\d+)\.xlsx$",
                         re.IGNORECASE)
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return set()
    return {int(m[1]) for name in names if (m := pattern.match(name))}


def choose_revision(database_revision: int, used: dict[int, str], in_folder: set[int],
                    report_digest: str) -> int:
    """The revision for a report with `report_digest`.

    A revision never used keeps the database's number; the highest revision used keeps its number
    if it carried this same report (exporting again gives the same file); otherwise the next one.
    """
    taken = set(used) | in_folder
    if database_revision not in taken and database_revision > max(taken, default=0):
        return database_revision
    top = max(taken | {database_revision})
    if used.get(top) == report_digest:
        return top
    return top + 1


def record_export(path: Path, country: str, period: str, revision: int,
                  report_digest: str) -> None:
    """Add the revision to the ledger, durably, before the workbook is placed or committed."""
    ledger = read_ledger(path)
    entry = ledger.setdefault(f"{country}/{period}", {})
    if entry.get(str(revision)) == report_digest:
        return  # the same report exported again: the ledger says so already
    entry[str(revision)] = report_digest
    text = json.dumps(ledger, sort_keys=True, indent=1)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".~{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise ExportFailedError(str(path), _(
            "the list of revisions exported could not be written ({error})").format(
                error=exc.strerror or exc)) from exc
