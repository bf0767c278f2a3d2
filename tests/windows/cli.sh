#!/usr/bin/env bash
# The cross-built Windows `assent.exe`, run under Wine through a school's main
# workflows: setting up, importing from the MIS (UTF-8, UTF-8 with BOM,
# Windows-1252, CRLF, a CTF), templates, signing, consent, accounts, every
# report, a subject access export, backup and restore (also while another
# program holds the database open) and the audit log.
#
#   tests/windows/cli.sh                      # target/windows/…/debug/assent.exe
#   ASSENT_EXE=path/to/assent.exe tests/windows/cli.sh
#
# Every path given to the exe is a Windows path (drive letter, backslashes,
# spaces; some with non-ASCII letters) inside a fresh Wine prefix. Each
# command's stdout and stderr are kept under target/windows-tests/cli/out/
# (NAME.txt, NAME.err), every stderr is also collected in
# target/windows-tests/cli/stderr.log, and a failed check prints the tail of
# the output it looked at. Needs wine64, mingw-w64, poppler-utils and jq.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# ASSENT_EXE may be relative to where the suite was started, or to the repository.
exe="${ASSENT_EXE:-target/windows/x86_64-pc-windows-gnu/debug/assent.exe}"
[ ! -f "$exe" ] || exe="$(realpath "$exe")"
cd "$repo"
# shellcheck source=tests/windows/lib.sh
source tests/windows/lib.sh
trap 'echo "cli.sh: stopped by a failing command at line $LINENO" >&2' ERR

if [ ! -f "$exe" ]; then
    echo "cli.sh: no Windows build at $exe (set ASSENT_EXE, or cross-build it first)" >&2
    exit 1
fi
exe="$(realpath "$exe")"
for tool in wine wineserver x86_64-w64-mingw32-gcc pdftotext jq timeout; do
    command -v "$tool" >/dev/null || {
        echo "cli.sh: $tool is needed" >&2
        exit 1
    }
done

work="$repo/target/windows-tests/cli"
out="$work/out"
log="$work/stderr.log"
rm -rf "$work"
mkdir -p "$out"
: >"$log"
started=$SECONDS

# Wine turns the arguments and file names into UTF-16 with the Unix locale.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# The CLI reads these; none may leak in from the caller's shell.
unset ASSENT_DB
export ASSENT_USER=head
export ASSENT_PASSWORD='Juniper-hill-test-42'
export ASSENT_NEW_PASSWORD='Juniper-hill-test-42'
# Seconds any one Wine command may take before it is killed.
limit="${WINE_TIMEOUT:-120}"

echo "# assent.exe: $exe"
echo "# work dir:   $work"
# The prefix is made by lib.sh, under a timeout like every other Wine call.
timeout -k 5 300 bash -c 'source "$1/lib.sh" && wine_prefix_new "$2"' _ "$WINDOWS_TESTS_DIR" "$work/prefix" || {
    echo "cli.sh: could not make a Wine prefix in $work/prefix" >&2
    exit 1
}
export WINEPREFIX="$work/prefix"
# One wineserver for the whole run, instead of one per command.
timeout -k 5 30 wineserver -p
trap 'timeout -k 5 30 wineserver -k 2>/dev/null || true' EXIT
c="$WINEPREFIX/drive_c"

# --- Helpers ---------------------------------------------------------------

# A Windows path on drive C: as the Linux path inside the prefix.
u() {
    local p="${1#[Cc]:\\}"
    printf '%s/%s' "$c" "${p//\\//}"
}

# a NAME ARGS…: runs assent.exe ARGS… under Wine (standard input not a
# terminal). Keeps NAME.out (stdout, raw bytes), NAME.txt (stdout without
# carriage returns), NAME.err (stderr, likewise) and NAME.rc (exit code), and
# appends the stderr to $log. Never fails itself: checks look at the files.
a() {
    local name="$1" rc=0
    shift
    timeout -k 5 "$limit" wine "$exe" "$@" </dev/null >"$out/$name.out" 2>"$out/$name.err.raw" || rc=$?
    tr -d '\r' <"$out/$name.out" >"$out/$name.txt"
    tr -d '\r' <"$out/$name.err.raw" >"$out/$name.err"
    rm -f "$out/$name.err.raw"
    echo "$rc" >"$out/$name.rc"
    {
        echo "== $name (exit $rc): assent $*"
        cat "$out/$name.err"
    } >>"$log"
}

rc_of() { cat "$out/$1.rc"; }

