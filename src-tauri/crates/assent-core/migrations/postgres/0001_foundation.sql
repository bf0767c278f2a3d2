-- The PostgreSQL form of the schema. Each numbered file here builds the same
-- tables, keys, indexes and triggers as the SQLite migration of the same
-- number, so a school's records mean the same thing in either database.
--
-- Ids and instants stay TEXT (UUIDs and RFC 3339 UTC times with milliseconds,
-- exactly as stored in SQLite), because the audit chain and the evidence
-- seals hash them as text. INTEGER is BIGINT, BLOB is BYTEA, and a 0/1 flag
-- is BOOLEAN (its type takes the place of SQLite's CHECK (x IN (0, 1))).
-- Each SQLite trigger is a trigger of the same name calling a PL/pgSQL
-- function named after it with "_fn", raising the same message.
--
-- BOOLEAN columns made in this file:
--   contact_links.parental_responsibility

-- The school this database belongs to: exactly one row.
CREATE TABLE school (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    school_id   TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- Named settings; later features add their own keys.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE people (
    id                      TEXT PRIMARY KEY,
    kind                    TEXT NOT NULL
        CHECK (kind IN ('pupil', 'parent', 'staff', 'volunteer', 'governor', 'visitor')),
    given_name              TEXT NOT NULL CHECK (length(trim(given_name)) > 0),
    family_name             TEXT NOT NULL CHECK (length(trim(family_name)) > 0),
    preferred_given_name    TEXT,
    preferred_family_name   TEXT,
    date_of_birth           TEXT,
    -- Only pupils have a year group: N (Nursery), R (Reception), Y1 .. Y6.
    year_group              TEXT
        CHECK (year_group IN ('N', 'R', 'Y1', 'Y2', 'Y3', 'Y4', 'Y5', 'Y6')),
    class_name              TEXT,
    role                    TEXT,
    email                   TEXT,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    CHECK (year_group IS NULL OR kind = 'pupil')
);

CREATE INDEX people_by_kind_and_name ON people (kind, family_name, given_name);

-- A parent or carer linked to a pupil. One adult may be linked to several pupils.
CREATE TABLE contact_links (
    pupil_id                TEXT NOT NULL REFERENCES people (id),
    contact_id              TEXT NOT NULL REFERENCES people (id),
    relationship            TEXT NOT NULL,
    priority                BIGINT NOT NULL CHECK (priority >= 1),
    parental_responsibility BOOLEAN NOT NULL,
    PRIMARY KEY (pupil_id, contact_id)
);

CREATE INDEX contact_links_by_contact ON contact_links (contact_id);

-- Every change, in order. Rows are never updated or deleted. The sequence
-- number is given by the application (the last one plus one, as it builds
-- the hash chain), so it is a plain key rather than an identity column.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    summary     TEXT NOT NULL
);

CREATE FUNCTION audit_log_no_update_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_no_update_fn();

CREATE FUNCTION audit_log_no_delete_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_no_delete_fn();
