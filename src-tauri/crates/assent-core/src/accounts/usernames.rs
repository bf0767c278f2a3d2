//! Usernames: made from the group's pattern, transliterated to plain ASCII,
//! lower case, and made unique with a number.
//!
//! A name written without any Latin letters (Arabic, Bengali, Chinese…) is not
//! guessed at: such a person gets a placeholder (`pupil-1`) and is held back
//! until someone types the username they should have.

use std::collections::HashSet;

use crate::db::Conn;
use crate::params;

use super::AccountGroup;
use super::settings::template_parts;
use crate::{Error, Result, store};

/// Whether `c` is a letter of the Latin script (with any accent), as opposed to
/// a letter of another script that a transliteration would only guess at.
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic()
            && matches!(u32::from(c),
                0x00C0..=0x024F      // Latin-1 Supplement, Extended-A and -B
                | 0x1E00..=0x1EFF    // Latin Extended Additional (Vietnamese)
                | 0x2C60..=0x2C7F    // Latin Extended-C
                | 0xA720..=0xA7FF    // Latin Extended-D
                | 0xAB30..=0xAB6F)) // Latin Extended-E
}

/// A name part as plain lower-case ASCII letters and digits: "Zoë" → "zoe",
/// "Łukasz" → "lukasz", "Nguyễn" → "nguyen", "O'Brien" → "obrien". Letters of
/// other scripts are dropped, and `None` is returned when no Latin letter is left.
pub fn ascii_name(name: &str) -> Option<String> {
    let mut out = String::new();
    let mut any_latin = false;
    for c in name.chars() {
        if is_latin_letter(c) {
            any_latin = true;
            let mut buf = [0u8; 4];
            out.extend(
                deunicode::deunicode(c.encode_utf8(&mut buf))
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase()),
            );
        } else if c.is_ascii_digit() {
            out.push(c);
        } else if !c.is_alphabetic() {
            // Accents given as combining marks, apostrophes, hyphens and spaces go.
        }
    }
    (any_latin && !out.is_empty()).then_some(out)
}

/// The parts of a person a username pattern may use.
pub(crate) struct NameParts<'a> {
    pub forename: &'a str,
    pub surname: &'a str,
    /// The year of admission (pupils) or of starting (adults), if known.
    pub year: Option<i32>,
}

/// The year `{yy}` stands for: of admission for pupils, of starting for
/// adults (`joined`, as stored), else this academic year.
pub(crate) fn name_year(joined: Option<&str>, academic_year: i32) -> i32 {
    use chrono::Datelike as _;
    joined
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or(academic_year, |d| d.year())
}

/// The username `pattern` gives, or `None` if a name part it uses has no Latin letters.
pub(crate) fn from_pattern(pattern: &str, parts: &NameParts<'_>) -> Option<String> {
    let Ok(pieces) = template_parts(pattern) else {
        return None;
    };
    let mut out = String::new();
    for (is_field, text) in pieces {
        if !is_field {
            out.push_str(text);
            continue;
        }
        let first = |s: String| s.chars().next().map(String::from);
        let value = match text {
            "forename" => ascii_name(parts.forename)?,
            "surname" => ascii_name(parts.surname)?,
            "initial" => first(ascii_name(parts.forename)?)?,
            "surname_initial" => first(ascii_name(parts.surname)?)?,
            "yy" => parts
                .year
                .map(|y| format!("{:02}", y.rem_euclid(100)))
                .unwrap_or_default(),
            "yyyy" => parts.year.map(|y| y.to_string()).unwrap_or_default(),
            _ => return None,
        };
        out.push_str(&value);
    }
    let trimmed = out.trim_matches(['.', '-', '_']).to_owned();
    (trimmed.len() >= 2).then_some(trimmed)
}

/// The longest username accepted (the local part of an address may be 64).
const MAX_USERNAME: usize = 64;

/// `base`, or `base` with the smallest number from 2 that no one else has
/// (`j.smith2`; `zoeo22-2` when the name already ends in a digit).
pub(crate) fn unique(base: &str, taken: &HashSet<String>) -> String {
    if !taken.contains(base) {
        return base.to_owned();
    }
    let sep = if base.ends_with(|c: char| c.is_ascii_digit()) {
        "-"
    } else {
        ""
    };
    (2..=u32::MAX)
        .map(|n| format!("{base}{sep}{n}"))
        .find(|candidate| !taken.contains(candidate))
        .expect("some number is free")
}

/// The placeholder for someone whose name has no Latin letters: `pupil-1`, `staff-3`…
pub(crate) fn placeholder(group: AccountGroup, taken: &HashSet<String>) -> String {
    let base = group.placeholder_stem();
    (1..=u32::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken.contains(candidate))
        .expect("some number is free")
}

