-- Each applied import, and the leaving dates a full-roll import set, so that
-- the office can clear them in one action when a file turns out not to be the
-- whole roll. All three tables are append-only; clearing the leavers is a new
-- row in import_leavers_cleared, not a change to the import.
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('pupils', 'contacts', 'staff', 'ctf')),
    file_name   TEXT NOT NULL,
    full_roll   INTEGER NOT NULL CHECK (full_roll IN (0, 1)),
    added       INTEGER NOT NULL CHECK (added >= 0),
    changed     INTEGER NOT NULL CHECK (changed >= 0),
    unchanged   INTEGER NOT NULL CHECK (unchanged >= 0),
    leaving     INTEGER NOT NULL CHECK (leaving >= 0),
    applied_at  TEXT NOT NULL,
    applied_by  TEXT NOT NULL
) STRICT;

-- Who a full-roll import marked as leaving, and the date it gave them.
CREATE TABLE import_leavers (
    import_id     TEXT NOT NULL REFERENCES imports (id),
    person_id     TEXT NOT NULL REFERENCES people (id),
    leaving_date  TEXT NOT NULL CHECK (date(leaving_date) = leaving_date),
    PRIMARY KEY (import_id, person_id)
) STRICT;

CREATE INDEX import_leavers_by_person ON import_leavers (person_id);

-- An import's leaving dates cleared: once per import.
CREATE TABLE import_leavers_cleared (
    import_id   TEXT PRIMARY KEY REFERENCES imports (id),
    cleared     INTEGER NOT NULL CHECK (cleared >= 0),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
) STRICT;

CREATE TRIGGER imports_kept BEFORE UPDATE ON imports
BEGIN SELECT RAISE(ABORT, 'a recorded import can never be changed'); END;
CREATE TRIGGER imports_not_deleted BEFORE DELETE ON imports
BEGIN SELECT RAISE(ABORT, 'a recorded import can never be deleted'); END;
CREATE TRIGGER import_leavers_kept BEFORE UPDATE ON import_leavers
BEGIN SELECT RAISE(ABORT, 'an import''s leavers can never be changed'); END;
-- A leaver's row goes only with the leaver, when the retention purge destroys them.
CREATE TRIGGER import_leavers_not_deleted BEFORE DELETE ON import_leavers
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'an import''s leavers can never be deleted'); END;
CREATE TRIGGER import_leavers_cleared_kept BEFORE UPDATE ON import_leavers_cleared
BEGIN SELECT RAISE(ABORT, 'a clearing of leavers can never be changed'); END;
CREATE TRIGGER import_leavers_cleared_not_deleted BEFORE DELETE ON import_leavers_cleared
BEGIN SELECT RAISE(ABORT, 'a clearing of leavers can never be deleted'); END;
