"""`import`: read submission workbooks (files or folders of them) and apply them.

In a coordinator's workspace each file's preview is printed and applied unless --dry-run. In the
secretariat's the files are one batch: one backup, each file in its own transaction, newer
revisions applied over older ones, and a line per file with its outcome.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import add_db_argument, apply_language, held_workspace
from app.i18n import LANGUAGES, _
from app.models.errors import UserFacingError
from app.models.orm.enums import WorkspaceRole
from app.models.services.workspace.profile import profile_of
from app.models.storage.database import Database

if TYPE_CHECKING:
    from app.reports.submission.batch import BatchResult

#: Exit codes: every file imported (or previewed) cleanly; a file had errors; a file was refused
#: (its identity edited, not safe, not for this workspace); a file needs a person: held until its
#: key is confirmed, or in conflict with a revision received. A secretariat's older or already
#: received revision is no failure: it is reported, and exits 0.
OK, HAD_ERRORS, REFUSED, NEEDS_A_PERSON = 0, 1, 2, 3


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import submission workbooks (.xlsx files, or folders of them)")
    add_db_argument(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    parser.add_argument("--dry-run", action="store_true", help="print the preview, change nothing")
    parser.add_argument("--all", action="store_true", help="list unchanged rows too")
    parser.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS,
                        help="language of the messages")
    parser.add_argument("--accept-key", action="append", default=[], metavar="FINGERPRINT",
                        help="a country's new signing key, confirmed with its coordinator "
                             "(the digits the held file's line shows); repeatable")
    parser.add_argument("--accept-unsigned", action="store_true",
                        help="apply unsigned files of older app versions, confirmed with "
                             "their coordinators")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every start of the app imports app.cli.
    from app.reports.submission.batch import expand_paths, import_batch
    from app.reports.submission.trust import Confirmations

    apply_language(args)
    files = expand_paths(args.files)
    if not files:
        print(_("No workbooks (.xlsx) found in {paths}.").format(
            paths=", ".join(str(p) for p in args.files)), file=sys.stderr)
        return REFUSED
    with held_workspace(args) as db:
        profile = profile_of(db)
        if profile is not None and profile.role == WorkspaceRole.SECRETARIAT:
            confirmed = Confirmations.of(args.accept_key, args.accept_unsigned)
            return _print_batch(import_batch(db, files, dry_run=args.dry_run, confirmed=confirmed))
        outcome = OK
        for path in files:
            outcome = max(outcome, _import_one(db, path, args.dry_run, args.all))
        return outcome


def refusal_line(path: Path, reason: str) -> str:
    """One line for a refused file, naming it once (most refusals name it already)."""
    if path.name in reason:
        return _("Refused: {reason}").format(reason=reason)
    return _("{file}: refused: {reason}").format(file=path.name, reason=reason)


def _print_batch(result: BatchResult) -> int:
    from app.reports.submission.receive import Outcome

    if result.backup is not None:
        print(_("A backup of the workspace from before the import: {path}").format(path=result.backup))
    for outcome in result.outcomes:
        print(outcome.line())
        for notice in [*outcome.notices, *outcome.skipped]:
            print("    " + notice)
    print(result.summary())
    if result.count(Outcome.REFUSED, Outcome.FAILED, Outcome.CANCELLED):
        return REFUSED
    if result.count(Outcome.HELD, Outcome.CONFLICT):
        return NEEDS_A_PERSON
    return HAD_ERRORS if result.count(Outcome.ERRORS) else OK


def _import_receipt(db: Database, path: Path, dry_run: bool) -> int:
    from app.models.services.reporting.receipts import receipt_line
    from app.reports.receipt.apply import take_receipt
    from app.reports.receipt.read import read_receipt

    class RollBack(Exception):  # noqa: N818 - not an error: the dry run's transaction undone
        pass

    try:
        receipt = read_receipt(path)
        with contextlib.suppress(RollBack), db.transaction() as session:
            result = take_receipt(session, receipt)
            print(_("{file}: {line}").format(
                file=path.name, line=receipt_line(session, result.country, result.period_id)))
            if dry_run:
                print(_("Dry run: nothing was changed."))
                raise RollBack
    except UserFacingError as exc:
        print(_("{file}: refused: {reason}").format(file=path.name, reason=exc.message()),
              file=sys.stderr)
        return REFUSED
    return OK


def _import_one(db: Database, path: Path, dry_run: bool, show_all: bool) -> int:
    # Imported here, not at the top: every start of the app imports app.cli.
    from app.reports.submission.pipeline import apply, preview, read_submission
    from app.reports.submission.preview_text import preview_text
    from app.reports.workbook_kind import WorkbookKind, workbook_kind

    if workbook_kind(path) == WorkbookKind.RECEIPT:
        return _import_receipt(db, path, dry_run)

    try:
        parsed = read_submission(path)
        shown = preview(db, parsed)
    except UserFacingError as exc:
        print(refusal_line(path, exc.message()), file=sys.stderr)
        return REFUSED
    print(preview_text(shown, show_unchanged=show_all))
    if shown.errors:
        print(_("Nothing was applied: correct the errors and import the file again."))
        return HAD_ERRORS
    if dry_run:
        print(_("Dry run: nothing was changed."))
    elif not shown.has_changes:
        print(_("Nothing to apply: the workspace already holds this content."))
    else:
        try:
            result = apply(db, shown)
        except UserFacingError as exc:
            print(_("{file}: not applied: {reason}").format(file=path.name, reason=exc.message()),
                  file=sys.stderr)
            return REFUSED
        print(_("Applied. A backup of the workspace from before the import: {path}").format(
            path=result.backup))
    print()
    return OK
