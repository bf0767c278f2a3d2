//! The schema migrations, in order, and bringing a database up to date. Some
//! finish in Rust what SQL cannot do: hashing the audit log, and installing
//! the built-in templates and consent purposes.

use crate::db::{Conn, Engine};

use super::Store;
use crate::{Result, audit};

/// One schema migration: SQL, and optionally a step in Rust that finishes it
/// in the same transaction (for work SQL cannot do, such as hashing).
struct Migration {
    /// The change for a single-PC SQLite file.
    sqlite: &'static str,
    /// The same change for a PostgreSQL server, giving the same schema
    /// (`tests/server_only/schema_parity.rs` compares the two).
    postgres: &'static str,
    then: Option<fn(&Conn) -> Result<()>>,
}

/// Schema migrations, applied in order. `PRAGMA user_version` counts how many have run.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sqlite: include_str!("../../migrations/0001_foundation.sql"),
        postgres: include_str!("../../migrations/postgres/0001_foundation.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0002_people_details.sql"),
        postgres: include_str!("../../migrations/postgres/0002_people_details.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0003_audit_chain.sql"),
        postgres: include_str!("../../migrations/postgres/0003_audit_chain.sql"),
        then: Some(audit::hash_unchained),
    },
    Migration {
        sqlite: include_str!("../../migrations/0004_templates.sql"),
        postgres: include_str!("../../migrations/postgres/0004_templates.sql"),
        then: Some(crate::templates::install_defaults),
    },
    Migration {
        sqlite: include_str!("../../migrations/0005_agreements.sql"),
        postgres: include_str!("../../migrations/postgres/0005_agreements.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0006_consent.sql"),
        postgres: include_str!("../../migrations/postgres/0006_consent.sql"),
        then: Some(crate::consent::install_defaults),
    },
    Migration {
        sqlite: include_str!("../../migrations/0007_users.sql"),
        postgres: include_str!("../../migrations/postgres/0007_users.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0008_retention.sql"),
        postgres: include_str!("../../migrations/postgres/0008_retention.sql"),
        then: Some(audit::rehash_with_digests),
    },
    Migration {
        sqlite: include_str!("../../migrations/0009_accounts.sql"),
        postgres: include_str!("../../migrations/postgres/0009_accounts.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0010_slip_passwords.sql"),
        postgres: include_str!("../../migrations/postgres/0010_slip_passwords.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0011_incidents.sql"),
        postgres: include_str!("../../migrations/postgres/0011_incidents.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0012_indexes.sql"),
        postgres: include_str!("../../migrations/postgres/0012_indexes.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0013_imports.sql"),
        postgres: include_str!("../../migrations/postgres/0013_imports.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0014_export_unmarking.sql"),
        postgres: include_str!("../../migrations/postgres/0014_export_unmarking.sql"),
        then: None,
    },
    Migration {
        sqlite: include_str!("../../migrations/0015_agreement_choices.sql"),
        postgres: include_str!("../../migrations/postgres/0015_agreement_choices.sql"),
        then: None,
    },
];

/// The newest schema version this build knows.
pub fn supported_schema_version() -> u32 {
    u32::try_from(MIGRATIONS.len()).expect("fewer than 2^32 migrations")
}

/// Builds the single-PC schema at `version` in an empty SQLite file, tables,
/// indexes, views and triggers, with none of the rows the migrations' Rust
/// steps add: for a copy whose every row comes from elsewhere.
pub(crate) fn sqlite_schema(conn: &rusqlite::Connection, version: u32) -> Result<()> {
    super::register_functions(conn)?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    for migration in MIGRATIONS.iter().take(version) {
        conn.execute_batch(migration.sqlite)?;
    }
    conn.pragma_update(None, "user_version", version)?;
    Ok(())
}

/// Builds the server schema at `version` in an empty PostgreSQL database,
/// inside the caller's transaction, with none of the rows the migrations'
/// Rust steps add: for a restore whose every row comes from a backup.
pub(crate) fn server_schema(tx: &Conn, version: u32) -> Result<()> {
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    for migration in MIGRATIONS.iter().take(version) {
        tx.execute_batch(migration.postgres)?;
    }
    tx.set_schema_version(version)?;
    Ok(())
}

impl Store {
    /// Applies the migrations this database has not had, each in its own transaction.
    pub(super) fn migrate(&mut self) -> Result<()> {
        let current = self.schema_version()? as usize;
        for (index, migration) in MIGRATIONS.iter().enumerate().skip(current) {
            self.conn.transaction(|tx| {
                tx.execute_batch(match tx.engine() {
                    Engine::Sqlite => migration.sqlite,
                    Engine::Postgres => migration.postgres,
                })?;
                if let Some(then) = migration.then {
                    then(tx)?;
                }
                tx.set_schema_version(index + 1)?;
                Ok(())
            })?;
        }
        Ok(())
    }
}
