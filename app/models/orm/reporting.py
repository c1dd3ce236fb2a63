"""What a country pledges and reports: periods, commitments, progress, indicator values, submissions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.orm.base import Base, UTCDateTime, str_enum, utcnow
from app.models.orm.enums import Priority, ProgressStatus, SubmissionState
from app.models.orm.plan import Action, Indicator
from app.models.orm.reference import Country


class ReportingPeriod(Base):
    __tablename__ = "reporting_period"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="dates_in_order"),
        CheckConstraint("due_date >= end_date", name="due_after_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    due_date: Mapped[dt.date] = mapped_column(Date)


class Commitment(Base):
    """A country's pledge under one action of the plan."""

    __tablename__ = "commitment"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date",
                        name="dates_in_order"),
        CheckConstraint("length(trim(description)) > 0", name="description_required"),
        Index("ix_commitment_source", "country_code", "source_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    #: Secretariat side: the commitment's id in the coordinator's own workspace, as the country's
    #: submissions name it. Ids of one database mean nothing in another, so a received workbook's
    #: rows are matched by (country, source id); None for a commitment the workspace keeps itself.
    source_id: Mapped[int | None] = mapped_column(Integer)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    lead_agency: Mapped[str] = mapped_column(String(300), default="")
    partners: Mapped[str] = mapped_column(String(500), default="")
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    priority: Mapped[Priority] = mapped_column(str_enum(Priority, "priority"), default=Priority.MEDIUM)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    country: Mapped[Country] = relationship()
    action: Mapped[Action] = relationship()
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="commitment", cascade="all, delete-orphan"
    )


class ProgressUpdate(Base):
    """Progress of one commitment in one reporting period."""

    __tablename__ = "progress_update"
    __table_args__ = (
        UniqueConstraint("commitment_id", "period_id"),
        CheckConstraint("percent IS NULL OR (percent >= 0 AND percent <= 100)", name="percent_range"),
        # A period's rows for the views, answered from the index alone (migration 0006).
        Index("ix_progress_update_period_rows", "period_id", "commitment_id", "status", "percent",
              "support_from"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_period.id"))
    status: Mapped[ProgressStatus] = mapped_column(
        str_enum(ProgressStatus, "progress_status"), default=ProgressStatus.NOT_STARTED
    )
    percent: Mapped[int | None] = mapped_column(Integer)
    narrative: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    support_requested: Mapped[str] = mapped_column(Text, default="")
    #: Whom support is asked of: a comma-separated list such as "UNHCR, IOM".
    support_from: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    commitment: Mapped[Commitment] = relationship(back_populates="updates")
    period: Mapped[ReportingPeriod] = relationship()
    evidence: Mapped[list[EvidenceReference]] = relationship(
        back_populates="update", cascade="all, delete-orphan", order_by="EvidenceReference.id"
    )


class EvidenceReference(Base):
    """A document that backs a progress update: its title and where to find it (not the file)."""

    __tablename__ = "evidence_reference"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(
        ForeignKey("progress_update.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(500))
    location: Mapped[str] = mapped_column(String(1000), default="")

    update: Mapped[ProgressUpdate] = relationship(back_populates="evidence")


class IndicatorValue(Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "country_code", "period_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_period.id"), index=True)
    #: Numbers, percents and yes/no (1/0) are stored here...
    value_number: Mapped[float | None] = mapped_column(Float)
    #: ...and text indicators here.
    value_text: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(500), default="")
    note: Mapped[str] = mapped_column(Text, default="")

    indicator: Mapped[Indicator] = relationship()
    period: Mapped[ReportingPeriod] = relationship()


class Submission(Base):
    """One revision of a country's report for one period, and where it stands."""

    __tablename__ = "submission"
    __table_args__ = (
        UniqueConstraint("country_code", "period_id", "revision"),
        CheckConstraint("revision >= 1", name="revision_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("reporting_period.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    state: Mapped[SubmissionState] = mapped_column(
        str_enum(SubmissionState, "submission_state"), default=SubmissionState.DRAFT
    )
    digest: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(500))
    exported_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    #: Secretariat side: when the file was imported, and whether its digest did not match.
    received_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    edited_after_export: Mapped[bool] = mapped_column(Boolean, default=False)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    acknowledgement_note: Mapped[str] = mapped_column(Text, default="")
    #: Secretariat side, when edited after export: the cells that differ from the export, each
    #: {"sheet", "row", "column", "header", "value"} (the value as the file holds it).
    edited_cells: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    #: Secretariat side: whom to answer, the coordinator's e-mail as the workbook names it.
    contact_email: Mapped[str] = mapped_column(String(320), default="")
    #: The digest of the period's report as sealed in the file (the same for a single-period and a
    #: history workbook of the same revision): equal = the same report, other = a conflict.
    report_digest: Mapped[str | None] = mapped_column(String(64))
    #: Secretariat side: this revision of an earlier period came inside a history workbook.
    from_history: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Secretariat side: the fingerprint of the key that signed the file ("" if unsigned).
    signer: Mapped[str] = mapped_column(String(64), default="")
    #: Secretariat side: the language the workbook was written in, so the acknowledgement and the
    #: receipt's e-mail reach its reader in that language ("" before this was kept).
    language: Mapped[str] = mapped_column(String(16), default="")

    country: Mapped[Country] = relationship()
    period: Mapped[ReportingPeriod] = relationship()
