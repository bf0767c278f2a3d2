//! The school this database belongs to.

use crate::db::{Conn, OptionalExtension};
use crate::params;

use crate::{Error, Result, Store, audit, settings, store};

/// The longest school name accepted; long enough for any real school.
pub const MAX_NAME_CHARS: usize = 120;

/// Trims a school name and checks it is usable.
pub fn validate_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid("school name", "Enter the school's name."));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(Error::invalid(
            "school name",
            format!("Use at most {MAX_NAME_CHARS} characters."),
        ));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::invalid(
            "school name",
            "Remove line breaks and other control characters.",
        ));
    }
    Ok(trimmed.to_owned())
}

pub(crate) fn insert(conn: &Conn, school_id: &str, name: &str) -> Result<()> {
    let now = store::now();
    conn.execute(
        "INSERT INTO school (id, school_id, name, created_at, updated_at) VALUES (1, ?1, ?2, ?3, ?3)",
        params![school_id, name, now],
    )?;
    Ok(())
}

/// The school's permanent id, which also names it in the key file and in backups.
pub(crate) fn school_id(conn: &Conn) -> Result<String> {
    conn.query_row("SELECT school_id FROM school WHERE id = 1", (), |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::Database {
        message: "the school record is missing".to_owned(),
    })
}

/// The school's name (anyone signed in may read it).
pub fn name(store: &crate::Store) -> Result<String> {
    store.session()?;
    name_in(store.conn())
}

pub(crate) fn name_in(conn: &Conn) -> Result<String> {
    conn.query_row("SELECT name FROM school WHERE id = 1", (), |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Database {
            message: "the school record is missing".to_owned(),
        })
}

/// Renames the school (head users). Documents made from now on carry the new
/// name; those already signed or printed keep the one they were made with.
pub fn set_name(store: &mut Store, name: &str) -> Result<String> {
    let actor = &store.require(crate::auth::Permission::Settings)?.actor();
    let name = validate_name(name)?;
    store.write(|tx| {
        let old = name_in(tx)?;
        tx.execute(
            "UPDATE school SET name = ?1, updated_at = ?2 WHERE id = 1",
            params![name, store::now()],
        )?;
        audit::record(
            tx,
            actor,
            "settings.school_name",
            "school",
            None,
            &format!("Renamed the school from {old} to {name}"),
        )?;
        Ok(name)
    })
}

/// The academic year the year groups refer to, by the calendar year it starts in (2026 for 2026/27).
pub fn academic_year(store: &crate::Store) -> Result<i32> {
    store.session()?;
    academic_year_in(store.conn())
}

pub(crate) fn academic_year_in(conn: &Conn) -> Result<i32> {
    settings::get(conn, "academic_year")?
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| Error::Database {
            message: "the academic year setting is missing".to_owned(),
        })
}

/// Minutes without use after which the app locks itself (a setting; 15 by default).
pub fn idle_lock_minutes(store: &crate::Store) -> Result<u32> {
    store.session()?;
    Ok(settings::get(store.conn(), "idle_lock_minutes")?
        .and_then(|t| t.parse().ok())
        .unwrap_or(15))
}

/// Records a new academic year (as part of a rollover).
pub(crate) fn set_academic_year(conn: &Conn, year: i32) -> Result<()> {
    settings::put(conn, "academic_year", &year.to_string())
}

/// Whether agreements expire at the start of each school year (1 September), so
/// everyone signs again every year. Off unless the school turns it on.
pub fn annual_agreement_renewal(store: &Store) -> Result<bool> {
    store.session()?;
    annual_agreement_renewal_in(store.conn())
}

pub(crate) fn annual_agreement_renewal_in(conn: &Conn) -> Result<bool> {
    Ok(settings::get(conn, "agreement_renewal")?.as_deref() == Some("annual"))
}

/// Turns annual renewal of agreements on or off. Nothing recorded changes: only
/// the statuses derived from the records do.
pub fn set_annual_agreement_renewal(store: &mut Store, annual: bool) -> Result<bool> {
    let actor = &store.require(crate::auth::Permission::Settings)?.actor();
    store.write(|tx| {
        settings::put(
            tx,
            "agreement_renewal",
            if annual { "annual" } else { "until_changed" },
        )?;
        audit::record(
            tx,
            actor,
            "settings.agreement_renewal",
            "settings",
            None,
            if annual {
                "Agreements now expire at the start of each school year"
            } else {
                "Agreements no longer expire each school year"
            },
        )
    })?;
    annual_agreement_renewal_in(store.conn())
}

/// Whether photo and video consents expire at the start of each school year
/// (otherwise they last until the pupil leaves).
pub fn annual_consent_renewal(store: &Store) -> Result<bool> {
    store.session()?;
    Ok(settings::get(store.conn(), "consent_renewal")?.as_deref() == Some("annual"))
}

/// Sets whether consents expire each school year (head users). Nothing recorded
/// changes: only what the grid and lists derive from the records.
pub fn set_annual_consent_renewal(store: &mut Store, annual: bool) -> Result<bool> {
    let actor = &store.require(crate::auth::Permission::Settings)?.actor();
    store.write(|tx| {
        settings::put(
            tx,
            "consent_renewal",
            if annual { "annual" } else { "until_leaving" },
        )?;
        audit::record(
            tx,
            actor,
            "settings.consent_renewal",
            "settings",
            None,
            if annual {
                "Photo and video consents now expire at the start of each school year"
            } else {
                "Photo and video consents now last until the pupil leaves"
            },
        )
    })?;
    Ok(annual)
}

/// Sets how many minutes without use lock the app (head users; 1 to 120).
pub fn set_idle_lock_minutes(store: &mut Store, minutes: u32) -> Result<()> {
    let actor = &store.require(crate::auth::Permission::Settings)?.actor();
    if !(1..=120).contains(&minutes) {
        return Err(Error::invalid(
            "minutes",
            "Choose between 1 and 120 minutes.",
        ));
    }
    store.write(|tx| {
        settings::put(tx, "idle_lock_minutes", &minutes.to_string())?;
        audit::record(
            tx,
            actor,
            "settings.idle_lock",
            "settings",
            None,
            &format!("The app now locks after {minutes} minutes without use"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            validate_name("  Juniper Hill Primary ").unwrap(),
            "Juniper Hill Primary"
        );
        assert!(matches!(
            validate_name("   "),
            Err(Error::InvalidInput { .. })
        ));
        assert!(validate_name(&"x".repeat(MAX_NAME_CHARS + 1)).is_err());
        assert!(validate_name("St Mary's\nPrimary").is_err());
        assert_eq!(
            validate_name("Ysgol Gymraeg Aberhonddu").unwrap(),
            "Ysgol Gymraeg Aberhonddu"
        );
    }
}
