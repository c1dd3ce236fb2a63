"""The workspace profile (whose database this is) and the change log (who changed what)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.orm.base import Base, UTCDateTime, str_enum, utcnow
from app.models.orm.enums import WorkspaceRole
from app.models.storage.workspace_identity import new_id


class WorkspaceProfile(Base):
    """Exactly one row: the role of this workspace and the person who keeps it."""

    __tablename__ = "workspace_profile"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("role <> 'coordinator' OR country_code IS NOT NULL", name="coordinator_country"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    role: Mapped[WorkspaceRole] = mapped_column(str_enum(WorkspaceRole, "workspace_role"))
    country_code: Mapped[str | None] = mapped_column(ForeignKey("country.code"))
    coordinator_name: Mapped[str] = mapped_column(String(200))
    ministry: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    language: Mapped[str] = mapped_column(String(10), default="en")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Which workspace this is, whatever its file is called: its backups carry it (in the copy
    #: and in their names), and only its own backups are listed, thinned and restored.
    workspace_id: Mapped[str] = mapped_column(String(36), default=new_id)


class ChangeLog(Base):
    """One changed field: institutional memory that survives staff turnover."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(40))
    operation: Mapped[str] = mapped_column(String(10))
    field: Mapped[str] = mapped_column(String(60), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("operation IN ('insert', 'update', 'delete')", name="operation_known"),
        Index("ix_change_log_entity", "entity", "entity_id"),
    )
