"""Number formats in the workbook's language: a locale tag ("[$-419]") before a number format
makes LibreOffice and Excel write the number with that language's separators (0,5 in Russian),
where a bare "0.0" printed with a decimal point whatever the language of the workbook."""

from __future__ import annotations

#: Windows locale ids of the languages the workbooks are written in.
LCID = {"en": 0x409, "ru": 0x419, "kk": 0x43F, "ky": 0x440, "tg": 0x428, "tk": 0x442,
        "uz": 0x443, "fa": 0x429, "ps": 0x463, "tr": 0x41F, "az": 0x42C, "ur": 0x420}


def localized(number_format: str, language: str | None) -> str:
    """`number_format` tagged with the language's locale (unchanged for an unknown language)."""
    lcid = LCID.get(language or "")
    return f"[$-{lcid:X}]{number_format}" if lcid else number_format
