//! The school's account settings: which groups get accounts, how their
//! usernames are made, their email domains and organisational units.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::AccountGroup;
use crate::auth::Permission;
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
}

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
}

impl Default for AccountSettings {
    fn default() -> Self {
        let group = |pattern: &str, org_unit: &str| GroupSettings {
            enabled: true,
            pattern: pattern.to_owned(),
            domain: String::new(),
            org_unit: org_unit.to_owned(),
        };
        AccountSettings {
            pupils: group("{forename}{surname_initial}{yy}", "/Pupils/{year}"),
            staff: group("{initial}.{surname}", "/Staff"),
            volunteers: group("{initial}.{surname}", "/Volunteers"),
            governors: group("{initial}.{surname}", "/Governors"),
            visitors: group("visitor.{forename}{surname_initial}", "/Visitors"),
            include_nursery: false,
            include_reception: false,
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

    /// Trims and checks every field; the first problem is returned as an error.
    fn checked(&self) -> Result<AccountSettings> {
        let mut out = self.clone();
        for group in AccountGroup::ALL {
            let g = out.group_mut(group);
            g.pattern = g.pattern.trim().to_lowercase();
            g.domain = g.domain.trim().to_lowercase();
            g.org_unit = g.org_unit.trim().to_owned();
            check_pattern(group, &g.pattern)?;
            check_domain(group, &g.domain)?;
            check_org_unit(group, &g.org_unit)?;
        }
        Ok(out)
    }
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
            .ok_or_else(|| "a { has no closing }".to_owned())?;
        parts.push((true, &rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err("a } has no opening {".to_owned());
    }
    if !rest.is_empty() {
        parts.push((false, rest));
    }
    Ok(parts)
}

fn check_pattern(group: AccountGroup, pattern: &str) -> Result<()> {
    let field = format!("{} username pattern", group.code());
    let parts = template_parts(pattern).map_err(|reason| Error::invalid(&field, reason))?;
    if !parts
        .iter()
        .any(|(is_field, name)| *is_field && matches!(*name, "forename" | "surname" | "initial"))
    {
        return Err(Error::invalid(
            &field,
            "Use at least one of {forename}, {surname} or {initial}.",
        ));
    }
    for (is_field, text) in parts {
        if is_field && !PATTERN_FIELDS.contains(&text) {
            return Err(Error::invalid(
                &field,
                format!(
                    "{{{text}}} is not a placeholder; use {}.",
                    PATTERN_FIELDS.map(|f| format!("{{{f}}}")).join(", ")
                ),
            ));
        }
        if !is_field
            && !text.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')
            })
        {
            return Err(Error::invalid(
                &field,
                format!("'{text}': only letters a–z, digits, dots, hyphens and underscores."),
            ));
        }
    }
    Ok(())
}

fn check_domain(group: AccountGroup, domain: &str) -> Result<()> {
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
        return Err(Error::invalid(
            &format!("{} domain", group.code()),
            format!("'{domain}' is not a domain name such as pupils.example.sch.uk."),
        ));
    }
    Ok(())
}

fn check_org_unit(group: AccountGroup, path: &str) -> Result<()> {
    let field = format!("{} organisational unit", group.code());
    if !path.starts_with('/') || path.chars().any(char::is_control) {
        return Err(Error::invalid(
            &field,
            "Start the path with / (a single / is the top level), such as /Pupils/{year}.",
        ));
    }
    let parts = template_parts(path).map_err(|reason| Error::invalid(&field, reason))?;
    if let Some((_, bad)) = parts
        .iter()
        .find(|(is_field, name)| *is_field && !ORG_UNIT_FIELDS.contains(name))
    {
        return Err(Error::invalid(
            &field,
            format!("{{{bad}}} is not a placeholder; use {{year}}, {{class}} or {{role}}."),
        ));
    }
    Ok(())
}

/// The stored settings, or the defaults.
pub(crate) fn settings_in(conn: &Connection) -> Result<AccountSettings> {
    match crate::settings::get(conn, KEY)? {
        None => Ok(AccountSettings::default()),
        Some(t) => serde_json::from_str(&t).map_err(|e| Error::Database {
            message: format!("the account settings cannot be read: {e}"),
        }),
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
    if changes.is_empty() {
        "no change".to_owned()
    } else {
        changes.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_are_valid_and_leave_reception_and_nursery_out() {
        let d = AccountSettings::default();
        assert_eq!(d.checked().unwrap(), d);
        assert!(!d.include_nursery && !d.include_reception);
        assert_eq!(d.pupils.pattern, "{forename}{surname_initial}{yy}");
        assert_eq!(d.staff.pattern, "{initial}.{surname}");
    }

    #[test]
    fn bad_patterns_domains_and_units_are_refused() {
        let mut s = AccountSettings::default();
        s.pupils.pattern = "{forename}{dob}".into();
        assert!(s.checked().is_err());
        s.pupils.pattern = "{yy}".into();
        assert!(s.checked().is_err(), "a name is needed");
        s.pupils.pattern = "{forename} {surname}".into();
        assert!(s.checked().is_err(), "no spaces");
        s = AccountSettings::default();
        s.staff.domain = "not a domain".into();
        assert!(s.checked().is_err());
        s.staff.domain = " Staff.Example.sch.uk ".into();
        assert_eq!(s.checked().unwrap().staff.domain, "staff.example.sch.uk");
        s.staff.org_unit = "Staff".into();
        assert!(s.checked().is_err());
        s.staff.org_unit = "/Staff/{dept}".into();
        assert!(s.checked().is_err());
    }
}
