"""Apply a preview: back up the database, then write every change in one transaction, or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from app.models import topics
from app.models.orm.decisions import DecisionFollowUp
from app.models.orm.enums import FollowUpStatus, IndicatorKind, Priority
from app.models.orm.reporting import IndicatorValue, ProgressUpdate
from app.models.progress import NoProgress, Progress
from app.models.services.reporting.commitments import CommitmentInput, add_commitment, update_commitment
from app.models.services.reporting.periods import ensure_unlocked, reopen_period
from app.models.services.reporting.progress import fill_update
from app.models.services.workspace.backups import REASON_IMPORT, apply_after_backup
from app.models.storage.database import Database
from app.reports.errors import PreviewHasErrorsError, StalePreviewError
from app.reports.submission.compare import progress_input
from app.reports.submission.preview import Preview, build_preview
from app.reports.submission.preview_items import ChangeKind, PreviewItem
from app.reports.submission.stored import Stored

#: What an apply may have changed, per sheet key, as the topics views listen for.
TOPICS = {"commitments": topics.COMMITMENTS, "progress": topics.PROGRESS,
          "indicators": topics.INDICATOR_VALUES, "decisions": topics.DECISIONS}


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
    touched = {TOPICS[sheet] for sheet, count in counts.items() if count}
    return frozenset(touched | ({topics.SUBMISSIONS, topics.PERIODS} if submissions else set()))


def apply(db: Database, preview: Preview, progress: Progress | None = None) -> ApplyResult:
    """Write what `preview` shows. Raises if it has errors or the workspace changed since."""
    progress = progress or NoProgress()
    if preview.errors:
        raise PreviewHasErrorsError(len(preview.errors))

    def work(session: Session) -> tuple[dict[str, int], list[str]]:
        fresh = build_preview(session, preview.parsed)
        if fresh.signature() != preview.signature():
            raise StalePreviewError()
        return write_preview(session, fresh)

    (counts, reopened), backup = apply_after_backup(db, REASON_IMPORT, work, progress)
    result = ApplyResult(backup.path)
    result.counts, result.reopened = counts, reopened
    return result


def write_preview(session: Session, preview: Preview) -> tuple[dict[str, int], list[str]]:
    """Write the new, changed and removed items of `preview` in the caller's transaction.

    Returns the changes per sheet and the periods reopened. `preview` must have been built in this
    same session: its stored rows are the objects written into, so no row costs a query, and the
    whole file is flushed twice (new commitments first, for their ids), not once per row.
    """
    stored = preview.stored
    assert stored is not None, "a preview to apply is built in the applying session"
    counts: dict[str, int] = {}
    reopened: list[str] = []
    for code in preview.reopen_periods:
        reopen_period(session, preview.country, stored.periods[code])
        reopened.append(code)
    changed = [item for item in preview.items if item.kind != ChangeKind.UNCHANGED]
    if not stored.receiving:  # the coordinator's own periods: each touched one must be open now
        for code in sorted({item.period for item in changed if item.period}):
            ensure_unlocked(session, preview.country, stored.periods[code])
    with session.no_autoflush:
        for item in changed:
            if item.sheet == "commitments":
                _commitment(session, stored, item)
        session.flush()
        for item in changed:
            if item.sheet == "progress":
                _progress(session, stored, item)
            elif item.sheet == "indicators":
                _indicator_value(session, stored, item)
            elif item.sheet == "decisions":
                _follow_up(session, stored, item)
    session.flush()
    for item in changed:
        counts[item.sheet] = counts.get(item.sheet, 0) + 1
    return counts, reopened


def _commitment(session: Session, stored: Stored, item: PreviewItem) -> None:
    values = item.values
    data = CommitmentInput(
        action_id=stored.actions[values["action"]].id, description=values["description"] or "",
        lead_agency=values.get("lead_agency") or "", partners=values.get("partners") or "",
        start_date=values.get("start_date"), end_date=values.get("end_date"),
        priority=Priority(values.get("priority") or Priority.MEDIUM.value))
    if item.kind == ChangeKind.NEW and stored.receiving:
        stored.commitments[item.key[0]] = add_commitment(
            session, stored.country, data, source_id=item.key[0], flush=False)
    elif item.kind == ChangeKind.NEW:
        add_commitment(session, stored.country, data, flush=False)
    else:
        update_commitment(session, stored.commitments[item.key[0]].id, data, flush=False)


def _progress(session: Session, stored: Stored, item: PreviewItem) -> None:
    commitment = stored.commitments[item.key[0]]
    period = stored.periods[item.key[1]]
    update = stored.updates.get((commitment.id, period.id))
    if item.kind == ChangeKind.REMOVED:
        if update is not None:
            session.delete(update)
        return
    if update is None:
        update = ProgressUpdate(commitment_id=commitment.id, period_id=period.id)
        session.add(update)
        stored.updates[(commitment.id, period.id)] = update
    fill_update(update, progress_input(item.values))


def _indicator_value(session: Session, stored: Stored, item: PreviewItem) -> None:
    indicator = stored.indicators[item.key[0]]
    period = stored.periods[item.key[1]]
    value_row = stored.values.get((indicator.id, period.id))
    if value_row is None:
        value_row = IndicatorValue(indicator_id=indicator.id, country_code=stored.country,
                                   period_id=period.id)
        session.add(value_row)
        stored.values[(indicator.id, period.id)] = value_row
    value = item.values.get("value")
    if indicator.kind == IndicatorKind.TEXT:
        value_row.value_text, value_row.value_number = value, None
    else:
        value_row.value_number, value_row.value_text = (None if value is None else float(value)), None
    value_row.source = item.values.get("source") or ""
    value_row.note = item.values.get("note") or ""


def _follow_up(session: Session, stored: Stored, item: PreviewItem) -> None:
    decision, follow_up = stored.decisions[item.key]
    if follow_up is None:
        follow_up = DecisionFollowUp(decision_id=decision.id, country_code=stored.country)
        session.add(follow_up)
        stored.decisions[item.key] = (decision, follow_up)
    follow_up.status = FollowUpStatus(item.values.get("status") or FollowUpStatus.NOT_STARTED.value)
    follow_up.note = item.values.get("note") or ""
