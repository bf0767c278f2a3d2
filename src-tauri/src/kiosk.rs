//! Kiosk mode: the device is handed to a pupil or parent to sign.
//!
//! While it is on, the window is full screen and every command is refused
//! except the few that sign the agreements of the class or person it was
//! started for. Only the PIN or password the staff member set when starting it
//! ends it; it is kept as an Argon2id hash, and each wrong try makes the next
//! answer slower. The lock lives here, in the app, not in the page: reloading
//! the page or calling commands by hand cannot get round it.

use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use assent_core::agreements::StatusFilter;
use assent_core::{Error, Result, Store, people};
use serde::{Deserialize, Serialize};

/// The only commands the window may call in kiosk mode. Anything else, including
/// commands added later, is refused.
pub(crate) const ALLOWED: &[&str] = &[
    "kiosk_state",
    "exit_kiosk",
    "agreement_status",
    "signing_plan",
    "sign_agreement",
    "add_agreement_signature",
    "consent_purposes",
];

/// The longest wait before a wrong PIN is answered.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// Whose agreements may be signed: one class, or one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct KioskScope {
    /// A class to work through.
    pub class: Option<String>,
    /// One person.
    pub person_id: Option<String>,
}

struct Session {
    hash: String,
    scope: KioskScope,
    failures: u32,
    next_try: Instant,
}

/// Whether kiosk mode is on, and for whom.
#[derive(Default)]
pub struct Kiosk {
    session: Option<Session>,
}

fn refuse_pin(reason: &str) -> Error {
    Error::invalid("pin", reason)
}

/// A PIN is 4 to 8 digits; anything else is a password of at least 8 characters.
pub fn check_secret(secret: &str) -> Result<()> {
    if !secret.is_empty() && secret.chars().all(|c| c.is_ascii_digit()) {
        if !(4..=8).contains(&secret.len()) {
            return Err(refuse_pin("A PIN has 4 to 8 digits."));
        }
        return Ok(());
    }
    let n = secret.chars().count();
    if n < 8 {
        return Err(refuse_pin(
            "Use a PIN of 4 to 8 digits, or a password of at least 8 characters.",
        ));
    }
    if n > 128 {
        return Err(refuse_pin("Use a password of at most 128 characters."));
    }
    Ok(())
}

/// How long to wait before answering after `failures` wrong tries: 1, 2, 4, 8 … seconds.
pub fn penalty(failures: u32) -> Duration {
    if failures == 0 {
        return Duration::ZERO;
    }
    Duration::from_secs(1u64 << failures.saturating_sub(1).min(6)).min(MAX_WAIT)
}

fn hash(secret: &str) -> Result<String> {
    // A salt must be unique, not secret; a UUIDv7 is unique per call.
    let salt =
        SaltString::encode_b64(uuid::Uuid::now_v7().as_bytes()).map_err(|e| Error::Database {
            message: format!("kiosk PIN salt: {e}"),
        })?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Database {
            message: format!("kiosk PIN hash: {e}"),
        })
}

fn verify(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &h)
            .is_ok()
    })
}

impl Kiosk {
    /// The scope kiosk mode was started for, if it is on.
    pub fn scope(&self) -> Option<KioskScope> {
        self.session.as_ref().map(|s| s.scope.clone())
    }

    /// Whether `command` must be refused now.
    pub fn refuses(&self, command: &str) -> bool {
        self.session.is_some() && !ALLOWED.contains(&command)
    }

    /// Starts kiosk mode for `scope`, locked with `secret`.
    pub fn enter(&mut self, secret: &str, scope: KioskScope) -> Result<KioskScope> {
        if self.session.is_some() {
            return Err(Error::KioskLocked);
        }
        check_secret(secret)?;
        if scope.class.is_some() == scope.person_id.is_some() {
            return Err(Error::invalid(
                "kiosk",
                "Choose one class or one person to hand the device over for.",
            ));
        }
        self.session = Some(Session {
            hash: hash(secret)?,
            scope: scope.clone(),
            failures: 0,
            next_try: Instant::now(),
        });
        Ok(scope)
    }

