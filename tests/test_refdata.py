"""Reference data loads and is complete."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from app.models.orm import (
    Action,
    ChairTerm,
    Country,
    Decision,
    Indicator,
    Meeting,
    Membership,
    Objective,
    Plan,
    ReportingPeriod,
)
from app.models.orm.enums import MembershipRole
from app.models.services.workspace.refdata import load_reference_data


def test_template_plan_is_complete(coordinator_db):
    with coordinator_db.reading() as s:
        plan = s.scalar(select(Plan))
        assert plan.is_template and plan.is_current
        assert set(plan.titles) >= {"en", "ru"}
        objectives = list(s.scalars(select(Objective)))
        assert len(objectives) == 10
        for objective in objectives:
            assert 2 <= len(objective.actions) <= 4
            assert objective.titles["en"] and objective.titles["ru"]
            for action in objective.actions:
                assert 1 <= len(action.indicators) <= 3
                assert action.titles["en"] and action.titles["ru"]
                for indicator in action.indicators:
                    assert indicator.titles["en"] and indicator.titles["ru"]


def test_countries_memberships_and_chairs(coordinator_db):
    with coordinator_db.reading() as s:
        codes = set(s.scalars(select(Country.code)))
        assert {"KZ", "KG", "TJ", "TM", "UZ", "AF", "IR", "RU", "TR", "AZ", "CN"} <= codes
        founders = set(s.scalars(select(Membership.country_code).where(
            Membership.role == MembershipRole.MEMBER, Membership.valid_from == dt.date(2012, 9, 7))))
        assert founders == {"KZ", "KG", "TJ", "TM"}
        chairs = [c.country_code for c in s.scalars(select(ChairTerm).order_by(ChairTerm.valid_from))]
        assert chairs == ["KZ", "KG", "TJ", "TR", "AZ", "KZ"]


def test_2012_meeting_has_seven_recommendations(coordinator_db):
    with coordinator_db.reading() as s:
        meeting = s.scalar(select(Meeting).where(Meeting.code == "NCM-2012-09"))
        assert str(meeting.held_on) == "2012-09-07"
        assert [d.number for d in meeting.decisions] == [1, 2, 3, 4, 5, 6, 7]
        assert all(d.texts["en"] and d.texts["ru"] for d in meeting.decisions)


def test_half_year_periods_with_due_dates(coordinator_db):
    with coordinator_db.reading() as s:
        periods = list(s.scalars(select(ReportingPeriod).order_by(ReportingPeriod.start_date)))
    assert periods[0].code == "2013-H1" and periods[-1].code == "2026-H2"
    assert len(periods) == 28
    h1 = periods[-2]
    assert (str(h1.start_date), str(h1.end_date), str(h1.due_date)) == (
        "2026-01-01", "2026-06-30", "2026-07-31")
    assert str(periods[-1].due_date) == "2027-01-31"


def test_loading_twice_changes_nothing(coordinator_db, today):
    def counts(s):
        return [s.scalar(select(func.count()).select_from(m)) for m in
                (Country, Membership, ChairTerm, Meeting, Decision, Plan, Action, Indicator,
                 ReportingPeriod)]
    with coordinator_db.reading() as s:
        before = counts(s)
    with coordinator_db.transaction() as s:
        load_reference_data(s, today)
    with coordinator_db.reading() as s:
        assert counts(s) == before


def test_every_shipped_note_is_in_the_catalog_and_stored_in_the_workspace_language(tmp_path):
    from app.models.orm.enums import WorkspaceRole
    from app.models.services.workspace.profile import ProfileInput, create_workspace
    from app.models.services.workspace.refdata import SEED_NOTES, read_json

    data = read_json("membership.json")
    notes = {item["note"] for item in data["memberships"] + data["chairs"]} - {""}
    assert notes <= set(SEED_NOTES)  # a new note must be named there, or it stays in English
    db = create_workspace(tmp_path / "ru.sqlite", ProfileInput(
        role=WorkspaceRole.SECRETARIAT, country_code=None, coordinator_name="Айгерим",
        ministry="", email="", language="ru"))
    try:
        with db.reading() as s:
            kz = s.scalar(select(Membership.note).where(Membership.country_code == "KZ"))
            chairs = set(s.scalars(select(ChairTerm.note)))
    finally:
        db.close()
    assert kz == "Государство-основатель (рекомендации 2012 г.)"
    assert "Первый председатель, с начала процесса в Алматы" in chairs


SHIPPED_LANGUAGES = ("en", "ru", "kk", "ky", "tg", "tk", "uz", "fa", "ps", "tr", "az", "ur")


def test_every_shipped_text_is_in_every_language():
    """The template plan, its units and the 2012 meeting read in each interface language."""
    from app.i18n import LANGUAGES, is_rtl
    from app.models.services.workspace.refdata import shipped_texts

    assert set(SHIPPED_LANGUAGES) == set(LANGUAGES)
    texts = shipped_texts()
    assert len(texts) > 120
    for (english, _russian), text in texts.items():
        assert set(text) == set(SHIPPED_LANGUAGES), english
        for code, value in text.items():
            assert value and value == value.strip(), (code, english)
            if english not in ("%",) and is_rtl(code):
                assert any("\u0600" <= c <= "\u06ff" for c in value), (code, value)
        # The Uzbek Latin script writes oʻ/gʻ with U+02BB, never an apostrophe
        assert "'" not in text["uz"] and "‘" not in text["uz"], text["uz"]


def test_a_new_workspace_stores_every_language(coordinator_db):
    with coordinator_db.reading() as s:
        plan = s.scalar(select(Plan))
        indicator = s.scalar(select(Indicator).where(Indicator.code == "1.1.a"))
        meeting = s.scalar(select(Meeting).where(Meeting.code == "NCM-2012-09"))
        assert set(plan.titles) == set(SHIPPED_LANGUAGES)
        assert set(indicator.titles) == set(indicator.unit) == set(SHIPPED_LANGUAGES)
        assert meeting.titles["ru"].startswith("Первое совещание")  # a meeting, as the kinds say
        assert all(set(d.texts) == set(SHIPPED_LANGUAGES) for d in meeting.decisions)


def test_an_older_workspace_gains_the_languages_of_its_untouched_texts(coordinator_db):
    from app.models.services.workspace.refdata import FORMER_RUSSIAN, add_shipped_translations

    old_meeting_ru = next(iter(FORMER_RUSSIAN))
    with coordinator_db.transaction() as s:
        for objective in s.scalars(select(Objective)):
            objective.titles = {k: objective.titles[k] for k in ("en", "ru")}
        first, second = list(s.scalars(select(Objective).order_by(Objective.position)))[:2]
        first.titles = {**first.titles, "en": "Our own wording"}  # edited: stays as it is
        second.titles = {**second.titles, "kk": "Біздің аударма"}  # a language written here: kept
        meeting = s.scalar(select(Meeting).where(Meeting.code == "NCM-2012-09"))
        meeting.titles = {"en": meeting.titles["en"], "ru": old_meeting_ru}
    with coordinator_db.transaction() as s:
        assert add_shipped_translations(s) == 9 + 1
    with coordinator_db.transaction() as s:
        assert add_shipped_translations(s) == 0
    with coordinator_db.reading() as s:
        first, second, third = list(s.scalars(select(Objective).order_by(Objective.position)))[:3]
        assert set(first.titles) == {"en", "ru"}
        assert second.titles["kk"] == "Біздің аударма" and set(second.titles) == set(SHIPPED_LANGUAGES)
        assert third.titles["tg"] and third.titles["fa"]
        meeting = s.scalar(select(Meeting).where(Meeting.code == "NCM-2012-09"))
        assert meeting.titles["ru"] == FORMER_RUSSIAN[old_meeting_ru] and meeting.titles["ps"]
