//! What a username pattern would make, before it is saved: five people of the
//! group who are on roll now, each with the username the pattern gives them.

use std::collections::HashSet;

use crate::params;
use serde::Serialize;
use ts_rs::TS;

use super::AccountGroup;
use super::settings::{check_pattern, field};
use super::usernames::{self, NameParts};
use crate::auth::Permission;
use crate::people::{FieldProblem, PersonKind};
use crate::{Error, Result, Store, time};

/// How many people a preview shows.
pub const PREVIEW_SIZE: usize = 5;

/// The people a preview is made from: a group's kind of person who are on
/// roll on a day (they have not left, or their visit has not ended), in the
/// order of the school's lists, through the index on kind and name.
pub(crate) const PREVIEW_SQL: &str = "SELECT id, coalesce(preferred_given_name, given_name),
            coalesce(preferred_family_name, family_name), coalesce(admission_date, start_date)
     FROM people
     WHERE kind = ?1
       AND coalesce(CASE WHEN kind = 'pupil' THEN leaving_date ELSE end_date END, '9999-12-31') >= ?2
     ORDER BY family_name, given_name, id
     LIMIT ?3";

/// One person and the username a pattern would give them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UsernameExample {
    /// The person.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// The username the pattern makes for them (made unique with a number
    /// where someone already has it), or the placeholder they would get.
    pub username: String,
    /// Whether their name has no Latin letters, so that the username is only
    /// a placeholder and someone must type the one they should have.
    pub placeholder: bool,
}

/// The usernames `pattern` would give the first people of `group` on roll
/// (up to [`PREVIEW_SIZE`]), without saving anything.
///
/// Each is made unique against the usernames already stored for anyone else
/// and against the ones before it in the preview, as new accounts' are.
/// People whose username is already kept (exported, or typed by hand) keep
/// theirs whatever the pattern; the preview still shows what the pattern
/// makes of their names. A pattern that cannot be used is refused, under the
/// field `GROUP.pattern`, with the same reason saving it would give.
pub fn preview_usernames(
    store: &Store,
    group: AccountGroup,
    pattern: &str,
) -> Result<Vec<UsernameExample>> {
    store.require(Permission::Accounts)?;
    let pattern = pattern.trim().to_lowercase();
    check_pattern(&pattern).map_err(|reason| Error::InvalidFields {
        problems: vec![FieldProblem {
            field: field(group, "pattern"),
            reason,
        }],
    })?;
    let conn = store.conn();
    let academic_year = crate::school::academic_year_in(conn)?;
    let today = time::today().to_string();
    let limit = i64::try_from(PREVIEW_SIZE).expect("a small number");
    let people: Vec<(String, String, String, Option<String>)> = conn
        .prepare_cached(PREVIEW_SQL)?
        .query_map(params![kind(group).code(), today, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<crate::db::Result<_>>()?;
    let shown: HashSet<&str> = people.iter().map(|(id, ..)| id.as_str()).collect();
    let mut taken: HashSet<String> = usernames::stored(conn)?
        .into_iter()
        .filter(|(id, ..)| !shown.contains(id.as_str()))
        .map(|(_, name, _)| name)
        .collect();
    let mut out = Vec::with_capacity(people.len());
    for (person_id, first, last, joined) in people {
        let parts = NameParts {
            forename: &first,
            surname: &last,
            year: Some(usernames::name_year(joined.as_deref(), academic_year)),
        };
        let (username, placeholder) = match usernames::from_pattern(&pattern, &parts) {
            Some(base) => (usernames::unique(&base, &taken), false),
            None => (usernames::placeholder(group, &taken), true),
        };
        taken.insert(username.clone());
        out.push(UsernameExample {
            person_id,
            name: format!("{first} {last}"),
            username,
            placeholder,
        });
    }
    Ok(out)
}

/// The kind of person a group is made of.
fn kind(group: AccountGroup) -> PersonKind {
    match group {
        AccountGroup::Pupils => PersonKind::Pupil,
        AccountGroup::Staff => PersonKind::Staff,
        AccountGroup::Volunteers => PersonKind::Volunteer,
        AccountGroup::Governors => PersonKind::Governor,
        AccountGroup::Visitors => PersonKind::Visitor,
    }
}
