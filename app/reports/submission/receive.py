"""The secretariat receives one submission: revision compared, content applied, receipt recorded.

A country sends revision after revision of its report for a period. The newest one received is
the country's report: a newer revision is applied over the older one, an older or the same one
is reported and left out (freshness.py), and a file whose signer's key is not the one pinned for
the country is held (trust.py). Commitments are matched by the coordinator's own ids (stored as source
ids), actions and indicators by their plan codes, decisions by meeting code and number, so nothing
depends on this database's ids. Everything happens in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _, ngettext
from app.i18n.formats import country_name
from app.models.orm.base import utcnow
from app.models.orm.enums import MembershipRole, SubmissionState, label
from app.models.orm.reporting import ReportingPeriod, Submission
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.workspace.memberships import roles_on
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.apply import write_preview
from app.reports.submission.format import NAME_PATTERN, file_name
from app.reports.submission.freshness import Freshness, freshness, latest_received
from app.reports.submission.outcome import FileOutcome, Outcome, outcome_label
from app.reports.submission.preview import build_preview, is_receiving, refuse_foreign
from app.reports.submission.preview_items import ChangeKind, PreviewItem
from app.reports.submission.read import ParsedSubmission
from app.reports.submission.trust import Confirmations, check_trust, remember_signer
from app.reports.xlsx.cell_ref import CellRef

__all__ = ["FileOutcome", "Outcome", "latest_received", "outcome_label", "receive"]

#: Edited cells kept with a receipt: enough to show what changed, bounded for a hostile file.
MAX_EDITED_CELLS = 500
#: Errors named in a file's line of the summary (the rest are counted).
ERRORS_NAMED = 3


def receive(session: Session, parsed: ParsedSubmission, now: dt.datetime | None = None,
            confirmed: Confirmations | None = None) -> FileOutcome:
    """Apply what `parsed` holds that is newer than what was received; raises WorkbookRefusedError.

    Nothing is applied from a file whose signer is not trusted for its country (held until a
    person confirms the key), nor from a revision that conflicts with one received.
    """
    if not is_receiving(session):
        raise WorkbookRefusedError("not_secretariat", _(
            "Only the secretariat's workspace receives the submissions of several countries."))
    identity = parsed.identity
    _plan, periods = refuse_foreign(session, parsed)
    period = periods[identity.period]
    result = FileOutcome(parsed.path, Outcome.APPLIED, country=identity.country,
                         period=identity.period, revision=identity.revision,
                         edited=parsed.edited_after_export, edits=len(parsed.edits))
    result.notices.extend(file_notices(session, parsed, period))
    trust = check_trust(session, parsed, confirmed or Confirmations())
    result.fingerprint = trust.fingerprint
    if trust.held:
        result.outcome, result.detail = Outcome.HELD, trust.held
        return result
    fresh = freshness(session, parsed, periods)
    result.skipped = fresh.skipped
    if not fresh.applies:
        assert fresh.main is not None
        result.outcome, result.detail = fresh.main, fresh.detail
        return result
    preview = build_preview(session, parsed)
    # The first notice of an edited file says it was edited; the outcome says so already.
    result.notices += preview.notices[1:] if parsed.edited_after_export else preview.notices
    if preview.errors:
        result.outcome = Outcome.ERRORS
        named = "; ".join(f"{e.where}: {e.message}" for e in preview.errors[:ERRORS_NAMED])
        result.detail = ngettext("{count} cell has an error: {errors}.",
                                 "{count} cells have errors: {errors}…",
                                 len(preview.errors)).format(count=len(preview.errors),
                                                             errors=named)
        return result
    preview.items = only_newer(preview.items, identity.period, fresh)
    result.counts, _reopened = write_preview(session, preview)
    received_at = now or utcnow()
    if fresh.main is None:
        if fresh.latest is not None:
            result.outcome, result.replaced = Outcome.REPLACED, fresh.latest.revision
        record_receipt(session, parsed, period, received_at)
    else:
        result.outcome = Outcome.APPLIED
        result.notices.insert(0, _("{period}: {detail} Only the earlier periods newer than "
                                   "those received were applied.").format(
                                       period=identity.period, detail=fresh.detail))
    for code in fresh.earlier:
        record_receipt(session, parsed, periods[code], received_at, earlier=True)
    if fresh.earlier:
        result.notices.append(_("Earlier periods applied from this history workbook: "
                                "{periods}.").format(periods=", ".join(fresh.earlier)))
    if trust.notice:
        result.notices.append(trust.notice)
    remember_signer(session, parsed, trust, received_at)
    return result


def only_newer(items: list[PreviewItem], own_period: str, fresh: Freshness) -> list[PreviewItem]:
    """The changes of the periods that apply. When the file's own period does not, its
    commitments are taken only where new (earlier progress may name them) and nothing else of it.
    """
    applied = set(fresh.earlier) | ({own_period} if fresh.main is None else set())
    kept = []
    for item in items:
        if item.period is not None:
            if item.period in applied:
                kept.append(item)
        elif fresh.main is None or (item.sheet == "commitments" and item.kind == ChangeKind.NEW):
            kept.append(item)
    return kept


def file_notices(session: Session, parsed: ParsedSubmission, period: ReportingPeriod
                 ) -> list[str]:
    """Lines the officer should read whatever happens: a misleading file name, a non-member."""
    notices = []
    identity = parsed.identity
    named = NAME_PATTERN.match(parsed.path.name)
    if named and (named["country"].upper(), named["period"], int(named["revision"])) != (
            identity.country, identity.period, identity.revision):
        notices.append(_(
            "The file name says {name}, but the file is {report}: the name is not what counts.").format(
                name=parsed.path.name,
                report=file_name(identity.country, identity.period, identity.revision)))
    role = roles_on(session, period.end_date).get(identity.country)
    if role not in (MembershipRole.MEMBER, MembershipRole.OBSERVER):
        notices.append(_(
            "{country} is not a member of the Almaty Process in {period} ({role}): the report is "
            "kept, and regional figures count it only if you choose to include its role.").format(
                country=country_name(identity.country), period=period.code,
                role=label(role) if role is not None else _("no role recorded")))
    return notices


def record_receipt(session: Session, parsed: ParsedSubmission, period: ReportingPeriod,
                   now: dt.datetime, *, earlier: bool = False) -> Submission:
    """The Submission row of this period's revision, marked received now (created if needed).

    `earlier`: a period of a history workbook other than its own, received at the revision the
    workbook gives it, so completeness shows what was applied.
    """
    identity = parsed.identity
    revision = identity.period_revision(period.code)
    submission = session.scalar(select(Submission).where(
        Submission.country_code == identity.country, Submission.period_id == period.id,
        Submission.revision == revision))
    if submission is None:
        submission = Submission(country_code=identity.country, period_id=period.id,
                                revision=revision)
        session.add(submission)
    submission.state = SubmissionState.EXPORTED
    submission.digest = parsed.stored_digest or parsed.digest
    submission.file_name = parsed.path.name[:500]
    submission.exported_at = _exported_at(parsed.meta.get("generated_at", ""))
    submission.received_at = now
    submission.edited_after_export = parsed.edited_after_export
    submission.edited_cells = edited_cells(parsed) if parsed.edited_after_export else []
    submission.contact_email = (identity.email or parsed.meta.get("email", ""))[:320]
    submission.language = parsed.language[:16]
    submission.report_digest = None if earlier else parsed.report_digest
    submission.from_history = earlier
    submission.signer = fingerprint(parsed.signer_key) if parsed.signer_key else ""
    session.flush()
    return submission


def _exported_at(text: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _stored_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def edited_cells(parsed: ParsedSubmission) -> list[dict[str, Any]]:
    """The cells that differ from the export, with the value the file now holds."""
    rows = {(sheet.title, row.number): row for sheet in parsed.sheets.values() for row in sheet.rows}
    cells: list[dict[str, Any]] = []
    for ref in parsed.edits[:MAX_EDITED_CELLS]:
        cells.append({"sheet": ref.sheet, "row": ref.row, "column": ref.column,
                      "header": ref.header, "value": _stored_value(_value_at(rows, ref))})
    return cells


def _value_at(rows: dict[tuple[str, int], Any], ref: CellRef) -> Any:
    row = rows.get((ref.sheet, ref.row))
    if row is None:
        return None
    key = next((k for k, (_t, letter, _h) in row.columns.items() if letter == ref.column), None)
    return None if key is None else row.values.get(key)
