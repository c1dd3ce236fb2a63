"""The self-test of an installed app: does this build start, find its files and speak Russian?

`AlmatyProcessTracker selftest` runs these steps offscreen in a temporary folder, from source or
from the frozen package, and prints one line per step. Each step is a function of the shared
`SelfTestRun` that returns what it saw or raises `StepFailedError` with the reason. A new check is one
function and one line in `STEPS`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app import i18n
from app.demo.generator import generate
from app.i18n import LANGUAGES
from app.i18n.formats import country_name, format_date
from app.models.orm.enums import WorkspaceRole
from app.models.services.reporting.periods import current_period
from app.models.services.workspace.profile import ProfileInput, create_workspace, profile_of
from app.models.storage.database import Database
from app.models.storage.migrate import head_revision
from app.models.topics import EVERYTHING, PERIODS, SUBMISSIONS
from app.paths import executable_dir
from app.reports.language import translator
from app.reports.submission.export import COVER_TITLE, ExportResult, export_submission
from app.reports.submission.pipeline import preview, read_submission
from app.reports.submission.preview_items import ChangeKind
from app.resources import is_frozen, package_path, resource_path
from app.ui.common.change_bus import ChangeBus
from app.ui.common.context import WorkspaceContext
from app.ui.common.language import LanguageController
from app.ui.shell.main_window import MainWindow

LANGUAGE = "ru"
COUNTRY = "KZ"
#: CLDR's medium Russian date (note the narrow no-break space before «г.»).
RUSSIAN_DATE = (dt.date(2026, 11, 26), "26 нояб. 2026\u202fг.")
#: A message of the main window that the Russian catalog must translate.
CATALOG_PROBE = "&File"
#: A string of Qt's own dialogs, from Qt's `qtbase_ru.qm`.
QT_PROBE = ("QPlatformTheme", "Cancel", "Отмена")


class StepFailedError(Exception):
    """A step found something wrong; the message says what."""


@dataclass
class SelfTestRun:
    """What the steps share: the temporary folder and what earlier steps opened."""

    folder: Path
    app: QApplication | None = None
    language: LanguageController | None = None
    db: Database | None = None
    window: MainWindow | None = None
    export: ExportResult | None = None
    previous_language: str = field(default_factory=i18n.current_language)

    def need_window(self) -> MainWindow:
        if self.window is None:
            raise StepFailedError("the main window is not open (an earlier step failed)")
        return self.window

    def close(self) -> None:
        """Close what the steps opened (without saving window state into the user's settings)."""
        if self.language is not None:
            self.language.set_language(self.previous_language)
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        if self.app is not None:
            QCoreApplication.sendPostedEvents()
            self.app.processEvents()
        if self.db is not None:
            self.db.close()
            self.db = None


def check_bundled_resources(run: SelfTestRun) -> str:
    from babel import localedata

    wanted = [resource_path("refdata", name)
              for name in ("membership.json", "meetings.json", "template_plan.json")]
    wanted += [resource_path("icons", "app.png"), package_path("models", "storage", "migrations", "env.py")]
    missing = [str(path) for path in wanted if not path.is_file()]
    if missing:
        raise StepFailedError("missing files: " + ", ".join(missing))
    no_locale = [code for code in LANGUAGES if not localedata.exists(code)]
    if no_locale:
        raise StepFailedError("Babel has no locale data for: " + ", ".join(no_locale))
    return f"{len(wanted)} files, {len(LANGUAGES)} locales, migrations up to {head_revision()}"


def check_russian_date(run: SelfTestRun) -> str:
    day, expected = RUSSIAN_DATE
    shown = format_date(day, LANGUAGE)
    if shown != expected:
        raise StepFailedError(f"format_date({day}, {LANGUAGE!r}) gave {shown!r}, expected {expected!r}")
    return shown


def check_russian_catalog(run: SelfTestRun) -> str:
    compiled = Path(i18n.catalog_dir()) / LANGUAGE / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
    if not compiled.is_file():
        raise StepFailedError(f"no Russian catalog in this build ({compiled} is missing)")
    translated = i18n.translate_in(LANGUAGE, CATALOG_PROBE)
    if translated == CATALOG_PROBE:
        raise StepFailedError(f"the Russian catalog is bundled but leaves {CATALOG_PROBE!r} untranslated")
    return f"{CATALOG_PROBE!r} → {translated!r}"


def create_workspace_in_folder(run: SelfTestRun) -> str:
    path = run.folder / "selftest.sqlite"
    run.db = create_workspace(path, ProfileInput(
        role=WorkspaceRole.COORDINATOR, country_code=COUNTRY, coordinator_name="Self-test",
        ministry="", email="", language=LANGUAGE,
    ))
    profile = profile_of(run.db)
    if profile is None or profile.country_code != COUNTRY:
        raise StepFailedError(f"the new workspace at {path} has no {COUNTRY} profile")
    return str(path)


def open_main_window(run: SelfTestRun) -> str:
    from app.ui.shell.application import create_application

    if run.db is None:
        raise StepFailedError("no workspace (an earlier step failed)")
    run.app = create_application()
    run.language = LanguageController(run.app)
    run.language.set_language(LANGUAGE)
    profile = profile_of(run.db)
    assert profile is not None
    context = WorkspaceContext(db=run.db, profile=profile, bus=ChangeBus(), language=run.language)
    run.window = MainWindow(context)
    run.window.show()
    run.app.processEvents()
    expected = country_name(COUNTRY, LANGUAGE)
    if not run.window.isVisible():
        raise StepFailedError("the main window did not show")
    if expected not in run.window.windowTitle():
        raise StepFailedError(f"window title {run.window.windowTitle()!r} does not name {expected!r}")
    return run.window.windowTitle()


def check_qt_translation(run: SelfTestRun) -> str:
    run.need_window()
    context, source, expected = QT_PROBE
    shown = QCoreApplication.translate(context, source)
    if shown != expected:
        raise StepFailedError(f"Qt's {source!r} shows as {shown!r}, expected {expected!r} "
                              "(qtbase_ru.qm not bundled or not found)")
    return f"{source!r} → {shown!r}"


def check_charts_printing_svg(run: SelfTestRun) -> str:
    """The Qt modules the package keeps (and slimming must not cut) work: a chart, a PDF, an SVG."""
    from PySide6.QtCharts import QBarSeries, QBarSet, QChart, QChartView
    from PySide6.QtCore import QByteArray, QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtSvg import QSvgRenderer

    run.need_window()
    bars = QBarSet(country_name(COUNTRY, LANGUAGE))
    bars.append([40.0, 25.0, 10.0])
    series = QBarSeries()
    series.append(bars)
    chart = QChart()
    chart.addSeries(series)
    view = QChartView(chart)
    view.resize(320, 200)
    if view.grab().isNull():
        raise StepFailedError("QtCharts drew nothing")
    pdf = run.folder / "selftest.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(pdf))
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(15, 15, 15, 15)))
    painter = QPainter(printer)
    chart.scene().render(painter)
    painter.drawText(100, 100, country_name(COUNTRY, LANGUAGE))
    painter.end()
    if not pdf.is_file() or pdf.stat().st_size < 500:
        raise StepFailedError(f"QtPrintSupport wrote no PDF at {pdf}")
    svg = QSvgRenderer(QByteArray(b'<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8">'
                                  b'<rect width="8" height="8" fill="#12488a"/></svg>'))
    if not svg.isValid():
        raise StepFailedError("QtSvg could not read an SVG image")
    return f"chart drawn, {pdf.stat().st_size} bytes of PDF, SVG read"


