"""What became of one received file: its outcome and the lines the officer reads about it."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path

from app.i18n import N_, _, ngettext
from app.i18n.formats import country_name


class Outcome(enum.StrEnum):
    APPLIED = "applied"  # the first revision received for this country and period
    REPLACED = "replaced"  # a newer revision, applied over the older one
    OLDER = "older"  # older than the revision already received: not applied
    DUPLICATE = "duplicate"  # that revision was already received: not applied
    ERRORS = "errors"  # cells with errors: nothing of the file applied
    REFUSED = "refused"  # not a submission for this workspace, or not safe to open
    FAILED = "failed"  # the database could not take it, or something unexpected: nothing applied
    CANCELLED = "cancelled"  # the user stopped the batch before this file was applied
    HELD = "held"  # signed by a key not pinned for the country, or unsigned: waits for a person
    CONFLICT = "conflict"  # the revision received already, with other content: not applied


@dataclass
class FileOutcome:
    path: Path
    outcome: Outcome
    #: Why, in the user's language (a refusal's message, the first errors, the older revision…).
    detail: str = ""
    country: str | None = None
    period: str | None = None
    revision: int | None = None
    edited: bool = False
    #: How many cells differ from the export (when `edited`).
    edits: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    #: The revision a newer one replaced.
    replaced: int | None = None
    notices: list[str] = field(default_factory=list)
    #: The fingerprint of the key that signed the file ("" if unsigned or not read).
    fingerprint: str = ""
    #: Earlier periods of a history workbook left out, each with why.
    skipped: list[str] = field(default_factory=list)
    #: Only checked (a dry run): what would have been applied was rolled back.
    dry_run: bool = False

    @property
    def applied(self) -> bool:
        return self.outcome in (Outcome.APPLIED, Outcome.REPLACED) and not self.dry_run

    def line(self) -> str:
        """One line of the batch summary, in the user's language, naming the file once."""
        if not self.report() and self.path.name in self.detail:
            return self.describe()  # the refusal names the file already
        return _("{file}: {outcome}").format(file=self.path.name, outcome=self.describe())

    def report(self) -> str:
        """Which report the file holds: country, period and revision (empty if unknown)."""
        if not (self.country and self.period and self.revision is not None):
            return ""
        return _("{country} {period}, revision {revision}").format(
            country=country_name(self.country), period=self.period, revision=self.revision)

    def note(self) -> str:
        """What happened to the file, as a sentence or two."""
        changes = sum(self.counts.values())
        if self.dry_run and self.outcome in (Outcome.APPLIED, Outcome.REPLACED):
            text = ngettext("{count} change would be applied.", "{count} changes would be applied.",
                            changes).format(count=changes)
        elif self.outcome == Outcome.APPLIED:
            text = ngettext("{count} change applied.", "{count} changes applied.", changes).format(
                count=changes)
        elif self.outcome == Outcome.REPLACED:
            text = ngettext("Replaces revision {old}; {count} change applied.",
                            "Replaces revision {old}; {count} changes applied.", changes).format(
                                old=self.replaced, count=changes)
        elif self.outcome == Outcome.CANCELLED:
            text = _("The import was cancelled before this file was applied.")
        else:
            text = self.detail
        if self.edited and self.outcome in (Outcome.APPLIED, Outcome.REPLACED):
            text += " " + ngettext(
                "Edited after export: {count} cell differs from the file as exported.",
                "Edited after export: {count} cells differ from the file as exported.",
                self.edits).format(count=self.edits)
        return text

    def describe(self) -> str:
        report = self.report()
        label = _("Checked") if self.dry_run else outcome_label(self.outcome)
        if not report:
            return _("{outcome}. {note}").format(outcome=label, note=self.note())
        return _("{report}: {outcome}. {note}").format(report=report, outcome=label,
                                                       note=self.note())


_OUTCOME_LABELS = {
    Outcome.APPLIED: N_("Received"),
    Outcome.REPLACED: N_("Received"),
    Outcome.OLDER: N_("Not applied"),
    Outcome.DUPLICATE: N_("Not applied"),
    Outcome.ERRORS: N_("Not applied"),
    Outcome.REFUSED: N_("Refused"),
    Outcome.FAILED: N_("Not applied"),
    Outcome.CANCELLED: N_("Not imported"),
    Outcome.HELD: N_("Held"),
    Outcome.CONFLICT: N_("Conflict, not applied"),
}


def outcome_label(outcome: Outcome) -> str:
    """A short word for the outcome, in the interface language."""
    return _(_OUTCOME_LABELS[outcome])
