"""The catalogs: up to date with the sources, complete enough, consistent, and loaded by the app."""

from __future__ import annotations

import gettext
import io
import re
import tokenize
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural

from app import i18n
from app.i18n import LANGUAGES, ngettext, translate_in
from tools import catalog_checks as checks
from tools import catalogs as tool
from tools import pseudo_locale

ROOT = Path(__file__).resolve().parent.parent
TARGETS = tool.target_languages()
SECOND_PASS = "run `make extract update-catalogs`, translate the new empty msgstr, `make i18n-coverage`"


@pytest.fixture(scope="module")
def template() -> Catalog:
    """The sources' strings, extracted once for the module's checks."""
    return tool.extract()


def test_template_is_up_to_date_with_the_sources(template):
    added, removed = tool.stale_template(template)
    assert not added, (f"{len(added)} strings are in the code but not in messages.pot ({SECOND_PASS}): "
                       f"{sorted(added)[:10]}")
    assert not removed, f"messages.pot holds strings the code no longer has ({SECOND_PASS}): {removed}"


def test_no_source_string_reads_as_a_printf_format(template):
    assert tool.template_problems(template) == []


def test_no_translation_call_inside_an_f_string():
    """Babel (on Python 3.11) cannot see `_()` inside an f-string: the string would never be extracted."""
    offenders = []
    call = re.compile(r"\b(_|N_|ngettext|translate_in)\(")
    for path in sorted((ROOT / "app").rglob("*.py")):
        with path.open("rb") as fileobj:
            for token in tokenize.tokenize(fileobj.readline):
                prefix = re.match(r"[a-zA-Z]*", token.string).group().lower()
                if token.type == tokenize.STRING and "f" in prefix and call.search(token.string):
                    offenders.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert offenders == []


def test_every_interface_language_has_a_catalog_and_babel_knows_it():
    for code, rtl in LANGUAGES.items():
        locale = Locale.parse(code)
        assert (locale.character_order == "right-to-left") == rtl, code
        if code != i18n.SOURCE_LANGUAGE:
            assert tool.po_path(code).exists(), f"no catalog for {code}: run `make update-catalogs`"


@pytest.mark.parametrize("language", TARGETS)
def test_catalog_is_consistent_and_compiles(language):
    """Plural forms as CLDR says, placeholders/tags/mnemonics/file patterns as in the source."""
    assert checks.check_catalog(language) == []


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_coverage(language):
    row = checks.coverage(language)
    missing = list(tool.todo(language))[:10] if language in TARGETS else []
    assert row.ratio >= row.required, (
        f"{language} is {row.ratio:.1%} translated ({row.translated}/{row.total}), needs "
        f"{row.required:.0%}; {SECOND_PASS}. Untranslated: {missing}")


@pytest.mark.parametrize("language", TARGETS)
def test_plural_forms_header_matches_cldr(language):
    catalog = tool.load(tool.po_path(language), language)
    expected = get_plural(language)
    assert (catalog.num_plurals, catalog.plural_expr) == (expected.num_plurals, expected.plural_expr)


@pytest.mark.parametrize("language", TARGETS)
def test_lookups_never_give_an_empty_string(language):
    """Whatever a catalog lacks falls back to English; nothing shows up blank."""
    translations = i18n.load_translations(language)
    for message in tool.load(tool.POT):
        if not message.id:
            continue
        if message.pluralizable:
            for n in (0, 1, 2, 5, 21):
                assert translations.ngettext(*message.id, n)
        else:
            assert translations.gettext(message.id), message.id


def test_russian_is_used_with_its_three_plural_forms():
    i18n.set_language("ru")
    assert i18n._("&File") == "&Файл"
    forms = [ngettext("{count} commitment", "{count} commitments", n).format(count=n)
             for n in (1, 3, 5, 21, 11)]
    assert forms == ["1 обязательство", "3 обязательства", "5 обязательств", "21 обязательство",
                     "11 обязательств"]


