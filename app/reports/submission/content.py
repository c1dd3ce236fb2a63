"""Gather one country's submission for one period (or its history) from the database."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import country_name
from app.models.errors import ValidationError
from app.models.orm.base import pick_language
from app.models.orm.enums import IndicatorKind, ProgressStatus
from app.models.orm.reporting import Commitment, ProgressUpdate, ReportingPeriod
from app.models.services.plan.current import current_plan
from app.models.services.reporting.commitments import list_commitments
from app.models.services.reporting.periods import period_by_code
from app.models.services.workspace.profile import get_profile
from app.reports.language import labels
from app.reports.submission.data import (
    CoverInfo,
    Identity,
    SheetRows,
    SubmissionContent,
    commitment_row,
    decision_row,
    decisions_with_follow_up,
    history_periods,
    indicator_row,
    loaded_plan_digest,
    next_revision,
    plan_indicators,
    progress_row,
    updates_by_key,
    values_by_key,
)


def collect_submission(session: Session, country: str, period_code: str, language: str,
                       *, history: bool = False) -> SubmissionContent:
    """Everything the workbook shows, with canonical key and data values and context in `language`."""
    period = period_by_code(session, period_code)
    if period is None:
        raise ValidationError(_("Unknown reporting period: {code}").format(code=period_code), "period")
    plan = current_plan(session)
    if plan is None:
        raise ValidationError(_("The workspace has no current action plan."), "plan")
    # The period being reported first (its rows are the ones to fill in), then the earlier ones.
    periods = history_periods(session, country, period)[::-1] if history else [period]
    period_ids = [p.id for p in periods]
    commitments = list_commitments(session, country)
    updates = updates_by_key(session, country, period_ids)
    values = values_by_key(session, country, period_ids)

    profile = get_profile(session)
    identity = Identity(
        country=country, period=period.code, revision=next_revision(session, country, period),
        plan_code=plan.code, plan_version=plan.version, periods=tuple(p.code for p in periods),
        history=history, coordinator=profile.coordinator_name if profile else "",
        email=profile.email if profile else "", plan_digest=loaded_plan_digest(plan),
    )
    sheets = {
        "commitments": _commitment_rows(commitments, language),
        "progress": _progress_rows(commitments, periods, period, updates),
        "indicators": _indicator_rows(plan_indicators(plan), periods, period, values, language),
        "decisions": _decision_rows(session, country, language),
    }
    cover = CoverInfo(
        country_name=country_name(country, language), period_start=period.start_date,
        period_end=period.end_date, due_date=period.due_date,
        coordinator=profile.coordinator_name if profile else "",
        ministry=profile.ministry if profile else "", email=profile.email if profile else "",
        plan_title=pick_language(plan.titles, language), plan_is_template=plan.is_template,
    )
    summary = _summary(plan_objectives(plan, language), commitments, period, updates)
    return SubmissionContent(identity, language, cover, sheets, summary)


def plan_objectives(plan: Any, language: str) -> list[tuple[int, str, str]]:
    return [(o.id, o.code, pick_language(o.titles, language)) for o in plan.objectives]


def _commitment_rows(commitments: list[Commitment], language: str) -> SheetRows:
    sheet = SheetRows("commitments")
    for commitment in commitments:
        row = commitment_row(commitment)
        row["objective"] = commitment.action.objective.code
        row["action_title"] = pick_language(commitment.action.titles, language)
        sheet.add(row)
    return sheet


def _progress_rows(commitments: list[Commitment], periods: list[ReportingPeriod],
                   period: ReportingPeriod, updates: dict[tuple[int, int], ProgressUpdate]
                   ) -> SheetRows:
    """Every commitment for the chosen period (to fill in); earlier periods where reported."""
    sheet = SheetRows("progress")
    for each in periods:
        for commitment in commitments:
            update = updates.get((commitment.id, each.id))
            if update is None and each.id != period.id:
                continue
            row = progress_row(commitment.id, each.code, update)
            row["action"] = commitment.action.code
            row["commitment"] = commitment.description
            sheet.add(row, editable=each.id == period.id)
    return sheet


def _indicator_rows(indicators: list[Any], periods: list[ReportingPeriod], period: ReportingPeriod,
                    values: dict[tuple[int, int], Any], language: str) -> SheetRows:
    sheet = SheetRows("indicators")
    kinds = labels(IndicatorKind, language)
    for each in periods:
        for action, indicator in indicators:
            value = values.get((indicator.id, each.id))
            if value is None and each.id != period.id:
                continue
            row = indicator_row(indicator, each.code, value)
            row.update(action=action.code, title=pick_language(indicator.titles, language),
                       kind=kinds[indicator.kind], unit=pick_language(indicator.unit, language),
                       baseline=indicator.baseline, target=indicator.target)
            sheet.add(row, editable=each.id == period.id)
    return sheet


def _decision_rows(session: Session, country: str, language: str) -> SheetRows:
    sheet = SheetRows("decisions")
    for decision, follow_up in decisions_with_follow_up(session, country):
        row = decision_row(decision, follow_up)
        row.update(held_on=decision.meeting.held_on,
                   meeting_title=pick_language(decision.meeting.titles, language),
                   decision=pick_language(decision.texts, language))
        sheet.add(row)
    return sheet


def _summary(objectives: list[tuple[int, str, str]], commitments: list[Commitment],
             period: ReportingPeriod, updates: dict[tuple[int, int], ProgressUpdate]
             ) -> list[dict[str, Any]]:
    """Per objective, for the chosen period: how many commitments, reported, done, late, average %."""
    rows = []
    for objective_id, code, title in objectives:
        mine = [c for c in commitments if c.action.objective_id == objective_id]
        reported = [u for c in mine if (u := updates.get((c.id, period.id))) is not None]
        percents = [u.percent for u in reported if u.percent is not None]
        rows.append({
            "objective": code, "title": title, "commitments": len(mine), "reported": len(reported),
            "completed": sum(u.status == ProgressStatus.COMPLETED for u in reported),
            "delayed": sum(u.status == ProgressStatus.DELAYED for u in reported),
            "average": round(sum(percents) / len(percents), 1) if percents else 0,
        })
    return rows
