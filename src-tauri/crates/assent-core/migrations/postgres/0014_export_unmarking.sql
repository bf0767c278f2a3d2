-- Undoing "marked provisioned", while no later export has been made.
--
-- An export's outcomes become a history: marked provisioned, that marking
-- undone, marked again. Each outcome is a row of its own (an id replaces the
-- one-row-per-export key), an undoing is a row in account_export_unmarkings,
-- and the account events the marking recorded are listed as undone in
-- account_events_undone. Nothing is changed or deleted: an export's current
-- outcome is its one outcome that has not been undone.
--
-- The table is made again, rather than altered, so that the new id comes
-- first, as it does in SQLite. Any outcomes already recorded are copied into
-- it unchanged, and its constraints are given the names they would have had
-- if it had been created under its own name. Dropping the old table drops
-- the triggers on it; they are made again below around the new table, with
-- the functions they had before. account_slip_passwords_pending is left as
-- it is: its function finds account_export_outcomes by name each time it
-- runs, so it checks the new table.
CREATE TABLE account_export_outcomes_history (
    id          TEXT PRIMARY KEY,
    export_id   TEXT NOT NULL REFERENCES account_exports (id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('provisioned', 'cancelled')),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
);

INSERT INTO account_export_outcomes_history (id, export_id, outcome, at, by)
SELECT export_id, export_id, outcome, at, by FROM account_export_outcomes;

DROP TABLE account_export_outcomes;
ALTER TABLE account_export_outcomes_history RENAME TO account_export_outcomes;
ALTER TABLE account_export_outcomes
    RENAME CONSTRAINT account_export_outcomes_history_pkey TO account_export_outcomes_pkey;
ALTER TABLE account_export_outcomes
    RENAME CONSTRAINT account_export_outcomes_history_export_id_fkey TO account_export_outcomes_export_id_fkey;
ALTER TABLE account_export_outcomes
    RENAME CONSTRAINT account_export_outcomes_history_outcome_check TO account_export_outcomes_outcome_check;

CREATE INDEX account_export_outcomes_by_export ON account_export_outcomes (export_id);

-- A marking undone: once, and only a marking as provisioned.
CREATE TABLE account_export_unmarkings (
    id          TEXT PRIMARY KEY,
    outcome_id  TEXT NOT NULL UNIQUE REFERENCES account_export_outcomes (id),
    at          TEXT NOT NULL,
    by          TEXT NOT NULL
);

-- The account events an undone marking had recorded. A row goes only with
-- its event, when the retention purge destroys the person.
CREATE TABLE account_events_undone (
    event_id      TEXT PRIMARY KEY REFERENCES account_events (id),
    unmarking_id  TEXT NOT NULL REFERENCES account_export_unmarkings (id)
);

CREATE INDEX account_events_undone_by_unmarking ON account_events_undone (unmarking_id);

-- An export's outcomes as they stand: those not undone (at most one each).
CREATE VIEW account_export_current_outcomes AS
SELECT o.id, o.export_id, o.outcome, o.at, o.by FROM account_export_outcomes o
WHERE NOT EXISTS (SELECT 1 FROM account_export_unmarkings u WHERE u.outcome_id = o.id);

CREATE TRIGGER account_export_outcomes_kept BEFORE UPDATE ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_export_outcomes_kept_fn();
CREATE TRIGGER account_export_outcomes_not_deleted BEFORE DELETE ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_export_outcomes_not_deleted_fn();

-- An export has one outcome at a time: a new one only once the last is undone.
CREATE FUNCTION account_export_outcomes_one_at_a_time_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM account_export_current_outcomes c WHERE c.export_id = NEW.export_id) THEN
        RAISE EXCEPTION 'an export already has an outcome';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER account_export_outcomes_one_at_a_time BEFORE INSERT ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_export_outcomes_one_at_a_time_fn();

CREATE FUNCTION account_export_unmarkings_provisioned_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM account_export_outcomes o
                   WHERE o.id = NEW.outcome_id AND o.outcome = 'provisioned') THEN
        RAISE EXCEPTION 'only a marking as provisioned can be undone';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER account_export_unmarkings_provisioned BEFORE INSERT ON account_export_unmarkings
FOR EACH ROW EXECUTE FUNCTION account_export_unmarkings_provisioned_fn();
CREATE FUNCTION account_export_unmarkings_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an undone marking can never be changed';
END;
$$;
CREATE TRIGGER account_export_unmarkings_kept BEFORE UPDATE ON account_export_unmarkings
FOR EACH ROW EXECUTE FUNCTION account_export_unmarkings_kept_fn();

CREATE FUNCTION account_export_unmarkings_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an undone marking can never be deleted';
END;
$$;
CREATE TRIGGER account_export_unmarkings_not_deleted BEFORE DELETE ON account_export_unmarkings
FOR EACH ROW EXECUTE FUNCTION account_export_unmarkings_not_deleted_fn();

CREATE FUNCTION account_events_undone_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'an undone account event can never be changed';
END;
$$;
CREATE TRIGGER account_events_undone_kept BEFORE UPDATE ON account_events_undone
FOR EACH ROW EXECUTE FUNCTION account_events_undone_kept_fn();

CREATE FUNCTION account_events_undone_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'an undone account event can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER account_events_undone_not_deleted BEFORE DELETE ON account_events_undone
FOR EACH ROW EXECUTE FUNCTION account_events_undone_not_deleted_fn();

-- As before (0010): an export that has ever had an outcome never has
-- passwords kept again, so undoing a marking does not bring its slips back
-- (account_slip_passwords_pending, unchanged), and marking removes the
-- passwords in the same step.
CREATE TRIGGER account_slip_passwords_dropped AFTER INSERT ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_slip_passwords_dropped_fn();
