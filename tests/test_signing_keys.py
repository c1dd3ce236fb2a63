"""Workspace keys: made with the workspace, moved with a passphrase, pinned on first use."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.models.errors import ValidationError
from app.models.orm.enums import WorkspaceRole
from app.models.orm.keys import SECRETARIAT_PARTY
from app.models.services.keys.fingerprint import fingerprint, normalize_fingerprint
from app.models.services.keys.key_file import export_key, import_key
from app.models.services.keys.own import own_fingerprint, own_key, signer
from app.models.services.keys.pins import Trust, pin, trust_of
from app.models.services.plan.current import current_plan
from app.models.services.plan.versions import published_document
from app.models.services.workspace.backups import back_up, restore
from app.models.services.workspace.profile import ProfileInput, create_workspace
from app.reports.errors import WorkbookRefusedError
from app.reports.plan_workbook.reader import read_plan_workbook
from app.reports.plan_workbook.writer import write_plan_workbook


def _print(db) -> str:
    with db.transaction() as session:
        return own_fingerprint(session)


def test_every_workspace_has_its_own_key_and_backups_keep_it(coordinator_db, tmp_path, today):
    other = create_workspace(tmp_path / "other.sqlite", ProfileInput(
        role=WorkspaceRole.SECRETARIAT, country_code=None, coordinator_name="Unit"), today)
    assert _print(coordinator_db) != _print(other)
    other.close()
    before = _print(coordinator_db)
    backup = back_up(coordinator_db.path)
    restore(coordinator_db, backup.path)
    assert _print(coordinator_db) == before


def test_key_file_round_trips_and_refuses_a_wrong_passphrase(coordinator_db, tmp_path, today):
    path = tmp_path / "kz.apkey"
    with coordinator_db.reading() as session:
        export_key(session, path, "correct horse battery")
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    laptop = create_workspace(tmp_path / "laptop.sqlite", ProfileInput(
        role=WorkspaceRole.COORDINATOR, country_code="KZ", coordinator_name="A"), today)
    with laptop.transaction() as session, pytest.raises(ValidationError) as wrong:
        import_key(session, path, "wrong passphrase")
    assert wrong.value.field == "passphrase"
    assert _print(laptop) != _print(coordinator_db)
    with laptop.transaction() as session:
        import_key(session, path, "correct horse battery")
    assert _print(laptop) == _print(coordinator_db)
    with coordinator_db.reading() as session, pytest.raises(ValidationError):
        export_key(session, tmp_path / "short.apkey", "short")
    laptop.close()


def test_key_command_exports_imports_and_shows(coordinator_db, tmp_path, today, capsys):
    secret = tmp_path / "pass.txt"
    secret.write_text("a long passphrase\n")
    key_file = tmp_path / "kz.apkey"
    assert main(["key", "--db", str(coordinator_db.path), "export", str(key_file),
                 "--passphrase-file", str(secret)]) == 0
    laptop = create_workspace(tmp_path / "laptop.sqlite", ProfileInput(
        role=WorkspaceRole.COORDINATOR, country_code="KZ", coordinator_name="A"), today)
    laptop.close()
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    assert main(["key", "--db", str(laptop.path), "import", str(key_file),
                 "--passphrase-file", str(wrong)]) == 2
    assert "passphrase is wrong" in capsys.readouterr().err
    assert main(["key", "--db", str(laptop.path), "import", str(key_file),
                 "--passphrase-file", str(secret)]) == 0
    assert _print(coordinator_db) in capsys.readouterr().out


def test_fingerprints_are_digit_groups_and_typed_forms_match(coordinator_db):
    with coordinator_db.transaction() as session:
        key = own_key(session).public_key
    shown = fingerprint(key)
    assert normalize_fingerprint(shown.replace(" ", "-")) == shown
    assert [len(g) for g in shown.split()] == [5] * 6


def test_trust_on_first_use_then_a_new_key_is_held(coordinator_db):
    first, second = b"\x01" * 32, b"\x02" * 32
    with coordinator_db.transaction() as session:
        assert trust_of(session, "KG", None) == Trust.UNSIGNED
        assert trust_of(session, "KG", first) == Trust.FIRST_USE
        pin(session, "KG", first, confirmed=False)
        assert trust_of(session, "KG", first) == Trust.PINNED
        assert trust_of(session, "KG", second) == Trust.NEW_KEY
        pin(session, "KG", second, confirmed=True)
        assert trust_of(session, "KG", second) == Trust.PINNED
        assert trust_of(session, "KG", first) == Trust.NEW_KEY


def test_plan_workbooks_are_signed_and_a_changed_signature_is_refused(secretariat_db, tmp_path):
    with secretariat_db.transaction() as session:
        document = published_document(session, current_plan(session).id)
        key = signer(session)
        own = own_key(session).public_key
    path = write_plan_workbook(document, tmp_path, key=key)
    assert read_plan_workbook(path).signer_key == own
    book = load_workbook(path)
    for row in book["plan"].iter_rows():
        if row[0].value == "signature":
            row[1].value = "A" * 88
    book.save(tmp_path / "forged.xlsx")
    with pytest.raises(WorkbookRefusedError):
        read_plan_workbook(tmp_path / "forged.xlsx")
    assert SECRETARIAT_PARTY == "secretariat"


def test_the_package_keeps_the_cryptography_extension():
    """Signing needs cryptography's Rust extension (OpenSSL linked in): the filter keeps it."""
    from tools import package_contents as pc

    assert pc.keep_entry("cryptography/hazmat/bindings/_rust.abi3.so")
    assert pc.keep_entry("cryptography/hazmat/bindings/_rust.pyd")
    assert not any(name.startswith("cryptography") for name in pc.EXCLUDED_MODULES)
