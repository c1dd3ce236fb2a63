"""The Regional Action Plan: plan → objectives → actions → indicators, with multilingual titles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, MappedColumn, Relationship, mapped_column, relationship

from app.models.orm.base import Base, LocalizedText, str_enum
from app.models.orm.enums import Direction, IndicatorKind


def child_items(parent: str, child: str) -> Relationship[Any]:
    """The items one level down, in their order; they go when their parent goes."""
    return relationship(back_populates=parent, order_by=f"{child}.position",
                        cascade="all, delete-orphan")


def parent_column(table: str) -> MappedColumn[int]:
    """An item's parent (the item goes with it), placed right after the id."""
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True, sort_order=-1)


class Plan(Base):
    __tablename__ = "plan"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(Integer, default=1)
    adopted: Mapped[dt.date | None] = mapped_column(Date)
    titles: Mapped[dict[str, str]] = mapped_column(LocalizedText)
    #: A template plan is a starting point shipped with the app, not the official plan.
    is_template: Mapped[bool] = mapped_column(Boolean, default=False)
    #: The plan coordinators report against; exactly one plan is current at a time.
    is_current: Mapped[bool] = mapped_column(Boolean, default=False)

    objectives: Mapped[list[Objective]] = child_items("plan", "Objective")


class PlanItem:
    """What every level below the plan has: an id, a code unique under its parent, a place among
    its siblings, and titles in any language (mixed into Objective, Action and Indicator).

    `sort_order` keeps the columns in the order of the tables' migration: the id, the parent
    (`parent_column`), these, then the level's own."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-2)
    code: Mapped[str] = mapped_column(String(20), sort_order=-1)
    position: Mapped[int] = mapped_column(Integer, default=0, sort_order=-1)
    titles: Mapped[dict[str, str]] = mapped_column(LocalizedText, sort_order=-1)


class Objective(PlanItem, Base):
    __tablename__ = "objective"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    plan_id: Mapped[int] = parent_column("plan")

    plan: Mapped[Plan] = relationship(back_populates="objectives")
    actions: Mapped[list[Action]] = child_items("objective", "Action")


class Action(PlanItem, Base):
    __tablename__ = "action"
    __table_args__ = (UniqueConstraint("objective_id", "code"),)

    objective_id: Mapped[int] = parent_column("objective")
    #: Retired by a newer plan version: its commitments are kept and flagged, never deleted.
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    objective: Mapped[Objective] = relationship(back_populates="actions")
    indicators: Mapped[list[Indicator]] = child_items("action", "Indicator")


class Indicator(PlanItem, Base):
    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("action_id", "code"),)

    action_id: Mapped[int] = parent_column("action")
    unit: Mapped[dict[str, str]] = mapped_column(LocalizedText, default=dict)
    kind: Mapped[IndicatorKind] = mapped_column(str_enum(IndicatorKind, "indicator_kind"))
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    direction: Mapped[Direction] = mapped_column(
        str_enum(Direction, "indicator_direction"), default=Direction.INCREASE
    )
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    action: Mapped[Action] = relationship(back_populates="indicators")


class PlanCodeMapping(Base):
    """How a code of an older plan version maps to a code of a newer one, so history follows."""

    __tablename__ = "plan_code_mapping"
    __table_args__ = (
        UniqueConstraint("from_plan_id", "level", "old_code"),
        CheckConstraint("level IN ('objective', 'action', 'indicator')", name="level_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    to_plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(10))
    old_code: Mapped[str] = mapped_column(String(20))
    #: None when the item was retired without a successor.
    new_code: Mapped[str | None] = mapped_column(String(20))
