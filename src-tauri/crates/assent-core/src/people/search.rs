//! Folding names for search, so that "zoe" finds "Zoë". The store, which the
//! people queries use, gives it to SQLite as a function too (for migrations
//! that fill the search column), so it depends on nothing.

/// Folds text for searching: lower case, plus an accent-free Latin transliteration,
/// so "zoe" finds "Zoë" and "王" still finds "王".
pub(crate) fn search_fold(text: &str) -> String {
    let lower = text.to_lowercase();
    let latin = deunicode::deunicode(&lower).to_lowercase();
    if latin == lower {
        lower
    } else {
        format!("{lower} {latin}")
    }
}
