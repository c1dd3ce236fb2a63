"""Meetings, their decisions, and one country's follow-up of each decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models.orm.decisions import Decision, DecisionFollowUp, Meeting
from app.models.orm.enums import FollowUpStatus, MeetingKind


@dataclass(frozen=True)
class FollowUpInput:
    status: FollowUpStatus = FollowUpStatus.NOT_STARTED
    note: str = ""


@dataclass
class DecisionRow:
    id: int
    number: int
    texts: dict[str, str]
    follow_up: FollowUpInput | None = None
    updated_at: dt.datetime | None = None


@dataclass
class MeetingRow:
    id: int
    code: str
    kind: MeetingKind
    held_on: dt.date
    place: dict[str, str]
    titles: dict[str, str]
    decisions: list[DecisionRow] = field(default_factory=list)


def meetings_with_follow_up(session: Session, country: str) -> list[MeetingRow]:
    """Every meeting, newest first, with its decisions and the country's follow-up of each."""
    follow_ups = {
        f.decision_id: f for f in session.scalars(
            select(DecisionFollowUp).where(DecisionFollowUp.country_code == country))
    }
    meetings = session.scalars(
        select(Meeting).options(selectinload(Meeting.decisions))
        .order_by(Meeting.held_on.desc(), Meeting.id))
    rows = []
    for meeting in meetings:
        row = MeetingRow(meeting.id, meeting.code, meeting.kind, meeting.held_on,
                         dict(meeting.place or {}), dict(meeting.titles))
        for decision in meeting.decisions:
            done = follow_ups.get(decision.id)
            row.decisions.append(DecisionRow(
                decision.id, decision.number, dict(decision.texts),
                FollowUpInput(done.status, done.note) if done else None,
                done.updated_at if done else None))
        rows.append(row)
    return rows


def get_follow_up(session: Session, decision_id: int, country: str) -> DecisionFollowUp | None:
    return session.scalar(select(DecisionFollowUp).where(
        DecisionFollowUp.decision_id == decision_id, DecisionFollowUp.country_code == country))


def follow_up_input(session: Session, decision_id: int, country: str) -> FollowUpInput | None:
    """The stored follow-up as input (e.g. to undo a change), or None where there is none."""
    done = get_follow_up(session, decision_id, country)
    return FollowUpInput(done.status, done.note) if done else None


def set_follow_up(session: Session, decision_id: int, country: str,
                  data: FollowUpInput) -> DecisionFollowUp:
    """Record where the country stands on a decision (status and a note)."""
    session.get_one(Decision, decision_id)
    done = get_follow_up(session, decision_id, country)
    if done is None:
        done = DecisionFollowUp(decision_id=decision_id, country_code=country)
        session.add(done)
    done.status = data.status
    done.note = data.note.strip()
    session.flush()
    return done


def clear_follow_up(session: Session, decision_id: int, country: str) -> None:
    """Remove the follow-up (undo of a first entry)."""
    done = get_follow_up(session, decision_id, country)
    if done is not None:
        session.delete(done)
        session.flush()
