//! Parsing and checking the single values a school's MIS export contains:
//! UPNs, dates, year groups, yes/no flags, genders, contact relationships,
//! contact priorities and email addresses.
//!
//! Every parser is pure and returns `Err` with a short reason in plain
//! English, written so the importer can put it after "line 12, column DOB,
//! value '31/02/2015': ". Reasons therefore never repeat the value itself and
//! never start with a capital letter.
//!
//! Values arrive from spreadsheets that have been through many hands, so the
//! parsers forgive surrounding spaces, letter case and the invisible
//! characters Excel and web forms leave behind, but never guess: a date that
//! could be read two ways, or a two-digit year, is refused rather than
//! interpreted.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::people::YearGroup;

/// The 23 letters the Department for Education uses for UPN check letters and temporary UPNs (no I, O or S).
const UPN_LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Characters that are never part of a value but are often stuck to one: white
/// space (including the no-break space) and the zero-width characters left by
/// copying from web pages or by a byte order mark in the wrong place.
fn is_padding(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The value without padding at either end.
fn clean(s: &str) -> &str {
    s.trim_matches(is_padding)
}

/// Lower case with spaces, hyphens, underscores and apostrophes removed, so
/// "Not Known", "not-known" and "notknown" compare equal.
fn squash(s: &str) -> String {
    clean(s)
        .chars()
        .filter(|c| !is_padding(*c) && !matches!(c, '-' | '_' | '\'' | '\u{2019}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A character named so that a person can find it, even when it is invisible.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".to_owned(),
        c if c.is_whitespace() || c.is_control() || is_padding(c) => {
            format!("a hidden character (U+{:04X})", u32::from(c))
        }
        c if c.is_ascii_alphabetic() => format!("the letter {}", c.to_ascii_uppercase()),
        c => format!("'{c}'"),
    }
}

// ---------------------------------------------------------------------------
// UPN

/// A Unique Pupil Number whose format and check letter are correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upn {
    /// The 13 characters, upper case, without surrounding space.
    pub value: String,
    /// Whether this is a temporary UPN (its last character is a letter),
    /// given while the pupil's permanent UPN is not known.
    pub temporary: bool,
}

/// The Department for Education's check letter for the 12 characters after it (digits, or 11 digits
/// and a letter for a temporary UPN). `body` must already be validated.
fn upn_check_letter(body: &[u8]) -> char {
    let sum: usize = body
        .iter()
        .zip(2..)
        .map(|(&b, weight)| {
            let value = if b.is_ascii_digit() {
                usize::from(b - b'0')
            } else {
                UPN_LETTERS.iter().position(|&l| l == b).unwrap_or(0)
            };
            value * weight
        })
        .sum();
    char::from(UPN_LETTERS[sum % 23])
}

/// The full UPN for its last 12 characters (11 digits, then a digit or, for a
/// temporary UPN, a letter), with the check letter put in front; `None` if
/// `digits` is not that shape. For making UPNs (the demo school, tests), not
/// for checking them.
pub fn upn_from_digits(digits: &str) -> Option<String> {
    let body = digits.as_bytes();
    let shape_ok = body.len() == 12
        && body[..11].iter().all(u8::is_ascii_digit)
        && (body[11].is_ascii_digit() || UPN_LETTERS.contains(&body[11]));
    shape_ok.then(|| format!("{}{digits}", upn_check_letter(body)))
}

/// Checks a UPN: a check letter, a 3-digit local authority code, a 4-digit
/// establishment number, a 2-digit year and a 3-digit serial; in a temporary
/// UPN the last character is a letter.
pub fn parse_upn(s: &str) -> Result<Upn, String> {
    let trimmed = clean(s);
    if trimmed.is_empty() {
        return Err("the UPN is blank".to_owned());
    }
    if let Some((i, c)) = trimmed.chars().enumerate().find(|(_, c)| is_padding(*c)) {
        return Err(format!(
            "a UPN has no spaces in it, but character {} is {}",
            i + 1,
            describe_char(c)
        ));
    }
    let upper: String = trimmed.chars().map(|c| c.to_ascii_uppercase()).collect();
    let chars: Vec<char> = upper.chars().collect();
    if chars.len() != 13 {
        let hint = if chars.len() == 12 && chars.iter().all(char::is_ascii_digit) {
            "; the check letter at the start seems to be missing"
        } else {
            ""
        };
        return Err(format!(
            "a UPN has 13 characters (a letter then 12 digits), but this has {}{hint}",
            chars.len()
        ));
    }
    let is_upn_letter = |c: char| u8::try_from(c).is_ok_and(|b| UPN_LETTERS.contains(&b));
    let first = chars[0];
    if !is_upn_letter(first) {
        return Err(if matches!(first, 'I' | 'O' | 'S') {
            "a UPN never starts with I, O or S".to_owned()
        } else {
            format!(
                "a UPN starts with its check letter, not {}",
                describe_char(first)
            )
        });
    }
    for (i, &c) in chars.iter().enumerate().take(12).skip(1) {
        if !c.is_ascii_digit() {
            return Err(format!(
                "character {} should be a digit, not {}",
                i + 1,
                describe_char(c)
            ));
        }
    }
    let last = chars[12];
    let temporary = !last.is_ascii_digit();
    if temporary && !is_upn_letter(last) {
        return Err(format!(
            "character 13 should be a digit (or, in a temporary UPN, a letter other than I, O or S), not {}",
            describe_char(last)
        ));
    }
    let expected = upn_check_letter(&upper.as_bytes()[1..]);
    if expected != first {
        return Err(format!(
            "the check letter should be {expected}, not {first}; a character has probably been copied wrongly"
        ));
    }
    Ok(Upn {
        value: upper,
        temporary,
    })
}

// ---------------------------------------------------------------------------
// Dates

const DATE_FORMATS: &str = "write the date as day/month/year (such as 14/03/2017) or as 2017-03-14";

/// Parses a date written `YYYY-MM-DD` or, in UK order, `dd/mm/yyyy` (also
/// `d/m/yyyy`, and with `-` or `.` between the parts). A time of exactly
/// midnight, as spreadsheets add, is ignored.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let mut text = clean(s);
    if text.is_empty() {
        return Err("the date is blank".to_owned());
    }
    // Excel turns a date column into date-times when a file is re-saved.
    if let Some((date, time)) = text
        .split_once([' ', 'T'])
        .filter(|(_, time)| time.contains(':'))
    {
        let time = clean(time);
        if !matches!(time, "00:00" | "00:00:00" | "00:00:00.000" | "0:00") {
            return Err("give the date only, without a time".to_owned());
        }
        text = clean(date);
    }
    let Some(separator) = text.chars().find(|c| !c.is_ascii_digit()) else {
        return Err(DATE_FORMATS.to_owned());
    };
    if !matches!(separator, '/' | '-' | '.') {
        return Err(DATE_FORMATS.to_owned());
    }
    let parts: Vec<&str> = text.split(separator).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(DATE_FORMATS.to_owned());
    }
    let year_text = if parts[0].len() == 4 {
        parts[0]
    } else {
        parts[2]
    };
    let (year, month, day, uk_order) = match (parts[0].len(), parts[2].len()) {
        (4, 1 | 2) => (parts[0], parts[1], parts[2], false),
        (1 | 2, 4) => (parts[2], parts[1], parts[0], true),
        (1 | 2, 1 | 2) => {
            return Err("write the year in full (four digits, such as 2017)".to_owned());
        }
        (1 | 2, _) => return Err("the year should have four digits".to_owned()),
        _ => return Err(DATE_FORMATS.to_owned()),
    };
    if month.len() > 2 {
        return Err(DATE_FORMATS.to_owned());
    }
    // All three are at most four ASCII digits, so they parse.
    let year: i32 = year.parse().map_err(|_| DATE_FORMATS.to_owned())?;
    let month: u32 = month.parse().map_err(|_| DATE_FORMATS.to_owned())?;
    let day: u32 = day.parse().map_err(|_| DATE_FORMATS.to_owned())?;
    if !(1..=12).contains(&month) {
        let order = if uk_order {
            " (dates are read as day/month/year)"
        } else {
            ""
        };
        return Err(format!("there is no month {month}{order}"));
    }
    if day == 0 {
        return Err("there is no day 0".to_owned());
    }
    if !(1900..=2100).contains(&year) {
        return Err(format!(
            "the year {year_text} looks like a typing mistake; check the date"
        ));
    }
    let month_name = MONTHS[month as usize - 1];
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| {
        let leap = if month == 2 && day == 29 {
            format!(" ({year} was not a leap year)")
        } else {
            String::new()
        };
        format!("there is no {day} {month_name} {year}{leap}")
    })
}

