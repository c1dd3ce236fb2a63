"""Receipts close the loop: the secretariat acknowledges, the coordinator imports the receipt."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.cli import main
from app.models.orm.enums import SubmissionState
from app.models.orm.keys import SECRETARIAT_PARTY
from app.models.orm.reporting import Submission
from app.models.services.keys.pins import trusted_key
from app.models.services.reporting.periods import period_by_code
from app.models.services.reporting.receipts import receipt_line
from app.reports.errors import WorkbookRefusedError
from app.reports.receipt.apply import take_receipt
from app.reports.receipt.read import read_receipt
from app.reports.submission.batch import import_batch
from app.reports.workbook_kind import WorkbookKind, workbook_kind
from tests.reports.test_trusted_exchange import (
    NOW,
    PERIOD,
    coordinator,
    edit,
    export,
    folder,
    relabel,
)

pytest_plugins = ["tests.reports.test_trusted_exchange"]


def _line(db, country: str = "KZ") -> str:
    with db.reading() as session:
        return receipt_line(session, country, period_by_code(session, PERIOD).id)


def test_a_receipt_round_trips_to_the_coordinator(tmp_path, secretariat, kz, capsys):
    edit(kz, "KZ", 40)
    sent = export(kz, "KZ", folder(tmp_path, "out"))
    assert import_batch(secretariat, [sent], now=NOW).outcomes[0].applied
    out = folder(tmp_path, "receipts")
    assert main(["receipt", "--db", str(secretariat.path), "--country", "KZ", "--period", PERIOD,
                 "--note", "Thank you; see the comments on 2.1.", "--out", str(out)]) == 0
    receipt = out / "AP_RECEIPT_KZ_2026-H1_r2.xlsx"
    assert receipt.exists() and workbook_kind(receipt) == WorkbookKind.RECEIPT
    assert main(["import", "--db", str(kz.path), str(receipt)]) == 0
    assert "acknowledged it on" in capsys.readouterr().out
    line = _line(kz)
    assert "received revision 2" in line and "Thank you; see the comments on 2.1." in line
    with kz.reading() as session:
        submission = session.scalar(select(Submission).where(Submission.revision == 2,
                                                             Submission.country_code == "KZ"))
        assert submission.state == SubmissionState.ACKNOWLEDGED
        with secretariat.reading() as other:
            from app.models.services.keys.own import own_key

            assert trusted_key(session, SECRETARIAT_PARTY).public_key == own_key(other).public_key


def test_a_receipt_for_a_file_never_exported_is_refused(tmp_path, secretariat, kz,
                                                        workspace_templates):
    # The same country, another workspace.
    other = coordinator(workspace_templates, tmp_path, "KZ", 9, name="other")
    sent = export(other, "KZ", folder(tmp_path, "other"))
    other.close()
    import_batch(secretariat, [sent], now=NOW)
    out = folder(tmp_path, "receipts")
    assert main(["receipt", "--db", str(secretariat.path), "--country", "KZ", "--period", PERIOD,
                 "--out", str(out)]) == 0
    receipt = next(out.glob("AP_RECEIPT_*.xlsx"))
    with kz.transaction() as session, pytest.raises(WorkbookRefusedError) as refused:
        take_receipt(session, read_receipt(receipt))
    assert refused.value.reason == "not_exported"
    assert main(["import", "--db", str(kz.path), str(receipt)]) == 2
    sealed = {row[0].value: row[1].value for row in load_workbook(receipt)["_receipt"].iter_rows()}
    forged = relabel(receipt, tmp_path / "forged" / receipt.name, sheet="_receipt",
                     seal=sealed["seal"].replace('"note":""', '"note":"All fine"'))
    with pytest.raises(WorkbookRefusedError):
        read_receipt(forged)
    assert _line(kz) == ""


def test_receipt_workbook_holds_no_formula(tmp_path, secretariat, kz):
    sent = export(kz, "KZ", folder(tmp_path, "out"))
    import_batch(secretariat, [sent], now=NOW)
    out = folder(tmp_path, "receipts")
    assert main(["receipt", "--db", str(secretariat.path), "--country", "KZ", "--period", PERIOD,
                 "--note", "=HYPERLINK(\"http://x\")", "--out", str(out)]) == 0
    path = next(out.glob("*.xlsx"))
    cells = [c for sheet in load_workbook(path).worksheets for row in sheet.iter_rows()
             for c in row if c.value]
    assert all(c.data_type != "f" for c in cells)
    shutil.rmtree(out)


def test_my_submissions_lists_every_export_with_its_state(tmp_path, secretariat, kz):
    from app.models.services.workspace.backups import back_up, restore
    from app.reports.submission.my_submissions import ExportState, my_submissions

    edit(kz, "KZ", 30)
    backup = back_up(kz.path)
    sent = export(kz, "KZ", folder(tmp_path, "out"))
    import_batch(secretariat, [sent], now=NOW)
    out = folder(tmp_path, "receipts")
    assert main(["receipt", "--db", str(secretariat.path), "--country", "KZ", "--period", PERIOD,
                 "--out", str(out)]) == 0
    assert main(["import", "--db", str(kz.path), str(next(out.glob("*.xlsx")))]) == 0
    with kz.reading() as session:
        states = {(r.period, r.revision): r.state for r in my_submissions(session, "KZ", kz.path)}
    assert states[(PERIOD, 2)] == ExportState.ACKNOWLEDGED
    restore(kz, backup.path)  # the export is forgotten; the ledger is not
    edit(kz, "KZ", 31)
    with kz.transaction() as session:  # as the database now stands: r2 a draft, not exported
        period = period_by_code(session, PERIOD)
        row = session.scalar(select(Submission).where(Submission.period_id == period.id,
                                                      Submission.revision == 2))
        row.exported_at, row.report_digest = NOW, "0" * 64
    with kz.reading() as session:
        states = {(r.period, r.revision): r.state for r in my_submissions(session, "KZ", kz.path)}
    assert states[(PERIOD, 2)] == ExportState.CONFLICT
