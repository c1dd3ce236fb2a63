"""Review workbooks for native reviewers: one xlsx per language, and back into the catalog.

`make l10n-review LANG=kk` writes `l10n-review/l10n-review-kk.xlsx`: each message (a plural message
once per form), where it appears, the glossary terms it contains with the language's word for each,
the current translation and an empty "Suggestion" column. A ministry's translator fills suggestions
without touching a .po file; `make l10n-apply FILE=…` shows what would change and, with `YES=1`,
writes it into the catalog. The workbook comes back from outside, so it is untrusted: it is checked
like any imported workbook (size, macros, XML), texts stay plain text (a leading '=' is no formula),
and a suggestion must keep the message's placeholders, tags and '&' (tools/catalog_checks.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from babel.messages.catalog import Message
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font

from app.i18n import LANGUAGES, SOURCE_LANGUAGE
from app.reports.xlsx.digest import safe_text
from app.reports.xlsx.safety import check_workbook_file
from tools import catalogs, glossary
from tools.catalog_checks import check_message

HEADERS = ("Key", "Message (English)", "Where it appears", "Glossary terms", "Current translation",
           "Suggestion", "Reviewer's note")
SHEET = "messages"
ABOUT = "about"
MAX_ROWS = 20_000
MAX_TEXT = 10_000
OUT_DIR = catalogs.ROOT / "l10n-review"


@dataclass(frozen=True)
class Change:
    key: str
    english: str
    old: str
    new: str


def _key(message: Message, form: int | None) -> str:
    """A printable, reversible key: [context, id or [singular, plural], form] as JSON."""
    ident = message.id if isinstance(message.id, str) else list(message.id)
    return json.dumps([message.context, ident, form], ensure_ascii=True)


def _rows(language: str) -> list[list[str]]:
    catalog = catalogs.load(catalogs.po_path(language), language)
    terms = glossary.load()
    rows = []
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        where = ", ".join(sorted({path for path, _line in message.locations}))
        if message.context:
            where = f"Qt: {message.context}" + (f"; {where}" if where else "")
        for form, text in enumerate(strings):
            english = ids[min(form, len(ids) - 1)]
            found = [f"{term.english} = {term.terms.get(language, '')}" for term in terms
                     if term.mentioned(english)]
            label = english if len(strings) == 1 else f"[form {form}] {english}"
            rows.append([_key(message, form if message.pluralizable else None), label, where,
                         "; ".join(found), text, "", ""])
    return rows


def write_review(language: str, out_dir: Path = OUT_DIR) -> Path:
    """The review workbook of one language; its path."""
    if language not in LANGUAGES or language == SOURCE_LANGUAGE:
        raise SystemExit(f"no catalog to review for {language!r}; one of "
                         f"{', '.join(catalogs.target_languages())}")
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(HEADERS)
    for number, row in enumerate(_rows(language), start=2):
        for column, value in enumerate(row, start=1):
            if value:  # text, never a formula (`sheet[sheet.max_row]` was a scan of every cell a row)
                sheet.cell(number, column, safe_text(value)).data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFG", (12, 50, 30, 40, 50, 50, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.column_dimensions["A"].hidden = True
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    about = book.create_sheet(ABOUT)
    about.append(["language", language])
    about.append(["how", "Write a better translation in 'Suggestion'; leave it empty where the "
                          "current one is right. Keep {placeholders}, <tags> and one '&'."])
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"l10n-review-{language}.xlsx"
    book.save(path)
    return path


def _text(value: object) -> str:
    """A cell's value as plain text; anything else (a number, a date) as its text form."""
    if value is None:
        return ""
    text = str(value)
    if len(text) > MAX_TEXT:
        raise ValueError(f"a text of {len(text)} characters (at most {MAX_TEXT})")
    bad = [c for c in text if unicodedata.category(c) == "Cc" and c not in "\n\t"]
    if bad:
        raise ValueError(f"control characters {[hex(ord(c)) for c in bad]}")
    return text


