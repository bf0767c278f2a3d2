//! The subject access report: everything Assent holds about one person, in a
//! form they can read (UK GDPR article 15). It prints what
//! `assent_core::sar::export` writes as JSON: their details and family links,
//! each agreement with the exact text signed, its signers, times and
//! fingerprints, their photo and video consent history, and the audit entries
//! about them. Signature pictures and scans are the files saved beside it.

use assent_core::agreements::{AgreementRecord, SignerRole};
use assent_core::people::PersonDetail;
use assent_core::{Store, time};

use crate::agreement::agreement_text;
use crate::dates::{uk_date, uk_time};
use crate::page::{Document, Header, Orientation};
use crate::table::{Align, Cell, Table, col, text};
use crate::{Error, Output, data};

/// The document's title, printed at the top of every page.
pub const TITLE: &str = "Subject access: everything held about one person";

/// A subject access request answered in full: the core's export (JSON, the
/// signature images and scans) into `dir`, then `subject-access.pdf`, the same
/// content for a person to read. Returns every file written.
pub fn export_with_pdf(
    store: &mut Store,
    person_id: &str,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>, Error> {
    let mut files = assent_core::sar::export(store, person_id, dir)?;
    let by = store.session()?.actor().as_str().to_owned();
    let pdf = subject_access(store, person_id, &by)?;
    let path = dir.join("subject-access.pdf");
    crate::write_atomically(&path, &pdf.bytes)?;
    files.insert(1, path);
    Ok(files)
}

/// Makes the subject access report for `person_id`. Only a user allowed to
/// answer subject access requests (the head or DSL) may make it.
pub fn subject_access(store: &Store, person_id: &str, generated_by: &str) -> Result<Output, Error> {
    let all = data::subject_access(store, person_id)?;
    let name = full_name(&all.person);
    let by = generated_by.trim();
    let header = Header {
        school: data::school_name(store)?,
        title: TITLE.to_owned(),
        filter: format!("{name} · person {person_id}"),
        generated: format!(
            "Generated on {} by {}",
            time::display_london(chrono::Utc::now()),
            if by.is_empty() { "Assent" } else { by }
        ),
    };
    let mut doc = Document::new(header, Orientation::Portrait)?;
    doc.paragraph(
        &format!(
            "This is everything the school's Assent records hold about {name}, as they stood \
             when it was made. Times are UK time. The same information is in subject-access.json \
             beside this file, with each signature picture and scanned form as its own file."
        ),
        false,
        9.5,
        0.0,
    )?;
    details(&mut doc, &all.person)?;
    family(&mut doc, &all.person)?;
    doc.section("Agreements", 60.0)?;
    if all.agreements.is_empty() {
        doc.paragraph("No agreements are recorded.", false, 9.5, 0.0)?;
    }
    doc.end_section();
    for a in &all.agreements {
        agreement(store, &mut doc, a)?;
    }
    consent(&mut doc, &all.consent)?;
    audit(&mut doc, &all.audit)?;
    let done = doc.finish()?;
    Ok(Output {
        bytes: done.bytes,
        pages: Some(done.pages),
        missing: done.missing,
    })
}

fn full_name(p: &PersonDetail) -> String {
    let s = &p.summary;
    let mut name = s.given_name.clone();
    if let Some(m) = p.middle_names.as_deref().filter(|m| !m.trim().is_empty()) {
        name = format!("{name} {m}");
    }
    format!("{name} {}", s.family_name)
}

fn two_columns(doc: &mut Document, rows: Vec<(&str, String)>) -> Result<(), Error> {
    let columns = vec![
        col("Detail", 1.4, Align::Left),
        col("Record", 4.0, Align::Left),
    ];
    Table::new(doc, columns, 9.0)?.begin(doc)?;
    for (label, value) in rows {
        doc.row(&[Cell::Bold(label.to_owned()), text(value)], false)?;
    }
    doc.end_table();
    Ok(())
}

fn details(doc: &mut Document, p: &PersonDetail) -> Result<(), Error> {
    doc.section("Details", 80.0)?;
    let s = &p.summary;
    let mut rows = vec![
        ("Legal name", full_name(p)),
        ("Recorded as", s.kind.code().to_owned()),
    ];
    let preferred = format!(
        "{} {}",
        s.preferred_given_name.as_deref().unwrap_or(&s.given_name),
        s.preferred_family_name.as_deref().unwrap_or(&s.family_name)
    );
    if preferred != format!("{} {}", s.given_name, s.family_name) {
        rows.push(("Known as", preferred));
    }
    let optional = [
        ("Class", s.class.clone()),
        ("Year group", s.year_group.clone()),
        ("Role", s.role.clone()),
        ("Unique pupil number", s.upn.clone()),
        ("Date of birth", p.date_of_birth.as_deref().map(uk_date)),
        ("Gender", p.gender.clone()),
        ("School system (MIS) id", p.mis_id.clone()),
        ("Admitted", p.admission_date.as_deref().map(uk_date)),
        ("Left", p.leaving_date.as_deref().map(uk_date)),
        ("Started", p.start_date.as_deref().map(uk_date)),
        ("Finished", p.end_date.as_deref().map(uk_date)),
        ("Email", p.email.clone()),
        ("Mobile", p.mobile.clone()),
    ];
    rows.extend(
        optional
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| (label, v))),
    );
    rows.push(("Assent id", s.id.clone()));
    two_columns(doc, rows)?;
    doc.end_section();
    Ok(())
}

