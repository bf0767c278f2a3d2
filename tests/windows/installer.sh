#!/usr/bin/env bash
# The Windows installer (packaging/windows/assent.nsi) under Wine: a silent
# install of an older version, the CLI creating a school and importing pupils
# into the default per-user data folder, a silent upgrade over it that keeps the
# data, what is installed and registered, the install log, a shared-data
# (/ALLUSERS) install, and silent uninstalls that leave the data alone.
#
#   ASSENT_SETUP=dist/Assent-0.1.0-setup.exe WIN_OUT=target/windows/x86_64-pc-windows-gnu/debug \
#     bash tests/windows/installer.sh
#
# Environment (all optional):
#   ASSENT_SETUP           the installer to test (default: dist/Assent-*-setup.exe; when
#                          there is none, one is built from the exes below)
#   ASSENT_SETUP_OLD       an older version's installer to upgrade from (default: built
#                          here with makensis from the same exes, as version ASSENT_OLD_VERSION)
#   ASSENT_OLD_VERSION     that older version (default 0.0.9)
#   WIN_OUT                where the Windows exes are (default target/windows/x86_64-pc-windows-gnu/debug)
#   APP_EXE, CLI_EXE, LOADER_DLL   the exes to build installers from (default: in WIN_OUT,
#                          Assent.exe or assent-app.exe, assent-cli.exe or assent.exe,
#                          WebView2Loader.dll)
#   ASSENT_NSIS_COMPRESSOR compression for installers built here (default zlib: quicker;
#                          the release installer is always built with solid LZMA)
#   ASSENT_DB_FIXTURE_OLD  an older-schema database (its .keys file beside it) that the
#                          upgraded CLI must open; ASSENT_DB_FIXTURE_USER (default head)
#                          and ASSENT_DB_FIXTURE_PASSWORD (default juniper-hill-demo) sign in
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
source tests/windows/lib.sh
# No menu entries on this machine for shortcuts made inside the test prefixes.
export WINEDLLOVERRIDES="$WINEDLLOVERRIDES;winemenubuilder.exe=d"
unset ASSENT_DB ASSENT_USER ASSENT_NEW_PASSWORD
export ASSENT_PASSWORD="juniper-hill-installer-test"

work="$root/target/windows-tests/installer"
rm -rf "$work"
mkdir -p "$work"
started=$(date +%s)

win_out="${WIN_OUT:-target/windows/x86_64-pc-windows-gnu/debug}"
first_file() {
    local f
    for f in "$@"; do
        [ -f "$f" ] && { realpath "$f"; return 0; }
    done
    return 1
}
loader_fallback=$(ls ~/.cargo/registry/src/*/webview2-com-sys-*/x64/WebView2Loader.dll 2>/dev/null | tail -n 1 || true)
app_exe="${APP_EXE:-$(first_file "$win_out/Assent.exe" "$win_out/assent-app.exe" || true)}"
cli_exe="${CLI_EXE:-$(first_file "$win_out/assent-cli.exe" "$win_out/assent.exe" || true)}"
loader_dll="${LOADER_DLL:-$(first_file "$win_out/WebView2Loader.dll" "$loader_fallback" || true)}"
# Installers built here get stripped copies (as `make setup-exe` does): debug
# builds carry hundreds of megabytes of symbols.
if [ -z "${ASSENT_SETUP_OLD:-}" ] || [ -z "${ASSENT_SETUP:-}" ]; then
    mkdir -p "$work/exes"
    for v in app_exe cli_exe; do
        if [ -n "${!v}" ] && [ -f "${!v}" ]; then
            x86_64-w64-mingw32-strip -o "$work/exes/$v.exe" "${!v}"
            printf -v "$v" '%s' "$work/exes/$v.exe"
        fi
    done
fi
version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
old_version="${ASSENT_OLD_VERSION:-0.0.9}"

