"""Declarative base, naming convention and the stored forms of Python types."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from sqlalchemy import JSON, DateTime, MetaData, String, TypeDecorator
from sqlalchemy import Enum as SAEnum
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase

from app.i18n import fallback_chain

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Timestamps stored as naive UTC and handed back timezone-aware, so comparisons never mix."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None)

    def process_result_value(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class LocalizedText(TypeDecorator[dict[str, str]]):
    """A text in several languages: {"en": "...", "ru": "...", any language code: "..."}.

    Stored as JSON with sorted keys so the stored form is stable. Assign a new dict to change it.
    """

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: dict[str, str] | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return {str(k): str(v) for k, v in sorted(value.items()) if v is not None}

    def process_result_value(self, value: Any, dialect: Dialect) -> dict[str, str] | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = json.loads(value)
        return dict(value)


def str_enum(enum_class: type[enum.Enum], name: str) -> SAEnum:
    """An enum stored by value, with a CHECK constraint so the database refuses anything else."""
    return SAEnum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_class),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def pick_language(texts: dict[str, str] | None, language: str) -> str:
    """The text in `language`, else in the next language of its fallback chain (kk → ru → en,
    az → tr → en, ps → fa → en), else any language there is: the window, workbooks and reports all
    show a stored text through here."""
    if not texts:
        return ""
    for code in fallback_chain(language):
        if texts.get(code):
            return texts[code]
    return next((v for v in texts.values() if v), "")


ShortText = String(200)
