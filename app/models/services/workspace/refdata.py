"""Reference data shipped with the app: countries, memberships, chairs, meetings, template plan."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.i18n import N_, translate_in
from app.models.orm.decisions import Decision, Meeting
from app.models.orm.enums import Direction, IndicatorKind, MeetingKind, MembershipRole
from app.models.orm.plan import Action, Indicator, Objective, Plan
from app.models.orm.reference import ChairTerm, Country, Membership
from app.models.services.reporting.periods import ensure_half_year_periods
from app.resources import resource_path

#: The notes of the shipped memberships and chair terms (resources/refdata/membership.json), named
#: here so that extraction puts them in the catalog: a new workspace stores them in its language.
SEED_NOTES = (
    N_("Founding member (2012 recommendations)"),
    N_("Founding member (2012 recommendations); later listed as observer"),
    N_("Member from the launch of the process"),
    N_("Invited in 2012"),
    N_("Observer"),
    N_("Listed at times as observer in public sources"),
    N_("Membership open (2012 recommendations); accession pending"),
    N_("First chair, from the launch in Almaty"),
    N_("Handed over at the 3rd Ministerial Conference, Baku"),
)


def _note(text: str, language: str) -> str:
    return translate_in(language, text) if text else ""


def read_json(name: str) -> Any:
    with resource_path("refdata", name).open(encoding="utf-8") as handle:
        return json.load(handle)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def load_countries_and_memberships(session: Session, language: str = "en") -> None:
    data = read_json("membership.json")
    known = set(session.scalars(select(Country.code)))
    for code in data["countries"]:
        if code not in known:
            session.add(Country(code=code))
    session.flush()
    if session.scalar(select(Membership.id).limit(1)) is None:
        for item in data["memberships"]:
            session.add(Membership(
                country_code=item["country"], role=MembershipRole(item["role"]),
                valid_from=_date(item["from"]), valid_to=_date(item["to"]),
                note=_note(item["note"], language),
            ))
    if session.scalar(select(ChairTerm.id).limit(1)) is None:
        for item in data["chairs"]:
            session.add(ChairTerm(
                country_code=item["country"], valid_from=_date(item["from"]),
                valid_to=_date(item["to"]), note=_note(item["note"], language),
            ))


def load_meetings(session: Session) -> None:
    known = set(session.scalars(select(Meeting.code)))
    for item in read_json("meetings.json"):
        if item["code"] in known:
            continue
        meeting = Meeting(
            code=item["code"], kind=MeetingKind(item["kind"]), held_on=_date(item["held_on"]),
            place=item["place"], titles=item["titles"],
        )
        meeting.decisions = [Decision(number=d["number"], texts=d["texts"]) for d in item["decisions"]]
        session.add(meeting)


def build_plan(data: dict[str, Any], *, is_template: bool) -> Plan:
    """A plan (not yet added to a session) from its JSON form."""
    plan = Plan(
        code=data["code"], version=data.get("version", 1), adopted=_date(data.get("adopted")),
        titles=data["titles"], is_template=is_template,
    )
    for o_pos, objective in enumerate(data["objectives"]):
        obj = Objective(code=objective["code"], position=o_pos, titles=objective["titles"])
        for a_pos, action in enumerate(objective["actions"]):
            act = Action(code=action["code"], position=a_pos, titles=action["titles"])
            for i_pos, ind in enumerate(action["indicators"]):
                act.indicators.append(Indicator(
                    code=ind["code"], position=i_pos, titles=ind["titles"], unit=ind.get("unit") or {},
                    kind=IndicatorKind(ind["kind"]), baseline=ind.get("baseline"),
                    target=ind.get("target"), direction=Direction(ind.get("direction", "increase")),
                ))
            obj.actions.append(act)
        plan.objectives.append(obj)
    return plan


def load_template_plan(session: Session) -> None:
    if session.scalar(select(Plan.id).limit(1)) is not None:
        return
    plan = build_plan(read_json("template_plan.json"), is_template=True)
    plan.is_current = True
    session.add(plan)


#: Russian texts shipped before 1.x and reworded since (the meeting is a «совещание», as the meeting
#: kinds say): a workspace holding the old wording is still holding the shipped text.
FORMER_RUSSIAN: dict[str, str] = {
    "Первая встреча национальных координаторов по вопросам смешанной миграции в Центральной Азии":
        "Первое совещание национальных координаторов по вопросам смешанной миграции в Центральной Азии",
    "Поддержан проект основополагающего документа Алматинского процесса и предлагаемая структура: "
    "членство, руководящий комитет, секретариат и встречи на уровне министров.":
        "Поддержан проект основополагающего документа Алматинского процесса и предлагаемая структура: "
        "членство, руководящий комитет, секретариат и совещания на уровне министров.",
    "Рекомендовано провести в Казахстане в конце 2012 – начале 2013 года вторую министерскую "
    "конференцию, чтобы утвердить эти инициативы, официально запустить Алматинский процесс и "
    "определить периодичность встреч министров для обеспечения выполнения РПС и РПД.":
        "Рекомендовано провести в Казахстане в конце 2012 – начале 2013 года вторую министерскую "
        "конференцию, чтобы утвердить эти инициативы, официально запустить Алматинский процесс и "
        "определить периодичность совещаний министров для обеспечения выполнения РПС и РПД.",
}


def shipped_texts() -> dict[tuple[str, str], dict[str, str]]:
    """Every multilingual text the app ships (template plan, meetings), by its (English, Russian)."""
    found: dict[tuple[str, str], dict[str, str]] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("en"), str) and all(isinstance(v, str) for v in node.values()):
                found[(node["en"], node.get("ru", ""))] = node
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(read_json("template_plan.json"))
    walk(read_json("meetings.json"))
    return found


def _with_shipped_languages(stored: dict[str, str] | None,
                            shipped: dict[tuple[str, str], dict[str, str]]) -> dict[str, str] | None:
    """`stored` with the shipped languages it lacks, if it still holds the shipped English and
    Russian; a text someone edited, or a language someone wrote, is left as it is."""
    if not stored or "en" not in stored:
        return None
    russian = stored.get("ru", "")
    source = shipped.get((stored["en"], FORMER_RUSSIAN.get(russian, russian)))
    if source is None:
        return None
    merged = {**source, **{code: text for code, text in stored.items()
                           if code not in ("en", "ru") and text}}
    merged["ru"] = source.get("ru", russian)
    return merged if merged != stored else None


def add_shipped_translations(session: Session) -> int:
    """Give an existing workspace the languages its reference texts gained in this version.

    Only texts that still equal the shipped English and Russian ones (the template plan and its
    copies, the 2012 meeting) are touched, and only languages they lack are added: what a secretariat
    wrote or changed is theirs. Returns how many texts changed; running it twice changes nothing."""
    shipped = shipped_texts()
    changed = 0
    for model, fields in ((Plan, ("titles",)), (Objective, ("titles",)), (Action, ("titles",)),
                          (Indicator, ("titles", "unit")), (Meeting, ("titles", "place")),
                          (Decision, ("texts",))):
        # The texts alone first (this runs at every start): objects, and the change log, only
        # for the rows that change, usually none.
        columns = [getattr(model, name) for name in fields]
        stale = [values[0] for values in session.execute(select(model.id, *columns))
                 if any(_with_shipped_languages(value, shipped) is not None
                        for value in values[1:])]
        if not stale:
            continue
        for row in session.scalars(select(model).where(model.id.in_(stale))):
            for field in fields:
                merged = _with_shipped_languages(getattr(row, field), shipped)
                if merged is not None:
                    setattr(row, field, merged)
                    changed += 1
    session.flush()
    return changed


def load_reference_data(session: Session, today: dt.date | None = None,
                        language: str = "en") -> None:
    """Load whatever reference data is missing; running it twice changes nothing.

    Notes are written in `language`, the workspace's, as its user would have typed them."""
    today = today or dt.date.today()
    load_countries_and_memberships(session, language)
    load_meetings(session)
    load_template_plan(session)
    ensure_half_year_periods(session, today.year)
    session.flush()
