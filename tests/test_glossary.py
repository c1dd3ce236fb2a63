"""Each catalog says a domain term the way docs/GLOSSARY.csv does, wherever the English uses it."""

from __future__ import annotations

import pytest

from app.i18n import LANGUAGES, SOURCE_LANGUAGE
from tools import catalogs as tool
from tools import glossary

TARGETS = [code for code in LANGUAGES if code != SOURCE_LANGUAGE]
TERMS = {term.key: term for term in glossary.load()}

#: Terms that must never share a word in one language: the collisions the audit found ("Target
#: reached" read "objective reached"; a revision read "edit" or "version"; a meeting two ways).
DISTINCT = [("objective", "target"), ("revision", "edit"), ("revision", "plan_version"),
            ("meeting", "ministerial_conference")]


def test_the_glossary_names_every_term_in_every_language():
    assert len(TERMS) >= 50
    for term in TERMS.values():
        assert set(term.terms) == set(TARGETS), term.key
        assert all(term.terms.values()), term.key
        if term.check is not None:
            assert all(term.forms[code] for code in TARGETS), term.key
            assert all(term.in_translation(code, term.terms[code]) for code in TARGETS), (
                f"{term.key}: a language's own term is not among its accepted forms")
    checked = {key for key, term in TERMS.items() if term.check is not None}
    assert {"almaty_process", "unhcr", "iom", "commitment", "objective", "target", "indicator",
            "revision", "plan_version", "meeting", "secretariat", "national_coordinator"} <= checked


@pytest.mark.parametrize("language", TARGETS)
def test_colliding_terms_have_words_of_their_own(language):
    for first, second in DISTINCT:
        a, b = TERMS[first], TERMS[second]
        assert not a.in_translation(language, b.terms[language]), (language, first, second)
        assert not b.in_translation(language, a.terms[language]), (language, second, first)


@pytest.mark.parametrize("language", TARGETS)
def test_catalog_uses_the_glossary_terms(language):
    catalog = tool.load(tool.po_path(language), language)
    assert glossary.violations(catalog, language) == []


def test_the_check_catches_a_term_said_another_way():
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="ur")
    catalog.add("{count} commitments", "{count} وعدے")
    catalog.add("Target reached", "ہدف حاصل ہو گیا")
    catalog.add("Follow-up of {meeting}", "{meeting} پر عمل درآمد")  # a placeholder is no term
    found = glossary.violations(catalog, "ur")
    assert len(found) == 1 and "commitment" in found[0]
