"""Row by row: a workbook's canonical values against the workspace's, with every rule checked."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from app.i18n import _
from app.i18n.formats import format_period
from app.models.errors import ValidationError
from app.models.orm.enums import IndicatorKind, Priority, ProgressStatus
from app.models.orm.plan import Plan
from app.models.orm.reporting import Commitment, ReportingPeriod
from app.models.services.reporting.commitments import CommitmentInput, validate_commitment
from app.models.services.reporting.progress import ProgressInput, validate_progress
from app.reports.submission.data import (
    commitment_row,
    decision_row,
    indicator_row,
    parse_evidence,
    progress_row,
)
from app.reports.submission.format import COMMITMENTS, DECISIONS, INDICATORS, PROGRESS
from app.reports.submission.preview_items import ChangeKind, FieldChange, PreviewItem
from app.reports.submission.read import ParsedRow, ParsedSubmission
from app.reports.submission.stored import Stored
from app.reports.xlsx.cell_ref import CellError
from app.reports.xlsx.columns import SheetSpec


@dataclass
class Comparison:
    items: list[PreviewItem] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)
    #: Rows left out, with why (a secretariat cannot take a commitment the coordinator never saved).
    notices: list[str] = field(default_factory=list)
    #: Receiving: ids of commitments this file adds, so their progress rows are new too.
    pending: set[int] = field(default_factory=set)
    #: What the workspace holds, as compared (the apply writes into the same objects).
    stored: Stored | None = None

    def error(self, row: ParsedRow, key: str, message: str) -> None:
        self.errors.append(CellError(row.ref(key), message))


def _short(text: str | None, limit: int = 70) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _item(spec: SheetSpec, row: ParsedRow, sheet_title: str, key: tuple[Any, ...], title: str,
          old: dict[str, Any] | None, period: str | None = None) -> PreviewItem:
    new = {c.key: row.values.get(c.key) for c in spec.data}
    changes = [
        FieldChange(c.key, _(c.label), None if old is None else old.get(c.key), new[c.key],
                    row.ref(c.key))
        for c in spec.data
        if (old is None and new[c.key] is not None) or (old is not None and old.get(c.key) != new[c.key])
    ]
    kind = ChangeKind.NEW if old is None else ChangeKind.CHANGED if changes else ChangeKind.UNCHANGED
    return PreviewItem(kind, spec.key, key, title, row.number, sheet_title, new, changes, period)


def _removed(spec: SheetSpec, row: ParsedRow, sheet_title: str, key: tuple[Any, ...], title: str,
             old: dict[str, Any], period: str) -> PreviewItem:
    changes = [FieldChange(c.key, _(c.label), old.get(c.key), None, row.ref(c.key))
               for c in spec.data if old.get(c.key) is not None]
    return PreviewItem(ChangeKind.REMOVED, spec.key, key, title, row.number, sheet_title, {},
                       changes, period)


def _empty(row: ParsedRow, spec: SheetSpec) -> bool:
    return all(row.values.get(c.key) is None for c in spec.data)


def _first_seen(result: Comparison, seen: dict[tuple[Any, ...], int], key: tuple[Any, ...],
                row: ParsedRow, at: str) -> bool:
    if key in seen:
        result.error(row, at, _("This row repeats row {row}.").format(row=seen[key]))
        return False
    seen[key] = row.number
    return True


def compare_sheets(session: Session, parsed: ParsedSubmission, plan: Plan,
                   periods: dict[str, ReportingPeriod], receiving: bool = False) -> Comparison:
    """Compare every row; `receiving` when the workspace is the secretariat's (see below)."""
    stored = Stored.load(session, parsed.identity.country, plan, periods, receiving)
    result = Comparison(stored=stored)
    _commitments(result, parsed, stored)
    _progress(result, parsed, stored)
    _indicators(result, parsed, stored)
    _decisions(result, parsed, stored)
    return result


def _validation_column(spec: SheetSpec, exc: ValidationError, fallback: str) -> str:
    return exc.field if exc.field in {c.key for c in spec.data} else fallback


