"""The secretariat receives real exports of several coordinators' workspaces, many files at once."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
import time
from concurrent.futures import Future
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.demo.generator import create_demo_workspace
from app.models.orm.decisions import DecisionFollowUp
from app.models.orm.enums import FollowUpStatus, ProgressStatus
from app.models.orm.reporting import Commitment, IndicatorValue, ProgressUpdate, Submission
from app.models.services.plan.current import current_plan
from app.models.services.plan.versions import published_document
from app.models.services.regional.completeness import CellState, completeness_matrix, periods_in_range
from app.models.services.reporting.commitments import CommitmentInput, add_commitment
from app.models.services.reporting.periods import period_by_code, reopen_period
from app.models.services.reporting.progress import ProgressInput, clear_progress, record_progress
from app.reports.plan_workbook.writer import write_plan_workbook
from app.reports.submission import batch as batch_import
from app.reports.submission.batch import expand_paths, import_batch
from app.reports.submission.export import export_submission
from app.reports.submission.receive import Outcome

TODAY = dt.date(2026, 11, 26)
PERIOD = "2026-H1"  # due 2026-07-31
ON_TIME = dt.datetime(2026, 7, 20, 10, 0, tzinfo=dt.UTC)
LATE = dt.datetime(2026, 9, 1, 10, 0, tzinfo=dt.UTC)
SEEDS = {"KZ": 3, "KG": 4, "TJ": 5}
NEW_TEXT = "Open a national hotline for asylum-seekers"


class Inbox:
    """Files as three coordinators exported them, and what their workspaces hold."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.r1: dict[str, Path] = {}
        self.r2: Path | None = None
        self.tampered: Path | None = None
        self.changed: tuple[int, int] = (0, 0)  # (coordinator's commitment id, new percent)
        self.new_commitment = 0
        self.cleared = 0  # a commitment whose update r2 no longer reports
        self.progress_rows: dict[str, int] = {}

    def folder(self, *paths: Path) -> Path:
        """A fresh folder holding copies of `paths` (the secretariat's download folder)."""
        folder = self.root / f"batch-{len(list(self.root.glob('batch-*')))}"
        folder.mkdir()
        for path in paths:
            shutil.copy(path, folder / path.name)
        return folder


def _make_r2(db, inbox: Inbox, folder: Path) -> None:
    """The coordinator of KZ reopens the period, corrects one percent, adds a commitment: r2."""
    with db.transaction() as session:
        period = period_by_code(session, PERIOD)
        reopen_period(session, "KZ", period)
        commitment = session.scalars(select(Commitment).where(Commitment.country_code == "KZ")
                                     .order_by(Commitment.id)).first()
        record_progress(session, commitment.id, period.id, ProgressInput(
            status=ProgressStatus.DELAYED, percent=35, narrative="Revised after review."))
        plan = current_plan(session)
        action = plan.objectives[1].actions[0]
        added = add_commitment(session, "KZ", CommitmentInput(
            action_id=action.id, description=NEW_TEXT, lead_agency="Migration Service"))
        record_progress(session, added.id, period.id, ProgressInput(
            status=ProgressStatus.ON_TRACK, percent=10, narrative="Procurement started."))
        cleared = session.scalars(
            select(ProgressUpdate.commitment_id).where(ProgressUpdate.period_id == period.id,
                                                       ProgressUpdate.commitment_id != commitment.id)
            .order_by(ProgressUpdate.commitment_id)).first()
        clear_progress(session, cleared, period.id)
        inbox.cleared = cleared
        follow_up = DecisionFollowUp(decision_id=1, country_code="KZ",
                                     status=FollowUpStatus.IN_PROGRESS, note="Draft law tabled.")
        session.add(follow_up)
        inbox.changed, inbox.new_commitment = (commitment.id, 35), added.id
    inbox.r2 = export_submission(db, "KZ", PERIOD, "en", folder).path


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Inbox:
    root = tmp_path_factory.mktemp("inbox")
    exports = root / "exports"
    exports.mkdir()
    box = Inbox(root)
    for country, seed in SEEDS.items():
        db = create_demo_workspace(root / f"{country}.sqlite", country=country, seed=seed,
                                   today=TODAY)
        box.r1[country] = export_submission(db, country, PERIOD, "en", exports).path
        with db.reading() as session:
            box.progress_rows[country] = session.scalar(
                select(func.count()).select_from(ProgressUpdate)
                .where(ProgressUpdate.period_id == period_by_code(session, PERIOD).id))
        if country == "KZ":
            r2_folder = root / "r2"
            r2_folder.mkdir()
            _make_r2(db, box, r2_folder)
        db.close()
    tampered = load_workbook(box.r1["TJ"])
    sheet = tampered["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    row[5].value = 90
    box.tampered = root / "tampered" / box.r1["TJ"].name
    box.tampered.parent.mkdir()
    tampered.save(box.tampered)
    return box


@pytest.fixture
def secretariat(tmp_path, workspace_templates):
    db = workspace_templates.new_secretariat(tmp_path / "secretariat.sqlite")
    yield db
    db.close()


def _count(db, model, *where) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where))


