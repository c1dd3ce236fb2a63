"""Issue 13, "What was seen": every case, end to end, with real exports of two or more workspaces.

Each test here failed on the app before format 2 (relabelled files applied, an older history
workbook reverting newer data, a reused revision dropping content, anyone's file taken as a
country's, one plan mismatch reported as 147 cell errors, guests received without a word).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.cli import main
from app.demo.generator import DEMO_PLAN_SEED, SIZES, _add_demo_indicators
from app.models.orm.enums import MembershipRole, ProgressStatus
from app.models.orm.plan import Indicator
from app.models.orm.reporting import Commitment, ProgressUpdate, Submission
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.keys.own import own_fingerprint
from app.models.services.plan.current import current_plan
from app.models.services.regional.completeness import CellState, completeness_matrix, periods_in_range
from app.models.services.reporting.periods import period_by_code, reopen_period
from app.models.services.reporting.progress import ProgressInput, record_progress
from app.models.services.workspace.backups import back_up, restore
from app.models.services.workspace.memberships import change_role
from app.models.storage.database import Database
from app.reports.errors import WorkbookRefusedError
from app.reports.submission.batch import import_batch
from app.reports.submission.export import export_submission
from app.reports.submission.read import read_submission
from app.reports.submission.receive import Outcome
from app.reports.submission.revisions import ledger_path
from app.reports.submission.trust import Confirmations
from tests.workspaces import WorkspaceTemplates

TODAY = dt.date(2026, 11, 26)
PERIOD = "2026-H1"
NOW = dt.datetime(2026, 8, 1, 10, 0, tzinfo=dt.UTC)


# --- helpers -----------------------------------------------------------------------------------
def coordinator(templates: WorkspaceTemplates, root: Path, country: str, seed: int,
                name: str | None = None) -> Database:
    """A country's demo workspace at `root/<name>.sqlite`, copied from the session's template."""
    return templates.demo_at(root / f"{name or country}.sqlite", country=country, seed=seed,
                             today=TODAY)


def folder(root: Path, name: str) -> Path:
    path = root / name
    path.mkdir(exist_ok=True)
    return path


def export(db, country: str, out: Path, *, history: bool = False, period: str = PERIOD) -> Path:
    return export_submission(db, country, period, "en", out, history=history, now=NOW).path


def edit(db, country: str, percent: int, status: ProgressStatus = ProgressStatus.DELAYED,
         period: str = PERIOD) -> int:
    """The coordinator reopens the period (if submitted) and changes the first commitment."""
    with db.transaction() as session:
        reporting = period_by_code(session, period)
        reopen_period(session, country, reporting)
        commitment = session.scalars(select(Commitment).where(Commitment.country_code == country)
                                     .order_by(Commitment.id)).first()
        record_progress(session, commitment.id, reporting.id, ProgressInput(
            status=status, percent=percent, narrative=f"Now {percent}%."))
        return commitment.id


def relabel(source: Path, target: Path, sheet: str = "_meta", **meta: str) -> Path:
    """The file with cells of its hidden identity sheet changed, as a hostile sender would."""
    workbook = load_workbook(source)
    for row in workbook[sheet].iter_rows():
        if row[0].value in meta:
            row[1].value = meta[row[0].value]
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def progress_of(db, country: str, source_id: int, period: str = PERIOD
                ) -> tuple[str, int | None] | None:
    with db.reading() as session:
        row = session.execute(
            select(ProgressUpdate.status, ProgressUpdate.percent).join(Commitment)
            .where(Commitment.country_code == country, Commitment.source_id == source_id,
                   ProgressUpdate.period_id == period_by_code(session, period).id)).first()
    return None if row is None else (row[0].value, row[1])


def commitments_of(db, country: str) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(Commitment)
                              .where(Commitment.country_code == country))


def received(db, country: str, period: str = PERIOD) -> list[int]:
    with db.reading() as session:
        return sorted(session.scalars(select(Submission.revision).where(
            Submission.country_code == country, Submission.received_at.is_not(None),
            Submission.period_id == period_by_code(session, period).id)))


@pytest.fixture
def secretariat(tmp_path, workspace_templates):
    db = workspace_templates.new_secretariat(tmp_path / "secretariat.sqlite")
    yield db
    db.close()


@pytest.fixture
def kz(tmp_path, workspace_templates):
    db = coordinator(workspace_templates, tmp_path, "KZ", 3)
    yield db
    db.close()


# --- 1. relabelled identity --------------------------------------------------------------------
def test_a_workbook_relabelled_to_another_country_is_refused_and_changes_nothing(
        tmp_path, secretariat, workspace_templates):
    tj = coordinator(workspace_templates, tmp_path, "TJ", 5)
    kg = coordinator(workspace_templates, tmp_path, "KG", 4)
    genuine_kg = export(kg, "KG", folder(tmp_path, "kg"))
    tajik = export(tj, "TJ", folder(tmp_path, "tj"))
    tj.close(), kg.close()
    assert import_batch(secretariat, [genuine_kg]).outcomes[0].outcome == Outcome.APPLIED
    before = progress_of(secretariat, "KG", 1)
    forged = relabel(tajik, tmp_path / "forged" / "AP_KG_2026-H1_r2.xlsx", country="KG",
                     revision="2")
    result = import_batch(secretariat, [forged])
    outcome = result.outcomes[0]
    assert outcome.outcome == Outcome.REFUSED
    assert "country" in outcome.detail and "“KG”" in outcome.detail and "“TJ”" in outcome.detail
    assert received(secretariat, "KG") == [1]
    assert progress_of(secretariat, "KG", 1) == before
    assert commitments_of(secretariat, "KG") == 40 and commitments_of(secretariat, "TJ") == 0
    assert main(["import", "--db", str(secretariat.path), str(forged)]) == 2


def test_a_hand_raised_revision_is_refused_and_the_genuine_next_one_applies(
        tmp_path, secretariat, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    raised = relabel(r1, tmp_path / "raised" / "AP_KZ_2026-H1_r5.xlsx", revision="5")
    source = edit(kz, "KZ", 35)
    r2 = export(kz, "KZ", folder(tmp_path, "out"))
    result = import_batch(secretariat, [r1, raised, r2])
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED, Outcome.REFUSED,
                                                    Outcome.REPLACED]
    assert "revision" in result.outcomes[1].detail and "“5”" in result.outcomes[1].detail
    assert received(secretariat, "KZ") == [1, 2]
    assert progress_of(secretariat, "KZ", source) == ("delayed", 35)
    assert main(["import", "--db", str(secretariat.path), str(raised)]) == 2


def test_an_edited_period_is_refused_and_completeness_stays_missing(tmp_path, secretariat, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    moved = relabel(r1, tmp_path / "moved" / r1.name, period="2025-H2")
    with pytest.raises(WorkbookRefusedError) as refused:
        read_submission(moved)
    assert refused.value.reason == "identity_edited"
    assert "2025-H2" in refused.value.message() and "2026-H1" in refused.value.message()
    assert import_batch(secretariat, [moved]).outcomes[0].outcome == Outcome.REFUSED
    assert received(secretariat, "KZ", "2025-H2") == []


def test_a_changed_reply_to_address_is_refused(tmp_path, secretariat, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    two = relabel(r1, tmp_path / "mail" / r1.name, email="a@example.org, thief@example.net")
    outcome = import_batch(secretariat, [two]).outcomes[0]
    assert outcome.outcome == Outcome.REFUSED
    assert "e-mail" in outcome.detail and "thief@example.net" in outcome.detail


def test_a_forged_seal_or_signature_is_refused(tmp_path, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    meta = {row[0].value: row[1].value for row in load_workbook(r1)["_meta"].iter_rows()}
    forged_seal = meta["seal"].replace('"revision":1', '"revision":5')
    both = relabel(r1, tmp_path / "seal" / r1.name, seal=forged_seal, revision="5")
    with pytest.raises(WorkbookRefusedError) as refused:
        read_submission(both)
    assert refused.value.reason == "bad_signature"
    stripped = relabel(r1, tmp_path / "stripped" / r1.name, signature="")
    with pytest.raises(WorkbookRefusedError) as refused:
        read_submission(stripped)
    assert refused.value.reason == "unsigned"


def test_edited_fillable_cells_stay_applied_and_flagged(tmp_path, secretariat, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    workbook = load_workbook(r1)
    sheet = workbook["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    row[5].value = 90
    edited = tmp_path / "edited" / r1.name
    edited.parent.mkdir()
    workbook.save(edited)
    outcome = import_batch(secretariat, [edited]).outcomes[0]
    assert outcome.outcome == Outcome.APPLIED and outcome.edited and outcome.edits == 1
    assert progress_of(secretariat, "KZ", row[0].value)[1] == 90


def test_a_file_name_that_disagrees_with_the_identity_is_a_warning(tmp_path, secretariat, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    renamed = tmp_path / "renamed" / "AP_KG_2026-H1_r3.xlsx"
    renamed.parent.mkdir()
    shutil.copy(r1, renamed)
    outcome = import_batch(secretariat, [renamed]).outcomes[0]
    assert outcome.outcome == Outcome.APPLIED
    assert any("AP_KG_2026-H1_r3.xlsx" in n and "AP_KZ_2026-H1_r1.xlsx" in n
               for n in outcome.notices)


# --- 2. an older history workbook --------------------------------------------------------------
def test_an_older_history_workbook_never_reverts_newer_data(tmp_path, secretariat, kz):
    early = export(kz, "KZ", folder(tmp_path, "early"), history=True)
    source = edit(kz, "KZ", 100, ProgressStatus.COMPLETED)
    r2 = export(kz, "KZ", folder(tmp_path, "late"))
    assert import_batch(secretariat, [r2]).outcomes[0].outcome == Outcome.APPLIED
    outcome = import_batch(secretariat, [early]).outcomes[0]
    assert progress_of(secretariat, "KZ", source) == ("completed", 100)
    assert received(secretariat, "KZ") == [2]
    # The earlier periods the secretariat never had are taken, and completeness shows them.
    parsed = read_submission(early)
    earlier = [p for p, revision in parsed.identity.revisions if p != PERIOD and revision > 0]
    assert earlier and outcome.outcome == Outcome.APPLIED
    assert any("Revision 2 was received already" in n for n in outcome.notices)
    with secretariat.reading() as session:
        columns = periods_in_range(session, earlier[-1], earlier[0])
        matrix = completeness_matrix(session, columns, today=TODAY)
        ids = {period_by_code(session, code).id for code in earlier}
    states = {cell.period_id: cell.state for row in matrix.rows if row.country == "KZ"
              for cell in row.cells if cell.period_id in ids}
    assert len(states) == len(earlier)
    assert not set(states.values()) & {CellState.MISSING, CellState.NOT_DUE}
    # Sent again, nothing of it is newer: every period is listed as left out.
    again = import_batch(secretariat, [early]).outcomes[0]
    assert again.outcome == Outcome.OLDER and len(again.skipped) >= len(earlier)


# --- 3. a reused revision ----------------------------------------------------------------------
def test_a_restore_never_makes_the_coordinator_reuse_a_revision(tmp_path, secretariat, kz):
    out = folder(tmp_path, "out")
    backup = back_up(kz.path)
    r1 = export(kz, "KZ", out)
    assert import_batch(secretariat, [r1]).outcomes[0].outcome == Outcome.APPLIED
    restore(kz, backup.path)  # the morning's backup: the export is forgotten by the database
    source = edit(kz, "KZ", 55)
    again = read_submission(export(kz, "KZ", folder(tmp_path, "elsewhere")))
    assert again.identity.revision == 2  # the ledger beside the database remembers r1
    outcome = import_batch(secretariat, [again.path]).outcomes[0]
    assert outcome.outcome == Outcome.REPLACED
    assert progress_of(secretariat, "KZ", source) == ("delayed", 55)


def test_the_same_report_exported_again_keeps_its_revision(tmp_path, kz):
    first = read_submission(export(kz, "KZ", folder(tmp_path, "a")))
    with kz.transaction() as session:  # the export's commit is lost (e.g. a full disk)
        period = period_by_code(session, PERIOD)
        for submission in session.scalars(select(Submission).where(
                Submission.country_code == "KZ", Submission.period_id == period.id,
                Submission.revision > 1)):
            session.delete(submission)
    second = read_submission(export(kz, "KZ", folder(tmp_path, "b")))
    assert second.identity.revision == first.identity.revision
    assert second.report_digest == first.report_digest


def test_the_same_revision_with_other_content_is_a_conflict(tmp_path, secretariat, kz):
    edit(kz, "KZ", 10)
    backup = back_up(kz.path)
    r2 = export(kz, "KZ", folder(tmp_path, "a"))
    restore(kz, backup.path)
    ledger_path(kz.path).unlink()  # as an older app did: nothing remembers r2 was sent
    source = edit(kz, "KZ", 20)
    other = export(kz, "KZ", folder(tmp_path, "b"))
    assert read_submission(other).identity.revision == read_submission(r2).identity.revision
    result = import_batch(secretariat, [r2, other])
    assert [o.outcome for o in result.outcomes] == [Outcome.APPLIED, Outcome.CONFLICT]
    assert "other content" in result.outcomes[1].detail
    assert "Ask the coordinator" in result.outcomes[1].detail
    assert progress_of(secretariat, "KZ", source) != ("delayed", 20)
    assert main(["import", "--db", str(secretariat.path), str(other)]) == 3
    duplicate = import_batch(secretariat, [r2]).outcomes[0]
    assert duplicate.outcome == Outcome.DUPLICATE


# --- 4. anyone's file as a country's -------------------------------------------------------------
def test_a_file_signed_by_another_key_is_held_until_confirmed(tmp_path, secretariat, kz,
                                                              workspace_templates):
    genuine = export(kz, "KZ", folder(tmp_path, "genuine"))
    assert import_batch(secretariat, [genuine]).outcomes[0].outcome == Outcome.APPLIED
    forger = coordinator(workspace_templates, tmp_path, "KZ", 9, name="forger")
    out = folder(tmp_path, "forged")
    for percent in (11, 12, 13):  # raised to revision 4 by ordinary exports
        edit(forger, "KZ", percent)
        forged = export(forger, "KZ", out)
    with forger.reading() as session:
        forger_print = own_fingerprint(session)
    forger.close()
    assert read_submission(forged).identity.revision == 4
    before = progress_of(secretariat, "KZ", 1)
    outcome = import_batch(secretariat, [forged]).outcomes[0]
    assert outcome.outcome == Outcome.HELD
    assert f"signed by a new key {forger_print}" in outcome.detail
    assert "confirm" in outcome.detail
    assert progress_of(secretariat, "KZ", 1) == before and received(secretariat, "KZ") == [1]
    assert main(["import", "--db", str(secretariat.path), str(forged)]) == 3
    wrong = "00000 00000 00000 00000 00000 00000"
    assert main(["import", "--db", str(secretariat.path), "--accept-key", wrong,
                 str(forged)]) == 3
    assert main(["import", "--db", str(secretariat.path), "--accept-key",
                 forger_print.replace(" ", ""), str(forged)]) == 0
    assert received(secretariat, "KZ") == [1, 4]
    assert progress_of(secretariat, "KZ", 1) == ("delayed", 13)


def test_the_first_key_is_pinned_and_shown_as_digits(tmp_path, secretariat, kz):
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    outcome = import_batch(secretariat, [r1]).outcomes[0]
    with kz.reading() as session:
        shown = own_fingerprint(session)
    assert outcome.fingerprint == shown == fingerprint(read_submission(r1).signer_key)
    groups = shown.split()
    assert len(groups) == 6 and all(len(g) == 5 and g.isdigit() for g in groups)
    assert any(shown in notice for notice in outcome.notices)
    assert "Signing key" in str([c.value for r in load_workbook(r1).worksheets[0].iter_rows()
                                 for c in r])


def test_an_unsigned_format_1_file_is_held_until_confirmed(tmp_path, secretariat):
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "submission_v1.xlsx"
    old = tmp_path / "inbox" / "AP_KZ_2026-H2_r1.xlsx"
    old.parent.mkdir()
    shutil.copy(fixture, old)
    outcome = import_batch(secretariat, [old]).outcomes[0]
    assert outcome.outcome == Outcome.HELD and "not signed" in outcome.detail
    assert received(secretariat, "KZ", "2026-H2") == []
    confirmed = import_batch(secretariat, [old], confirmed=Confirmations.of(unsigned=True))
    assert confirmed.outcomes[0].outcome == Outcome.APPLIED
    assert received(secretariat, "KZ", "2026-H2") == [1]


# --- 5. plan mismatch ----------------------------------------------------------------------------
def test_a_plan_mismatch_is_one_message_naming_both_plans(tmp_path, secretariat, kz):
    with kz.transaction() as session:  # the same plan code and version, one more indicator
        plan = current_plan(session)
        action = plan.objectives[0].actions[0]
        session.add(Indicator(action_id=action.id, code=f"{action.code}.99", titles={"en": "Extra"},
                              unit={}, kind=action.indicators[0].kind if action.indicators
                              else "number"))
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    outcome = import_batch(secretariat, [r1]).outcomes[0]
    assert outcome.outcome == Outcome.REFUSED
    assert "has other actions or indicators" in outcome.detail
    assert "cell" not in outcome.detail and "plan workbook" in outcome.detail


def test_the_large_demo_plan_is_refused_by_an_init_workspace_with_one_message(
        tmp_path, secretariat, kz):
    """The large demo grows the plan to 200 indicators under the same code and version."""
    with kz.transaction() as session:
        _add_demo_indicators(session, current_plan(session), SIZES["large"].indicators,
                             random.Random(DEMO_PLAN_SEED))
    path = export(kz, "KZ", folder(tmp_path, "out"))
    outcome = import_batch(secretariat, [path]).outcomes[0]
    assert outcome.outcome == Outcome.REFUSED
    assert "has other actions or indicators" in outcome.detail and "RAP-TEMPLATE" in outcome.detail
    assert outcome.detail.count("cell") == 0


# --- 6. non-members ------------------------------------------------------------------------------
def test_a_report_of_a_guest_state_is_received_with_a_notice(tmp_path, secretariat, kz):
    with secretariat.transaction() as session:
        change_role(session, "KZ", MembershipRole.GUEST, dt.date(2026, 1, 1))
    r1 = export(kz, "KZ", folder(tmp_path, "out"))
    outcome = import_batch(secretariat, [r1]).outcomes[0]
    assert outcome.outcome == Outcome.APPLIED
    assert any("not a member" in n and "Invited state" in n for n in outcome.notices)
