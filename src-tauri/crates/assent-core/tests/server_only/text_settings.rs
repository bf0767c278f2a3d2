//! A server database must store text as UTF-8 and compare it byte by byte,
//! as a school file does: one created with another collation is refused by
//! every way in (creating a school, opening one, restoring onto it), with the
//! settings it has named, and nothing is written to it.

use assent_core::{Error, Store, backup};

use crate::common;

/// A new database on the test server created with `settings`.
fn database_with(settings: &str) -> String {
    let server = assent_core::db::scratch_server();
    let name = format!("assent_text_{}", uuid::Uuid::now_v7().simple());
    let mut admin =
        postgres::Client::connect(&format!("{server} dbname=postgres"), postgres::NoTls)
            .expect("connect to the test server");
    admin
        .batch_execute(&format!(
            "CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' {settings}"
        ))
        .expect("create the database");
    format!("{server} dbname={name}")
}

fn refused(result: assent_core::Result<impl std::fmt::Debug>, named: &str) {
    let err = result.unwrap_err();
    assert!(matches!(err, Error::ServerTextSettings { .. }), "{err:?}");
    let text = err.to_string();
    assert!(text.contains(named), "{text}");
}

#[test]
fn a_database_that_compares_text_by_code_point_and_case_folds_beyond_ascii_is_refused() {
    // C.UTF-8 sorts by code point, but its character classes change the case
    // of every letter, where a school file's change only ASCII ones.
    let url = database_with("LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'");
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("school");
    refused(
        Store::create_on_server(&url, &keys, "Brookside Primary", &common::admin()),
        "collation C.UTF-8",
    );
    assert!(
        !assent_core::keys::key_path(&keys).exists(),
        "no key file was written"
    );

    // A school's own key file, pointed at the wrong database.
    let (school_dir, mut school) = common::school();
    let school_keys = common::db_path(&school_dir);
    refused(
        Store::open_on_server(&url, &school_keys, common::HEAD, common::PASSWORD),
        "collation C.UTF-8",
    );
    let out = school_dir.path().join("b.assentbak");
    backup::create(&mut school, &out, false).unwrap();
    refused(
        backup::restore_on_server(&out, &url, &keys, common::HEAD, common::PASSWORD),
        "collation C.UTF-8",
    );

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

#[test]
fn a_database_whose_collation_comes_from_icu_is_refused_whatever_its_lc_collate() {
    let url = database_with("LOCALE_PROVIDER icu ICU_LOCALE 'en-GB' LC_COLLATE 'C' LC_CTYPE 'C'");
    let dir = tempfile::tempdir().unwrap();
    refused(
        Store::create_on_server(
            &url,
            &dir.path().join("school"),
            "Brookside Primary",
            &common::admin(),
        ),
        "locale provider ICU",
    );
}
