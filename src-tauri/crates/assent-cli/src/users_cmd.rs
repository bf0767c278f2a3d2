//! Signing in from the command line, and `assent users`.

use std::io::IsTerminal;
use std::path::Path;

use assent_core::auth::Role;
use assent_core::users::{self, NewUser};
use assent_core::{Error, Result, Store};
use clap::Subcommand;

/// Environment variable holding the username, as `--user` does.
pub const USER_ENV: &str = "ASSENT_USER";
/// Environment variable holding the password, for scripts.
pub const PASSWORD_ENV: &str = "ASSENT_PASSWORD";
/// Environment variable holding a new password (for `users add`, `users password` and `users reset`).
pub const NEW_PASSWORD_ENV: &str = "ASSENT_NEW_PASSWORD";

#[derive(Subcommand)]
pub enum UsersCommand {
    /// List staff users and their roles (head users only).
    List,
    /// Add a staff user; their password comes from `$ASSENT_NEW_PASSWORD` or a prompt.
    Add {
        /// Sign-in name (letters, digits, dots, hyphens, underscores).
        username: String,
        /// Their name as shown and written in the audit log.
        #[arg(long, value_name = "NAME")]
        name: String,
        /// office, teacher, head or it.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// For a teacher: a class they teach (repeat for several).
        #[arg(long = "class", value_name = "CLASS")]
        classes: Vec<String>,
    },
    /// Change your own password; the new one comes from `$ASSENT_NEW_PASSWORD` or a prompt.
    Password,
    /// Set a new password for another user who has forgotten theirs (head users only).
    Reset {
        /// Their sign-in name.
        username: String,
    },
    /// Remove a user's access; their past actions stay in the audit log.
    Remove {
        /// Their sign-in name.
        username: String,
    },
}

fn parse_role(text: &str) -> std::result::Result<Role, String> {
    Role::from_code(text).ok_or_else(|| "choose office, teacher, head or it".to_owned())
}

/// The username: `--user`, else `$ASSENT_USER`.
pub fn username(user: Option<&str>) -> Result<String> {
    user.map(str::to_owned).ok_or_else(|| {
        Error::invalid(
            "user",
            format!("say who you are with --user NAME or ${USER_ENV}"),
        )
    })
}

/// A password from `env_var`, or typed at a prompt when standard input is a terminal.
pub fn password(env_var: &str, prompt: &str) -> Result<String> {
    if let Ok(p) = std::env::var(env_var) {
        return Ok(p);
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "password",
            format!("set ${env_var}, or run the command in a terminal to be asked"),
        ));
    }
    rpassword::prompt_password(prompt).map_err(|_| {
        Error::invalid(
            "password",
            format!("it could not be read from the keyboard; set ${env_var} instead"),
        )
    })
}

/// A new password: from `env_var`, or typed twice at a prompt.
pub fn new_password(env_var: &str) -> Result<String> {
    if let Ok(p) = std::env::var(env_var) {
        return Ok(p);
    }
    let first = password(env_var, "New password: ")?;
    let again = password(env_var, "New password again: ")?;
    if first != again {
        return Err(Error::invalid(
            "password",
            "the two passwords were not the same",
        ));
    }
    Ok(first)
}

/// Opens the database as the user given on the command line.
pub fn open(db: &Path, user: Option<&str>) -> Result<Store> {
    let name = username(user)?;
    let pass = password(PASSWORD_ENV, &format!("Password for {name}: "))?;
    Store::open(db, &name, &pass)
}

pub fn run(command: UsersCommand, store: &mut Store) -> Result<()> {
    match command {
        UsersCommand::List => {
            crate::output::rows(&users::list(store)?, false, |u| {
                let classes = if u.classes.is_empty() {
                    String::new()
                } else {
                    format!(" — {}", u.classes.join(", "))
                };
                format!(
                    "{:<20} {:<28} {}{}{}",
                    u.username,
                    u.display_name,
                    u.role.label(),
                    classes,
                    if u.active { "" } else { " (access removed)" }
                )
            })?;
        }
        UsersCommand::Add {
            username,
            name,
            role,
            classes,
        } => {
            let password = new_password(NEW_PASSWORD_ENV)?;
            let u = users::add(
                store,
                &NewUser {
                    username,
                    display_name: name,
                    role,
                    password,
                    classes,
                },
            )?;
            println!(
                "Added {} ({}) as {}",
                u.username,
                u.display_name,
                u.role.label()
            );
        }
        UsersCommand::Password => {
            let old = password(PASSWORD_ENV, "Current password: ")?;
            let new = new_password(NEW_PASSWORD_ENV)?;
            users::change_own_password(store, &old, &new)?;
            println!("Your password has been changed.");
        }
        UsersCommand::Reset { username } => {
            let new = new_password(NEW_PASSWORD_ENV)?;
            users::reset_password(store, &username, &new)?;
            println!("Set a new password for {}.", username.trim().to_lowercase());
        }
        UsersCommand::Remove { username } => {
            users::deactivate(store, &username)?;
            println!("Removed access for {}.", username.trim().to_lowercase());
        }
    }
    Ok(())
}
