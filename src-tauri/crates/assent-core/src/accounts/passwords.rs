//! Initial passwords, from the operating system's secure random source.
//!
//! Each group's settings choose one of two styles. Words: two short words and
//! two digits (`tiger-moon-47`), easy to read aloud and to type, with no 0, O,
//! 1, l or I to confuse; pupils get these unless the school says otherwise.
//! Characters: sixteen random characters in four groups, for adults. Both
//! satisfy Google Workspace (at least eight characters) and Microsoft Entra
//! (three of lower case, upper case, digits and symbols). They are never stored in plain text: the export file
//! and the login slips carry them, and an export waiting to be uploaded keeps
//! them sealed (see `slips`) until it is marked.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// How a group's initial passwords are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PasswordStyle {
    /// Two short words and two digits, such as `tiger-moon-47`.
    Words,
    /// Sixteen letters and digits in four groups, such as `Kx7p-Qm3v-Tz8c-Wd4h`.
    Characters,
}

impl PasswordStyle {
    /// Every style, in the order a form offers them.
    pub const ALL: [PasswordStyle; 2] = [PasswordStyle::Words, PasswordStyle::Characters];

    /// The code used on the command line and in the audit log.
    pub fn code(self) -> &'static str {
        match self {
            PasswordStyle::Words => "words",
            PasswordStyle::Characters => "characters",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<PasswordStyle> {
        let c = code.trim().to_lowercase();
        PasswordStyle::ALL.into_iter().find(|s| s.code() == c)
    }

    /// A new initial password in this style.
    pub(crate) fn make(self) -> Result<InitialPassword> {
        match self {
            PasswordStyle::Words => words(),
            PasswordStyle::Characters => characters(),
        }
    }
}

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

/// A password a child can read and type: `word-word-NN`.
fn words() -> Result<InitialPassword> {
    let first = WORDS[index(WORDS.len())?];
    let mut second = WORDS[index(WORDS.len())?];
    while second == first {
        second = WORDS[index(WORDS.len())?];
    }
    let d1 = char::from(DIGITS[index(DIGITS.len())?]);
    let d2 = char::from(DIGITS[index(DIGITS.len())?]);
    Ok(InitialPassword(format!("{first}-{second}-{d1}{d2}")))
}

/// A long password for an adult: four groups of four (`Kx7p-Qm3v-…`), with
/// upper case, lower case and a digit.
fn characters() -> Result<InitialPassword> {
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
            let p = words().unwrap();
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
            let p = characters().unwrap();
            let text = p.reveal();
            assert_eq!(text.len(), 19, "{text}");
            assert!(!text.contains(CONFUSABLE), "{text}");
            assert!(text.chars().any(|c| c.is_ascii_uppercase()));
            assert!(text.chars().any(|c| c.is_ascii_lowercase()));
            assert!(text.chars().any(|c| c.is_ascii_digit()));
        }
    }

    #[test]
    fn each_style_makes_its_own_kind_of_password() {
        let w = PasswordStyle::Words.make().unwrap();
        assert_eq!(w.reveal().split('-').count(), 3, "{}", w.reveal());
        assert!(WORDS.contains(&w.reveal().split('-').next().unwrap()));
        let c = PasswordStyle::Characters.make().unwrap();
        assert_eq!(c.reveal().len(), 19, "{}", c.reveal());
        for style in PasswordStyle::ALL {
            assert_eq!(PasswordStyle::from_code(style.code()), Some(style));
        }
        assert_eq!(
            PasswordStyle::from_code(" Words "),
            Some(PasswordStyle::Words)
        );
        assert_eq!(PasswordStyle::from_code("pin"), None);
    }

    #[test]
    fn debug_output_hides_the_password() {
        let p = words().unwrap();
        assert!(!format!("{p:?}").contains(p.reveal()));
    }
}
