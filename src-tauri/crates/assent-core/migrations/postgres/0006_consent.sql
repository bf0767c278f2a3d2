-- Photo and video consent: purposes the school asks about, each explanation
-- version shown to families, and the append-only history of every choice.
--
-- BOOLEAN columns made in this file:
--   consent_decisions.withdrawal
CREATE TABLE consent_purposes (
    id          TEXT PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position    BIGINT NOT NULL,
    retired_at  TEXT,
    created_at  TEXT NOT NULL
);

-- What the family was told about a purpose; a new wording is a new version.
CREATE TABLE consent_explanations (
    id          TEXT PRIMARY KEY,
    purpose_id  TEXT NOT NULL REFERENCES consent_purposes (id),
    version     BIGINT NOT NULL CHECK (version >= 1),
    text        TEXT NOT NULL CHECK (length(trim(text)) > 0),
    created_at  TEXT NOT NULL,
    UNIQUE (purpose_id, version)
);

CREATE TABLE consent_decisions (
    id                  TEXT PRIMARY KEY,
    person_id           TEXT NOT NULL REFERENCES people (id),
    purpose_id          TEXT NOT NULL REFERENCES consent_purposes (id),
    answer              TEXT NOT NULL CHECK (answer IN ('yes', 'no')),
    -- A withdrawal replaces every earlier answer for the purpose, whoever gave it.
    withdrawal          BOOLEAN NOT NULL,
    given_by_person_id  TEXT REFERENCES people (id),
    given_by_name       TEXT NOT NULL,
    method              TEXT NOT NULL CHECK (method IN ('agreement', 'paper', 'phone', 'email', 'in_person')),
    decided_on          TEXT NOT NULL,
    explanation_id      TEXT NOT NULL REFERENCES consent_explanations (id),
    reason              TEXT,
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL
);

CREATE INDEX consent_decisions_by_person ON consent_decisions (person_id, purpose_id, recorded_at);

-- Safeguarding holds ("never photograph or publish"), set and released by the head or DSL.
CREATE TABLE consent_holds (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES people (id),
    action      TEXT NOT NULL CHECK (action IN ('set', 'release')),
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
);

CREATE FUNCTION consent_decisions_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a consent decision can never be changed';
END;
$$;
CREATE TRIGGER consent_decisions_kept BEFORE UPDATE ON consent_decisions
FOR EACH ROW EXECUTE FUNCTION consent_decisions_kept_fn();

CREATE FUNCTION consent_decisions_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a consent decision can never be deleted';
END;
$$;
CREATE TRIGGER consent_decisions_not_deleted BEFORE DELETE ON consent_decisions
FOR EACH ROW EXECUTE FUNCTION consent_decisions_not_deleted_fn();

CREATE FUNCTION consent_holds_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a safeguarding hold record can never be changed';
END;
$$;
CREATE TRIGGER consent_holds_kept BEFORE UPDATE ON consent_holds
FOR EACH ROW EXECUTE FUNCTION consent_holds_kept_fn();

CREATE FUNCTION consent_holds_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a safeguarding hold record can never be deleted';
END;
$$;
CREATE TRIGGER consent_holds_not_deleted BEFORE DELETE ON consent_holds
FOR EACH ROW EXECUTE FUNCTION consent_holds_not_deleted_fn();

CREATE FUNCTION consent_explanations_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an explanation shown to families can never be changed';
END;
$$;
CREATE TRIGGER consent_explanations_kept BEFORE UPDATE ON consent_explanations
FOR EACH ROW EXECUTE FUNCTION consent_explanations_kept_fn();

INSERT INTO settings (key, value, updated_at)
VALUES ('consent_renewal', 'until_leaving',
        to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'));
