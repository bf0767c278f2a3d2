//! Who is making a change, as the audit log names them: the signed-in
//! session gives one, and every recorded change takes one.

/// Who is making a change, as written in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    /// A signed-in staff user.
    pub fn user(display_name: &str, username: &str) -> Self {
        Actor(format!("{display_name} ({username})"))
    }

    /// The name recorded in the audit log.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
