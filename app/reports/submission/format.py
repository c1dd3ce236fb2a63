"""The submission workbook's contract: format version, sheets, and their stable column keys.

Every sheet carries its column keys in a hidden first row, so the import reads columns by key and
never depends on the (translated) headers in row 2. The hidden `_meta` sheet carries the identity
(country, period, revision, plan, format version) and the digest. A format version, once written by a
released app, never changes: a new layout gets a new number and the import keeps reading the old ones.
"""

from __future__ import annotations

import enum
import re

from app.i18n import N_
from app.models.orm.enums import FollowUpStatus, Priority, ProgressStatus
from app.reports.xlsx.columns import (
    Column,
    Kind,
    Role,
    SheetSpec,
)

#: The version this app writes. Bump it (and add a fixture workbook) whenever the layout changes.
#: 1: identity and digest, unsigned. 2: the identity also names the coordinator, the e-mail and each
#: period's revision, and is sealed and signed (seal.py); same sheets.
FORMAT_VERSION = 2
#: Versions this app reads.
READABLE_VERSIONS = frozenset({1, 2})

META_SHEET = "_meta"
LISTS_SHEET = "_lists"
#: Hidden last column of each data sheet: a short fingerprint of every data cell as exported.
FINGERPRINT_KEY = "_fp"
#: Document custom properties (also in `_meta`), readable without opening the sheets.
PROPERTY_PREFIX = "AlmatyProcess."


def _c(key: str, label: str, kind: Kind, role: Role, width: float = 14, *,
       choices: type[enum.Enum] | None = None, hidden: bool = False) -> Column:
    return Column(key, label, kind, role, width, choices, hidden)


K, D, X = Role.KEY, Role.DATA, Role.CONTEXT

COMMITMENTS = SheetSpec("commitments", N_("Commitments"), (
    _c("id", N_("ID"), Kind.ID, K, 7),
    _c("objective", N_("Objective"), Kind.CODE, X, 8),
    _c("action", N_("Action"), Kind.CODE, D, 8),
    _c("action_title", N_("Action title"), Kind.LONG_TEXT, X, 30),
    _c("description", N_("Commitment"), Kind.LONG_TEXT, D, 42),
    _c("lead_agency", N_("Lead agency"), Kind.TEXT, D, 24),
    _c("partners", N_("Partners"), Kind.TEXT, D, 16),
    _c("start_date", N_("Start"), Kind.DATE, D, 11),
    _c("end_date", N_("End"), Kind.DATE, D, 11),
    _c("priority", N_("Priority"), Kind.CHOICE, D, 11, choices=Priority),
))

PROGRESS = SheetSpec("progress", N_("Progress"), (
    _c("commitment_id", N_("ID"), Kind.ID, K, 7),
    _c("period", N_("Period"), Kind.CODE, K, 9),
    _c("action", N_("Action"), Kind.CODE, X, 7),
    _c("commitment", N_("Commitment"), Kind.LONG_TEXT, X, 30),
    _c("status", N_("Status"), Kind.CHOICE, D, 14, choices=ProgressStatus),
    _c("percent", N_("Done, %"), Kind.PERCENT, D, 10),
    _c("narrative", N_("What was done"), Kind.LONG_TEXT, D, 38),
    _c("challenges", N_("Challenges"), Kind.LONG_TEXT, D, 26),
    _c("support_requested", N_("Support requested"), Kind.LONG_TEXT, D, 26),
    _c("support_from", N_("Support from"), Kind.TEXT, D, 12),
    _c("evidence", N_("Evidence (one per line: title | location)"), Kind.LONG_TEXT, D, 28),
))

INDICATORS = SheetSpec("indicators", N_("Indicators"), (
    _c("indicator", N_("Indicator"), Kind.CODE, K, 11),
    _c("period", N_("Period"), Kind.CODE, K, 10),
    _c("value_kind", N_("Kind code"), Kind.CODE, K, 8, hidden=True),
    _c("action", N_("Action"), Kind.CODE, X, 9),
    _c("title", N_("Indicator title"), Kind.LONG_TEXT, X, 40),
    _c("kind", N_("Kind"), Kind.TEXT, X, 11),
    _c("unit", N_("Unit"), Kind.TEXT, X, 11),
    _c("baseline", N_("Baseline"), Kind.NUMBER, X, 10),
    _c("target", N_("Target"), Kind.NUMBER, X, 10),
    _c("value", N_("Value"), Kind.VALUE, D, 14),
    _c("source", N_("Source"), Kind.TEXT, D, 24),
    _c("note", N_("Note"), Kind.LONG_TEXT, D, 34),
))

DECISIONS = SheetSpec("decisions", N_("Decisions follow-up"), (
    _c("meeting", N_("Meeting"), Kind.CODE, K, 16),
    _c("number", N_("No."), Kind.INTEGER, K, 6),
    _c("held_on", N_("Held on"), Kind.DATE, X, 12),
    _c("meeting_title", N_("Meeting title"), Kind.LONG_TEXT, X, 28),
    _c("decision", N_("Decision or recommendation"), Kind.LONG_TEXT, X, 56),
    _c("status", N_("Follow-up status"), Kind.CHOICE, D, 16, choices=FollowUpStatus),
    _c("note", N_("What the country did"), Kind.LONG_TEXT, D, 44),
))

SUMMARY = SheetSpec("summary", N_("Summary"), (
    _c("objective", N_("Objective"), Kind.CODE, X, 10),
    _c("title", N_("Objective title"), Kind.LONG_TEXT, X, 48),
    _c("commitments", N_("Commitments"), Kind.INTEGER, X, 13),
    _c("reported", N_("Reported this period"), Kind.INTEGER, X, 13),
    _c("completed", N_("Completed"), Kind.INTEGER, X, 12),
    _c("delayed", N_("Delayed"), Kind.INTEGER, X, 12),
    _c("average", N_("Average done, %"), Kind.NUMBER, X, 13),
))

#: Sheets whose rows are imported, in the order they are applied.
DATA_SHEETS: tuple[SheetSpec, ...] = (COMMITMENTS, PROGRESS, INDICATORS, DECISIONS)
SHEETS_BY_KEY = {spec.key: spec for spec in (*DATA_SHEETS, SUMMARY)}

#: Choice lists on the hidden `_lists` sheet: column letter per enum (for drop-down validations).
LIST_COLUMNS: dict[str, str] = {"ProgressStatus": "A", "Priority": "B", "FollowUpStatus": "C",
                                "YesNo": "D"}


def sheets_for_version(version: int) -> tuple[SheetSpec, ...]:
    """The data sheets of a format version this app reads (versions 1 and 2 share them)."""
    if version not in READABLE_VERSIONS:
        raise KeyError(version)
    return DATA_SHEETS


def file_name(country: str, period: str, revision: int) -> str:
    """`AP_<ISO>_<period>_r<revision>.xlsx`: sorts by country, period and revision in an inbox."""
    return f"AP_{country}_{period}_r{revision}.xlsx"


#: What `file_name` writes, to tell when a received file's name disagrees with its identity.
NAME_PATTERN = re.compile(r"^AP_(?P<country>[A-Za-z]{2})_(?P<period>[^_]+)_r(?P<revision>\d+)"
                          r"(?:\s*\(\d+\))?\.xlsx$", re.IGNORECASE)
