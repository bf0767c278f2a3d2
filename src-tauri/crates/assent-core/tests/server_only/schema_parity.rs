//! The two schemas cannot drift apart: a school file made by the SQLite
//! migrations and a server database made by the PostgreSQL ones have the same
//! tables and views, the same columns in the same order with equivalent types
//! and nullability, the same primary and foreign keys, unique and check
//! constraints, indexes and triggers.
//!
//! Runs in the PostgreSQL pass only (`tests/postgres/core.sh`), since it needs
//! both engines; the SQLite pass leaves it out.

use std::collections::{BTreeMap, BTreeSet};

use assent_core::Store;
use assent_core::db::Conn;

use crate::common;

/// One table as both engines can describe it.
#[derive(Debug, PartialEq, Eq)]
struct Table {
    /// Name, equivalent type and whether it may be NULL, in order.
    columns: Vec<(String, String, bool)>,
    primary_key: Vec<String>,
    /// (columns, referenced table, referenced columns, on delete).
    foreign_keys: BTreeSet<(Vec<String>, String, Vec<String>, String)>,
    unique: BTreeSet<Vec<String>>,
    checks: usize,
    /// Index name, whether unique, its columns, whether partial.
    indexes: BTreeMap<String, (bool, Vec<String>, bool)>,
    triggers: BTreeSet<String>,
}

#[derive(Debug, PartialEq, Eq)]
struct Schema {
    tables: BTreeMap<String, Table>,
    views: BTreeSet<String>,
}

/// A SQLite column's declared type as the type class both engines share;
/// `boolean` for a 0/1 flag (its `CHECK (x IN (0, 1))`), which is a BOOLEAN
/// on the server.
fn sqlite_type(declared: &str, flag: bool) -> String {
    match declared.to_ascii_uppercase().as_str() {
        "INTEGER" if flag => "boolean",
        "INTEGER" => "integer",
        "TEXT" => "text",
        "BLOB" => "bytes",
        "REAL" => "real",
        other => panic!("a SQLite column of type {other:?} has no counterpart"),
    }
    .to_owned()
}

fn postgres_type(data_type: &str) -> String {
    match data_type {
        "bigint" => "integer",
        "text" => "text",
        "bytea" => "bytes",
        "double precision" => "real",
        "boolean" => "boolean",
        other => panic!("a PostgreSQL column of type {other:?} has no SQLite counterpart"),
    }
    .to_owned()
}

/// The flag columns of a SQLite table: those with `CHECK (name IN (0, 1))`.
fn flags(sql: &str) -> BTreeSet<String> {
    let squashed = sql
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("(0,1)", "(0, 1)");
    let mut out = BTreeSet::new();
    for (at, _) in squashed.match_indices(" IN (0, 1)") {
        let before = &squashed[..at];
        if let Some(open) = before.rfind("CHECK (") {
            let name = before[open + "CHECK (".len()..].trim();
            if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name.to_owned());
            }
        }
    }
    out
}

fn sqlite_schema(store: &Store) -> Schema {
    let conn = store.inspect_sqlite();
    let strings = |sql: &str, arg: &str| -> Vec<Vec<String>> {
        let mut stmt = conn.prepare(sql).unwrap();
        let width = stmt.column_count();
        stmt.query_map([arg], |r| {
            (0..width)
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
                        rusqlite::types::ValueRef::Null => String::new(),
                        other => other.as_str()?.to_owned(),
                    })
                })
                .collect()
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
    };
    let tables = strings(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> ?1",
        "",
    )
    .into_iter()
    .map(|row| (row[0].clone(), sqlite_table(&strings, &row[0], &row[1])))
    .collect();
    let views = strings(
        "SELECT name FROM sqlite_master WHERE type = 'view' AND name <> ?1",
        "",
    )
    .into_iter()
    .map(|v| v[0].clone())
    .collect();
    Schema { tables, views }
}

fn sqlite_table(strings: &impl Fn(&str, &str) -> Vec<Vec<String>>, name: &str, sql: &str) -> Table {
    let flags = flags(sql);
    let info = strings(
        "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid",
        name,
    );
    let columns = info
        .iter()
        .map(|c| {
            let not_null = c[2] == "1" || c[3] != "0";
            (
                c[0].clone(),
                sqlite_type(&c[1], flags.contains(&c[0])),
                !not_null,
            )
        })
        .collect();
    let mut pk: Vec<(u32, String)> = info
        .iter()
        .filter(|c| c[3] != "0")
        .map(|c| (c[3].parse().unwrap(), c[0].clone()))
        .collect();
    pk.sort();
    let mut foreign: BTreeMap<String, (Vec<String>, String, Vec<String>, String)> = BTreeMap::new();
    for fk in strings(
        "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
        name,
    ) {
        let entry = foreign.entry(fk[0].clone()).or_insert_with(|| {
            (
                Vec::new(),
                fk[1].clone(),
                Vec::new(),
                fk[4].to_ascii_uppercase(),
            )
        });
        entry.0.push(fk[2].clone());
        entry.2.push(fk[3].clone());
    }
    let mut unique = BTreeSet::new();
    let mut indexes = BTreeMap::new();
    for index in strings(
        "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?1)",
        name,
    ) {
        let cols: Vec<String> = strings(
            "SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
            &index[0],
        )
        .into_iter()
        .map(|c| c[0].clone())
        .collect();
        match index[2].as_str() {
            "u" => {
                unique.insert(cols);
            }
            "pk" => {}
            _ => {
                indexes.insert(index[0].clone(), (index[1] == "1", cols, index[3] == "1"));
            }
        }
    }
    let checks = sql.to_ascii_uppercase().matches("CHECK (").count() - flags.len();
    let triggers = strings(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1",
        name,
    )
    .into_iter()
    .map(|t| t[0].clone())
    .collect();
    Table {
        columns,
        primary_key: pk.into_iter().map(|(_, c)| c).collect(),
        foreign_keys: foreign.into_values().collect(),
        unique,
        checks,
        indexes,
        triggers,
    }
}

