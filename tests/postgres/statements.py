#!/usr/bin/env python3
"""Fails when a place in the core ran SQL in the SQLite pass of the tests but
not in the PostgreSQL pass.

Reads the two traces the passes write (ASSENT_SQL_TRACE, one line per engine
and place: `engine<TAB>file:line<TAB>sql`; see assent-core's
src/db/trace.rs). Every place in assent-core's own source that prepared SQL
during the SQLite pass must also have done so during the PostgreSQL pass: on
the server for the shared statements, or on a SQLite file for the code that
only ever reads one (a backup being restored onto the server, for one), which
the PostgreSQL pass then ran in the setting of a school on a server.

Left out, because only a SQLite file has them: statements naming SQLite's own
catalogue or pragmas (`PRAGMA`, `sqlite_master`, `pragma_…`).
"""

import re
import sys
from pathlib import Path

CORE = "assent-core/src/"
SQLITE_ONLY = re.compile(r"\bPRAGMA\b|\bsqlite_\w+|\bpragma_\w+", re.IGNORECASE)


def read(trace: Path) -> dict[str, dict[str, str]]:
    """SQL by place and engine, for the core's own places."""
    if not trace.exists():
        sys.exit(f"{trace}: no trace was written (is ASSENT_SQL_TRACE set?)")
    places: dict[str, dict[str, str]] = {}
    for number, line in enumerate(trace.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t", 2)
        if len(parts) != 3 or parts[0] not in ("sqlite", "postgres"):
            sys.exit(f"{trace}:{number}: not a trace line: {line[:80]!r}")
        engine, place, sql = parts
        if CORE in place.replace("\\", "/"):
            places.setdefault(place, {}).setdefault(engine, sql)
    return places


def main() -> int:
    if len(sys.argv) != 3:
        print("usage: statements.py SQLITE_PASS_TRACE POSTGRES_PASS_TRACE", file=sys.stderr)
        return 2
    on_sqlite = read(Path(sys.argv[1]))
    on_server = read(Path(sys.argv[2]))
    missing = sorted(
        (place, engines.get("sqlite", ""))
        for place, engines in on_sqlite.items()
        if place not in on_server and not SQLITE_ONLY.search(engines.get("sqlite", ""))
    )
    shared = sum(1 for p in on_sqlite if "postgres" in on_server.get(p, {}))
    print(
        f"SQL run from {len(on_sqlite)} places in the core in the SQLite pass; "
        f"{len(on_sqlite) - len(missing)} of them in the PostgreSQL pass too "
        f"({shared} on the server itself)."
    )
    if missing:
        print(f"{len(missing)} places ran SQL in the SQLite pass that no test runs in the PostgreSQL pass:")
        for place, sql in missing:
            print(f"  {place}: {sql[:160]}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
