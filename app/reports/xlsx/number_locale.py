"""Number formats in the workbook's language: a locale tag ("[$-419]") before a number format
makes LibreOffice and Excel write the number with that language's separators (0,5 in Russian),
where a bare "0.0" printed with a decimal point whatever the language of the workbook. Dates are
real date cells shown in the language's short date order (31.03.2026 in Russian), with the year in
full; the cell's value, which the importer reads, is the same date whatever its format."""

from __future__ import annotations

import re
from functools import lru_cache

from app.i18n.formats import locale_for

#: The format of a language without a usable CLDR short date (and of the machine keys).
ISO_DATE = "yyyy-mm-dd"
_FIELD = re.compile(r"'[^']*'|[A-Za-z]+|[^A-Za-z']+")

#: Windows locale ids of the languages the workbooks are written in.
LCID = {"en": 0x409, "ru": 0x419, "kk": 0x43F, "ky": 0x440, "tg": 0x428, "tk": 0x442,
        "uz": 0x443, "fa": 0x429, "ps": 0x463, "tr": 0x41F, "az": 0x42C, "ur": 0x420}


def localized(number_format: str, language: str | None) -> str:
    """`number_format` tagged with the language's locale (unchanged for an unknown language)."""
    lcid = LCID.get(language or "")
    return f"[$-{lcid:X}]{number_format}" if lcid else number_format


@lru_cache(maxsize=32)
def date_format(language: str | None) -> str:
    """The language's CLDR short date as a spreadsheet number format, the year in four digits
    (dd.MM.yy → dd.mm.yyyy; y/M/d → yyyy/m/d); ISO where the pattern has other fields."""
    if not language or language not in LCID:
        return ISO_DATE
    parts = []
    for field in _FIELD.findall(locale_for(language).date_formats["short"].pattern):
        letter = field[0]
        if letter == "y":
            parts.append("yyyy")
        elif letter in "Md":
            parts.append(letter.lower() * min(len(field), 2))
        elif letter.isalpha() or letter == "'":
            return ISO_DATE  # an era, a weekday or a quoted word: not worth a guess
        else:
            # "/" alone is the reader's system date separator in Excel: written as itself
            parts.append("".join(f"\\{c}" if c not in " .-" else c for c in field))
    return localized("".join(parts), language)
