"""The secretariat receives one submission: revision compared, content applied, receipt recorded.

A country sends revision after revision of its report for a period. The newest one received is
the country's report: a newer revision is applied over the older one, an older or the same one
is reported and left out. Commitments are matched by the coordinator's own ids (stored as source
ids), actions and indicators by their plan codes, decisions by meeting code and number, so nothing
depends on this database's ids. Everything happens in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, _, ngettext
from app.i18n.formats import country_name, format_date
from app.models.orm.base import utcnow
from app.models.orm.enums import SubmissionState
from app.models.orm.reporting import ReportingPeriod, Submission
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.apply import write_preview
from app.reports.submission.preview import build_preview, is_receiving, refuse_foreign
from app.reports.submission.read import ParsedSubmission
from app.reports.xlsx.cell_ref import CellRef

#: Edited cells kept with a receipt: enough to show what changed, bounded for a hostile file.
MAX_EDITED_CELLS = 500
#: Errors named in a file's line of the summary (the rest are counted).
ERRORS_NAMED = 3


class Outcome(enum.StrEnum):
    APPLIED = "applied"  # the first revision received for this country and period
    REPLACED = "replaced"  # a newer revision, applied over the older one
    OLDER = "older"  # older than the revision already received: not applied
    DUPLICATE = "duplicate"  # that revision was already received: not applied
    ERRORS = "errors"  # cells with errors: nothing of the file applied
    REFUSED = "refused"  # not a submission for this workspace, or not safe to open
    FAILED = "failed"  # the database could not take it, or something unexpected: nothing applied
    CANCELLED = "cancelled"  # the user stopped the batch before this file was applied


@dataclass
class FileOutcome:
    path: Path
    outcome: Outcome
    #: Why, in the user's language (a refusal's message, the first errors, the older revision…).
    detail: str = ""
    country: str | None = None
    period: str | None = None
    revision: int | None = None
    edited: bool = False
    #: How many cells differ from the export (when `edited`).
    edits: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    #: The revision a newer one replaced.
    replaced: int | None = None
    notices: list[str] = field(default_factory=list)
    #: Only checked (a dry run): what would have been applied was rolled back.
    dry_run: bool = False

    @property
    def applied(self) -> bool:
        return self.outcome in (Outcome.APPLIED, Outcome.REPLACED) and not self.dry_run

    def line(self) -> str:
        """One line of the batch summary, in the user's language, naming the file once."""
        if not self.report() and self.path.name in self.detail:
            return self.describe()  # the refusal names the file already
        return _("{file}: {outcome}").format(file=self.path.name, outcome=self.describe())

    def report(self) -> str:
        """Which report the file holds: country, period and revision (empty if unknown)."""
        if not (self.country and self.period and self.revision is not None):
            return ""
        return _("{country} {period}, revision {revision}").format(
            country=country_name(self.country), period=self.period, revision=self.revision)

    def note(self) -> str:
        """What happened to the file, as a sentence or two."""
        changes = sum(self.counts.values())
        if self.dry_run and self.outcome in (Outcome.APPLIED, Outcome.REPLACED):
            text = ngettext("{count} change would be applied.", "{count} changes would be applied.",
                            changes).format(count=changes)
        elif self.outcome == Outcome.APPLIED:
            text = ngettext("{count} change applied.", "{count} changes applied.", changes).format(
                count=changes)
        elif self.outcome == Outcome.REPLACED:
            text = ngettext("Replaces revision {old}; {count} change applied.",
                            "Replaces revision {old}; {count} changes applied.", changes).format(
                                old=self.replaced, count=changes)
        elif self.outcome == Outcome.CANCELLED:
            text = _("The import was cancelled before this file was applied.")
        else:
            text = self.detail
        if self.edited and self.outcome in (Outcome.APPLIED, Outcome.REPLACED):
            text += " " + ngettext(
                "Edited after export: {count} cell differs from the file as exported.",
                "Edited after export: {count} cells differ from the file as exported.",
                self.edits).format(count=self.edits)
        return text

    def describe(self) -> str:
        report = self.report()
        label = _("Checked") if self.dry_run else outcome_label(self.outcome)
        if not report:
            return _("{outcome}. {note}").format(outcome=label, note=self.note())
        return _("{report}: {outcome}. {note}").format(report=report, outcome=label,
                                                       note=self.note())


