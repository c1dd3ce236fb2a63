"""What the package ships and cuts (tools/package_contents.py, used by pyinstaller.spec)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import package_contents as pc  # noqa: E402

from app import __version__  # noqa: E402


@pytest.mark.parametrize(("dest", "kept"), [
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/ru.dat", True),
    ("babel/locale-data/ru_KZ.dat", True),
    ("babel/locale-data/fa_AF.dat", True),
    ("babel/locale-data/uz_Cyrl.dat", True),
    ("babel/global.dat", True),
    ("babel/locale-data/de.dat", False),
    ("babel/locale-data/zh_Hant_HK.dat", False),
    ("babel\\locale-data\\ja.dat", False),
])
def test_babel_locale_data_follows_the_shipped_languages(dest, kept):
    assert pc.keep_entry(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_ru.qm", True),
    ("PySide6/Qt/translations/qtbase_kk.qm", True),
    ("PySide6\\translations\\qtbase_fa.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtbase_pt_BR.qm", False),
    ("PySide6/Qt/translations/qt_help_ru.qm", False),
    ("PySide6/Qt/translations/qtmultimedia_ru.qm", False),
])
def test_qt_translations_are_qtbase_of_the_shipped_languages(dest, kept):
    assert pc.keep_entry(dest) is kept


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
    ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", False),
    ("PySide6\\plugins\\printsupport\\windowsprintersupport.dll", True),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/multimedia/libffmpegmediaplugin.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6/Qt/lib/libQt6Charts.so.6", True),
    ("PySide6/Qt/lib/libQt6OpenGL.so.6", True),  # QtCharts links it
    ("PySide6/Qt/lib/libQt6Svg.so.6", True),
    ("PySide6\\Qt6PrintSupport.dll", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("PySide6\\Qt6Pdf.dll", False),
    ("PySide6/Qt/lib/libQt6EglFsKmsSupport.so.6", False),
    ("PySide6/Qt/lib/libQt6WlShellIntegration.so.6", False),
    ("PySide6\\avcodec-61.dll", False),
    ("libpython3.11.so.1.0", True),
])
def test_qt_plugins_and_libraries(dest, kept):
    assert pc.keep_entry(dest) is kept


def test_unused_qt_modules_are_excluded_and_used_ones_are_not():
    excluded = set(pc.EXCLUDED_MODULES)
    assert {"PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
            "PySide6.QtMultimedia", "PySide6.QtNetwork", "PySide6.QtPdf"} <= excluded
    assert not {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtCharts",
                "PySide6.QtPrintSupport", "PySide6.QtSvg"} & excluded


def test_filter_entries_keeps_tuples_whole():
    entries = [("babel/locale-data/ru.dat", "/src/ru.dat", "DATA"),
               ("babel/locale-data/de.dat", "/src/de.dat", "DATA")]
    assert pc.filter_entries(entries) == entries[:1]


def test_data_files_ship_resources_and_migrations_but_not_catalog_sources(tmp_path):
    (tmp_path / "resources" / "refdata").mkdir(parents=True)
    (tmp_path / "resources" / "refdata" / "membership.json").write_text("[]")
    catalogs = tmp_path / "resources" / "translations" / "ru" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "messages.po").write_text("")
    (catalogs / "messages.mo").write_bytes(b"")
    (tmp_path / "resources" / "translations" / "messages.pot").write_text("")
    versions = tmp_path / "app" / "models" / "storage" / "migrations" / "versions"
    (versions / "__pycache__").mkdir(parents=True)
    (versions / "0001_initial.py").write_text("")
    (versions / "__pycache__" / "0001_initial.cpython-311.pyc").write_bytes(b"")
    (versions.parent / "env.py").write_text("")

    pairs = {(Path(src).name, dest) for src, dest in pc.data_files(tmp_path)}

    assert pairs == {
        ("membership.json", "resources/refdata"),
        ("messages.mo", "resources/translations/ru/LC_MESSAGES"),
        ("0001_initial.py", "app/models/storage/migrations/versions"),
        ("env.py", "app/models/storage/migrations"),
    }


def test_data_files_of_this_checkout_cover_what_the_app_reads():
    dests = {(Path(src).name, dest) for src, dest in pc.data_files(ROOT)}
    assert ("template_plan.json", "resources/refdata") in dests
    assert ("app.png", "resources/icons") in dests
    assert ("env.py", "app/models/storage/migrations") in dests
    assert any(dest == "app/models/storage/migrations/versions" for _name, dest in dests)
    assert {("index.md", "docs/guide/en"), ("index.md", "docs/guide/ru")} <= dests  # Help → User guide


def test_prune_unreferenced_keeps_what_kept_binaries_link_to():
    links = {
        "/s/QtWidgets.abi3.so": ["libQt6Widgets.so.6"],
        "/s/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
        "/s/libQt6Gui.so.6": ["libfreetype.so.6", "libc.so.6"],
        "/s/libqxcb.so": ["libxcb.so.1"],
        "/s/libcairo.so.2": ["libpixman-1.so.0"],
    }
    entries = [
        ("PySide6/QtWidgets.abi3.so", "/s/QtWidgets.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "/s/libQt6Widgets.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/s/libQt6Gui.so.6", "BINARY"),
        ("libfreetype.so.6", "/s/libfreetype.so.6", "BINARY"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "/s/libqxcb.so", "BINARY"),
        ("libxcb.so.1", "/s/libxcb.so.1", "BINARY"),
        ("libcairo.so.2", "/s/libcairo.so.2", "BINARY"),  # only a dropped GTK plugin needed it
        ("libpixman-1.so.0", "/s/libpixman-1.so.0", "BINARY"),
    ]
    kept = pc.prune_unreferenced(entries, lambda src: links.get(src, []))
    assert [dest for dest, _src, _kind in kept] == [dest for dest, _src, _kind in entries[:6]]


@pytest.mark.parametrize(("version", "numbers"), [
    ("0.1.0", (0, 1, 0, 0)), ("1.2.3.4", (1, 2, 3, 4)), ("2.0", (2, 0, 0, 0)), ("1.4.0rc1", (1, 4, 0, 0)),
])
def test_windows_version_numbers(version, numbers):
    assert pc.windows_version_tuple(version) == numbers


def test_windows_version_texts_carry_the_app_version():
    strings = pc.windows_version_strings("1.4.2", "Almaty Process Tracker", "AlmatyProcessTracker",
                                         "Almaty Process")
    assert strings["ProductVersion"] == strings["FileVersion"] == "1.4.2"
    assert strings["OriginalFilename"] == "AlmatyProcessTracker.exe"
    assert strings["ProductName"] == "Almaty Process Tracker"


def test_spec_and_installer_take_the_version_from_the_app():
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    installer = (ROOT / "installer" / "AlmatyProcessTracker.iss").read_text(encoding="utf-8")
    assert "from app import" in spec and "windows_version_resource(__version__" in spec
    assert __version__ not in spec and __version__ not in installer
    assert "GetVersionNumbersString" in installer


_WITHOUT_OPENSSL = """
import sys
sys.modules["_hashlib"] = sys.modules["_ssl"] = None  # as in the package: imports of them fail
import datetime as dt, hashlib
from pathlib import Path
from openpyxl import load_workbook
from app.demo.generator import create_demo_workspace
from app.reports.submission.export import export_submission
from app.reports.submission.read import read_submission
folder = Path(sys.argv[1])
db = create_demo_workspace(folder / "w.sqlite", today=dt.date(2026, 11, 26))
result = export_submission(db, "KZ", "2026-H2", "ru", folder,
                           now=dt.datetime(2026, 11, 26, tzinfo=dt.timezone.utc))
parsed = read_submission(result.path)
book = load_workbook(result.path)
assert book.security.lockStructure and book.worksheets[1].protection.sheet
print(hashlib.sha256.__name__, result.digest, parsed.digest, result.path)
"""


@pytest.mark.slow  # packaging: a child process without OpenSSL, as the package runs
def test_export_digest_and_protection_need_no_openssl(tmp_path):
    """The package leaves `_hashlib` (OpenSSL) out: the digest must come out the same without it."""
    import subprocess

    from app.reports.submission.read import read_submission

    assert "_hashlib" in pc.EXCLUDED_MODULES
    result = subprocess.run([sys.executable, "-c", _WITHOUT_OPENSSL, str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    implementation, exported, read_back, path = result.stdout.split()
    assert not implementation.startswith("openssl")
    assert exported == read_back
    assert read_submission(Path(path)).digest == exported  # this process may use OpenSSL's
