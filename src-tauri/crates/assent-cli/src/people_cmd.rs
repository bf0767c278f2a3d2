//! `assent people …`

use std::fmt::Write as _;

use assent_core::Store;
use assent_core::people::{self, Filter, PersonKind};
use clap::{Subcommand, ValueEnum};

use crate::output;

#[derive(Subcommand)]
pub enum PeopleCommand {
    /// List people (pupils who have left are left out unless asked for).
    List {
        /// Only people of this kind.
        #[arg(long, value_enum)]
        kind: Option<KindArg>,
        /// Only pupils in this registration class.
        #[arg(long, value_name = "CLASS")]
        class: Option<String>,
        /// Only pupils in this year group (N, R, 1-6, "Year 3", …).
        #[arg(long, value_name = "YEAR")]
        year: Option<String>,
        /// Only people whose legal or preferred name contains this text.
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Include pupils who have left.
        #[arg(long)]
        include_leavers: bool,
        /// At most this many people.
        #[arg(long, value_name = "N")]
        limit: Option<u32>,
        /// Print a JSON array instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Everything about one person, with their family links.
    Show {
        /// The person's id.
        id: String,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum KindArg {
    Pupil,
    Parent,
    Staff,
    Volunteer,
    Governor,
    Visitor,
}

impl From<KindArg> for PersonKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Pupil => PersonKind::Pupil,
            KindArg::Parent => PersonKind::Parent,
            KindArg::Staff => PersonKind::Staff,
            KindArg::Volunteer => PersonKind::Volunteer,
            KindArg::Governor => PersonKind::Governor,
            KindArg::Visitor => PersonKind::Visitor,
        }
    }
}

pub fn run(command: PeopleCommand, store: &Store) -> assent_core::Result<()> {
    match command {
        PeopleCommand::List {
            kind,
            class,
            year,
            search,
            include_leavers,
            limit,
            json,
        } => {
            let year = year
                .map(|y| {
                    assent_core::values::parse_year_group(&y)
                        .map(assent_core::people::YearGroup::code)
                        .map_err(|reason| assent_core::Error::invalid("year", reason))
                })
                .transpose()?;
            let filter = Filter {
                kind: kind.map(PersonKind::from),
                class,
                year,
                search,
                include_leavers,
                limit,
            };
            let list = people::list(store, &filter)?;
            output::rows(&list, json, |p| {
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.id,
                    p.kind.code(),
                    p.family_name,
                    p.given_name,
                    p.year_group.as_deref().unwrap_or(""),
                    p.class.as_deref().unwrap_or(""),
                    p.upn.as_deref().unwrap_or("")
                )
            })
        }
        PeopleCommand::Show { id, json } => show(store, &id, json),
    }
}

fn show(store: &Store, id: &str, json: bool) -> assent_core::Result<()> {
    let d = people::detail(store, id)?;
    if json {
        return output::print(&output::json(&d)?);
    }
    let s = &d.summary;
    let mut text = format!("{} {} ({})\n", s.given_name, s.family_name, s.kind.code());
    let mut line = |label: &str, value: Option<&str>| {
        if let Some(v) = value {
            let _ = writeln!(text, "  {label:<22}{v}");
        }
    };
    line("Preferred forename", s.preferred_given_name.as_deref());
    line("Preferred surname", s.preferred_family_name.as_deref());
    line("Middle names", d.middle_names.as_deref());
    line("Date of birth", d.date_of_birth.as_deref());
    line("Gender", d.gender.as_deref());
    line("UPN", s.upn.as_deref());
    line("MIS ID", d.mis_id.as_deref());
    line("Year group", s.year_group.as_deref());
    line(
        "Key stage",
        s.key_stage.map(assent_core::values::KeyStage::label),
    );
    line("Class", s.class.as_deref());
    line("Admission date", d.admission_date.as_deref());
    line("Leaving date", d.leaving_date.as_deref());
    line("Role", s.role.as_deref());
    line("Email", d.email.as_deref());
    line("Mobile", d.mobile.as_deref());
    line("Start date", d.start_date.as_deref());
    line("End date", d.end_date.as_deref());
    for c in &d.contacts {
        let _ = writeln!(
            text,
            "  Contact {}: {} {} ({}{})",
            c.priority,
            c.given_name,
            c.family_name,
            c.relationship_label,
            if c.parental_responsibility {
                ", parental responsibility"
            } else {
                ""
            }
        );
    }
    for p in &d.pupils {
        let _ = writeln!(
            text,
            "  Child: {} {} ({}{})",
            p.given_name,
            p.family_name,
            p.relationship_label,
            p.class
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default()
        );
    }
    output::print(&text)
}
