//! Staff roles, what each role may do, and the signed-in session.
//!
//! Every public operation in the core asks the [`Store`](crate::Store) for a
//! [`Permission`] before touching data, so a role's limits hold whatever the
//! caller is — the app, the CLI or a script — not just because a button is
//! hidden. Teachers are further limited to their own classes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Actor;

/// A staff user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The school office: people, imports, paper forms, registers.
    Office,
    /// A class teacher: their own classes only — view, collect signatures, record consents.
    Teacher,
    /// The headteacher or designated safeguarding lead: everything.
    Head,
    /// The IT technician: accounts and exports, no consent details.
    It,
}

impl Role {
    /// Every role, in the order they are listed.
    pub const ALL: [Role; 4] = [Role::Head, Role::Office, Role::Teacher, Role::It];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Office => "office",
            Role::Teacher => "teacher",
            Role::Head => "head",
            Role::It => "it",
        }
    }

    /// Reads a stored or typed code.
    pub fn from_code(code: &str) -> Option<Role> {
        match code.trim().to_lowercase().as_str() {
            "office" => Some(Role::Office),
            "teacher" => Some(Role::Teacher),
            "head" | "dsl" => Some(Role::Head),
            "it" => Some(Role::It),
            _ => None,
        }
    }

    /// The role in words.
    pub fn label(self) -> &'static str {
        match self {
            Role::Office => "Office",
            Role::Teacher => "Teacher",
            Role::Head => "Headteacher or DSL",
            Role::It => "IT technician",
        }
    }
}

/// Something a user may or may not do. The window gets each role's list from
/// [`Permission::allows`] through the generated bindings, so it cannot drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    /// See people, their classes and contacts (teachers: their classes only).
    ViewPeople,
    /// Add and edit people.
    EditPeople,
    /// Import files from the MIS and move everyone up a year.
    Import,
    /// Read agreement templates.
    ViewTemplates,
    /// Edit drafts and publish new versions of templates.
    PublishTemplates,
    /// See who has signed what (teachers: their classes only).
    ViewAgreements,
    /// Collect drawn or typed signatures (teachers: their classes only).
    CollectSignatures,
    /// Record a returned paper form and its scan.
    RecordPaper,
    /// Withdraw an agreement.
    WithdrawAgreement,
    /// See photo and video consent (teachers: their classes only).
    ViewConsent,
    /// Record or withdraw consent (teachers: their classes only).
    RecordConsent,
    /// Place or lift a safeguarding hold, and read its reason.
    Safeguarding,
    /// Add staff users and change their roles.
    ManageUsers,
    /// Change school settings.
    Settings,
    /// Account lists and exports for Google Workspace and Microsoft Entra.
    Accounts,
    /// Read and check the audit log.
    ViewAudit,
    /// Take a backup of the database.
    Backup,
    /// Subject access requests, retention and erasure.
    DataProtection,
    /// Report an e-safety incident, and see the incidents you reported.
    ReportIncident,
    /// See and manage every e-safety incident: actions, sanctions, status, summaries.
    ManageIncidents,
    /// See whose network or internet access is removed by an incident (no other details).
    ViewSanctions,
}

impl Permission {
    /// Every permission, for tests and documentation.
    pub const ALL: [Permission; 21] = [
        Permission::ViewPeople,
        Permission::EditPeople,
        Permission::Import,
        Permission::ViewTemplates,
        Permission::PublishTemplates,
        Permission::ViewAgreements,
        Permission::CollectSignatures,
        Permission::RecordPaper,
        Permission::WithdrawAgreement,
        Permission::ViewConsent,
        Permission::RecordConsent,
        Permission::Safeguarding,
        Permission::ManageUsers,
        Permission::Settings,
        Permission::Accounts,
        Permission::ViewAudit,
        Permission::Backup,
        Permission::DataProtection,
        Permission::ReportIncident,
        Permission::ManageIncidents,
        Permission::ViewSanctions,
    ];

    /// Whether `role` may do this. The one place the rules live.
    pub fn allows(self, role: Role) -> bool {
        use Permission as P;
        match role {
            Role::Head => true,
            Role::Office => matches!(
                self,
                P::ViewPeople
                    | P::EditPeople
                    | P::Import
                    | P::ViewTemplates
                    | P::ViewAgreements
                    | P::CollectSignatures
                    | P::RecordPaper
                    | P::WithdrawAgreement
                    | P::ViewConsent
                    | P::RecordConsent
                    | P::Backup
                    | P::ReportIncident
            ),
            Role::Teacher => matches!(
                self,
                P::ViewPeople
                    | P::ViewTemplates
                    | P::ViewAgreements
                    | P::CollectSignatures
                    | P::ViewConsent
                    | P::RecordConsent
                    | P::ReportIncident
            ),
            Role::It => matches!(
                self,
                P::ViewPeople
                    | P::ViewTemplates
                    | P::ViewAgreements
                    | P::Accounts
                    | P::Backup
                    | P::ViewSanctions
            ),
        }
    }

