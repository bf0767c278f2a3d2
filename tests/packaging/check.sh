#!/usr/bin/env bash
# Checks what `make package` left in dist/: the two files a school installs,
# by name, by size, and by what is inside each.
#
#   bash tests/packaging/check.sh <version>
set -euo pipefail
version="$1"
deb="dist/assent_${version}_amd64.deb"
setup="dist/Assent-${version}-setup.exe"
# The window carries its own fonts for every script a school's names use (about
# 8 MB), so even the test run's unoptimised build stays well inside this.
limit=$((56 * 1024 * 1024))
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../tally.sh"
size_ok() {
    local size
    size=$(stat -c %s "$1")
    echo "     $1: $((size / 1024)) KiB"
    [ "$size" -gt 1048576 ] && [ "$size" -lt "$limit" ]
}
# Every line of the expected list ($2, a file) is in the listing ($1).
lists_all() {
    local missing
    missing=$(grep -vxF -f "$1" "$2" || true)
    [ -z "$missing" ] || { echo "     missing: $missing"; return 1; }
}

check "dist/ holds exactly the two packages" \
    bash -c "[ \"\$(ls dist | sort)\" = \"\$(printf '%s\n' 'Assent-${version}-setup.exe' 'assent_${version}_amd64.deb')\" ]"
check "the Debian package is between 1 MB and 56 MB" size_ok "$deb"
check "the Windows installer is between 1 MB and 56 MB" size_ok "$setup"

# ---- the Debian package
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./||; s|^|/|' >"$work/deb.list"
cat >"$work/deb.expected" <<LIST
/usr/bin/assent
/usr/bin/assent-app
/usr/share/applications/Assent.desktop
/usr/share/icons/hicolor/32x32/apps/assent-app.png
/usr/share/icons/hicolor/128x128/apps/assent-app.png
LIST
check "the Debian package holds both programs, the menu entry and the icons" \
    lists_all "$work/deb.list" "$work/deb.expected"
check "both programs are executable" \
    bash -c "dpkg-deb -c '$deb' | grep -E ' (\./)?usr/bin/assent(-app)?$' | grep -c '^-rwxr-xr-x' | grep -qx 2"
check "its name is assent, version $version, for amd64" \
    bash -c "[ \"\$(dpkg-deb -f '$deb' Package Version Architecture | tr '\n' ' ')\" = 'Package: assent Version: $version Architecture: amd64 ' ]"
check "it depends on WebKitGTK 4.1 and GTK 3" \
    bash -c "dpkg-deb -f '$deb' Depends | grep -q 'libwebkit2gtk-4.1-0' && dpkg-deb -f '$deb' Depends | grep -q 'libgtk-3-0'"
check "it has a description" bash -c "[ -n \"\$(dpkg-deb -f '$deb' Description)\" ]"
mkdir -p "$work/deb"
dpkg-deb -x "$deb" "$work/deb"
check "the packaged app needs no library outside its Depends" \
    bash -c "! ldd '$work/deb/usr/bin/assent-app' | grep -q 'not found'"
check "the menu entry is valid" desktop-file-validate "$work/deb/usr/share/applications/Assent.desktop"

# ---- the Windows installer (7-Zip reads NSIS installers)
7zz l -slt "$setup" | sed -n 's/^Path = //p' | tr '\\' '/' >"$work/setup.list"
cat >"$work/setup.expected" <<LIST
Assent.exe
WebView2Loader.dll
bin/assent.exe
LIST
check "the installer holds the app, the WebView2 loader and the CLI" \
    lists_all "$work/setup.list" "$work/setup.expected"
check "the installer is a 64-bit Windows program" \
    bash -c "file '$setup' | grep -q 'PE32+ executable (GUI) x86-64'"
check "the installer carries its version information" \
    bash -c "strings -el '$setup' | grep -qx '${version}' && strings -el '$setup' | grep -qx 'Assent ${version} setup'"

tally