// ---------------------------------------------------------------------------
// Year groups and key stages

const NOT_PRIMARY: &str = "not a primary year group (Nursery, Reception, Year 1–6)";

fn named_year_group(word: &str) -> Option<YearGroup> {
    match word {
        "n" | "nur" | "nursery" | "n1" | "n2" | "nursery1" | "nursery2" | "fs1" => {
            Some(YearGroup::Nursery)
        }
        "r" | "rec" | "reception" | "fs2" => Some(YearGroup::Reception),
        _ => None,
    }
}

/// Parses a year group however an MIS writes it: "Reception", "Rec", "R",
/// "YR", "Year R", "Nursery", "N", "N1", "N2", "FS1", "FS2", "Year 3", "Y3",
/// "Yr 3", "3", "NC Year 3" and so on, in any case and spacing.
pub fn parse_year_group(s: &str) -> Result<YearGroup, String> {
    let squashed = squash(s);
    if squashed.is_empty() {
        return Err("the year group is blank".to_owned());
    }
    // "NC" is the national curriculum year, which in a primary is the year group.
    let word = match squashed.strip_prefix("nc") {
        Some(rest) if !rest.is_empty() => rest,
        _ => squashed.as_str(),
    };
    // "YR" is Year R, so it must be looked at before "yr" is taken as a prefix.
    if word == "yr" {
        return Ok(YearGroup::Reception);
    }
    if let Some(group) = named_year_group(word) {
        return Ok(group);
    }
    let number = ["year", "yr", "y"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
        .unwrap_or(word);
    if let Some(group) = named_year_group(number) {
        return Ok(group);
    }
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err("not a year group; use Nursery, Reception or Year 1–6".to_owned());
    }
    match number.parse::<u8>() {
        Ok(n @ 1..=6) => Ok(YearGroup::Year(n)),
        Ok(7..=14) => Err(NOT_PRIMARY.to_owned()),
        _ => Err("not a year group; use Nursery, Reception or Year 1–6".to_owned()),
    }
}