# Why a check failed, then the tail of the command's output.
why() { echo "     $*"; }
show() {
    local name="$1"
    echo "     -- assent ($name) exited $(rc_of "$name"); stdout, last lines:"
    tail -n 12 "$out/$name.txt" | sed 's/^/     | /'
    echo "     -- stderr, last lines:"
    tail -n 12 "$out/$name.err" | sed 's/^/     | /'
}

# exits_holding NAME CODE STREAM TEXT…: exit CODE, and the STREAM (txt for
# stdout, err for stderr) holds every TEXT.
exits_holding() {
    local name="$1" code="$2" stream="$3" t
    shift 3
    [ "$(rc_of "$name")" = "$code" ] || {
        why "exit $(rc_of "$name"), expected $code"
        show "$name"
        return 1
    }
    for t in "$@"; do
        grep -qF -- "$t" "$out/$name.$stream" || {
            why "$([ "$stream" = txt ] && echo stdout || echo stderr) lacks: $t"
            show "$name"
            return 1
        }
    done
}

# says NAME TEXT…: exit 0, and stdout holds every TEXT.
says() { exits_holding "$1" 0 txt "${@:2}"; }

# is NAME TEXT: exit 0, and stdout is exactly TEXT (and a line end).
is() {
    [ "$(rc_of "$1")" = 0 ] && [ "$(cat "$out/$1.txt")" = "$2" ] || {
        why "expected exactly: $2"
        show "$1"
        return 1
    }
}

# refused NAME CODE TEXT…: exit CODE, and stderr holds every TEXT.
refused() { exits_holding "$1" "$2" err "${@:3}"; }

# json NAME FILTER: exit 0, and the jq FILTER is true of stdout.
json() {
    [ "$(rc_of "$1")" = 0 ] && jq -e "$2" "$out/$1.txt" >/dev/null 2>&1 || {
        why "not true of the JSON: $2"
        show "$1"
        return 1
    }
}

# value NAME FILTER: prints what FILTER picks from NAME's JSON ("" if nothing).
value() { jq -r "$2 // empty" "$out/$1.txt" 2>/dev/null || true; }

# has_bytes FILE TEXT…: FILE holds each TEXT byte for byte (UTF-8).
has_bytes() {
    local file="$1" t
    shift
    for t in "$@"; do
        LC_ALL=C grep -qF -- "$t" "$file" || {
            why "$(basename "$file") lacks the bytes of: $t ($(printf '%s' "$t" | od -An -tx1 | tr -s ' '))"
            echo "     -- it starts:"
            head -c 600 "$file" | sed 's/^/     | /'
            echo
            return 1
        }
    done
}

# non_empty FILE: it exists and is not empty; if not, what its folder holds is shown.
non_empty() {
    [ -s "$1" ] || {
        why "no file at $1"
        ls -la "$(dirname "$1")" 2>&1 | sed 's/^/     | /'
        return 1
    }
}

# pdf_says WINPATH TEXT…: the PDF exists, and its text (pdftotext) holds each
# TEXT once runs of spaces and line breaks are made single spaces.
pdf_says() {
    local file t text
    file="$(u "$1")"
    shift
    non_empty "$file" || return 1
    text="$(pdftotext -layout "$file" - 2>&1 | tr -s ' \n\f' '   ')" || {
        why "pdftotext could not read $file"
        return 1
    }
    for t in "$@"; do
        [[ "$text" == *"$t"* ]] || {
            why "$(basename "$file") lacks: $t"
            echo "     -- its text starts: ${text:0:400}"
            return 1
        }
    done
}

# file_says WINPATH TEXT…: the file exists and holds each TEXT (carriage returns ignored).
file_says() {
    local file t
    file="$(u "$1")"
    shift
    non_empty "$file" || return 1
    for t in "$@"; do
        tr -d '\r' <"$file" | grep -qF -- "$t" || {
            why "$(basename "$file") lacks: $t"
            tr -d '\r' <"$file" | head -n 8 | sed 's/^/     | /'
            return 1
        }
    done
}

# clean_utf8 FILE: no U+FFFD replacement character and no byte-order mark.
clean_utf8() {
    ! LC_ALL=C grep -qF $'\xef\xbf\xbd' "$1" || {
        why "$(basename "$1") has a replacement character: $(LC_ALL=C grep -m1 -F $'\xef\xbf\xbd' "$1")"
        return 1
    }
    [ "$(head -c 3 "$1")" != $'\xef\xbb\xbf' ] || {
        why "$(basename "$1") starts with a byte-order mark"
        return 1
    }
}

