"""`import`: read submission workbooks (files or folders of them) and apply them.

In a coordinator's workspace each file's preview is printed and applied unless --dry-run. In the
secretariat's the files are one batch: one backup, each file in its own transaction, newer
revisions applied over older ones, and a line per file with its outcome.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli.common import add_db_argument, apply_language, database_path, hold_workspace
from app.cli.export_cmd import open_workspace
from app.i18n import LANGUAGES, _
from app.models.errors import UserFacingError
from app.models.orm.enums import WorkspaceRole
from app.models.services.workspace.profile import profile_of
from app.models.storage.database import Database

if TYPE_CHECKING:
    from app.reports.submission.batch import BatchResult

#: Exit codes: every file imported (or previewed) cleanly; a file had errors; a file was refused.
#: A secretariat's older or already received revision is no failure: it is reported, and exits 0.
OK, HAD_ERRORS, REFUSED = 0, 1, 2


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "import", help="import submission workbooks (.xlsx files, or folders of them)")
    add_db_argument(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE_OR_FOLDER")
    parser.add_argument("--dry-run", action="store_true", help="print the preview, change nothing")
    parser.add_argument("--all", action="store_true", help="list unchanged rows too")
    parser.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS,
                        help="language of the messages")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every start of the app imports app.cli.
    from app.reports.submission.batch import expand_paths, import_batch

    apply_language(args)
    files = expand_paths(args.files)
    if not files:
        print(_("No workbooks (.xlsx) found in {paths}.").format(
            paths=", ".join(str(p) for p in args.files)), file=sys.stderr)
        return REFUSED
    db = open_workspace(args)
    try:
        with hold_workspace(database_path(args)):
            profile = profile_of(db)
            if profile is not None and profile.role == WorkspaceRole.SECRETARIAT:
                return _print_batch(import_batch(db, files, dry_run=args.dry_run))
            outcome = OK
            for path in files:
                outcome = max(outcome, _import_one(db, path, args.dry_run, args.all))
            return outcome
    finally:
        db.close()


def _print_batch(result: BatchResult) -> int:
    from app.reports.submission.receive import Outcome

    if result.backup is not None:
        print(_("A backup of the workspace from before the import: {path}").format(path=result.backup))
    for outcome in result.outcomes:
        print(outcome.line())
        for notice in outcome.notices:
            print("    " + notice)
    print(result.summary())
    if result.count(Outcome.REFUSED, Outcome.FAILED, Outcome.CANCELLED):
        return REFUSED
    return HAD_ERRORS if result.count(Outcome.ERRORS) else OK


def _import_one(db: Database, path: Path, dry_run: bool, show_all: bool) -> int:
    # Imported here, not at the top: every start of the app imports app.cli.
    from app.reports.submission.pipeline import apply, preview, read_submission
    from app.reports.submission.preview_text import preview_text

    try:
        parsed = read_submission(path)
        shown = preview(db, parsed)
    except UserFacingError as exc:
        print(_("{file}: refused: {reason}").format(file=path.name, reason=exc.message()),
              file=sys.stderr)
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
