"""Countries the app knows, named in the interface language from CLDR."""

from __future__ import annotations

from app.i18n.formats import country_name
from app.models.services.workspace.refdata import read_json


def reference_country_codes() -> list[str]:
    """Codes of the states of the process, as shipped (also before any database exists)."""
    return list(read_json("membership.json")["countries"])


def countries_by_name(codes: list[str], language: str | None = None) -> list[tuple[str, str]]:
    """(code, localized name) pairs sorted by name, for choosers."""
    return sorted(((code, country_name(code, language)) for code in codes), key=lambda p: p[1])
