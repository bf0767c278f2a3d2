-- The e-safety incident log: what happened, who was involved, who was told
-- and what was done. Every table is append-only: a change of status, an
-- action, a lifted sanction or a child-protection flag is a new row, so the
-- log shows the whole story. Rows go only when the retention purge (holding
-- the purge permit) destroys a closed incident whose period has passed.
--
-- BOOLEAN columns made in this file:
--   incidents.child_protection
--   incident_protection.child_protection

-- A day stored as text must be a real calendar day written YYYY-MM-DD, years
-- 0000 to 9999, which is how the application always stores one: 2023-02-29,
-- 2023-04-31 and 2023-4-01 are refused. NULL passes. This is the rule the
-- SQLite schema means by CHECK (date(x) = x); SQLite also lets through text
-- its date() cannot read at all (the comparison is then NULL), which is
-- refused here. Written without a cast to date, so that a bad value fails
-- the CHECK rather than raising a conversion error.
CREATE FUNCTION assent_valid_date(value TEXT) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE
    WHEN value !~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' THEN FALSE
    ELSE CAST(substr(value, 9, 2) AS INTEGER) <= CASE
        WHEN substr(value, 6, 2) IN ('04', '06', '09', '11') THEN 30
        WHEN substr(value, 6, 2) <> '02' THEN 31
        WHEN CAST(substr(value, 1, 4) AS INTEGER) % 4 = 0
             AND (CAST(substr(value, 1, 4) AS INTEGER) % 100 <> 0
                  OR CAST(substr(value, 1, 4) AS INTEGER) % 400 = 0) THEN 29
        ELSE 28
    END
END
$$;

-- Whether text is well-formed JSON, as SQLite's json_valid() says; NULL
-- passes. Invalid JSON fails the CHECK rather than raising a conversion error.
CREATE FUNCTION assent_json_valid(value TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
BEGIN
    PERFORM CAST(value AS JSON);
    RETURN TRUE;
EXCEPTION WHEN data_exception THEN
    RETURN FALSE;
END;
$$;

CREATE TABLE incidents (
    id                  TEXT PRIMARY KEY,
    -- The number the school uses for it ("incident 7").
    number              BIGINT NOT NULL UNIQUE CHECK (number >= 1),
    -- The UK day it happened, and the UK clock time when it is known: HH:MM,
    -- with the hours SQLite's time() accepts (00 to 24). As with days, text
    -- that is not a clock time at all is refused.
    occurred_on         TEXT NOT NULL CHECK (assent_valid_date(occurred_on)),
    occurred_time       TEXT CHECK (occurred_time IS NULL
                                    OR occurred_time ~ '^([01][0-9]|2[0-4]):[0-5][0-9]$'),
    reported_by         TEXT NOT NULL CHECK (length(trim(reported_by)) > 0),
    category            TEXT NOT NULL CHECK (category IN (
        'illegal_material', 'inappropriate_material', 'bypassing_filtering',
        'account_misuse', 'cyberbullying', 'copyright_data_protection',
        'unauthorised_device', 'damage', 'other')),
    description         TEXT NOT NULL CHECK (length(trim(description)) > 0),
    -- A JSON array of the addresses involved.
    urls                TEXT NOT NULL DEFAULT '[]' CHECK (assent_json_valid(urls)),
    child_protection    BOOLEAN NOT NULL,
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    -- The staff user who recorded it: a teacher sees the incidents they reported.
    recorded_by_user    TEXT NOT NULL
);

CREATE INDEX incidents_by_day ON incidents (occurred_on);

-- The people involved, linked to their record where the school has one.
CREATE TABLE incident_people (
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    position        BIGINT NOT NULL CHECK (position >= 1),
    person_id       TEXT REFERENCES people (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT NOT NULL CHECK (role IN ('pupil', 'staff', 'other')),
    PRIMARY KEY (incident_id, position)
);

CREATE INDEX incident_people_by_person ON incident_people (person_id);

-- Screenshots and other files kept with an incident.
CREATE TABLE incident_attachments (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    file_name       TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    mime            TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
    bytes           BYTEA NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at        TEXT NOT NULL,
    added_by        TEXT NOT NULL
);

CREATE INDEX incident_attachments_by_incident ON incident_attachments (incident_id);

-- The checklist: who was told and what was done, each with who and when.
-- An access removal names whose access, and its last day (NULL: until review).
CREATE TABLE incident_actions (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    action          TEXT NOT NULL CHECK (action IN (
        'class_teacher', 'head_of_computing', 'headteacher', 'police', 'technical_support',
        'parents_informed', 'warning', 'further_sanction', 'access_removed')),
    done_by         TEXT NOT NULL CHECK (length(trim(done_by)) > 0),
    done_on         TEXT NOT NULL CHECK (assent_valid_date(done_on)),
    note            TEXT,
    person_id       TEXT REFERENCES people (id),
    until           TEXT CHECK (until IS NULL OR assent_valid_date(until)),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    CHECK ((action = 'access_removed') = (person_id IS NOT NULL)),
    CHECK (until IS NULL OR action = 'access_removed')
);

CREATE INDEX incident_actions_by_incident ON incident_actions (incident_id);
CREATE INDEX incident_actions_by_person ON incident_actions (person_id);

-- An access removal lifted before its end date (or after review).
CREATE TABLE incident_sanction_lifts (
    action_id       TEXT PRIMARY KEY REFERENCES incident_actions (id),
    lifted_on       TEXT NOT NULL CHECK (assent_valid_date(lifted_on)),
    note            TEXT,
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL
);

-- Open, under review or closed (with the outcome). The latest row is the status.
CREATE TABLE incident_status (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'under_review', 'closed')),
    outcome         TEXT,
    at              TEXT NOT NULL,
    by              TEXT NOT NULL,
    CHECK (status <> 'closed' OR length(trim(coalesce(outcome, ''))) > 0)
);