def _submissions(db) -> dict[tuple[str, int], Submission]:
    with db.reading() as session:
        return {(s.country_code, s.revision): s for s in session.scalars(select(Submission))}


def _percent(db, country: str, source_id: int) -> int | None:
    with db.reading() as session:
        return session.scalar(
            select(ProgressUpdate.percent).join(Commitment)
            .where(Commitment.country_code == country, Commitment.source_id == source_id,
                   ProgressUpdate.period_id == period_by_code(session, PERIOD).id))


def test_every_country_is_received_after_one_backup(secretariat, inbox):
    result = import_batch(secretariat, [inbox.folder(*inbox.r1.values())], now=ON_TIME)
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED] * 3
    assert [o.country for o in result.outcomes] == ["KG", "KZ", "TJ"]  # a folder: sorted by name
    backups = list((secretariat.path.parent / "backups").glob("*before-import*"))
    assert backups == [result.backup]
    for country in SEEDS:
        assert _count(secretariat, Commitment, Commitment.country_code == country) == 40
        assert _count(secretariat, ProgressUpdate) >= inbox.progress_rows[country]
    with secretariat.reading() as session:
        sources = set(session.scalars(select(Commitment.source_id)
                                      .where(Commitment.country_code == "KZ")))
        assert sources == set(range(1, 41))  # the coordinator's own ids
        assert session.scalar(select(func.count()).select_from(IndicatorValue)) > 100
    received = _submissions(secretariat)
    assert set(received) == {("KZ", 1), ("KG", 1), ("TJ", 1)}
    assert all(s.received_at == ON_TIME and not s.edited_after_export for s in received.values())
    assert result.summary() == "3 of 3 files received and applied."
    assert {"progress", "submissions"} <= result.topics


def test_a_batch_leaves_frozen_what_the_app_froze_at_its_start(secretariat, inbox):
    """The batch freezes older objects while it reads and thaws them after; what the app froze
    at its start (`settle_after_start`) it must leave frozen, and thaw nothing it did not freeze."""
    import_batch(secretariat, [inbox.r1["KZ"]], now=ON_TIME)
    assert gc.get_freeze_count() == 0
    gc.freeze()  # as the app does once its first window is up
    try:
        started = gc.get_freeze_count()
        import_batch(secretariat, [inbox.r1["KG"]], now=ON_TIME)
        assert gc.get_freeze_count() > started // 2 > 0  # a few freed by reference counting
    finally:
        gc.unfreeze()


def test_newer_revision_wins_and_an_older_one_is_reported(secretariat, inbox):
    source, percent = inbox.changed
    result = import_batch(secretariat, [inbox.r2, inbox.r1["KZ"]], now=ON_TIME)
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED, Outcome.OLDER]
    assert "Revision 2 was received already" in result.outcomes[1].line()
    assert _percent(secretariat, "KZ", source) == percent
    assert set(_submissions(secretariat)) == {("KZ", 2)}
    with secretariat.reading() as session:
        added = session.scalar(select(Commitment).where(Commitment.description == NEW_TEXT))
        assert added.source_id == inbox.new_commitment and added.country_code == "KZ"
        assert session.scalar(select(DecisionFollowUp.note).where(
            DecisionFollowUp.country_code == "KZ")) == "Draft law tabled."


def test_a_newer_revision_replaces_the_one_received(secretariat, inbox):
    source, percent = inbox.changed
    first = import_batch(secretariat, [inbox.r1["KZ"]], now=ON_TIME)
    assert first.outcomes[0].outcome == Outcome.APPLIED
    before = _percent(secretariat, "KZ", source)
    assert before != percent and _percent(secretariat, "KZ", inbox.cleared) is not None
    again = import_batch(secretariat, [inbox.r1["KZ"], inbox.r2], now=LATE)
    assert [o.outcome for o in again.outcomes] == [Outcome.DUPLICATE, Outcome.REPLACED]
    assert again.outcomes[1].replaced == 1
    assert "Replaces revision 1" in again.outcomes[1].line()
    assert _percent(secretariat, "KZ", source) == percent
    assert _percent(secretariat, "KZ", inbox.cleared) is None  # no longer reported in r2
    # The commitments of r1 were updated in place, not added again.
    assert _count(secretariat, Commitment, Commitment.country_code == "KZ") == 41
    assert set(_submissions(secretariat)) == {("KZ", 1), ("KZ", 2)}


