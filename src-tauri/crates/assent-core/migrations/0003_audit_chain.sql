-- Each audit entry carries the hash of the entry before it and its own hash,
-- so an edited, deleted or reordered entry breaks the chain (`assent audit verify`).
DROP TRIGGER audit_log_no_update;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
-- Entries made before the chain existed are hashed once, by the step that runs
-- with this migration; after that no entry can be changed.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log WHEN OLD.hash <> ''
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
