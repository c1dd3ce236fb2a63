"""Countries, their membership of the Almaty Process over time, and the chair rotation."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.models.orm.base import Base, str_enum
from app.models.orm.enums import MembershipRole


class Country(Base):
    """A state by ISO 3166-1 alpha-2 code; its names come from CLDR, never from this table."""

    __tablename__ = "country"
    __table_args__ = (CheckConstraint("length(code) = 2 AND code = upper(code)", name="code_iso2"),)

    code: Mapped[str] = mapped_column(String(2), primary_key=True)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="country", order_by="Membership.valid_from"
    )


class CountryTerm:
    """A country over a stretch of time (a membership, a chair's term); a new term is a new row,
    so history is kept. `sort_order` keeps the migration's column order: id and country first,
    the dates and note after the term's own columns."""

    id: Mapped[int] = mapped_column(primary_key=True, sort_order=-1)
    country_code: Mapped[str] = mapped_column(ForeignKey("country.code"), index=True, sort_order=-1)
    valid_from: Mapped[dt.date] = mapped_column(Date, sort_order=1)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, sort_order=1)
    note: Mapped[str] = mapped_column(String(500), default="", sort_order=1)


class Membership(CountryTerm, Base):
    """One role of a country over one stretch of time; history is kept, never overwritten."""

    __tablename__ = "membership"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="dates_in_order"),
    )

    role: Mapped[MembershipRole] = mapped_column(str_enum(MembershipRole, "membership_role"))

    country: Mapped[Country] = relationship(back_populates="memberships")


class ChairTerm(CountryTerm, Base):
    """Who chaired the process, and when."""

    __tablename__ = "chair_term"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="dates_in_order"),
    )

    country: Mapped[Country] = relationship()
