//! The school's account settings: which groups get accounts, how their
//! usernames and initial passwords are made, their email domains and
//! organisational units, and what the login slips say.

use crate::db::Conn;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AccountGroup;
use super::passwords::PasswordStyle;
use crate::auth::Permission;
use crate::people::FieldProblem;
use crate::{Error, Result, Store, audit};

/// The settings key the account settings are stored under, as JSON.
const KEY: &str = "accounts";

/// How one group's accounts are made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GroupSettings {
    /// Whether this group gets accounts at all.
    pub enabled: bool,
    /// The username pattern, from `{forename}`, `{surname}`, `{initial}`,
    /// `{surname_initial}`, `{yy}` and `{yyyy}` (year of admission, or of
    /// starting for adults) and the characters a–z, 0–9, `.`, `-` and `_`.
    pub pattern: String,
    /// The email domain, such as `pupils.example.sch.uk`; empty until the school sets it.
    pub domain: String,
    /// The organisational unit path, from `{year}` ("Year 4"), `{class}` and
    /// `{role}`, such as `/Pupils/{year}`.
    pub org_unit: String,
    /// How the initial passwords of new accounts are made.
    pub password: PasswordStyle,
}

/// What the login slips say besides the name, username and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SlipSettings {
    /// Where to sign in (a web address such as `classroom.google.com`, or
    /// words such as "any school computer"); empty for no such line.
    pub sign_in_at: String,
    /// Whether each slip ends with a reminder of the agreement its holder signed.
    pub reminder: bool,
}

/// The longest "where to sign in" a slip prints.
const MAX_SIGN_IN_AT: usize = 120;

/// Every account setting, with the defaults until the school changes them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountSettings {
    /// Pupils from Year 1 (and Reception or Nursery if included below).
    pub pupils: GroupSettings,
    /// Staff.
    pub staff: GroupSettings,
    /// Regular volunteers.
    pub volunteers: GroupSettings,
    /// Governors.
    pub governors: GroupSettings,
    /// Visitors, whose accounts end with their visit.
    pub visitors: GroupSettings,
    /// Whether Nursery children get accounts (off by default).
    pub include_nursery: bool,
    /// Whether Reception children get accounts (off by default).
    pub include_reception: bool,
    /// What the login slips say.
    pub slips: SlipSettings,
}

impl Default for AccountSettings {
    fn default() -> Self {
        let group = |pattern: &str, org_unit: &str, password| GroupSettings {
            enabled: true,
            pattern: pattern.to_owned(),
            domain: String::new(),
            org_unit: org_unit.to_owned(),
            password,
        };
        let adults = PasswordStyle::Characters;
        AccountSettings {
            pupils: group(
                "{forename}{surname_initial}{yy}",
                "/Pupils/{year}",
                PasswordStyle::Words,
            ),
            staff: group("{initial}.{surname}", "/Staff", adults),
            volunteers: group("{initial}.{surname}", "/Volunteers", adults),
            governors: group("{initial}.{surname}", "/Governors", adults),
            visitors: group("visitor.{forename}{surname_initial}", "/Visitors", adults),
            include_nursery: false,
            include_reception: false,
            slips: SlipSettings {
                sign_in_at: String::new(),
                reminder: true,
            },
        }
    }
}

impl AccountSettings {
    /// One group's settings.
    pub fn group(&self, group: AccountGroup) -> &GroupSettings {
        match group {
            AccountGroup::Pupils => &self.pupils,
            AccountGroup::Staff => &self.staff,
            AccountGroup::Volunteers => &self.volunteers,
            AccountGroup::Governors => &self.governors,
            AccountGroup::Visitors => &self.visitors,
        }
    }

    /// One group's settings, to change.
    pub fn group_mut(&mut self, group: AccountGroup) -> &mut GroupSettings {
        match group {
            AccountGroup::Pupils => &mut self.pupils,
            AccountGroup::Staff => &mut self.staff,
            AccountGroup::Volunteers => &mut self.volunteers,
            AccountGroup::Governors => &mut self.governors,
            AccountGroup::Visitors => &mut self.visitors,
        }
    }

