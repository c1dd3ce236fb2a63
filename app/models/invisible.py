"""Characters that reorder or hide text, for the places where a text must show what it says.

`report\\u202efdp.exe` displays as `reportexe.pdf`; a zero-width space makes two codes that look
alike differ. Names, codes and locations lose these characters on import (`strip_invisible`); free
text keeps them but shows a visible mark where they are (`mark_invisible`). The orthographic
zero-width joiner and non-joiner (U+200C, U+200D) and the directional marks (U+200E, U+200F) are
not in the set: Persian, Pashto and Urdu writing and emoji need them, and they cannot reorder text.
"""

from __future__ import annotations

import re

#: Bidi embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), zero-width space,
#: word joiner and invisible operators (U+200B, U+2060–U+2064), and the byte-order mark.
INVISIBLE = re.compile("[\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
#: What is marked in free text on screen: the same without the embeddings (LRE, RLE, PDF), which
#: the app itself puts around data in translated text (`app.i18n.isolate`) and which, unlike an
#: override, never reverses the letters of a word.
MARKED = re.compile("[\u200b\u202d\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
MARK = "\u2370"  # ⍰: a visible stand-in, never a control


def strip_invisible(text: str) -> str:
    return INVISIBLE.sub("", text)


def mark_invisible(text: str) -> str:
    return MARKED.sub(MARK, text)
