//! Where each person's account stands: blocked, ready, provisioned, to suspend or suspended.
//!
//! Whether someone's agreement is valid comes from [`crate::agreements`]'
//! status (signed, awaiting parent, needs re-signing, expired, withdrawn, not
//! signed); this module adds only what is about accounts: who is in a group
//! that gets one, who has left, and what has been provisioned so far.

use std::collections::{HashMap, HashSet};

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AccountGroup;
use super::settings::{AccountSettings, settings_in};
use super::usernames::{self, NameParts};
use crate::agreements::{AgreementStatus, StatusFilter, StatusRow, status_in_any_order};
use crate::auth::Permission;
use crate::people::{PersonKind, YearGroup};
use crate::templates::{self, TemplateKind};
use crate::{Result, Store, time};

/// Where a person's account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AccountStatus {
    /// No account, and none may be made yet (see the reasons).
    Blocked,
    /// May have an account: a new one, or a suspended one turned back on.
    Ready,
    /// Has an account, and still may.
    Provisioned,
    /// Has an account, and may no longer (see the reasons): suspend it.
    ToSuspend,
    /// The account is suspended, and stays so until the reasons are resolved.
    Suspended,
}

impl AccountStatus {
    /// The status in words.
    pub fn label(self) -> &'static str {
        match self {
            AccountStatus::Blocked => "Blocked",
            AccountStatus::Ready => "Ready",
            AccountStatus::Provisioned => "Provisioned",
            AccountStatus::ToSuspend => "To suspend",
            AccountStatus::Suspended => "Suspended",
        }
    }
}

/// Why someone may not have an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Blocker {
    /// No agreement recorded.
    NotSigned,
    /// The pupil has signed, or made their mark; a parent or carer has not yet.
    AwaitingParent,
    /// Signed on an older version, and the text has changed materially since.
    NeedsResigning,
    /// A visitor whose visit has ended.
    Expired,
    /// The latest agreement was withdrawn.
    Withdrawn,
    /// They have left the school.
    Left,
    /// Their group (or year group) does not get accounts in the school's settings.
    GroupOff,
    /// Their name has no Latin letters, so a username must be typed for them.
    NeedsUsername,
    /// Their network and internet access is removed after an e-safety incident,
    /// until a date or until review.
    Sanction,
}

/// One person's account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountRow {
    /// The person.
    pub person_id: String,
    /// Their name as the school uses it.
    pub name: String,
    /// The given name on the account (the one they go by).
    pub first_name: String,
    /// The family name on the account (the one they go by).
    pub last_name: String,
    /// What they are to the school.
    pub kind: PersonKind,
    /// Their account group.
    pub group: AccountGroup,
    /// Their class, for pupils.
    pub class: Option<String>,
    /// Their year group ("Year 4"), for pupils.
    pub year_group: Option<String>,
    /// Their role or job title, for adults.
    pub role: Option<String>,
    /// The agreement their account depends on.
    pub agreement_kind: TemplateKind,
    /// Where the account stands.
    pub status: AccountStatus,
    /// Why they may not have an account (empty when they may).
    pub blockers: Vec<Blocker>,
    /// The same reasons, in words.
    pub reasons: Vec<String>,
    /// The account's username: stored, or proposed from the group's pattern.
    pub username: String,
    /// Whether the username was typed by hand.
    pub username_edited: bool,
    /// The account's address, once the group's domain is set.
    pub email: Option<String>,
    /// When the account was last created or turned back on (UK time).
    pub provisioned_at: Option<String>,
    /// Who marked that export provisioned.
    pub provisioned_by: Option<String>,
    /// When the account was suspended, if it is now (UK time).
    pub suspended_at: Option<String>,
    /// The export they are in that has not been marked provisioned yet.
    pub pending_export: Option<String>,
    /// The last day of a visitor's visit, when the account should end.
    pub expires: Option<String>,
    /// Notes for the person setting the account up (only what their role may see).
    pub notes: Vec<String>,
}

/// Every person who has or may need an account, with where it stands
/// (pupils first, then staff, volunteers, governors and visitors).
///
/// A safeguarding hold never blocks an account; only a user who may see
/// consent details is shown it, as a note about directories and photos.
pub fn status(store: &Store) -> Result<Vec<AccountRow>> {
    let session = store.require(Permission::Accounts)?;
    let show_holds = session.can(Permission::ViewConsent);
    compute(store.conn(), show_holds)
}

