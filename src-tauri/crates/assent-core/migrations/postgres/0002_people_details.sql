-- Everything the school's MIS holds about a person that Assent needs.
ALTER TABLE people ADD COLUMN middle_names TEXT;
ALTER TABLE people ADD COLUMN gender TEXT CHECK (gender IN ('M', 'F', 'X'));
-- Unique Pupil Number (pupils only); a temporary UPN ends in a letter.
ALTER TABLE people ADD COLUMN upn TEXT;
-- The MIS's own id for the person (admission number for pupils).
ALTER TABLE people ADD COLUMN mis_id TEXT;
ALTER TABLE people ADD COLUMN admission_date TEXT;
-- Set when a pupil leaves (or is about to); pupils are never deleted by an import.
ALTER TABLE people ADD COLUMN leaving_date TEXT;
ALTER TABLE people ADD COLUMN mobile TEXT;
-- Staff, volunteers and governors: first and last day; visitors: the visit dates.
ALTER TABLE people ADD COLUMN start_date TEXT;
ALTER TABLE people ADD COLUMN end_date TEXT;

CREATE UNIQUE INDEX people_by_upn ON people (upn) WHERE upn IS NOT NULL;
CREATE UNIQUE INDEX people_by_mis_id ON people (kind, mis_id) WHERE mis_id IS NOT NULL;
CREATE INDEX people_by_class ON people (class_name) WHERE kind = 'pupil';

-- The academic year the year groups refer to, by the calendar year it starts
-- in (September onwards, in UTC). The time is stored as the application
-- stores every instant: RFC 3339 in UTC with milliseconds.
INSERT INTO settings (key, value, updated_at)
SELECT 'academic_year',
       CAST(CASE WHEN extract(month FROM now() AT TIME ZONE 'UTC') >= 9
                 THEN CAST(extract(year FROM now() AT TIME ZONE 'UTC') AS BIGINT)
                 ELSE CAST(extract(year FROM now() AT TIME ZONE 'UTC') AS BIGINT) - 1 END AS TEXT),
       to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

-- Lower-cased names plus their accent-free transliteration, for search-as-you-type.
ALTER TABLE people ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
-- A PostgreSQL database is always created empty, from the first migration,
-- so there are no existing people whose search text needs filling in here;
-- the application writes it for every person it saves.