def test_a_tampered_file_is_applied_and_flagged_with_its_cells(secretariat, inbox):
    result = import_batch(secretariat, [inbox.tampered], now=ON_TIME)
    outcome = result.outcomes[0]
    assert outcome.outcome == Outcome.APPLIED and outcome.edited
    assert "Edited after export: 1 cell differs from the file as exported." in outcome.line()
    submission = _submissions(secretariat)[("TJ", 1)]
    assert submission.edited_after_export
    assert [(c["sheet"], c["column"], c["value"]) for c in submission.edited_cells] == [
        ("Progress", "F", 90)]


def test_wrong_files_are_refused_and_never_stop_the_others(secretariat, inbox, tmp_path):
    with secretariat.reading() as session:
        plan_file = write_plan_workbook(published_document(session, current_plan(session).id),
                                        tmp_path)
    random_book = tmp_path / "budget.xlsx"
    workbook = Workbook()
    workbook.active["A1"] = "Budget 2026"
    workbook.save(random_book)
    not_a_workbook = tmp_path / "notes.xlsx"
    not_a_workbook.write_text("minutes of the meeting")
    result = import_batch(secretariat, [plan_file, random_book, inbox.r1["KG"], not_a_workbook],
                          now=ON_TIME)
    outcomes = [o.outcome for o in result.outcomes]
    assert outcomes == [Outcome.REFUSED, Outcome.REFUSED, Outcome.APPLIED, Outcome.REFUSED]
    assert "is not a submission workbook" in result.outcomes[0].line()
    assert "is not a submission workbook" in result.outcomes[1].line()
    assert result.outcomes[3].line().startswith("Refused. notes.xlsx is a text file")
    assert set(_submissions(secretariat)) == {("KG", 1)}
    assert result.summary() == "1 of 4 files received and applied; 3 refused."


class CancelAt:
    """A progress that asks to stop at the first step whose text contains `marker`."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.stop = False
        self.texts: list[str] = []

    def step(self, done: int, total: int, text: str) -> None:
        self.texts.append(text)
        self.stop = self.stop or self.marker in text

    def cancelled(self) -> bool:
        return self.stop


def test_cancel_while_a_file_is_applied_rolls_that_file_back(secretariat, inbox):
    files = [inbox.r1["KG"], inbox.r1["KZ"], inbox.r1["TJ"]]
    progress = CancelAt("File 2 of 3, AP_KZ_2026-H1_r1.xlsx: Applying")
    result = import_batch(secretariat, files, progress, now=ON_TIME)
    assert result.cancelled
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED, Outcome.CANCELLED,
                                                   Outcome.CANCELLED]
    # The file in hand was read and written, then rolled back: none of it is kept.
    assert _count(secretariat, Commitment, Commitment.country_code == "KZ") == 0
    assert _count(secretariat, Commitment, Commitment.country_code == "KG") == 40
    assert _count(secretariat, Commitment, Commitment.country_code == "TJ") == 0
    assert set(_submissions(secretariat)) == {("KG", 1)}
    assert "2 not imported (cancelled)" in result.summary()


class _BackupFirst:
    """A stand-in for the backup's thread pool that writes the backup at once, so that no file is
    read ahead (what a cancel while reading leaves then does not depend on timing)."""

    def __init__(self, **_kwargs) -> None:
        pass

    def __enter__(self) -> _BackupFirst:
        return self

    def __exit__(self, *_exc) -> None:
        return None

    def submit(self, function, *args) -> Future:
        future: Future = Future()
        future.set_result(function(*args))
        return future


def test_cancel_while_reading_leaves_the_rest_untouched(secretariat, inbox, monkeypatch):
    monkeypatch.setattr(batch_import, "ThreadPoolExecutor", _BackupFirst)
    progress = CancelAt("File 2 of 3")
    result = import_batch(secretariat, [inbox.r1["KG"], inbox.r1["KZ"], inbox.r1["TJ"]], progress)
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED, Outcome.CANCELLED,
                                                   Outcome.CANCELLED]
    assert set(_submissions(secretariat)) == {("KG", 1)}


def _slow_backup(monkeypatch, until: str, progress: CancelAt) -> None:
    """The batch's backup finishes only once the progress has shown `until`."""
    real = batch_import.back_up

    def back_up(*args, **kwargs):
        deadline = time.monotonic() + 30
        while not any(until in text for text in progress.texts) and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(*args, **kwargs)

    monkeypatch.setattr(batch_import, "back_up", back_up)