/// The agreement in words, for reasons.
fn agreement_words(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Ks1 => "KS1 agreement",
        TemplateKind::Ks2 => "KS2 agreement",
        TemplateKind::Staff => "staff agreement",
        TemplateKind::GovernorVisitor => "governor and visitor agreement",
        TemplateKind::Parent => "parent agreement",
    }
}

/// A stored date (`YYYY-MM-DD`) as a school writes it: "31 August 2026".
fn uk_date(date: &str) -> String {
    chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .map_or_else(|_| date.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

/// An account's history, from its events.
#[derive(Default)]
struct History {
    active: bool,
    provisioned_at: Option<String>,
    provisioned_by: Option<String>,
    suspended_at: Option<String>,
}

/// Every account event, oldest first, leaving out those of a marking that was undone.
pub(crate) const HISTORIES_SQL: &str = "SELECT person_id, action, at, by FROM account_events
     WHERE NOT EXISTS (SELECT 1 FROM account_events_undone u WHERE u.event_id = account_events.id)
     ORDER BY at, id";

/// Who is in an export that has been neither marked provisioned nor cancelled.
pub(crate) const PENDING_SQL: &str = "SELECT r.person_id, r.export_id FROM account_export_rows r
     WHERE NOT EXISTS (SELECT 1 FROM account_export_current_outcomes o WHERE o.export_id = r.export_id)";

/// Everyone who may need an account, in list order.
pub(crate) const PEOPLE_SQL: &str = "SELECT id, kind, coalesce(preferred_given_name, given_name),
            coalesce(preferred_family_name, family_name), year_group, class_name, role,
            coalesce(admission_date, start_date), leaving_date, end_date
     FROM people WHERE kind <> 'parent'
     ORDER BY CASE kind WHEN 'pupil' THEN 0 WHEN 'staff' THEN 2 WHEN 'volunteer' THEN 3
                        WHEN 'governor' THEN 4 ELSE 5 END,
              family_name, given_name, id";

fn histories(conn: &Conn) -> Result<HashMap<String, History>> {
    let mut stmt = conn.prepare_cached(HISTORIES_SQL)?;
    let mut out: HashMap<String, History> = HashMap::new();
    let mut rows = stmt.query(())?;
    while let Some(r) = rows.next()? {
        let h = out.entry(r.get(0)?).or_default();
        let action: String = r.get(1)?;
        let at: String = r.get(2)?;
        let at = time::from_stored(&at).map_or(at, time::display_london);
        if action == "suspended" {
            h.active = false;
            h.suspended_at = Some(at);
        } else {
            h.active = true;
            h.suspended_at = None;
            h.provisioned_at = Some(at);
            h.provisioned_by = Some(r.get(3)?);
        }
    }
    Ok(out)
}

/// Who is in an export that has been neither marked provisioned nor cancelled.
fn pending(conn: &Conn) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached(PENDING_SQL)?;
    let rows = stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// Pupils whose latest safeguarding-hold record sets a hold.
fn holds(conn: &Conn) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached(crate::consent::HOLDS_SQL)?;
    let rows = stmt.query_map((), |r| r.get(0))?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}

/// A person as read for the account list.
struct Person {
    id: String,
    kind: PersonKind,
    group: AccountGroup,
    first_name: String,
    last_name: String,
    year: Option<YearGroup>,
    class: Option<String>,
    role: Option<String>,
    joined: Option<String>,
    leaving_date: Option<String>,
    end_date: Option<String>,
}

fn people(conn: &Conn) -> Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(PEOPLE_SQL)?;
    let mut rows = stmt.query(())?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind = PersonKind::from_code(&r.get::<_, String>(1)?)?;
        let Some(group) = AccountGroup::of(kind) else {
            continue;
        };
        let year: Option<String> = r.get(4)?;
        out.push(Person {
            id: r.get(0)?,
            kind,
            group,
            first_name: r.get(2)?,
            last_name: r.get(3)?,
            year: year.as_deref().and_then(YearGroup::from_code),
            class: r.get(5)?,
            role: r.get(6)?,
            joined: r.get(7)?,
            leaving_date: r.get(8)?,
            end_date: r.get(9)?,
        });
    }
    Ok(out)
}