def _commitments(result: Comparison, parsed: ParsedSubmission, stored: Stored) -> None:
    sheet = parsed.sheets[COMMITMENTS.key]
    commitments, actions, receiving = stored.commitments, stored.actions, stored.receiving
    seen: dict[tuple[Any, ...], int] = {}
    for row in sheet.rows:
        if row.has_errors:
            continue
        values, ident = row.values, row.values.get("id")
        action = actions.get(values.get("action") or "")
        if action is None or action.retired:
            result.error(row, "action", _("Choose an action code of the current plan (for example "
                                          "1.1)."))
            continue
        try:
            validate_commitment(CommitmentInput(
                action_id=action.id, description=values.get("description") or "",
                lead_agency=values.get("lead_agency") or "", partners=values.get("partners") or "",
                start_date=values.get("start_date"), end_date=values.get("end_date"),
                priority=Priority(values.get("priority") or Priority.MEDIUM.value)))
        except ValidationError as exc:
            result.error(row, _validation_column(COMMITMENTS, exc, "description"), exc.message())
            continue
        if ident is None and receiving:
            result.notices.append(_(
                "{sheet}, row {row}: a commitment without an ID was added to the file after export. "
                "It was left out: it comes with the coordinator's next export, once imported "
                "there.").format(sheet=sheet.title, row=row.number))
            continue
        if ident is None:
            result.items.append(_item(COMMITMENTS, row, sheet.title, ("new", row.number), _(
                "New commitment under action {action}: {text}").format(
                    action=action.code, text=_short(values.get("description"))), None))
            continue
        if not _first_seen(result, seen, (ident,), row, "id"):
            continue
        commitment = commitments.get(ident)
        if commitment is None and receiving:
            result.pending.add(ident)
            result.items.append(_item(COMMITMENTS, row, sheet.title, (ident,), _(
                "New commitment {id} under action {action}: {text}").format(
                    id=ident, action=action.code, text=_short(values.get("description"))), None))
            continue
        if commitment is None:
            result.error(row, "id", _("No commitment with this ID belongs to the country in this "
                                      "workspace; clear the ID to add it as a new commitment."))
            continue
        # Named as the coordinator knows it (its action's code and its text), not by the id the
        # workbook uses inside ("commitment 1" meant nothing to a reader).
        result.items.append(_item(COMMITMENTS, row, sheet.title, (ident,), _(
            "Commitment {id}: {text}").format(id=commitment.action.code,
                                             text=_short(commitment.description)),
            commitment_row(commitment)))


def _progress(result: Comparison, parsed: ParsedSubmission, stored: Stored) -> None:
    sheet = parsed.sheets[PROGRESS.key]
    commitments, periods, updates = stored.commitments, stored.periods, stored.updates
    receiving = stored.receiving
    seen: dict[tuple[Any, ...], int] = {}
    for row in sheet.rows:
        if row.has_errors:
            continue
        # Cells as parsed (their column kinds checked them): an int id and a period code here.
        ident: Any = row.values.get("commitment_id")
        code: Any = row.values.get("period")
        commitment = commitments.get(ident) if ident is not None else None
        if commitment is None and ident not in result.pending:
            result.error(row, "commitment_id", _("No commitment with this ID belongs to the country "
                                                 "in this workspace."))
            continue
        period = periods.get(code or "")
        if period is None:
            result.error(row, "period", _("This period is not one the workbook was exported for."))
            continue
        if not _first_seen(result, seen, (ident, code), row, "commitment_id"):
            continue
        update = None if commitment is None else updates.get((commitment.id, period.id))
        if update is None and _empty(row, PROGRESS):
            continue
        if row.values.get("status") is None:
            if update is not None and receiving and _empty(row, PROGRESS):
                # The newer revision the secretariat receives no longer reports this update.
                result.items.append(_removed(PROGRESS, row, sheet.title, (ident, code),
                                             _progress_title(ident, commitment, code),
                                             progress_row(ident, code, update), code))
                continue
            if update is not None:
                result.error(row, "status", _("Choose a status."))
                continue
            row.values["status"] = ProgressStatus.NOT_STARTED.value
        try:
            validate_progress(progress_input(row.values))
        except ValidationError as exc:
            result.error(row, _validation_column(PROGRESS, exc, "status"), exc.message())
            continue
        old = None if update is None else progress_row(ident, code, update)
        result.items.append(_item(PROGRESS, row, sheet.title, (ident, code),
                                  _progress_title(ident, commitment, code), old, code))