def test_files_are_read_ahead_while_the_backup_is_written(secretariat, inbox, monkeypatch):
    files = [inbox.r1["KG"], inbox.r1["KZ"], inbox.r1["TJ"]]
    progress = CancelAt("(never)")
    _slow_backup(monkeypatch, "File 3 of 3", progress)
    result = import_batch(secretariat, files, progress, now=ON_TIME)
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED] * 3
    assert [o.country for o in result.outcomes] == ["KG", "KZ", "TJ"]
    # The three were read before the first was applied, and the backup was complete by then.
    first_apply = next(i for i, t in enumerate(progress.texts) if "Applying" in t)
    assert any("File 3 of 3" in t for t in progress.texts[:first_apply])
    assert result.backup is not None and result.backup.exists()
    assert set(_submissions(secretariat)) == {("KG", 1), ("KZ", 1), ("TJ", 1)}


def test_cancel_while_reading_ahead_applies_nothing(secretariat, inbox, monkeypatch):
    progress = CancelAt("File 3 of 3")
    _slow_backup(monkeypatch, "File 3 of 3", progress)
    result = import_batch(secretariat, [inbox.r1["KG"], inbox.r1["KZ"], inbox.r1["TJ"]], progress)
    assert result.cancelled
    assert [o.outcome for o in result.outcomes] == [Outcome.CANCELLED] * 3
    assert _submissions(secretariat) == {}
    assert _count(secretariat, Commitment) == 0
    # Nothing applied: the backup written while reading ahead is not kept.
    assert result.backup is None
    assert not list((secretariat.path.parent / "backups").glob("*before-import*"))


def test_completeness_matrix_shows_received_late_and_edited(secretariat, inbox):
    import_batch(secretariat, [inbox.r1["KZ"]], now=ON_TIME)
    import_batch(secretariat, [inbox.r1["KG"]], now=LATE)
    import_batch(secretariat, [inbox.tampered], now=ON_TIME)
    with secretariat.reading() as session:
        periods = periods_in_range(session, PERIOD, PERIOD, today=TODAY)
        matrix = completeness_matrix(session, periods, today=TODAY)
    states = {row.country: row.cells[0].state for row in matrix.rows}
    assert states["KZ"] == CellState.RECEIVED
    assert states["KG"] == CellState.LATE
    assert states["TJ"] == CellState.EDITED
    missing = set(states) - {"KZ", "KG", "TJ"}
    assert missing and {states[c] for c in missing} == {CellState.MISSING}  # members that sent nothing


def test_dry_run_reports_and_changes_nothing(secretariat, inbox):
    result = import_batch(secretariat, [inbox.r1["KZ"]], dry_run=True)
    assert result.outcomes[0].outcome == Outcome.APPLIED and result.backup is None
    assert result.topics == frozenset()
    assert _count(secretariat, Commitment) == 0 and _submissions(secretariat) == {}


def test_expand_paths_takes_workbooks_of_a_folder_once(tmp_path):
    (tmp_path / "b.xlsx").write_bytes(b"")
    (tmp_path / "A.XLSX").write_bytes(b"")
    (tmp_path / "~$b.xlsx").write_bytes(b"")
    (tmp_path / "notes.txt").write_bytes(b"")
    (tmp_path / "sub").mkdir()
    assert expand_paths([tmp_path, tmp_path / "b.xlsx"]) == [tmp_path / "A.XLSX", tmp_path / "b.xlsx"]


def test_command_line_batch_with_exit_codes(secretariat, inbox, tmp_path, capsys):
    folder = inbox.folder(inbox.r1["KZ"], inbox.r1["KG"])
    assert main(["import", "--db", str(secretariat.path), str(folder)]) == 0
    output = capsys.readouterr().out
    assert "AP_KZ_2026-H1_r1.xlsx: Kazakhstan 2026-H1, revision 1: Received" in output
    assert "2 of 2 files received and applied." in output

    assert main(["import", "--db", str(secretariat.path), str(inbox.r2)]) == 0
    assert "Replaces revision 1" in capsys.readouterr().out
    assert main(["import", "--db", str(secretariat.path), str(inbox.r1["KZ"])]) == 0
    assert "Not applied. Revision 2 was received already" in capsys.readouterr().out

    bad = tmp_path / "bad.xlsx"
    workbook = load_workbook(inbox.r1["TJ"])
    sheet = workbook["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value)
    row[5].value = 250
    workbook.save(bad)
    assert main(["import", "--db", str(secretariat.path), str(bad)]) == 1
    assert "1 cell has an error" in capsys.readouterr().out
    stray = tmp_path / "stray.xlsx"
    stray.write_text("not a workbook")
    assert main(["import", "--db", str(secretariat.path), str(stray), str(inbox.r1["TJ"])]) == 2
    output = capsys.readouterr().out
    assert "Refused. stray.xlsx is a text file" in output and "1 of 2 files received and applied" in output
    assert output.count("stray.xlsx") == 1  # the line names the file once
    assert set(_submissions(secretariat)) == {("KZ", 1), ("KZ", 2), ("KG", 1), ("TJ", 1)}