_OUTCOME_LABELS = {
    Outcome.APPLIED: N_("Received"),
    Outcome.REPLACED: N_("Received"),
    Outcome.OLDER: N_("Not applied"),
    Outcome.DUPLICATE: N_("Not applied"),
    Outcome.ERRORS: N_("Not applied"),
    Outcome.REFUSED: N_("Refused"),
    Outcome.FAILED: N_("Not applied"),
    Outcome.CANCELLED: N_("Not imported"),
}


def outcome_label(outcome: Outcome) -> str:
    """A short word for the outcome, in the interface language."""
    return _(_OUTCOME_LABELS[outcome])


def latest_received(session: Session, country: str, period_id: int) -> Submission | None:
    return session.scalar(
        select(Submission)
        .where(Submission.country_code == country, Submission.period_id == period_id,
               Submission.received_at.is_not(None))
        .order_by(Submission.revision.desc()))


def receive(session: Session, parsed: ParsedSubmission, now: dt.datetime | None = None
            ) -> FileOutcome:
    """Apply `parsed` if it is the newest revision received; raises WorkbookRefusedError."""
    if not is_receiving(session):
        raise WorkbookRefusedError("not_secretariat", _(
            "Only the secretariat's workspace receives the submissions of several countries."))
    identity = parsed.identity
    _plan, periods = refuse_foreign(session, parsed)
    period = periods[identity.period]
    result = FileOutcome(parsed.path, Outcome.APPLIED, country=identity.country,
                         period=identity.period, revision=identity.revision,
                         edited=parsed.edited_after_export, edits=len(parsed.edits))
    latest = latest_received(session, identity.country, period.id)
    if latest is not None and identity.revision < latest.revision:
        result.outcome = Outcome.OLDER
        result.detail = _("Revision {revision} was received already, which is newer.").format(
            revision=latest.revision)
        return result
    if latest is not None and identity.revision == latest.revision:
        result.outcome = Outcome.DUPLICATE
        result.detail = _("This revision was received already, on {date}.").format(
            date=format_date(latest.received_at.date()) if latest.received_at else "—")
        return result
    preview = build_preview(session, parsed)
    # The first notice of an edited file says it was edited; the outcome says so already.
    result.notices = preview.notices[1:] if parsed.edited_after_export else preview.notices
    if preview.errors:
        result.outcome = Outcome.ERRORS
        named = "; ".join(f"{e.where}: {e.message}" for e in preview.errors[:ERRORS_NAMED])
        result.detail = ngettext("{count} cell has an error: {errors}.",
                                 "{count} cells have errors: {errors}…",
                                 len(preview.errors)).format(count=len(preview.errors),
                                                             errors=named)
        return result
    result.counts, _reopened = write_preview(session, preview)
    if latest is not None:
        result.outcome, result.replaced = Outcome.REPLACED, latest.revision
    record_receipt(session, parsed, period, now or utcnow())
    return result


def record_receipt(session: Session, parsed: ParsedSubmission, period: ReportingPeriod,
                   now: dt.datetime) -> Submission:
    """The Submission row of this revision, marked received now (created if there is none)."""
    identity = parsed.identity
    submission = session.scalar(select(Submission).where(
        Submission.country_code == identity.country, Submission.period_id == period.id,
        Submission.revision == identity.revision))
    if submission is None:
        submission = Submission(country_code=identity.country, period_id=period.id,
                                revision=identity.revision)
        session.add(submission)
    submission.state = SubmissionState.EXPORTED
    submission.digest = parsed.stored_digest or parsed.digest
    submission.file_name = parsed.path.name[:500]
    submission.exported_at = _exported_at(parsed.meta.get("generated_at", ""))
    submission.received_at = now
    submission.edited_after_export = parsed.edited_after_export
    submission.edited_cells = edited_cells(parsed) if parsed.edited_after_export else []
    submission.contact_email = parsed.meta.get("email", "")[:320]
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
