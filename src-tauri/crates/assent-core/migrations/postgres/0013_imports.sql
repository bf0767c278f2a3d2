-- Each applied import, and the leaving dates a full-roll import set, so that
-- the office can clear them in one action when a file turns out not to be the
-- whole roll. All three tables are append-only; clearing the leavers is a new
-- row in import_leavers_cleared, not a change to the import.
--
-- BOOLEAN columns made in this file:
--   imports.full_roll
CREATE TABLE imports (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('pupils', 'contacts', 'staff', 'ctf')),
    file_name   TEXT NOT NULL,
    full_roll   BOOLEAN NOT NULL,
    added       BIGINT NOT NULL CHECK (added >= 0),
    changed     BIGINT NOT NULL CHECK (changed >= 0),
    unchanged   BIGINT NOT NULL CHECK (unchanged >= 0),
    leaving     BIGINT NOT NULL CHECK (leaving >= 0),
    applied_at  TEXT NOT NULL,
    applied_by  TEXT NOT NULL
);

-- Who a full-roll import marked as leaving, and the date it gave them
-- (a real day, YYYY-MM-DD: see assent_valid_date in 0011).
CREATE TABLE import_leavers (
    import_id     TEXT NOT NULL REFERENCES imports (id),
    person_id     TEXT NOT NULL REFERENCES people (id),
    leaving_date  TEXT NOT NULL CHECK (assent_valid_date(leaving_date)),
    PRIMARY KEY (import_id, person_id)
);

CREATE INDEX import_leavers_by_person ON import_leavers (person_id);

-- An import's leaving dates cleared: once per import.
CREATE TABLE import_leavers_cleared (
    import_id   TEXT PRIMARY KEY REFERENCES imports (id),
    cleared     BIGINT NOT NULL CHECK (cleared >= 0),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
);

CREATE FUNCTION imports_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a recorded import can never be changed';
END;
$$;
CREATE TRIGGER imports_kept BEFORE UPDATE ON imports
FOR EACH ROW EXECUTE FUNCTION imports_kept_fn();

CREATE FUNCTION imports_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a recorded import can never be deleted';
END;
$$;
CREATE TRIGGER imports_not_deleted BEFORE DELETE ON imports
FOR EACH ROW EXECUTE FUNCTION imports_not_deleted_fn();

CREATE FUNCTION import_leavers_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an import''s leavers can never be changed';
END;
$$;
CREATE TRIGGER import_leavers_kept BEFORE UPDATE ON import_leavers
FOR EACH ROW EXECUTE FUNCTION import_leavers_kept_fn();

-- A leaver's row goes only with the leaver, when the retention purge destroys them.
CREATE FUNCTION import_leavers_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an import''s leavers can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER import_leavers_not_deleted BEFORE DELETE ON import_leavers
FOR EACH ROW EXECUTE FUNCTION import_leavers_not_deleted_fn();

CREATE FUNCTION import_leavers_cleared_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a clearing of leavers can never be changed';
END;
$$;
CREATE TRIGGER import_leavers_cleared_kept BEFORE UPDATE ON import_leavers_cleared
FOR EACH ROW EXECUTE FUNCTION import_leavers_cleared_kept_fn();

CREATE FUNCTION import_leavers_cleared_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a clearing of leavers can never be deleted';
END;
$$;
CREATE TRIGGER import_leavers_cleared_not_deleted BEFORE DELETE ON import_leavers_cleared
FOR EACH ROW EXECUTE FUNCTION import_leavers_cleared_not_deleted_fn();
