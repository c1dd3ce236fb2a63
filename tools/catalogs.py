"""The catalog files: extract the template, update and compile the catalogs, to-do lists for translators.

Qt-free, with Babel's Python API; used by tools/i18n.py (make) and by the tests. See docs/TRANSLATING.md.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from babel import Locale
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
    "_": None, "N_": None, "ngettext": (1, 2), "translate_in": (2,), "NC_": ((1, "c"), 2),
}
WIDTH = 100
HEADER = ("# {language} messages of Almaty Process Tracker.\n"
          "# Made with tools/i18n.py; how to translate: docs/TRANSLATING.md.\n#")


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
        follow_cldr_plurals(catalog, language)
        save(catalog, path)
        written.append(language)
    return written


def follow_cldr_plurals(catalog: Catalog, language: str) -> None:
    """Plural-Forms as the installed Babel's CLDR says (a Babel upgrade may change them: Persian and
    Turkish have two forms since Babel 2.19); a plural message gains empty forms to translate (or
    loses surplus ones), so `todo` lists it and the checks see it until it is done."""
    expected = get_plural(language)
    catalog._num_plurals = expected.num_plurals  # Babel keeps the header's value here
    catalog._plural_expr = expected.plural_expr
    for message in catalog:
        if message.id and message.pluralizable:
            forms = list(message.string) if isinstance(message.string, (list, tuple)) else [
                message.string]
            if len(forms) != expected.num_plurals:
                forms = (forms + [""] * expected.num_plurals)[:expected.num_plurals]
                message.string = tuple(forms)


def is_translated(message: Message) -> bool:
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)



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
        # Whole or not at all: two pytest-xdist workers may compile the same stale catalog at once,
        # and one must never read the other's half-written file.
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        partial.write_bytes(compile_catalog(load(source, language)))
        os.replace(partial, target)
        written.append(language)
    return written


def stale_template(template: Catalog | None = None) -> tuple[set[str], set[str]]:
    """(in the sources but not in messages.pot, in messages.pot but no longer in the sources);
    `template`: the sources' strings if already extracted."""
    fresh = {_key(m) for m in (template or extract()) if m.id}
    committed = {_key(m) for m in load(POT) if m.id}
    return fresh - committed, committed - fresh


def template_problems(template: Catalog) -> list[str]:
    """Source strings gettext tools would misread: printf-like `%` formats (we use `{named}`)."""
    return [f"{_key(m)!r}: reads as a printf format (python-format); write `{{named}}` placeholders, "
            f"and keep '%' away from a following letter ('100%.' is fine, '100% done' is not)"
            for m in template if m.id and "python-format" in m.flags]


def _key(message: Message) -> str:
    """The message's id as `todo` and `fill` name it: plural forms joined by NUL, a context (a Qt
    string's class) before EOT, as gettext writes it."""
    key = message.id if isinstance(message.id, str) else "\x00".join(message.id)
    return f"{message.context}\x04{key}" if message.context else key


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