CREATE INDEX incident_status_by_incident ON incident_status (incident_id, at);

-- The child-protection flag changed after recording; the latest row wins.
CREATE TABLE incident_protection (
    id                  TEXT PRIMARY KEY,
    incident_id         TEXT NOT NULL REFERENCES incidents (id),
    child_protection    BOOLEAN NOT NULL,
    at                  TEXT NOT NULL,
    by                  TEXT NOT NULL
);

CREATE FUNCTION incidents_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a recorded incident can never be changed';
END;
$$;
CREATE TRIGGER incidents_kept BEFORE UPDATE ON incidents
FOR EACH ROW EXECUTE FUNCTION incidents_kept_fn();

CREATE FUNCTION incidents_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an incident can never be deleted before its retention period';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incidents_not_deleted BEFORE DELETE ON incidents
FOR EACH ROW EXECUTE FUNCTION incidents_not_deleted_fn();

CREATE FUNCTION incident_people_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the people involved in an incident can never be changed';
END;
$$;
CREATE TRIGGER incident_people_kept BEFORE UPDATE ON incident_people
FOR EACH ROW EXECUTE FUNCTION incident_people_kept_fn();

CREATE FUNCTION incident_people_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'the people involved in an incident can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incident_people_not_deleted BEFORE DELETE ON incident_people
FOR EACH ROW EXECUTE FUNCTION incident_people_not_deleted_fn();

CREATE FUNCTION incident_attachments_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an incident attachment can never be changed';
END;
$$;
CREATE TRIGGER incident_attachments_kept BEFORE UPDATE ON incident_attachments
FOR EACH ROW EXECUTE FUNCTION incident_attachments_kept_fn();

CREATE FUNCTION incident_attachments_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an incident attachment can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incident_attachments_not_deleted BEFORE DELETE ON incident_attachments
FOR EACH ROW EXECUTE FUNCTION incident_attachments_not_deleted_fn();

CREATE FUNCTION incident_actions_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an incident action can never be changed';
END;
$$;
CREATE TRIGGER incident_actions_kept BEFORE UPDATE ON incident_actions
FOR EACH ROW EXECUTE FUNCTION incident_actions_kept_fn();

CREATE FUNCTION incident_actions_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an incident action can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incident_actions_not_deleted BEFORE DELETE ON incident_actions
FOR EACH ROW EXECUTE FUNCTION incident_actions_not_deleted_fn();

CREATE FUNCTION incident_sanction_lifts_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a lifted sanction can never be changed';
END;
$$;
CREATE TRIGGER incident_sanction_lifts_kept BEFORE UPDATE ON incident_sanction_lifts
FOR EACH ROW EXECUTE FUNCTION incident_sanction_lifts_kept_fn();

CREATE FUNCTION incident_sanction_lifts_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a lifted sanction can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incident_sanction_lifts_not_deleted BEFORE DELETE ON incident_sanction_lifts
FOR EACH ROW EXECUTE FUNCTION incident_sanction_lifts_not_deleted_fn();

CREATE FUNCTION incident_status_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an incident status change can never be changed';
END;
$$;
CREATE TRIGGER incident_status_kept BEFORE UPDATE ON incident_status
FOR EACH ROW EXECUTE FUNCTION incident_status_kept_fn();

CREATE FUNCTION incident_status_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an incident status change can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incident_status_not_deleted BEFORE DELETE ON incident_status
FOR EACH ROW EXECUTE FUNCTION incident_status_not_deleted_fn();

CREATE FUNCTION incident_protection_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a child-protection flag change can never be changed';
END;
$$;
CREATE TRIGGER incident_protection_kept BEFORE UPDATE ON incident_protection
FOR EACH ROW EXECUTE FUNCTION incident_protection_kept_fn();

CREATE FUNCTION incident_protection_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a child-protection flag change can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER incident_protection_not_deleted BEFORE DELETE ON incident_protection
FOR EACH ROW EXECUTE FUNCTION incident_protection_not_deleted_fn();
