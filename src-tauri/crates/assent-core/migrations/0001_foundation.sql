-- The school this database belongs to: exactly one row.
CREATE TABLE school (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    school_id   TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

-- Named settings; later features add their own keys.
CREATE TABLE settings (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

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
) STRICT;

CREATE INDEX people_by_kind_and_name ON people (kind, family_name, given_name);

-- A parent or carer linked to a pupil. One adult may be linked to several pupils.
CREATE TABLE contact_links (
    pupil_id                TEXT NOT NULL REFERENCES people (id),
    contact_id              TEXT NOT NULL REFERENCES people (id),
    relationship            TEXT NOT NULL,
    priority                INTEGER NOT NULL CHECK (priority >= 1),
    parental_responsibility INTEGER NOT NULL CHECK (parental_responsibility IN (0, 1)),
    PRIMARY KEY (pupil_id, contact_id)
) STRICT;

CREATE INDEX contact_links_by_contact ON contact_links (contact_id);

-- Every change, in order. Rows are never updated or deleted.
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT,
    summary     TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
