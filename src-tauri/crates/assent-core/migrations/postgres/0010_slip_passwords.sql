-- The initial passwords of an export that is waiting to be uploaded, sealed
-- with a key derived from the database key, so the login slips can be printed
-- again (for one class, say) until the accounts exist. They are removed the
-- moment the export is marked provisioned or cancelled; after that nobody,
-- not even the technician, can read them back.
CREATE TABLE account_slip_passwords (
    export_id   TEXT NOT NULL REFERENCES account_exports (id),
    person_id   TEXT NOT NULL REFERENCES people (id),
    nonce       BYTEA NOT NULL CHECK (length(nonce) = 12),
    sealed      BYTEA NOT NULL,
    PRIMARY KEY (export_id, person_id)
);

-- An export that already has an outcome can never have passwords kept again.
CREATE FUNCTION account_slip_passwords_pending_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM account_export_outcomes o WHERE o.export_id = NEW.export_id) THEN
        RAISE EXCEPTION 'passwords are kept only for an export waiting to be uploaded';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER account_slip_passwords_pending BEFORE INSERT ON account_slip_passwords
FOR EACH ROW EXECUTE FUNCTION account_slip_passwords_pending_fn();

-- Marking an export removes its passwords in the same step.
CREATE FUNCTION account_slip_passwords_dropped_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM account_slip_passwords WHERE export_id = NEW.export_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER account_slip_passwords_dropped AFTER INSERT ON account_export_outcomes
FOR EACH ROW EXECUTE FUNCTION account_slip_passwords_dropped_fn();
