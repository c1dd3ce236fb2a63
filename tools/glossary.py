"""The glossary (docs/GLOSSARY.csv): the domain's terms in every language, and the check that each
catalog says a term the way the glossary does wherever the English message uses it.

A row names a term in English and in each language (`xx`), with the forms a translation may show it
in (`xx_forms`: stems or inflected forms, `|`-separated, matched without case): Russian
"обязательств" covers обязательство, обязательства, обязательствам… Rows with a `check` regex
(matched on the English message, placeholders removed) are enforced by tests/test_glossary.py; the
others are reference for translators and reviewers (the review workbook lists them too).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "GLOSSARY.csv"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Term:
    key: str
    english: str
    check: re.Pattern[str] | None
    terms: dict[str, str]
    forms: dict[str, tuple[str, ...]]
    note: str

    def in_english(self, message: str) -> bool:
        """Whether an English message uses this term (never inside a {placeholder})."""
        return bool(self.check and self.check.search(PLACEHOLDER.sub("", message)))

    def in_translation(self, language: str, text: str) -> bool:
        """Whether a translation uses one of the language's accepted forms of this term."""
        folded = normalise(text)
        return any(normalise(form) in folded for form in self.forms.get(language, ()))

    def mentioned(self, message: str) -> bool:
        """Whether an English message mentions the term at all (for the review workbook)."""
        if self.check is not None:
            return self.in_english(message)
        return bool(re.search(rf"\b{re.escape(self.english.split(' (')[0])}", message, re.I))


def normalise(text: str) -> str:
    """Case-folded, without mnemonics' '&' (Turkish İ folds to a plain i)."""
    return text.replace("&", "").lower().replace("i\u0307", "i")


@lru_cache(maxsize=1)
def load(path: Path = GLOSSARY) -> tuple[Term, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    languages = [name for name in rows[0] if name not in ("key", "en", "check", "note")
                 and not name.endswith("_forms")] if rows else []
    return tuple(Term(
        key=row["key"], english=row["en"],
        check=re.compile(row["check"], re.IGNORECASE) if row["check"] else None,
        terms={code: row[code] for code in languages},
        forms={code: tuple(f for f in (row.get(f"{code}_forms") or "").split("|") if f)
               for code in languages},
        note=row.get("note", ""),
    ) for row in rows)


def _pairs(message: Message) -> list[tuple[str, str]]:
    """(English, translation) for every form of a message (a plural form pairs with the plural)."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    return [(ids[min(i, len(ids) - 1)], text) for i, text in enumerate(strings)]


def violations(catalog: Catalog, language: str, terms: tuple[Term, ...] | None = None) -> list[str]:
    """Messages whose English uses a checked term and whose translation does not use the
    glossary's word for it (in any accepted form)."""
    found = []
    for term in terms if terms is not None else load():
        if term.check is None or not term.forms.get(language):
            continue
        for message in catalog:
            if not message.id:
                continue
            for english, text in _pairs(message):
                if text and term.in_english(english) and not term.in_translation(language, text):
                    found.append(f"{language}: {term.key} «{term.terms[language]}» missing in "
                                 f"{english!r} -> {text!r}")
    return found