    /// What the permission lets you do, in words for an error message.
    pub fn describe(self) -> &'static str {
        use Permission as P;
        match self {
            P::ViewPeople => "see people's records",
            P::EditPeople => "add or edit people",
            P::Import => "import files or move everyone up a year",
            P::ViewTemplates => "read agreement templates",
            P::PublishTemplates => "edit or publish agreement templates",
            P::ViewAgreements => "see who has signed",
            P::CollectSignatures => "collect signatures",
            P::RecordPaper => "record paper forms",
            P::WithdrawAgreement => "withdraw agreements",
            P::ViewConsent => "see photo and video consent",
            P::RecordConsent => "record photo and video consent",
            P::Safeguarding => "place or lift safeguarding holds",
            P::ManageUsers => "manage staff users",
            P::Settings => "change school settings",
            P::Accounts => "manage IT accounts",
            P::ViewAudit => "read the audit log",
            P::Backup => "take backups",
            P::DataProtection => "handle access requests, retention and erasure",
            P::ReportIncident => "report e-safety incidents",
            P::ManageIncidents => "see and manage every e-safety incident",
            P::ViewSanctions => "see access removed after e-safety incidents",
        }
    }
}

/// Who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Session {
    /// The user's id.
    pub user_id: String,
    /// Their sign-in name (lower case).
    pub username: String,
    /// Their name as shown and written in the audit log.
    pub display_name: String,
    /// Their role.
    pub role: Role,
    /// For teachers, the classes they may see; empty for other roles.
    pub classes: Vec<String>,
}

impl Session {
    /// Whether this session may do `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        permission.allows(self.role)
    }

    /// The name recorded in the audit log for changes made in this session.
    pub fn actor(&self) -> Actor {
        Actor::user(&self.display_name, &self.username)
    }

    /// The classes this session is limited to, or `None` if it sees the whole school.
    pub fn class_limit(&self) -> Option<&[String]> {
        (self.role == Role::Teacher).then_some(self.classes.as_slice())
    }

    /// Whether this session may see `class` (a pupil's class, or `None` for adults).
    pub fn sees_class(&self, class: Option<&str>) -> bool {
        match self.class_limit() {
            None => true,
            Some(mine) => class.is_some_and(|c| mine.iter().any(|m| m == c)),
        }
    }
}

/// The shortest password accepted for a staff user.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Checks a new password is long enough and not the username.
pub fn check_new_password(username: &str, password: &str) -> crate::Result<()> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(crate::Error::invalid(
            "password",
            format!("Use at least {MIN_PASSWORD_CHARS} characters."),
        ));
    }
    if password.trim().eq_ignore_ascii_case(username.trim()) {
        return Err(crate::Error::invalid(
            "password",
            "Choose a password that is not your username.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_may_do_everything_and_it_sees_no_consent() {
        for p in Permission::ALL {
            assert!(p.allows(Role::Head), "{p:?}");
        }
        assert!(!Permission::ViewConsent.allows(Role::It));
        assert!(!Permission::RecordConsent.allows(Role::It));
        assert!(!Permission::Safeguarding.allows(Role::Office));
        assert!(!Permission::Safeguarding.allows(Role::Teacher));
        assert!(!Permission::PublishTemplates.allows(Role::Office));
        assert!(!Permission::Accounts.allows(Role::Teacher));
        assert!(!Permission::ManageIncidents.allows(Role::Office));
        assert!(!Permission::ManageIncidents.allows(Role::Teacher));
        assert!(!Permission::ManageIncidents.allows(Role::It));
        assert!(!Permission::ReportIncident.allows(Role::It));
        assert!(Permission::ViewSanctions.allows(Role::It));
        assert!(!Permission::ViewSanctions.allows(Role::Teacher));
    }

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("DSL"), Some(Role::Head));
        assert_eq!(Role::from_code("caretaker"), None);
    }

    #[test]
    fn passwords_must_be_long_and_not_the_username() {
        assert!(check_new_password("head", "short").is_err());
        assert!(check_new_password("headteacher", "HeadTeacher").is_err());
        assert!(check_new_password("head", "a long enough phrase").is_ok());
    }
}
