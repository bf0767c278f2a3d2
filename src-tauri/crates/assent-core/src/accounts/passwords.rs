//! Initial passwords, from the operating system's secure random source.
//!
//! Children get two short words and two digits (`tiger-moon-47`): easy to read
//! aloud and to type, with no 0, O, 1, l or I to confuse. Adults get sixteen
//! random characters in four groups. Both satisfy Google Workspace (at least
//! eight characters) and Microsoft Entra (three of lower case, upper case,
//! digits and symbols). They are never stored in plain text: the export file
//! and the login slips carry them, and an export waiting to be uploaded keeps
//! them sealed (see `slips`) until it is marked.

use serde::Serialize;
use ts_rs::TS;

use crate::{Error, Result};

/// An initial password. Its `Debug` form hides it, so it never reaches a log.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct InitialPassword(String);

impl InitialPassword {
    /// The password itself, for the export file and the login slip.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// A password kept sealed for an export waiting to be uploaded, opened again.
    pub(super) fn kept(password: String) -> InitialPassword {
        InitialPassword(password)
    }
}

impl std::fmt::Debug for InitialPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("InitialPassword(hidden)")
    }
}

/// Short, friendly words without the letter l (and in lower case, so no I or O).
const WORDS: &[&str] = &[
    "acorn", "anchor", "arrow", "badger", "banana", "beach", "bear", "berry", "bird", "boat",
    "brave", "bread", "breeze", "brick", "bunny", "cactus", "camera", "candy", "canoe", "carrot",
    "cherry", "chess", "comet", "cookie", "copper", "crab", "crane", "crown", "cub", "cup",
    "daisy", "dance", "desert", "dingo", "donut", "dragon", "drum", "duck", "earth", "echo",
    "ember", "emu", "fern", "ferry", "fig", "finch", "forest", "fox", "frog", "garden", "gecko",
    "ginger", "grape", "hat", "heron", "honey", "horse", "hippo", "iris", "ivy", "jam", "jazz",
    "jet", "jumper", "kite", "kiwi", "mango", "meadow", "mint", "moon", "moss", "mouse", "nest",
    "newt", "nut", "oak", "ocean", "orange", "otter", "panda", "parrot", "peach", "pear",
    "penguin", "pepper", "piano", "pine", "pirate", "pizza", "puffin", "pumpkin", "quartz",
    "rabbit", "radar", "rain", "raven", "river", "robin", "rocket", "rose", "ruby", "sand", "seed",
    "shark", "sheep", "ship", "snow", "sock", "spark", "star", "storm", "sugar", "sun", "swan",
    "tiger", "toast", "tomato", "tree", "unicorn", "wagon", "water", "wind", "wizard", "wombat",
    "yak", "yarn", "zebra", "zigzag",
];

/// Digits a child cannot mistake for a letter.
const DIGITS: &[u8] = b"23456789";

/// Letters and digits without 0, O, 1, l, I (or o and i, for good measure).
const ADULT_CHARS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789";

/// A uniformly random index below `n`, from the operating system's CSPRNG.
fn index(n: usize) -> Result<usize> {
    let n32 = u32::try_from(n).expect("small lists");
    // Rejection sampling: values in the last incomplete run would bias the result.
    let limit = u32::MAX - u32::MAX % n32;
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes).map_err(|e| Error::Database {
            message: format!("the system's random number source failed: {e}"),
        })?;
        let v = u32::from_le_bytes(bytes);
        if v < limit {
            return Ok((v % n32) as usize);
        }
    }
}

/// A child's password: `word-word-NN`.
pub(crate) fn for_child() -> Result<InitialPassword> {
    let first = WORDS[index(WORDS.len())?];
    let mut second = WORDS[index(WORDS.len())?];
    while second == first {
        second = WORDS[index(WORDS.len())?];
    }
    let d1 = char::from(DIGITS[index(DIGITS.len())?]);
    let d2 = char::from(DIGITS[index(DIGITS.len())?]);
    Ok(InitialPassword(format!("{first}-{second}-{d1}{d2}")))
}

/// An adult's password: four groups of four (`Kx7p-Qm3v-…`), with upper case,
/// lower case and a digit.
pub(crate) fn for_adult() -> Result<InitialPassword> {
    loop {
        let mut chars = Vec::with_capacity(16);
        for _ in 0..16 {
            chars.push(ADULT_CHARS[index(ADULT_CHARS.len())?]);
        }
        let has = |f: fn(&u8) -> bool| chars.iter().any(f);
        if has(u8::is_ascii_uppercase) && has(u8::is_ascii_lowercase) && has(u8::is_ascii_digit) {
            let groups: Vec<String> = chars
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect();
            return Ok(InitialPassword(groups.join("-")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFUSABLE: [char; 5] = ['0', 'O', '1', 'l', 'I'];

    #[test]
    fn the_word_list_is_clean() {
        for w in WORDS {
            assert!(w.chars().all(|c| c.is_ascii_lowercase()), "{w}");
            assert!(!w.contains('l'), "{w}");
            assert!((3..=7).contains(&w.len()), "{w}");
        }
        let unique: std::collections::HashSet<_> = WORDS.iter().collect();
        assert_eq!(unique.len(), WORDS.len(), "no word twice");
        assert!(WORDS.len() >= 120);
    }

    #[test]
    fn children_get_readable_passwords() {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..200 {
            let p = for_child().unwrap();
            let text = p.reveal();
            assert!(!text.contains(CONFUSABLE), "{text}");
            let parts: Vec<&str> = text.split('-').collect();
            assert_eq!(parts.len(), 3, "{text}");
            assert!(WORDS.contains(&parts[0]) && WORDS.contains(&parts[1]));
            assert_eq!(parts[2].len(), 2);
            assert!(text.len() >= 10);
            seen.insert(text.to_owned());
        }
        assert!(seen.len() > 190, "random: {} different of 200", seen.len());
    }

    #[test]
    fn adults_get_long_mixed_passwords() {
        for _ in 0..200 {
            let p = for_adult().unwrap();
            let text = p.reveal();
            assert_eq!(text.len(), 19, "{text}");
            assert!(!text.contains(CONFUSABLE), "{text}");
            assert!(text.chars().any(|c| c.is_ascii_uppercase()));
            assert!(text.chars().any(|c| c.is_ascii_lowercase()));
            assert!(text.chars().any(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn debug_output_hides_the_password() {
        let p = for_child().unwrap();
        assert!(!format!("{p:?}").contains(p.reveal()));
    }
}
