"""What goes into the package and what is cut from it: plain functions the spec calls, tested by pytest.

`pyinstaller.spec` collects with PyInstaller's hooks, then filters the collected `(dest, src, kind)`
entries through `keep_entry`. Everything here is about destination paths inside the bundle, written
with forward slashes; PyInstaller uses the platform's separator, so entries are normalised first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from app.i18n import LANGUAGES

#: Interface languages shipped: catalogs, Qt's own translations and Babel's locale data follow them.
SHIPPED_LANGUAGES: tuple[str, ...] = tuple(LANGUAGES)

#: Python modules the app never imports; the excludes keep PyInstaller's hooks from pulling them in.
EXCLUDED_MODULES: list[str] = [
    "tkinter", "_tkinter", "unittest", "pydoc_data", "test", "lib2to3", "idlelib", "xmlrpc",
    # No network: the OpenSSL libraries (several MB) go with these; hashlib has built-in SHA-256.
    "ssl", "_ssl", "_hashlib",
    "PySide6.Qt3DAnimation", "PySide6.Qt3DCore", "PySide6.Qt3DExtras", "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic", "PySide6.Qt3DRender", "PySide6.QtBluetooth", "PySide6.QtDataVisualization",
    "PySide6.QtDesigner", "PySide6.QtGraphs", "PySide6.QtGraphsWidgets", "PySide6.QtHelp",
    "PySide6.QtHttpServer", "PySide6.QtLocation", "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets", "PySide6.QtNetwork", "PySide6.QtNetworkAuth", "PySide6.QtNfc",
    "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
    "PySide6.QtPositioning", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuick3D",
    "PySide6.QtQuickControls2", "PySide6.QtQuickWidgets", "PySide6.QtRemoteObjects",
    "PySide6.QtScxml", "PySide6.QtSensors", "PySide6.QtSerialBus", "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio", "PySide6.QtSql", "PySide6.QtStateMachine", "PySide6.QtTest",
    "PySide6.QtTextToSpeech", "PySide6.QtUiTools", "PySide6.QtWebChannel", "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineQuick", "PySide6.QtWebEngineWidgets", "PySide6.QtWebSockets",
    "PySide6.QtWebView", "PySide6.QtXml", "PySide6.QtAxContainer", "PySide6.QtCanvasPainter",
]

#: Qt platform plugins kept: the desktop one of each system, and offscreen for the self-test.
KEPT_PLATFORMS = ("qxcb", "qwindows", "qcocoa", "qoffscreen")

#: Qt plugin folders the app has no use for (it prints through QtPrintSupport, shows SVG icons,
#: reads PNG/ICO/SVG images, and needs no network, multimedia, sensors or QML). Without
#: `platformthemes` the Linux build draws Qt's own file dialogs instead of GTK's (GTK and Cairo
#: would add some 15 MB); Windows and macOS have their native dialogs built into the platform plugin.
DROPPED_PLUGIN_DIRS = frozenset({
    "assetimporters", "canbus", "designer", "egldeviceintegrations", "geometryloaders",
    "geoservices", "multimedia", "networkinformation", "position", "qmltooling", "renderers",
    "renderplugins", "sceneparsers", "scxmldatamodel", "sensors", "sqldrivers", "texttospeech",
    "tls", "webview", "generic", "platformthemes", "xcbglintegrations", "platforminputcontexts",
    "wayland-decoration-client", "wayland-graphics-integration-client",
    "wayland-graphics-integration-server", "wayland-shell-integration", "vectorimageformats",
})

#: Image formats kept: what the icons and a future screenshot or logo need.
KEPT_IMAGEFORMATS = ("qico", "qsvg", "qjpeg", "qgif")

#: Qt shared libraries that hooks sometimes drag in through plugin dependencies, never used here.
_DROPPED_QT_LIBS = re.compile(
    r"Qt6?(Quick|Qml|Pdf|Network|Multimedia|WebEngine|WebChannel|WebSockets|3D|Designer|"
    r"VirtualKeyboard|Bluetooth|Positioning|Sensors|SerialPort|Location|Wayland|Wl|EglFs|"
    r"Graphs|DataVisualization|Lottie|ShaderTools|Labs|Test|Sql|Help|Nfc|RemoteObjects|Scxml|"
    r"StateMachine|SpatialAudio|TextToSpeech|HttpServer|CanvasPainter|FFmpeg)", re.IGNORECASE)
_DROPPED_NATIVE = re.compile(r"(^|/)(avcodec|avformat|avutil|swresample|swscale)[-.]")

_BABEL_LOCALE = re.compile(r"^babel/locale-data/(?P<name>[A-Za-z0-9_]+)\.dat$")
_QT_TRANSLATION = re.compile(r"/translations/(?P<name>[a-z_]+?)_(?P<lang>[a-z]{2,3}(_[A-Z]{2})?)\.qm$")
_QT_PLUGIN = re.compile(r"/plugins/(?P<dir>[^/]+)/(lib)?(?P<name>[^/.]+)[^/]*$")


def normalise(dest: str) -> str:
    return dest.replace("\\", "/")


def keep_babel_data(dest: str) -> bool:
    """Babel's locale data for the shipped languages only (and `root`, which every locale inherits)."""
    match = _BABEL_LOCALE.match(normalise(dest))
    if not match:
        return True
    name = match["name"]
    return name == "root" or name.split("_")[0] in SHIPPED_LANGUAGES


