"""Checks of the catalogs: coverage per language, and translations that keep the source's
placeholders, plural forms, HTML tags, mnemonics and file patterns, and compile."""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from app.i18n import LANGUAGES, SOURCE_LANGUAGE
from tools import catalogs
from tools.catalogs import is_translated

#: Required share of translated messages: the complete languages, then every other one.
COMPLETE = {"en", "ru"}
MINIMUM_COVERAGE = 0.95

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdfr]|%[sdfr]")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
MNEMONIC = re.compile(r"&(?=[^&\s])")
FILE_PATTERNS = re.compile(r"\([^()]*\*[^()]*\)")


@dataclass(frozen=True)
class Coverage:
    language: str
    translated: int
    total: int

    @property
    def ratio(self) -> float:
        return self.translated / self.total if self.total else 1.0

    @property
    def required(self) -> float:
        return 1.0 if self.language in COMPLETE else MINIMUM_COVERAGE


def coverage(language: str, template: Catalog | None = None) -> Coverage:
    """Messages of the template that the language's catalog translates (not fuzzy, no empty form)."""
    template = template or catalogs.load(catalogs.POT)
    ids = [(m.id, m.context) for m in template if m.id]
    if language == SOURCE_LANGUAGE:
        return Coverage(language, len(ids), len(ids))
    path = catalogs.po_path(language)
    catalog = catalogs.load(path, language) if path.exists() else catalogs.new_catalog(language)
    done = sum(1 for msgid, context in ids
               if (m := catalog.get(msgid, context)) is not None and is_translated(m))
    return Coverage(language, done, len(ids))


def coverage_table() -> str:
    template = catalogs.load(catalogs.POT)
    rows = [coverage(code, template) for code in LANGUAGES]
    lines = [f"{'language':<10}{'translated':>11}{'total':>7}{'%':>8}  "]
    for row in rows:
        flag = "" if row.ratio >= row.required else f"  below {row.required:.0%}"
        lines.append(f"{row.language:<10}{row.translated:>11}{row.total:>7}{row.ratio:>8.1%}{flag}")
    return "\n".join(lines)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def tags(text: str) -> list[str]:
    return sorted(t.split()[0].rstrip(">").lower() for t in TAG.findall(text))


def _forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def check_message(message: Message, language: str, nplurals: int) -> list[str]:
    """What is wrong with one translated message (empty list when nothing)."""
    source_ids = list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]
    forms = _forms(message)
    problems = []
    where = f"{language}: {source_ids[0]!r}"
    if message.pluralizable and len(forms) != nplurals:
        problems.append(f"{where}: {len(forms)} plural forms, the language has {nplurals}")
    if message.fuzzy and any(forms):
        problems.append(f"{where}: marked fuzzy (not used); check it and remove the flag")
    # Every plural form names the same placeholders as the plural source (Russian uses form 0 for 21).
    reference = source_ids[-1]
    for form in forms:
        if not form:
            continue
        if placeholders(form) != placeholders(reference) and not (
                message.pluralizable and set(placeholders(form)) == set(placeholders(reference))):
            problems.append(f"{where}: placeholders {placeholders(form)} != {placeholders(reference)}")
        if FILE_PATTERNS.findall(form) != FILE_PATTERNS.findall(reference):
            problems.append(f"{where}: file patterns {FILE_PATTERNS.findall(form)} != "
                            f"{FILE_PATTERNS.findall(reference)}")
        if tags(form) != tags(reference):
            problems.append(f"{where}: HTML tags {tags(form)} != {tags(reference)}")
        source_mnemonics = len(MNEMONIC.findall(reference.replace("&&", "")))
        mnemonics = len(MNEMONIC.findall(form.replace("&&", "")))
        if mnemonics != source_mnemonics:
            problems.append(f"{where}: {mnemonics} '&' mnemonics, the source has {source_mnemonics}")
    if message.pluralizable and any(forms) and not all(forms):
        problems.append(f"{where}: some plural forms are empty")
    return problems


def check_catalog(language: str) -> list[str]:
    """Header, plural forms, placeholders, tags, mnemonics, and that the catalog compiles."""
    path = catalogs.po_path(language)
    if not path.exists():
        return [f"{language}: no catalog at {path.relative_to(catalogs.ROOT)}; run `make update-catalogs`"]
    catalog = catalogs.load(path, language)
    expected = get_plural(language)
    problems = []
    if catalog.fuzzy:
        problems.append(f"{language}: the catalog header is marked fuzzy; pybabel will not compile it")
    if catalog.num_plurals != expected.num_plurals or catalog.plural_expr != expected.plural_expr:
        problems.append(f"{language}: Plural-Forms {catalog.plural_forms!r}, CLDR says "
                        f"{expected.plural_forms!r}")
    for message in catalog:
        if message.id:
            problems += check_message(message, language, expected.num_plurals)
    for message, errors in catalog.check():
        problems += [f"{language}: {message.id!r}: {error}" for error in errors]
    try:
        catalogs.compile_catalog(catalog)
    except Exception as exc:  # the point is to report any failure to compile
        problems.append(f"{language}: does not compile: {exc}")
    return problems
