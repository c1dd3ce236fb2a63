"""What a submission holds, read from the database as canonical row values.

The exporter writes these rows; the import preview compares a workbook's rows with the same
functions' view of the database, so "unchanged" means exactly "the same canonical values".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.invisible import strip_invisible
from app.models.orm.decisions import Decision, DecisionFollowUp, Meeting
from app.models.orm.enums import IndicatorKind
from app.models.orm.plan import Action, Indicator, Plan
from app.models.orm.reporting import (
    Commitment,
    IndicatorValue,
    ProgressUpdate,
    ReportingPeriod,
)
from app.models.services.reporting.periods import latest_submission
from app.reports.submission.format import (
    DATA_SHEETS,
    FORMAT_VERSION,
)
from app.reports.xlsx.digest import clean_name, clean_text, content_digest, normalize_number

EVIDENCE_MARK = "|"
EVIDENCE_SEPARATOR = f" {EVIDENCE_MARK} "


@dataclass(frozen=True)
class Identity:
    """Whose report this is and against what: the part of the meta data the digest covers."""

    country: str
    period: str
    revision: int
    plan_code: str
    plan_version: int
    periods: tuple[str, ...]
    history: bool
    format_version: int = FORMAT_VERSION

    def as_dict(self) -> dict[str, Any]:
        """The canonical form the digest covers (JSON with sorted keys)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["periods"] = list(self.periods)
        return values

    def as_meta(self) -> dict[str, str]:
        """The same keys as the hidden meta sheet stores them: text cells."""
        meta = {key: str(value) for key, value in self.as_dict().items()}
        meta["periods"] = ",".join(self.periods)
        meta["history"] = "1" if self.history else "0"
        return meta

    @classmethod
    def from_meta(cls, meta: Mapping[str, str], format_version: int) -> Identity:
        """Read back what `as_meta` wrote; KeyError or ValueError if a key is missing or wrong."""
        return cls(country=meta["country"].upper(), period=meta["period"],
                   revision=int(meta["revision"]), plan_code=meta["plan_code"],
                   plan_version=int(meta["plan_version"]),
                   periods=tuple(p for p in meta.get("periods", "").split(",") if p),
                   history=meta.get("history") == "1", format_version=format_version)


@dataclass
class SheetRows:
    key: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    #: Per row: may a person edit its data cells (rows of earlier periods stay locked)?
    editable: list[bool] = field(default_factory=list)

    def add(self, row: dict[str, Any], editable: bool = True) -> None:
        self.rows.append(row)
        self.editable.append(editable)


@dataclass
class CoverInfo:
    country_name: str
    period_start: dt.date
    period_end: dt.date
    due_date: dt.date
    coordinator: str
    ministry: str
    email: str
    plan_title: str
    plan_is_template: bool


@dataclass
class SubmissionContent:
    identity: Identity
    language: str
    cover: CoverInfo
    sheets: dict[str, SheetRows]
    summary: list[dict[str, Any]]

    @property
    def digest(self) -> str:
        return digest_of(self.identity, {key: rows.rows for key, rows in self.sheets.items()})


def digest_of(identity: Identity, rows_by_sheet: dict[str, list[dict[str, Any]]]) -> str:
    """The content digest of canonical rows (only key and data columns count)."""
    sheets = {}
    for spec in DATA_SHEETS:
        columns = [c.key for c in spec.digested]
        rows = rows_by_sheet.get(spec.key, [])
        sheets[spec.key] = (columns, [[row.get(k) for k in columns] for row in rows])
    return content_digest(identity.as_dict(), sheets)


# --- canonical rows of one entity ---------------------------------------------------------------
def evidence_text(evidence: list[tuple[str, str]]) -> str | None:
    """One line per reference, `title | location`, split back at the line's last `|`.

    A location is a path or a link, which never holds `|` (Windows forbids it in names); a title
    may. A title with a `|` and no location gets a trailing ` |`, so the split finds its end.
    """
    lines = []
    for title, location in evidence:
        location = strip_invisible(location)
        if location or EVIDENCE_MARK in title:
            lines.append(f"{title}{EVIDENCE_SEPARATOR}{location}".rstrip())
        else:
            lines.append(title)
    return clean_text("\n".join(lines))


def parse_evidence(text: str | None) -> list[tuple[str, str]]:
    """Lines `title | location` (location optional) back into pairs; blank lines are skipped."""
    pairs = []
    for line in (text or "").split("\n"):
        title, separator, location = line.rpartition(EVIDENCE_MARK)
        if not separator:
            title, location = line, ""
        location = strip_invisible(location)  # a location that hides characters hides a program
        if title.strip() or location.strip():
            pairs.append((title.strip(), location.strip()))
    return pairs


