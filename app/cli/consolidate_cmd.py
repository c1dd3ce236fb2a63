"""`consolidate`: the regional report workbook (and the printable brief) from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, database_path
from app.i18n import LANGUAGES
from app.models.orm.enums import MembershipRole
from app.models.services.regional.report import RegionalFilter
from app.models.services.reporting.periods import period_by_code
from app.models.storage.database import open_database


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "consolidate", help="write the regional report workbook (and optionally the PDF brief)")
    add_db_argument(parser)
    parser.add_argument("--lang", choices=list(LANGUAGES), default="en",
                        help="language of headers and labels")
    parser.add_argument("--out", type=Path, required=True, help="workbook to write (.xlsx)")
    parser.add_argument("--pdf", type=Path, help="also write the printable brief here")
    parser.add_argument("--from", dest="first", metavar="PERIOD", help="first period, e.g. 2024-H1")
    parser.add_argument("--to", dest="last", metavar="PERIOD", help="last period, e.g. 2026-H2")
    parser.add_argument("--country", action="append", default=[], metavar="ISO",
                        help="only this country (repeat for several)")
    parser.add_argument("--role", action="append", default=[],
                        choices=[r.value for r in MembershipRole], help="only countries in this role")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every start of the app imports app.cli (openpyxl ~0.1 s).
    from app.reports.consolidation.brief import brief_html
    from app.reports.consolidation.data import gather
    from app.reports.consolidation.workbook import write_consolidation_workbook

    path = database_path(args)
    if not path.exists():
        raise CommandError(f"{path} does not exist")
    if args.out.suffix.lower() != ".xlsx":
        raise CommandError("--out must name an .xlsx file")
    flt = RegionalFilter(countries=tuple(c.upper() for c in args.country),
                         roles=frozenset(MembershipRole(r) for r in args.role),
                         first_period=args.first, last_period=args.last)
    db = open_database(path)
    try:
        with db.reading() as session:
            for code in filter(None, (args.first, args.last)):
                if period_by_code(session, code) is None:
                    raise CommandError(f"unknown period {code!r}")
            data = gather(session, flt, highlights=args.pdf is not None)
    finally:
        db.close()
    if not data.scope.periods or not data.scope.countries:
        raise CommandError("no country or period matches these filters")
    try:
        write_consolidation_workbook(data, args.out, args.lang)
        print(f"Regional report written: {args.out}")
        if args.pdf is not None:
            from app.ui.shell.entry import render_pdf

            pages = render_pdf(brief_html(data, args.lang), args.pdf, title="Regional progress brief")
            print(f"Brief written ({pages} pages): {args.pdf}")
    except OSError as exc:
        raise CommandError(f"cannot write the report: {exc.strerror or exc}") from exc
    return 0