/// The key stage of a year group. Always derived from the year group, never stored,
/// so the two cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum KeyStage {
    /// Early Years Foundation Stage: Nursery and Reception.
    Eyfs,
    /// Key Stage 1: Years 1 and 2.
    Ks1,
    /// Key Stage 2: Years 3 to 6.
    Ks2,
}

impl KeyStage {
    /// The abbreviation schools use: "EYFS", "KS1", "KS2".
    pub fn label(self) -> &'static str {
        match self {
            KeyStage::Eyfs => "EYFS",
            KeyStage::Ks1 => "KS1",
            KeyStage::Ks2 => "KS2",
        }
    }
}

/// The key stage a year group belongs to.
pub fn key_stage(y: YearGroup) -> KeyStage {
    match y {
        YearGroup::Nursery | YearGroup::Reception => KeyStage::Eyfs,
        YearGroup::Year(n) if n <= 2 => KeyStage::Ks1,
        YearGroup::Year(_) => KeyStage::Ks2,
    }
}

// ---------------------------------------------------------------------------
// Flags and gender

/// Parses yes/no, y/n, true/false or 1/0, in any case.
pub fn parse_yes_no(s: &str) -> Result<bool, String> {
    match clean(s).to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        "" => Err("the value is blank; write yes or no".to_owned()),
        _ => Err("write yes or no (y/n, true/false and 1/0 are also understood)".to_owned()),
    }
}

/// Normalises a gender to "M", "F" or "X" (other, unknown or not stated).
pub fn parse_gender(s: &str) -> Result<String, String> {
    let code = match squash(s).as_str() {
        "m" | "male" | "boy" => "M",
        "f" | "female" | "girl" => "F",
        "x" | "u" | "other" | "unknown" | "notknown" | "notstated" | "notspecified"
        | "notrecorded" | "prefernottosay" => "X",
        "" => return Err("the gender is blank; write M, F or X".to_owned()),
        _ => {
            return Err("not a gender Assent understands; write M, F or X \
                 (Male, Boy, Female, Girl, Other, Unknown, Not known and Not stated are also understood)"
                .to_owned());
        }
    };
    Ok(code.to_owned())
}

// ---------------------------------------------------------------------------
// Contact relationships

/// The Department for Education's Common Basic Data Set "relationship to pupil" codes, as used in CTF
/// `<Contact>` records and MIS exports, with their meanings.
const RELATIONSHIPS: [(&str, &str); 16] = [
    ("PAM", "Mother"),
    ("PAF", "Father"),
    ("STM", "Step-mother"),
    ("STF", "Step-father"),
    ("FOM", "Foster mother"),
    ("FOF", "Foster father"),
    ("GRM", "Grandmother"),
    ("GRF", "Grandfather"),
    ("CAR", "Carer"),
    ("REL", "Other relative"),
    ("OTH", "Other contact"),
    ("SWR", "Social worker"),
    ("DOC", "Doctor"),
    ("CHM", "Childminder"),
    ("HTC", "Head teacher"),
    ("RLG", "Religious contact"),
];

/// Everyday words for the same relationships, squashed as [`squash`] does.
const RELATIONSHIP_WORDS: [(&str, &str); 16] = [
    ("mum", "PAM"),
    ("dad", "PAF"),
    ("stepmum", "STM"),
    ("stepdad", "STF"),
    ("fostermum", "FOM"),
    ("fosterdad", "FOF"),
    ("grandma", "GRM"),
    ("gran", "GRM"),
    ("granny", "GRM"),
    ("nan", "GRM"),
    ("nana", "GRM"),
    ("grandad", "GRF"),
    ("granddad", "GRF"),
    ("grandpa", "GRF"),
    ("relative", "REL"),
    ("gp", "DOC"),
];

/// The meaning of a relationship code from the Common Basic Data Set ("PAM" is "Mother"), in any case.
pub fn relationship_meaning(code: &str) -> Option<&'static str> {
    let code = clean(code);
    RELATIONSHIPS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|&(_, meaning)| meaning)
}

