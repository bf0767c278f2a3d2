//! The schema migrations, in order, and bringing a database up to date. Some
//! finish in Rust what SQL cannot do: hashing the audit log, and installing
//! the built-in templates and consent purposes.

use rusqlite::Transaction;

use super::Store;
use crate::{Result, audit};

/// One schema migration: SQL, and optionally a step in Rust that finishes it
/// in the same transaction (for work SQL cannot do, such as hashing).
struct Migration {
    sql: &'static str,
    then: Option<fn(&Transaction<'_>) -> Result<()>>,
}

/// Schema migrations, applied in order. `PRAGMA user_version` counts how many have run.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("../../migrations/0001_foundation.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0002_people_details.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0003_audit_chain.sql"),
        then: Some(|tx| audit::hash_unchained(tx)),
    },
    Migration {
        sql: include_str!("../../migrations/0004_templates.sql"),
        then: Some(|tx| crate::templates::install_defaults(tx)),
    },
    Migration {
        sql: include_str!("../../migrations/0005_agreements.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0006_consent.sql"),
        then: Some(|tx| crate::consent::install_defaults(tx)),
    },
    Migration {
        sql: include_str!("../../migrations/0007_users.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0008_retention.sql"),
        then: Some(|tx| audit::rehash_with_digests(tx)),
    },
    Migration {
        sql: include_str!("../../migrations/0009_accounts.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0010_slip_passwords.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0011_incidents.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0012_indexes.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0013_imports.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0014_export_unmarking.sql"),
        then: None,
    },
    Migration {
        sql: include_str!("../../migrations/0015_agreement_choices.sql"),
        then: None,
    },
];

/// The newest schema version this build knows.
pub fn supported_schema_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).expect("fewer than 2^32 migrations")
}

impl Store {
    /// Applies the migrations this database has not had, each in its own transaction.
    pub(super) fn migrate(&mut self) -> Result<()> {
        let current = self.schema_version()? as usize;
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(current) {
            let tx = self.conn.transaction()?;
            tx.execute_batch(migration.sql)?;
            if let Some(then) = migration.then {
                then(&tx)?;
            }
            tx.pragma_update(None, "user_version", index + 1)?;
            tx.commit()?;
        }
        Ok(())
    }
}
