"""Compare a read workbook with the workspace: what is new, changed (old → new), unchanged, wrong.

Building a preview only reads. The same comparison runs again inside the apply transaction, so what
is applied is exactly what was shown (or nothing, if the workspace changed in between).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import _, ngettext
from app.i18n.formats import country_name, format_period
from app.models.orm.enums import WorkspaceRole
from app.models.orm.plan import Plan
from app.models.orm.reference import Country
from app.models.orm.reporting import ReportingPeriod
from app.models.services.plan.current import current_plan
from app.models.services.reporting.periods import is_locked
from app.models.services.workspace.profile import get_profile
from app.models.storage.database import Database
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.compare import Comparison, compare_sheets
from app.reports.submission.data import plan_digest
from app.reports.submission.preview_items import ChangeKind, PreviewItem
from app.reports.submission.read import ParsedSubmission
from app.reports.submission.stored import Stored
from app.reports.xlsx.cell_ref import CellError


@dataclass
class Preview:
    parsed: ParsedSubmission
    country: str
    items: list[PreviewItem]
    errors: list[CellError]
    #: Submitted periods the apply reopens (each gets a new revision) because the file changes them.
    reopen_periods: list[str]
    notices: list[str]
    #: The secretariat's workspace receives the file: commitments are matched by source id, and
    #: periods are not locked (its submissions are the revisions received, not its own exports).
    receiving: bool = False
    #: The rows compared, for an apply in the same session (see submission_stored).
    stored: Stored | None = None

    def of_kind(self, kind: ChangeKind) -> list[PreviewItem]:
        return [item for item in self.items if item.kind == kind]

    @property
    def has_changes(self) -> bool:
        return any(item.kind != ChangeKind.UNCHANGED for item in self.items)

    @property
    def can_apply(self) -> bool:
        return not self.errors and self.has_changes

    def signature(self) -> tuple[Any, ...]:
        """What an apply would do; equal signatures mean the workspace did not change meanwhile."""
        return (
            tuple((i.kind.value, i.sheet, i.key, tuple((c.key, c.old, c.new) for c in i.changes))
                  for i in self.items if i.kind != ChangeKind.UNCHANGED),
            len(self.errors), tuple(self.reopen_periods))


def preview(db: Database, parsed: ParsedSubmission) -> Preview:
    """The preview of importing `parsed` into the workspace; refuses files not meant for it."""
    with db.reading() as session:
        return build_preview(session, parsed)


def is_receiving(session: Session) -> bool:
    """Whether this workspace receives submissions (the secretariat's) rather than writes them."""
    profile = get_profile(session)
    return profile is not None and profile.role == WorkspaceRole.SECRETARIAT


def refuse_foreign(session: Session, parsed: ParsedSubmission) -> tuple[Plan, dict[str, ReportingPeriod]]:
    """Refuse a workbook for another country, plan version or unknown periods."""
    identity, name = parsed.identity, parsed.path.name
    profile = get_profile(session)
    if profile is not None and profile.role == WorkspaceRole.COORDINATOR and (
            profile.country_code != identity.country):
        raise WorkbookRefusedError("wrong_country", _(
            "{name} is the report of {country}, but this workspace keeps the commitments of {own}. "
            "Nothing was imported.").format(name=name, country=country_name(identity.country),
                                            own=country_name(profile.country_code or "")))
    if session.get(Country, identity.country) is None:
        raise WorkbookRefusedError("unknown_country", _(
            "{name} is for a country this workspace does not know ({code}).").format(
                name=name, code=identity.country))
    plan = session.scalar(select(Plan).where(Plan.code == identity.plan_code,
                                             Plan.version == identity.plan_version))
    if plan is None or (identity.plan_digest and identity.plan_digest != plan_digest(session, plan.id)):
        raise plan_mismatch(session, parsed, plan is not None)
    codes = {identity.period, *identity.periods}
    periods = {p.code: p for p in session.scalars(
        select(ReportingPeriod).where(ReportingPeriod.code.in_(codes)))}
    unknown = sorted(codes - periods.keys())
    if unknown:
        raise WorkbookRefusedError("unknown_period", _(
            "{name} reports on periods this workspace does not have ({periods}).").format(
                name=name, periods=", ".join(unknown)))
    return plan, periods


def plan_mismatch(session: Session, parsed: ParsedSubmission, same_number: bool
                  ) -> WorkbookRefusedError:
    """One message for a file made against another plan than the workspace's: both named."""
    identity, name = parsed.identity, parsed.path.name
    own = current_plan(session)
    own_text = (_("{code}, version {version}").format(code=own.code, version=own.version)
                if own is not None else _("none"))
    file_text = _("{code}, version {version}").format(code=identity.plan_code,
                                                      version=identity.plan_version)
    if same_number:
        detail = _("The plan {plan} of {name} has other actions or indicators than this "
                   "workspace's plan of the same code and version.").format(plan=file_text,
                                                                           name=name)
    else:
        detail = _("{name} was filled in against the action plan {plan}; this workspace's current "
                   "plan is {own}.").format(name=name, plan=file_text, own=own_text)
    if is_receiving(session):
        advice = _("Send the coordinator your current plan workbook; once they have imported it, "
                   "their next export will fit.")
    else:
        advice = _("Import the secretariat's current plan workbook, then import this file again, "
                   "or ask for a file made against your plan.")
    return WorkbookRefusedError("unknown_plan", _("{detail} Nothing was imported. {advice}").format(
        detail=detail, advice=advice))


def build_preview(session: Session, parsed: ParsedSubmission) -> Preview:
    plan, periods = refuse_foreign(session, parsed)
    country = parsed.identity.country
    receiving = is_receiving(session)
    comparison: Comparison = compare_sheets(session, parsed, plan, periods, receiving)
    touched = {item.period for item in comparison.items
               if item.kind != ChangeKind.UNCHANGED and item.period}
    reopen = [] if receiving else sorted(
        (code for code in touched if is_locked(session, country, periods[code].id)),
        key=lambda code: periods[code].start_date)
    notices = []
    if parsed.edited_after_export:
        count = len(parsed.edits)
        notices.append(ngettext(
            "Edited after export: the content no longer matches the digest written when the file "
            "was exported ({count} cell differs).",
            "Edited after export: the content no longer matches the digest written when the file "
            "was exported ({count} cells differ).", count).format(count=count))
    for code in reopen:
        notices.append(_("The period {period} was submitted; applying reopens it, and its next "
                         "export will be a new revision.").format(period=format_period(code)))
    notices.extend(comparison.notices)
    return Preview(parsed, country, comparison.items, [*parsed.errors, *comparison.errors], reopen,
                   notices, receiving, comparison.stored)
