"""File → Import at the secretariat (a batch with its summary) and at a coordinator (plan or submission)."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select

from app.demo.generator import create_demo_workspace
from app.models.orm.enums import WorkspaceRole
from app.models.orm.keys import SECRETARIAT_PARTY
from app.models.orm.plan import Plan
from app.models.orm.reporting import Commitment, Submission
from app.models.services.keys.fingerprint import fingerprint
from app.models.services.keys.pins import pin, trusted_key
from app.models.services.plan.versions import VersionChanges, next_version_document
from app.models.services.reporting.periods import period_by_code, reopen_period
from app.models.services.workspace.profile import ProfileInput, create_workspace, profile_of
from app.reports.plan_workbook.writer import write_plan_workbook
from app.reports.submission.export import export_submission
from app.reports.submission.receive import Outcome
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.files.batch_import_dialog import OutcomeRole
from app.ui.secretariat.completeness_models import CellRole
from app.ui.shell.main_window import MainWindow

TODAY = dt.date(2026, 11, 26)
PERIOD = "2026-H1"


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    """Submissions of Kazakhstan and Kyrgyzstan as their coordinators exported them."""
    root = tmp_path_factory.mktemp("exports")
    files = {}
    for country, seed in (("KZ", 3), ("KG", 4)):
        db = create_demo_workspace(root / f"{country}.sqlite", country=country, seed=seed, today=TODAY)
        files[country] = export_submission(db, country, PERIOD, "en", root).path
        db.close()
    return files


@pytest.fixture
def secretariat_window(qtbot, tmp_path, language, workspace_templates):
    db = workspace_templates.new_secretariat(tmp_path / "secretariat.sqlite")
    window = MainWindow(WorkspaceContext(db, profile_of(db), ChangeBus(), language))
    qtbot.addWidget(window)
    yield window
    db.close()


def _inbox(tmp_path, *paths):
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in paths:
        shutil.copy(path, folder / path.name)
    return folder


def period_id(db, code: str) -> int:
    with db.reading() as session:
        return period_by_code(session, code).id


def _countries_received(db) -> dict[str, int]:
    with db.reading() as session:
        return dict(session.execute(select(Submission.country_code, Submission.revision)
                                    .where(Submission.received_at.is_not(None))).all())


def test_a_folder_is_imported_as_one_batch_with_a_summary(qtbot, secretariat_window, exports,
                                                          tmp_path):
    window = secretariat_window
    actions = window.submission_actions
    assert actions.import_folder_action.isVisible() and not actions.export_action.isEnabled()
    announced = []
    window.context.bus.changed.connect(announced.append)
    actions.import_paths([_inbox(tmp_path, *exports.values())])
    qtbot.waitUntil(lambda: actions.batch.dialog is not None, timeout=30000)
    dialog = actions.batch.dialog
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    assert [model.index(r, 2).data() for r in range(2)] == ["Received", "Received"]
    assert model.index(0, 1).data() == "Kyrgyzstan 2026-H1, revision 1"
    assert "2 of 2 files received and applied." in dialog.summary.text()
    assert "backup" in dialog.summary.text()
    assert _countries_received(window.context.db) == {"KZ": 1, "KG": 1}
    assert any("submissions" in topics for topics in announced)

    matrix = window.secretariat_tabs.completeness.model  # refreshed through the change bus
    received = {matrix.matrix.rows[r].country for r in range(matrix.rowCount())
                for c in range(matrix.columnCount()) if matrix.index(r, c).data(CellRole).revision}
    assert received == {"KZ", "KG"}

    index = model.index(1, 0)
    assert index.data(OutcomeRole).country == "KZ"
    dialog.table.activated.emit(index)
    completeness = window.secretariat_tabs.completeness
    assert window.tabs.currentWidget() is window.secretariat_tabs.pages["completeness"]
    assert completeness.report_panel.data.country == "KZ"
    assert completeness.report_panel.updates_model.rowCount() > 0


def test_the_same_files_again_are_reported_not_applied(qtbot, secretariat_window, exports):
    actions = secretariat_window.submission_actions
    actions.import_paths([exports["KZ"]])
    qtbot.waitUntil(lambda: actions.batch.dialog is not None, timeout=30000)
    first = actions.batch.dialog
    actions.import_paths([exports["KZ"]])
    qtbot.waitUntil(lambda: actions.batch.dialog is not first, timeout=30000)
    outcome = actions.batch.dialog.model.outcomes[0]
    assert outcome.outcome == Outcome.DUPLICATE
    assert actions.batch.dialog.model.index(0, 2).data() == "Not applied"
    with secretariat_window.context.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Commitment)) == 40


def test_a_held_file_is_applied_once_the_officer_confirms_its_key(
        qtbot, secretariat_window, exports, tmp_path):
    actions = secretariat_window.submission_actions
    actions.import_paths([exports["KZ"]])
    qtbot.waitUntil(lambda: actions.batch.dialog is not None, timeout=30000)
    first = actions.batch.dialog
    other = create_demo_workspace(tmp_path / "laptop.sqlite", country="KZ", seed=8, today=TODAY)
    with other.transaction() as session:  # a new laptop: its own key, and a newer revision
        reopen_period(session, "KZ", period_by_code(session, PERIOD))
    folder = tmp_path / "new"
    folder.mkdir()
    newer = export_submission(other, "KZ", PERIOD, "en", folder).path
    other.close()
    actions.import_paths([newer])
    qtbot.waitUntil(lambda: actions.batch.dialog is not first, timeout=30000)
    dialog = actions.batch.dialog
    assert dialog.model.outcomes[0].outcome == Outcome.HELD
    assert dialog.model.index(0, 2).data() == "Held"
    assert dialog.confirm_button.isVisibleTo(dialog) and not dialog.confirm_button.isEnabled()
    dialog.table.selectRow(0)
    assert dialog.confirm_button.isEnabled()
    assert dialog.confirm_selected(ask=False) is not None
    qtbot.waitUntil(lambda: actions.batch.dialog is not dialog, timeout=30000)
    assert actions.batch.dialog.model.outcomes[0].outcome == Outcome.REPLACED
    assert _countries_received(secretariat_window.context.db) == {"KZ": 2}


def test_cancel_leaves_no_file_half_applied(qtbot, secretariat_window, exports, tmp_path):
    actions = secretariat_window.submission_actions
    actions.import_paths([_inbox(tmp_path, *exports.values())])
    actions.batch.task.cancel()
    qtbot.waitUntil(lambda: actions.batch.dialog is not None, timeout=30000)
    result = actions.batch.dialog.batch_result
    assert result.cancelled and result.count(Outcome.CANCELLED) >= 1
    assert "cancelled" in actions.batch.dialog.summary.text()
    received = _countries_received(secretariat_window.context.db)
    with secretariat_window.context.db.reading() as session:
        per_country = dict(session.execute(select(Commitment.country_code, func.count())
                                           .group_by(Commitment.country_code)).all())
    # Each file is all there or not at all.
    assert per_country == {country: 40 for country in received}
    assert set(received) == {o.country for o in result.outcomes if o.applied}


def test_a_dropped_folder_is_imported(qtbot, secretariat_window, exports, tmp_path):
    folder = _inbox(tmp_path, exports["KG"])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(folder))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(secretariat_window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(secretariat_window, drop)
    actions = secretariat_window.submission_actions
    qtbot.waitUntil(lambda: actions.batch.dialog is not None, timeout=30000)
    assert _countries_received(secretariat_window.context.db) == {"KG": 1}


def test_a_coordinator_importing_a_plan_workbook_gets_the_plan_preview(
        qtbot, context, tmp_path):
    with context.db.reading() as session:  # as the secretariat would publish it: the next version
        document = next_version_document(session, VersionChanges(renames={("action", "2.1"): "2.1a"}))
    secretariat_key = Ed25519PrivateKey.generate()
    path = write_plan_workbook(document, tmp_path, key=secretariat_key)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.undo_stack.push(_Marker())
    window.submission_actions.import_paths([path])
    dialog = window.submission_actions.plan_dialog
    assert dialog is not None and "1 renamed" in dialog.summary.text()
    assert "will be remembered" in dialog.key_note.text() and dialog.can_apply
    assert window.submission_actions.importer.task is None  # not taken for a submission
    dialog.apply()
    qtbot.waitUntil(lambda: dialog.adopted is not None, timeout=30000)
    with context.db.reading() as session:
        plan = session.scalar(select(Plan).where(Plan.is_current.is_(True)))
        assert plan.version == 2
    assert list((context.db.path.parent / "backups").glob("*before-plan-update*"))
    assert window.undo_stack.count() == 0
    with context.db.reading() as session:  # trust on first use: the secretariat's key is pinned
        assert trusted_key(session, SECRETARIAT_PARTY).public_key == (
            secretariat_key.public_key().public_bytes_raw())


def test_a_plan_workbook_signed_by_another_key_waits_for_confirmation(qtbot, context, tmp_path):
    with context.db.transaction() as session:
        pin(session, SECRETARIAT_PARTY, Ed25519PrivateKey.generate().public_key()
            .public_bytes_raw(), confirmed=True)
        document = next_version_document(session, VersionChanges(renames={("action", "2.1"): "2.1a"}))
    stranger = Ed25519PrivateKey.generate()
    path = write_plan_workbook(document, tmp_path, key=stranger)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.submission_actions.import_paths([path])
    dialog = window.submission_actions.plan_dialog
    shown = fingerprint(stranger.public_key().public_bytes_raw())
    assert f"new key {shown}" in dialog.key_note.text()
    assert not dialog.can_apply and dialog.apply() is None
    dialog.key_confirmed.setChecked(True)
    assert dialog.can_apply and dialog.apply_button.isEnabled()


def test_a_file_that_is_no_plan_goes_to_the_submission_preview(qtbot, context, tmp_path):
    window = MainWindow(context)
    qtbot.addWidget(window)
    path = export_submission(context.db, "KZ", "2026-H2", "en", tmp_path).path
    window.submission_actions.import_paths([path])
    importer = window.submission_actions.importer
    qtbot.waitUntil(lambda: importer.dialog is not None, timeout=30000)
    assert window.submission_actions.plan_dialog is None
    importer.dialog.reject()


class _Marker:
    """Stands for an edit made before the plan changed (it must not stay undoable)."""

    def __new__(cls):
        from PySide6.QtGui import QUndoCommand

        return QUndoCommand("an edit")


def test_acknowledging_an_edited_submission_shows_its_cells_and_mails_the_receipt(
        qtbot, secretariat_window, exports, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from app.ui.files.send_mail_dialog import SendReceiptDialog
    from app.ui.secretariat.acknowledge_dialog import AcknowledgeDialog

    workbook = load_workbook(exports["KG"])
    sheet = workbook["Progress"]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[4].value and (r[5].value or 0) < 90)
    row[5].value = 90
    tampered = tmp_path / exports["KG"].name
    workbook.save(tampered)
    actions = secretariat_window.submission_actions
    actions.import_paths([tampered])
    qtbot.waitUntil(lambda: actions.batch.dialog is not None, timeout=30000)
    assert "Edited after export" in actions.batch.dialog.model.index(0, 3).data()

    view = secretariat_window.secretariat_tabs.completeness
    view.open_cell("KG", PERIOD)
    where = f"Progress, row {row[5].row}, column F (Done, %): 90"
    assert where in view.report_panel.info_label.text()
    assert not view.report_panel.compose_button.isEnabled()  # nothing acknowledged yet

    seen = {}

    def accept(dialog):
        seen["cells"] = dialog.cells_view.toPlainText()
        dialog.note_edit.setPlainText("Thank you. Please confirm the corrected percent.")
        return AcknowledgeDialog.DialogCode.Accepted

    monkeypatch.setattr(AcknowledgeDialog, "exec", accept)
    sent = []
    monkeypatch.setattr(SendReceiptDialog, "launchers", [("recorder", lambda m: sent.append(m)
                                                          or True)])
    view.acknowledge(view.report_panel.data.latest.id)
    assert seen["cells"] == where
    with secretariat_window.context.db.reading() as session:
        stored = session.scalar(select(Submission).where(Submission.country_code == "KG"))
        assert stored.acknowledgement_note.startswith("Thank you.")
    assert view.send_dialog is not None
    qtbot.addWidget(view.send_dialog)
    view.send_dialog.send()
    (mail,) = sent
    assert mail.to == "demo@example.org"  # from the workbook
    assert mail.attachments == (view.receipt_path,)
    assert "is acknowledged" in mail.subject
    assert "Please confirm the corrected percent." in mail.body
    assert where in mail.body
    assert view.report_panel.compose_button.isEnabled()
    assert view.receipt_path is not None and view.receipt_path.name == (
        "AP_RECEIPT_KG_2026-H1_r1.xlsx")


def test_a_coordinator_imports_the_receipt_and_the_period_bar_shows_it(
        qtbot, context, tmp_path):
    """The secretariat's receipt is dropped on the coordinator's window like any workbook."""
    from app.cli import main
    from app.reports.submission.batch import import_batch

    with context.db.transaction() as session:
        reopen_period(session, "KZ", period_by_code(session, "2026-H2"))
    sent = export_submission(context.db, "KZ", "2026-H2", "en", tmp_path).path
    secretariat = create_workspace(tmp_path / "secretariat.sqlite", ProfileInput(
        role=WorkspaceRole.SECRETARIAT, country_code=None, coordinator_name="Unit"), TODAY)
    assert import_batch(secretariat, [sent]).outcomes[0].applied
    secretariat.close()
    assert main(["receipt", "--db", str(secretariat.path), "--country", "KZ", "--period",
                 "2026-H2", "--note", "Received with thanks.", "--out", str(tmp_path)]) == 0
    receipt = next(tmp_path.glob("AP_RECEIPT_*.xlsx"))
    window = MainWindow(context)
    qtbot.addWidget(window)
    line = window.submission_actions.import_receipt(receipt)
    assert line and "Received with thanks." in line
    tabs = window.coordinator_tabs
    tabs.selection.set_period(period_id(context.db, "2026-H2"))
    banner = tabs.dashboard.period_bar.banner
    assert "received revision 1" in banner.text() and "Received with thanks." in banner.text()