/// Turns a relationship code (any case) or its meaning in words ("mother",
/// "Step-father", "stepfather", "Mum") into the code. Anything else is
/// kept as written, trimmed, since schools record relationships the code set
/// does not cover.
pub fn normalise_relationship(s: &str) -> String {
    let trimmed = clean(s);
    if let Some((code, _)) = RELATIONSHIPS
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(trimmed))
    {
        return (*code).to_owned();
    }
    let words = squash(trimmed);
    RELATIONSHIPS
        .iter()
        .find(|(_, meaning)| squash(meaning) == words)
        .map(|&(code, _)| code)
        .or_else(|| {
            RELATIONSHIP_WORDS
                .iter()
                .find(|(w, _)| *w == words)
                .map(|&(_, code)| code)
        })
        .map_or_else(|| trimmed.to_owned(), str::to_owned)
}

// ---------------------------------------------------------------------------
// Priority and email

/// Parses a contact priority: a whole number from 1 (contact first) to 99.
pub fn parse_priority(s: &str) -> Result<u32, String> {
    let text = clean(s);
    if text.is_empty() {
        return Err("the priority is blank; write a number from 1 to 99".to_owned());
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("write the priority as a number from 1 (contact first) to 99".to_owned());
    }
    match text.parse::<u32>() {
        Ok(n @ 1..=99) => Ok(n),
        _ => Err("the priority must be from 1 (contact first) to 99".to_owned()),
    }
}

