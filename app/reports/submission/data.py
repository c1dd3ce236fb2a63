"""What a submission holds, read from the database as canonical row values.

The exporter writes these rows; the import preview compares a workbook's rows with the same
functions' view of the database, so "unchanged" means exactly "the same canonical values".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.invisible import strip_invisible
from app.models.orm.decisions import Decision, DecisionFollowUp, Meeting
from app.models.orm.enums import IndicatorKind
from app.models.orm.plan import Action, Indicator, Objective, Plan
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
from app.reports.xlsx.digest import (
    body_digest,
    canonical_body,
    clean_name,
    clean_text,
    normalize_number,
)

EVIDENCE_MARK = "|"
EVIDENCE_SEPARATOR = f" {EVIDENCE_MARK} "


#: Identity fields a format version 1 workbook has (its digest covers only these).
V1_FIELDS = ("country", "period", "revision", "plan_code", "plan_version", "periods", "history",
             "format_version")


@dataclass(frozen=True)
class Identity:
    """Whose report this is and against what: the part of the meta data the digest covers.

    From format 2 on, the coordinator's name and e-mail (whom the secretariat answers) and the
    revision of each period a history workbook holds are part of it, so they are sealed too.
    """

    country: str
    period: str
    revision: int
    plan_code: str
    plan_version: int
    periods: tuple[str, ...]
    history: bool
    format_version: int = FORMAT_VERSION
    coordinator: str = ""
    email: str = ""
    #: Per period of the file, the revision of that period's report ((period, revision) pairs).
    revisions: tuple[tuple[str, int], ...] = ()
    #: The plan's structure (its action and indicator codes), so that two plans with the same code
    #: and version but other content are told apart with one message, not one per cell.
    plan_digest: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The canonical form the digest and the seal cover (JSON with sorted keys)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["periods"] = list(self.periods)
        values["revisions"] = [list(pair) for pair in self.revisions]
        if self.format_version < 2:
            values = {key: values[key] for key in V1_FIELDS}
        return values

    def as_meta(self) -> dict[str, str]:
        """The same keys as the hidden meta sheet stores them: text cells."""
        meta = {key: str(value) for key, value in self.as_dict().items()}
        meta["periods"] = ",".join(self.periods)
        meta["history"] = "1" if self.history else "0"
        if "revisions" in meta:
            meta["revisions"] = ",".join(f"{period}:{revision}"
                                         for period, revision in self.revisions)
        return meta

    @classmethod
    def from_meta(cls, meta: Mapping[str, str], format_version: int) -> Identity:
        """Read back what `as_meta` wrote; KeyError or ValueError if a key is missing or wrong."""
        revisions: tuple[tuple[str, int], ...] = ()
        if format_version >= 2:
            pairs = [item.rpartition(":") for item in meta.get("revisions", "").split(",") if item]
            revisions = tuple((period, int(revision)) for period, _sep, revision in pairs)
        return cls(country=meta["country"].upper(), period=meta["period"],
                   revision=int(meta["revision"]), plan_code=meta["plan_code"],
                   plan_version=int(meta["plan_version"]),
                   periods=tuple(p for p in meta.get("periods", "").split(",") if p),
                   history=meta.get("history") == "1", format_version=format_version,
                   coordinator=meta.get("coordinator", "") if format_version >= 2 else "",
                   email=meta.get("email", "") if format_version >= 2 else "",
                   revisions=revisions,
                   plan_digest=meta.get("plan_digest", "") if format_version >= 2 else "")

    @classmethod
    def from_seal(cls, sealed: Mapping[str, Any]) -> Identity:
        """The identity as the seal (JSON of `as_dict`) holds it; KeyError, TypeError, ValueError."""
        return cls(country=str(sealed["country"]), period=str(sealed["period"]),
                   revision=int(sealed["revision"]), plan_code=str(sealed["plan_code"]),
                   plan_version=int(sealed["plan_version"]),
                   periods=tuple(str(p) for p in sealed["periods"]),
                   history=bool(sealed["history"]), format_version=int(sealed["format_version"]),
                   coordinator=str(sealed["coordinator"]), email=str(sealed["email"]),
                   revisions=tuple((str(p), int(r)) for p, r in sealed["revisions"]),
                   plan_digest=str(sealed["plan_digest"]))

    def period_revision(self, period: str) -> int:
        """The revision of `period`'s report in this file (the file's own for its period)."""
        if period == self.period:
            return self.revision
        return dict(self.revisions).get(period, 0)


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
    #: The fingerprint of the key that signs the workbook, for the coordinator to read out.
    key_fingerprint: str = ""


@dataclass
class SubmissionContent:
    identity: Identity
    language: str
    cover: CoverInfo
    sheets: dict[str, SheetRows]
    summary: list[dict[str, Any]]
    #: The report digest of the identity's period (set once the export numbered the revision).
    report_digest: str = ""
    #: The rows' canonical serialisation, made once for both digests.
    body: bytes | None = None

    @property
    def digest(self) -> str:
        if self.body is None:
            self.body = rows_body(sheet_rows(self))
        return digest_of(self.identity, sheet_rows(self), self.body)


def sheet_rows(content: SubmissionContent) -> dict[str, list[dict[str, Any]]]:
    return {key: rows.rows for key, rows in content.sheets.items()}


def rows_body(rows_by_sheet: dict[str, list[dict[str, Any]]]) -> bytes:
    """The canonical serialisation of the rows' key and data columns (see `canonical_body`)."""
    sheets = {}
    for spec in DATA_SHEETS:
        columns = [c.key for c in spec.digested]
        rows = rows_by_sheet.get(spec.key, [])
        sheets[spec.key] = (columns, [[row.get(k) for k in columns] for row in rows])
    return canonical_body(sheets)


