"""Words as printed: a PDF's text (`pdftotext -layout`, poppler) against the words a document
shows, each occurrence counted, so a word broken inside a narrow column is found even when the
same word is printed whole elsewhere (in a legend)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

_PUNCTUATION = "()[]{}.,:;«»\"'!?…"
#: Direction marks and isolates around embedded data (`app.i18n.isolate`): never printed.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                        "\u2066\u2067\u2068\u2069"))


def tokens(text: str) -> Counter[str]:
    """Words, with ligatures (ﬃ) spelled out; a line may end after a hyphen, so its parts count."""
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    words = (w.strip(_PUNCTUATION) for w in re.split(r"[\s\xa0/-]+", text))
    return Counter(w for w in words if len(w) > 1)


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def not_printed_whole(shown: Counter[str], pdf: Path) -> list[str]:
    """Words shown more often than the PDF prints them whole."""
    return sorted(shown - tokens(pdf_text(pdf)))