/// Checks a username typed by hand: 2–64 of a–z, 0–9, `.`, `-`, `_`, starting
/// and ending with a letter or digit; returned in lower case.
pub fn validate(username: &str) -> Result<String> {
    let u = username.trim().to_lowercase();
    let chars_ok = u
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    let ends_ok = u.starts_with(|c: char| c.is_ascii_alphanumeric())
        && u.ends_with(|c: char| c.is_ascii_alphanumeric());
    if !(2..=MAX_USERNAME).contains(&u.len()) || !chars_ok || !ends_ok || u.contains("..") {
        return Err(Error::invalid(
            "username",
            "Use 2 to 64 letters a–z, digits, dots, hyphens or underscores, starting and ending with a letter or digit.",
        ));
    }
    Ok(u)
}

/// Every username stored for someone (including leavers' and suspended accounts').
pub(crate) fn stored(conn: &Conn) -> Result<Vec<(String, String, bool)>> {
    let mut stmt = conn
        .prepare_cached("SELECT person_id, username, source = 'edited' FROM account_usernames")?;
    let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Stores the username `person_id` was exported with, if it was only proposed until now.
pub(crate) fn keep(conn: &Conn, person_id: &str, username: &str, by: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO account_usernames (person_id, username, source, updated_at, updated_by)
         VALUES (?1, ?2, 'generated', ?3, ?4) ON CONFLICT (person_id) DO NOTHING",
    )?
    .execute(params![person_id, username, store::now(), by])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts<'a>(forename: &'a str, surname: &'a str, year: Option<i32>) -> NameParts<'a> {
        NameParts {
            forename,
            surname,
            year,
        }
    }

    #[test]
    fn names_are_transliterated_to_plain_ascii() {
        assert_eq!(ascii_name("Zoë").as_deref(), Some("zoe"));
        assert_eq!(ascii_name("Łukasz").as_deref(), Some("lukasz"));
        assert_eq!(ascii_name("Nguyễn").as_deref(), Some("nguyen"));
        assert_eq!(ascii_name("Ødegård").as_deref(), Some("odegard"));
        assert_eq!(ascii_name("O'Brien").as_deref(), Some("obrien"));
        assert_eq!(ascii_name("Ștefan").as_deref(), Some("stefan"));
        assert_eq!(ascii_name("Van der Merwe").as_deref(), Some("vandermerwe"));
        assert_eq!(ascii_name("Smith-Oduya").as_deref(), Some("smithoduya"));
        assert_eq!(ascii_name("Yılmaz").as_deref(), Some("yilmaz"));
        // Combining accents (decomposed text) are dropped, not turned into junk.
        assert_eq!(ascii_name("Zoe\u{0308}").as_deref(), Some("zoe"));
    }

    #[test]
    fn names_without_latin_letters_are_not_guessed() {
        for name in ["王", "محمد", "আয়েশা", "Анна", "Ελένη", "יעל", "", "  ", "'-"]
        {
            assert_eq!(ascii_name(name), None, "{name}");
        }
        // Mixed scripts keep only the Latin part.
        assert_eq!(ascii_name("Mary 李").as_deref(), Some("mary"));
    }

    #[test]
    fn patterns_make_the_default_usernames() {
        let pupil = "{forename}{surname_initial}{yy}";
        assert_eq!(
            from_pattern(pupil, &parts("Zoë", "O'Brien", Some(2023))).as_deref(),
            Some("zoeo23")
        );
        assert_eq!(
            from_pattern(pupil, &parts("Łukasz", "Łukasiewicz", Some(2022))).as_deref(),
            Some("lukaszl22")
        );
        assert_eq!(
            from_pattern("{initial}.{surname}", &parts("Thị Hương", "Nguyễn", None)).as_deref(),
            Some("t.nguyen")
        );
        assert_eq!(
            from_pattern(
                "{forename}.{surname}{yyyy}",
                &parts("Ana", "Silva", Some(2009))
            )
            .as_deref(),
            Some("ana.silva2009")
        );
        assert_eq!(
            from_pattern(pupil, &parts("Mo", "الحسيني", Some(2020))),
            None
        );
        assert_eq!(from_pattern(pupil, &parts("芳", "王", Some(2025))), None);
    }

    #[test]
    fn duplicates_get_the_next_free_number() {
        let mut taken: HashSet<String> = HashSet::new();
        assert_eq!(unique("j.smith", &taken), "j.smith");
        taken.insert("j.smith".into());
        assert_eq!(unique("j.smith", &taken), "j.smith2");
        taken.insert("j.smith2".into());
        assert_eq!(unique("j.smith", &taken), "j.smith3");
        taken.insert("zoeo23".into());
        assert_eq!(unique("zoeo23", &taken), "zoeo23-2");
        assert_eq!(placeholder(AccountGroup::Pupils, &taken), "pupil-1");
        taken.insert("pupil-1".into());
        assert_eq!(placeholder(AccountGroup::Pupils, &taken), "pupil-2");
    }

    #[test]
    fn typed_usernames_are_checked() {
        assert_eq!(validate(" Fang.Wang25 ").unwrap(), "fang.wang25");
        for bad in ["a", ".fang", "fang.", "fa ng", "fäng", "a..b"] {
            assert!(validate(bad).is_err(), "{bad}");
        }
    }
}
