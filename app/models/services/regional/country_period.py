"""One country's report for one period, as the secretariat holds it: revisions, progress, values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.orm import Commitment, IndicatorValue, ProgressUpdate, ReportingPeriod, Submission
from app.models.orm.enums import IndicatorKind, ProgressStatus, SubmissionState
from app.models.orm.plan import Action, Indicator, Objective


@dataclass(frozen=True)
class SubmissionInfo:
    id: int
    revision: int
    state: SubmissionState
    file_name: str
    digest: str
    received_at: dt.datetime | None
    edited_after_export: bool
    acknowledged_at: dt.datetime | None
    note: str
    #: Cells that differ from the export ({"sheet", "row", "column", "header", "value"}).
    edited_cells: tuple[dict[str, Any], ...] = ()
    contact_email: str = ""
    #: The workbook's language ("" for submissions received before it was kept).
    language: str = ""


@dataclass(frozen=True)
class UpdateRow:
    action_code: str
    action_retired: bool
    description: str
    lead_agency: str
    status: ProgressStatus
    percent: int | None
    narrative: str
    challenges: str
    support_requested: str


@dataclass(frozen=True)
class ValueRow:
    code: str
    titles: dict[str, str]
    unit: dict[str, str]
    kind: IndicatorKind
    value: float | str | None
    baseline: float | None
    target: float | None


@dataclass
class CountryPeriodData:
    country: str
    period_code: str
    due_date: dt.date
    submissions: list[SubmissionInfo] = field(default_factory=list)
    updates: list[UpdateRow] = field(default_factory=list)
    values: list[ValueRow] = field(default_factory=list)

    @property
    def latest(self) -> SubmissionInfo | None:
        received = [s for s in self.submissions if s.received_at is not None]
        return received[-1] if received else None


def country_period_data(session: Session, country: str, period_id: int) -> CountryPeriodData:
    period = session.get_one(ReportingPeriod, period_id)
    data = CountryPeriodData(country, period.code, period.due_date)
    for s in session.scalars(select(Submission).where(
            Submission.country_code == country, Submission.period_id == period_id)
            .order_by(Submission.revision)):
        data.submissions.append(SubmissionInfo(
            s.id, s.revision, s.state, s.file_name or "", s.digest or "", s.received_at,
            s.edited_after_export, s.acknowledged_at, s.acknowledgement_note,
            tuple(s.edited_cells or ()), s.contact_email or "", s.language or ""))
    rows = session.execute(
        select(Action.code, Action.retired, Commitment.description, Commitment.lead_agency,
               ProgressUpdate.status, ProgressUpdate.percent, ProgressUpdate.narrative,
               ProgressUpdate.challenges, ProgressUpdate.support_requested)
        .select_from(ProgressUpdate).join(Commitment).join(Action).join(Objective)
        .where(Commitment.country_code == country, ProgressUpdate.period_id == period_id)
        .order_by(Objective.position, Action.position, Commitment.id))
    data.updates = [UpdateRow(*row) for row in rows]
    values = session.execute(
        select(Indicator.code, Indicator.titles, Indicator.unit, Indicator.kind,
               IndicatorValue.value_number, IndicatorValue.value_text, Indicator.baseline,
               Indicator.target)
        .select_from(IndicatorValue).join(Indicator).join(Action).join(Objective)
        .where(IndicatorValue.country_code == country, IndicatorValue.period_id == period_id)
        .order_by(Objective.position, Action.position, Indicator.position))
    data.values = [ValueRow(code, dict(titles), dict(unit or {}), kind,
                            text if kind == IndicatorKind.TEXT else number, baseline, target)
                   for code, titles, unit, kind, number, text, baseline, target in values]
    return data