def digest_of(identity: Identity, rows_by_sheet: dict[str, list[dict[str, Any]]],
              body: bytes | None = None) -> str:
    """The content digest of canonical rows (only key and data columns count)."""
    return body_digest(identity.as_dict(), rows_body(rows_by_sheet) if body is None else body)


#: Identity fields that make one period's report what it is (not the revision it got, nor
#: whether it came alone or inside a history workbook).
REPORT_FIELDS = ("country", "period", "plan_code", "plan_version", "coordinator", "email")


def report_digest_of(identity: Identity, rows_by_sheet: dict[str, list[dict[str, Any]]],
                     body: bytes | None = None) -> str:
    """The digest of the file's own period's report: what a single-period export would hold.

    The same report exported alone or with its history gets the same digest, so the coordinator's
    app knows whether a revision number was used for this content already, and the secretariat
    whether a revision it received again is a duplicate or a conflict.
    """
    if identity.history or body is None:  # a single period's rows are all the report's
        body = rows_body({
            key: [row for row in rows if "period" not in row or row["period"] == identity.period]
            for key, rows in rows_by_sheet.items()})
    head = {key: getattr(identity, key) for key in REPORT_FIELDS}
    return body_digest(head, body)


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


def plan_digest(session: Session, plan_id: int) -> str:
    """SHA-256 of the plan's action codes and its indicators' codes and kinds (not its texts).

    One query (the import compares it for every file, and the plan's tree is not loaded there).
    """
    rows = session.execute(
        select(Action.code, Indicator.code, Indicator.kind, Indicator.retired)
        .join(Objective, Action.objective_id == Objective.id)
        .outerjoin(Indicator, Indicator.action_id == Action.id)
        .where(Objective.plan_id == plan_id))
    return _structure_digest((action, code, kind, bool(retired)) for action, code, kind, retired in rows)


def loaded_plan_digest(plan: Plan) -> str:
    """`plan_digest` of a plan whose tree is loaded already (the export's): no query."""
    def rows() -> Iterator[tuple[str, str | None, Any, bool]]:
        for objective in plan.objectives:
            for action in objective.actions:
                yield action.code, None, None, False  # an action without indicators counts too
                for indicator in action.indicators:
                    yield action.code, indicator.code, indicator.kind, indicator.retired
    return _structure_digest(rows())


def _structure_digest(rows: Iterable[tuple[str, str | None, Any, bool]]) -> str:
    structure: dict[str, list[str]] = {}
    for action, code, kind, retired in rows:
        indicators = structure.setdefault(action, [])
        if code is not None and not retired:
            indicators.append(f"{code}:{IndicatorKind(kind).value}")
    canonical = sorted((action, sorted(codes)) for action, codes in structure.items())
    return hashlib.sha256(json.dumps(canonical, separators=(",", ":")).encode()).hexdigest()


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