/// Why `p` may not have an account, with the words for each reason.
fn blockers(
    p: &Person,
    agreement: Option<&StatusRow>,
    settings: &AccountSettings,
    today: &str,
) -> Vec<(Blocker, String)> {
    let kind = templates::kind_for(p.kind, p.year);
    let words = agreement_words(kind);
    let mut out = Vec::new();
    // Visitors' last day ends their visit; for others it is their last day at school.
    let left_on = if p.kind == PersonKind::Pupil {
        p.leaving_date.as_deref()
    } else if p.kind == PersonKind::Visitor {
        None
    } else {
        p.end_date.as_deref()
    };
    if let Some(day) = left_on.filter(|d| *d < today) {
        out.push((Blocker::Left, format!("Left on {}", uk_date(day))));
        return out;
    }
    if !settings.group(p.group).enabled {
        out.push((
            Blocker::GroupOff,
            format!(
                "Accounts for {} are turned off in the account settings",
                p.group.code()
            ),
        ));
    } else if let Some(y @ (YearGroup::Nursery | YearGroup::Reception)) = p.year {
        let on = match y {
            YearGroup::Nursery => settings.include_nursery,
            _ => settings.include_reception,
        };
        if !on {
            out.push((
                Blocker::GroupOff,
                format!(
                    "Accounts for {} are turned off in the account settings",
                    y.label()
                ),
            ));
        }
    }
    match agreement.map(|a| (a.status, a.version)) {
        None | Some((AgreementStatus::NotSigned, _)) => {
            out.push((Blocker::NotSigned, format!("No {words} signed")));
        }
        Some((AgreementStatus::Withdrawn, _)) => {
            out.push((Blocker::Withdrawn, format!("Their {words} was withdrawn")));
        }
        Some((AgreementStatus::AwaitingParent, _)) => {
            let words = if kind == TemplateKind::Ks2 {
                "The pupil has signed the KS2 agreement; a parent or carer has not given permission yet"
            } else {
                "A parent or carer has not signed the KS1 agreement yet"
            };
            out.push((Blocker::AwaitingParent, words.to_owned()));
        }
        Some((AgreementStatus::NeedsResigning, version)) => out.push((
            Blocker::NeedsResigning,
            format!(
                "Signed version {} of the {words}, which has changed materially since: they must sign the current version",
                version.unwrap_or_default()
            ),
        )),
        Some((AgreementStatus::Expired | AgreementStatus::Signed, _)) => {}
    }
    // A visit that has ended ends the account, signed or not.
    if p.kind == PersonKind::Visitor {
        if let Some(end) = p.end_date.as_deref().filter(|d| *d < today) {
            out.push((
                Blocker::Expired,
                format!("The visit ended on {}", uk_date(end)),
            ));
        }
    }
    out
}

/// Usernames for those without a stored one: proposals in the order people
/// were added (their ids), so a proposal does not change when others join
/// later, each made unique against every stored username. Each comes with
/// whether it is only a placeholder.
fn propose(
    listed: &[(Person, Vec<(Blocker, String)>)],
    stored: &HashMap<String, (String, bool)>,
    settings: &AccountSettings,
    academic_year: i32,
) -> HashMap<String, (String, bool)> {
    let mut taken: HashSet<String> = stored.values().map(|(n, _)| n.clone()).collect();
    let mut proposed = HashMap::new();
    let mut by_id: Vec<&Person> = listed
        .iter()
        .map(|(p, _)| p)
        .filter(|p| !stored.contains_key(&p.id))
        .collect();
    by_id.sort_by(|a, b| a.id.cmp(&b.id));
    for p in by_id {
        let parts = NameParts {
            forename: &p.first_name,
            surname: &p.last_name,
            year: Some(usernames::name_year(p.joined.as_deref(), academic_year)),
        };
        let chosen = match usernames::from_pattern(&settings.group(p.group).pattern, &parts) {
            Some(base) => (usernames::unique(&base, &taken), false),
            None => (usernames::placeholder(p.group, &taken), true),
        };
        taken.insert(chosen.0.clone());
        proposed.insert(p.id.clone(), chosen);
    }
    proposed
}

