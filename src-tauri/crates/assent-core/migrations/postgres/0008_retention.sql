-- Retention and erasure: a leaver's records can be destroyed once the
-- retention period has passed, or on a justified request. History tables stay
-- append-only for everything else: deleting from them needs the permit row,
-- which only the purge step writes (and removes) inside its own transaction.
CREATE TABLE purge_permit (
    id  BIGINT PRIMARY KEY CHECK (id = 1)
);

-- What was destroyed, when and by whom, without the personal data itself.
CREATE TABLE destruction_log (
    id            TEXT PRIMARY KEY,
    destroyed_at  TEXT NOT NULL,
    destroyed_by  TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    person_kind   TEXT NOT NULL,
    left_on       TEXT,
    records       TEXT NOT NULL
);

CREATE FUNCTION destruction_log_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the destruction log can never be changed';
END;
$$;
CREATE TRIGGER destruction_log_kept BEFORE UPDATE ON destruction_log
FOR EACH ROW EXECUTE FUNCTION destruction_log_kept_fn();

CREATE FUNCTION destruction_log_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the destruction log can never be deleted';
END;
$$;
CREATE TRIGGER destruction_log_not_deleted BEFORE DELETE ON destruction_log
FOR EACH ROW EXECUTE FUNCTION destruction_log_not_deleted_fn();

-- The evidence tables' delete triggers stay as they are; their functions now
-- let a delete through while the purge holds the permit. (A trigger's WHEN
-- condition cannot look at another table in PostgreSQL, so the function asks.)
CREATE OR REPLACE FUNCTION agreements_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a recorded agreement can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;

CREATE OR REPLACE FUNCTION signatures_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a signature can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;

CREATE OR REPLACE FUNCTION scans_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a scanned form can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;

CREATE OR REPLACE FUNCTION withdrawals_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a withdrawal can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;

CREATE OR REPLACE FUNCTION consent_decisions_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a consent decision can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;

CREATE OR REPLACE FUNCTION consent_holds_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'a safeguarding hold record can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;

-- The audit chain now covers a digest of each summary, so a summary can be
-- blanked for retention without breaking the chain; nothing else may change.
-- Entries without a digest yet are given one by the step that runs with this
-- migration.
ALTER TABLE audit_log ADD COLUMN summary_sha256 TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW WHEN (OLD.summary_sha256 <> '' AND (
       NEW.seq IS DISTINCT FROM OLD.seq OR NEW.id IS DISTINCT FROM OLD.id
    OR NEW.at IS DISTINCT FROM OLD.at
    OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.action IS DISTINCT FROM OLD.action
    OR NEW.entity IS DISTINCT FROM OLD.entity OR NEW.entity_id IS DISTINCT FROM OLD.entity_id
    OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.hash IS DISTINCT FROM OLD.hash
    OR NEW.summary_sha256 IS DISTINCT FROM OLD.summary_sha256
    OR NEW.summary <> '(removed under the retention policy)'))
EXECUTE FUNCTION audit_log_no_update_fn();

INSERT INTO settings (key, value, updated_at)
VALUES ('retention_years', '6',
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
