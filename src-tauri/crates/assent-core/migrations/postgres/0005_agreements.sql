-- Signed agreements. Every row here is evidence: nothing is ever updated or
-- deleted. A later signature (a parent signing after the pupil) is a new row;
-- a withdrawal is a new row; a newer agreement supersedes an older one.
CREATE TABLE agreements (
    id                  TEXT PRIMARY KEY,
    -- The id the signing screen gave this attempt: a double click or a retry
    -- finds the agreement already recorded instead of making a second one.
    submission_id       TEXT NOT NULL UNIQUE,
    person_id           TEXT NOT NULL REFERENCES people (id),
    kind                TEXT NOT NULL,
    version             BIGINT NOT NULL,
    template_sha256     TEXT NOT NULL CHECK (length(template_sha256) = 64),
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    device              TEXT NOT NULL,
    evidence_sha256     TEXT NOT NULL CHECK (length(evidence_sha256) = 64),
    FOREIGN KEY (kind, version) REFERENCES template_versions (kind, version)
);

CREATE INDEX agreements_by_person ON agreements (person_id, kind, recorded_at);

CREATE TABLE agreement_signatures (
    id                  TEXT PRIMARY KEY,
    agreement_id        TEXT NOT NULL REFERENCES agreements (id),
    -- self: adults; pupil and parent: KS2; parent and child_mark: KS1.
    role                TEXT NOT NULL CHECK (role IN ('self', 'pupil', 'parent', 'child_mark')),
    signer_person_id    TEXT REFERENCES people (id),
    signer_name         TEXT NOT NULL CHECK (length(trim(signer_name)) > 0),
    relationship        TEXT,
    method              TEXT NOT NULL CHECK (method IN ('drawn', 'typed', 'paper')),
    image_png           BYTEA,
    strokes_json        TEXT,
    image_sha256        TEXT,
    -- When it was signed (for a paper form, the date written on it).
    signed_at           TEXT NOT NULL,
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    device              TEXT NOT NULL,
    evidence_sha256     TEXT NOT NULL CHECK (length(evidence_sha256) = 64),
    UNIQUE (agreement_id, role)
);

CREATE TABLE agreement_scans (
    agreement_id        TEXT PRIMARY KEY REFERENCES agreements (id),
    mime                TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
    bytes               BYTEA NOT NULL,
    sha256              TEXT NOT NULL CHECK (length(sha256) = 64)
);

CREATE TABLE agreement_withdrawals (
    agreement_id        TEXT PRIMARY KEY REFERENCES agreements (id),
    withdrawn_at        TEXT NOT NULL,
    withdrawn_by        TEXT NOT NULL,
    reason              TEXT NOT NULL CHECK (length(trim(reason)) > 0)
);

CREATE FUNCTION agreements_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a recorded agreement can never be changed';
END;
$$;
CREATE TRIGGER agreements_kept BEFORE UPDATE ON agreements
FOR EACH ROW EXECUTE FUNCTION agreements_kept_fn();

CREATE FUNCTION agreements_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a recorded agreement can never be deleted';
END;
$$;
CREATE TRIGGER agreements_not_deleted BEFORE DELETE ON agreements
FOR EACH ROW EXECUTE FUNCTION agreements_not_deleted_fn();

CREATE FUNCTION signatures_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a signature can never be changed';
END;
$$;
CREATE TRIGGER signatures_kept BEFORE UPDATE ON agreement_signatures
FOR EACH ROW EXECUTE FUNCTION signatures_kept_fn();

CREATE FUNCTION signatures_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a signature can never be deleted';
END;
$$;
CREATE TRIGGER signatures_not_deleted BEFORE DELETE ON agreement_signatures
FOR EACH ROW EXECUTE FUNCTION signatures_not_deleted_fn();

CREATE FUNCTION scans_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a scanned form can never be changed';
END;
$$;
CREATE TRIGGER scans_kept BEFORE UPDATE ON agreement_scans
FOR EACH ROW EXECUTE FUNCTION scans_kept_fn();

CREATE FUNCTION scans_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a scanned form can never be deleted';
END;
$$;
CREATE TRIGGER scans_not_deleted BEFORE DELETE ON agreement_scans
FOR EACH ROW EXECUTE FUNCTION scans_not_deleted_fn();

CREATE FUNCTION withdrawals_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a withdrawal can never be changed';
END;
$$;
CREATE TRIGGER withdrawals_kept BEFORE UPDATE ON agreement_withdrawals
FOR EACH ROW EXECUTE FUNCTION withdrawals_kept_fn();

CREATE FUNCTION withdrawals_not_deleted_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a withdrawal can never be deleted';
END;
$$;
CREATE TRIGGER withdrawals_not_deleted BEFORE DELETE ON agreement_withdrawals
FOR EACH ROW EXECUTE FUNCTION withdrawals_not_deleted_fn();
