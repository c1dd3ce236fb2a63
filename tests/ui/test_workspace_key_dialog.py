"""File → Workspace key…: the fingerprint to read out, and the key moved with a passphrase."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from app.models.services.keys.own import own_fingerprint
from app.models.services.keys.pins import pin
from app.ui.files.workspace_key_dialog import WorkspaceKeyDialog
from app.ui.shell.main_window import MainWindow


def test_the_dialog_shows_the_key_and_moves_it(qtbot, context, tmp_path, monkeypatch):
    with context.db.transaction() as session:
        own = own_fingerprint(session)
        pin(session, "secretariat", b"\x05" * 32, confirmed=False)
    window = MainWindow(context)
    qtbot.addWidget(window)
    assert window.key_action.text() == "Workspace &key…"
    dialog = WorkspaceKeyDialog(context, window)
    qtbot.addWidget(dialog)
    assert own in dialog.own.text()
    assert "the secretariat" in dialog.trusted.toPlainText()
    path = dialog.export_to(tmp_path / "kz.apkey", "a long passphrase")
    assert path is not None and path.exists()
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not dialog.import_from(path, "the wrong passphrase")
    assert warnings and "passphrase is wrong" in warnings[0]
    assert dialog.import_from(path, "a long passphrase")
    assert own in dialog.own.text()
