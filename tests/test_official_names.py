"""States are named officially (UN terminology) in every language, CLDR elsewhere."""

from __future__ import annotations

import json
import unicodedata

import pytest

from app.i18n import LANGUAGES, is_rtl
from app.i18n.formats import country_name, locale_for
from app.i18n.official_names import OFFICIAL_NAMES, STATES
from app.resources import resource_path

#: Every override, spelled out: a change to the table is a change to this list, reviewed on purpose.
EXPECTED_OVERRIDES = {
    ("en", "RU"): "Russian Federation",
    ("ru", "KG"): "Кыргызстан",
    ("ru", "RU"): "Российская Федерация",
    ("ru", "TR"): "Тюркийе",
    ("ps", "TR"): "ترکیه",
}


def test_the_overrides_are_exactly_the_listed_ones():
    table = {(lang, code): name for lang, names in OFFICIAL_NAMES.items()
             for code, name in names.items()}
    assert table == EXPECTED_OVERRIDES


@pytest.mark.parametrize(("language", "code"), sorted(EXPECTED_OVERRIDES))
def test_an_override_differs_from_cldr_and_is_used(language, code):
    """The table only holds differences; country_name (window, workbooks, reports) uses it."""
    assert locale_for(language).territories[code] != EXPECTED_OVERRIDES[(language, code)]
    assert country_name(code, language) == EXPECTED_OVERRIDES[(language, code)]
    assert country_name(code.lower(), language) == EXPECTED_OVERRIDES[(language, code)]


def test_the_table_covers_every_state_of_the_reference_data():
    with resource_path("refdata", "membership.json").open(encoding="utf-8") as handle:
        assert set(json.load(handle)["countries"]) == set(STATES)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_state_has_a_name_in_every_language_in_its_script(language):
    for code in STATES:
        name = country_name(code, language)
        assert name and name != code, (language, code)
        letters = [unicodedata.bidirectional(c) for c in name if c.isalpha()]
        assert all(kind in ("R", "AL") for kind in letters) == is_rtl(language), (language, name)


def test_the_russian_report_names_kyrgyzstan_officially():
    from app.reports.language import ReportLanguage

    assert ReportLanguage("ru").country("KG") == "Кыргызстан"
    assert ReportLanguage("en").country("TR") == "Türkiye"
    assert country_name("KG", "ky") == "Кыргызстан" and country_name("CH", "ru") == "Швейцария"