def test_translate_in_leaves_the_interface_language_alone():
    assert translate_in("tr", "Commitments") == "Taahhütler"
    assert i18n.current_language() == "en" and i18n._("Commitments") == "Commitments"


def test_a_fuzzy_or_missing_translation_falls_back_to_english(tmp_path):
    catalog = tool.new_catalog("kk")
    catalog.add("&File", "&Файл")
    catalog.add("&Edit", "&Түзету", flags=["fuzzy"])
    catalog.add("&View", "")
    catalog.add(("{count} commitment", "{count} commitments"), ("{count} міндеттеме", ""))
    folder = tmp_path / "kk" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.mo").open("wb") as fileobj:
        write_mo(fileobj, catalog)
    translations = gettext.translation("messages", str(tmp_path), languages=["kk"])
    assert [translations.gettext(m) for m in ("&File", "&Edit", "&View", "&Help")] == [
        "&Файл", "&Edit", "&View", "&Help"]
    assert translations.ngettext("{count} commitment", "{count} commitments", 5) == "{count} commitments"
    assert not tool.is_translated(catalog.get("&Edit"))


@pytest.mark.parametrize(("source", "translation", "problem"), [
    ("Database: {path}", "База данных: {pth}", "placeholders"),
    ("&File", "Файл", "mnemonics"),
    ("<p>Version {version}</p>", "Версия {version}", "HTML tags"),
    ("Databases (*.sqlite);;All files (*)", "Базы (*.db);;Все файлы (*)", "file patterns"),
])
def test_checks_catch_a_broken_translation(source, translation, problem):
    found = checks.check_message(Message(source, translation), "ru", 3)
    assert len(found) == 1 and problem in found[0]


def test_checks_catch_wrong_number_of_plural_forms():
    message = Message(("{count} commitment", "{count} commitments"), ("{count} x", "{count} y"))
    assert "plural forms" in checks.check_message(message, "ru", 3)[0]


def test_pseudo_keeps_placeholders_tags_mnemonics_and_patterns():
    for message in pseudo_locale.pseudo_catalog(tool.load(tool.POT)):
        if message.id:
            assert checks.check_message(message, "en", 2) == [], message.id
    assert pseudo_locale.pseudo("Open &file…").startswith("\u27e6Öƥëñ &f")


def test_update_creates_a_missing_catalog_with_its_plural_forms(tmp_path, monkeypatch):
    monkeypatch.setattr(tool, "CATALOGS", tmp_path)
    monkeypatch.setattr(tool, "po_path", lambda lang: tmp_path / lang / "LC_MESSAGES" / "messages.po")
    assert tool.update_catalogs(["ru"]) == ["ru"]
    created = tool.load(tool.po_path("ru"), "ru")
    assert created.num_plurals == 3 and not created.fuzzy
    assert {m.id for m in created if m.id} == {m.id for m in tool.load(tool.POT) if m.id}
    out = io.BytesIO()
    write_mo(out, created)
    assert out.getvalue()


def test_todo_and_fill_round_trip(tmp_path, monkeypatch):
    """The second pass: what `todo` lists, `fill` writes back, and the checks then pass."""
    copy = tmp_path / "ru.po"
    catalog = tool.load(tool.po_path("ru"), "ru")
    catalog.get("&File").string = ""
    catalog.get(("{count} commitment", "{count} commitments")).string = ("", "", "")
    tool.save(catalog, copy)
    monkeypatch.setattr(tool, "po_path", lambda lang: copy)
    pending = tool.todo("ru")
    assert pending == {"&File": "", "{count} commitment\x00{count} commitments": ["", "", ""]}
    pending["&File"] = "&Файл"
    pending["{count} commitment\x00{count} commitments"] = ["{count} обяз.", "{count} обяз.",
                                                            "{count} обяз."]
    assert tool.fill("ru", {**pending, "Gone": "Ушло"}) == (2, ["Gone"])
    assert tool.todo("ru") == {} and checks.check_catalog("ru") == []