def keep_qt_translation(dest: str) -> bool:
    """Qt's own strings (`qtbase_*.qm`) for the shipped languages; no other Qt catalogs."""
    match = _QT_TRANSLATION.search(normalise(dest))
    if not match:
        return True
    return match["name"] == "qtbase" and match["lang"].split("_")[0] in SHIPPED_LANGUAGES


def keep_qt_binary(dest: str) -> bool:
    """Drop unused Qt plugins and libraries that the hooks collect anyway."""
    path = normalise(dest)
    plugin = _QT_PLUGIN.search(path)
    if plugin:
        folder, name = plugin["dir"], plugin["name"]
        if folder in DROPPED_PLUGIN_DIRS:
            return False
        if folder == "platforms":
            return name in KEPT_PLATFORMS
        if folder == "imageformats":
            return name in KEPT_IMAGEFORMATS
        if folder == "printsupport":
            return name != "cupsprintersupport"
        return True
    return not (_DROPPED_QT_LIBS.search(path) or _DROPPED_NATIVE.search(path))


def keep_entry(dest: str) -> bool:
    """The one filter applied to every collected binary and data file."""
    return keep_babel_data(dest) and keep_qt_translation(dest) and keep_qt_binary(dest)


def filter_entries(entries: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Keep the TOC entries (dest, src, kind) that `keep_entry` accepts."""
    return [entry for entry in entries if keep_entry(entry[0])]


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source file, destination folder) pairs for everything the app reads from disk at run time.

    All of `resources/` except catalog sources (`.po`, `.pot`: the compiled `.mo` files ship),
    the Alembic migration scripts, which Alembic loads by path, and the user guide (`docs/guide`,
    Markdown that Help → User guide renders with Qt).
    """
    pairs: list[tuple[str, str]] = []
    skipped_suffixes = {".po", ".pot", ".pyc"}
    for base in (root / "resources", root / "app" / "models" / "storage" / "migrations",
                 root / "docs" / "guide"):
        for path in sorted(base.rglob("*")):
            if not path.is_file() or path.suffix in skipped_suffixes or "__pycache__" in path.parts:
                continue
            pairs.append((str(path), path.parent.relative_to(root).as_posix()))
    return pairs


def windows_version_strings(version: str, name: str, file_stem: str, company: str) -> dict[str, str]:
    """The texts Explorer shows under Properties → Details (and the installer reads the version from)."""
    return {
        "CompanyName": company,
        "FileDescription": name,
        "FileVersion": version,
        "InternalName": file_stem,
        "OriginalFilename": f"{file_stem}.exe",
        "ProductName": name,
        "ProductVersion": version,
    }


def windows_version_resource(version: str, name: str, file_stem: str, company: str) -> Any:
    """The Windows version resource, built from `app.__version__`.

    PyInstaller's version-info classes import Windows-only modules, so this runs on Windows only
    (the spec calls it there); the texts and numbers come from the tested functions beside it.
    """
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = windows_version_tuple(version)
    strings = [StringStruct(key, value)
               for key, value in windows_version_strings(version, name, file_stem, company).items()]
    return VSVersionInfo(
        # VOS_NT_WINDOWS32, VFT_APP; the mask covers every flag, none set.
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers, mask=0x3F, flags=0x0, OS=0x40004,
                          fileType=0x1, subtype=0x0, date=(0, 0)),
        # U.S. English, Unicode (code page 1200).
        kids=[StringFileInfo([StringTable("040904B0", strings)]),
              VarFileInfo([VarStruct("Translation", [0x0409, 1200])])],
    )


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """`0.1.0` → (0, 1, 0, 0): the four numbers a Windows version resource holds."""
    numbers = [int(m[0]) if (m := re.match(r"\d+", part)) else 0 for part in version.split(".")[:4]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def is_dependency_root(entry: tuple[str, str, str]) -> bool:
    """Binaries loaded by name at run time rather than linked: Python extensions, Qt plugins, libpython."""
    dest, _src, kind = entry
    path = normalise(dest)
    name = path.rsplit("/", 1)[-1]
    return kind == "EXTENSION" or "/plugins/" in path or name.startswith("libpython")


def prune_unreferenced(
    entries: Iterable[tuple[str, str, str]], imports_of: Callable[[str], Iterable[str]],
) -> list[tuple[str, str, str]]:
    """Drop the shared libraries that no kept binary links to any more.

    PyInstaller resolves the dependencies of every plugin it collects, before the spec can filter
    the plugins; the libraries only those dropped plugins needed (GTK, Cairo, CUPS, Kerberos …) would
    stay behind. `imports_of(src)` names the libraries a binary links to (file names).
    """
    entries = list(entries)
    by_name = {normalise(dest).rsplit("/", 1)[-1]: (dest, src, kind) for dest, src, kind in entries}
    reached: set[str] = set()
    pending = [entry for entry in entries if is_dependency_root(entry)]
    while pending:
        dest, src, _kind = pending.pop()
        name = normalise(dest).rsplit("/", 1)[-1]
        if name in reached:
            continue
        reached.add(name)
        for imported in imports_of(src):
            if imported in by_name and imported not in reached:
                pending.append(by_name[imported])
    return [entry for entry in entries if normalise(entry[0]).rsplit("/", 1)[-1] in reached]