    /// Trims and checks every field. Every problem is returned at once, each
    /// under its field's name (`pupils.pattern`, `staff.domain`,
    /// `slips.sign_in_at`), so a form can show each beside its field.
    fn checked(&self) -> Result<AccountSettings> {
        let mut out = self.clone();
        let mut problems = Vec::new();
        for group in AccountGroup::ALL {
            let g = out.group_mut(group);
            g.pattern = g.pattern.trim().to_lowercase();
            g.domain = g.domain.trim().to_lowercase();
            g.org_unit = g.org_unit.trim().to_owned();
            let checks = [
                ("pattern", check_pattern(&g.pattern)),
                ("domain", check_domain(&g.domain)),
                ("org_unit", check_org_unit(&g.org_unit)),
            ];
            for (name, check) in checks {
                if let Err(reason) = check {
                    problems.push(FieldProblem {
                        field: field(group, name),
                        reason,
                    });
                }
            }
        }
        let sign_in_at = out.slips.sign_in_at.trim().to_owned();
        out.slips.sign_in_at = sign_in_at;
        if let Err(reason) = check_sign_in_at(&out.slips.sign_in_at) {
            problems.push(FieldProblem {
                field: "slips.sign_in_at".to_owned(),
                reason,
            });
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(Error::InvalidFields { problems })
        }
    }
}

/// The name a group's field goes by in a problem: `pupils.pattern`.
pub(crate) fn field(group: AccountGroup, name: &str) -> String {
    format!("{}.{name}", group.code())
}

/// The placeholders a username pattern may use.
pub(crate) const PATTERN_FIELDS: [&str; 6] = [
    "forename",
    "surname",
    "initial",
    "surname_initial",
    "yy",
    "yyyy",
];

/// The placeholders an organisational unit path may use.
const ORG_UNIT_FIELDS: [&str; 3] = ["year", "class", "role"];

/// Splits a template into literal text and `{placeholder}` names.
pub(crate) fn template_parts(template: &str) -> std::result::Result<Vec<(bool, &str)>, String> {
    let mut parts = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push((false, &rest[..open]));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| "A { has no closing }.".to_owned())?;
        parts.push((true, &rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err("A } has no opening {.".to_owned());
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    Ok(parts)
}

/// Why a username pattern cannot be used, if it cannot.
pub(crate) fn check_pattern(pattern: &str) -> std::result::Result<(), String> {
    if pattern.is_empty() {
        return Err("Give a pattern, such as {forename}{surname_initial}{yy}.".to_owned());
    }
    let parts = template_parts(pattern)?;
    if !parts
        .iter()
        .any(|(is_field, name)| *is_field && matches!(*name, "forename" | "surname" | "initial"))
    {
        return Err("Use at least one of {forename}, {surname} or {initial}.".to_owned());
    }
    for (is_field, text) in parts {
        if is_field && !PATTERN_FIELDS.contains(&text) {
            return Err(format!(
                "{{{text}}} is not a placeholder; use {}.",
                PATTERN_FIELDS.map(|f| format!("{{{f}}}")).join(", ")
            ));
        }
        if !is_field
            && !text.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
            })
        {
            return Err(format!(
                "'{text}': only letters a–z, digits, dots, hyphens and underscores."
            ));
        }
    }
    Ok(())
}

fn check_domain(domain: &str) -> std::result::Result<(), String> {
    if domain.is_empty() {
        return Ok(());
    }
    let labels_ok = domain.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    });
    if !labels_ok || !domain.contains('.') || domain.len() > 253 {
        return Err(format!(
            "'{domain}' is not a domain name such as pupils.example.sch.uk."
        ));
    }
    Ok(())
}

fn check_org_unit(path: &str) -> std::result::Result<(), String> {
    if !path.starts_with('/') || path.chars().any(char::is_control) {
        return Err(
            "Start the path with / (a single / is the top level), such as /Pupils/{year}."
                .to_owned(),
        );
    }
    let parts = template_parts(path)?;
    if let Some((_, bad)) = parts
        .iter()
        .find(|(is_field, name)| *is_field && !ORG_UNIT_FIELDS.contains(name))
    {
        return Err(format!(
            "{{{bad}}} is not a placeholder; use {{year}}, {{class}} or {{role}}."
        ));
    }
    Ok(())
}

