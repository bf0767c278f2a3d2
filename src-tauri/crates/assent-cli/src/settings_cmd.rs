//! `assent settings`: the school's settings that are not about one area's data.

use assent_core::{Result, Store, school};
use clap::{Subcommand, ValueEnum};

#[derive(Clone, Copy, Subcommand)]
pub enum SettingsCommand {
    /// Show the current settings.
    Show,
    /// Whether photo and video consents last until the pupil leaves or expire each school year.
    ConsentRenewal {
        #[arg(value_enum)]
        mode: Renewal,
    },
    /// Whether signed agreements last until the text changes or expire each school year.
    AgreementRenewal {
        #[arg(value_enum)]
        mode: Renewal,
    },
    /// Minutes without use before the app locks itself (1 to 120).
    IdleLock { minutes: u32 },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Renewal {
    /// Expire at the start of each school year (1 September).
    Annual,
    /// Last until the pupil leaves (consent) or the text changes (agreements).
    Lasting,
}

pub fn run(command: SettingsCommand, store: &mut Store) -> Result<()> {
    let words = |annual: bool| {
        if annual {
            "expire each school year"
        } else {
            "last"
        }
    };
    match command {
        SettingsCommand::Show => {
            println!("School: {}", school::name(store)?);
            println!(
                "Photo and video consents: {}",
                words(school::annual_consent_renewal(store)?)
            );
            println!(
                "Agreements: {}",
                words(school::annual_agreement_renewal(store)?)
            );
            println!(
                "The app locks after {} minutes without use",
                school::idle_lock_minutes(store)?
            );
        }
        SettingsCommand::ConsentRenewal { mode } => {
            let annual =
                school::set_annual_consent_renewal(store, matches!(mode, Renewal::Annual))?;
            println!("Photo and video consents now {}.", words(annual));
        }
        SettingsCommand::AgreementRenewal { mode } => {
            let annual =
                school::set_annual_agreement_renewal(store, matches!(mode, Renewal::Annual))?;
            println!("Agreements now {}.", words(annual));
        }
        SettingsCommand::IdleLock { minutes } => {
            school::set_idle_lock_minutes(store, minutes)?;
            println!("The app now locks after {minutes} minutes without use.");
        }
    }
    Ok(())
}
