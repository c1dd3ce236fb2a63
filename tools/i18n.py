"""Catalog maintenance with Babel: extract, update, coverage, checks, translation to-do lists.

Qt-free and used three ways: by `make` (`extract`, `update`, `coverage`), by tests/test_i18n.py
(the same checks CI runs) and by whoever translates (`todo`, `fill`). Run `python tools/i18n.py -h`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app import APP_NAME, __version__  # noqa: E402
from app.i18n import DOMAIN, LANGUAGES, SOURCE_LANGUAGE  # noqa: E402

CATALOGS = ROOT / "resources" / "translations"
POT = CATALOGS / f"{DOMAIN}.pot"
MAPPING = ROOT / "babel.cfg"
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None, "N_": None, "ngettext": (1, 2), "translate_in": (2,),
}
#: Required share of translated messages: the complete languages, then every other one.
COMPLETE = {"en", "ru"}
MINIMUM_COVERAGE = 0.95
WIDTH = 100
HEADER = ("# {language} messages of Almaty Process Tracker.\n"
          "# Made with tools/i18n.py; how to translate: docs/TRANSLATING.md.\n#")

PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdfr]|%[sdfr]")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
MNEMONIC = re.compile(r"&(?=[^&\s])")
FILE_PATTERNS = re.compile(r"\([^()]*\*[^()]*\)")


def po_path(language: str) -> Path:
    return CATALOGS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def target_languages() -> list[str]:
    """Every interface language that has a catalog (all but the source language)."""
    return [code for code in LANGUAGES if code != SOURCE_LANGUAGE]


# --- extract and update --------------------------------------------------------------------------
def extract() -> Catalog:
    """Every marked string of the sources named in babel.cfg, as a template catalog."""
    with MAPPING.open(encoding="utf-8") as fileobj:
        method_map, options_map = parse_mapping_cfg(fileobj)
    template = Catalog(project=APP_NAME, version=__version__, fuzzy=False,
                       header_comment=HEADER.format(language="Template"),
                       copyright_holder="Almaty Process")
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",),
            strip_comment_tags=True):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def render(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=WIDTH, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def save(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(catalog))


def load(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as fileobj:
        return read_po(fileobj, locale=language, domain=DOMAIN)


def write_template() -> Catalog:
    """Write messages.pot; left as it is (date included) when no message changed, to spare merges."""
    template = extract()
    if POT.exists():
        fresh = template.creation_date
        template.creation_date = load(POT).creation_date
        if render(template) == POT.read_bytes():
            return template
        template.creation_date = fresh
    save(template, POT)
    return template


def new_catalog(language: str) -> Catalog:
    from babel import Locale

    name = Locale.parse(language).english_name or language
    catalog = Catalog(locale=language, domain=DOMAIN, project=APP_NAME, version=__version__,
                      fuzzy=False, copyright_holder="Almaty Process",
                      header_comment=HEADER.format(language=name))
    catalog.language_team = name
    catalog.last_translator = "Almaty Process Tracker team"
    return catalog


def update_catalogs(languages: Iterable[str] | None = None) -> list[str]:
    """Bring every catalog in line with the template (creating missing ones); names of the written."""
    template = load(POT)
    written = []
    for language in languages or target_languages():
        path = po_path(language)
        catalog = load(path, language) if path.exists() else new_catalog(language)
        catalog.update(template, no_fuzzy_matching=True, update_creation_date=False)
        catalog.fuzzy = False
        save(catalog, path)
        written.append(language)
    return written


# --- coverage and checks -------------------------------------------------------------------------
def is_translated(message: Message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


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
    template = template or load(POT)
    ids = [m.id for m in template if m.id]
    if language == SOURCE_LANGUAGE:
        return Coverage(language, len(ids), len(ids))
    path = po_path(language)
    catalog = load(path, language) if path.exists() else new_catalog(language)
    done = sum(1 for msgid in ids if (m := catalog.get(msgid)) is not None and is_translated(m))
    return Coverage(language, done, len(ids))


def coverage_table() -> str:
    template = load(POT)
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
    path = po_path(language)
    if not path.exists():
        return [f"{language}: no catalog at {path.relative_to(ROOT)}; run `make update-catalogs`"]
    catalog = load(path, language)
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
        compile_catalog(catalog)
    except Exception as exc:  # the point is to report any failure to compile
        problems.append(f"{language}: does not compile: {exc}")
    return problems


def compile_catalog(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def compile_all(only_stale: bool = False) -> list[str]:
    """Write messages.mo beside every messages.po (the same files `pybabel compile` writes)."""
    written = []
    for language in target_languages():
        source = po_path(language)
        target = source.with_suffix(".mo")
        if not source.exists() or (only_stale and target.exists()
                                   and target.stat().st_mtime >= source.stat().st_mtime):
            continue
        target.write_bytes(compile_catalog(load(source, language)))
        written.append(language)
    return written


def stale_template() -> tuple[set[str], set[str]]:
    """(in the sources but not in messages.pot, in messages.pot but no longer in the sources)."""
    fresh = {_key(m) for m in extract() if m.id}
    committed = {_key(m) for m in load(POT) if m.id}
    return fresh - committed, committed - fresh


def template_problems(template: Catalog) -> list[str]:
    """Source strings gettext tools would misread: printf-like `%` formats (we use `{named}`)."""
    return [f"{_key(m)!r}: reads as a printf format (python-format); write `{{named}}` placeholders, "
            f"and keep '%' away from a following letter ('100%.' is fine, '100% done' is not)"
            for m in template if m.id and "python-format" in m.flags]


def _key(message: Message) -> str:
    return message.id if isinstance(message.id, str) else "\x00".join(message.id)


# --- translating -------------------------------------------------------------------------------
def todo(language: str) -> dict[str, str | list[str]]:
    """The untranslated messages of a language, in the form `fill` reads back."""
    catalog = load(po_path(language), language)
    nplurals = get_plural(language).num_plurals
    return {_key(m): ([""] * nplurals if m.pluralizable else "")
            for m in catalog if m.id and not is_translated(m)}


def fill(language: str, translations: dict[str, str | list[str]]) -> tuple[int, list[str]]:
    """Write translations ({msgid: msgstr or [forms]}) into the catalog; (how many, unknown msgids)."""
    path = po_path(language)
    catalog = load(path, language)
    by_key = {_key(m): m for m in catalog if m.id}
    unknown, count = [], 0
    for key, text in translations.items():
        message = by_key.get(key)
        if message is None:
            unknown.append(key)
            continue
        if not text or (isinstance(text, list) and not all(text)):
            continue
        message.string = tuple(text) if message.pluralizable else text
        message.flags.discard("fuzzy")
        count += 1
    if count:
        catalog.revision_date = dt.datetime.now(dt.UTC)
    save(catalog, path)
    return count, unknown


# --- pseudo-locale ------------------------------------------------------------------------------
#: A language that exists only in tests: every string wrapped, accented and made longer, so a text
#: that bypassed the catalog stands out, and so does a label too narrow for a longer language.
PSEUDO_LANGUAGE = "en_XA"
PSEUDO_OPEN, PSEUDO_CLOSE, PSEUDO_PAD = "\u27e6", "\u27e7", "~"
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçďëƒĝĥîĵķļɱñöƥʠŕšţûṽŵẋýžÀƁÇĎËƑĜĤÎĴĶĻṀÑÖƤɊŔŠŢÛṼŴẊÝŽ")
#: Kept as they are: placeholders, HTML tags and entities, a mnemonic with its letter.
_KEEP = re.compile(r"\{[^{}]*\}|%\(\w+\)[sdfr]|%[sdfr]|<[^<>]*>|&[a-zA-Z]+;|&&|&\S")
_FILE_PATTERN = re.compile(r"^(.*?)(\s*\([^()]*\*[^()]*\))$")


def pseudo(text: str) -> str:
    """`Open &file…` -> `⟦Öƥëñ &fîļë…~~~~⟧`; file-dialog filters keep their `(*.x)` patterns."""
    if not text:
        return text
    if ";;" in text:
        return ";;".join(pseudo(part) for part in text.split(";;"))
    pattern = _FILE_PATTERN.match(text)
    if pattern:
        return pseudo(pattern.group(1)) + pattern.group(2)
    pieces, last = [], 0
    for kept in _KEEP.finditer(text):
        pieces.append(text[last:kept.start()].translate(_ACCENTED))
        pieces.append(kept.group())
        last = kept.end()
    pieces.append(text[last:].translate(_ACCENTED))
    padding = PSEUDO_PAD * max(2, round(len(text) * 0.4))
    return f"{PSEUDO_OPEN}{''.join(pieces)}{padding}{PSEUDO_CLOSE}"


def pseudo_catalog(template: Catalog | None = None) -> Catalog:
    """The pseudo-language catalog of the template (by default the one the sources give now)."""
    template = template or extract()
    catalog = new_catalog("en")
    for message in template:
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id
            string: str | tuple[str, ...] = (pseudo(singular), pseudo(plural))
        else:
            string = pseudo(message.id)
        catalog.add(message.id, string, context=message.context)
    return catalog


def write_pseudo_catalog(folder: Path, template: Catalog | None = None) -> Path:
    """Compile the pseudo-language into `folder/<PSEUDO_LANGUAGE>/LC_MESSAGES/messages.mo`."""
    path = folder / PSEUDO_LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.mo"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(compile_catalog(pseudo_catalog(template)))
    return path


# --- command line ------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help=f"write {POT.relative_to(ROOT)} from the sources")
    update = commands.add_parser("update", help="update (or create) every language's catalog")
    update.add_argument("languages", nargs="*")
    commands.add_parser("compile", help="compile every catalog to .mo")
    commands.add_parser("coverage", help="print translated / total per language")
    commands.add_parser("check", help="placeholders, plural forms, compiling, an up-to-date template")
    todo_parser = commands.add_parser(
        "todo", help="print untranslated messages as JSON: {msgid: ''} for one language, or "
                     "{language: {msgid: ''}} for all")
    todo_parser.add_argument("language", nargs="?", default="all")
    fill_parser = commands.add_parser(
        "fill", help="merge translations from JSON (the shape `todo` printed) into the catalogs")
    fill_parser.add_argument("language", help="a language code, or `all`")
    fill_parser.add_argument("json_file", type=Path)
    args = parser.parse_args(argv)

    if args.command == "extract":
        template = write_template()
        print(f"{POT.relative_to(ROOT)}: {sum(1 for m in template if m.id)} messages")
    elif args.command == "update":
        for language in update_catalogs(args.languages or None):
            print(f"updated {po_path(language).relative_to(ROOT)}")
    elif args.command == "compile":
        print(f"compiled: {' '.join(compile_all())}")
    elif args.command == "coverage":
        print(coverage_table())
    elif args.command == "check":
        added, removed = stale_template()
        problems = template_problems(extract())
        problems += [f"not in messages.pot: {m!r}" for m in sorted(added)]
        problems += [f"no longer in the sources: {m!r}" for m in sorted(removed)]
        for language in target_languages():
            problems += check_catalog(language)
        print("\n".join(problems) or "catalogs OK")
        return 1 if problems else 0
    elif args.command == "todo":
        pending = ({code: todo(code) for code in target_languages()} if args.language == "all"
                   else todo(args.language))
        print(json.dumps(pending, ensure_ascii=False, indent=1))
    elif args.command == "fill":
        translations = json.loads(args.json_file.read_text(encoding="utf-8"))
        by_language = translations if args.language == "all" else {args.language: translations}
        for language, strings in by_language.items():
            count, unknown = fill(language, strings)
            print(f"{language}: {count} translations written")
            for key in unknown:
                print(f"  not in the catalog (stale msgid?): {key!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
