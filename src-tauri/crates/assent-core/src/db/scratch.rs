//! Throwaway databases on a PostgreSQL server, for the test suite and the
//! benchmarks: the server is the one the `PG*` variables name, as
//! `pg_virtualenv` sets them for the cluster it starts.

use super::error::Result;

/// The connection string (without a database) of the server that the
/// `PGHOST`, `PGPORT`, `PGUSER` and `PGPASSWORD` variables name.
pub fn scratch_server() -> String {
    let var =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    format!(
        "host={} port={} user={} password={}",
        var("PGHOST", "localhost"),
        var("PGPORT", "5432"),
        var("PGUSER", "postgres"),
        var("PGPASSWORD", ""),
    )
}

/// A new, empty database on that server, named `<prefix>_<unique id>`; its
/// connection string. Text in it compares byte by byte and only ASCII letters
/// change case, as in SQLite, so both engines sort and fold names the same way.
pub fn scratch_database(prefix: &str) -> Result<String> {
    let server = scratch_server();
    let name = format!("{prefix}_{}", uuid::Uuid::now_v7().simple());
    let mut admin =
        ::postgres::Client::connect(&format!("{server} dbname=postgres"), ::postgres::NoTls)?;
    admin.batch_execute(&format!(
        "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'"
    ))?;
    Ok(format!("{server} dbname={name}"))
}