@pytest.mark.parametrize(("language", "chain"), [
    ("kk", ["kk", "ru", "en"]), ("ky", ["ky", "ru", "en"]), ("tg", ["tg", "ru", "en"]),
    ("tk", ["tk", "ru", "en"]), ("uz", ["uz", "ru", "en"]), ("az", ["az", "tr", "en"]),
    ("ps", ["ps", "fa", "en"]), ("ur", ["ur", "en"]), ("ru", ["ru", "en"]), ("en", ["en"]),
    ("fa", ["fa", "en"]), ("tr", ["tr", "en"]), ("uz_Latn", ["uz_Latn", "uz", "ru", "en"]),
])
def test_fallback_chain(language, chain):
    assert i18n.fallback_chain(language) == chain


def test_stored_text_falls_back_along_the_chain():
    from app.models.orm.base import pick_language
    from app.reports.language import ReportLanguage

    titles = {"en": "Plan", "ru": "План", "fa": "برنامه", "tr": "Plan (tr)"}
    assert pick_language(titles, "kk") == "План"
    assert pick_language(titles, "ps") == "برنامه"
    assert pick_language(titles, "az") == "Plan (tr)"
    assert pick_language(titles, "ur") == "Plan"
    assert pick_language({"ru": "План"}, "ur") == "План"  # any language rather than nothing
    assert pick_language({"kk": "Жоспар", "ru": "План"}, "kk") == "Жоспар"
    assert ReportLanguage("ky").title(titles) == "План"  # workbooks and reports alike
    assert pick_language(None, "kk") == ""


def test_a_message_missing_in_a_catalog_falls_back_along_the_chain(tmp_path, monkeypatch):
    for language, text in (("ky", None), ("ru", "&Файл")):
        catalog = tool.new_catalog(language)
        catalog.add("&File", text or "")
        folder = tmp_path / language / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "messages.mo").open("wb") as fileobj:
            write_mo(fileobj, catalog)
    monkeypatch.setattr(i18n, "catalog_dir", lambda: str(tmp_path))
    assert i18n.load_translations("ky").gettext("&File") == "&Файл"
    assert i18n.load_translations("ur").gettext("&File") == "&File"


def test_persian_and_turkish_have_two_plural_forms_as_cldr_says():
    assert get_plural("fa").num_plurals == 2 and get_plural("tr").num_plurals == 2
    assert translate_in("tr", "Commitments") == "Taahhütler"
    tr = i18n.load_translations("tr")
    assert tr.ngettext("The cell that differs: {cells}.", "The cells that differ: {cells}.", 1) == (
        "Farklı olan hücre: {cells}.")
    assert tr.ngettext("The cell that differs: {cells}.", "The cells that differ: {cells}.", 3) == (
        "Farklı olan hücreler: {cells}.")


def test_update_follows_cldr_plural_forms_after_a_babel_upgrade(tmp_path, monkeypatch):
    """A catalog written with an older Babel's one form gets CLDR's header and a form to fill."""
    old = tool.new_catalog("tr")
    old._num_plurals, old._plural_expr = 1, "0"
    old.add(("{count} commitment", "{count} commitments"), ("{count} taahhüt",))
    path = tmp_path / "tr" / "LC_MESSAGES" / "messages.po"
    tool.save(old, path)
    assert "nplurals=1" in path.read_text(encoding="utf-8")
    monkeypatch.setattr(tool, "po_path", lambda lang: path)
    catalog = tool.load(path, "tr")
    tool.follow_cldr_plurals(catalog, "tr")
    tool.save(catalog, path)
    assert "nplurals=2; plural=(n != 1);" in path.read_text(encoding="utf-8")
    assert tool.todo("tr") == {"{count} commitment\x00{count} commitments": ["", ""]}
    assert "some plural forms are empty" in checks.check_catalog("tr")[0]
