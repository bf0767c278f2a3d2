-- Agreement templates: one per kind, each with an append-only list of published
-- versions and at most one draft being edited.
--
-- BOOLEAN columns made in this file:
--   template_versions.material
CREATE TABLE templates (
    kind        TEXT PRIMARY KEY
        CHECK (kind IN ('ks1', 'ks2', 'staff', 'governor-visitor', 'parent')),
    created_at  TEXT NOT NULL
);

CREATE TABLE template_versions (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL REFERENCES templates (kind),
    version         BIGINT NOT NULL CHECK (version >= 1),
    title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
    audience        TEXT NOT NULL,
    -- The Markdown as written, and the text signers see, rendered from it.
    source          TEXT NOT NULL,
    rendered        TEXT NOT NULL,
    -- SHA-256 of `rendered`: what each signature will be bound to.
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    -- TRUE: everyone on an older version must sign again; FALSE: a minor correction.
    material        BOOLEAN NOT NULL,
    change_summary  TEXT NOT NULL,
    effective_date  TEXT NOT NULL,
    review_due      TEXT NOT NULL,
    published_at    TEXT NOT NULL,
    published_by    TEXT NOT NULL,
    UNIQUE (kind, version)
);

CREATE FUNCTION template_versions_immutable_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published template version can never be changed';
END;
$$;
CREATE TRIGGER template_versions_immutable BEFORE UPDATE ON template_versions
FOR EACH ROW EXECUTE FUNCTION template_versions_immutable_fn();

CREATE FUNCTION template_versions_kept_fn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'a published template version can never be deleted';
END;
$$;
CREATE TRIGGER template_versions_kept BEFORE DELETE ON template_versions
FOR EACH ROW EXECUTE FUNCTION template_versions_kept_fn();

CREATE TABLE template_drafts (
    kind        TEXT PRIMARY KEY REFERENCES templates (kind),
    source      TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
