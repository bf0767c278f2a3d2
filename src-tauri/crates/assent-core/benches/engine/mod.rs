//! The engine a benchmark runs on, shared by the core's and the reports'
//! benchmarks: SQLite files by default, or with `ASSENT_BENCH_ENGINE=postgres`
//! the PostgreSQL server that the `PG*` variables name (as `pg_virtualenv`
//! sets them), each school in a fresh database. Each engine's figures are kept
//! under their own names (`trust/…`, `trust_postgres/…`) side by side.

#![allow(dead_code)]

use std::path::Path;

use assent_core::demo::{self, Scale};
use assent_core::{Admin, Store};

/// Whether this run is on a PostgreSQL server.
pub fn on_server() -> bool {
    match std::env::var("ASSENT_BENCH_ENGINE").as_deref() {
        Err(_) | Ok("" | "sqlite") => false,
        Ok("postgres") => true,
        Ok(other) => panic!("ASSENT_BENCH_ENGINE is {other:?}: it must be sqlite or postgres"),
    }
}

/// A criterion group's name on this engine.
pub fn group_name(name: &str) -> String {
    if on_server() {
        format!("{name}_postgres")
    } else {
        name.to_owned()
    }
}

/// A new school on this engine: an encrypted file at `path`, or a fresh
/// database on the server with its key file beside `path`.
pub fn store_for(path: &Path, name: &str, admin: &Admin) -> Store {
    if on_server() {
        let url =
            assent_core::db::scratch_database("assent_bench").expect("create a benchmark database");
        Store::create_on_server(&url, path, name, admin).unwrap()
    } else {
        Store::create(path, name, admin).unwrap()
    }
}

/// A school generated at `scale` on this engine. On the server its tables are
/// then analysed, as autovacuum does on a school's server soon after a bulk
/// load, so that every run is timed with the planner's statistics in place.
pub fn generated(path: &Path, name: &str, admin: &Admin, scale: &Scale) -> Store {
    let mut store = store_for(path, name, admin);
    demo::fill_scaled(&mut store, scale).unwrap();
    if on_server() {
        store
            .inspect()
            .execute_batch("ANALYZE")
            .expect("analyse the benchmark database");
    }
    store
}
