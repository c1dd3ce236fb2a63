"""Fixtures for workbook tests: a fixed export time, an exported demo submission, compiled catalogs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from app import i18n
from app.models.storage.database import Database
from app.reports import language
from app.reports.submission.export import ExportResult, export_submission
from app.resources import resource_path
from tests.workspaces import WorkspaceTemplates

#: A fixed "generated at", so two exports of the same data are comparable cell by cell.
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)
PERIOD = "2026-H2"


def database_digest(db) -> str:
    """A digest of every row of the database, to show an import attempt changed nothing."""
    connection = db.engine.raw_connection()
    try:
        dump = "\n".join(connection.driver_connection.iterdump())
    finally:
        connection.close()
    return hashlib.sha256(dump.encode()).hexdigest()


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def session_export() -> dict[str, ExportResult]:
    """The demo's export as first made in this session, kept for `exported` (empty until then)."""
    return {}


@pytest.fixture
def exported(demo_db: Database, out_dir: Path, workspace_templates: WorkspaceTemplates,
             session_export: dict[str, ExportResult]) -> ExportResult:
    """The demo's KZ 2026-H2 submission in `out_dir`, and `demo_db` as that export left it.

    About 70 tests start from this export, which takes a third of a second: it is made once per
    session (by `export_submission` on a copy of the demo, at the fixed NOW), and each test gets
    its own copy of the workbook and of the database after the export.
    """
    folder = workspace_templates.folder / "exported"

    def export_once(path: Path) -> Database:
        db = workspace_templates.demo(path)
        folder.mkdir()
        session_export["result"] = export_submission(db, "KZ", PERIOD, "en", folder, now=NOW)
        return db

    workspace_templates.copy_over("demo-exported", export_once, demo_db)
    result = session_export["result"]
    target = out_dir / result.path.name
    shutil.copyfile(result.path, target)
    return dataclasses.replace(result, path=target, rows=dict(result.rows))


@pytest.fixture
def catalogs(tmp_path_factory, monkeypatch) -> Iterator[Path]:
    """The project's .po catalogs compiled into a temporary folder and used from there."""
    target = tmp_path_factory.mktemp("catalogs")
    for po_path in resource_path("translations").glob("*/LC_MESSAGES/messages.po"):
        code = po_path.parent.parent.name
        with po_path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        folder = target / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "messages.mo").open("wb") as handle:
            write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "catalog_dir", lambda: str(target))
    language.clear_cache()
    yield target
    language.clear_cache()
