"""`import`: read submission workbooks, print each preview, and apply it unless --dry-run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import add_db_argument, apply_language
from app.cli.export_cmd import open_workspace
from app.i18n import LANGUAGES, _
from app.models.database import Database
from app.models.errors import UserFacingError

#: Exit codes: every file imported (or previewed) cleanly; a file had errors; a file was refused.
OK, HAD_ERRORS, REFUSED = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import", help="import submission workbooks (.xlsx)")
    add_db_argument(parser)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--dry-run", action="store_true", help="print the preview, change nothing")
    parser.add_argument("--all", action="store_true", help="list unchanged rows too")
    parser.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS,
                        help="language of the messages")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    apply_language(args)
    db = open_workspace(args)
    outcome = OK
    try:
        for path in args.files:
            outcome = max(outcome, _import_one(db, path, args.dry_run, args.all))
    finally:
        db.close()
    return outcome


def _import_one(db: Database, path: Path, dry_run: bool, show_all: bool) -> int:
    # Imported here, not at the top: every start of the app imports app.cli.
    from app.reports.preview_text import preview_text
    from app.reports.submission_import import apply, preview, read_submission

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