# absent DIR GLOB…: no file in DIR matches any GLOB.
absent() {
    local dir="$1" g found
    shift
    for g in "$@"; do
        found="$(find "$dir" -maxdepth 1 -name "$g" -printf '%f\n')"
        [ -z "$found" ] || {
            why "left behind: $found"
            return 1
        }
    done
}

# Each person's id, picked from a people list by a jq condition.
person() { value people-all "[.[] | select($1)][0].id"; }

# --- Places ----------------------------------------------------------------

data='C:\Assent Data'
db="$data"'\Juniper Hill\school.db'
demo_db="$data"'\Demo school\demo.db'
mis="$data"'\MIS exports'
reports="$data"'\Reports and letters'
accounts="$data"'\Accounts for upload'
exports="$data"'\Łukasz'"'"'s exports'
donnees="$data"'\Données personnelles'
backup="$data"'\Backups\Juniper Hill before restore.assentbak'
mkdir -p "$(u "$data\\Juniper Hill")" "$(u "$data\\Demo school")" "$(u "$mis")" \
    "$(u "$accounts")" "$(u "$exports")" "$(u "$donnees")"
fixtures="$repo/tests/fixtures"
for f in school-pupils.csv pupils-utf8-bom.csv pupils-windows-1252.csv school-contacts.csv \
    school-staff.csv bad-pupils.csv; do
    cp "$fixtures/import/$f" "$(u "$mis")/$f"
done
cp "$fixtures/ctf/transfer-in.xml" "$(u "$mis")/CTF from Larkspur Lane.xml"
# A contacts export saved with Windows line ends, as Excel on Windows writes it.
sed 's/$/\r/' "$fixtures/import/school-contacts.csv" >"$(u "$mis")/contacts (CRLF).csv"
sed 's/$/\r/' "$fixtures/import/school-pupils.csv" >"$(u "$mis")/pupils (CRLF).csv"
# The staff agreement as edited in Notepad: CRLF line ends.
printf '%s\r\n' '---' 'kind: staff' 'title: Staff agreement' 'audience: Staff and volunteers' '---' \
    '## Passwords' '' '- I lock my screen when I leave it.' '- I never share my password, not even with IT.' \
    >"$(u "$data")/staff agreement 2026.md"

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)" || true

# --- Version, a new school, the demo school --------------------------------

a version --version
check "--version prints assent $version" is version "assent $version"

a init --db "$db" init --school "Juniper Hill Primary School" --admin head --admin-name "Helen Okafor"
check "init creates the school in a folder with a space" \
    says init "Created $db for Juniper Hill Primary School, with head as its first head user"
check "init wrote the database and its key file" \
    test -s "$(u "$db")" -a -s "$(u "$db").keys"

a demo --db "$demo_db" demo
check "demo fills another database with the demo school" says demo "Demo school in $demo_db: 210 pupils"
a demo-audit --db "$demo_db" audit verify
check "the demo school's audit log is intact" says demo-audit "The audit log is intact: 5 entries"

a add-it --db "$db" users add it --name "Sam Achebe" --role it
check "a head user adds the IT technician" says add-it "Added it (Sam Achebe) as IT technician"

# --- Importing from the MIS ------------------------------------------------

a pupils-dry --db "$db" import pupils "$mis\\school-pupils.csv" --dry-run
check "a dry run of the UTF-8 pupils file previews 7 to add" \
    says pupils-dry "Preview (nothing written): added 7, changed 0, unchanged 0, leaving 0, errors 0"
a pupils --db "$db" import pupils "$mis\\school-pupils.csv"
check "the UTF-8 pupils file imports 7 pupils, naming the Windows path" \
    says pupils "Imported $mis\\school-pupils.csv: added 7, changed 0, unchanged 0, leaving 0, errors 0"
a pupils-crlf --db "$db" import pupils "$mis\\pupils (CRLF).csv" --dry-run --partial
check "the same pupils with CRLF line ends are the same 7 pupils, unchanged" \
    says pupils-crlf "added 0, changed 0, unchanged 7, leaving 0, errors 0"
a pupils-bom --db "$db" import pupils "$mis\\pupils-utf8-bom.csv" --partial
check "the UTF-8-with-BOM pupils file (CRLF, quoted line break) imports 7 more" \
    says pupils-bom "added 7, changed 0, unchanged 0, leaving 0, errors 0"
a pupils-1252 --db "$db" import pupils "$mis\\pupils-windows-1252.csv" --partial
check "the Windows-1252 pupils file imports 3 more" \
    says pupils-1252 "added 3, changed 0, unchanged 0, leaving 0, errors 0"
