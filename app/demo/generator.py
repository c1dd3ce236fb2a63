"""A demo workspace with realistic, generated data, for training, screenshots and benchmarks.

Deterministic: the same seed, size and day give the same database content.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.demo.receipts import DEMO_MEMBERSHIP, Receipt, plan_receipts, submission_rows
from app.i18n import fallback_chain
from app.models.orm import Commitment, IndicatorValue, ProgressUpdate, ReportingPeriod, Submission
from app.models.orm.enums import (
    Direction,
    IndicatorKind,
    Priority,
    ProgressStatus,
    SubmissionState,
    WorkspaceRole,
)
from app.models.orm.plan import Action, Indicator, Objective, Plan
from app.models.orm.reference import Country, Membership
from app.models.services.plan.current import current_plan
from app.models.services.reporting.periods import half_year
from app.models.services.workspace.profile import DEMO_EMAIL, ProfileInput, create_workspace
from app.models.storage.database import Database


@dataclass(frozen=True)
class DemoSize:
    commitments: int
    periods: int
    indicators: int
    countries: int


SIZES = {
    "small": DemoSize(commitments=40, periods=6, indicators=0, countries=4),
    "large": DemoSize(commitments=300, periods=26, indicators=200, countries=15),
    #: For benchmarks: more periods than the real calendar has (see `_demo_periods`).
    "stress": DemoSize(commitments=600, periods=40, indicators=200, countries=15),
}
#: Bumped whenever the same seed, size and day would give different data (benchmark caches key on it).
GENERATOR_VERSION = 4
#: Seed of the demo indicators added to the plan (the same in every demo workspace).
DEMO_PLAN_SEED = 20120315
#: Secretariat demos beyond the reference countries need two more codes to reach 15.
_EXTRA_DEMO_COUNTRIES = ["GE", "MN"]
_SECRETARIAT_ORDER = ["KZ", "KG", "TJ", "TM", "UZ", "AF", "AZ", "TR", "IR", "PK", "IT", "RU", "CN"]

_TEXT = {
    "en": {
        "agencies": ["Ministry of Internal Affairs", "Migration Service", "Border Service",
                     "Ministry of Labour and Social Protection", "Ministry of Foreign Affairs",
                     "Ministry of Justice", "Prosecutor General's Office", "National Statistics Office"],
        "verbs": ["Draft and adopt", "Train officials on", "Set up", "Review and amend",
                  "Pilot", "Publish", "Strengthen", "Extend"],
        "objects": ["the national referral mechanism", "asylum procedures at border crossings",
                    "a reception centre for asylum-seekers", "statelessness determination",
                    "data sharing on mixed movements", "identification of trafficking victims",
                    "information for labour migrants", "assisted voluntary return",
                    "legal aid for refugees", "registration of migrants' children"],
        "narratives": ["Work progressed as planned; the working group met twice.",
                       "The draft was circulated to line ministries for comments.",
                       "Training sessions were held for regional offices.",
                       "Funding was delayed; activities moved to the next period.",
                       "The pilot was completed in two provinces and evaluated.",
                       "Consultations with UNHCR and IOM took place."],
        "challenges": ["Staff turnover in the lead agency.", "Budget not yet approved.",
                       "Coordination between agencies needs strengthening.", ""],
        "support": ["Technical advice on the draft law.", "Funding for training materials.",
                    "Interpretation for regional workshops.", ""],
        "partners": ["UNHCR", "IOM", "UNHCR, IOM", "OSCE", "UNODC", ""],
    },
    "ru": {
        "agencies": ["Министерство внутренних дел", "Миграционная служба", "Пограничная служба",
                     "Министерство труда и социальной защиты", "Министерство иностранных дел",
                     "Министерство юстиции", "Генеральная прокуратура", "Бюро национальной статистики"],
        "verbs": ["Разработать и принять", "Обучить сотрудников по теме:", "Создать",
                  "Пересмотреть", "Внедрить в пилотном режиме", "Опубликовать", "Укрепить",
                  "Расширить"],
        "objects": ["национальный механизм перенаправления", "процедуры убежища на границе",
                    "центр приёма лиц, ищущих убежище", "процедуру определения безгражданства",
                    "обмен данными о смешанных потоках", "выявление жертв торговли людьми",
                    "информирование трудовых мигрантов", "добровольное возвращение",
                    "юридическую помощь беженцам", "регистрацию детей мигрантов"],
        "narratives": ["Работа идёт по плану; рабочая группа провела два заседания.",
                       "Проект направлен в профильные министерства для замечаний.",
                       "Проведены обучающие семинары для региональных подразделений.",
                       "Финансирование задержано; мероприятия перенесены на следующий период.",
                       "Пилотный проект завершён в двух областях и оценён.",
                       "Проведены консультации с УВКБ ООН и МОМ."],
        "challenges": ["Текучесть кадров в ведущем ведомстве.", "Бюджет ещё не утверждён.",
                       "Требуется улучшить координацию между ведомствами.", ""],
        "support": ["Техническая консультация по законопроекту.",
                    "Финансирование учебных материалов.", "Устный перевод на региональных семинарах.", ""],
        "partners": ["УВКБ ООН", "МОМ", "УВКБ ООН, МОМ", "ОБСЕ", "УНП ООН", ""],
    },
}


def _pool(language: str) -> dict[str, list[str]]:
    return next(_TEXT[code] for code in fallback_chain(language) if code in _TEXT)


def _next_id(session: Session, model: Any) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1


def _add_demo_indicators(session: Session, plan: Plan, wanted: int, rng: random.Random) -> None:
    """Grow the plan to `wanted` indicators with clearly labelled demo indicators."""
    actions = [a for o in plan.objectives for a in o.actions]
    have = sum(len(a.indicators) for a in actions)
    for number in range(max(0, wanted - have)):
        action = actions[number % len(actions)]
        kind = rng.choice([IndicatorKind.NUMBER, IndicatorKind.NUMBER, IndicatorKind.PERCENT,
                           IndicatorKind.YES_NO])
        target = {IndicatorKind.PERCENT: 80.0, IndicatorKind.YES_NO: 1.0}.get(kind, 50.0)
        action.indicators.append(Indicator(
            code=f"{action.code}.d{number + 1}", position=100 + number, kind=kind,
            titles={"en": f"Demo indicator {number + 1}", "ru": f"Демо-показатель {number + 1}"},
            unit={IndicatorKind.PERCENT: {"en": "%", "ru": "%"},
                  IndicatorKind.YES_NO: {"en": "yes/no", "ru": "да/нет"}}.get(
                      kind, {"en": "cases", "ru": "случаи"}),
            baseline=0.0, target=target, direction=Direction.INCREASE,
        ))
    session.flush()


def _demo_countries(session: Session, role: WorkspaceRole, country: str, count: int) -> list[str]:
    if role == WorkspaceRole.COORDINATOR:
        return [country]
    codes = (_SECRETARIAT_ORDER + _EXTRA_DEMO_COUNTRIES)[:count]
    known = set(session.scalars(select(Country.code)))
    for code in codes:
        if code not in known:
            session.add(Country(code=code))
            session.add(Membership(country_code=code, **DEMO_MEMBERSHIP))
    session.flush()
    return codes


def _demo_periods(session: Session, wanted: int, today: dt.date) -> list[ReportingPeriod]:
    """The `wanted` latest half-years that have started, oldest first.

    The calendar starts at 2013-H1; a size that wants more periods gets earlier half-years added
    (2012-H2, 2012-H1, ...), so stress data keeps the same shape as real data, only longer.
    """
    periods = list(session.scalars(
        select(ReportingPeriod).where(ReportingPeriod.start_date <= today)
        .order_by(ReportingPeriod.start_date.desc()).limit(wanted)
    ))[::-1]
    if len(periods) < wanted:
        year, half = periods[0].start_date.year, 1 if periods[0].start_date.month < 7 else 2
        earlier = []
        for _ in range(wanted - len(periods)):
            year, half = (year, 1) if half == 2 else (year - 1, 2)
            code, start, end, due = half_year(year, half)
            earlier.append(ReportingPeriod(code=code, start_date=start, end_date=end, due_date=due))
        session.add_all(earlier)
        session.flush()
        periods = earlier[::-1] + periods
    return periods


def generate(
    db: Database, *, role: WorkspaceRole, country: str, size: str, seed: int, language: str,
    today: dt.date,
) -> None:
    """Fill an initialised workspace with demo data, in one transaction."""
    spec = SIZES[size]
    rng = random.Random(seed)
    text = _pool(language)
    with db.transaction(actor="demo") as session:
        plan = current_plan(session)
        assert plan is not None
        if spec.indicators:
            # One plan for every demo, whatever its seed, as workspaces that imported the same
            # plan workbook have: a coordinator's demo submission fits a secretariat's demo.
            _add_demo_indicators(session, plan, spec.indicators, random.Random(DEMO_PLAN_SEED))
        count = spec.countries if role == WorkspaceRole.SECRETARIAT else 1
        countries = _demo_countries(session, role, country, count)
        periods = _demo_periods(session, spec.periods, today)
        actions = list(session.scalars(
            select(Action).join(Objective).where(Objective.plan_id == plan.id)
            .order_by(Objective.position, Action.position)
        ))
        indicators = list(session.scalars(
            select(Indicator).join(Action).join(Objective).where(Objective.plan_id == plan.id)
        ))
        receipts = (plan_receipts(seed, countries, periods, today)
                    if role == WorkspaceRole.SECRETARIAT else None)
        _generate_rows(session, rng, text, countries, periods, actions, indicators, spec, today,
                       receipts)


def _demo_progress(
    rng: random.Random, percent: int, pace: float, start: dt.date, end: dt.date,
    period: ReportingPeriod, statuses: list[ProgressStatus],
) -> tuple[int, ProgressStatus]:
    """Percent follows the time elapsed at the commitment's own pace; slow ones are delayed."""
    elapsed = (period.end_date - start).days / max(1, (end - start).days)
    expected = 5 * round(min(1.0, elapsed * pace) * 20)
    percent = min(100, max(percent, expected + rng.choice([-5, 0, 0, 5])))
    if percent >= 100:
        return 100, ProgressStatus.COMPLETED
    if percent <= 0:
        return 0, ProgressStatus.NOT_STARTED
    return percent, ProgressStatus.DELAYED if pace < 0.85 else rng.choice(statuses)


