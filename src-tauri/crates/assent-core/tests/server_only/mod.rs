//! Tests that need a PostgreSQL server, run in the PostgreSQL pass only
//! (`tests/postgres/core.sh`); the SQLite pass leaves this module out.

mod backup_to_file;
mod lost_connection;
mod restore_onto_server;
mod schema_parity;
mod text_settings;
