"""The demo generator is realistic at its sizes and deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
from pathlib import Path

from sqlalchemy import func, select

from app.demo.generator import create_demo_workspace
from app.models.orm import (
    Commitment,
    Indicator,
    IndicatorValue,
    ProgressUpdate,
    ReportingPeriod,
    Submission,
)
from app.models.orm.enums import WorkspaceRole

TABLES = ["commitment", "progress_update", "indicator_value", "submission", "indicator"]


def _dump(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    dump = {}
    for table in TABLES:
        columns = [r[1] for r in connection.execute(f"PRAGMA table_info({table})")
                   if r[1] not in ("created_at", "updated_at", "exported_at")]
        dump[table] = connection.execute(
            f"SELECT {', '.join(columns)} FROM {table} ORDER BY id").fetchall()
    connection.close()
    return dump


def test_same_seed_same_data(tmp_path, today):
    for name in ("a", "b"):
        create_demo_workspace(tmp_path / f"{name}.sqlite", seed=42, today=today).close()
    create_demo_workspace(tmp_path / "c.sqlite", seed=43, today=today).close()
    a, b, c = (_dump(tmp_path / f"{n}.sqlite") for n in "abc")
    assert a == b
    assert a["commitment"] and a != c


def test_large_coordinator_size(tmp_path, today):
    db = create_demo_workspace(tmp_path / "large.sqlite", size="large", country="KG", seed=1,
                               today=today)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Commitment)) == 300
        assert s.scalar(select(func.count()).select_from(Indicator)) == 200
        assert s.scalar(select(func.count(func.distinct(ProgressUpdate.period_id)))) == 26
        assert s.scalar(select(func.count()).select_from(IndicatorValue)) == 200 * 26
        assert set(s.scalars(select(Commitment.country_code))) == {"KG"}
        assert s.scalar(select(func.count()).select_from(Submission)) == 25
    db.close()


def test_secretariat_demo_has_several_countries(tmp_path, today):
    db = create_demo_workspace(tmp_path / "sec.sqlite", role=WorkspaceRole.SECRETARIAT, seed=3,
                               today=today)
    with db.reading() as s:
        assert len(set(s.scalars(select(Commitment.country_code)))) == 4
    db.close()


def test_demo_in_russian_has_russian_texts(tmp_path, today):
    db = create_demo_workspace(tmp_path / "ru.sqlite", language="ru", seed=1, today=today)
    with db.reading() as s:
        agencies = set(s.scalars(select(Commitment.lead_agency)))
    assert any("Министерство" in a or "служба" in a for a in agencies)
    db.close()


def test_stress_size_reaches_back_before_the_calendar(tmp_path, today):
    """40 periods are more than 2013-H1.. has: the generator adds earlier half-years, in order."""
    db = create_demo_workspace(tmp_path / "stress.sqlite", size="stress", country="TJ", seed=5,
                               today=today)
    with db.reading() as s:
        assert s.scalar(select(func.count()).select_from(Commitment)) == 600
        used = s.scalars(select(ReportingPeriod).where(ReportingPeriod.id.in_(
            select(ProgressUpdate.period_id))).order_by(ReportingPeriod.start_date)).all()
        assert [p.code for p in used] == [f"{year}-H{half}" for year in range(2007, 2027)
                                          for half in (1, 2)]
        assert all(later.start_date == earlier.end_date + dt.timedelta(days=1)
                   for earlier, later in itertools.pairwise(used))
        assert all(p.due_date > p.end_date for p in used)
        assert s.scalar(select(func.count()).select_from(IndicatorValue)) == 200 * 40
    db.close()
