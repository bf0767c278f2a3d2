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

-- The academic year the year groups refer to, by the calendar year it starts in.
INSERT INTO settings (key, value, updated_at)
SELECT 'academic_year',
       CAST(CASE WHEN CAST(strftime('%m', 'now') AS INTEGER) >= 9
                 THEN CAST(strftime('%Y', 'now') AS INTEGER)
                 ELSE CAST(strftime('%Y', 'now') AS INTEGER) - 1 END AS TEXT),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

-- Lower-cased names plus their accent-free transliteration, for search-as-you-type.
ALTER TABLE people ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE people SET search_text = assent_search_fold(
    given_name || ' ' || family_name || ' ' || coalesce(preferred_given_name, '') || ' '
    || coalesce(preferred_family_name, '') || ' ' || coalesce(middle_names, ''));
