-- IT accounts, handed out only once the right agreement is signed.
--
-- BOOLEAN columns made in this file:
--   account_exports.everything
--   account_export_rows.password_issued
--
-- The username each person's account has, or will have when it is first
-- exported. Generated names are stored at their first export; the office or
-- the technician may edit one until the account exists. As for users (0007),
-- "lower case" means no letter A to Z, as in SQLite.
CREATE TABLE account_usernames (
    person_id   TEXT PRIMARY KEY REFERENCES people (id),
    username    TEXT NOT NULL UNIQUE
        CHECK (username = translate(username, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
               AND length(username) BETWEEN 2 AND 64),
    -- 'generated' from the group's pattern, or 'edited' by hand.
    source      TEXT NOT NULL CHECK (source IN ('generated', 'edited')),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);

-- Each export file: who made it, when, in which format. Never changed.
CREATE TABLE account_exports (
    id          TEXT PRIMARY KEY,
    format      TEXT NOT NULL CHECK (format IN ('google', 'entra', 'csv')),
    everything  BOOLEAN NOT NULL,
    file_name   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
);

-- The rows of an export, without passwords: only whether one was issued.
CREATE TABLE account_export_rows (
    export_id       TEXT NOT NULL REFERENCES account_exports (id),
    person_id       TEXT NOT NULL REFERENCES people (id),
    action          TEXT NOT NULL CHECK (action IN ('create', 'suspend', 'reactivate', 'keep')),
    username        TEXT NOT NULL,
    email           TEXT NOT NULL,
    org_unit        TEXT NOT NULL,
    password_issued BOOLEAN NOT NULL,
    PRIMARY KEY (export_id, person_id)
);

CREATE INDEX account_export_rows_by_person ON account_export_rows (person_id);

-- What became of an export: uploaded and marked provisioned, or cancelled
-- (the file was never used). An export without a row here is pending.
CREATE TABLE account_export_outcomes (
    export_id   TEXT PRIMARY KEY REFERENCES account_exports (id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('provisioned', 'cancelled')),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
);

-- Each account's history: created, suspended, reactivated. Rows are never
-- changed; the latest says where the account stands.
CREATE TABLE account_events (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id),
    action      TEXT NOT NULL CHECK (action IN ('created', 'suspended', 'reactivated')),
    username    TEXT NOT NULL,
    export_id   TEXT NOT NULL REFERENCES account_exports (id),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
);

CREATE INDEX account_events_by_person ON account_events (person_id, at);

CREATE FUNCTION account_exports_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an account export record can never be changed';
END;
$$;
CREATE TRIGGER account_exports_kept BEFORE UPDATE ON account_exports
FOR EACH ROW EXECUTE FUNCTION account_exports_kept_fn();

CREATE FUNCTION account_exports_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an account export record can never be deleted';
END;
$$;
CREATE TRIGGER account_exports_not_deleted BEFORE DELETE ON account_exports
FOR EACH ROW EXECUTE FUNCTION account_exports_not_deleted_fn();

CREATE FUNCTION account_export_rows_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an account export row can never be changed';
END;
$$;
CREATE TRIGGER account_export_rows_kept BEFORE UPDATE ON account_export_rows
FOR EACH ROW EXECUTE FUNCTION account_export_rows_kept_fn();

CREATE FUNCTION account_export_rows_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an account export row can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER account_export_rows_not_deleted BEFORE DELETE ON account_export_rows
FOR EACH ROW EXECUTE FUNCTION account_export_rows_not_deleted_fn();

CREATE FUNCTION account_export_outcomes_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an export outcome can never be changed';
END;
$$;
CREATE TRIGGER account_export_outcomes_kept BEFORE UPDATE ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_export_outcomes_kept_fn();

CREATE FUNCTION account_export_outcomes_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an export outcome can never be deleted';
END;
$$;
CREATE TRIGGER account_export_outcomes_not_deleted BEFORE DELETE ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_export_outcomes_not_deleted_fn();

CREATE FUNCTION account_events_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an account event can never be changed';
END;
$$;
CREATE TRIGGER account_events_kept BEFORE UPDATE ON account_events
FOR EACH ROW EXECUTE FUNCTION account_events_kept_fn();

CREATE FUNCTION account_events_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an account event can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER account_events_not_deleted BEFORE DELETE ON account_events
FOR EACH ROW EXECUTE FUNCTION account_events_not_deleted_fn();
