-- The photo and video choices made in a parent agreement belong to it: each
-- decision recorded while signing names its agreement, and the agreement
-- keeps the fingerprint of the choices, which its own seal covers. Agreements
-- recorded before this (and agreements without choices) have neither, and
-- verify exactly as before.
--
-- The column names the agreement without a foreign key: erasing a parent
-- under the retention rules must not depend on their children's records.
ALTER TABLE consent_decisions ADD COLUMN agreement_id TEXT;
ALTER TABLE agreements ADD COLUMN choices_sha256 TEXT CHECK (choices_sha256 IS NULL OR length(choices_sha256) = 64);

CREATE INDEX consent_decisions_by_agreement ON consent_decisions (agreement_id) WHERE agreement_id IS NOT NULL;

-- When the retention rules destroy a child's answers while the parent's
-- agreement is kept, the digest of that child's answers stays here (no
-- personal data), so the agreement's fingerprint can still be checked. Only
-- the purge (holding purge_permit) writes or removes a row: a row goes with
-- its agreement.
CREATE TABLE agreement_choices_destroyed (
    agreement_id  TEXT NOT NULL,
    line_sha256   TEXT NOT NULL CHECK (length(line_sha256) = 64),
    destroyed_at  TEXT NOT NULL
);

CREATE INDEX agreement_choices_destroyed_by_agreement ON agreement_choices_destroyed (agreement_id);

CREATE FUNCTION agreement_choices_destroyed_only_by_purge_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'only the retention purge keeps the choices of destroyed records';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER agreement_choices_destroyed_only_by_purge BEFORE INSERT ON agreement_choices_destroyed
FOR EACH ROW EXECUTE FUNCTION agreement_choices_destroyed_only_by_purge_fn();
CREATE FUNCTION agreement_choices_destroyed_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the kept choices of destroyed records can never be changed';
END;
$$;
CREATE TRIGGER agreement_choices_destroyed_kept BEFORE UPDATE ON agreement_choices_destroyed
FOR EACH ROW EXECUTE FUNCTION agreement_choices_destroyed_kept_fn();

CREATE FUNCTION agreement_choices_destroyed_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM purge_permit) THEN
        RAISE EXCEPTION 'the kept choices of destroyed records can never be deleted';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER agreement_choices_destroyed_not_deleted BEFORE DELETE ON agreement_choices_destroyed
FOR EACH ROW EXECUTE FUNCTION agreement_choices_destroyed_not_deleted_fn();
