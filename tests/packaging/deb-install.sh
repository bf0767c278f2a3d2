#!/usr/bin/env bash
# Installs the Debian package on this machine the way a school's technician
# would (`apt-get install ./assent_….deb`), runs both programs from their
# installed paths on the demo school, then removes the package again.
#
#   bash tests/packaging/deb-install.sh dist/assent_<version>_amd64.deb <version>
set -euo pipefail
deb="$(realpath "$1")"
version="$2"
SUDO="$([ "$(id -u)" = 0 ] || echo sudo)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/../tally.sh"

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; exit 1; }

check "the package is installed" \
    bash -c "dpkg-query -W -f='\${Status}' assent | grep -qx 'install ok installed'"
check "/usr/bin/assent is the CLI, version $version" \
    bash -c "[ \"\$(/usr/bin/assent --version)\" = 'assent $version' ]"
check "/usr/bin/assent-app answers --version" \
    bash -c "/usr/bin/assent-app --version | grep -qx 'assent-app $version'"
check "the menu entry starts the installed app" \
    grep -qx 'Exec=assent-app' /usr/share/applications/Assent.desktop
check "the menu entry's icon is installed" \
    test -f /usr/share/icons/hicolor/128x128/apps/assent-app.png

export ASSENT_USER=head ASSENT_PASSWORD='installed-demo-password'
db="$work/Juniper Hill/demo.db"
check "the installed CLI builds the demo school" \
    bash -c "/usr/bin/assent --db '$db' demo >'$work/demo.out' 2>&1"
check "the demo school has its 210 pupils" \
    bash -c "[ \"\$(/usr/bin/assent --db '$db' people list --kind pupil --json | jq length)\" = 210 ]"
check "the demo school's audit trail verifies" \
    bash -c "/usr/bin/assent --db '$db' audit verify >'$work/verify.out' 2>&1"
check "a report is written from the installed CLI" \
    bash -c "/usr/bin/assent --db '$db' report consent-register --out '$work/out/register.pdf' >/dev/null 2>&1 && pdftotext '$work/out/register.pdf' - | grep -q 'Juniper Hill'"

$SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq assent >"$work/apt.log" 2>&1 \
    || { cat "$work/apt.log"; exit 1; }
check "removing the package removes the programs" test ! -e /usr/bin/assent -a ! -e /usr/bin/assent-app
check "removing the package keeps the school's data" test -f "$db"

tally
