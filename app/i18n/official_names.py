"""Official names of the states of the Almaty Process, where they differ from CLDR's.

CLDR names countries the way a language usually does; a document of an intergovernmental process
names a state as the state and the United Nations do. English and Russian follow UN terminology
(UNTERM short names: "Russian Federation", «Кыргызстан», not CLDR's «Киргизия»); the other
languages follow the usage of the state's own government in that language where CLDR departs from it.
Only the differences are listed: every other name still comes from CLDR (`formats.country_name`).
Iran keeps CLDR's short "Iran"/«Иран»: UNTERM's "Iran (Islamic Republic of)" does not fit a column
header or a matrix row, and the forum's documents use the short form in tables.
"""

from __future__ import annotations

#: The states and organisations' host countries that the reference data names (membership.json).
STATES: tuple[str, ...] = ("KZ", "KG", "TJ", "TM", "UZ", "AF", "IR", "RU", "TR", "AZ", "CN", "PK",
                           "IT")

#: {language: {ISO code: official name}}, only where CLDR's name differs.
OFFICIAL_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "RU": "Russian Federation",
    },
    "ru": {
        "KG": "Кыргызстан",
        "RU": "Российская Федерация",
        "TR": "Тюркийе",
    },
    "ps": {
        "TR": "ترکیه",  # CLDR's «ترکي» is the adjective (Turkish), not the state
    },
}


def official_name(iso_code: str, language: str) -> str | None:
    """The official name of a state in `language` where it differs from CLDR's, else None."""
    return OFFICIAL_NAMES.get(language.split("_")[0], {}).get(iso_code.upper())
