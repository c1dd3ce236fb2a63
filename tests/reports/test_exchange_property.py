"""A property of the exchange: whatever a coordinator and the mail do, the secretariat ends right.

Random sequences of edits, exports (single and history), backups restored, files sent again and in
any order, files relabelled by hand and files forged in another workspace. After every delivery a
relabelled file is refused and a forged one held; no two files ever carry different reports under
one revision; and once every genuine file has arrived, in any order, the secretariat holds for
each period the content of the newest revision exported.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.models.orm.enums import ProgressStatus
from app.models.orm.reporting import Commitment, ProgressUpdate
from app.models.services.reporting.periods import period_by_code, reopen_period
from app.models.services.reporting.progress import ProgressInput, record_progress
from app.models.services.workspace.backups import back_up, restore
from app.reports.submission.batch import import_batch
from app.reports.submission.export import export_submission
from app.reports.submission.read import ParsedSubmission, read_submission
from app.reports.submission.receive import Outcome
from tests.hypothesis_budget import examples
from tests.reports.test_trusted_exchange import relabel
from tests.workspaces import WorkspaceTemplates

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
COUNTRY = "KZ"
PERIODS = ("2026-H1", "2026-H2")

STEP = st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(PERIODS), st.integers(0, 2), st.integers(0, 100)),
    st.tuples(st.just("export"), st.sampled_from(PERIODS), st.booleans()),
    st.tuples(st.just("snapshot")),
    st.tuples(st.just("restore")),
    st.tuples(st.just("send"), st.integers(0, 30)),
    st.tuples(st.just("tamper"), st.integers(0, 30)),
    st.tuples(st.just("forge"), st.sampled_from(PERIODS)),
)


@dataclass
class World:
    root: Path
    templates: WorkspaceTemplates
    coordinator: object
    secretariat: object
    genuine: list[Path] = field(default_factory=list)
    snapshot: Path | None = None
    forger: object | None = None
    exports: int = 0

    def folder(self) -> Path:
        self.exports += 1
        path = self.root / f"out-{self.exports}"
        path.mkdir()
        return path


def _edit(db, period: str, which: int, percent: int) -> None:
    with db.transaction() as session:
        reporting = period_by_code(session, period)
        reopen_period(session, COUNTRY, reporting)
        commitment = session.scalars(select(Commitment).where(Commitment.country_code == COUNTRY)
                                     .order_by(Commitment.id)).all()[which]
        record_progress(session, commitment.id, reporting.id, ProgressInput(
            status=ProgressStatus.ON_TRACK if percent % 2 else ProgressStatus.DELAYED,
            percent=percent))


def _send(world: World, path: Path) -> Outcome:
    outcome = import_batch(world.secretariat, [path], now=NOW).outcomes[0]
    assert outcome.outcome != Outcome.CONFLICT, outcome.line()  # the app never reuses a revision
    return outcome.outcome


def _rows(parsed: ParsedSubmission, period: str) -> dict[int, tuple[str, int | None]]:
    return {row.values["commitment_id"]: (row.values["status"], row.values["percent"])
            for row in parsed.sheets["progress"].rows
            if row.values["period"] == period and row.values["status"] is not None}


def _held(db, period: str) -> dict[int, tuple[str, int | None]]:
    with db.reading() as session:
        rows = session.execute(
            select(Commitment.source_id, ProgressUpdate.status, ProgressUpdate.percent)
            .join(Commitment).where(Commitment.country_code == COUNTRY,
                                    ProgressUpdate.period_id == period_by_code(session, period).id))
        return {source: (status.value, percent) for source, status, percent in rows}


def _run(world: World, steps: list[tuple], order: random.Random) -> None:
    for step in steps:
        kind = step[0]
        if kind == "edit":
            _edit(world.coordinator, *step[1:])
        elif kind == "export":
            world.genuine.append(export_submission(world.coordinator, COUNTRY, step[1], "en",
                                                   world.folder(), history=step[2], now=NOW).path)
        elif kind == "snapshot":
            world.snapshot = back_up(world.coordinator.path).path
        elif kind == "restore" and world.snapshot is not None:
            restore(world.coordinator, world.snapshot)
        elif kind == "send":
            _send(world, world.genuine[step[1] % len(world.genuine)])
        elif kind == "tamper":
            source = world.genuine[step[1] % len(world.genuine)]
            revision = read_submission(source).identity.revision
            forged = relabel(source, world.folder() / source.name, revision=str(revision + 3))
            assert _send(world, forged) == Outcome.REFUSED
        elif kind == "forge":
            if world.forger is None:
                world.forger = world.templates.demo_at(world.root / "forger.sqlite",
                                                       country=COUNTRY, seed=99, today=TODAY)
            _edit(world.forger, step[1], 0, 77)
            forged = export_submission(world.forger, COUNTRY, step[1], "en", world.folder(),
                                       now=NOW).path
            assert _send(world, forged) == Outcome.HELD
    for path in order.sample(world.genuine, len(world.genuine)):
        _send(world, path)


def _check(world: World) -> None:
    parsed = [read_submission(path) for path in world.genuine]
    for period in PERIODS:
        labelled: dict[int, list[ParsedSubmission]] = {}
        for each in parsed:
            if period in each.identity.periods and each.identity.period_revision(period) > 0:
                labelled.setdefault(each.identity.period_revision(period), []).append(each)
        if not labelled:
            continue
        newest = max(labelled)
        contents = {tuple(sorted(_rows(each, period).items())) for each in labelled[newest]}
        assert len(contents) == 1, f"two reports of {period} under revision {newest}"
        assert _held(world.secretariat, period) == dict(contents.pop()), period


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=st.lists(STEP, min_size=1, max_size=7), seed=st.integers(0, 2 ** 16))
def test_the_secretariat_ends_with_the_newest_genuine_report_of_every_period(
        workspace_templates, steps, seed):
    root = Path(tempfile.mkdtemp(prefix="apt-exchange-"))
    coordinator = workspace_templates.demo_at(root / "kz.sqlite", country=COUNTRY, seed=3,
                                              today=TODAY)
    secretariat = workspace_templates.new_secretariat(root / "secretariat.sqlite")
    world = World(root, workspace_templates, coordinator, secretariat)
    try:
        # The country's first file arrives first: trust on first use pins the genuine key.
        _edit(coordinator, PERIODS[0], 0, 1)
        first = export_submission(coordinator, COUNTRY, PERIODS[0], "en", world.folder(),
                                  now=NOW).path
        world.genuine.append(first)
        assert _send(world, first) == Outcome.APPLIED
        _run(world, steps, random.Random(seed))
        _check(world)
    finally:
        for db in (coordinator, secretariat, world.forger):
            if db is not None:
                db.close()  # type: ignore[attr-defined]
        shutil.rmtree(root, ignore_errors=True)
