//! Dates and times as every document prints them: UK order, in London time.

use assent_core::time;

/// A stored UTC instant or a YYYY-MM-DD date as a UK date, 22/11/2026.
pub(crate) fn uk_date(stored: &str) -> String {
    if let Some(at) = time::from_stored(stored) {
        return at
            .with_timezone(&chrono_tz::Europe::London)
            .format("%d/%m/%Y")
            .to_string();
    }
    chrono::NaiveDate::parse_from_str(stored, "%Y-%m-%d")
        .map_or_else(|_| stored.to_owned(), |d| d.format("%d/%m/%Y").to_string())
}

/// A stored UTC instant in UK time, "22 November 2026 at 19:20".
pub(crate) fn uk_time(stored: &str) -> String {
    time::from_stored(stored).map_or_else(|| stored.to_owned(), time::display_london)
}