a contacts --db "$db" import contacts "$mis\\contacts (CRLF).csv"
check "the contacts file with CRLF line ends imports 10 contacts" says contacts "added 10, changed 0"
a staff --db "$db" import staff "$mis\\school-staff.csv"
check "the staff file imports 5 staff, governors, volunteers and visitors" \
    says staff "added 5, changed 0, unchanged 0, leaving 0, errors 0"
a ctf --db "$db" import ctf "$mis\\CTF from Larkspur Lane.xml"
check "the Common Transfer File imports its 4 pupils and their 9 contacts" \
    says ctf "Imported $mis\\CTF from Larkspur Lane.xml: added 13, changed 0, unchanged 0, leaving 0, errors 0" \
    "  add     Zosia Łukasiewicz-Adeyemi" "  add     Mai Trần for Hương Nguyễn (Mother)"
check "the CTF preview lists 4 pupils to add" \
    test "$(grep '^  add ' "$out/ctf.txt" | grep -vc ' for ')" = 4

a people-all --db "$db" people list --json
check "people list counts 21 pupils and 5 adults from the files (and their contacts)" \
    json people-all '([.[] | select(.kind == "pupil")] | length) == 21
        and ([.[] | select(.kind == "staff" or .kind == "governor" or .kind == "volunteer" or .kind == "visitor")] | length) == 5'
check "non-ASCII names come out byte-exact in UTF-8 in redirected stdout" \
    has_bytes "$out/people-all.out" '"Łukasz"' '"Łukasiewicz"' '"Thị Hương"' '"Nguyễn"' '"Ødegård"' \
    '"Zoë"' '"محمد"' '"王"' '"Wiśniewski"'
check "Windows-1252 names are read as the right letters (á, ’)" \
    has_bytes "$out/people-all.out" '"Siobhán"' '"O’Neill"' '"Chloé"'
check "the redirected stdout has no replacement characters or BOM" clean_utf8 "$out/people-all.out"

zoe="$(person '.upn == "N999200122001"')"
lukasz="$(person '.upn == "F999200121003"')"
rhiannon="$(person '.kind == "staff" and .given_name == "Rhiannon"')"
tomasz="$(person '.kind == "staff" and .given_name == "Tomasz"')"
grace="$(person '.kind == "governor" and .given_name == "Grace"')"
check "the people list gives ids for Zoë, Łukasz, Rhiannon, Tomasz and Grace" \
    test -n "$zoe" -a -n "$lukasz" -a -n "$rhiannon" -a -n "$tomasz" -a -n "$grace"

a people-search --db "$db" people list --search "Łukasz"
check "a search typed with non-ASCII letters finds Łukasz Łukasiewicz" \
    says people-search $'\tŁukasiewicz\tŁukasz\tYear 3\tHazel\tF999200121003'
a zoe-show --db "$db" people show "$zoe"
check "people show links Zoë to her mother from the CRLF contacts file" \
    says zoe-show "Contact 1: Aoife O'Brien (Mother, parental responsibility)"

a bad --db "$db" import pupils "$mis\\bad-pupils.csv"
check "a bad pupils file is refused, naming the line, column and value" \
    refused bad 1 "$mis\\bad-pupils.csv: line 3, column Date of Birth, value \"31/02/2019\": there is no 31 February 2019" \
    'line 6, column Year Group, value "Year 9"' "nothing was written"
a people-after-bad --db "$db" people list --json
check "the bad file wrote nothing (same people, no Amy Bell)" \
    json people-after-bad "length == $(jq length "$out/people-all.txt") and ([.[] | select(.family_name == \"Bell\")] | length) == 0"

# --- Templates, signing, consent ------------------------------------------

a templates --db "$db" templates list --json
check "templates list has the five agreements at version 1" \
    json templates 'length == 5 and all(.[]; .version == 1) and ([.[].kind] | sort) == (["governor-visitor","ks1","ks2","parent","staff"] | sort)'
a show-ks2 --db "$db" templates show ks2
check "templates show prints the KS2 agreement's text" \
    says show-ks2 "ks2 agreement, version 1 (current)" "# Our online safety agreement (Years 3 to 6)"
a publish --db "$db" templates publish staff "$data\\staff agreement 2026.md"
check "templates publish takes a Notepad (CRLF) file from a path with spaces" \
    says publish "Published version 2 of the staff agreement"
a show-staff --db "$db" templates show staff --version 2
check "the published staff agreement reads as written" \
    says show-staff "- I never share my password, not even with IT."

