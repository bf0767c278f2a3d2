#!/usr/bin/env python3
"""docs/screens.md: the main screens for each role, from the e2e run's screenshots.

The end-to-end suite saves a screenshot of each step it drives, named
`<test>-<NN>-<step>.png` in target/e2e-screenshots/. SCREENS below picks the
ones that show the product to someone who has not built it, role by role.

  screens.py write   copies the chosen screenshots to docs/screens/ and writes docs/screens.md
  screens.py check   fails when a chosen screenshot is no longer taken by the suite (run after
                     it), or when docs/screens.md or docs/screens/ is not what `write` makes
"""

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "target" / "e2e-screenshots"
DOCS = ROOT / "docs"
OUT = DOCS / "screens"

# (role, what they do, [(test, step, caption)]); the screenshot is <test>-NN-<step>.png.
SCREENS = [
    (
        "Office staff",
        "They keep the people up to date, enter the paper forms that come back and print what the school needs.",
        [
            ("sign-in", "empty", "Signing in: everyone has their own username and password."),
            ("people-demo", "list", "People: everyone the school holds, with search and filters."),
            ("people-demo", "pupil", "A pupil's page: agreements, consent and family."),
            ("people-import", "preview", "Importing pupils: what will change, before anything does."),
            ("people-import-roll", "confirm-leavers", "A full-roll import names the leavers and asks for their number."),
            ("paper", "done", "A returned paper form, recorded with its scan."),
            ("batch", "parent-choices", "A class's returned forms entered one after another, by keyboard: the choices for each child."),
            ("batch", "ten-entered", "Ten forms entered in one batch, each with its signer, date and choices."),
            ("fonts", "class-names", "Names in every script the families use, drawn by the fonts built into Assent."),
            ("reports", "chosen", "Reports: registers, letters and certificates, as PDF or CSV."),
            ("admin-office", "settings", "Settings, as the office sees them."),
        ],
    ),
    (
        "Teachers",
        "They collect agreements in class, on a PC or on a tablet handed round in kiosk mode.",
        [
            ("sign-in-teacher", "dashboard", "The dashboard, for the teacher's own classes only."),
            ("signing", "ks2-class", "Signing: the class list, with each pupil's status."),
            ("signing", "ks2-read", "A KS2 pupil reads the agreement before signing."),
            ("signing", "ks2-done", "Signed: the agreement is bound to the exact text that was read."),
            ("sign-in-teacher", "consent", "Photo and video consent for the class."),
        ],
    ),
    (
        "The headteacher or DSL",
        "They publish the agreements, look after consent, staff users, backups and the audit log, and the incident log.",
        [
            ("demo", "dashboard", "The dashboard: who has signed, who has not, and what needs doing."),
            ("first-run", "checklist", "A new school's first day: the set-up checklist, each step linked to its page."),
            ("dashboard", "bars", "How far each class has got with agreements and consent; every figure opens who is missing."),
            ("dashboard", "trend", "Agreements signed through the term, week by week, counted again from the records."),
            ("dashboard", "chase-letters", "Those still to sign, with their chase letters one click away."),
            ("templates", "editor-preview", "Editing an agreement with a live preview."),
            ("templates", "publish-material", "Publishing a new version: a material change means everyone signs again."),
            ("consent", "grid", "Consent, class by class and purpose by purpose."),
            ("consent", "withdraw-panel", "Withdrawing consent asks first, in the app's one confirmation dialog."),
            ("admin", "users", "Staff users and their roles."),
            ("admin", "audit", "The audit log, its chain checked."),
            ("restore", "contents", "Restoring a backup: what it holds, before anything is replaced."),
            ("incidents", "form", "Recording an e-safety incident."),
        ],
    ),
    (
        "The IT technician",
        "They create, suspend and turn back on accounts from the agreements, and see no consent or incidents.",
        [
            ("sign-in-it", "dashboard", "The dashboard for the IT technician."),
            ("account-settings", "settings", "Account settings: each group's domain and username pattern, with five usernames it makes."),
            ("accounts", "ready", "Accounts ready to create: only people whose agreement is signed."),
            ("accounts", "exported", "An export written for Google Workspace."),
            ("accounts", "mark-dialog", "Marking an export as provisioned, once it is uploaded."),
        ],
    ),
]


def slug(role: str) -> str:
    return re.sub(r"[^a-z]+", "-", role.lower()).strip("-")


def source(test: str, step: str) -> Path | None:
    pattern = re.compile(rf"^{re.escape(test)}-\d+-{re.escape(step)}\.png$")
    found = sorted(p for p in SHOTS.glob("*.png") if pattern.match(p.name)) if SHOTS.is_dir() else []
    return found[-1] if found else None


def target(role: str, test: str, step: str) -> str:
    return f"{slug(role)}-{test}-{step}.png"


def markdown() -> str:
    lines = [
        "# Assent's screens, role by role",
        "",
        "What each kind of user sees, at 1024×768, on the fictional demo school. The pictures are",
        "screenshots the end-to-end tests take in the real window (`make test`); `make screens`",
        "copies them here after a run, and the tests fail when one of them is no longer taken.",
        "Some were taken signed in as the head: the page is the same for the role it is shown",
        "under, limited to what that role may see.",
        "",
    ]
    for role, about, shots in SCREENS:
        lines += [f"## {role}", "", about, ""]
        for test, step, caption in shots:
            lines += [f"![{caption}](screens/{target(role, test, step)})", "", f"*{caption}*", ""]
    return "\n".join(lines)


def write() -> int:
    missing = [f"{t}-NN-{s}" for _, _, shots in SCREENS for t, s, _ in shots if source(t, s) is None]
    if missing:
        print("Run the end-to-end tests first; these screenshots are missing:", *missing, sep="\n  ")
        return 1
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    for role, _, shots in SCREENS:
        for test, step, _ in shots:
            shutil.copyfile(source(test, step), OUT / target(role, test, step))
    (DOCS / "screens.md").write_text(markdown(), encoding="utf-8")
    print(f"Wrote docs/screens.md and {sum(len(s) for _, _, s in SCREENS)} screenshots in docs/screens/.")
    return 0


def check() -> int:
    problems = []
    if SHOTS.is_dir():
        problems += [
            f"the e2e suite no longer takes {t}-NN-{s}.png"
            for _, _, shots in SCREENS
            for t, s, _ in shots
            if source(t, s) is None
        ]
    page = DOCS / "screens.md"
    if not page.is_file() or page.read_text(encoding="utf-8") != markdown():
        problems.append("docs/screens.md is not what `make screens` writes")
    wanted = {target(r, t, s) for r, _, shots in SCREENS for t, s, _ in shots}
    have = {p.name for p in OUT.glob("*.png")} if OUT.is_dir() else set()
    problems += [f"docs/screens/{n} is missing" for n in sorted(wanted - have)]
    problems += [f"docs/screens/{n} is not shown in docs/screens.md" for n in sorted(have - wanted)]
    for p in problems:
        print(p)
    if problems:
        print("Run `make screens` after the end-to-end tests, and commit docs/screens*.")
        return 1
    print(f"docs/screens.md shows {len(wanted)} screens, each taken by the end-to-end suite.")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "write":
        sys.exit(write())
    if command == "check":
        sys.exit(check())
    print(__doc__)
    sys.exit(2)
