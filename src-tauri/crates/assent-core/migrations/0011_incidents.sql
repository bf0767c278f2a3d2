-- The e-safety incident log: what happened, who was involved, who was told
-- and what was done. Every table is append-only: a change of status, an
-- action, a lifted sanction or a child-protection flag is a new row, so the
-- log shows the whole story. Rows go only when the retention purge (holding
-- the purge permit) destroys a closed incident whose period has passed.
CREATE TABLE incidents (
    id                  TEXT PRIMARY KEY,
    -- The number the school uses for it ("incident 7").
    number              INTEGER NOT NULL UNIQUE CHECK (number >= 1),
    -- The UK day it happened, and the UK clock time when it is known.
    occurred_on         TEXT NOT NULL CHECK (date(occurred_on) = occurred_on),
    occurred_time       TEXT CHECK (occurred_time IS NULL OR time(occurred_time) = occurred_time || ':00'),
    reported_by         TEXT NOT NULL CHECK (length(trim(reported_by)) > 0),
    category            TEXT NOT NULL CHECK (category IN (
        'illegal_material', 'inappropriate_material', 'bypassing_filtering',
        'account_misuse', 'cyberbullying', 'copyright_data_protection',
        'unauthorised_device', 'damage', 'other')),
    description         TEXT NOT NULL CHECK (length(trim(description)) > 0),
    -- A JSON array of the addresses involved.
    urls                TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(urls)),
    child_protection    INTEGER NOT NULL CHECK (child_protection IN (0, 1)),
    recorded_at         TEXT NOT NULL,
    recorded_by         TEXT NOT NULL,
    -- The staff user who recorded it: a teacher sees the incidents they reported.
    recorded_by_user    TEXT NOT NULL
) STRICT;

CREATE INDEX incidents_by_day ON incidents (occurred_on);

-- The people involved, linked to their record where the school has one.
CREATE TABLE incident_people (
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    position        INTEGER NOT NULL CHECK (position >= 1),
    person_id       TEXT REFERENCES people (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role            TEXT NOT NULL CHECK (role IN ('pupil', 'staff', 'other')),
    PRIMARY KEY (incident_id, position)
) STRICT;

CREATE INDEX incident_people_by_person ON incident_people (person_id);

-- Screenshots and other files kept with an incident.
CREATE TABLE incident_attachments (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    file_name       TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    mime            TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'application/pdf')),
    bytes           BLOB NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    added_at        TEXT NOT NULL,
    added_by        TEXT NOT NULL
) STRICT;

CREATE INDEX incident_attachments_by_incident ON incident_attachments (incident_id);

-- The checklist: who was told and what was done, each with who and when.
-- An access removal names whose access, and its last day (NULL: until review).
CREATE TABLE incident_actions (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    action          TEXT NOT NULL CHECK (action IN (
        'class_teacher', 'head_of_computing', 'headteacher', 'police', 'technical_support',
        'parents_informed', 'warning', 'further_sanction', 'access_removed')),
    done_by         TEXT NOT NULL CHECK (length(trim(done_by)) > 0),
    done_on         TEXT NOT NULL CHECK (date(done_on) = done_on),
    note            TEXT,
    person_id       TEXT REFERENCES people (id),
    until           TEXT CHECK (until IS NULL OR date(until) = until),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL,
    CHECK ((action = 'access_removed') = (person_id IS NOT NULL)),
    CHECK (until IS NULL OR action = 'access_removed')
) STRICT;

CREATE INDEX incident_actions_by_incident ON incident_actions (incident_id);
CREATE INDEX incident_actions_by_person ON incident_actions (person_id);

-- An access removal lifted before its end date (or after review).
CREATE TABLE incident_sanction_lifts (
    action_id       TEXT PRIMARY KEY REFERENCES incident_actions (id),
    lifted_on       TEXT NOT NULL CHECK (date(lifted_on) = lifted_on),
    note            TEXT,
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL
) STRICT;

-- Open, under review or closed (with the outcome). The latest row is the status.
CREATE TABLE incident_status (
    id              TEXT PRIMARY KEY,
    incident_id     TEXT NOT NULL REFERENCES incidents (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'under_review', 'closed')),
    outcome         TEXT,
    at              TEXT NOT NULL,
    by              TEXT NOT NULL,
    CHECK (status <> 'closed' OR length(trim(coalesce(outcome, ''))) > 0)
) STRICT;

CREATE INDEX incident_status_by_incident ON incident_status (incident_id, at);

-- The child-protection flag changed after recording; the latest row wins.
CREATE TABLE incident_protection (
    id                  TEXT PRIMARY KEY,
    incident_id         TEXT NOT NULL REFERENCES incidents (id),
    child_protection    INTEGER NOT NULL CHECK (child_protection IN (0, 1)),
    at                  TEXT NOT NULL,
    by                  TEXT NOT NULL
) STRICT;

CREATE TRIGGER incidents_kept BEFORE UPDATE ON incidents
BEGIN SELECT RAISE(ABORT, 'a recorded incident can never be changed'); END;
CREATE TRIGGER incidents_not_deleted BEFORE DELETE ON incidents
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'an incident can never be deleted before its retention period'); END;
CREATE TRIGGER incident_people_kept BEFORE UPDATE ON incident_people
BEGIN SELECT RAISE(ABORT, 'the people involved in an incident can never be changed'); END;
CREATE TRIGGER incident_people_not_deleted BEFORE DELETE ON incident_people
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'the people involved in an incident can never be deleted'); END;
CREATE TRIGGER incident_attachments_kept BEFORE UPDATE ON incident_attachments
BEGIN SELECT RAISE(ABORT, 'an incident attachment can never be changed'); END;
CREATE TRIGGER incident_attachments_not_deleted BEFORE DELETE ON incident_attachments
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'an incident attachment can never be deleted'); END;
CREATE TRIGGER incident_actions_kept BEFORE UPDATE ON incident_actions
BEGIN SELECT RAISE(ABORT, 'an incident action can never be changed'); END;
CREATE TRIGGER incident_actions_not_deleted BEFORE DELETE ON incident_actions
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'an incident action can never be deleted'); END;
CREATE TRIGGER incident_sanction_lifts_kept BEFORE UPDATE ON incident_sanction_lifts
BEGIN SELECT RAISE(ABORT, 'a lifted sanction can never be changed'); END;
CREATE TRIGGER incident_sanction_lifts_not_deleted BEFORE DELETE ON incident_sanction_lifts
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a lifted sanction can never be deleted'); END;
CREATE TRIGGER incident_status_kept BEFORE UPDATE ON incident_status
BEGIN SELECT RAISE(ABORT, 'an incident status change can never be changed'); END;
CREATE TRIGGER incident_status_not_deleted BEFORE DELETE ON incident_status
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'an incident status change can never be deleted'); END;
CREATE TRIGGER incident_protection_kept BEFORE UPDATE ON incident_protection
BEGIN SELECT RAISE(ABORT, 'a child-protection flag change can never be changed'); END;
CREATE TRIGGER incident_protection_not_deleted BEFORE DELETE ON incident_protection
WHEN NOT EXISTS (SELECT 1 FROM purge_permit)
BEGIN SELECT RAISE(ABORT, 'a child-protection flag change can never be deleted'); END;
