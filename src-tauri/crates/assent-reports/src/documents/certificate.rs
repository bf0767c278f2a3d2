//! The certificate of one agreement: who agreed to exactly which words, how,
//! when and in front of whom, with the fingerprints anyone can check later.

use assent_core::Store;
use assent_core::agreements::{AgreementEvidence, SignerRole};

use super::output::{document, pdf};
use crate::agreement::agreement_text;
use crate::dates::{uk_date, uk_time};
use crate::page::{Document, Orientation};
use crate::table::{Align, Cell, Table, col, text};
use crate::{Error, Options, Output, Report, data};

fn role_words(role: SignerRole) -> &'static str {
    match role {
        SignerRole::Themselves => "Signed for themselves",
        SignerRole::Pupil => "Pupil",
        SignerRole::Parent => "Parent or carer",
        SignerRole::ChildMark => "Child's mark",
    }
}

fn method_words(method: &str) -> &str {
    match method {
        "drawn" => "drawn on screen",
        "typed" => "typed name, with \"I agree\" ticked",
        "paper" => "on a paper form, recorded by the office",
        other => other,
    }
}

pub(super) fn certificate(store: &Store, id: &str, options: &Options) -> Result<Output, Error> {
    let a = data::evidence(store, id)?;
    let person = data::person(store, &a.person_id)?;
    let version = data::template(store, a.kind, Some(a.version))?;
    let check = data::verify(store, id)?;
    let name = format!(
        "{} {}",
        person
            .summary
            .preferred_given_name
            .as_deref()
            .unwrap_or(&person.summary.given_name),
        person
            .summary
            .preferred_family_name
            .as_deref()
            .unwrap_or(&person.summary.family_name)
    );
    let mut doc = document(
        store,
        &Report::Certificate {
            agreement_id: id.to_owned(),
        },
        format!("{name} · agreement {id}"),
        options,
        Orientation::Portrait,
    )?;
    let whose = match (&person.summary.class, &person.summary.role) {
        (Some(class), _) => format!("{name}, class {class}"),
        (None, Some(role)) => format!("{name}, {role}"),
        _ => name.clone(),
    };
    let status = match &a.withdrawn {
        Some(w) => format!("Withdrawn: {}", withdrawn_words(w)),
        None => "In force (not withdrawn)".to_owned(),
    };
    let details = [
        ("Agreement of", whose),
        (
            "Agreement",
            format!(
                "{} (version {}, {})",
                version.title,
                a.version,
                a.kind.code()
            ),
        ),
        ("Status", status),
        ("Recorded", uk_time(&a.recorded_at)),
        ("Recorded by", a.recorded_by.clone()),
        ("Device", a.device.clone()),
        ("Agreement id", a.id.clone()),
        ("Text fingerprint (SHA-256)", a.template_sha256.clone()),
        ("Record fingerprint (SHA-256)", a.evidence_sha256.clone()),
        (
            "Paper form scan",
            a.scan_sha256.as_ref().map_or_else(
                || "none attached".to_owned(),
                |h| format!("attached; fingerprint (SHA-256) {h}"),
            ),
        ),
    ];
    let columns = vec![
        col("Detail", 1.4, Align::Left),
        col("Record", 4.0, Align::Left),
    ];
    Table::new(&mut doc, columns, 9.0)?.begin(&mut doc)?;
    for (label, value) in details {
        doc.row(&[Cell::Bold(label.to_owned()), text(value)], false)?;
    }
    doc.end_table();
    signatures(&mut doc, &a)?;
    how_to_check(&mut doc, &a, check.matches(), check.checks.len())?;
    doc.y += 6.0;
    doc.section("The agreement exactly as signed", 60.0)?;
    doc.paragraph(
        &format!(
            "Version {} of the {} agreement, published {} by {}. Its fingerprint (SHA-256) is {}.",
            version.version,
            a.kind.code(),
            version.published_at,
            version.published_by,
            version.sha256
        ),
        false,
        8.5,
        0.0,
    )?;
    agreement_text(&mut doc, &version)?;
    doc.end_section();
    pdf(doc)
}

