"""The review workbook: written per language, and taken back into the catalog with a preview."""

from __future__ import annotations

import shutil

import pytest
from openpyxl import load_workbook

from tools import catalogs
from tools import l10n_review as review


@pytest.fixture
def kk_catalog(tmp_path, monkeypatch):
    """A copy of the Kazakh catalog, so applying a review changes nothing in the repository."""
    copy = tmp_path / "kk.po"
    shutil.copy(catalogs.po_path("kk"), copy)
    real = catalogs.po_path
    monkeypatch.setattr(catalogs, "po_path", lambda lang: copy if lang == "kk" else real(lang))
    return copy


def _suggest(path, suggestions: dict[str, str]) -> None:
    book = load_workbook(path)
    sheet = book[review.SHEET]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value in suggestions:
            row[5].value = suggestions[row[1].value]
    book.save(path)


def test_the_workbook_lists_every_message_with_its_place_and_glossary_terms(kk_catalog, tmp_path):
    path = review.write_review("kk", tmp_path)
    book = load_workbook(path)
    sheet = book[review.SHEET]
    assert [c.value for c in sheet[1]] == list(review.HEADERS)
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    row = rows["Commitments"]
    assert row[4] == "Міндеттемелер" and row[5] is None
    assert "commitment = міндеттеме" in row[3] and row[2].startswith("app/")
    assert rows["Cancel"][4]  # Qt's strings too, with their Qt context
    assert any(r[2].startswith("Qt: QPlatformTheme") for r in rows.values() if r[2])
    assert any(label.startswith("[form 1] ") for label in rows)  # each plural form on its own
    assert book[review.ABOUT]["B1"].value == "kk"


def test_apply_previews_then_writes_the_suggestions(kk_catalog, tmp_path, capsys):
    path = review.write_review("kk", tmp_path)
    _suggest(path, {"Commitments": "Міндеттемелер тізімі", "Baseline": "Бастапқы деңгей"})
    before = kk_catalog.read_bytes()
    assert review.main(["apply", str(path)]) == 0
    out = capsys.readouterr().out
    assert "- Міндеттемелер\n  + Міндеттемелер тізімі" in out and "2 change(s)" in out
    assert kk_catalog.read_bytes() == before  # a preview writes nothing
    assert review.main(["apply", str(path), "--yes"]) == 0
    catalog = catalogs.load(kk_catalog, "kk")
    assert catalog.get("Commitments").string == "Міндеттемелер тізімі"
    assert catalog.get("Baseline").string == "Бастапқы деңгей"


def test_an_untrusted_workbook_stays_text_and_broken_suggestions_are_refused(kk_catalog, tmp_path):
    path = review.write_review("kk", tmp_path)
    _suggest(path, {
        "Commitments": '=HYPERLINK("http://example.org","x")',  # a formula is just text
        "Database: {path}": "Дерекқор: {pth}",  # a placeholder lost
        "&File": "Файл",  # its access key lost
        "Baseline": "x" * (review.MAX_TEXT + 1),  # far longer than any message
    })
    language, changes, problems = review.plan_changes(path)
    assert language == "kk"
    assert [(c.english, c.new) for c in changes] == [
        ("Commitments", '=HYPERLINK("http://example.org","x")')]
    assert len(problems) == 3
    assert any("placeholders" in p for p in problems) and any("mnemonics" in p for p in problems)
    assert any("characters (at most" in p for p in problems)


def test_a_workbook_naming_an_unknown_language_is_refused(kk_catalog, tmp_path):
    path = review.write_review("kk", tmp_path)
    book = load_workbook(path)
    book[review.ABOUT]["B1"] = "xx"
    book.save(path)
    with pytest.raises(SystemExit, match="unknown language"):
        review.plan_changes(path)
