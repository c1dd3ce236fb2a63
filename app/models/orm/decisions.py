"""Meetings of the process, their numbered decisions, and each country's follow-up."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.orm.base import Base, LocalizedText, UTCDateTime, str_enum, utcnow
from app.models.orm.enums import FollowUpStatus, MeetingKind


class Meeting(Base):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind, "meeting_kind"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    titles: Mapped[dict[str, str]] = mapped_column(LocalizedText)

    decisions: Mapped[list[Decision]] = relationship(
        back_populates="meeting", order_by="Decision.number", cascade="all, delete-orphan"
    )


class Decision(Base):
    """A numbered decision or recommendation, summarised in the project's own words."""

    __tablename__ = "decision"
    __table_args__ = (UniqueConstraint("meeting_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    texts: Mapped[dict[str, str]] = mapped_column(LocalizedText)

    meeting: Mapped[Meeting] = relationship(back_populates="decisions")
    follow_ups: Mapped[list[DecisionFollowUp]] = relationship(
        back_populates="decision", cascade="all, delete-orphan"
    )


class DecisionFollowUp(Base):
    __tablename__ = "decision_follow_up"
    __table_args__ = (UniqueConstraint("decision_id", "country_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    status: Mapped[FollowUpStatus] = mapped_column(
        str_enum(FollowUpStatus, "follow_up_status"), default=FollowUpStatus.NOT_STARTED
    )
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    decision: Mapped[Decision] = relationship(back_populates="follow_ups")
