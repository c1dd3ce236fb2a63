"""The coordinator takes a receipt: the secretariat received (and acknowledged) what they sent.

Only a receipt signed by the secretariat's key (pinned from its first plan workbook or receipt)
and for a digest this workspace exported is taken: a receipt for a file never sent is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import country_name
from app.models.orm.enums import SubmissionState, WorkspaceRole
from app.models.orm.keys import SECRETARIAT_PARTY
from app.models.orm.reporting import ReportingPeriod, Submission
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.keys.pins import Trust, pin, trust_of
from app.models.services.workspace.profile import get_profile
from app.reports.errors import WorkbookRefusedError
from app.reports.receipt.read import ParsedReceipt


@dataclass(frozen=True)
class ReceiptResult:
    country: str
    period: str
    period_id: int
    revision: int
    received_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    note: str
    #: The secretariat's key was pinned now (its first signed file this workspace saw).
    pinned: bool


def _time(text: str) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def take_receipt(session: Session, receipt: ParsedReceipt) -> ReceiptResult:
    """Record the receipt on the submission it answers; WorkbookRefusedError if it cannot be."""
    name = receipt.path.name
    profile = get_profile(session)
    if profile is None or profile.role != WorkspaceRole.COORDINATOR:
        raise WorkbookRefusedError("not_coordinator", _(
            "A receipt is for the coordinator's workspace that sent the report."))
    if profile.country_code != receipt.country:
        raise WorkbookRefusedError("wrong_country", _(
            "{name} is a receipt for {country}, not for this workspace's country.").format(
                name=name, country=country_name(receipt.country)))
    trust = trust_of(session, SECRETARIAT_PARTY, receipt.signer_key)
    if trust == Trust.NEW_KEY:
        raise WorkbookRefusedError("new_key", _(
            "{name} is signed by the key {fingerprint}, not the secretariat's key this workspace "
            "knows. Nothing was imported; ask the secretariat about it by phone.").format(
                name=name, fingerprint=fingerprint(receipt.signer_key)))
    submission = session.scalar(
        select(Submission).join(ReportingPeriod)
        .where(Submission.country_code == receipt.country, ReportingPeriod.code == receipt.period,
               Submission.revision == receipt.revision,
               Submission.digest == str(receipt.values["digest"])))
    if submission is None:
        raise WorkbookRefusedError("not_exported", _(
            "{name} acknowledges revision {revision} of {period} with a digest this workspace never "
            "exported. Nothing was imported.").format(name=name, revision=receipt.revision,
                                                      period=receipt.period))
    submission.received_at = _time(str(receipt.values["received_at"]))
    submission.acknowledged_at = _time(str(receipt.values["acknowledged_at"]))
    submission.acknowledgement_note = str(receipt.values["note"])
    submission.edited_cells = list(receipt.values["edited_cells"])
    submission.edited_after_export = bool(submission.edited_cells)
    if submission.acknowledged_at is not None:
        submission.state = SubmissionState.ACKNOWLEDGED
    if trust == Trust.FIRST_USE:
        pin(session, SECRETARIAT_PARTY, receipt.signer_key, confirmed=False)
    session.flush()
    return ReceiptResult(receipt.country, receipt.period, submission.period_id, receipt.revision,
                         submission.received_at, submission.acknowledged_at,
                         submission.acknowledgement_note, trust == Trust.FIRST_USE)
