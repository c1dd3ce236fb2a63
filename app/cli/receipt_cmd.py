"""`receipt`: the secretariat acknowledges a country's report and writes the signed receipt.

The receipt (AP_RECEIPT_<ISO>_<period>_r<rev>.xlsx) goes back to the coordinator by e-mail; their
app imports it and shows the period as received and acknowledged, with the note.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli.common import CommandError, add_db_argument, held_workspace
from app.i18n import _
from app.models.services.regional.acknowledgement import acknowledge
from app.models.services.reporting.periods import period_by_code


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "receipt", help="acknowledge a received report and write its signed receipt workbook")
    add_db_argument(parser)
    parser.add_argument("--country", required=True, help="ISO code, e.g. KZ")
    parser.add_argument("--period", required=True, help="reporting period such as 2026-H1")
    parser.add_argument("--note", default="", help="a note for the coordinator")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder to write it into")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # Imported here, not at the top: every start of the app imports app.cli (openpyxl is slow).
    from app.reports.receipt.writer import write_receipt
    from app.reports.submission.freshness import latest_received

    with held_workspace(args) as db, db.transaction() as session:
        period = period_by_code(session, args.period)
        submission = None if period is None else latest_received(
            session, args.country.upper(), period.id)
        if submission is None:
            raise CommandError(_("No report of {country} for {period} was received.").format(
                country=args.country.upper(), period=args.period))
        if submission.acknowledged_at is None or args.note:
            acknowledge(session, submission.id, args.note)
        path = write_receipt(session, submission.id, args.out)
    print(_("Receipt written: {path}").format(path=path))
    return 0
