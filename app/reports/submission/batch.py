"""The secretariat's batch import: many submissions at once, one backup, each file on its own.

One backup is made for the batch, complete before anything is written (none if nothing is);
then each file is read, checked and applied in its own transaction, so a bad file never stops
the others, and a cancel stops between two steps with the file in hand either fully applied or
rolled back and the rest untouched. The result lists every file with its outcome, which the
desktop app shows as a summary and the command line prints.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from app.i18n import _, ngettext
from app.logs import get_logger
from app.models.errors import UserFacingError
from app.models.progress import NoProgress, OperationCancelled, Progress, checkpoint
from app.models.services.workspace.backups import REASON_IMPORT, back_up, thin_backups
from app.models.storage.backup import BackupInfo
from app.models.storage.database import Database
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.apply import changed_topics
from app.reports.submission.read import ParsedSubmission, read_submission
from app.reports.submission.receive import FileOutcome, Outcome, receive
from app.reports.submission.trust import Confirmations

_log = get_logger("reports.batch")
WORKBOOK_SUFFIX = ".xlsx"
#: Progress units per file, so that a file's own steps show within the batch's bar.
UNITS = 100


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, in order; a folder stands for every .xlsx directly in it, sorted by name.

    Office's lock files (`~$…`) and hidden files are not workbooks anyone sent, so they are skipped.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.iterdir() if p.suffix.lower() == WORKBOOK_SUFFIX
                            and not p.name.startswith(("~$", ".")) and p.is_file())
        else:
            found.append(path)
    return list(dict.fromkeys(found))


@dataclass
class BatchResult:
    outcomes: list[FileOutcome] = field(default_factory=list)
    backup: Path | None = None
    cancelled: bool = False
    dry_run: bool = False

    def count(self, *outcomes: Outcome) -> int:
        return sum(1 for o in self.outcomes if o.outcome in outcomes)

    @property
    def applied(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.applied]

    @property
    def receivable(self) -> list[FileOutcome]:
        """Files applied, or that a dry run found would be."""
        return [o for o in self.outcomes if o.outcome in (Outcome.APPLIED, Outcome.REPLACED)]

    @property
    def topics(self) -> frozenset[str]:
        """What changed, for the views to refresh (nothing after a dry run)."""
        if self.dry_run or not self.applied:
            return frozenset()
        counts: dict[str, int] = {}
        for outcome in self.applied:
            for sheet, number in outcome.counts.items():
                counts[sheet] = counts.get(sheet, 0) + number
        return changed_topics(counts, True)

    def summary(self) -> str:
        """One sentence for the whole batch, in the user's language."""
        total = len(self.outcomes)
        if self.dry_run:
            text = ngettext("{applied} of {total} file could be received and applied",
                            "{applied} of {total} files could be received and applied", total
                            ).format(applied=len(self.receivable), total=total)
        else:
            text = ngettext("{applied} of {total} file received and applied",
                            "{applied} of {total} files received and applied", total).format(
                                applied=len(self.applied), total=total)
        parts: list[tuple[int, Callable[[int], str]]] = [
            (self.count(Outcome.OLDER, Outcome.DUPLICATE),
             lambda n: ngettext("{count} older or already received",
                                "{count} older or already received", n)),
            (self.count(Outcome.ERRORS), lambda n: ngettext("{count} with errors",
                                                            "{count} with errors", n)),
            (self.count(Outcome.CONFLICT), lambda n: ngettext(
                "{count} in conflict with a revision received", "{count} in conflict with a "
                "revision received", n)),
            (self.count(Outcome.HELD), lambda n: ngettext(
                "{count} held until its key is confirmed", "{count} held until their keys are "
                "confirmed", n)),
            (self.count(Outcome.REFUSED, Outcome.FAILED), lambda n: ngettext(
                "{count} refused", "{count} refused", n)),
            (self.count(Outcome.CANCELLED), lambda n: ngettext(
                "{count} not imported (cancelled)", "{count} not imported (cancelled)", n)),
        ]
        details = [message(count).format(count=count) for count, message in parts if count]
        if details:
            text += "; " + ", ".join(details)
        if self.dry_run:
            text += ". " + _("Dry run: nothing was changed.")
        return text + ("" if self.dry_run else ".")


class _FileProgress:
    """One file's steps, reported as a slice of the batch's progress."""

    def __init__(self, outer: Progress, index: int, count: int, name: str) -> None:
        self.outer, self.index, self.count, self.name = outer, index, count, name

    def step(self, done: int, total: int, text: str) -> None:
        share = int(UNITS * done / total) if total else 0
        self.outer.step(self.index * UNITS + min(share, UNITS - 1), self.count * UNITS, _(
            "File {number} of {count}, {file}: {step}").format(
                number=self.index + 1, count=self.count, file=self.name, step=text))

    def cancelled(self) -> bool:
        return self.outer.cancelled()


class _Monotone:
    """The batch's progress, never moving back (files read ahead are applied after)."""

    def __init__(self, outer: Progress) -> None:
        self.outer, self.done = outer, 0

    def step(self, done: int, total: int, text: str) -> None:
        self.done = max(self.done, done)
        self.outer.step(self.done, total, text)

    def cancelled(self) -> bool:
        return self.outer.cancelled()


class _DryRun(Exception):  # noqa: N818 - not an error: rolls the file's transaction back
    def __init__(self, outcome: FileOutcome) -> None:
        super().__init__()
        self.outcome = outcome