def load_demo_data(run: SelfTestRun) -> str:
    window = run.need_window()
    assert run.db is not None
    generate(run.db, role=WorkspaceRole.COORDINATOR, country=COUNTRY, size="small", seed=1,
             language=LANGUAGE, today=dt.date.today())
    window.context.bus.announce(*EVERYTHING)
    assert run.app is not None
    run.app.processEvents()
    shown = sum(action.commitments for objective in window.navigator.plan_model.outline.objectives
                for action in objective.children)
    if shown == 0:
        raise StepFailedError("the navigator shows no commitments after loading the demo data")
    return f"{shown} commitments shown in the navigator"


def _sha256_implementation() -> str:
    """Which SHA-256 the digest uses: OpenSSL's, or Python's own when the package left OpenSSL out."""
    return "OpenSSL" if hashlib.sha256.__name__.startswith("openssl_") else "Python's built-in"


def export_russian_submission(run: SelfTestRun) -> str:
    """The real export (styled workbook, SHA-256 digest, protected sheets), headers in Russian."""
    from openpyxl import load_workbook

    window = run.need_window()
    assert run.db is not None
    with run.db.reading() as session:
        period = current_period(session, dt.date.today())
    if period is None:
        raise StepFailedError("the demo data has no current reporting period")
    folder = run.folder / "submission"
    folder.mkdir(exist_ok=True)
    run.export = result = export_submission(run.db, COUNTRY, period.code, LANGUAGE, folder)
    window.context.bus.announce(SUBMISSIONS, PERIODS)
    if not result.path.is_file() or result.path.name != f"AP_{COUNTRY}_{period.code}_r1.xlsx":
        raise StepFailedError(f"the export wrote no AP_{COUNTRY}_{period.code}_r1.xlsx in {folder}")
    if len(result.digest) != 64:
        raise StepFailedError(f"the digest {result.digest!r} is not a SHA-256")
    workbook = load_workbook(result.path)
    cover = translator(LANGUAGE)(COVER_TITLE)
    if cover == COVER_TITLE or workbook.sheetnames[0] != cover:
        raise StepFailedError(f"the first sheet is {workbook.sheetnames[0]!r}, expected the "
                              f"Russian {cover!r}")
    unprotected = [ws.title for ws in workbook.worksheets
                   if ws.sheet_state == "visible" and not ws.protection.sheet]
    if unprotected or workbook.security is None or not workbook.security.lockStructure:
        raise StepFailedError(f"the workbook's structure or sheets are not protected: {unprotected}")
    rows = sum(result.rows.values())
    return f"{result.path.name}, {rows} rows, sheets {', '.join(workbook.sheetnames[:3])}, …"