fn family(doc: &mut Document, p: &PersonDetail) -> Result<(), Error> {
    let (heading, links) = if p.pupils.is_empty() {
        ("Parents and carers", &p.contacts)
    } else {
        ("Children at the school", &p.pupils)
    };
    doc.section(&format!("Family links: {}", heading.to_lowercase()), 60.0)?;
    if links.is_empty() {
        doc.paragraph("None recorded.", false, 9.5, 0.0)?;
    } else {
        let columns = vec![
            col("Name", 2.0, Align::Left),
            col("Relationship", 1.6, Align::Left),
            col("Parental responsibility", 1.2, Align::Left),
            col("Contact", 2.2, Align::Left),
        ];
        Table::new(doc, columns, 9.0)?.begin(doc)?;
        for l in links {
            let contact: Vec<&str> = [l.email.as_deref(), l.mobile.as_deref(), l.class.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            doc.row(
                &[
                    text(format!("{} {}", l.given_name, l.family_name)),
                    text(l.relationship_label.clone()),
                    text(if l.parental_responsibility {
                        "Yes"
                    } else {
                        "No"
                    }),
                    text(contact.join(", ")),
                ],
                false,
            )?;
        }
        doc.end_table();
    }
    doc.end_section();
    Ok(())
}

fn role_words(role: SignerRole) -> &'static str {
    match role {
        SignerRole::Themselves => "for themselves",
        SignerRole::Pupil => "as the pupil",
        SignerRole::Parent => "as parent or carer",
        SignerRole::ChildMark => "by the child's mark",
    }
}

fn agreement(store: &Store, doc: &mut Document, a: &AgreementRecord) -> Result<(), Error> {
    let version = data::template(store, a.kind, Some(a.version))?;
    doc.section(
        &format!(
            "{} (version {}), {}",
            version.title,
            a.version,
            uk_time(&a.recorded_at)
        ),
        120.0,
    )?;
    let mut rows = vec![
        ("Agreement id", a.id.clone()),
        (
            "Recorded",
            format!(
                "{} by {} on {}",
                uk_time(&a.recorded_at),
                a.recorded_by,
                a.device
            ),
        ),
        (
            "Status",
            a.withdrawn.as_ref().map_or_else(
                || "In force (not withdrawn)".to_owned(),
                |w| format!("Withdrawn: {w}"),
            ),
        ),
        ("Text fingerprint (SHA-256)", a.template_sha256.clone()),
        ("Record fingerprint (SHA-256)", a.evidence_sha256.clone()),
        (
            "Paper form scan",
            if a.has_scan {
                "attached (saved beside this file)"
            } else {
                "none"
            }
            .to_owned(),
        ),
    ];
    for s in &a.signatures {
        let who = match &s.relationship {
            Some(rel) => format!("{} ({rel})", s.signer_name),
            None => s.signer_name.clone(),
        };
        rows.push((
            "Signed",
            format!(
                "{who}, {}, {}; {}; recorded by {}; fingerprint (SHA-256) {}",
                role_words(s.role),
                s.method,
                uk_time(&s.signed_at),
                s.recorded_by,
                s.evidence_sha256
            ),
        ));
    }
    two_columns(doc, rows)?;
    doc.paragraph(
        "The text signed, exactly as shown to the signers:",
        true,
        9.5,
        0.0,
    )?;
    agreement_text(doc, &version)?;
    doc.end_section();
    Ok(())
}

fn consent(doc: &mut Document, history: &[assent_core::consent::Decision]) -> Result<(), Error> {
    doc.section("Photo and video consent history", 60.0)?;
    if history.is_empty() {
        doc.paragraph("No consent decisions are recorded.", false, 9.5, 0.0)?;
    } else {
        let columns = vec![
            col("Purpose", 2.0, Align::Left),
            col("Answer", 0.8, Align::Left),
            col("Given by, how, on", 2.4, Align::Left),
            col("Recorded", 1.8, Align::Left),
        ];
        Table::new(doc, columns, 8.5)?.begin(doc)?;
        for d in history {
            let answer = if d.withdrawal {
                format!(
                    "withdrawn{}",
                    d.reason
                        .as_ref()
                        .map_or_else(String::new, |r| format!(": {r}"))
                )
            } else {
                d.answer.clone()
            };
            doc.row(
                &[
                    text(d.purpose.clone()),
                    text(answer),
                    text(format!(
                        "{}, {}, {}",
                        d.given_by,
                        d.method,
                        uk_date(&d.decided_on)
                    )),
                    text(format!("{} by {}", d.recorded_at, d.recorded_by)),
                ],
                false,
            )?;
        }
        doc.end_table();
    }
    doc.end_section();
    Ok(())
}

fn audit(doc: &mut Document, rows: &[assent_core::audit::AuditRow]) -> Result<(), Error> {
    doc.section("Audit entries about them", 60.0)?;
    if rows.is_empty() {
        doc.paragraph("None.", false, 9.5, 0.0)?;
    } else {
        let columns = vec![
            col("When (UK time)", 1.5, Align::Left),
            col("Who", 1.5, Align::Left),
            col("What", 4.0, Align::Left),
        ];
        Table::new(doc, columns, 8.5)?.begin(doc)?;
        for r in rows {
            doc.row(
                &[
                    text(r.at.clone()),
                    text(r.actor.clone()),
                    text(format!("{} ({})", r.summary, r.action)),
                ],
                false,
            )?;
        }
        doc.end_table();
    }
    doc.end_section();
    Ok(())
}
