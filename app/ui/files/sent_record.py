"""Which exported workbooks were handed to a mail program (or written as a ready draft).

The workspace database knows what was exported, not what the mail program did with it; the
dashboard's "Sent" step reads this list, kept with the app's settings by the workbook's digest
(unique per exported file, so a new revision is not sent until it is).
"""

from __future__ import annotations

from app.ui.common.settings import app_settings

KEY = "mail/sentDigests"
#: Enough for years of half-year revisions; the oldest are forgotten first.
KEEP = 200


def sent_digests() -> list[str]:
    value = app_settings().value(KEY, [])
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        return [value]
    return [str(item) for item in value] if isinstance(value, list | tuple) else []


def mark_sent(digest: str) -> None:
    digests = [d for d in sent_digests() if d != digest] + [digest]
    settings = app_settings()
    settings.setValue(KEY, digests[-KEEP:])
    settings.sync()