def import_submission_back(run: SelfTestRun) -> str:
    """Read the exported file back: the digest matches and the preview says nothing would change."""
    if run.db is None or run.export is None:
        raise StepFailedError("nothing was exported (an earlier step failed)")
    parsed = read_submission(run.export.path)
    if parsed.edited_after_export or parsed.digest != run.export.digest:
        raise StepFailedError(f"the digest read back ({parsed.digest[:12]}…, stored "
                              f"{parsed.stored_digest[:12]}…) is not the exported one "
                              f"({run.export.digest[:12]}…)")
    if parsed.errors:
        raise StepFailedError(f"reading back found errors: {parsed.errors[0].where}: "
                              f"{parsed.errors[0].message}")
    shown = preview(run.db, parsed)
    if shown.has_changes or shown.errors:
        changed = [(item.sheet, item.key) for item in shown.items if item.kind != ChangeKind.UNCHANGED]
        raise StepFailedError(f"the preview of the file just exported shows changes: {changed[:3]}")
    return (f"digest {parsed.digest[:12]}… verified ({_sha256_implementation()} SHA-256), "
            f"preview: nothing would change")


def _count_commitments(db: Database) -> int:
    from sqlalchemy import func, select

    from app.models.orm.reporting import Commitment

    with db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Commitment)) or 0)


def back_up_and_restore(run: SelfTestRun) -> str:
    """A verified backup of the open workspace, restored into another (Cyrillic) folder, reopens whole."""
    from app.models.services.workspace.backups import back_up, restore_closed
    from app.models.storage.database import open_database

    if run.db is None:
        raise StepFailedError("no workspace (an earlier step failed)")
    expected = _count_commitments(run.db)
    info = back_up(run.db.path)
    target = run.folder / "Восстановление" / "workspace.sqlite"
    target.parent.mkdir(exist_ok=True)
    restore_closed(target, info.path)
    restored = open_database(target)
    try:
        found = _count_commitments(restored)
        profile = profile_of(restored)
    finally:
        restored.close()
    if found != expected or profile is None or profile.country_code != COUNTRY:
        raise StepFailedError(f"the restored copy at {target} holds {found} commitments, expected {expected}")
    return f"{info.path.name} ({info.size} bytes) restored, {found} commitments"


