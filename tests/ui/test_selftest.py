"""The self-test the package runs (`main.py selftest`), and the start-up smoke hook."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from app import i18n
from app.cli import main
from app.ui.shell import selftest

ROOT = Path(__file__).resolve().parent.parent.parent


def _env(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"),
                XDG_CONFIG_HOME=str(tmp_path / "config"))


@pytest.mark.slow  # the package's own check (a child process); in-process below for the fast loop
def test_selftest_passes_from_source(tmp_path):
    result = subprocess.run([sys.executable, "main.py", "selftest"], cwd=ROOT, env=_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    for name, _step in selftest.STEPS:
        assert name in result.stdout
    assert "40 commitments shown" in result.stdout
    assert "Казахстан" in result.stdout
    assert "Титульный лист" in result.stdout and "nothing would change" in result.stdout
    # The Windows paths of issue 15: a Cyrillic folder, a second copy refused, the PDF brief.
    assert "Проверка" in result.stdout and "refused while process" in result.stdout
    assert "Региональная сводка.pdf" in result.stdout


def test_every_step_passes_in_process(qapp, tmp_path):
    out, err = io.StringIO(), io.StringIO()
    assert selftest.run_selftest(tmp_path, out, err) == 0, err.getvalue()
    assert err.getvalue() == ""
    assert out.getvalue().count("  ok    ") == len(selftest.STEPS)
    exported = list((tmp_path / "submission").glob("AP_KZ_*_r1.xlsx"))
    assert len(exported) == 1 and "verified" in out.getvalue()


def test_a_failing_step_stops_the_run_with_its_reason(tmp_path):
    ran: list[str] = []

    def fails(run: selftest.SelfTestRun) -> str:
        raise selftest.StepFailedError("the digest does not match")

    def never(run: selftest.SelfTestRun) -> str:
        ran.append("never")
        return ""

    out, err = io.StringIO(), io.StringIO()
    code = selftest.run_selftest(tmp_path, out, err, [("round trip", fails), ("after", never)])
    assert code == 1
    assert "round trip" in err.getvalue() and "the digest does not match" in err.getvalue()
    assert ran == [] and "passed" not in out.getvalue()


def test_an_unexpected_error_is_reported_not_raised(tmp_path):
    def breaks(run: selftest.SelfTestRun) -> str:
        raise FileNotFoundError("qoffscreen")

    err = io.StringIO()
    assert selftest.run_selftest(tmp_path, io.StringIO(), err, [("window", breaks)]) == 1
    assert "FileNotFoundError: qoffscreen" in err.getvalue()


def test_steps_that_need_the_window_fail_clearly_without_it(tmp_path):
    err = io.StringIO()
    steps = [("Qt strings", selftest.check_qt_translation)]
    assert selftest.run_selftest(tmp_path, io.StringIO(), err, steps) == 1
    assert "main window is not open" in err.getvalue()


def _compile_catalog(folder: Path, messages: dict[str, str]) -> None:
    catalog = Catalog(locale="ru")
    for source, translated in messages.items():
        catalog.add(source, translated)
    target = folder / "ru" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, catalog)


@pytest.fixture
def catalogs(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "translations"
    folder.mkdir()
    monkeypatch.setattr(i18n, "catalog_dir", lambda: str(folder))
    return folder


def test_russian_catalog_fails_when_none_is_bundled(catalogs):
    with pytest.raises(selftest.StepFailedError, match="no Russian catalog"):
        selftest.check_russian_catalog(selftest.SelfTestRun(folder=catalogs))


def test_russian_catalog_passes_when_it_translates(catalogs):
    _compile_catalog(catalogs, {"&File": "&Файл"})
    assert "&Файл" in selftest.check_russian_catalog(selftest.SelfTestRun(folder=catalogs))


def test_russian_catalog_fails_when_it_does_not_translate(catalogs):
    _compile_catalog(catalogs, {"&Edit": "&Правка"})
    with pytest.raises(selftest.StepFailedError, match="untranslated"):
        selftest.check_russian_catalog(selftest.SelfTestRun(folder=catalogs))


def _run_to_export(folder: Path) -> selftest.SelfTestRun:
    """A run with the workspace, window and demo data, as the steps before the export leave it."""
    run = selftest.SelfTestRun(folder=folder)
    for step in (selftest.create_workspace_in_folder, selftest.open_main_window,
                 selftest.load_demo_data, selftest.export_russian_submission):
        step(run)
    return run


def test_import_step_fails_when_the_file_was_edited_after_export(qapp, tmp_path):
    from openpyxl import load_workbook

    run = _run_to_export(tmp_path)
    try:
        assert run.export is not None
        workbook = load_workbook(run.export.path)
        progress = workbook.worksheets[2]
        row = next(r for r in progress.iter_rows(min_row=3) if r[0].value)
        row[6].value = "Changed in Excel after the export."
        workbook.save(run.export.path)
        with pytest.raises(selftest.StepFailedError, match="is not the exported one"):
            selftest.import_submission_back(run)
    finally:
        run.close()


def test_import_step_fails_when_the_workspace_moved_on(qapp, tmp_path):
    from sqlalchemy import select

    from app.models.orm.reporting import ProgressUpdate

    run = _run_to_export(tmp_path)
    try:
        assert run.db is not None and run.export is not None
        with run.db.transaction() as session:
            update = session.scalars(select(ProgressUpdate).where(ProgressUpdate.narrative != "")
                                     .order_by(ProgressUpdate.id.desc())).first()
            update.narrative = "Changed in the app after the export."
        with pytest.raises(selftest.StepFailedError, match="shows changes"):
            selftest.import_submission_back(run)
    finally:
        run.close()


def test_import_step_needs_an_export(tmp_path):
    with pytest.raises(selftest.StepFailedError, match="nothing was exported"):
        selftest.import_submission_back(selftest.SelfTestRun(folder=tmp_path))


def test_russian_date_is_cldr_medium():
    assert selftest.check_russian_date(selftest.SelfTestRun(folder=Path("."))) == "26 нояб. 2026\u202fг."


@pytest.mark.slow  # the packaged start, in a child process
def test_quit_after_show_starts_the_gui_and_exits(tmp_path):
    database = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(database), "--lang", "ru"]) == 0
    result = subprocess.run([sys.executable, "main.py", "--db", str(database), "--quit-after-show"],
                            cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["shown"]


def test_application_has_the_app_icon(qapp):
    from app.ui.shell.application import create_application

    app = create_application()
    assert not app.windowIcon().isNull()
    assert app.windowIcon().availableSizes()