/// The stored "when by whom: why", with the time in UK time.
fn withdrawn_words(stored: &str) -> String {
    match stored.split_once(" by ") {
        Some((at, rest)) => format!("{} by {rest}", uk_time(at)),
        None => stored.to_owned(),
    }
}

fn signatures(doc: &mut Document, a: &AgreementEvidence) -> Result<(), Error> {
    doc.section("Signatures", 80.0)?;
    let columns = vec![
        col("Signed by", 2.0, Align::Left),
        col("How", 1.8, Align::Left),
        col("When (UK time)", 1.5, Align::Left),
        col("Witnessed or recorded by, on", 2.0, Align::Left),
        col("Signature", 1.8, Align::Left),
    ];
    Table::new(doc, columns, 8.5)?
        .with_pictures(96.0, 36.0)
        .begin(doc)?;
    for s in &a.signatures {
        let who = match &s.relationship {
            Some(rel) => format!("{} ({rel})", s.signer_name),
            None => s.signer_name.clone(),
        };
        let when = if s.method == "paper" {
            format!(
                "{} (date on the form); recorded {}",
                uk_date(&s.signed_at),
                uk_time(&s.recorded_at)
            )
        } else {
            uk_time(&s.signed_at)
        };
        let picture = s.image_png.as_deref().and_then(|png| doc.picture(png));
        let signature = match (picture, s.method.as_str()) {
            (Some(p), _) => Cell::Pictures(vec![p], String::new()),
            (None, "typed") => Cell::Bold(s.signer_name.clone()),
            (None, "drawn") => text("(the picture could not be read)"),
            (None, _) => text("on the paper form"),
        };
        let cells = [
            text(who),
            text(format!(
                "{}; {}",
                role_words(s.role),
                method_words(&s.method)
            )),
            text(when),
            text(format!("{}, on {}", s.recorded_by, s.device)),
            signature,
        ];
        doc.row(&cells, false)?;
    }
    doc.end_table();
    for s in &a.signatures {
        doc.paragraph(
            &format!(
                "{} signature fingerprint (SHA-256): {}",
                role_words(s.role),
                s.evidence_sha256
            ),
            false,
            8.0,
            0.0,
        )?;
    }
    doc.end_section();
    Ok(())
}

fn how_to_check(
    doc: &mut Document,
    a: &AgreementEvidence,
    matched: bool,
    checks: usize,
) -> Result<(), Error> {
    doc.section("How to check this certificate", 80.0)?;
    doc.paragraph(
        "The fingerprints on this certificate are worked out from the exact words of the \
         agreement and from every detail of the record and its signatures. Change any of them, \
         even by one letter, and the fingerprint comes out different. So the record can be \
         checked at any time against what is printed here.",
        false,
        9.5,
        0.0,
    )?;
    doc.paragraph(
        "To check it, on the school's computer with Assent, run this command:",
        false,
        9.5,
        0.0,
    )?;
    doc.paragraph(
        &format!("assent agreements verify {}", a.id),
        true,
        9.5,
        16.0,
    )?;
    doc.paragraph(
        "It works every fingerprint out again from what is stored now and compares it with the \
         one stored when the agreement was signed. \"Match\" means the record is exactly as it \
         was signed; \"mismatch\" names what has changed since. The fingerprints it shows should \
         also be the ones printed above.",
        false,
        9.5,
        0.0,
    )?;
    let now = if matched {
        format!("When this certificate was made, all {checks} fingerprints matched.")
    } else {
        "When this certificate was made, the stored record did NOT match its fingerprints: \
         run the command above to see what has changed."
            .to_owned()
    };
    doc.paragraph(&now, true, 9.5, 0.0)?;
    doc.end_section();
    Ok(())
}