def refuse_second_instance(run: SelfTestRun) -> str:
    """While this process holds a workspace, another copy of the program must refuse to write to it.

    On Windows the lock is told alive by OpenProcess (there is no flock), so a second process is the
    only real test. It is asked to restore a backup that does not exist: if the lock failed to stop
    it, it would say so and still change nothing.
    """
    from app.models.storage.lock import WorkspaceLock

    path = run.folder / "Занятая папка" / "workspace.sqlite"
    command = [sys.executable] if is_frozen() else [sys.executable, str(executable_dir() / "main.py")]
    # A one-file exe started from its own process would otherwise reuse this run's unpacked files
    # as if it were part of it; reset makes it a second instance of its own.
    env = dict(os.environ, PYINSTALLER_RESET_ENVIRONMENT="1")
    with WorkspaceLock(path):
        result = subprocess.run(
            [*command, "restore", "--db", str(path), str(path.with_name("нет такой копии.sqlite"))],
            capture_output=True, encoding="utf-8", errors="replace", env=env, timeout=180,
            stdin=subprocess.DEVNULL)
    said = " ".join(result.stderr.split())
    if result.returncode != 2 or f"{os.getpid()}" not in said or str(path) not in said:
        raise StepFailedError(f"the second copy was not refused (exit code {result.returncode}): "
                              f"{said or result.stdout.strip()}")
    return f"refused while process {os.getpid()} holds {path.parent.name}/{path.name} (exit code 2)"


def write_regional_brief(run: SelfTestRun) -> str:
    """The printable regional brief (Qt's PDF writer, Russian text) from a secretariat demo workspace."""
    from app.demo.generator import create_demo_workspace
    from app.reports.consolidation.brief import brief_html
    from app.reports.consolidation.data import gather
    from app.ui.files.pdf_renderer import render_pdf

    run.need_window()
    db = create_demo_workspace(run.folder / "Региональная.sqlite", role=WorkspaceRole.SECRETARIAT,
                               size="small", seed=1, language=LANGUAGE)
    try:
        with db.reading() as session:
            data = gather(session, highlights=True)
    finally:
        db.close()
    pdf = run.folder / "Региональная сводка.pdf"
    pages = render_pdf(brief_html(data, LANGUAGE), pdf, title="Региональная сводка")
    if pages < 1 or pdf.read_bytes()[:5] != b"%PDF-":
        raise StepFailedError(f"no PDF brief at {pdf}")
    return f"{pdf.name}: {pages} pages, {len(data.scope.countries)} countries, {pdf.stat().st_size} bytes"


Step = tuple[str, Callable[[SelfTestRun], str]]

#: In order; later steps use what earlier ones opened.
STEPS: list[Step] = [
    ("bundled resources", check_bundled_resources),
    ("Russian date (Babel)", check_russian_date),
    ("Russian catalog", check_russian_catalog),
    ("workspace in a temporary folder", create_workspace_in_folder),
    ("main window", open_main_window),
    ("Qt's own strings in Russian", check_qt_translation),
    ("charts, printing and SVG (Qt)", check_charts_printing_svg),
    ("demo data", load_demo_data),
    ("submission exported in Russian", export_russian_submission),
    ("submission imported back, digest verified", import_submission_back),
    ("backup restored into another folder", back_up_and_restore),
    ("workspace lock: a second copy refused", refuse_second_instance),
    ("regional brief (PDF)", write_regional_brief),
]


def run_selftest(folder: Path, out: TextIO, err: TextIO, steps: list[Step] | None = None) -> int:
    """Run the steps in `folder`; 0 when every step passed, else 1 (the reason on `err`)."""
    run = SelfTestRun(folder=folder)
    print(f"self-test of {'the packaged app' if is_frozen() else 'the source tree'} in {folder}",
          file=out, flush=True)
    try:
        for name, step in steps if steps is not None else STEPS:
            started = time.perf_counter()
            try:
                detail = step(run)
            except StepFailedError as failure:
                print(f"self-test failed at {name!r}: {failure}", file=err, flush=True)
                return 1
            except Exception as exc:  # the reason must reach the user, whatever broke
                print(f"self-test failed at {name!r}: {type(exc).__name__}: {exc}", file=err, flush=True)
                return 1
            elapsed = (time.perf_counter() - started) * 1000
            print(f"  ok    {name} ({elapsed:.0f} ms): {detail}", file=out, flush=True)
    finally:
        run.close()
    print("self-test passed", file=out, flush=True)
    return 0
