#!/usr/bin/env python3
"""Fails when a statement the core ran in the SQLite pass of the tests was
not run on the PostgreSQL server in the PostgreSQL pass.

Reads the two traces the passes write (ASSENT_SQL_TRACE, one line per engine,
place and statement: `engine<TAB>file:line<TAB>sql`; see assent-core's
src/db/trace.rs). Every statement that a place in assent-core's own source ran
during the SQLite pass must also have been run there on PostgreSQL during the
PostgreSQL pass, so each shared statement is run by some test on the server.

Statements are compared with any list of placeholders (`IN (?2, ?3, ?4)`,
as long as the list it is built for) counted as one. Where the engines are
given different SQL on purpose, the SQLite form of `Engine::json_values`
(`json_each`) is read as the server's before comparing, and the migrations
(each engine's own files, which tests/server_only/schema_parity.rs compares)
count as run on the server if their place ran there at all.

Left out: statements naming SQLite's own catalogue or pragmas (`PRAGMA`,
`sqlite_master`, `pragma_…`), and the files below, which only ever read a
SQLite file whatever the school runs on; for those, having run in the
PostgreSQL pass (on that file) is enough.
"""

import re
import sys
from pathlib import Path

CORE = "assent-core/src/"
SQLITE_ONLY = re.compile(r"\bPRAGMA\b|\bsqlite_\w+|\bpragma_\w+", re.IGNORECASE)

# SQL that each engine is given in its own form: `Engine::json_values`, whose
# SQLite form is read as the server's so the statements around it compare.
JSON_EACH = re.compile(r"SELECT value FROM json_each\((\?\d+)\)")
JSON_ELEMENTS = r"SELECT value FROM json_array_elements_text(CAST(CAST(\1 AS TEXT) AS json)) AS j (value)"
ENGINE_FORM = re.compile(r"\bjson_each\b")
ENGINE_FORM_FILES = {
    "src/store/migrations.rs": "runs each migration's SQLite or PostgreSQL file",
}
PLACEHOLDER_LIST = re.compile(r"\?\d+(?:\s*,\s*\?\d+)+")

# Files whose SQL reads a backup's SQLite file, on either engine.
FILE_ONLY = {
    "src/backup/contents.rs": "reads what a backup file holds from a copy of it",
    "src/backup/onto_server.rs": "reads the staged backup file it copies onto the server",
}


def read(trace: Path) -> dict[tuple[str, str], set[str]]:
    """Engines by (place, statement), for the core's own places."""
    if not trace.exists():
        sys.exit(f"{trace}: no trace was written (is ASSENT_SQL_TRACE set?)")
    seen: dict[tuple[str, str], set[str]] = {}
    for number, line in enumerate(trace.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t", 2)
        if len(parts) != 3 or parts[0] not in ("sqlite", "postgres"):
            sys.exit(f"{trace}:{number}: not a trace line: {line[:80]!r}")
        engine, place, sql = parts
        place = place.replace("\\", "/")
        if CORE in place:
            place = place[place.index(CORE) + len("assent-core/"):]
            sql = PLACEHOLDER_LIST.sub("?…", sql)
            if engine == "sqlite":
                sql = JSON_EACH.sub(JSON_ELEMENTS, sql)
            seen.setdefault((place, sql), set()).add(engine)
    return seen


def file_of(place: str) -> str:
    return place.rsplit(":", 1)[0]


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: statements.py SQLITE_PASS_TRACE POSTGRES_PASS_TRACE", file=sys.stderr)
        return 2
    on_sqlite = read(Path(sys.argv[1]))
    on_server = read(Path(sys.argv[2]))
    if not any("sqlite" in e for e in on_sqlite.values()):
        sys.exit(f"{sys.argv[1]}: the SQLite pass ran no SQL from the core")
    if not any("postgres" in e for e in on_server.values()):
        sys.exit(f"{sys.argv[2]}: the PostgreSQL pass ran no SQL on the server")
    checked = [
        (place, sql)
        for (place, sql), engines in on_sqlite.items()
        if "sqlite" in engines and not SQLITE_ONLY.search(sql)
    ]
    on_server_at = {place for (place, _), e in on_server.items() if "postgres" in e}
    missing = []
    for place, sql in sorted(checked):
        engines = on_server.get((place, sql), set())
        if "postgres" in engines:
            continue
        own_form = ENGINE_FORM.search(sql) or file_of(place) in ENGINE_FORM_FILES
        if own_form and place in on_server_at:
            continue
        if file_of(place) in FILE_ONLY and engines:
            continue
        missing.append((place, sql))
    places = {p for p, _ in checked}
    print(
        f"{len(checked)} statements from {len(places)} places in the core ran in the SQLite pass; "
        f"{len(checked) - len(missing)} of them ran in the PostgreSQL pass too."
    )
    if missing:
        print(f"{len(missing)} statements ran in the SQLite pass that no test runs on PostgreSQL:")
        for place, sql in missing:
            print(f"  {place}: {sql[:200]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
