"""Which periods of a received file are newer than what the secretariat holds, compared by digest.

Per country and period the newest revision received is the report. For the file's own period:
an older revision is left out; the same revision is a duplicate when its sealed report digest is
the one received, and a conflict when it is not (two reports under one number: never applied, a
person must ask the coordinator). A history workbook carries the revision of each earlier period
it holds, and each is applied only where newer than what was received for that period.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import format_date
from app.models.orm.reporting import ReportingPeriod, Submission
from app.reports.submission.outcome import Outcome
from app.reports.submission.read import ParsedSubmission


@dataclass
class Freshness:
    #: None: the file's own period applies; else why not (OLDER, DUPLICATE or CONFLICT).
    main: Outcome | None = None
    detail: str = ""
    #: The revision received before for the file's own period, if any.
    latest: Submission | None = None
    #: Earlier periods (of a history workbook) newer than what was received: applied.
    earlier: list[str] = field(default_factory=list)
    #: Earlier periods left out, each with why.
    skipped: list[str] = field(default_factory=list)

    @property
    def applies(self) -> bool:
        return self.main is None or bool(self.earlier)


def latest_received(session: Session, country: str, period_id: int) -> Submission | None:
    return session.scalar(
        select(Submission)
        .where(Submission.country_code == country, Submission.period_id == period_id,
               Submission.received_at.is_not(None))
        .order_by(Submission.revision.desc()))


def _received_on(submission: Submission) -> str:
    return format_date(submission.received_at.date()) if submission.received_at else "—"


def freshness(session: Session, parsed: ParsedSubmission, periods: dict[str, ReportingPeriod]
              ) -> Freshness:
    identity = parsed.identity
    result = Freshness()
    period = periods[identity.period]
    latest = result.latest = latest_received(session, identity.country, period.id)
    if latest is not None and identity.revision < latest.revision:
        result.main = Outcome.OLDER
        result.detail = _("Revision {revision} was received already, which is newer.").format(
            revision=latest.revision)
    elif latest is not None and identity.revision == latest.revision:
        received_digest = latest.report_digest or latest.digest
        if latest.from_history or received_digest == parsed.report_digest:
            result.main = Outcome.DUPLICATE
            result.detail = _("This revision was received already, on {date}.").format(
                date=_received_on(latest))
        else:
            result.main = Outcome.CONFLICT
            result.detail = _(
                "Revision {revision} was received already, on {date}, with other content: two "
                "different reports carry the same revision number, so neither is chosen for you "
                "and nothing of this file was applied. Ask the coordinator which report is "
                "current, and to export it again: their app gives it a new revision number."
            ).format(revision=identity.revision, date=_received_on(latest))
    if identity.history and result.main != Outcome.CONFLICT:
        _earlier_periods(session, parsed, periods, result)
    return result


def _earlier_periods(session: Session, parsed: ParsedSubmission,
                     periods: dict[str, ReportingPeriod], result: Freshness) -> None:
    identity = parsed.identity
    for code in identity.periods:
        if code == identity.period:
            continue
        revision = identity.period_revision(code)
        received = latest_received(session, identity.country, periods[code].id)
        if revision < 1:
            result.skipped.append(_(
                "{period}: left out, the coordinator had not submitted this period as it stands in the "
                "file.").format(
                    period=code))
        elif received is not None and revision <= received.revision:
            result.skipped.append(_(
                "{period}: left out, revision {revision} of this period was received already "
                "(this file holds revision {own}).").format(
                    period=code, revision=received.revision, own=revision))
        else:
            result.earlier.append(code)
