//! Staff users: adding them, listing them, changing passwords and roles.

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::auth::{Permission, Role, Session, check_new_password};
use crate::{Error, Result, Store, audit, keys, store};

/// A staff user to add.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct NewUser {
    /// Sign-in name: letters, digits, dots, hyphens or underscores.
    pub username: String,
    /// Their name as shown and written in the audit log.
    pub display_name: String,
    /// Their role.
    pub role: Role,
    /// Their first password.
    pub password: String,
    /// For teachers, the classes they teach.
    pub classes: Vec<String>,
}

/// A staff user as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UserSummary {
    /// The user's id.
    pub id: String,
    /// Sign-in name.
    pub username: String,
    /// Name as shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// For teachers, their classes.
    pub classes: Vec<String>,
    /// False once the user has been removed; their past actions stay in the audit log.
    pub active: bool,
}

/// Checks a sign-in name: 2–40 of a–z, 0–9, `.`, `-`, `_`; returned in lower case.
pub fn validate_username(username: &str) -> Result<String> {
    let u = username.trim().to_lowercase();
    let ok_chars = u
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'));
    if !(2..=40).contains(&u.chars().count()) || !ok_chars {
        return Err(Error::invalid(
            "username",
            "Use 2 to 40 letters, digits, dots, hyphens or underscores.",
        ));
    }
    Ok(u)
}

fn validate_display_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > 100 || n.chars().any(char::is_control) {
        return Err(Error::invalid(
            "name",
            "Enter the person's name (at most 100 characters).",
        ));
    }
    Ok(n.to_owned())
}

/// A validated new user, ready to insert.
pub(crate) struct CheckedUser {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub classes: Vec<String>,
}

pub(crate) fn check(user: &NewUser) -> Result<CheckedUser> {
    let username = validate_username(&user.username)?;
    let display_name = validate_display_name(&user.display_name)?;
    check_new_password(&username, &user.password)?;
    let mut classes: Vec<String> = user
        .classes
        .iter()
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    classes.sort();
    classes.dedup();
    if user.role == Role::Teacher && classes.is_empty() {
        return Err(Error::invalid(
            "classes",
            "Give a teacher at least one class.",
        ));
    }
    if user.role != Role::Teacher {
        classes.clear();
    }
    Ok(CheckedUser {
        id: Uuid::now_v7().to_string(),
        username,
        display_name,
        role: user.role,
        classes,
    })
}

pub(crate) fn insert(conn: &Conn, user: &CheckedUser) -> Result<()> {
    let now = store::now();
    let taken: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE username = ?1)",
        [&user.username],
        |r| r.get(0),
    )?;
    if taken {
        return Err(Error::invalid(
            "username",
            format!("There is already a user called {}.", user.username),
        ));
    }
    conn.execute(
        "INSERT INTO users (id, username, display_name, role, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            user.id,
            user.username,
            user.display_name,
            user.role.code(),
            now
        ],
    )?;
    for class in &user.classes {
        conn.execute(
            "INSERT INTO user_classes (user_id, class_name) VALUES (?1, ?2)",
            params![user.id, class],
        )?;
    }
    Ok(())
}