/// Everyone who has or may need an account. `show_holds` is for a user who may
/// see safeguarding holds; otherwise no note mentions them.
pub(crate) fn compute(conn: &Conn, show_holds: bool) -> Result<Vec<AccountRow>> {
    let settings = settings_in(conn)?;
    let today = time::today().to_string();
    let academic_year = crate::school::academic_year_in(conn)?;
    let agreements: HashMap<String, StatusRow> =
        status_in_any_order(conn, &StatusFilter::default())?
            .into_iter()
            .map(|r| (r.person_id.clone(), r))
            .collect();
    let histories = histories(conn)?;
    let pending = pending(conn)?;
    let sanctions = crate::incidents::active_sanctions_in(conn, &today)?;
    let holds = if show_holds {
        holds(conn)?
    } else {
        HashSet::new()
    };

    let mut listed: Vec<(Person, Vec<(Blocker, String)>)> = Vec::new();
    for p in people(conn)? {
        let history = histories.get(&p.id);
        let mut found = blockers(&p, agreements.get(&p.id), &settings, &today);
        // A removal is a reason of its own: signing again does not end it.
        for (until, number) in sanctions.get(&p.id).into_iter().flatten() {
            found.push((
                Blocker::Sanction,
                crate::incidents::sanction_reason(until.as_deref(), *number),
            ));
        }
        let out_of_scope = found
            .iter()
            .any(|(b, _)| matches!(b, Blocker::Left | Blocker::GroupOff));
        // People who never had an account and are not meant to have one are not listed.
        if out_of_scope && history.is_none() {
            continue;
        }
        listed.push((p, found));
    }

    let stored: HashMap<String, (String, bool)> = usernames::stored(conn)?
        .into_iter()
        .map(|(id, name, edited)| (id, (name, edited)))
        .collect();
    let mut proposed = propose(&listed, &stored, &settings, academic_year);

    let mut out = Vec::with_capacity(listed.len());
    for (p, mut found) in listed {
        let (username, edited) = if let Some((name, edited)) = stored.get(&p.id) {
            (name.clone(), *edited)
        } else {
            let (name, placeholder) = proposed.remove(&p.id).unwrap_or_default();
            if placeholder {
                found.push((
                    Blocker::NeedsUsername,
                    "Needs a username: the name has no Latin letters to make one from, so type the username they should have".to_owned(),
                ));
            }
            (name, false)
        };
        let history = histories.get(&p.id);
        let allowed = found.is_empty();
        let status = match (history.map(|h| h.active), allowed) {
            (None | Some(false), true) => AccountStatus::Ready,
            (None, false) => AccountStatus::Blocked,
            (Some(true), true) => AccountStatus::Provisioned,
            (Some(true), false) => AccountStatus::ToSuspend,
            (Some(false), false) => AccountStatus::Suspended,
        };
        let domain = &settings.group(p.group).domain;
        let mut notes = Vec::new();
        if holds.contains(&p.id) {
            notes.push(
                "Safeguarding hold: keep this pupil out of shared directories and add no profile photo"
                    .to_owned(),
            );
        }
        let name = format!("{} {}", p.first_name, p.last_name);
        out.push(AccountRow {
            person_id: p.id.clone(),
            name,
            kind: p.kind,
            group: p.group,
            class: p.class,
            year_group: p.year.map(YearGroup::label),
            role: p.role,
            agreement_kind: templates::kind_for(p.kind, p.year),
            status,
            blockers: found.iter().map(|(b, _)| *b).collect(),
            reasons: found.into_iter().map(|(_, words)| words).collect(),
            email: (!domain.is_empty()).then(|| format!("{username}@{domain}")),
            username,
            username_edited: edited,
            provisioned_at: history.and_then(|h| h.provisioned_at.clone()),
            provisioned_by: history.and_then(|h| h.provisioned_by.clone()),
            suspended_at: history.and_then(|h| h.suspended_at.clone()),
            pending_export: pending.get(&p.id).cloned(),
            expires: (p.kind == PersonKind::Visitor)
                .then_some(p.end_date)
                .flatten(),
            first_name: p.first_name,
            last_name: p.last_name,
            notes,
        });
    }
    Ok(out)
}
