//! Which people a teacher may see, as SQL: the pupils in their classes and
//! those pupils' contacts. The store, which the people queries use, checks it
//! for one person as well as the lists filtering by it, so it depends on nothing.

use crate::db::Engine;

/// SQL that is true when the person whose id is `id` is within the class scope
/// bound at `param` (a JSON array of class names, or NULL for everyone): a pupil
/// in one of those classes, or a contact of such a pupil.
pub(crate) fn scope_clause(engine: Engine, id: &str, param: &str) -> String {
    let classes = engine.json_values(param);
    format!(
        "(CAST({param} AS TEXT) IS NULL OR {id} IN (
            SELECT sp.id FROM people sp
            WHERE sp.kind = 'pupil' AND sp.class_name IN ({classes})
            UNION
            SELECT sl.contact_id FROM contact_links sl JOIN people sq ON sq.id = sl.pupil_id
            WHERE sq.class_name IN ({classes})))"
    )
}