fn check_sign_in_at(text: &str) -> std::result::Result<(), String> {
    if text.chars().any(char::is_control) {
        return Err("Write it on one line.".to_owned());
    }
    if text.chars().count() > MAX_SIGN_IN_AT {
        return Err(format!(
            "Keep it to {MAX_SIGN_IN_AT} characters, so that it fits on a slip."
        ));
    }
    Ok(())
}

/// The stored settings, or the defaults.
///
/// What is stored is laid over the defaults, so a school whose settings were
/// saved before a setting existed (the password style, the slips) reads the
/// default for it rather than failing to read any.
pub(crate) fn settings_in(conn: &Conn) -> Result<AccountSettings> {
    let unreadable = |e: serde_json::Error| Error::Database {
        message: format!("the account settings cannot be read: {e}"),
    };
    let Some(text) = crate::settings::get(conn, KEY)? else {
        return Ok(AccountSettings::default());
    };
    let stored: serde_json::Value = serde_json::from_str(&text).map_err(unreadable)?;
    let mut merged = serde_json::to_value(AccountSettings::default()).map_err(unreadable)?;
    lay_over(&mut merged, stored);
    serde_json::from_value(merged).map_err(unreadable)
}

/// Puts `over`'s values into `base`, object by object, keeping what `over` lacks.
fn lay_over(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(base), serde_json::Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(slot) => lay_over(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

/// The school's account settings.
pub fn settings(store: &Store) -> Result<AccountSettings> {
    store.require(Permission::Accounts)?;
    settings_in(store.conn())
}

/// Changes the account settings (checked whole; nothing is saved if any field is wrong).
pub fn set_settings(store: &mut Store, new: &AccountSettings) -> Result<AccountSettings> {
    let actor = store.require(Permission::Accounts)?.actor();
    let checked = new.checked()?;
    let json = serde_json::to_string(&checked).map_err(|e| Error::Database {
        message: e.to_string(),
    })?;
    store.write(|tx| {
        let before = settings_in(tx)?;
        crate::settings::put(tx, KEY, &json)?;
        audit::record(
            tx,
            &actor,
            "accounts.settings",
            "settings",
            None,
            &format!(
                "Changed the account settings: {}",
                describe_changes(&before, &checked)
            ),
        )
    })?;
    Ok(checked)
}

fn describe_changes(before: &AccountSettings, after: &AccountSettings) -> String {
    let mut changes = Vec::new();
    for group in AccountGroup::ALL {
        let (a, b) = (before.group(group), after.group(group));
        let name = group.code();
        if a.enabled != b.enabled {
            changes.push(format!(
                "{name} accounts {}",
                if b.enabled { "on" } else { "off" }
            ));
        }
        if a.pattern != b.pattern {
            changes.push(format!("{name} usernames {}", b.pattern));
        }
        if a.domain != b.domain {
            changes.push(format!("{name} domain {}", b.domain));
        }
        if a.org_unit != b.org_unit {
            changes.push(format!("{name} organisational unit {}", b.org_unit));
        }
        if a.password != b.password {
            changes.push(format!("{name} passwords {}", b.password.code()));
        }
    }
    for (label, a, b) in [
        ("Nursery", before.include_nursery, after.include_nursery),
        (
            "Reception",
            before.include_reception,
            after.include_reception,
        ),
    ] {
        if a != b {
            changes.push(format!("{label} accounts {}", if b { "on" } else { "off" }));
        }
    }
    if before.slips.sign_in_at != after.slips.sign_in_at {
        changes.push(if after.slips.sign_in_at.is_empty() {
            "login slips without where to sign in".to_owned()
        } else {
            format!("login slips: sign in at {}", after.slips.sign_in_at)
        });
    }
    if before.slips.reminder != after.slips.reminder {
        changes.push(format!(
            "login slips' agreement reminder {}",
            if after.slips.reminder { "on" } else { "off" }
        ));
    }
    if changes.is_empty() {
        "no change".to_owned()
    } else {
        changes.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(result: Result<AccountSettings>) -> Vec<String> {
        match result {
            Err(Error::InvalidFields { problems }) => {
                problems.into_iter().map(|p| p.field).collect()
            }
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn the_defaults_are_valid_and_leave_reception_and_nursery_out() {
        let d = AccountSettings::default();
        assert_eq!(d.checked().unwrap(), d);
        assert!(!d.include_nursery && !d.include_reception);
        assert_eq!(d.pupils.pattern, "{forename}{surname_initial}{yy}");
        assert_eq!(d.staff.pattern, "{initial}.{surname}");
        assert_eq!(d.pupils.password, PasswordStyle::Words);
        assert_eq!(d.staff.password, PasswordStyle::Characters);
        assert!(d.slips.reminder && d.slips.sign_in_at.is_empty());
    }

    #[test]
    fn bad_patterns_domains_and_units_are_refused() {
        let mut s = AccountSettings::default();
        s.pupils.pattern = "{forename}{dob}".into();
        assert_eq!(fields(s.checked()), ["pupils.pattern"]);
        s.pupils.pattern = "{yy}".into();
        assert_eq!(fields(s.checked()), ["pupils.pattern"], "a name is needed");
        s.pupils.pattern = "{forename} {surname}".into();
        assert_eq!(fields(s.checked()), ["pupils.pattern"], "no spaces");
        s.pupils.pattern = "  ".into();
        assert_eq!(fields(s.checked()), ["pupils.pattern"], "not empty");
        s.pupils.pattern = "{forename".into();
        assert_eq!(fields(s.checked()), ["pupils.pattern"], "closed braces");
        s = AccountSettings::default();
        s.staff.domain = "not a domain".into();
        assert_eq!(fields(s.checked()), ["staff.domain"]);
        s.staff.domain = " Staff.Example.sch.uk ".into();
        assert_eq!(s.checked().unwrap().staff.domain, "staff.example.sch.uk");
        s.staff.org_unit = "Staff".into();
        assert_eq!(fields(s.checked()), ["staff.org_unit"]);
        s.staff.org_unit = "/Staff/{dept}".into();
        assert_eq!(fields(s.checked()), ["staff.org_unit"]);
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let mut s = AccountSettings::default();
        s.pupils.domain = "pupils".into();
        s.staff.pattern = "{initial}{surname}!".into();
        s.visitors.org_unit = "Visitors".into();
        s.slips.sign_in_at = "line one\nline two".into();
        assert_eq!(
            fields(s.checked()),
            [
                "pupils.domain",
                "staff.pattern",
                "visitors.org_unit",
                "slips.sign_in_at"
            ]
        );
        s = AccountSettings::default();
        s.slips.sign_in_at = "x".repeat(MAX_SIGN_IN_AT + 1);
        assert_eq!(fields(s.checked()), ["slips.sign_in_at"]);
        s.slips.sign_in_at = format!("  {}  ", "x".repeat(MAX_SIGN_IN_AT));
        assert_eq!(
            s.checked().unwrap().slips.sign_in_at.len(),
            MAX_SIGN_IN_AT,
            "trimmed first"
        );
    }

    #[test]
    fn settings_saved_before_a_setting_existed_read_its_default() {
        // As a school saved them before password styles and slip options.
        let old = serde_json::json!({
            "pupils": {"enabled": true, "pattern": "{forename}{yy}", "domain": "p.example.sch.uk", "org_unit": "/P"},
            "staff": {"enabled": false, "pattern": "{initial}.{surname}", "domain": "", "org_unit": "/Staff"},
            "volunteers": {"enabled": true, "pattern": "{initial}.{surname}", "domain": "", "org_unit": "/Volunteers"},
            "governors": {"enabled": true, "pattern": "{initial}.{surname}", "domain": "", "org_unit": "/Governors"},
            "visitors": {"enabled": true, "pattern": "visitor.{forename}", "domain": "", "org_unit": "/Visitors"},
            "include_nursery": false,
            "include_reception": true
        });
        let mut merged = serde_json::to_value(AccountSettings::default()).unwrap();
        lay_over(&mut merged, old);
        let s: AccountSettings = serde_json::from_value(merged).unwrap();
        assert_eq!(s.pupils.pattern, "{forename}{yy}");
        assert_eq!(s.pupils.domain, "p.example.sch.uk");
        assert!(!s.staff.enabled && s.include_reception);
        assert_eq!(s.pupils.password, PasswordStyle::Words);
        assert_eq!(s.staff.password, PasswordStyle::Characters);
        assert_eq!(s.slips, AccountSettings::default().slips);
    }
}
