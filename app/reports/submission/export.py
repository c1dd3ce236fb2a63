"""Export one country's submission for one period: build the workbook, place it safely, record it.

The file is written to a temporary name in the target folder and moved into place with `os.replace`,
so a crash leaves either no file or a complete one. The period is marked exported and the Submission
row records revision, digest, time and file name in the same transaction, committed only once the
file is in place. A temporary file a crash leaves behind is hidden, never ends in `.xlsx` (no one
mails it or imports it by mistake), and is removed by a later export into the same folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl.workbook import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from sqlalchemy.orm import Session

from app import APP_NAME, __version__
from app.i18n import N_, _, is_rtl
from app.i18n.formats import format_period
from app.models.orm.base import utcnow
from app.models.orm.enums import SubmissionState
from app.models.orm.reporting import ReportingPeriod, Submission
from app.models.progress import NoProgress, Progress, checkpoint
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.keys.own import signer
from app.models.services.reporting.periods import (
    LOCKED_STATES,
    latest_submission,
    mark_submitted,
    period_by_code,
)
from app.models.storage.database import Database
from app.reports.errors import ExportFailedError
from app.reports.language import translator
from app.reports.submission.content import collect_submission
from app.reports.submission.cover import write_cover, write_meta, write_summary
from app.reports.submission.data import (
    SubmissionContent,
    report_digest_of,
    rows_body,
    sheet_rows,
)
from app.reports.submission.format import (
    COMMITMENTS,
    DATA_SHEETS,
    SUMMARY,
    file_name,
)
from app.reports.submission.revisions import (
    choose_revision,
    folder_revisions,
    ledger_path,
    read_ledger,
    record_export,
    used_revisions,
)
from app.reports.submission.seal import seal_meta
from app.reports.submission.sheets import (
    NEW_COMMITMENT_ROWS,
    SheetContext,
    Vocabulary,
    write_data_sheet,
    write_lists_sheet,
)
from app.reports.xlsx.atomic import discard, save_atomically
from app.reports.xlsx.cells import build_styles
from app.reports.xlsx.sheet_layout import sheet_title

COVER_TITLE = N_("Cover")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    digest: str
    revision: int
    country: str
    period: str
    language: str
    rows: dict[str, int]


def build_workbook(content: SubmissionContent, generated_at: dt.datetime,
                   progress: Progress | None = None, key: Ed25519PrivateKey | None = None
                   ) -> tuple[Workbook, str]:
    """The workbook of `content` (write-only, not yet saved), signed with `key`, and its digest.

    Without a key (tests that only look at the layout) a throwaway one signs it.
    """
    workbook = Workbook(write_only=True)
    try:
        return workbook, _fill(workbook, content, generated_at, progress or NoProgress(),
                               key or Ed25519PrivateKey.generate())
    except BaseException:
        discard(workbook)
        raise


def _fill(workbook: Workbook, content: SubmissionContent, generated_at: dt.datetime,
          progress: Progress, signing_key: Ed25519PrivateKey) -> str:
    language, identity = content.language, content.identity
    t = translator(language)
    digest = content.digest
    styles = build_styles(workbook, workbook.create_sheet("scratch"), language)
    workbook.remove(workbook.worksheets[0])
    page_header = t(N_("{country}, {period}, revision {revision}")).format(
        country=content.cover.country_name, period=format_period(identity.period, language),
        revision=identity.revision)
    ctx = SheetContext(workbook, styles, t, Vocabulary.build(language, t), is_rtl(language),
                       page_header)
    titles: dict[str, str] = {}
    for key, text in (("cover", COVER_TITLE), *((s.key, s.title) for s in (*DATA_SHEETS, SUMMARY))):
        titles[key] = sheet_title(t(text), titles.values())
    write_cover(ctx, titles["cover"], content, digest, generated_at)
    counts = {}
    total = len(DATA_SHEETS) + 3
    for number, spec in enumerate(DATA_SHEETS, 1):
        checkpoint(progress, number, total, t(spec.title))
        counts[spec.key] = write_data_sheet(
            ctx, spec, titles[spec.key], content.sheets[spec.key],
            blank_rows=NEW_COMMITMENT_ROWS if spec is COMMITMENTS else 0)
    write_summary(ctx, titles["summary"], content.summary)
    write_lists_sheet(ctx)
    meta = {
        **identity.as_meta(), "app_version": __version__,
        "language": language, "generated_at": generated_at.astimezone(dt.UTC).isoformat(),
        "digest": digest,
        **{f"sheet.{sheet}": title for sheet, title in titles.items()},
        **{f"rows.{sheet}": str(count) for sheet, count in counts.items()},
        **seal_meta(identity, digest, content.report_digest, signing_key),
    }
    write_meta(ctx, meta)
    workbook.security = WorkbookProtection(lockStructure=True)
    stamp = generated_at.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    props = workbook.properties
    props.creator = props.lastModifiedBy = APP_NAME
    props.title = page_header
    props.subject = t(N_("Almaty Process: national progress report"))
    props.identifier = digest
    props.language = language
    props.created = props.modified = stamp
    return digest


def export_submission(db: Database, country: str, period_code: str, language: str, folder: Path,
                      *, history: bool = False, now: dt.datetime | None = None,
                      progress: Progress | None = None) -> ExportResult:
    """Write `AP_<country>_<period>_r<revision>.xlsx` into `folder` and mark the period exported."""
    progress = progress or NoProgress()
    generated_at = now or utcnow()
    folder = Path(folder)
    if not folder.is_dir():
        raise ExportFailedError(str(folder), _("the folder does not exist"))
    t = translator(language)
    ledger = ledger_path(db.path)
    with db.transaction() as session:
        checkpoint(progress, 0, len(DATA_SHEETS) + 3, t(N_("Reading the workspace")))
        content = collect_submission(session, country, period_code, language, history=history)
        period = period_by_code(session, period_code)
        assert period is not None
        content = _numbered(session, content, period, ledger, folder)
        key = signer(session)  # read and loaded once: it signs, and its fingerprint is on the cover
        content.cover = dataclasses.replace(content.cover, key_fingerprint=fingerprint(
            key.public_key().public_bytes_raw()))
        identity = content.identity
        record_export(ledger, country, identity.period, identity.revision, content.report_digest)
        workbook, digest = build_workbook(content, generated_at, progress, key)
        target = folder / file_name(country, identity.period, identity.revision)
        checkpoint(progress, len(DATA_SHEETS) + 2, len(DATA_SHEETS) + 3, t(N_("Saving")))
        try:
            submission = _exported_submission(session, country, period, identity.revision)
            submission.digest = digest
            submission.report_digest = content.report_digest
            submission.exported_at = generated_at
            submission.file_name = target.name
            session.flush()
        except BaseException:
            discard(workbook)
            raise
        save_atomically(workbook, target)
    progress.step(len(DATA_SHEETS) + 3, len(DATA_SHEETS) + 3, t(N_("Done")))
    return ExportResult(target, digest, identity.revision, country, identity.period, language,
                        {key: len(rows.rows) for key, rows in content.sheets.items()})


def _numbered(session: Session, content: SubmissionContent, period: ReportingPeriod,
              ledger: Path, folder: Path) -> SubmissionContent:
    """`content` with the revision this report gets (see revisions.py) and, for a history
    workbook, the revision of each earlier period's report."""
    identity = content.identity
    body = rows_body(sheet_rows(content))
    report_digest = report_digest_of(identity, sheet_rows(content), body)
    revision = choose_revision(
        identity.revision, used_revisions(read_ledger(ledger), identity.country, identity.period),
        folder_revisions(folder, identity.country, identity.period), report_digest)
    revisions = tuple((code, revision if code == identity.period
                       else submitted_revision(session, identity.country, code))
                      for code in identity.periods)
    numbered = dataclasses.replace(identity, revision=revision, revisions=revisions)
    return dataclasses.replace(content, identity=numbered, report_digest=report_digest, body=body)


def submitted_revision(session: Session, country: str, period_code: str) -> int:
    """The revision an earlier period's rows in a history workbook stand for.

    A locked period holds what its latest revision sent. A period never sent, or reopened and
    being edited, holds no revision as it stands: 0, which the secretariat never applies (it
    applies a period of a history workbook only where newer than what it has).
    """
    period = period_by_code(session, period_code)
    latest = None if period is None else latest_submission(session, country, period.id)
    if latest is None or latest.state not in LOCKED_STATES:
        return 0
    return latest.revision


def _exported_submission(session: Session, country: str, period: ReportingPeriod,
                         revision: int) -> Submission:
    """The Submission row of `revision`, marked exported (a draft row takes the number)."""
    latest = latest_submission(session, country, period.id)
    if latest is None or latest.revision != revision:
        if latest is not None and latest.state == SubmissionState.DRAFT:
            latest.revision = revision
        else:
            latest = Submission(country_code=country, period_id=period.id, revision=revision,
                                state=SubmissionState.DRAFT)
            session.add(latest)
    return mark_submitted(session, country, period, SubmissionState.EXPORTED, latest=latest)
