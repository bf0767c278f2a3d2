//! A server database must store text as UTF-8 and compare it byte by byte,
//! as a school file does: one created with another collation is refused by
//! every way in (creating a school, opening one, restoring onto it), with the
//! settings it has named, and nothing is written to it.

use assent_core::{Error, Store, backup};

use crate::common;

/// A new database on the test server whose text sorts by Unicode rules.
fn unicode_database() -> String {
    let server = assent_core::db::scratch_server();
    let name = format!("assent_unicode_{}", uuid::Uuid::now_v7().simple());
    let mut admin =
        postgres::Client::connect(&format!("{server} dbname=postgres"), postgres::NoTls)
            .expect("connect to the test server");
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        ))
        .expect("create the database");
    format!("{server} dbname={name}")
}

fn refused(result: assent_core::Result<impl std::fmt::Debug>) {
    let err = result.unwrap_err();
    assert!(matches!(err, Error::ServerTextSettings { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains("collation C.UTF-8"), "{text}");
}

#[test]
fn a_database_that_compares_text_by_unicode_rules_is_refused() {
    let url = unicode_database();
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("school");
    refused(Store::create_on_server(
        &url,
        &keys,
        "Brookside Primary",
        &common::admin(),
    ));
    assert!(
        !assent_core::keys::key_path(&keys).exists(),
        "no key file was written"
    );

    // A school's own key file, pointed at the wrong database.
    let (school_dir, mut school) = common::school();
    let school_keys = common::db_path(&school_dir);
    refused(Store::open_on_server(
        &url,
        &school_keys,
        common::HEAD,
        common::PASSWORD,
    ));
    let out = school_dir.path().join("b.assentbak");
    backup::create(&mut school, &out, false).unwrap();
    refused(backup::restore_on_server(
        &out,
        &url,
        &keys,
        common::HEAD,
        common::PASSWORD,
    ));

    let mut check = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    let tables: i64 = check
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0, "nothing was created in it");
}
