"""Apply a preview: back up the database, then write every change in one transaction, or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _
from app.models.database import Database
from app.models.decisions import Decision, DecisionFollowUp, Meeting
from app.models.enums import FollowUpStatus, IndicatorKind, Priority
from app.models.plan import Action, Indicator, Objective, Plan
from app.models.reporting import IndicatorValue, ReportingPeriod
from app.models.services.backups import REASON_IMPORT, back_up
from app.models.services.commitments import CommitmentInput, add_commitment, update_commitment
from app.models.services.periods import ensure_unlocked, period_by_code, reopen_period
from app.models.services.progress import clear_progress, record_progress
from app.reports.errors import PreviewHasErrorsError, StalePreviewError
from app.reports.preview_items import ChangeKind, PreviewItem
from app.reports.progress import NoProgress, Progress, checkpoint
from app.reports.submission_compare import known_commitments, progress_input
from app.reports.submission_preview import Preview, build_preview

#: What an apply may have changed, as topics views listen for (see app/ui/change_bus.py).
TOPICS = {"commitments": "commitments", "progress": "progress", "indicators": "indicator_values",
          "decisions": "decisions"}


@dataclass
class ApplyResult:
    backup: Path
    counts: dict[str, int] = field(default_factory=dict)
    reopened: list[str] = field(default_factory=list)

    @property
    def topics(self) -> frozenset[str]:
        return changed_topics(self.counts, bool(self.reopened))


def changed_topics(counts: dict[str, int], submissions: bool) -> frozenset[str]:
    """The change-bus topics of `counts` (changes per sheet key), and of submissions if they moved."""
    topics = {TOPICS[sheet] for sheet, count in counts.items() if count}
    return frozenset(topics | ({"submissions", "periods"} if submissions else set()))


def apply(db: Database, preview: Preview, progress: Progress | None = None) -> ApplyResult:
    """Write what `preview` shows. Raises if it has errors or the workspace changed since."""
    progress = progress or NoProgress()
    if preview.errors:
        raise PreviewHasErrorsError(len(preview.errors))
    checkpoint(progress, 0, 3, _("Backing up the workspace"))
    result = ApplyResult(back_up(db.path, REASON_IMPORT).path)
    checkpoint(progress, 1, 3, _("Applying the changes"))
    with db.transaction() as session:
        fresh = build_preview(session, preview.parsed)
        if fresh.signature() != preview.signature():
            raise StalePreviewError()
        result.counts, result.reopened = write_preview(session, fresh)
        checkpoint(progress, 2, 3, _("Saving"))
    progress.step(3, 3, _("Done"))
    return result


def write_preview(session: Session, preview: Preview) -> tuple[dict[str, int], list[str]]:
    """Write the new and changed items of `preview` in the caller's transaction.

    Returns the changes per sheet and the periods reopened. `preview` must have been built in this
    same transaction, so that it describes exactly what is there.
    """
    counts: dict[str, int] = {}
    reopened: list[str] = []
    country = preview.country
    for code in preview.reopen_periods:
        period = period_by_code(session, code)
        assert period is not None
        reopen_period(session, country, period)
        reopened.append(code)
    plan = session.scalar(select(Plan).where(Plan.code == preview.parsed.identity.plan_code,
                                             Plan.version == preview.parsed.identity.plan_version))
    assert plan is not None
    lookups = _Lookups(session, plan.id, country, preview.receiving)
    for item in preview.items:
        if item.kind == ChangeKind.UNCHANGED:
            continue
        _apply_item(session, country, item, lookups)
        counts[item.sheet] = counts.get(item.sheet, 0) + 1
    return counts, reopened


class _Lookups:
    def __init__(self, session: Session, plan_id: int, country: str, receiving: bool) -> None:
        self.receiving = receiving
        self.actions = {a.code: a.id for a in session.scalars(
            select(Action).join(Objective).where(Objective.plan_id == plan_id))}
        self.indicators = {i.code: i for i in session.scalars(
            select(Indicator).join(Action).join(Objective).where(Objective.plan_id == plan_id))}
        self.periods = {p.code: p for p in session.scalars(select(ReportingPeriod))}
        #: The workbook's commitment ids → this workspace's (grows as new ones are added).
        self.commitments = {key: c.id for key, c in
                            known_commitments(session, country, receiving).items()}


def _apply_item(session: Session, country: str, item: PreviewItem, lookups: _Lookups) -> None:
    values = item.values
    if item.sheet == "commitments":
        data = CommitmentInput(
            action_id=lookups.actions[values["action"]], description=values["description"] or "",
            lead_agency=values.get("lead_agency") or "", partners=values.get("partners") or "",
            start_date=values.get("start_date"), end_date=values.get("end_date"),
            priority=Priority(values.get("priority") or Priority.MEDIUM.value))
        if item.kind == ChangeKind.NEW and lookups.receiving:
            added = add_commitment(session, country, data, source_id=item.key[0])
            lookups.commitments[item.key[0]] = added.id
        elif item.kind == ChangeKind.NEW:
            add_commitment(session, country, data)
        else:
            update_commitment(session, lookups.commitments[item.key[0]], data)
    elif item.sheet == "progress" and item.kind == ChangeKind.REMOVED:
        clear_progress(session, lookups.commitments[item.key[0]], lookups.periods[item.key[1]].id,
                       check_lock=not lookups.receiving)
    elif item.sheet == "progress":
        record_progress(session, lookups.commitments[item.key[0]], lookups.periods[item.key[1]].id,
                        progress_input(values), check_lock=not lookups.receiving)
    elif item.sheet == "indicators":
        _set_indicator_value(session, country, lookups.indicators[item.key[0]],
                             lookups.periods[item.key[1]], values, lookups.receiving)
    elif item.sheet == "decisions":
        _set_follow_up(session, country, item.key, values)


def _set_indicator_value(session: Session, country: str, indicator: Indicator,
                         period: ReportingPeriod, values: dict[str, Any], receiving: bool) -> None:
    if not receiving:
        ensure_unlocked(session, country, period)
    stored = session.scalar(select(IndicatorValue).where(
        IndicatorValue.indicator_id == indicator.id, IndicatorValue.country_code == country,
        IndicatorValue.period_id == period.id))
    if stored is None:
        stored = IndicatorValue(indicator_id=indicator.id, country_code=country, period_id=period.id)
        session.add(stored)
    value = values.get("value")
    if indicator.kind == IndicatorKind.TEXT:
        stored.value_text, stored.value_number = value, None
    else:
        stored.value_number, stored.value_text = (None if value is None else float(value)), None
    stored.source = values.get("source") or ""
    stored.note = values.get("note") or ""
    session.flush()


def _set_follow_up(session: Session, country: str, key: tuple[Any, ...],
                   values: dict[str, Any]) -> None:
    decision = session.scalar(select(Decision).join(Meeting).where(
        Meeting.code == key[0], Decision.number == key[1]))
    assert decision is not None
    follow_up = session.scalar(select(DecisionFollowUp).where(
        DecisionFollowUp.decision_id == decision.id, DecisionFollowUp.country_code == country))
    if follow_up is None:
        follow_up = DecisionFollowUp(decision_id=decision.id, country_code=country)
        session.add(follow_up)
    follow_up.status = FollowUpStatus(values.get("status") or FollowUpStatus.NOT_STARTED.value)
    follow_up.note = values.get("note") or ""
    session.flush()