    /// How long a try to leave must wait before it is checked.
    pub fn wait(&self) -> Duration {
        self.session.as_ref().map_or(Duration::ZERO, |s| {
            s.next_try.saturating_duration_since(Instant::now())
        })
    }

    /// Checks `secret`: the right one ends kiosk mode; a wrong one counts, and
    /// says how long to wait before answering.
    pub fn try_exit(&mut self, secret: &str) -> std::result::Result<(), (Error, Duration)> {
        let Some(session) = self.session.as_mut() else {
            return Ok(());
        };
        if verify(secret, &session.hash) {
            self.session = None;
            return Ok(());
        }
        session.failures += 1;
        let wait = penalty(session.failures);
        session.next_try = Instant::now() + wait;
        Err((
            Error::KioskWrongPin {
                failures: session.failures,
            },
            wait,
        ))
    }

    /// In kiosk mode, a status list may only be of the class or person it was started for.
    pub fn check_filter(&self, filter: &StatusFilter) -> Result<()> {
        let Some(scope) = self.scope() else {
            return Ok(());
        };
        let wanted = StatusFilter {
            class: scope.class,
            kind: None,
            person_id: scope.person_id,
        };
        let same = filter.class == wanted.class
            && filter.person_id == wanted.person_id
            && (filter.kind.is_none() || wanted.class.is_some());
        if same {
            Ok(())
        } else {
            Err(Error::KioskLocked)
        }
    }

    /// In kiosk mode, only the people in its class (or its one person) may sign.
    pub fn check_person(&self, store: &Store, person_id: &str) -> Result<()> {
        let Some(scope) = self.scope() else {
            return Ok(());
        };
        if scope.person_id.as_deref() == Some(person_id) {
            return Ok(());
        }
        let class = people::detail(store, person_id)?.summary.class;
        if scope.class.is_some() && class == scope.class {
            Ok(())
        } else {
            Err(Error::KioskLocked)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_and_passwords() {
        for ok in ["1234", "87654321", "correct horse", "pässwörd", "1234567"] {
            assert!(check_secret(ok).is_ok(), "{ok}");
        }
        for bad in ["", "123", "123456789", "short", "1234 56"] {
            assert!(check_secret(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn only_the_right_pin_leaves_and_signing_stays_open() {
        let mut kiosk = Kiosk::default();
        let scope = KioskScope {
            class: Some("Oak".into()),
            person_id: None,
        };
        assert!(!kiosk.refuses("list_people"));
        kiosk.enter("2468", scope.clone()).unwrap();
        assert!(matches!(
            kiosk.enter("1357", scope.clone()),
            Err(Error::KioskLocked)
        ));
        assert!(kiosk.refuses("list_people"));
        assert!(kiosk.refuses("enter_kiosk"));
        assert!(!kiosk.refuses("sign_agreement"));
        let oak = StatusFilter {
            class: Some("Oak".into()),
            ..StatusFilter::default()
        };
        assert!(kiosk.check_filter(&oak).is_ok());
        let ash = StatusFilter {
            class: Some("Ash".into()),
            ..StatusFilter::default()
        };
        assert!(kiosk.check_filter(&ash).is_err());
        assert!(kiosk.check_filter(&StatusFilter::default()).is_err());
        let Err((Error::KioskWrongPin { failures: 1 }, wait)) = kiosk.try_exit("1111") else {
            panic!("a wrong PIN is refused");
        };
        assert_eq!(wait, Duration::from_secs(1));
        assert!(kiosk.wait() > Duration::ZERO);
        assert_eq!(kiosk.scope(), Some(scope));
        kiosk.try_exit("2468").unwrap();
        assert_eq!(kiosk.scope(), None);
        assert!(!kiosk.refuses("list_people"));
    }

    #[test]
    fn wrong_tries_wait_longer_each_time() {
        assert_eq!(penalty(0), Duration::ZERO);
        assert_eq!(penalty(1), Duration::from_secs(1));
        assert_eq!(penalty(3), Duration::from_secs(4));
        assert_eq!(penalty(40), MAX_WAIT);
    }
}
