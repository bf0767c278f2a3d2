# Shared by the Windows test suites (sourced, not run): a fresh, quiet Wine
# prefix per run, and the tally of tests/tally.sh.
#
#   source tests/windows/lib.sh
#   wine_prefix_new "$work/prefix"      # sets WINEPREFIX, boots it
#   check "what is being checked" command args…
#   finish                              # prints the tally, exits 1 on a failure

export WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="

WINDOWS_TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$WINDOWS_TESTS_DIR/../tally.sh"

# A new prefix at $1, with the test-only ProcessPrng stand-in (see processprng.c).
wine_prefix_new() {
    export WINEPREFIX="$1"
    rm -rf "$WINEPREFIX"
    mkdir -p "$(dirname "$WINEPREFIX")"
    wineboot -i >/dev/null 2>&1 || true
    wineserver -w
    local dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
    x86_64-w64-mingw32-gcc -O2 -shared -o "$dll" "$WINDOWS_TESTS_DIR/processprng.c" -ladvapi32
}

# A Windows path inside the prefix (C:\…) as a Linux path.
unix_path() {
    # winepath is a Wine program of its own: started while the last program's
    # wineserver is still shutting down it can fail and print nothing, which
    # would read as "no such file". Asked again, it answers.
    local p i
    for i in 1 2 3 4 5; do
        if p="$(winepath -u "$1" 2>/dev/null)" && [ -n "$p" ]; then
            printf '%s\n' "$p"
            return 0
        fi
        sleep 1
    done
    return 1
}

# Stops what is left of Wine, then prints the tally.
finish() {
    wineserver -k 2>/dev/null || true
    tally
}
