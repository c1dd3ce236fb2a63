"""`consolidate`: the regional report workbook (and the printable brief) from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, existing_workspace
from app.i18n import LANGUAGES, _, current_language, translate_in
from app.models.orm.enums import MembershipRole
from app.models.services.regional.report import RegionalFilter
from app.models.services.reporting.periods import period_by_code
from app.models.storage.database import open_database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "consolidate", help="write the regional report workbook (and optionally the PDF brief)")
    add_db_argument(parser)
    parser.add_argument("--lang", choices=list(LANGUAGES), default=None,
                        help="language of headers, labels and messages (default: the workspace's)")
    parser.add_argument("--out", type=Path, required=True, help="workbook to write (.xlsx)")
    parser.add_argument("--pdf", type=Path, help="also write the printable brief here")
    parser.add_argument("--from", dest="first", metavar="PERIOD", help="first period, e.g. 2024-H1")
    parser.add_argument("--to", dest="last", metavar="PERIOD", help="last period, e.g. 2026-H2")
    parser.add_argument("--country", action="append", default=[], metavar="ISO",
                        help="only this country (repeat for several)")
    parser.add_argument("--role", action="append", default=[],
                        choices=[r.value for r in MembershipRole],
                        help="count countries in this role (repeat for several; default: member)")
    parser.add_argument("--all-roles", action="store_true",
                        help="count every country that reports, whatever its role")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every start of the app imports app.cli (openpyxl ~0.1 s).
    from app.reports.consolidation.brief import brief_html
    from app.reports.consolidation.data import gather
    from app.reports.consolidation.workbook import write_consolidation_workbook

    path = existing_workspace(args)
    if args.out.suffix.lower() != ".xlsx":
        raise CommandError(_("--out must name an .xlsx file."))
    flt = RegionalFilter(countries=tuple(c.upper() for c in args.country),
                         roles=_roles(args),
                         first_period=args.first, last_period=args.last)
    db = open_database(path)
    try:
        with db.reading() as session:
            for code in filter(None, (args.first, args.last)):
                if period_by_code(session, code) is None:
                    raise CommandError(_("Unknown period: {code}").format(code=code))
            data = gather(session, flt, highlights=args.pdf is not None)
    finally:
        db.close()
    if not data.scope.periods or not data.scope.countries:
        raise CommandError(_("No country or period matches these filters."))
    try:
        language = args.lang or current_language()  # the report in the language its messages use
        write_consolidation_workbook(data, args.out, language)
        print(_("Regional report written: {path}").format(path=args.out))
        if args.pdf is not None:
            from app.ui.shell.entry import render_pdf

            title = translate_in(language, "Regional progress brief")  # the PDF's metadata too
            pages = render_pdf(brief_html(data, language), args.pdf, title=title)
            print(_("Brief written ({pages} pages): {path}").format(pages=pages, path=args.pdf))
    except OSError as exc:
        raise CommandError(_("The report could not be written: {reason}").format(
            reason=exc.strerror or exc)) from exc
    return 0


def _roles(args: argparse.Namespace) -> frozenset[MembershipRole]:
    """Members unless the officer asks for other roles: observers and guests count by choice."""
    if args.all_roles:
        return frozenset()
    return frozenset(MembershipRole(r) for r in args.role) or frozenset({MembershipRole.MEMBER})
