//! Subject access requests (UK GDPR article 15): everything held about one person.
//!
//! The export is a folder: `subject-access.json` with the person's details,
//! family links, every agreement with the exact text signed, their consent
//! history and the audit entries about them; beside it, each signature image
//! and scanned form as its own file, named in the JSON.

use std::path::{Path, PathBuf};

use crate::params;
use serde::Serialize;

use crate::agreements::AgreementRecord;
use crate::auth::Permission;
use crate::consent::Decision;
use crate::people::PersonDetail;
use crate::sealed::{self, SealedColumn};
use crate::{Error, Result, Store, audit, store, templates};

/// One agreement with the text that was signed.
#[derive(Debug, Clone, Serialize)]
pub struct SignedAgreement {
    /// The agreement record (signers, times, hashes, withdrawal).
    pub record: AgreementRecord,
    /// The text of the version signed, exactly as shown to the signers.
    pub text: String,
    /// Files in the export folder holding this agreement's signature images and scan.
    pub files: Vec<String>,
}

/// One audit entry about the person or their agreements.
#[derive(Debug, Clone, Serialize)]
pub struct AuditLine {
    /// When (UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What kind of change.
    pub action: String,
    /// What changed, in words.
    pub summary: String,
}

/// Everything held about one person.
#[derive(Debug, Clone, Serialize)]
pub struct SubjectAccess {
    /// When the export was made (UTC).
    pub generated_at: String,
    /// Who made it.
    pub generated_by: String,
    /// The school.
    pub school: String,
    /// Their details and family links.
    pub person: PersonDetail,
    /// Their agreements, newest first.
    pub agreements: Vec<SignedAgreement>,
    /// Their photo and video consent decisions, oldest first.
    pub consent: Vec<Decision>,
    /// Audit entries about them, oldest first.
    pub audit: Vec<AuditLine>,
    /// Their IT account's username and history, if they have one.
    pub account: crate::accounts::AccountRecord,
    /// E-safety incidents they were involved in, with what was done about their
    /// access. What happened names others, so it is left for the school to
    /// review and add with any third parties' details removed.
    pub incidents: Vec<crate::incidents::PersonIncident>,
}

/// Writes the subject access export for `person_id` into `dir` (created if
/// needed; must be empty) and returns the files written.
pub fn export(store: &mut Store, person_id: &str, dir: &Path) -> Result<Vec<PathBuf>> {
    let session = store.require(Permission::DataProtection)?.clone();
    if dir.exists()
        && std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, &e))?
            .next()
            .is_some()
    {
        return Err(Error::invalid(
            "folder",
            format!(
                "{} is not empty; choose a new or empty folder",
                dir.display()
            ),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let person = crate::people::detail_in(store.conn(), person_id)?;
    let mut written = Vec::new();
    let mut agreements = Vec::new();
    for record in crate::agreements::agreements_for(store, Some(person_id))? {
        let text = templates::version_in(store.conn(), record.kind, Some(record.version))?.rendered;
        let mut files = Vec::new();
        for (n, (role, png)) in signature_images(store, &record.id)?.into_iter().enumerate() {
            let name = format!(
                "agreement-{}-signature-{}-{role}.png",
                short(&record.id),
                n + 1
            );
            written.push(write_file(dir, &name, &png)?);
            files.push(name);
        }
        if let Some((mime, bytes)) = scan(store, &record.id)? {
            let ext = match mime.as_str() {
                "image/png" => "png",
                "image/jpeg" => "jpg",
                _ => "pdf",
            };
            let name = format!("agreement-{}-scan.{ext}", short(&record.id));
            written.push(write_file(dir, &name, &bytes)?);
            files.push(name);
        }
        agreements.push(SignedAgreement {
            record,
            text,
            files,
        });
    }
    let access = SubjectAccess {
        generated_at: store::now(),
        generated_by: session.actor().as_str().to_owned(),
        school: crate::school::name_in(store.conn())?,
        consent: crate::consent::history(store, person_id)?,
        audit: audit_lines(store, person_id)?,
        account: crate::accounts::record_in(store.conn(), person_id)?,
        incidents: crate::incidents::about_person_in(store.conn(), person_id)?,
        person,
        agreements,
    };
    let json = serde_json::to_vec_pretty(&access).map_err(|e| Error::Database {
        message: e.to_string(),
    })?;
    written.insert(0, write_file(dir, "subject-access.json", &json)?);
    let actor = session.actor();
    store.write(|tx| {
        audit::record(
            tx,
            &actor,
            "person.subject_access",
            "person",
            Some(person_id),
            &format!(
                "Exported everything held about {} {} for a subject access request",
                access.person.summary.given_name, access.person.summary.family_name
            ),
        )
    })?;
    Ok(written)
}

fn short(id: &str) -> &str {
    id.get(id.len().saturating_sub(8)..).unwrap_or(id)
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    let path = dir.join(name);
    crate::files::write_atomically(&path, bytes)?;
    Ok(path)
}

/// The agreement's drawn pictures (opened: they are stored sealed), by role, in signing order.
fn signature_images(store: &Store, agreement_id: &str) -> Result<Vec<(String, Vec<u8>)>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT role, image_png, id FROM agreement_signatures
         WHERE agreement_id = ?1 AND image_png IS NOT NULL ORDER BY recorded_at, id",
    )?;
    let rows: Vec<(String, Vec<u8>, String)> = stmt
        .query_map([agreement_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<crate::db::Result<_>>()?;
    rows.into_iter()
        .map(|(role, png, id)| {
            let png = sealed::open_bytes(store.data_key(), SealedColumn::SignatureImage, &id, png)?;
            Ok((role, png))
        })
        .collect()
}

/// The agreement's scanned paper form, opened, with its type.
fn scan(store: &Store, agreement_id: &str) -> Result<Option<(String, Vec<u8>)>> {
    use crate::db::OptionalExtension;
    let stored: Option<(String, Vec<u8>)> = store
        .conn()
        .query_row(
            "SELECT mime, bytes FROM agreement_scans WHERE agreement_id = ?1",
            [agreement_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    stored
        .map(|(mime, bytes)| {
            let bytes =
                sealed::open_bytes(store.data_key(), SealedColumn::Scan, agreement_id, bytes)?;
            Ok((mime, bytes))
        })
        .transpose()
}

fn audit_lines(store: &Store, person_id: &str) -> Result<Vec<AuditLine>> {
    let mut stmt = store.conn().prepare_cached(
        "SELECT at, actor, action, summary FROM audit_log
         WHERE entity_id = ?1
            OR entity_id IN (SELECT id FROM agreements WHERE person_id = ?1)
         ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![person_id], |r| {
        Ok(AuditLine {
            at: r.get(0)?,
            actor: r.get(1)?,
            action: r.get(2)?,
            summary: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<crate::db::Result<_>>()?)
}
