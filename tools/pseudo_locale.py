"""The pseudo-language for tests: every catalog string wrapped, accented and made longer."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog

from tools.catalogs import DOMAIN, compile_catalog, extract, new_catalog

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