/// Rows of text from the server's catalogue.
fn catalogue(conn: &Conn, sql: &str, arg: &str) -> Vec<Vec<String>> {
    conn.prepare(sql)
        .unwrap()
        .query_map([arg], |r| (0..r.len()).map(|i| r.get(i)).collect())
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// A comma-separated list from `string_agg` as its items.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn postgres_schema(store: &Store) -> Schema {
    let conn = store.inspect();
    let tables = conn
        .table_names()
        .unwrap()
        .into_iter()
        .map(|name| {
            let table = postgres_table(conn, &name);
            (name, table)
        })
        .collect();
    let views = catalogue(
        conn,
        "SELECT table_name::text FROM information_schema.views
         WHERE table_schema = current_schema() AND table_name <> ?1",
        "",
    )
    .into_iter()
    .map(|v| v[0].clone())
    .collect();
    Schema { tables, views }
}

fn postgres_table(conn: &Conn, name: &str) -> Table {
    let columns = catalogue(
        conn,
        "SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ?1 ORDER BY ordinal_position",
        name,
    )
    .into_iter()
    .map(|c| (c[0].clone(), postgres_type(&c[1]), c[2] == "YES"))
    .collect();
    let constraint_columns = |kind: &str| -> Vec<Vec<String>> {
        catalogue(
            conn,
            &format!(
                "SELECT string_agg(a.attname::text, ',' ORDER BY k.n), coalesce(max(c.confrelid::regclass::text), ''),
                        coalesce(string_agg(f.attname::text, ',' ORDER BY k.n), ''), max(c.confdeltype::text)
                 FROM pg_constraint c
                 CROSS JOIN LATERAL unnest(c.conkey, coalesce(c.confkey, c.conkey)) WITH ORDINALITY AS k (col, fcol, n)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.col
                 LEFT JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = k.fcol AND c.contype = 'f'
                 WHERE c.conrelid = CAST(CAST(?1 AS TEXT) AS regclass) AND c.contype = '{kind}'
                 GROUP BY c.oid"
            ),
            name,
        )
    };
    let primary_key = constraint_columns("p")
        .first()
        .map(|r| list(&r[0]))
        .unwrap_or_default();
    let foreign_keys = constraint_columns("f")
        .into_iter()
        .map(|r| {
            let on_delete = match r[3].as_str() {
                "a" => "NO ACTION",
                "r" => "RESTRICT",
                "c" => "CASCADE",
                "n" => "SET NULL",
                "d" => "SET DEFAULT",
                other => panic!("unknown delete action {other}"),
            };
            (list(&r[0]), r[1].clone(), list(&r[2]), on_delete.to_owned())
        })
        .collect();
    let unique = constraint_columns("u")
        .into_iter()
        .map(|r| list(&r[0]))
        .collect();
    let checks: i64 = conn
        .query_row(
            "SELECT count(*) FROM pg_constraint WHERE conrelid = CAST(CAST(?1 AS TEXT) AS regclass) AND contype = 'c'",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    let indexes = catalogue(
        conn,
        "SELECT i.relname::text, CASE WHEN x.indisunique THEN 'u' ELSE '' END,
                string_agg(a.attname::text, ',' ORDER BY k.n),
                CASE WHEN x.indpred IS NULL THEN '' ELSE 'p' END
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k (col, n)
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.col
         WHERE x.indrelid = CAST(CAST(?1 AS TEXT) AS regclass) AND NOT x.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
         GROUP BY i.relname, x.indisunique, x.indpred IS NULL",
        name,
    )
    .into_iter()
    .map(|r| (r[0].clone(), (r[1] == "u", list(&r[2]), r[3] == "p")))
    .collect();
    let triggers = catalogue(
        conn,
        "SELECT tgname::text FROM pg_trigger WHERE tgrelid = CAST(CAST(?1 AS TEXT) AS regclass) AND NOT tgisinternal",
        name,
    )
    .into_iter()
    .map(|t| t[0].clone())
    .collect();
    Table {
        columns,
        primary_key,
        foreign_keys,
        unique,
        checks: usize::try_from(checks).unwrap(),
        indexes,
        triggers,
    }
}

#[test]
fn both_engines_build_the_same_schema() {
    assert!(
        common::on_server(),
        "the schema comparison needs a PostgreSQL server: run it with tests/postgres/core.sh"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = Store::create(&dir.path().join("file.db"), "School", &common::admin()).unwrap();
    let (_server_dir, server) = common::school();
    assert_eq!(
        file.schema_version().unwrap(),
        server.schema_version().unwrap()
    );
    let (sqlite, postgres) = (sqlite_schema(&file), postgres_schema(&server));
    assert!(sqlite.tables.len() > 30, "the SQLite schema was read");
    assert_eq!(
        sqlite.tables.keys().collect::<Vec<_>>(),
        postgres.tables.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    assert_eq!(sqlite.views, postgres.views, "the same views");
    for (name, table) in &sqlite.tables {
        assert_eq!(
            table, &postgres.tables[name],
            "table {name}: SQLite (left) and PostgreSQL (right)"
        );
    }
}

#[test]
fn a_flag_is_read_from_its_check_constraint() {
    let sql = "CREATE TABLE t (a INTEGER NOT NULL CHECK (a IN (0, 1)), b INTEGER CHECK (b > 0),
               c INTEGER CHECK (c IN (0,1)))";
    assert_eq!(flags(sql), BTreeSet::from(["a".to_owned(), "c".to_owned()]));
}