def read_review(path: Path) -> tuple[str, list[tuple[str, str, int]], list[str]]:
    """(language, [(key, suggestion, row)], problems) from a reviewed workbook (untrusted)."""
    check_workbook_file(path)
    # data_only=False: a formula comes back as the text typed, never as a value computed from it
    book = load_workbook(path, read_only=True, data_only=False)
    try:
        if SHEET not in book.sheetnames or ABOUT not in book.sheetnames:
            raise SystemExit(f"{path.name}: not a review workbook (no '{SHEET}'/'{ABOUT}' sheet)")
        language = ""
        for row in book[ABOUT].iter_rows(max_row=10, values_only=True):
            if row and row[0] == "language":
                language = _text(row[1]).strip()
        if language not in LANGUAGES or language == SOURCE_LANGUAGE:
            raise SystemExit(f"{path.name}: unknown language {language!r}")
        found, problems = [], []
        for number, row in enumerate(book[SHEET].iter_rows(min_row=2, values_only=True), start=2):
            if number > MAX_ROWS + 1:
                problems.append(f"more than {MAX_ROWS} rows; the rest is ignored")
                break
            cells = list(row) + [None] * len(HEADERS)
            try:
                key, suggestion = _text(cells[0]), _text(cells[5])
            except ValueError as exc:
                problems.append(f"row {number}: {exc}")
                continue
            if key and suggestion.strip():
                found.append((key, suggestion, number))
        return language, found, problems
    finally:
        book.close()


def plan_changes(path: Path) -> tuple[str, list[Change], list[str]]:
    """What applying the workbook would change in its language's catalog, and what it refuses."""
    language, suggestions, problems = read_review(path)
    catalog = catalogs.load(catalogs.po_path(language), language)
    nplurals = catalog.num_plurals
    by_key = {}
    for message in catalog:
        if message.id:
            forms = len(message.string) if message.pluralizable else 1
            for form in range(forms):
                by_key[_key(message, form if message.pluralizable else None)] = message
    changes = []
    for key, suggestion, number in suggestions:
        message = by_key.get(key)
        if message is None:
            problems.append(f"row {number}: no such message in the catalog (changed since?)")
            continue
        form = json.loads(key)[2]
        strings = list(message.string) if message.pluralizable else [message.string]
        old = strings[form or 0]
        if suggestion == old:
            continue
        strings[form or 0] = suggestion
        trial = Message(message.id, tuple(strings) if message.pluralizable else suggestion,
                        context=message.context)
        errors = [e for e in check_message(trial, language, nplurals) if "empty" not in e]
        if errors:
            problems += [f"row {number}: {error}" for error in errors]
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        changes.append(Change(key, ids[min(form or 0, len(ids) - 1)], old, suggestion))
    return language, changes, problems


def apply_changes(language: str, changes: list[Change]) -> int:
    path = catalogs.po_path(language)
    catalog = catalogs.load(path, language)
    by_key = {}
    for message in catalog:
        if message.id:
            for form in range(len(message.string) if message.pluralizable else 1):
                by_key[_key(message, form if message.pluralizable else None)] = message
    for change in changes:
        message = by_key[change.key]
        form = json.loads(change.key)[2]
        if message.pluralizable:
            strings = list(message.string)
            strings[form] = change.new
            message.string = tuple(strings)
        else:
            message.string = change.new
        message.flags.discard("fuzzy")
    catalogs.save(catalog, path)
    return len(changes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    review = commands.add_parser("review", help="write the review workbook of a language")
    review.add_argument("language")
    review.add_argument("--out", type=Path, default=OUT_DIR)
    apply = commands.add_parser("apply", help="preview (and with --yes apply) a reviewed workbook")
    apply.add_argument("file", type=Path)
    apply.add_argument("--yes", action="store_true", help="write the changes into the catalog")
    args = parser.parse_args(argv)
    if args.command == "review":
        print(f"written: {write_review(args.language, args.out)}")
        return 0
    language, changes, problems = plan_changes(args.file)
    for change in changes:
        print(f"{language}: {change.english!r}\n  - {change.old}\n  + {change.new}")
    for problem in problems:
        print(f"refused: {problem}")
    if not args.yes:
        print(f"{len(changes)} change(s) to apply; nothing written (add YES=1 / --yes to apply)")
        return 1 if problems else 0
    target = catalogs.po_path(language)
    shown = target.relative_to(catalogs.ROOT) if target.is_relative_to(catalogs.ROOT) else target
    print(f"{apply_changes(language, changes)} change(s) written to {shown}; run `make i18n-check`")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
