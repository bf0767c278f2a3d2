-- Retention and erasure: a leaver's records can be destroyed once the
-- retention period has passed, or on a justified request. History tables stay
-- append-only for everything else: deleting from them needs the permit row,
-- which only the purge step writes (and removes) inside its own transaction.
CREATE TABLE purge_permit (
    id  INTEGER PRIMARY KEY CHECK (id = 1)
) STRICT;

-- What was destroyed, when and by whom, without the personal data itself.
CREATE TABLE destruction_log (
    id            TEXT PRIMARY KEY,
    destroyed_at  TEXT NOT NULL,
    destroyed_by  TEXT NOT NULL,
    reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    person_kind   TEXT NOT NULL,
    left_on       TEXT,
    records       TEXT NOT NULL
) STRICT;

CREATE TRIGGER destruction_log_kept BEFORE UPDATE ON destruction_log
BEGIN SELECT RAISE(ABORT, 'the destruction log can never be changed'); END;
CREATE TRIGGER destruction_log_not_deleted BEFORE DELETE ON destruction_log
BEGIN SELECT RAISE(ABORT, 'the destruction log can never be deleted'); END;

DROP TRIGGER agreements_not_deleted;
CREATE TRIGGER agreements_not_deleted BEFORE DELETE ON agreements
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a recorded agreement can never be deleted'); END;
DROP TRIGGER signatures_not_deleted;
CREATE TRIGGER signatures_not_deleted BEFORE DELETE ON agreement_signatures
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a signature can never be deleted'); END;
DROP TRIGGER scans_not_deleted;
CREATE TRIGGER scans_not_deleted BEFORE DELETE ON agreement_scans
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a scanned form can never be deleted'); END;
DROP TRIGGER withdrawals_not_deleted;
CREATE TRIGGER withdrawals_not_deleted BEFORE DELETE ON agreement_withdrawals
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a withdrawal can never be deleted'); END;
DROP TRIGGER consent_decisions_not_deleted;
CREATE TRIGGER consent_decisions_not_deleted BEFORE DELETE ON consent_decisions
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a consent decision can never be deleted'); END;
DROP TRIGGER consent_holds_not_deleted;
CREATE TRIGGER consent_holds_not_deleted BEFORE DELETE ON consent_holds
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a safeguarding hold record can never be deleted'); END;

-- The audit chain now covers a digest of each summary, so a summary can be
-- blanked for retention without breaking the chain; nothing else may change.
ALTER TABLE audit_log ADD COLUMN summary_sha256 TEXT NOT NULL DEFAULT '';
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.summary_sha256 <> '' AND (
       NEW.seq IS NOT OLD.seq OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at
    OR NEW.actor IS NOT OLD.actor OR NEW.action IS NOT OLD.action
    OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
    OR NEW.prev_hash IS NOT OLD.prev_hash OR NEW.hash IS NOT OLD.hash
    OR NEW.summary_sha256 IS NOT OLD.summary_sha256
    OR NEW.summary <> '(removed under the retention policy)')
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

INSERT INTO settings (key, value, updated_at)
VALUES ('retention_years', '6', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
