"""What a demo secretariat has received: submissions on time, late, edited, acknowledged, missing.

Drawn from its own random stream, so coordinator demos stay exactly as they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass
from typing import Any

from app.models.orm.enums import MembershipRole, SubmissionState
from app.models.orm.reporting import ReportingPeriod

_NOTES = ["Thank you; received complete.", "Received; figures checked with the focal point.",
          "Thank you. Please send the annex on indicators 2.1 when available.", ""]


@dataclass(frozen=True)
class Receipt:
    revision: int
    received: dt.datetime
    edited: bool
    acknowledged: dt.datetime | None
    note: str


def plan_receipts(seed: int, countries: list[str], periods: list[ReportingPeriod],
                  today: dt.date) -> dict[tuple[str, int], list[Receipt]]:
    """Receipts by (country, period index); a pair without receipts was not received."""
    rng = random.Random(seed * 7919 + 17)
    receipts: dict[tuple[str, int], list[Receipt]] = {}
    last = len(periods) - 1
    for country in countries:
        for index, period in enumerate(periods):
            due = period.due_date
            if due >= today:  # not due yet: a few countries send early
                if rng.random() < 0.25:
                    day = min(today - dt.timedelta(days=1), period.end_date + dt.timedelta(days=10))
                    receipts[(country, index)] = [_receipt(1, day, rng, None)]
                continue
            missing = 0.3 if index == last - 1 else 0.04
            if rng.random() < missing:
                continue
            late = rng.random() < 0.18
            day = due + dt.timedelta(days=rng.randint(3, 40)) if late else (
                due - dt.timedelta(days=rng.randint(0, 25)))
            day = min(day, today - dt.timedelta(days=1))
            acknowledged = None
            chance = 0.85 if index < last - 2 else (0.4 if index == last - 2 else 0.0)
            if rng.random() < chance:
                acknowledged = min(day + dt.timedelta(days=rng.randint(2, 20)),
                                   today - dt.timedelta(days=1))
            revisions = [_receipt(1, day, rng, None if rng.random() < 0.1 else acknowledged)]
            if rng.random() < 0.1:
                later = min(day + dt.timedelta(days=rng.randint(5, 30)), today - dt.timedelta(days=1))
                revisions.append(_receipt(2, later, rng, acknowledged))
            receipts[(country, index)] = revisions
    return receipts


def _receipt(revision: int, day: dt.date, rng: random.Random, acknowledged: dt.date | None) -> Receipt:
    at = dt.datetime.combine(day, dt.time(10, rng.randint(0, 59)), tzinfo=dt.UTC)
    ack = None if acknowledged is None else dt.datetime.combine(acknowledged, dt.time(15, 0),
                                                                 tzinfo=dt.UTC)
    return Receipt(revision, at, rng.random() < 0.08, ack, rng.choice(_NOTES) if ack else "")


def _digest(country: str, period: str, revision: int) -> str:
    return hashlib.sha256(f"{country}/{period}/r{revision}".encode()).hexdigest()


def submission_rows(country: str, period: ReportingPeriod, receipts: list[Receipt]) -> list[dict[str, Any]]:
    return [{
        "country_code": country, "period_id": period.id, "revision": r.revision,
        "state": SubmissionState.ACKNOWLEDGED if r.acknowledged else SubmissionState.EXPORTED,
        "exported_at": r.received - dt.timedelta(hours=20), "received_at": r.received,
        "edited_after_export": r.edited, "acknowledged_at": r.acknowledged,
        "acknowledgement_note": r.note, "digest": _digest(country, period.code, r.revision),
        "file_name": f"AP_{country}_{period.code}_r{r.revision}.xlsx",
    } for r in receipts]


#: Demo countries beyond the shipped reference data take part as observers.
DEMO_MEMBERSHIP = {"role": MembershipRole.OBSERVER, "valid_from": dt.date(2019, 1, 1),
                   "note": "Demo country"}
