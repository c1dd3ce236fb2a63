"""Translate into a workbook's language without touching the interface language."""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import lru_cache

from app.i18n import load_translations
from app.models.orm.enums import label_in


@lru_cache(maxsize=16)
def translator(language: str) -> Callable[[str], str]:
    """`gettext` of the catalog for `language` (loaded once; English source when there is none)."""
    return load_translations(language).gettext


@lru_cache(maxsize=64)
def labels(members: type[enum.Enum], language: str) -> dict[enum.Enum, str]:
    """Each member's label in `language`, in declaration order (looked up once per language)."""
    return {member: label_in(member, language) for member in members}


def clear_cache() -> None:
    """Forget loaded catalogs (after catalogs were compiled or moved, e.g. in tests)."""
    translator.cache_clear()
    labels.cache_clear()