# An installer from the exes: build_setup VERSION OUTFILE
build_setup() {
    local v
    for v in app_exe cli_exe loader_dll; do
        [ -n "${!v}" ] && [ -f "${!v}" ] || { echo "     cannot build an installer: no ${v^^} (set WIN_OUT or ${v^^})"; return 1; }
    done
    makensis -V2 -DVERSION="$1" -DCOMPRESSOR="${ASSENT_NSIS_COMPRESSOR:-zlib}" \
        -DAPP_EXE="$app_exe" -DCLI_EXE="$cli_exe" -DLOADER_DLL="$loader_dll" \
        -DICON="$root/assets/icons/icon.ico" -DLICENCE="$root/packaging/windows/licence.txt" \
        -DOUTFILE="$2" packaging/windows/assent.nsi >"$work/makensis-$1.log" 2>&1 \
        || { cat "$work/makensis-$1.log"; return 1; }
}

setup_new="${ASSENT_SETUP:-$(ls dist/Assent-*-setup.exe 2>/dev/null | head -n 1 || true)}"
if [ -z "$setup_new" ]; then
    setup_new="$work/Assent-$version-setup.exe"
    echo "     building the installer under test: $setup_new"
    build_setup "$version" "$setup_new"
fi
setup_new="$(realpath "$setup_new")"
# The version the installer under test says it is (its file name).
new_version="$(basename "$setup_new" | sed -n 's/^Assent-\(.*\)-setup\.exe$/\1/p')"
new_version="${new_version:-$version}"
setup_old="${ASSENT_SETUP_OLD:-}"
if [ -z "$setup_old" ]; then
    setup_old="$work/Assent-$old_version-setup.exe"
    echo "     building version $old_version to upgrade from: $setup_old"
    build_setup "$old_version" "$setup_old"
fi
setup_old="$(realpath "$setup_old")"
echo "     installer under test: $setup_new ($new_version); upgrading from: $setup_old ($old_version)"

prog='C:\Program Files\Assent'
cli="$prog"'\bin\assent.exe'
uninst_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\Assent'
apppaths_key='HKLM\Software\Microsoft\Windows\CurrentVersion\App Paths\assent.exe'
product_key='HKLM\Software\Assent'

# ---- helpers

# Runs a Windows program (silently for setup), waits for Wine to settle; the
# exit code is in $run_rc, output in $work/$1.out.
run() {
    local name="$1"
    shift
    run_rc=0
    timeout 300 wine "$@" >"$work/$name.out" 2>"$work/$name.err" || run_rc=$?
    timeout 120 wineserver -w || true
    tr -d '\r' <"$work/$name.out" >"$work/$name.txt"
    echo "     $name: exit $run_rc"
}
rc_was() { [ "$run_rc" = "$1" ] || { sed 's/^/     | /' "$work/$name_last.err" 2>/dev/null | tail -n 5; return 1; }; }
# The CLI as installed, with the output kept: cli_run NAME ARGS…
cli_run() {
    name_last="$1"
    run "$@"
}
# A path Wine cannot translate is neither there nor gone: the check fails.
exists() { local p; p="$(unix_path "$1")" || return 1; test -e "$p"; }
absent() { local p; p="$(unix_path "$1")" || return 1; ! test -e "$p"; }
# reg_value KEY NAME (an empty NAME: the key's default value)
reg_value() {
    local out
    if [ -z "$2" ]; then
        out="$(wine reg query "$1" /ve 2>/dev/null | tr -d '\r')" || return 1
        sed -n 's/^ *(Default) *REG_[A-Z_]* *//p' <<<"$out"
    else
        out="$(wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r')" || return 1
        sed -n "s/^ *$2 *REG_[A-Z_]* *//p" <<<"$out"
    fi
}
reg_is() {
    local got
    got="$(reg_value "$1" "$2")"
    [ "$got" = "$3" ] || { echo "     $1 ${2:-(default)}: \"$got\", expected \"$3\""; return 1; }
}
key_absent() { ! wine reg query "$1" >/dev/null 2>&1; }
install_log() { iconv -f UTF-16 -t UTF-8 "$(unix_path "$prog"'\install.log')" | tr -d '\r'; }
log_says() { install_log | grep -qF -- "$1" || { echo "     install.log lacks: $1"; return 1; }; }
pupils_in_fixture=$(($(wc -l <tests/fixtures/import/school-pupils.csv) - 1))
# people list shows every pupil of the fixture (by UPN and name).
lists_pupils() {
    local n
    n=$(grep -c "	pupil	" "$work/$1.txt" || true)
    grep -q "D999200118007" "$work/$1.txt" && grep -q "O'Brien" "$work/$1.txt" \
        && [ "$n" = "$pupils_in_fixture" ] || { echo "     $1: $n pupils listed, expected $pupils_in_fixture"; return 1; }
}
# Waits (up to 60 s) for a folder to go: NSIS uninstallers copy themselves to
# %TEMP% and return before the work is done.
wait_gone() {
    local p i
    p="$(unix_path "$1")" || return 1
    for i in $(seq 60); do
        [ -e "$p" ] || return 0
        sleep 1
    done
    ls -la "$p" | sed 's/^/     | /'
    return 1
}
# A checksum of the database and its key file together.
data_sum() { cat "$db_unix" "$db_unix.keys" 2>/dev/null | sha256sum || true; }
data_unchanged() { test -f "$db_unix" && test -f "$db_unix.keys" && test "$(data_sum)" = "$db_sum"; }
same_file() { cmp -s "$(unix_path "$1")" "$2"; }