def _generate_rows(
    session: Session, rng: random.Random, text: dict[str, list[str]], countries: list[str],
    periods: list[ReportingPeriod], actions: list[Action], indicators: list[Indicator],
    spec: DemoSize, today: dt.date, receipts: dict[tuple[str, int], list[Receipt]] | None = None,
) -> None:
    """Rows for every country; a secretariat holds only what it received (`receipts`)."""
    commitment_id = _next_id(session, Commitment)
    commitments: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    values: list[dict[str, Any]] = []
    submissions: list[dict[str, Any]] = []
    statuses = [ProgressStatus.ON_TRACK, ProgressStatus.ON_TRACK, ProgressStatus.DELAYED]
    first_start = periods[0].start_date
    now = dt.datetime.combine(today, dt.time(9, 0), tzinfo=dt.UTC)
    for country in countries:
        for number in range(spec.commitments):
            start_period = rng.randrange(max(1, len(periods) // 6))
            start = periods[start_period].start_date
            # Long-running pledges: some ended years ago, many run past today.
            end = dt.date(start.year + rng.randint(2, 16), 12, 31)
            pace = rng.uniform(0.6, 1.15)
            cancelled_at = rng.randrange(len(periods)) if rng.random() < 0.03 else None
            commitments.append({
                "id": commitment_id, "country_code": country,
                # As received: the id the coordinator's own workspace gives it (1, 2, … per country).
                "source_id": number + 1 if receipts is not None else None,
                "action_id": actions[number % len(actions)].id,
                "description": f"{rng.choice(text['verbs'])} {rng.choice(text['objects'])}",
                "lead_agency": rng.choice(text["agencies"]),
                "partners": rng.choice(text["partners"]), "start_date": start, "end_date": end,
                "priority": rng.choice(list(Priority)), "retired": False, "created_at": now,
            })
            percent = 0
            for index, period in enumerate(periods):
                if index < start_period:
                    continue
                is_current = index == len(periods) - 1
                if is_current and rng.random() < 0.4:
                    continue  # not everything is reported yet in the current period
                if receipts is not None and (country, index) not in receipts:
                    continue  # the secretariat has not received this period's report
                percent, status = _demo_progress(rng, percent, pace, start, end, period, statuses)
                if cancelled_at is not None and index >= cancelled_at and percent < 100:
                    status = ProgressStatus.CANCELLED
                updates.append({
                    "commitment_id": commitment_id, "period_id": period.id, "status": status,
                    "percent": percent, "narrative": rng.choice(text["narratives"]),
                    "challenges": rng.choice(text["challenges"]),
                    "support_requested": rng.choice(text["support"]),
                    "support_from": rng.choice(["UNHCR", "IOM", "UNHCR, IOM", ""]),
                    "updated_at": now,
                })
            commitment_id += 1
        for indicator in indicators:
            level = indicator.baseline or 0.0
            for index, period in enumerate(periods):
                if receipts is not None and (country, index) not in receipts:
                    continue
                row = {"indicator_id": indicator.id, "country_code": country,
                       "period_id": period.id, "value_number": None, "value_text": None,
                       "source": text["agencies"][-1], "note": ""}
                if indicator.kind == IndicatorKind.TEXT:
                    row["value_text"] = rng.choice(text["narratives"])
                elif indicator.kind == IndicatorKind.YES_NO:
                    row["value_number"] = 1.0 if period.start_date >= first_start.replace(
                        year=first_start.year + 3) else 0.0
                else:
                    target = indicator.target or 100.0
                    level = min(target * 1.1, level + rng.uniform(0, target / 8))
                    if indicator.kind == IndicatorKind.PERCENT:
                        level = min(level, 100.0)
                    row["value_number"] = round(level, 1)
                values.append(row)
        if receipts is not None:
            for index, period in enumerate(periods):
                submissions += submission_rows(country, period, receipts.get((country, index), []))
            continue
        for period in periods[:-1]:
            submissions.append({
                "country_code": country, "period_id": period.id, "revision": 1,
                "state": SubmissionState.EXPORTED, "exported_at": now,
                "file_name": f"AP_{country}_{period.code}_r1.xlsx",
            })
    session.execute(insert(Commitment), commitments)
    for chunk in range(0, len(updates), 20000):
        session.execute(insert(ProgressUpdate), updates[chunk:chunk + 20000])
    for chunk in range(0, len(values), 20000):
        session.execute(insert(IndicatorValue), values[chunk:chunk + 20000])
    if submissions:
        session.execute(insert(Submission), submissions)


def create_demo_workspace(
    path: Path, *, role: WorkspaceRole = WorkspaceRole.COORDINATOR, country: str = "KZ",
    size: str = "small", seed: int = 1, language: str = "en", today: dt.date | None = None,
) -> Database:
    """A new workspace at `path`, filled with demo data."""
    today = today or dt.date.today()
    names = {"en": "Demo coordinator", "ru": "Демо-координатор"}
    profile = ProfileInput(
        role=role, country_code=country if role == WorkspaceRole.COORDINATOR else None,
        coordinator_name=names.get(language, names["en"]),
        ministry=_pool(language)["agencies"][1], email=DEMO_EMAIL, language=language,
    )
    db = create_workspace(path, profile, today)
    generate(db, role=role, country=country, size=size, seed=seed, language=language, today=today)
    return db
