//! The school terms, for figures "since the start of term".
//!
//! Assent does not store a school's own term dates (they differ by local
//! authority and academy), so the terms are the usual English ones, by the
//! calendar: autumn from 1 September, spring from 1 January, summer from
//! Easter Monday to 31 August. The Easter holiday itself falls at the end of
//! spring, which is where most schools' Easter breaks start.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

/// Which of the three terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TermName {
    /// September to December.
    Autumn,
    /// January to Easter.
    Spring,
    /// Easter to the end of August.
    Summer,
}

/// One term of one school year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Term {
    /// Which term.
    pub name: TermName,
    /// The school year, by the calendar year it starts in (2026 for 2026/27).
    pub academic_year: i32,
    /// Its first day (YYYY-MM-DD).
    pub starts: String,
    /// Its last day (YYYY-MM-DD).
    pub ends: String,
}

impl Term {
    /// Its first day.
    pub fn first_day(&self) -> NaiveDate {
        self.starts.parse().unwrap_or_default()
    }
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

/// Easter Sunday in `year` (the Gregorian calendar's computus, as the Church of England keeps it).
pub fn easter_sunday(year: i32) -> NaiveDate {
    // The anonymous Gregorian algorithm (Meeus), each step named for what it counts.
    let golden = year.rem_euclid(19);
    let century = year.div_euclid(100);
    let of_century = year.rem_euclid(100);
    let (century_leaps, century_rest) = (century / 4, century % 4);
    let moon_lag = (century + 8) / 25;
    let moon_fix = (century - moon_lag + 1) / 3;
    let to_full_moon = (19 * golden + century - century_leaps - moon_fix + 15) % 30;
    let (year_leaps, year_rest) = (of_century / 4, of_century % 4);
    let to_sunday = (32 + 2 * century_rest + 2 * year_leaps - to_full_moon - year_rest) % 7;
    let late = (golden + 11 * to_full_moon + 22 * to_sunday) / 451;
    let from_march = to_full_moon + to_sunday - 7 * late + 114;
    ymd(
        year,
        u32::try_from(from_march / 31).unwrap_or(4),
        u32::try_from(from_march % 31 + 1).unwrap_or(1),
    )
}

/// The term `day` falls in.
pub fn term_of(day: NaiveDate) -> Term {
    let year = day.year();
    let summer_starts = easter_sunday(year) + Days::new(1);
    let (name, academic_year, starts, ends) = if day.month() >= 9 {
        (TermName::Autumn, year, ymd(year, 9, 1), ymd(year, 12, 31))
    } else if day < summer_starts {
        (
            TermName::Spring,
            year - 1,
            ymd(year, 1, 1),
            summer_starts - Days::new(1),
        )
    } else {
        (TermName::Summer, year - 1, summer_starts, ymd(year, 8, 31))
    };
    Term {
        name,
        academic_year,
        starts: starts.to_string(),
        ends: ends.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_falls_on_the_published_sundays() {
        for (year, month, day) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(year), ymd(year, month, day), "{year}");
        }
    }

    #[test]
    fn each_day_is_in_one_term_and_the_terms_meet() {
        let autumn = term_of(ymd(2026, 12, 2));
        assert_eq!(autumn.name, TermName::Autumn);
        assert_eq!(
            (autumn.starts.as_str(), autumn.ends.as_str()),
            ("2026-09-01", "2026-12-31")
        );
        let spring = term_of(ymd(2027, 3, 28));
        assert_eq!(spring.name, TermName::Spring);
        assert_eq!(spring.academic_year, 2026);
        assert_eq!(spring.ends, "2027-03-28");
        let summer = term_of(ymd(2027, 3, 29));
        assert_eq!(summer.name, TermName::Summer);
        assert_eq!(
            (summer.starts.as_str(), summer.ends.as_str()),
            ("2027-03-29", "2027-08-31")
        );
        assert_eq!(term_of(ymd(2027, 8, 31)).name, TermName::Summer);
        assert_eq!(term_of(ymd(2027, 9, 1)).academic_year, 2027);
    }
}
