"""LibreOffice opens, prints and re-saves the workbook; an edit made by LibreOffice imports exactly."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.models.orm.enums import ProgressStatus
from app.models.services.reporting.periods import period_by_code
from app.models.services.reporting.progress import ProgressInput, record_progress
from app.reports.submission.export import export_submission
from app.reports.submission.pipeline import preview, read_submission
from app.reports.submission.preview_items import ChangeKind

from .conftest import NOW, PERIOD
from .test_submission_export import _first_commitment

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")]
MARKER = "Marker narrative 7f3a"


def convert(source: Path, target_format: str, folder: Path, home: Path) -> Path:
    """Run LibreOffice headless with its own profile, as a user without one would."""
    folder.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home)}
    subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{home}/profile",
         "--convert-to", target_format, "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=180, env=env)
    produced = folder / (source.stem + "." + target_format.split(":")[0])
    assert produced.exists(), f"LibreOffice did not write {produced}"
    return produced


def test_libreoffice_prints_the_cover_with_the_country_name(exported, tmp_path):
    pdf = convert(exported.path, "pdf", tmp_path / "pdf", tmp_path / "home")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Kazakhstan" in text and exported.digest in text


def test_a_workbook_saved_again_by_libreoffice_is_unchanged(demo_db, exported, tmp_path):
    resaved = convert(exported.path, "xlsx", tmp_path / "lo", tmp_path / "home")
    parsed = read_submission(resaved)
    assert not parsed.edited_after_export and parsed.errors == []
    assert not preview(demo_db, parsed).has_changes


def test_an_edit_made_in_libreoffice_imports_as_exactly_that_change(demo_db, out_dir, tmp_path):
    commitment_id = _first_commitment(demo_db)
    with demo_db.transaction() as session:
        record_progress(session, commitment_id, period_by_code(session, PERIOD).id,
                        ProgressInput(status=ProgressStatus.ON_TRACK, percent=30, narrative=MARKER))
    exported = export_submission(demo_db, "KZ", PERIOD, "en", out_dir, now=NOW)
    home = tmp_path / "home"
    flat = convert(exported.path, "fods", tmp_path / "fods", home)
    flat.write_text(flat.read_text(encoding="utf-8").replace(MARKER, "Edited in LibreOffice"),
                    encoding="utf-8")
    edited = convert(flat, "xlsx:Calc MS Excel 2007 XML", tmp_path / "back", home)
    parsed = read_submission(edited)
    assert parsed.edited_after_export
    assert [(ref.sheet, ref.column) for ref in parsed.edits] == [("Progress", "G")]
    changed = preview(demo_db, parsed).of_kind(ChangeKind.CHANGED)
    assert [(item.key, [(c.key, c.old, c.new) for c in item.changes]) for item in changed] == [
        ((commitment_id, PERIOD), [("narrative", MARKER, "Edited in LibreOffice")])]