def import_batch(db: Database, paths: Iterable[Path], progress: Progress | None = None, *,
                 now: dt.datetime | None = None, dry_run: bool = False,
                 confirmed: Confirmations | None = None) -> BatchResult:
    """Receive every file of `paths` (folders expanded). Raises only if the backup fails.

    `confirmed`: the keys (and unsigned files) the officer confirmed with the coordinators.

    Every file gets its outcome, whatever it holds. The backup is started when the first file
    that can be applied has been read, and written in a thread while the next files are read
    (SQLite copies and checks it without holding Python's lock); nothing is written to the
    workspace before it is complete. A batch that applies nothing keeps no backup.
    """
    progress = _Monotone(progress or NoProgress())
    files = expand_paths(paths)
    result = BatchResult(dry_run=dry_run)
    total = max(len(files), 1) * UNITS
    with _older_objects_frozen(), ThreadPoolExecutor(max_workers=1,
                                                     thread_name_prefix="backup") as pool:
        backup: Future[BackupInfo] | None = None
        try:
            checkpoint(progress, 0, total, _("Reading"))
            waiting: list[tuple[ParsedSubmission | FileOutcome, _FileProgress]] = []
            for index, path in enumerate(files):
                file_progress = _FileProgress(progress, index, len(files), path.name)
                checkpoint(file_progress, 0, 1, _("Reading"))
                read = _read(path, file_progress)
                waiting.append((read, file_progress))
                if backup is None and not dry_run and isinstance(read, ParsedSubmission):
                    backup = pool.submit(_import_backup, db.path)
                if backup is not None and result.backup is None:
                    if not backup.done() and index + 1 < len(files):
                        continue  # read the next file while the backup is still being written
                    result.backup = backup.result().path  # before the first write
                for read, read_progress in waiting:
                    result.outcomes.append(read if isinstance(read, FileOutcome) else _apply(
                        db, read, read_progress, now, dry_run, confirmed))
                waiting.clear()
        except OperationCancelled:
            result.cancelled = True
            done = {o.path for o in result.outcomes}
            result.outcomes += [FileOutcome(p, Outcome.CANCELLED) for p in files if p not in done]
        if backup is not None and result.backup is None:
            result.backup = backup.result().path
    _keep_backup_if_applied(db, result)
    progress.step(total, total, _("Done"))
    return result


def _import_backup(database: Path) -> BackupInfo:
    """The batch's backup, not yet thinned: it may be discarded if nothing is applied."""
    return back_up(database, REASON_IMPORT, thin=False)


def _keep_backup_if_applied(db: Database, result: BatchResult) -> None:
    """A batch that applied nothing leaves no backup; one that did thins the folder after it."""
    if result.backup is None:
        return
    if result.applied:
        thin_backups(db.path)
        return
    with contextlib.suppress(OSError):
        result.backup.unlink()
    result.backup = None


@contextlib.contextmanager
def _older_objects_frozen() -> Iterator[None]:
    """Python's cycle collector leaves alone the objects that existed before the batch.

    Reading a file makes and drops hundreds of thousands of small objects; each full collection
    they trigger also walks every object the running app holds (modules, the ORM's mappers, Qt's
    wrappers), ~10 % of a batch's time. Frozen, those are skipped until the batch ends; the batch's
    own objects are collected as usual. `gc.unfreeze` thaws everything, so where the app had
    frozen its start already (`settle_after_start`) nothing is thawed (the app as it stood when the
    batch began stays frozen with it): the batch must not hand the start's ~120,000 objects back
    to every later collection.
    """
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def _read(path: Path, progress: Progress) -> ParsedSubmission | FileOutcome:
    """The file read and checked, or why it was refused (a cancel stops the batch)."""
    try:
        return read_submission(path, progress)
    except WorkbookRefusedError as exc:
        return _failed(path, None, Outcome.REFUSED, exc.message())
    except OperationCancelled:
        raise
    except Exception as exc:  # one file's failure never stops the others
        return _unexpected(path, None, exc)


def _apply(db: Database, parsed: ParsedSubmission, progress: Progress, now: dt.datetime | None,
           dry_run: bool, confirmed: Confirmations | None) -> FileOutcome:
    """Receive one file in its own transaction; any failure stays with this file."""
    path = parsed.path
    try:
        checkpoint(progress, 7, 8, _("Applying"))
        with db.transaction() as session:
            outcome = receive(session, parsed, now, confirmed)
            # The last moment to stop: a cancel here rolls this file back.
            checkpoint(progress, 8, 8, _("Saving"))
            if dry_run:
                raise _DryRun(outcome)
        return outcome
    except _DryRun as stop:
        stop.outcome.dry_run = True
        return stop.outcome
    except WorkbookRefusedError as exc:
        return _failed(path, parsed, Outcome.REFUSED, exc.message())
    except UserFacingError as exc:  # e.g. the database is locked by another program
        return _failed(path, parsed, Outcome.FAILED, exc.message())
    except OperationCancelled:
        raise
    except Exception as exc:  # one file's failure never stops the others
        return _unexpected(path, parsed, exc)


def _unexpected(path: Path, parsed: ParsedSubmission | None, exc: Exception) -> FileOutcome:
    """A failure nobody foresaw: the details go to the log file, the user reads one sentence."""
    _log.error("importing %s failed", path.name, exc_info=exc)
    return _failed(path, parsed, Outcome.FAILED, _(
        "Something unexpected went wrong, so nothing of this file was applied. The details are "
        "in the app's log file; please report it."))


def _failed(path: Path, parsed: ParsedSubmission | None, outcome: Outcome, detail: str
            ) -> FileOutcome:
    result = FileOutcome(path, outcome, detail)
    if parsed is not None:
        identity = parsed.identity
        result.country, result.period, result.revision = (identity.country, identity.period,
                                                           identity.revision)
    return result
