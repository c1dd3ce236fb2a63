"""Migrations and models agree; databases are upgraded safely, and newer ones refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.demo.generator import create_demo_workspace
from app.models.errors import DatabaseDamagedError, DatabaseTooNewError
from app.models.orm import Base
from app.models.storage.database import make_engine, open_database
from app.models.storage.migrate import alembic_config, current_revision, head_revision


def test_upgrade_from_base_to_head(db_path: Path):
    engine = make_engine(db_path)
    assert current_revision(engine) is None
    db = open_database(db_path)
    assert current_revision(db.engine) == head_revision()
    tables = {row[0] for row in sqlite3.connect(db_path).execute(
        "select name from sqlite_master where type='table'")}
    assert {"commitment", "progress_update", "indicator_value", "submission", "change_log"} <= tables
    db.close()


def test_shipped_head_constant_matches_the_scripts():
    from app.models.storage import migrations

    assert head_revision() == migrations.HEAD, "update HEAD in app/models/storage/migrations/__init__.py"


def test_migrations_match_models(empty_db):
    with empty_db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_and_back(empty_db):
    config = alembic_config()
    with empty_db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert current_revision(empty_db.engine) is None
    reopened = open_database(empty_db.path)
    assert current_revision(reopened.engine) == head_revision()
    reopened.close()


def test_newer_database_is_refused_and_left_untouched(db_path: Path):
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(DatabaseTooNewError) as info:
        open_database(db_path)
    assert "newer version" in info.value.message()
    assert db_path.read_bytes() == before


def test_database_is_backed_up_before_migrating(db_path: Path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
        connection.execute("INSERT INTO notes VALUES ('years of work')")
    db = open_database(db_path)
    backups = list((db_path.parent / "backups").glob("*.sqlite"))
    assert len(backups) == 1 and "before-migration" in backups[0].name
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT text FROM notes").fetchone() == ("years of work",)
    copy.close()
    db.close()


def test_damaged_file_is_refused(db_path: Path):
    db_path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(db_path)
    assert str(db_path) in info.value.message()
    assert db_path.read_bytes() == b"this is not a database" * 100


def test_pragmas_on_every_connection(empty_db):
    with empty_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_damaged_page_is_refused_on_open(db_path: Path, today):
    """A page overwritten in the middle of a real workspace (a bad disk, a torn copy)."""
    create_demo_workspace(db_path, seed=2, today=today).close()
    connection = sqlite3.connect(db_path)
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    root = connection.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'progress_update'").fetchone()[0]
    connection.close()
    with db_path.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xff" * page_size)
    damaged = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError) as info:
        open_database(db_path)
    assert str(db_path) in info.value.message()
    assert db_path.read_bytes() == damaged


def test_full_check_on_open_finds_an_index_out_of_step(db_path: Path, today):
    """What only the full check sees, and open runs it: an index that disagrees with its table."""
    create_demo_workspace(db_path, seed=2, today=today).close()
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA writable_schema = ON")
    connection.execute("UPDATE sqlite_master SET sql = replace(sql, '(action_id)', '(country_code)')"
                       " WHERE name = 'ix_commitment_action_id'")
    assert connection.total_changes == 1
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseDamagedError):
        open_database(db_path)
    assert db_path.read_bytes() == before


@pytest.mark.parametrize("journal", ["delete", "truncate", "persist", "wal"])
def test_newer_database_is_left_byte_for_byte_untouched_in_any_journal_mode(db_path: Path, journal):
    open_database(db_path).close()
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    connection.commit()
    connection.execute(f"PRAGMA journal_mode = {journal}")
    connection.close()
    before = db_path.read_bytes()
    files = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(DatabaseTooNewError):
        open_database(db_path)
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == files  # no journal, no backup


FIXTURE_0001 = Path(__file__).parent / "fixtures" / "secretariat_0001.sqlite"


def test_a_0001_secretariat_keeps_its_received_commitments_once(tmp_path: Path, today):
    """A real secretariat database of the first revision, made by the 0001-era code.

    Made with `git archive 016af5f^` (the last commit at revision 0001) and its
    `create_demo_workspace(path, role=SECRETARIAT, size="small", seed=5, today=2026-11-26)`:
    four countries' received submissions, 40 commitments each. Migrated, every received
    commitment has the id the coordinator's workspace gives it, so the country's next submission
    updates them instead of adding them all again.
    """
    from sqlalchemy import func, select

    from app.models.orm.reporting import Commitment
    from app.reports.submission.batch import import_batch
    from app.reports.submission.export import export_submission
    from app.reports.submission.receive import Outcome

    path = tmp_path / "secretariat.sqlite"
    path.write_bytes(FIXTURE_0001.read_bytes())
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    db = open_database(path)
    with db.reading() as session:
        rows = session.execute(select(Commitment.country_code, Commitment.id, Commitment.source_id)
                               .order_by(Commitment.id)).all()
    by_country: dict[str, list[int]] = {}
    for country, _id, source in rows:
        by_country.setdefault(country, []).append(source)
    assert by_country and all(ids == list(range(1, len(ids) + 1)) for ids in by_country.values())
    before = len(rows)
    coordinator = create_demo_workspace(tmp_path / "kz.sqlite", country="KZ", seed=3, today=today)
    workbook = export_submission(coordinator, "KZ", "2026-H1", "en", tmp_path).path
    with coordinator.reading() as session:
        count_kz = session.scalar(select(func.count()).select_from(Commitment))
    coordinator.close()
    result = import_batch(db, [workbook])
    assert result.outcomes[0].outcome in (Outcome.APPLIED, Outcome.REPLACED), result.outcomes[0].line()
    with db.reading() as session:
        after_kz = session.scalar(select(func.count()).select_from(Commitment)
                                  .where(Commitment.country_code == "KZ"))
        after = session.scalar(select(func.count()).select_from(Commitment))
    assert after_kz == max(count_kz, len(by_country["KZ"]))  # matched, not added twice
    assert after == before - len(by_country["KZ"]) + after_kz
    db.close()


def test_old_default_due_dates_move_to_the_end_of_the_next_month_unless_edited(db_path: Path):
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.executemany(
            "INSERT INTO reporting_period (id, code, start_date, end_date, due_date) "
            "VALUES (?, ?, ?, ?, ?)",
            [(1, "2025-H1", "2025-01-01", "2025-06-30", "2025-07-30"),  # the old default
             (2, "2025-H2", "2025-07-01", "2025-12-31", "2026-01-31"),  # old = new
             (3, "2026-H1", "2026-01-01", "2026-06-30", "2026-07-30"),  # edited to this date
             (4, "2024-H1", "2024-01-01", "2024-06-30", "2024-08-15")])  # chosen by a user
        connection.execute(
            "INSERT INTO change_log (changed_at, actor, entity, entity_id, operation, field, "
            "old_value, new_value) VALUES ('2026-02-01 10:00:00', 'Aida', 'reporting_period', "
            "'3', 'update', 'due_date', '2026-07-31', '2026-07-30')")
        connection.execute("UPDATE alembic_version SET version_num = '0004_signing_keys'")
        connection.execute("ALTER TABLE submission DROP COLUMN language")  # as at 0004
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        dues = dict(connection.execute("SELECT code, due_date FROM reporting_period"))
        logged = connection.execute("SELECT entity_id, old_value, new_value FROM change_log "
                                    "WHERE actor LIKE 'update:%'").fetchall()
    assert dues == {"2025-H1": "2025-07-31", "2025-H2": "2026-01-31", "2026-H1": "2026-07-30",
                    "2024-H1": "2024-08-15"}
    assert logged == [("1", "2025-07-30", "2025-07-31")]


def test_received_submissions_keep_the_workbook_language_from_0006(db_path: Path):
    """Rows received before 0006 get "" (the interface language is used for their e-mail)."""
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO reporting_period (id, code, start_date, end_date, due_date) "
                           "VALUES (1, '2026-H1', '2026-01-01', '2026-06-30', '2026-07-31')")
        connection.execute("INSERT INTO country (code) VALUES ('KG')")
        connection.execute("ALTER TABLE submission DROP COLUMN language")
        connection.execute("INSERT INTO submission (country_code, period_id, revision, state, "
                           "edited_after_export, acknowledgement_note, edited_cells, contact_email,"
                           " from_history, signer) VALUES ('KG', 1, 1, 'exported', 0, '', '[]', "
                           "'kg@example.org', 0, '')")
        connection.execute("UPDATE alembic_version SET version_num = '0005_due_dates'")
    open_database(db_path).close()
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT contact_email, language FROM submission").fetchall() \
            == [("kg@example.org", "")]
