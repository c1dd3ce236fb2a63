"""Rules shared by every edited code and multilingual title (plan items, calendar, memberships)."""

from __future__ import annotations

import re

from app.i18n import SOURCE_LANGUAGE, _
from app.models.errors import ValidationError

_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
CODE_LENGTH = 20


def clean_code(code: str, field: str = "code") -> str:
    """A code as stored: trimmed, short, letters, digits, dots, dashes and underscores only."""
    code = (code or "").strip()
    if not code:
        raise ValidationError(_("Enter a code."), field)
    if len(code) > CODE_LENGTH:
        raise ValidationError(
            _("A code has at most {count} characters.").format(count=CODE_LENGTH), field)
    if not _CODE.match(code):
        raise ValidationError(
            _("A code may hold letters, digits, dots, dashes and underscores only."), field)
    return code


def clean_titles(titles: dict[str, str], field: str = "titles",
                 required: bool = True) -> dict[str, str]:
    """Titles as stored: trimmed, empty languages dropped, English present when required.

    English is the language every report falls back on, so it may not be missing.
    """
    cleaned = {str(lang).strip(): text.strip() for lang, text in (titles or {}).items()
               if lang and text and text.strip()}
    if required and not cleaned.get(SOURCE_LANGUAGE):
        raise ValidationError(_("Enter the title in English at least."), field)
    return dict(sorted(cleaned.items()))