# The account gate, before anyone has signed: every account blocked, with reasons.
ASSENT_USER=it a accounts-before --db "$db" accounts status --json
check "accounts status before signing: everyone blocked, with reasons; Łukasz would be lukaszl22" \
    json accounts-before "length > 0 and all(.[]; .status == \"blocked\" and (.reasons | length) > 0)
        and any(.[]; .person_id == \"$lukasz\" and .username == \"lukaszl22\")"
ASSENT_USER=it a accounts-settings --db "$db" accounts settings \
    --domain pupils=pupils.juniperhill.sch.uk --domain staff=juniperhill.sch.uk \
    --pattern "staff={initial}.{surname}" --org-unit "pupils=/Pupils/{year}/{class}"
check "accounts settings sets the domains, patterns and org units" \
    says accounts-settings "pupils.juniperhill.sch.uk" "juniperhill.sch.uk"

a sign-rhiannon --db "$db" sign typed --person "$rhiannon" --kind staff --signer "Rhiannon Pryce"
check "a typed signature records Rhiannon's staff agreement (version 2)" \
    says sign-rhiannon "(staff version 2); status now: Signed"
a sign-lukasz --db "$db" sign paper --person "$lukasz" --kind ks2 --signer "Łukasz" --role pupil \
    --parent-signer "Marta Łukasiewicz" --date 10/09/2026
check "a paper KS2 form records Łukasz and his mother" says sign-lukasz "status now: Signed"
lukasz_agreement="$(awk '/^Recorded agreement/ {print $3; exit}' "$out/sign-lukasz.txt")"
a sign-zoe --db "$db" sign paper --person "$zoe" --kind ks1 --signer "Aoife O'Brien" --role parent --date 2026-09-10
check "a paper KS1 form records Zoë's mother" says sign-zoe "status now: Signed"
a status-staff --db "$db" status --kind staff --json
check "status shows Rhiannon signed and Tomasz not" \
    json status-staff "any(.[]; .person_id == \"$rhiannon\" and .status == \"signed\")
        and any(.[]; .person_id == \"$tomasz\" and .status == \"not_signed\")"
a verify-lukasz --db "$db" agreements verify "$lukasz_agreement"
check "Łukasz's agreement verifies: every fingerprint matches" says verify-lukasz "fingerprints match"

a purposes --db "$db" consent purposes --json
check "consent purposes lists the nine purposes" json purposes 'length == 9'
a consent-yes --db "$db" consent set "$zoe" website yes --by "Aoife O'Brien" --method paper --date 01/09/2026
check "consent set records Zoë's website yes" says consent-yes "Recorded website: yes"
a consent-displays --db "$db" consent set "$zoe" displays yes --by "Aoife O'Brien" --method email
a consent-list --db "$db" consent list --class Cedar --json
check "consent list shows Zoë's website and displays yes" \
    json consent-list "any(.[]; .person_id == \"$zoe\" and .website == \"yes\" and .displays == \"yes\" and .press == \"no\")"
a consent-withdraw --db "$db" consent withdraw "$zoe" website --reason "Changed our minds"
check "consent withdraw takes back the website yes" says consent-withdraw "Withdrew consent for website"
a consent-after --db "$db" consent list --class Cedar --json
check "consent list now shows website no, displays still yes" \
    json consent-after "any(.[]; .person_id == \"$zoe\" and .website == \"no\" and .displays == \"yes\")"
a consent-withdrawn --db "$db" consent withdrawn --since "$(date +%F)" --json
check "consent withdrawn lists Zoë's website withdrawal since today" \
    json consent-withdrawn "any(.[]; .person_id == \"$zoe\" and .purpose == \"School website\" and .withdrawal)"

# --- Accounts ---------------------------------------------------------------

ASSENT_USER=it a accounts-ready --db "$db" accounts status --status ready --json
check "the three who signed are ready for an account" \
    json accounts-ready "length == 3 and ([.[].person_id] | sort) == ([\"$rhiannon\", \"$lukasz\", \"$zoe\"] | sort)"
google="$accounts"'\Google Workspace upload.csv'
ASSENT_USER=it a export-google --db "$db" accounts export --format google --out "$google"
check "the Google Workspace export writes 3 new accounts to a path with spaces" \
    says export-google "3 new" "mark-provisioned"
check "the Google file has the template's header and Łukasz's row in UTF-8" \
    file_says "$google" "First Name [Required],Last Name [Required],Email Address [Required],Password [Required]" \
    "Łukasz,Łukasiewicz,lukaszl22@pupils.juniperhill.sch.uk," "Rhiannon,Pryce,r.pryce@juniperhill.sch.uk,"
check "the Google file has exactly 3 accounts" \
    test "$(tr -d '\r' <"$(u "$google")" | sed 1d | grep -c .)" = 3
google_export="$(sed -n 's/^Export \([^ ]*\).*/\1/p' "$out/export-google.txt" | head -n 1)" || true
ASSENT_USER=it a slips --db "$db" accounts slips --class Hazel --out "$reports\\Login slips\\Hazel login slips.pdf"
check "login slips: one for Hazel, from the Google export" says slips "Wrote 1 login slip(s) from export $google_export"
lukasz_password="$(tr -d '\r' <"$(u "$google")" | awk -F, '$3 == "lukaszl22@pupils.juniperhill.sch.uk" {print $4}')" || true
check "the slips PDF lands in a folder that did not exist, with Łukasz's username and password" \
    pdf_says "$reports\\Login slips\\Hazel login slips.pdf" "lukaszl22" "${lukasz_password:-no password in the Google file}"
ASSENT_USER=it a provisioned --db "$db" accounts mark-provisioned "$google_export"
check "the Google export is marked provisioned" says provisioned "3 created"
a sign-tomasz --db "$db" sign typed --person "$tomasz" --kind staff --signer "Tomasz Wiśniewski"
entra="$exports"'\Entra bulk create.csv'
ASSENT_USER=it a export-entra --db "$db" accounts export --format entra --out "$entra" --json
check "the Entra export writes Tomasz's new account to a non-ASCII folder" \
    json export-entra '.created == 1'
check "the Entra file has its version line, header and Tomasz Wiśniewski" \
    file_says "$entra" "version:v1.0" "Name [displayName] Required,User name [userPrincipalName] Required" \
    "Tomasz Wiśniewski,t.wisniewski@juniperhill.sch.uk"
ASSENT_USER=it a accounts-after --db "$db" accounts status --json
check "accounts status: Rhiannon provisioned, Tomasz waiting on the Entra upload" \
    json accounts-after "any(.[]; .person_id == \"$rhiannon\" and .status == \"provisioned\")
        and any(.[]; .person_id == \"$tomasz\" and .pending_export != null)"

# --- Every report, each into a folder that does not exist yet ---------------
# (The CLI makes missing folders; a build from before that fix fails here.)

a incident --db "$db" incidents add --date 2026-10-05 --time 10:30 --reported-by "Helen Okafor" \
    --category cyberbullying --description "Unkind messages in a class chat" --person "$lukasz"
check "an e-safety incident is recorded" says incident "Recorded incident 1"

# report NAME WINPATH ARGS…: one report into WINPATH, whose folder is new.
folders_there=""
report() {
    local name="$1" path="$2"
    shift 2
    [ ! -e "$(dirname "$(u "$path")")" ] || folders_there+=" $name"
    a "$name" --db "$db" report "$@" --out "$path"
}

r="$reports"'\Consent register\Whole school consent register.pdf'
report consent-pdf "$r" consent-register
check "consent register (PDF) into a new folder: title and names" \
    pdf_says "$r" "Juniper Hill Primary School" "Photo and video consent register" "Łukasz Łukasiewicz" "Hương"
r="$reports"'\Consent register CSV\Cedar consent register.csv'
report consent-csv "$r" consent-register --class Cedar
check "consent register (CSV) for Cedar: Zoë's row says no to the website, yes to displays" \
    file_says "$r" "Class,Pupil,School website," "Cedar,Zoë O'Brien,no,no,no,no,no,no,no,yes,no,no,"
check "the CSV starts with a UTF-8 byte-order mark, for Excel on Windows" \
    test "$(head -c 3 "$(u "$r")" | od -An -tx1 | tr -d ' ')" = efbbbf
r="$reports"'\AUP register\Hazel and staff AUP register.pdf'
report aup-pdf "$r" aup-register --class Hazel --class staff
check "AUP register (PDF): title, Łukasz and Rhiannon" \
    pdf_says "$r" "Acceptable use agreement register" "Łukasz Łukasiewicz" "Rhiannon Pryce"
r="$reports"'\AUP register CSV\staff AUP register.csv'
report aup-csv "$r" aup-register --class staff
check "AUP register (CSV) for staff: Rhiannon and Tomasz signed version 2" \
    file_says "$r" "Group,Name,Agreement,Status" "Staff,Rhiannon Pryce,staff,Signed,2," "Staff,Tomasz Wiśniewski,staff,Signed,2,"
r="$reports"'\Ne pas photographier – Données\do not photograph.pdf'
report dnp-pdf "$r" do-not-photograph
check "do-not-photograph sheet (PDF) into a new non-ASCII folder" \
    pdf_says "$r" "Do not photograph" "Zoë O'Brien"
r="$reports"'\Do not photograph CSV\do not photograph.csv'
report dnp-csv "$r" do-not-photograph --format csv
check "do-not-photograph list (CSV) names pupils, a class with a line break quoted" \
    file_says "$r" "Class,Pupil,Safeguarding hold,Not for" "Ingrid Ødegård,no," '"2 Elm' '(annexe)",Olek Łukasiewicz,no,'
r="$reports"'\Outstanding\agreements outstanding.pdf'
report outstanding-pdf "$r" outstanding
check "agreements outstanding (PDF): title, and Grace who has not signed" \
    pdf_says "$r" "Agreements outstanding" "Grace Mensah"
r="$reports"'\Outstanding CSV\agreements outstanding.csv'
report outstanding-csv "$r" outstanding
check "agreements outstanding (CSV) names Grace and who must sign" \
    file_says "$r" "Group,Name,Agreement,Status,Needed" "Grace Mensah"
r="$reports"'\Letters home\Cedar chase letters.pdf'
report letters "$r" chase-letters --class Cedar
check "chase letters (PDF) for Cedar: a letter home and the return slip" \
    pdf_says "$r" "Parents and carers of" "Dear " "Please return this part to the school office"
r="$reports"'\Certificates\Łukasz Łukasiewicz KS2 certificate.pdf'
report certificate "$r" certificate "$lukasz_agreement"
check "agreement certificate (PDF) for Łukasz, into a new folder" \
    pdf_says "$r" "Agreement certificate" "Łukasz" "Marta Łukasiewicz" "assent agreements verify $lukasz_agreement"
r="$reports"'\Governors\E-safety summary autumn 2026.pdf'
report incidents-summary "$r" incidents-summary --from 2026-09-01 --to 2026-12-31
check "governors' incident summary (PDF) into a new folder: its title" \
    pdf_says "$r" "E-safety incidents: summary for governors"
check "the governors' summary names nobody" \
    bash -c '! pdftotext "$1" - | grep -qiE "Łukasz|Łukasiewicz"' _ "$(u "$r")"
r="$reports"'\Head\E-safety summary with open incidents.pdf'
report incidents-open "$r" incidents-summary --from 2026-09-01 --to 2026-12-31 --open
check "head's incident summary (PDF) names who was involved" \
    pdf_says "$r" "E-safety incidents: summary and open incidents" "Łukasz"
report_failures=""
for name in consent-pdf consent-csv aup-pdf aup-csv dnp-pdf dnp-csv outstanding-pdf outstanding-csv \
    letters certificate incidents-summary incidents-open; do
    [ "$(rc_of "$name")" = 0 ] && grep -q '^Wrote the ' "$out/$name.txt" || report_failures+=" $name"
done
check "every report went into a folder that was not there before" \
    bash -c '[ -z "$1" ] || { echo "     already there for:$1"; exit 1; }' _ "$folders_there"
check "every report command said \"Wrote the …\" and exited 0" \
    bash -c '[ -z "$1" ] || { echo "     not for:$1"; exit 1; }' _ "$report_failures"

# --- Subject access request -------------------------------------------------

sar="$donnees"'\Demande d’accès – Łukasz Łukasiewicz'
a sar --db "$db" sar "$lukasz" --out "$sar"
check "the SAR export for Łukasz says where it wrote" \
    says sar "Wrote 2 file(s) to $sar:" "$sar\\subject-access.json" "$sar\\subject-access.pdf"
check "the SAR JSON landed where asked and has his name in UTF-8" \
    has_bytes "$(u "$sar")/subject-access.json" "Łukasz" "Łukasiewicz"
check "the SAR PDF landed where asked and has his name" \
    pdf_says "$sar\\subject-access.pdf" "Łukasz Łukasiewicz"

# --- Backup and restore ------------------------------------------------------

a backup --db "$db" backup "$backup"
check "backup writes an encrypted file to a path with spaces" says backup "Backed up to $backup"
check "the backup is not readable as text" \
    bash -c '[ -s "$1" ] && ! LC_ALL=C grep -qF "Juniper Hill Primary School" "$1"' _ "$(u "$backup")"
a sign-grace --db "$db" sign typed --person "$grace" --kind governor-visitor --signer "Grace Mensah"
check "Grace signs after the backup" says sign-grace "status now: Signed"
a restore --db "$db" restore "$backup"
check "restore brings the backup back and says who took it" \
    says restore "Restored $db from the backup taken at" "by Helen Okafor (head)" \
    "The database it replaced is kept as $db.replaced-"
school_dir="$(u "$data\\Juniper Hill")"
kept="$(find "$school_dir" -maxdepth 1 -name 'school.db.replaced-*' ! -name '*.keys' -printf '%f\n' | head -n 1)" || true
check "the replaced database is kept beside it with its key file" \
    test -n "$kept" -a -s "$school_dir/$kept" -a -s "$school_dir/$kept.keys"
a status-restored --db "$db" status --kind governor --json
check "after the restore Grace's signature is gone" \
    json status-restored "any(.[]; .person_id == \"$grace\" and .status == \"not_signed\")"
a status-kept --db "$data\\Juniper Hill\\$kept" status --kind governor --json
check "the kept copy still opens and holds Grace's signature" \
    json status-kept "any(.[]; .person_id == \"$grace\" and .status == \"signed\")"
check "no .restoring files are left after the restore" absent "$school_dir" '*.restoring*'
a audit-restored --db "$db" audit verify
check "audit verify after the restore: the chain is intact" says audit-restored "The audit log is intact"

# --- Restore while another program has the database open --------------------

holder="$work/holdopen.exe"
x86_64-w64-mingw32-gcc -O2 -municode -o "$holder" "$WINDOWS_TESTS_DIR/holdopen.c"
timeout -k 5 "$limit" wine "$holder" "$db" >"$out/holdopen.txt" 2>"$out/holdopen.err" &
holder_pid=$!
for _ in $(seq 100); do
    grep -q '^holding' "$out/holdopen.txt" 2>/dev/null && break
    kill -0 "$holder_pid" 2>/dev/null || break
    sleep 0.2
done
check "another program holds the database open (share read/write, not delete)" \
    grep -q '^holding' "$out/holdopen.txt"
cp "$(u "$db")" "$work/school.db.before" || true
before_files="$(cd "$school_dir" && ls -a | sort)" || true
a restore-held --db "$db" restore "$backup"
check "restore is refused while another program has the database open, in plain words" \
    bash -c '[ "$(cat "$1.rc")" = 1 ] && grep -qiE "open in another program|in use by another program" "$1.err" \
        || { echo "     expected exit 1 and a message that the database is open in another program; got exit $(cat "$1.rc"):"; sed "s/^/     | /" "$1.err"; exit 1; }' \
    _ "$out/restore-held"
check "the refusal shows no os error or Sharing violation" \
    bash -c '! grep -qiE "os error|sharing violation" "$1" || { sed "s/^/     | /" "$1"; exit 1; }' _ "$out/restore-held.err"
check "no .restoring or .restoring.keys file is left behind" absent "$school_dir" '*.restoring' '*.restoring.keys'
check "nothing was kept aside or added beside the database" \
    bash -c '[ "$(cd "$1" && ls -a | sort)" = "$2" ] || { echo "     now: $(cd "$1" && ls -a | tr "\n" " ")"; exit 1; }' \
    _ "$school_dir" "$before_files"
kill "$holder_pid" 2>/dev/null || true
wait "$holder_pid" 2>/dev/null || true
check "the held database was not changed" cmp -s "$work/school.db.before" "$(u "$db")"
a after-held --db "$db" people list --search "Łukasz"
check "the database still opens once the other program has closed it" \
    says after-held $'\tŁukasiewicz\tŁukasz\tYear 3\tHazel\tF999200121003'

# --- The end: the audit log, and no raw OS errors anywhere -------------------

a audit-final --db "$db" audit verify
check "audit verify at the end: the chain is intact" says audit-final "The audit log is intact"
check "no command printed \"os error\" or \"Sharing violation\" (stdout or stderr, whole suite)" \
    bash -c 'hits="$(grep -lisE "os error|sharing violation" "$1"/*.txt "$1"/*.err "$2")" || exit 0
        echo "     in: $(echo $hits | xargs -n1 basename | tr "\n" " ")"
        grep -hiE "os error|sharing violation" $hits | sort -u | head -n 8 | sed "s/^/     | /"; exit 1' \
    _ "$out" "$log"

echo "# $((SECONDS - started)) s; stderr of every command: $log"
if [ "$failed" -gt 0 ]; then
    echo "# last lines of $log:"
    tail -n 25 "$log" | sed 's/^/# /'
fi
finish