def _progress_title(ident: Any, commitment: Commitment | None, code: str) -> str:
    """A progress record named by its commitment's action code and text and its period in words."""
    if commitment is None:  # a commitment that arrives with this same file
        return _("Progress of commitment {id} in {period}").format(id=ident,
                                                                   period=format_period(code))
    return _("Progress of {code} {text}, {period}").format(
        code=commitment.action.code, text=_short(commitment.description, 60),
        period=format_period(code))


def progress_input(values: dict[str, Any]) -> ProgressInput:
    return ProgressInput(
        status=ProgressStatus(values.get("status") or ProgressStatus.NOT_STARTED.value),
        percent=values.get("percent"), narrative=values.get("narrative") or "",
        challenges=values.get("challenges") or "",
        support_requested=values.get("support_requested") or "",
        support_from=values.get("support_from") or "",
        evidence=parse_evidence(values.get("evidence")))


def _indicators(result: Comparison, parsed: ParsedSubmission, stored: Stored) -> None:
    sheet = parsed.sheets[INDICATORS.key]
    indicators, periods, values = stored.indicators, stored.periods, stored.values
    seen: dict[tuple[Any, ...], int] = {}
    for row in sheet.rows:
        if row.has_errors:
            continue
        code, period_code = row.values.get("indicator"), row.values.get("period")
        indicator = indicators.get(code or "")
        period = periods.get(period_code or "")
        if indicator is None:
            result.error(row, "indicator", _("The plan has no indicator with this code."))
            continue
        if period is None:
            result.error(row, "period", _("This period is not one the workbook was exported for."))
            continue
        if not _first_seen(result, seen, (code, period_code), row, "indicator"):
            continue
        problem = _value_problem(indicator.kind, row.values.get("value"))
        if problem:
            result.error(row, "value", problem)
            continue
        current = values.get((indicator.id, period.id))
        if current is None and _empty(row, INDICATORS):
            continue
        old = None if current is None else indicator_row(indicator, period.code, current)
        item = _item(INDICATORS, row, sheet.title, (code, period_code), _(
            "Indicator {code} in {period}").format(code=code, period=period_code), old, period_code)
        item.value_kind = indicator.kind.value
        result.items.append(item)


def _value_problem(kind: IndicatorKind, value: Any) -> str | None:
    if value is None:
        return None
    if kind == IndicatorKind.TEXT:
        return None
    if isinstance(value, str):
        return _("Enter a number.") if kind != IndicatorKind.YES_NO else _("Choose yes or no.")
    if kind == IndicatorKind.PERCENT and not 0 <= value <= 100:
        return _("Enter a number from 0 to 100.")
    if kind == IndicatorKind.YES_NO and value not in (0, 1):
        return _("Choose yes or no.")
    return None


def _decisions(result: Comparison, parsed: ParsedSubmission, stored: Stored) -> None:
    sheet = parsed.sheets[DECISIONS.key]
    known = stored.decisions
    seen: dict[tuple[Any, ...], int] = {}
    for row in sheet.rows:
        if row.has_errors:
            continue
        key = (row.values.get("meeting"), row.values.get("number"))
        if key not in known:
            result.error(row, "meeting", _("No decision with this meeting and number is known."))
            continue
        if not _first_seen(result, seen, key, row, "meeting"):
            continue
        decision, follow_up = known[key]
        if follow_up is None and _empty(row, DECISIONS):
            continue
        if row.values.get("status") is None:
            if follow_up is not None:
                result.error(row, "status", _("Choose a status."))
                continue
            row.values["status"] = "not_started"
        old = None if follow_up is None else decision_row(decision, follow_up)
        result.items.append(_item(DECISIONS, row, sheet.title, key, _(
            "Follow-up of decision {number} of {meeting}").format(number=key[1], meeting=key[0]),
            old))
