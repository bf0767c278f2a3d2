-- Indexes for the largest queries at trust scale (checked with EXPLAIN QUERY PLAN
-- by tests/query_plans.rs).

-- A pupil's latest safeguarding-hold record is found by pupil, not by reading
-- every record for each record.
CREATE INDEX consent_holds_by_person ON consent_holds (person_id, at);

-- Classes: not limited to pupils, so a teacher's class scope (which does not
-- name the kind) finds its pupils by class too; then the kind, for the class
-- lists that ask for pupils, and the names, so a class comes out in list order
-- without sorting.
DROP INDEX people_by_class;
CREATE INDEX people_by_class ON people (class_name, kind, family_name, given_name);
