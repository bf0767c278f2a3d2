//! A PC that loses its connection to the server halfway through an operation
//! (the network fails, the PC is switched off) leaves nothing of it behind.
//! A single-PC file's equivalent, the app killed halfway, is the CLI's
//! `crash` test.

use std::path::Path;

use crate::common;

fn count(store: &assent_core::Store, sql: &str) -> i64 {
    store.inspect().query_row(sql, (), |r| r.get(0)).unwrap()
}

#[test]
fn a_connection_lost_halfway_through_an_operation_leaves_nothing_of_it() {
    let (dir, mut store) = common::demo_school();
    let path = common::db_path(&dir);
    let people_before = count(&store, "SELECT count(*) FROM people");
    let audit_before = count(&store, "SELECT count(*) FROM audit_log");
    let result = store.inspect_write(|tx| {
        tx.execute(
            "INSERT INTO people (id, kind, given_name, family_name, created_at, updated_at)
             VALUES ('halfway', 'staff', 'Half', 'Way', 'now', 'now')",
            (),
        )?;
        // The PC loses its connection (or the app is killed) before the
        // operation's last statement.
        lose_connection(tx, &path);
        tx.execute(
            "INSERT INTO people (id, kind, given_name, family_name, created_at, updated_at)
             VALUES ('halfway-2', 'staff', 'Half', 'Way', 'now', 'now')",
            (),
        )?;
        Ok(())
    });
    assert!(result.is_err(), "the operation fails");
    drop(store);
    let store = common::open(&path);
    assert_eq!(count(&store, "SELECT count(*) FROM people"), people_before);
    assert_eq!(
        count(&store, "SELECT count(*) FROM audit_log"),
        audit_before
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM people WHERE id LIKE 'halfway%'"
        ),
        0
    );
}

/// Ends the connection `conn` from outside, as a network failure or a PC
/// switched off would: another connection terminates its server process.
fn lose_connection(conn: &assent_core::db::Conn, path: &Path) {
    let pid: i32 = conn
        .query_row("SELECT pg_backend_pid()", (), |r| r.get(0))
        .unwrap();
    let other = common::open(path);
    let ended: bool = other
        .inspect()
        .query_row("SELECT pg_terminate_backend(?1)", [i64::from(pid)], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(ended);
}
