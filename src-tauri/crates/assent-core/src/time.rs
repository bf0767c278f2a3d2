//! Time is stored in UTC and shown in the school's time zone, Europe/London.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Europe::London;

/// The current instant as stored in the database: RFC 3339 in UTC with milliseconds.
pub fn now_stored() -> String {
    to_stored(Utc::now())
}

/// Today's date at the school (UK time), for every "is it in the future?" and
/// "has this pupil left?" question.
pub fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&London).date_naive()
}

/// Formats an instant the way the database stores it.
pub fn to_stored(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses a stored instant; `None` if the text is not a valid RFC 3339 time.
pub fn from_stored(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// How a paper form's signing is stored: the date written on the form, at
/// midnight UTC, since the form gives no time of day.
pub fn paper_signed_at(day: chrono::NaiveDate) -> String {
    format!("{day}T00:00:00.000Z")
}

/// When something was signed, as the school reads it: a paper form's date alone
/// ("14 October 2026"), any other signing with its UK time.
pub fn display_signed(stored: &str) -> Option<String> {
    if let Some(day) = stored.strip_suffix("T00:00:00.000Z") {
        let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        return Some(day.format("%-d %B %Y").to_string());
    }
    from_stored(stored).map(display_london)
}

/// Formats an instant for people in the school: UK clock time, with the date written out,
/// e.g. "22 November 2026 at 19:20".
pub fn display_london(at: DateTime<Utc>) -> String {
    at.with_timezone(&London)
        .format("%-d %B %Y at %H:%M")
        .to_string()
}

/// The stored form of the instant a UK calendar day starts (midnight in London).
pub fn london_day_start(day: chrono::NaiveDate) -> String {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    let at = chrono_tz::Europe::London
        .from_local_datetime(&midnight)
        // The clocks never change at midnight in the UK, but be safe.
        .earliest()
        .map_or_else(
            || Utc.from_utc_datetime(&midnight),
            |t| t.with_timezone(&Utc),
        );
    to_stored(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paper_form_shows_its_date_and_anything_else_its_time() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 14).unwrap();
        assert_eq!(
            display_signed(&paper_signed_at(day)).unwrap(),
            "14 October 2026"
        );
        assert_eq!(
            display_signed("2026-10-14T13:05:00.000Z").unwrap(),
            "14 October 2026 at 14:05"
        );
        assert_eq!(display_signed("not a time"), None);
    }

    #[test]
    fn winter_time_is_utc() {
        let at = from_stored("2026-11-22T19:20:05.000Z").unwrap();
        assert_eq!(display_london(at), "22 November 2026 at 19:20");
    }

    #[test]
    fn summer_time_is_an_hour_ahead() {
        let at = from_stored("2026-07-01T23:30:00.000Z").unwrap();
        assert_eq!(display_london(at), "2 July 2026 at 00:30");
    }

    #[test]
    fn clocks_go_forward_on_the_last_sunday_of_march() {
        // 29 March 2026: 01:00 UTC becomes 02:00 BST.
        let before = from_stored("2026-03-29T00:59:00Z").unwrap();
        let after = from_stored("2026-03-29T01:00:00Z").unwrap();
        assert_eq!(display_london(before), "29 March 2026 at 00:59");
        assert_eq!(display_london(after), "29 March 2026 at 02:00");
    }

    #[test]
    fn stored_form_round_trips() {
        let at = from_stored("2026-01-05T08:00:00.123Z").unwrap();
        assert_eq!(to_stored(at), "2026-01-05T08:00:00.123Z");
        assert!(from_stored("yesterday").is_none());
    }

    #[test]
    fn a_uk_day_starts_at_london_midnight() {
        let winter = chrono::NaiveDate::from_ymd_opt(2026, 1, 10).unwrap();
        let summer = chrono::NaiveDate::from_ymd_opt(2026, 7, 10).unwrap();
        assert_eq!(london_day_start(winter), "2026-01-10T00:00:00.000Z");
        assert_eq!(london_day_start(summer), "2026-07-09T23:00:00.000Z");
    }
}