/// The session for an active user, or `None` if there is no such active user.
pub(crate) fn session_for(conn: &Conn, user_id: &str) -> Result<Option<Session>> {
    let row = conn
        .query_row(
            "SELECT username, display_name, role FROM users WHERE id = ?1 AND active = TRUE",
            [user_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )
        .optional()?;
    let Some((username, display_name, role)) = row else {
        return Ok(None);
    };
    let Some(role) = Role::from_code(&role) else {
        return Ok(None);
    };
    Ok(Some(Session {
        user_id: user_id.to_owned(),
        username,
        display_name,
        role,
        classes: classes_of(conn, user_id)?,
    }))
}

fn classes_of(conn: &Conn, user_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT class_name FROM user_classes WHERE user_id = ?1 ORDER BY class_name",
    )?;
    let rows = stmt.query_map([user_id], |r| r.get(0))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Adds a staff user who can then sign in with their own password.
pub fn add(store: &mut Store, user: &NewUser) -> Result<UserSummary> {
    let actor = store.require(Permission::ManageUsers)?.actor();
    let checked = check(user)?;
    let summary = format!(
        "Added user {} ({}) as {}",
        checked.username,
        checked.display_name,
        checked.role.label()
    );
    store.write(|tx| {
        insert(tx, &checked)?;
        audit::record(tx, &actor, "user.add", "user", Some(&checked.id), &summary)
    })?;
    // The database row lands first so that a failure here leaves a user who
    // cannot sign in yet, never a key-file entry for nobody.
    keys::put_user(
        store.path(),
        store.data_key(),
        &checked.id,
        &checked.username,
        &user.password,
    )?;
    Ok(UserSummary {
        id: checked.id,
        username: checked.username,
        display_name: checked.display_name,
        role: checked.role,
        classes: checked.classes,
        active: true,
    })
}

/// Every staff user, active ones first.
pub fn list(store: &Store) -> Result<Vec<UserSummary>> {
    store.require(Permission::ManageUsers)?;
    let conn = store.conn();
    let mut stmt = conn.prepare_cached(
        "SELECT id, username, display_name, role, active FROM users
         ORDER BY active DESC, display_name, username",
    )?;
    let rows: Vec<(String, String, String, String, bool)> = stmt
        .query_map((), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<crate::db::Result<_>>()?;
    rows.into_iter()
        .map(|(id, username, display_name, role, active)| {
            Ok(UserSummary {
                classes: classes_of(conn, &id)?,
                id,
                username,
                display_name,
                role: Role::from_code(&role).unwrap_or(Role::Office),
                active,
            })
        })
        .collect()
}

/// Changes the signed-in user's own password; the old one must be given.
pub fn change_own_password(store: &mut Store, old: &str, new: &str) -> Result<()> {
    let session = store.session()?.clone();
    check_new_password(&session.username, new)?;
    let (key, user_id) = keys::unlock(store.path(), &session.username, old)?;
    if &key != store.data_key() || user_id != session.user_id {
        return Err(Error::SignInFailed);
    }
    keys::put_user(store.path(), &key, &user_id, &session.username, new)?;
    let actor = session.actor();
    store.write(|tx| {
        audit::record(
            tx,
            &actor,
            "user.password",
            "user",
            Some(&user_id),
            "Changed their own password",
        )
    })
}

/// Sets a new password for another user (for example one who forgot theirs).
pub fn reset_password(store: &mut Store, username: &str, new: &str) -> Result<()> {
    let actor = store.require(Permission::ManageUsers)?.actor();
    let username = validate_username(username)?;
    check_new_password(&username, new)?;
    let id = active_user_id(store.conn(), &username)?;
    keys::put_user(store.path(), store.data_key(), &id, &username, new)?;
    store.write(|tx| {
        audit::record(
            tx,
            &actor,
            "user.reset_password",
            "user",
            Some(&id),
            &format!("Set a new password for {username}"),
        )
    })
}

/// Removes a user's access: they can no longer sign in; their past actions stay recorded.
pub fn deactivate(store: &mut Store, username: &str) -> Result<()> {
    let session = store.require(Permission::ManageUsers)?.clone();
    let username = validate_username(username)?;
    if username == session.username {
        return Err(Error::invalid(
            "username",
            "You cannot remove your own access; ask another head user.",
        ));
    }
    let id = active_user_id(store.conn(), &username)?;
    let actor = session.actor();
    store.write(|tx| {
        tx.execute(
            "UPDATE users SET active = FALSE, updated_at = ?2 WHERE id = ?1",
            params![id, store::now()],
        )?;
        audit::record(
            tx,
            &actor,
            "user.deactivate",
            "user",
            Some(&id),
            &format!("Removed access for {username}"),
        )
    })?;
    keys::remove_user(store.path(), &id)
}

fn active_user_id(conn: &Conn, username: &str) -> Result<String> {
    conn.query_row(
        "SELECT id FROM users WHERE username = ?1 AND active = TRUE",
        [username],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::invalid("username", format!("There is no user called {username}.")))
}
