"""`export`: write a country's submission workbook for one period, as File → Export submission does."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import (
    CommandError,
    add_db_argument,
    apply_language,
    held_workspace,
)
from app.i18n import LANGUAGES, _
from app.models.services.reporting.periods import current_period
from app.models.services.workspace.profile import profile_of
from app.models.storage.database import Database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("export", help="export a submission workbook (.xlsx)")
    add_db_argument(parser)
    parser.add_argument("--country", help="ISO code (default: the workspace's country)")
    parser.add_argument("--period", help="reporting period such as 2026-H1 (default: the current one)")
    parser.add_argument("--lang", choices=list(LANGUAGES), default=argparse.SUPPRESS,
                        help="language of the workbook's headers (default: the workspace's)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder to write the file into")
    parser.add_argument("--history", action="store_true",
                        help="include the earlier periods' progress and indicator values")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    with held_workspace(args) as db:
        return _run(args, db)


def _run(args: argparse.Namespace, db: Database) -> int:
    from app.reports.submission.export import export_submission  # not on every start (app.cli)

    profile = profile_of(db)
    assert profile is not None
    language = getattr(args, "lang", None) or profile.language
    args.lang = language
    apply_language(args)
    country = (args.country or profile.country_code or "").upper()
    if not country:
        raise CommandError(_("Name the country with --country (e.g. --country KZ)."))
    period = args.period
    if not period:
        with db.reading() as session:
            current = current_period(session)
        if current is None:
            raise CommandError(_("Name the period with --period (e.g. --period 2026-H1)."))
        period = current.code
    result = export_submission(db, country, period, language, args.out, history=args.history)
    print(_("Exported: {path}").format(path=result.path))
    print(_("Revision: {revision}").format(revision=result.revision))
    print(_("SHA-256 digest: {digest}").format(digest=result.digest))
    return 0
