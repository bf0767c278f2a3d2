-- Each audit entry carries the hash of the entry before it and its own hash,
-- so an edited, deleted or reordered entry breaks the chain (`assent audit verify`).
DROP TRIGGER audit_log_no_update ON audit_log;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
-- Entries made before the chain existed are hashed once, by the step that runs
-- with this migration; after that no entry can be changed. The trigger keeps
-- its function from 0001, which refuses the change.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW WHEN (OLD.hash <> '')
EXECUTE FUNCTION audit_log_no_update_fn();
