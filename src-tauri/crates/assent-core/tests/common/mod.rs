//! Set-up shared by the core's integration tests: real, encrypted database
//! files in temporary folders, opened as a real signed-in user.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assent_core::auth::Role;
use assent_core::users::{self, NewUser};
use assent_core::{Admin, Store, demo};

/// The first head user of every test school.
pub const HEAD: &str = "head";
/// Every test user's password.
pub const PASSWORD: &str = "correct horse battery";

/// The first head user.
pub fn admin() -> Admin {
    Admin {
        username: HEAD.to_owned(),
        display_name: "Harriet Head".to_owned(),
        password: PASSWORD.to_owned(),
    }
}

/// A new school at `path`, signed in as the head user.
pub fn create(path: &Path, name: &str) -> Store {
    Store::create(path, name, &admin()).expect("create the test school")
}

/// A new school in a fresh temporary folder, signed in as the head user.
pub fn school() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = create(&dir.path().join("s.db"), "School");
    (dir, store)
}

/// The fictional demo school in a fresh temporary folder (people only, no
/// extra staff users), signed in as the head user.
pub fn demo_school() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = school();
    demo::fill(&mut store).expect("load the demo people");
    (dir, store)
}

/// The name the audit log records for changes made by the head user.
pub const HEAD_ACTOR: &str = "Harriet Head (head)";

/// The path of the database in `dir` that [`school`] made.
pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("s.db")
}

/// Opens an existing test school as the head user.
pub fn open(path: &Path) -> Store {
    Store::open(path, HEAD, PASSWORD).expect("open the test school")
}

/// Adds a user with `role` (teachers get `classes`) and returns their username.
pub fn add_user(store: &mut Store, username: &str, role: Role, classes: &[&str]) -> String {
    users::add(
        store,
        &NewUser {
            username: username.to_owned(),
            display_name: format!("Test {username}"),
            role,
            password: PASSWORD.to_owned(),
            classes: classes.iter().map(|c| (*c).to_owned()).collect(),
        },
    )
    .expect("add a test user");
    username.to_owned()
}