def commitment_row(commitment: Commitment) -> dict[str, Any]:
    return {
        "id": commitment.id, "action": commitment.action.code,
        "description": clean_text(commitment.description),
        "lead_agency": clean_name(commitment.lead_agency),
        "partners": clean_name(commitment.partners), "start_date": commitment.start_date,
        "end_date": commitment.end_date, "priority": commitment.priority.value,
    }


def progress_row(commitment_id: int, period: str, update: ProgressUpdate | None) -> dict[str, Any]:
    row: dict[str, Any] = {"commitment_id": commitment_id, "period": period}
    if update is None:
        row.update(status=None, percent=None, narrative=None, challenges=None,
                   support_requested=None, support_from=None, evidence=None)
        return row
    row.update(
        status=update.status.value, percent=update.percent,
        narrative=clean_text(update.narrative), challenges=clean_text(update.challenges),
        support_requested=clean_text(update.support_requested),
        support_from=clean_name(update.support_from),
        evidence=evidence_text([(e.title, e.location) for e in update.evidence]),
    )
    return row


def indicator_value(kind: IndicatorKind, value: IndicatorValue | None) -> Any:
    if value is None:
        return None
    if kind == IndicatorKind.TEXT:
        return clean_text(value.value_text)
    return normalize_number(value.value_number)


def indicator_row(indicator: Indicator, period: str, value: IndicatorValue | None) -> dict[str, Any]:
    return {
        "indicator": indicator.code, "period": period, "value_kind": indicator.kind.value,
        "value": indicator_value(indicator.kind, value),
        "source": clean_name(value.source) if value else None,
        "note": clean_text(value.note) if value else None,
    }


def decision_row(decision: Decision, follow_up: DecisionFollowUp | None) -> dict[str, Any]:
    return {
        "meeting": decision.meeting.code, "number": decision.number,
        "status": follow_up.status.value if follow_up else None,
        "note": clean_text(follow_up.note) if follow_up else None,
    }


# --- queries -----------------------------------------------------------------------------------
def updates_by_key(session: Session, country: str, period_ids: list[int]
                   ) -> dict[tuple[int, int], ProgressUpdate]:
    rows = session.scalars(
        select(ProgressUpdate).join(Commitment)
        .where(Commitment.country_code == country, ProgressUpdate.period_id.in_(period_ids))
        .options(selectinload(ProgressUpdate.evidence))
    )
    return {(u.commitment_id, u.period_id): u for u in rows}


def values_by_key(session: Session, country: str, period_ids: list[int]
                  ) -> dict[tuple[int, int], IndicatorValue]:
    rows = session.scalars(select(IndicatorValue).where(
        IndicatorValue.country_code == country, IndicatorValue.period_id.in_(period_ids)))
    return {(v.indicator_id, v.period_id): v for v in rows}


def decisions_with_follow_up(session: Session, country: str
                             ) -> list[tuple[Decision, DecisionFollowUp | None]]:
    decisions = list(session.scalars(
        select(Decision).join(Meeting).options(selectinload(Decision.meeting))
        .order_by(Meeting.held_on, Meeting.code, Decision.number)))
    follow = {f.decision_id: f for f in session.scalars(
        select(DecisionFollowUp).where(DecisionFollowUp.country_code == country))}
    return [(d, follow.get(d.id)) for d in decisions]


def plan_indicators(plan: Plan) -> list[tuple[Action, Indicator]]:
    return [(action, indicator) for objective in plan.objectives for action in objective.actions
            for indicator in action.indicators if not indicator.retired]


def history_periods(session: Session, country: str, period: ReportingPeriod) -> list[ReportingPeriod]:
    """Periods up to `period` in which the country reported anything, and `period` itself."""
    with_updates = set(session.scalars(
        select(ProgressUpdate.period_id).join(Commitment)
        .where(Commitment.country_code == country).distinct()))
    with_values = set(session.scalars(
        select(IndicatorValue.period_id).where(IndicatorValue.country_code == country).distinct()))
    used = with_updates | with_values | {period.id}
    return list(session.scalars(
        select(ReportingPeriod)
        .where(ReportingPeriod.start_date <= period.start_date, ReportingPeriod.id.in_(used))
        .order_by(ReportingPeriod.start_date)))


def next_revision(session: Session, country: str, period: ReportingPeriod) -> int:
    """The revision an export of this period is: the latest one (a reopened period made it new)."""
    latest = latest_submission(session, country, period.id)
    return latest.revision if latest is not None else 1