win_user() { wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r\n'; }

# ==== 1. per-user data: the older version, then the upgrade

wine_prefix_new "$work/prefix-user"
user="$(win_user)"
local_data='C:\users\'"$user"'\AppData\Local\Assent'
echo "     Windows user in the prefix: $user; per-user data folder: $local_data"

run install-old "$setup_old" /S
check "silent install of $old_version finishes (exit 0) with no dialog, within 300 s" test "$run_rc" = 0
check "$old_version is registered (DisplayVersion)" reg_is "$uninst_key" DisplayVersion "$old_version"

cli_run cli-init "$cli" init --school "Juniper Hill Primary" --admin head
check "the installed CLI creates a school (assent init)" rc_was 0
fixture_win="$(winepath -w "$root/tests/fixtures/import/school-pupils.csv" 2>/dev/null || true)"
cli_run cli-import "$cli" --user head import pupils "$fixture_win"
check "the installed CLI imports tests/fixtures/import/school-pupils.csv" rc_was 0
check "the database is in the per-user folder: $local_data\\assent.db" exists "$local_data\\assent.db"
check "its key file is beside it: $local_data\\assent.db.keys" exists "$local_data\\assent.db.keys"
if ! exists "$local_data\\assent.db"; then
    found="$(cd "$WINEPREFIX/drive_c" && find . -name assent.db 2>/dev/null | head -n 3 | tr '\n' ' ' || true)"
    echo "     (assent.db found instead at: ${found:-nowhere} -- the exe predates the %LOCALAPPDATA%\\Assent default)"
fi
cli_run cli-list-old "$cli" --user head people list
check "people list shows the imported pupils" lists_pupils cli-list-old

db_unix="$(unix_path "$local_data\\assent.db")"
db_sum="$(data_sum)"
# An old copy of a program file, to see the upgrade replace it.
echo "old readme" >"$(unix_path "$prog"'\Readme.txt')"

run install-new "$setup_new" /S
check "silent upgrade to $new_version finishes (exit 0) with no dialog, within 300 s" test "$run_rc" = 0
check "the uninstall entry now says $new_version (DisplayVersion)" reg_is "$uninst_key" DisplayVersion "$new_version"
check "HKLM\\Software\\Assent Version is $new_version" reg_is "$product_key" Version "$new_version"
check "HKLM\\Software\\Assent InstallDir is the program folder" reg_is "$product_key" InstallDir "$prog"
check "the upgrade replaced the program files (Readme.txt)" same_file "$prog"'\Readme.txt' "$root/packaging/windows/readme.txt"
check "the install log records the upgrade from $old_version" log_says "Replacing version: $old_version"
check "the data is untouched by the upgrade (assent.db and its key file)" data_unchanged
cli_run cli-list-new "$cli" --user head people list
check "after the upgrade, people list still shows the imported pupils" lists_pupils cli-list-new

# A school file written by an earlier release (schema 10; see
# tests/fixtures/upgrade/README.md), as a school upgrading would have it.
fixture_old="${ASSENT_DB_FIXTURE_OLD:-tests/fixtures/upgrade/schema-10.db}"
fixture_dir='C:\users\'"$user"'\Documents\older-schema'
mkdir -p "$(unix_path "$fixture_dir")"
cp "$fixture_old" "$(unix_path "$fixture_dir")/assent.db"
cp "$fixture_old.keys" "$(unix_path "$fixture_dir")/assent.db.keys"
export ASSENT_FIXTURE_PASSWORD="${ASSENT_DB_FIXTURE_PASSWORD:-correct horse battery}"
fixture_run() {
    ASSENT_PASSWORD="$ASSENT_FIXTURE_PASSWORD" cli_run "$1" "$cli" --db "$fixture_dir\assent.db" \
        --user "${ASSENT_DB_FIXTURE_USER:-head}" "${@:2}"
}
fixture_run cli-fixture people list --kind pupil
check "the upgraded CLI opens and updates the older-schema database ($(basename "$fixture_old"))" rc_was 0
check "the older database keeps its 7 pupils, Łukasz Łukasiewicz among them" \
    bash -c "[ \"\$(grep -c '	pupil	' '$work/cli-fixture.txt')\" = 7 ] && grep -qP 'Łukasiewicz\tŁukasz' '$work/cli-fixture.txt'"
fixture_run cli-fixture-verify audit verify
check "the older database's audit trail is intact after the update" \
    bash -c "[ '$run_rc' = 0 ] && grep -q 'intact' '$work/cli-fixture-verify.txt'"
fixture_run cli-fixture-agreements agreements list
check "its two signed agreements are still there" \
    bash -c "[ \"\$(grep -cE '	(ks2|staff)	v1	' '$work/cli-fixture-agreements.txt')\" = 2 ]"

# ---- what is installed and registered
for f in Assent.exe WebView2Loader.dll 'bin\assent.exe' Uninstall.exe Assent.ico Licence.txt Readme.txt install.log; do
    check "installed: $prog\\$f" exists "$prog\\$f"
done
start_menu='C:\ProgramData\Microsoft\Windows\Start Menu\Programs\Assent.lnk'
check "Start menu shortcut for all users: $start_menu" exists "$start_menu"
check "no desktop shortcut by default" absent 'C:\users\Public\Desktop\Assent.lnk'
check "uninstall entry: DisplayName Assent" reg_is "$uninst_key" DisplayName "Assent"
check "uninstall entry: Publisher Assent" reg_is "$uninst_key" Publisher "Assent"
check "uninstall entry: InstallLocation" reg_is "$uninst_key" InstallLocation "$prog"
check "uninstall entry: UninstallString (quoted)" reg_is "$uninst_key" UninstallString "\"$prog\\Uninstall.exe\""
check "uninstall entry: QuietUninstallString (/S)" reg_is "$uninst_key" QuietUninstallString "\"$prog\\Uninstall.exe\" /S"
check "uninstall entry: DisplayIcon" reg_is "$uninst_key" DisplayIcon "$prog\\Assent.exe,0"
check "uninstall entry: NoModify, NoRepair" bash -c '[ "$1" = 0x1 ] && [ "$2" = 0x1 ]' _ \
    "$(reg_value "$uninst_key" NoModify)" "$(reg_value "$uninst_key" NoRepair)"
check "uninstall entry: EstimatedSize" test -n "$(reg_value "$uninst_key" EstimatedSize)"
check "App Paths\\assent.exe points at the CLI" reg_is "$apppaths_key" "" "$cli"
check "App Paths\\assent.exe Path is the CLI's folder" reg_is "$apppaths_key" Path "$prog\\bin"
# `start` (ShellExecute) finds programs through App Paths; the CLI's output goes
# to a console of its own, so it proves it ran by creating a database.
run start-assent cmd /c start /wait assent --db 'C:\apppaths-check.db' init --school "App Paths check" --admin head
check "\"start assent\" finds the CLI through App Paths" exists 'C:\apppaths-check.db'
path_now="$(reg_value 'HKLM\System\CurrentControlSet\Control\Session Manager\Environment' PATH || true)"
check "PATH is not changed" bash -c '! grep -qi assent <<<"$1"' _ "$path_now"

# ---- the install log
check "the install log says the WebView2 Runtime was not found" log_says "Microsoft Edge WebView2 Runtime: not found"
check "the install log names the CLI's folder" log_says "Command-line tool folder: $prog\\bin"
check "the install log names the data location (per-user)" log_says "Data location: each Windows user's own data, in %LOCALAPPDATA%\\Assent"
check "the install log records a silent run" log_says "Mode: silent (/S)"

# ---- uninstall: program gone, data kept
db_sum="$(data_sum)"
run uninstall "$prog"'\Uninstall.exe' /S
check "silent uninstall starts (exit 0)" test "$run_rc" = 0
check "uninstall removes the program folder" wait_gone "$prog"
timeout 60 wineserver -w || true
check "uninstall removes the Start menu shortcut" absent "$start_menu"
check "uninstall removes the uninstall entry" key_absent "$uninst_key"
check "uninstall removes App Paths\\assent.exe" key_absent "$apppaths_key"
check "uninstall removes HKLM\\Software\\Assent" key_absent "$product_key"
check "uninstall keeps the data: assent.db" test -f "$db_unix"
check "uninstall keeps the data: assent.db.keys" test -f "$db_unix.keys"
check "uninstall leaves the data exactly as it was" data_unchanged
wineserver -k 2>/dev/null || true

# ==== 2. one shared database for everyone: /ALLUSERS

wine_prefix_new "$work/prefix-shared"
user="$(win_user)"
shared='C:\ProgramData\Assent'
run install-shared "$setup_new" /S /ALLUSERS
check "silent /ALLUSERS install finishes (exit 0) with no dialog, within 300 s" test "$run_rc" = 0
check "$shared\\all-users.txt exists" exists "$shared\\all-users.txt"
check "the marker explains itself" grep -q "one shared database" "$(unix_path "$shared"'\all-users.txt')"
check "the install log names the shared data location" log_says "Data location: shared by everyone who uses this PC: $shared"
check "the install log records the folder permissions step (icacls)" log_says "Folder permissions (icacls, group *S-1-5-32-545): exit"
check "HKLM\\Software\\Assent DataLocation is all-users" reg_is "$product_key" DataLocation "all-users"
cli_run cli-init-shared "$cli" init --school "Juniper Hill Primary" --admin head
check "the installed CLI creates a school" rc_was 0
check "the CLI's default database is the shared one: $shared\\assent.db" exists "$shared\\assent.db"
check "and not in the user's own folder" absent 'C:\users\'"$user"'\AppData\Local\Assent\assent.db'
if ! exists "$shared\\assent.db"; then
    found="$(cd "$WINEPREFIX/drive_c" && find . -name assent.db 2>/dev/null | head -n 3 | tr '\n' ' ' || true)"
    echo "     (assent.db found instead at: ${found:-nowhere} -- the exe predates the all-users.txt marker)"
fi
run uninstall-shared "$prog"'\Uninstall.exe' /S
check "uninstall removes the program folder" wait_gone "$prog"
timeout 60 wineserver -w || true
check "uninstall keeps $shared\\all-users.txt" exists "$shared\\all-users.txt"
check "uninstall keeps the shared database" exists "$shared\\assent.db"

echo "     took $(($(date +%s) - started)) s"
# The prefixes take over a gigabyte; they are kept only when something failed.
if [ "$failed" -eq 0 ]; then
    wineserver -k 2>/dev/null || true
    rm -rf "$work"/prefix-* "$work/exes"
fi
finish