/// A light check that a value looks like one email address: one `@` with
/// something either side, a dot in the domain, no spaces. Returned trimmed and
/// otherwise as written; whether it reaches anyone only sending mail can tell.
pub fn parse_email(s: &str) -> Result<String, String> {
    let text = clean(s);
    if text.is_empty() {
        return Err("the email address is blank".to_owned());
    }
    if text.contains([',', ';']) {
        return Err("give one email address only".to_owned());
    }
    if text.contains('<') || text.contains('>') {
        return Err("give the address only, without a name or < >".to_owned());
    }
    if let Some(c) = text.chars().find(|&c| is_padding(c) || c.is_control()) {
        return Err(format!(
            "an email address has no spaces in it, but this has {}",
            describe_char(c)
        ));
    }
    let Some((local, domain)) = text.split_once('@') else {
        return Err("an email address needs an @".to_owned());
    };
    if domain.contains('@') {
        return Err("an email address has only one @".to_owned());
    }
    if local.is_empty() {
        return Err("there is nothing before the @".to_owned());
    }
    if domain.is_empty() {
        return Err("there is nothing after the @".to_owned());
    }
    if !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
        || domain.contains("..")
    {
        return Err(
            "the part after the @ is not a complete domain (such as school.org.uk)".to_owned(),
        );
    }
    Ok(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    /// An independent check-letter calculation, straight from the published rule:
    /// weights 2..=13 on characters 2–13, sum mod 23, letters without I, O, S;
    /// a letter in position 13 counts as its place in that alphabet (A = 0).
    fn check_letter(body: &str) -> char {
        let alphabet: Vec<char> = "ABCDEFGHJKLMNPQRTUVWXYZ".chars().collect();
        assert_eq!(body.len(), 12);
        let mut sum = 0;
        for (i, c) in body.chars().enumerate() {
            let value = match c.to_digit(10) {
                Some(d) => d as usize,
                None => alphabet.iter().position(|&a| a == c).unwrap(),
            };
            sum += value * (i + 2);
        }
        alphabet[sum % 23]
    }

    fn upn(body: &str) -> String {
        format!("{}{body}", check_letter(body))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // ---- UPN

    #[test]
    fn hand_worked_upns_are_accepted() {
        // X820200115001: digits 8 2 0 2 0 0 1 1 5 0 0 1 times weights 2..=13 give
        // 16+6+0+10+0+0+8+9+50+0+0+13 = 112; 112 mod 23 = 20, and letter 20 is X.
        let a = parse_upn("X820200115001").unwrap();
        assert_eq!(a.value, "X820200115001");
        assert!(!a.temporary);
        // P938412316042: 18+9+32+20+6+14+24+9+60+0+48+26 = 266; 266 mod 23 = 13 → P.
        assert!(parse_upn("P938412316042").is_ok());
        // H82020011500A (temporary): as the first, but the last position holds
        // A = 0 instead of 1, so 112 - 13 = 99; 99 mod 23 = 7 → H.
        let t = parse_upn("H82020011500A").unwrap();
        assert!(t.temporary);
        // J82020011500T (temporary): T = 16, so 99 + 16 × 13 = 307; 307 mod 23 = 8 → J.
        assert!(parse_upn("J82020011500T").unwrap().temporary);
    }

    #[test]
    fn the_helper_agrees_with_the_hand_worked_examples() {
        assert_eq!(upn("820200115001"), "X820200115001");
        assert_eq!(upn("938412316042"), "P938412316042");
        assert_eq!(upn("82020011500A"), "H82020011500A");
        assert_eq!(upn("82020011500T"), "J82020011500T");
    }

    #[test]
    fn many_computed_upns_round_trip() {
        let mut seed = 0x2545_f491_u64;
        for _ in 0..500 {
            let mut body = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                body.push(char::from(b'0' + u8::try_from((seed >> 33) % 10).unwrap()));
            }
            let full = upn(&body);
            assert_eq!(parse_upn(&full).unwrap().value, full);
        }
        for letter in "ABCDEFGHJKLMNPQRTUVWXYZ".chars() {
            let full = upn(&format!("93841231604{letter}"));
            let parsed = parse_upn(&full).unwrap();
            assert!(parsed.temporary, "{full}");
        }
        // Every possible remainder, including 0 (A) and 22 (Z), is reachable.
        assert_eq!(upn("000000000000"), "A000000000000");
    }

    #[test]
    fn upns_can_be_made_from_their_digits() {
        assert_eq!(
            upn_from_digits("820200115001").as_deref(),
            Some("X820200115001")
        );
        assert_eq!(
            upn_from_digits("82020011500T").as_deref(),
            Some("J82020011500T")
        );
        for bad in [
            "82020011500",
            "8202001150011",
            "82020011500O",
            "8202001150a1",
            "",
        ] {
            assert_eq!(upn_from_digits(bad), None, "{bad}");
        }
        let made = upn_from_digits("999200121001").unwrap();
        assert_eq!(made, upn("999200121001"));
        assert!(parse_upn(&made).is_ok());
    }

    #[test]
    fn upns_are_trimmed_and_upper_cased() {
        let p = parse_upn("  x820200115001\t").unwrap();
        assert_eq!(p.value, "X820200115001");
        let p = parse_upn("\u{feff}h82020011500a\u{a0}").unwrap();
        assert_eq!(p.value, "H82020011500A");
        assert!(p.temporary);
    }

    #[test]
    fn a_wrong_check_letter_says_what_it_should_be() {
        let err = parse_upn("A820200115001").unwrap_err();
        assert!(
            err.starts_with("the check letter should be X, not A"),
            "{err}"
        );
        // Two digits swapped: the classic copying mistake.
        let err = parse_upn("X820200151001").unwrap_err();
        assert!(err.contains("should be"), "{err}");
        assert!(!err.contains("should be X"), "{err}");
    }

    #[test]
    fn upn_length_is_checked() {
        let err = parse_upn("X82020011500").unwrap_err();
        assert!(err.contains("13 characters"), "{err}");
        assert!(err.contains("this has 12"), "{err}");
        let err = parse_upn("820200115001").unwrap_err();
        assert!(
            err.contains("check letter at the start seems to be missing"),
            "{err}"
        );
        let err = parse_upn("X8202001150011").unwrap_err();
        assert!(err.contains("this has 14"), "{err}");
        assert_eq!(parse_upn("   ").unwrap_err(), "the UPN is blank");
        assert_eq!(parse_upn("").unwrap_err(), "the UPN is blank");
    }

    #[test]
    fn upn_bad_characters_are_named_with_their_position() {
        let err = parse_upn("X8202OO115001").unwrap_err();
        assert_eq!(err, "character 6 should be a digit, not the letter O");
        let err = parse_upn("X820 200115001").unwrap_err();
        assert_eq!(err, "a UPN has no spaces in it, but character 5 is a space");
        let err = parse_upn("X820\u{200b}200115001").unwrap_err();
        assert!(
            err.contains("character 5 is a hidden character (U+200B)"),
            "{err}"
        );
        let err = parse_upn("X82020011500-").unwrap_err();
        assert!(err.starts_with("character 13 should be a digit"), "{err}");
        let err = parse_upn("X82020011500O").unwrap_err();
        assert!(err.contains("other than I, O or S"), "{err}");
        let err = parse_upn("X82020011500\u{e9}").unwrap_err();
        assert!(err.contains("not 'é'"), "{err}");
        let err = parse_upn("1820200115001").unwrap_err();
        assert_eq!(err, "a UPN starts with its check letter, not '1'");
        let err = parse_upn("I820200115001").unwrap_err();
        assert_eq!(err, "a UPN never starts with I, O or S");
        // A letter anywhere in 2–12 is refused even if it would be allowed at 13.
        assert!(
            parse_upn("XA20200115001")
                .unwrap_err()
                .contains("character 2")
        );
        // Full-width digits look right on screen but are not digits.
        let err = parse_upn("X８20200115001").unwrap_err();
        assert!(err.contains("character 2"), "{err}");
    }

    // ---- Dates

    #[test]
    fn uk_and_iso_dates_are_read() {
        assert_eq!(parse_date("14/03/2017").unwrap(), date(2017, 3, 14));
        assert_eq!(parse_date("4/3/2017").unwrap(), date(2017, 3, 4));
        assert_eq!(parse_date("04-03-2017").unwrap(), date(2017, 3, 4));
        assert_eq!(parse_date("04.03.2017").unwrap(), date(2017, 3, 4));
        assert_eq!(parse_date("2017-03-04").unwrap(), date(2017, 3, 4));
        assert_eq!(parse_date("2017-3-4").unwrap(), date(2017, 3, 4));
        assert_eq!(parse_date(" 2017-03-04 \r").unwrap(), date(2017, 3, 4));
        assert_eq!(parse_date("29/02/2016").unwrap(), date(2016, 2, 29));
        assert_eq!(parse_date("29/02/2000").unwrap(), date(2000, 2, 29));
        assert_eq!(parse_date("31/12/2099").unwrap(), date(2099, 12, 31));
    }

    #[test]
    fn a_midnight_time_from_a_spreadsheet_is_ignored() {
        assert_eq!(parse_date("14/03/2017 00:00").unwrap(), date(2017, 3, 14));
        assert_eq!(
            parse_date("2017-03-14 00:00:00").unwrap(),
            date(2017, 3, 14)
        );
        assert_eq!(
            parse_date("2017-03-14T00:00:00").unwrap(),
            date(2017, 3, 14)
        );
        assert_eq!(
            parse_date("14/03/2017 13:45").unwrap_err(),
            "give the date only, without a time"
        );
    }

    #[test]
    fn impossible_dates_are_explained() {
        assert_eq!(
            parse_date("31/02/2015").unwrap_err(),
            "there is no 31 February 2015"
        );
        assert_eq!(
            parse_date("29/02/2015").unwrap_err(),
            "there is no 29 February 2015 (2015 was not a leap year)"
        );
        assert_eq!(
            parse_date("29/02/1900").unwrap_err(),
            "there is no 29 February 1900 (1900 was not a leap year)"
        );
        assert_eq!(
            parse_date("31/04/2016").unwrap_err(),
            "there is no 31 April 2016"
        );
        assert_eq!(
            parse_date("2016-06-31").unwrap_err(),
            "there is no 31 June 2016"
        );
        assert_eq!(parse_date("00/01/2016").unwrap_err(), "there is no day 0");
        assert_eq!(parse_date("2016-00-10").unwrap_err(), "there is no month 0");
        assert_eq!(
            parse_date("32/01/2016").unwrap_err(),
            "there is no 32 January 2016"
        );
    }

    #[test]
    fn us_order_is_never_guessed() {
        assert_eq!(
            parse_date("03/14/2017").unwrap_err(),
            "there is no month 14 (dates are read as day/month/year)"
        );
        // Ambiguous dates are read the UK way.
        assert_eq!(parse_date("03/04/2017").unwrap(), date(2017, 4, 3));
    }

    #[test]
    fn two_digit_years_are_refused() {
        let err = parse_date("14/03/17").unwrap_err();
        assert!(err.contains("write the year in full"), "{err}");
        let err = parse_date("1/3/15").unwrap_err();
        assert!(err.contains("write the year in full"), "{err}");
        assert_eq!(
            parse_date("14/03/201").unwrap_err(),
            "the year should have four digits"
        );
        assert_eq!(
            parse_date("14/03/20170").unwrap_err(),
            "the year should have four digits"
        );
    }

    #[test]
    fn other_shapes_are_refused_with_the_formats() {
        for bad in [
            "14 March 2017",
            "14032017",
            "2017/03",
            "14/03-2017",
            "14//2017",
            "1/2/3/2017",
            "2017-003-01",
            "114/03/2017",
            "-1/03/2017",
            "+14/03/2017",
            "１４/03/2017",
            "today",
        ] {
            let err = parse_date(bad).unwrap_err();
            assert_eq!(err, DATE_FORMATS, "{bad}");
        }
        assert_eq!(parse_date("  ").unwrap_err(), "the date is blank");
    }

    #[test]
    fn implausible_years_are_refused() {
        let err = parse_date("14/03/0217").unwrap_err();
        assert!(
            err.contains("the year 0217 looks like a typing mistake"),
            "{err}"
        );
        assert!(parse_date("01/01/2101").is_err());
        assert!(parse_date("01/01/1900").is_ok());
    }

    #[test]
    fn day_and_month_are_not_swapped() {
        let d = parse_date("1/9/2021").unwrap();
        assert_eq!((d.day(), d.month(), d.year()), (1, 9, 2021));
    }

    // ---- Year groups

    #[test]
    fn year_group_spellings() {
        let cases: [(&str, YearGroup); 30] = [
            ("Reception", YearGroup::Reception),
            ("RECEPTION", YearGroup::Reception),
            ("Rec", YearGroup::Reception),
            ("R", YearGroup::Reception),
            ("r", YearGroup::Reception),
            ("YR", YearGroup::Reception),
            ("Yr R", YearGroup::Reception),
            ("Year R", YearGroup::Reception),
            ("year  reception", YearGroup::Reception),
            ("FS2", YearGroup::Reception),
            ("Nursery", YearGroup::Nursery),
            ("N", YearGroup::Nursery),
            ("N1", YearGroup::Nursery),
            ("N2", YearGroup::Nursery),
            ("Nursery 2", YearGroup::Nursery),
            ("FS1", YearGroup::Nursery),
            ("Year 3", YearGroup::Year(3)),
            ("year3", YearGroup::Year(3)),
            ("Y3", YearGroup::Year(3)),
            ("Yr 3", YearGroup::Year(3)),
            ("YR3", YearGroup::Year(3)),
            ("3", YearGroup::Year(3)),
            ("03", YearGroup::Year(3)),
            ("NC Year 3", YearGroup::Year(3)),
            ("NCY3", YearGroup::Year(3)),
            ("NC 3", YearGroup::Year(3)),
            ("Year-1", YearGroup::Year(1)),
            (" Year 6 ", YearGroup::Year(6)),
            ("\u{a0}y 2", YearGroup::Year(2)),
            ("Year N", YearGroup::Nursery),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_year_group(text), Ok(expected), "{text:?}");
        }
    }

    #[test]
    fn secondary_and_nonsense_year_groups_are_refused() {
        for text in ["Year 7", "7", "Y11", "NC Year 13"] {
            assert_eq!(parse_year_group(text).unwrap_err(), NOT_PRIMARY, "{text}");
        }
        for text in [
            "Year 0", "0", "Year 42", "Y", "Year", "NC", "Class 3", "Y3A", "Year 3.0", "Recepton",
            "X", "300",
        ] {
            let err = parse_year_group(text).unwrap_err();
            assert!(err.starts_with("not a year group"), "{text}: {err}");
        }
        assert_eq!(parse_year_group("").unwrap_err(), "the year group is blank");
    }

    #[test]
    fn key_stages_follow_the_year_group() {
        assert_eq!(key_stage(YearGroup::Nursery), KeyStage::Eyfs);
        assert_eq!(key_stage(YearGroup::Reception), KeyStage::Eyfs);
        assert_eq!(key_stage(YearGroup::Year(1)), KeyStage::Ks1);
        assert_eq!(key_stage(YearGroup::Year(2)), KeyStage::Ks1);
        for n in 3..=6 {
            assert_eq!(key_stage(YearGroup::Year(n)), KeyStage::Ks2);
        }
        assert_eq!(KeyStage::Eyfs.label(), "EYFS");
        assert_eq!(KeyStage::Ks1.label(), "KS1");
        assert_eq!(KeyStage::Ks2.label(), "KS2");
    }

    #[test]
    fn key_stages_cross_to_the_ui_in_snake_case() {
        let cfg = ts_rs::Config::default();
        assert_eq!(
            KeyStage::decl(&cfg).trim(),
            r#"type KeyStage = "eyfs" | "ks1" | "ks2";"#
        );
    }

    // ---- Flags and gender

    #[test]
    fn yes_and_no() {
        for yes in ["yes", "YES", " Yes ", "y", "Y", "true", "TRUE", "1"] {
            assert_eq!(parse_yes_no(yes), Ok(true), "{yes}");
        }
        for no in ["no", "No", "n", "N", "false", "False", "0"] {
            assert_eq!(parse_yes_no(no), Ok(false), "{no}");
        }
        for bad in ["maybe", "2", "yess", "-1", "ja", "0.0"] {
            assert!(
                parse_yes_no(bad)
                    .unwrap_err()
                    .starts_with("write yes or no")
            );
        }
        assert!(parse_yes_no("").unwrap_err().contains("blank"));
    }

    #[test]
    fn genders_normalise() {
        for (text, code) in [
            ("M", "M"),
            ("m", "M"),
            ("Male", "M"),
            ("boy", "M"),
            ("F", "F"),
            ("FEMALE", "F"),
            ("Girl", "F"),
            ("X", "X"),
            ("U", "X"),
            ("Other", "X"),
            ("Not known", "X"),
            ("not-known", "X"),
            ("Unknown", "X"),
            ("Not stated", "X"),
            ("Prefer not to say", "X"),
        ] {
            assert_eq!(parse_gender(text).unwrap(), code, "{text}");
        }
        let err = parse_gender("Mal").unwrap_err();
        assert!(err.contains("write M, F or X"), "{err}");
        assert!(err.contains("Not known"), "{err}");
        assert!(parse_gender("MF").is_err());
        assert!(parse_gender("").unwrap_err().contains("blank"));
    }

    // ---- Relationships

    #[test]
    fn relationship_codes_have_meanings() {
        assert_eq!(relationship_meaning("PAM"), Some("Mother"));
        assert_eq!(relationship_meaning("paf"), Some("Father"));
        assert_eq!(relationship_meaning(" stm "), Some("Step-mother"));
        assert_eq!(relationship_meaning("SWR"), Some("Social worker"));
        assert_eq!(relationship_meaning("XYZ"), None);
        assert_eq!(relationship_meaning(""), None);
        for (code, meaning) in RELATIONSHIPS {
            assert_eq!(code.len(), 3);
            assert_eq!(relationship_meaning(code), Some(meaning));
            assert_eq!(normalise_relationship(code), code);
            assert_eq!(normalise_relationship(meaning), code);
            assert_eq!(normalise_relationship(&meaning.to_uppercase()), code);
        }
    }

    #[test]
    fn relationships_in_words_become_codes() {
        for (text, code) in [
            ("mother", "PAM"),
            ("Mum", "PAM"),
            ("FATHER", "PAF"),
            ("Dad", "PAF"),
            ("Step-father", "STF"),
            ("stepfather", "STF"),
            ("Step Father", "STF"),
            ("step mum", "STM"),
            ("Foster Mother", "FOM"),
            ("Grandma", "GRM"),
            ("Nan", "GRM"),
            ("Grandad", "GRF"),
            ("carer", "CAR"),
            ("Other relative", "REL"),
            ("Child-minder", "CHM"),
            ("Head Teacher", "HTC"),
            ("headteacher", "HTC"),
            ("  pam  ", "PAM"),
        ] {
            assert_eq!(normalise_relationship(text), code, "{text}");
        }
    }

    #[test]
    fn unknown_relationships_are_kept_as_written() {
        assert_eq!(normalise_relationship("  Aunt "), "Aunt");
        assert_eq!(normalise_relationship("Parent"), "Parent");
        assert_eq!(normalise_relationship("Older brother"), "Older brother");
        assert_eq!(normalise_relationship(""), "");
        assert_eq!(normalise_relationship("Ōba-chan"), "Ōba-chan");
    }

    // ---- Priority and email

    #[test]
    fn priorities() {
        assert_eq!(parse_priority("1"), Ok(1));
        assert_eq!(parse_priority(" 2 "), Ok(2));
        assert_eq!(parse_priority("01"), Ok(1));
        assert_eq!(parse_priority("99"), Ok(99));
        for bad in ["0", "100", "99999999999999999999"] {
            assert!(
                parse_priority(bad)
                    .unwrap_err()
                    .starts_with("the priority must be"),
                "{bad}"
            );
        }
        for bad in ["first", "1st", "-1", "+1", "1.0", "٣"] {
            assert!(
                parse_priority(bad)
                    .unwrap_err()
                    .starts_with("write the priority"),
                "{bad}"
            );
        }
        assert!(parse_priority("").unwrap_err().contains("blank"));
    }

    #[test]
    fn email_addresses() {
        assert_eq!(
            parse_email("  jo.bloggs@example.org.uk ").unwrap(),
            "jo.bloggs@example.org.uk"
        );
        assert_eq!(
            parse_email("Zoë.O'Brien+school@exämple.co.uk").unwrap(),
            "Zoë.O'Brien+school@exämple.co.uk"
        );
        for (bad, reason) in [
            ("", "the email address is blank"),
            ("jo.bloggs.example.org", "an email address needs an @"),
            ("jo@bloggs@example.org", "an email address has only one @"),
            ("@example.org", "there is nothing before the @"),
            ("jo@", "there is nothing after the @"),
            (
                "jo@localhost",
                "the part after the @ is not a complete domain",
            ),
            (
                "jo@example.",
                "the part after the @ is not a complete domain",
            ),
            (
                "jo@.example.org",
                "the part after the @ is not a complete domain",
            ),
            (
                "jo@example..org",
                "the part after the @ is not a complete domain",
            ),
            (
                "jo bloggs@example.org",
                "an email address has no spaces in it",
            ),
            ("jo@example.org\u{200b}x", "a hidden character (U+200B)"),
            (
                "a@example.org; b@example.org",
                "give one email address only",
            ),
            ("a@example.org,b@example.org", "give one email address only"),
            ("Jo Bloggs <jo@example.org>", "give the address only"),
        ] {
            let err = parse_email(bad).unwrap_err();
            assert!(
                err.starts_with(reason) || err.contains(reason),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn reasons_read_after_a_colon() {
        // The importer writes "…, value 'x': <reason>", so reasons start in lower case.
        let reasons = [
            parse_upn("A820200115001").unwrap_err(),
            parse_upn("x").unwrap_err(),
            parse_date("31/02/2015").unwrap_err(),
            parse_date("nope").unwrap_err(),
            parse_year_group("Year 9").unwrap_err(),
            parse_yes_no("perhaps").unwrap_err(),
            parse_gender("?").unwrap_err(),
            parse_priority("0").unwrap_err(),
            parse_email("no").unwrap_err(),
        ];
        for reason in reasons {
            let first = reason.chars().next().unwrap();
            assert!(first.is_lowercase(), "{reason}");
            assert!(!reason.ends_with('.'), "{reason}");
        }
    }
}
