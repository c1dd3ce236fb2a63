"""Dates, numbers, periods and names in the interface language come from CLDR (Babel)."""

from __future__ import annotations

import datetime as dt

from app import i18n
from app.i18n.formats import (
    country_name,
    format_date,
    format_number,
    format_percent,
    format_period,
    format_year,
    language_name,
)


def test_numbers_and_percents_follow_the_locale():
    assert format_number(12345.5, "en") == "12,345.5"
    assert format_number(12345.5, "ru") == "12\xa0345,5"
    assert format_percent(42, "tr") == "%42"
    assert format_percent(42, "ru") == "42\xa0%"


def test_remembered_texts_follow_a_language_switch_and_never_show_minus_zero():
    """The formatters keep what they made (views ask thousands of times): keyed by language, a
    switch gives the new language's text; a -0.0 left by a subtraction reads 0, and 1 and 1.0 keep
    their own texts."""
    i18n.set_language("en")
    try:
        assert (format_number(1234.5), format_percent(35.25, places=1)) == ("1,234.5", "35.3%")
        i18n.set_language("ru")
        assert (format_number(1234.5), format_percent(35.25, places=1)) == ("1\xa0234,5", "35,3\xa0%")
        assert format_date(dt.date(2026, 11, 26)) == format_date(dt.date(2026, 11, 26), "ru")
    finally:
        i18n.set_language("en")
    assert format_number(-0.0) == format_number(0.0) == "0"
    assert format_percent(-0.0) == format_percent(0.0) == "0%"
    assert format_number(1) == "1" and format_number(1.0) == "1"


def test_persian_and_pashto_numbers_use_their_own_digits_as_cldr_says():
    assert format_number(12345.5, "fa") == "۱۲٬۳۴۵٫۵"
    assert format_percent(42, "ps") == "۴۲٪"
    assert format_year(2026, "fa") == "۲۰۲۶"
    assert format_date(dt.date(2026, 11, 26), "fa") == "۲۶ نوامبر ۲۰۲۶"
    assert format_number(12345.5, "ur") == "12,345.5"  # CLDR's default for Urdu is Latin digits


def test_years_are_never_grouped():
    assert format_year(2026, "en") == "2026"
    assert format_year(2026, "ru") == "2026"


def test_periods_in_words_in_the_interface_language():
    assert format_period("2026-H1") == "first half of 2026"
    i18n.set_language("ru")
    assert format_period("2026-H2") == "второе полугодие 2026 г."
    assert format_period("2026-H1", "kk") == "2026 жылдың бірінші жартыжылдығы"
    assert format_period("Q3-2026") == "Q3-2026"


def test_dates_and_names_from_cldr():
    assert format_date(dt.date(2026, 11, 26), "ru") == "26 нояб. 2026\u202fг."
    assert country_name("AF", "fa") == "افغانستان"
    assert country_name("TJ", "tg") == "Тоҷикистон"
    assert language_name("uz") == "O\u2018zbek"
    assert language_name("ru", "en") == "Russian"


def test_isolate_embeds_data_in_its_own_direction():
    from app.i18n import isolate

    assert isolate("/tmp/a.sqlite") == "\u202a/tmp/a.sqlite\u202c"
    assert isolate("2026 افغانستان") == "\u202b2026 افغانستان\u202c"
    assert isolate("2026-H1") == "\u202a2026-H1\u202c"
    assert isolate("2026") == "2026" and isolate("") == ""


def test_figures_round_half_up_as_excel_does():
    from app.i18n.formats import round_half_up, rounded

    assert str(round_half_up(35.25, 1)) == "35.3"  # Python's round gives 35.2
    assert str(round_half_up(2.675, 2)) == "2.68"
    assert rounded(34.5) == 35.0 and rounded(None) is None
    assert format_percent(34.5, "en") == "35%" and format_percent(37.5, "en") == "38%"
    assert format_percent(35.25, "en", 1) == "35.3%"
    assert format_percent(35.0, "ru", 1) == "35,0\xa0%"  # always its decimals, as a 0.0 cell
    assert format_number(0.5, "en", 0) == "1"
