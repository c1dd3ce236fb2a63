"""Catalog maintenance with Babel: extract, update, compile, coverage, checks, to-do lists.

The command line over tools/catalogs.py and tools/catalog_checks.py (Qt-free), driven by `make
extract`, `make update-catalogs`, `make i18n-coverage`, `make i18n-check`; `todo` and `fill` are for
whoever translates. Run `python tools/i18n.py -h`; see docs/TRANSLATING.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.catalog_checks import check_catalog, coverage_table
from tools.catalogs import (
    POT,
    ROOT,
    compile_all,
    extract,
    fill,
    po_path,
    stale_template,
    target_languages,
    template_problems,
    todo,
    update_catalogs,
    write_template,
)


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
        template = extract()
        added, removed = stale_template(template)
        problems = template_problems(template)
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
