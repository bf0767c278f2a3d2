//! Recording agreements, later signatures and withdrawals.

use std::collections::HashMap;

use crate::db::{Conn, OptionalExtension};
use crate::params;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

use super::Method;
use super::rules::{allowed_roles, check_signature, refuse, scan_mime};
use super::seal::seal;
use super::{SignRequest, SignatureInput, SignerRole};
use crate::auth::Permission;
use crate::hex::sha256_hex;
use crate::keys::DataKey;
use crate::people::{self, PersonKind};
use crate::sealed::{self, SealedColumn};
use crate::templates::{self, TemplateKind};
use crate::{Actor, Error, Result, Store, audit, consent, store};

/// One recorded signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RecordedSignature {
    /// Who signed, by role.
    pub role: SignerRole,
    /// Their name as given.
    pub signer_name: String,
    /// Their relationship to the pupil, for a parent ("Mother").
    pub relationship: Option<String>,
    /// drawn, typed or paper.
    pub method: String,
    /// When it was signed (UTC; a paper form's date at midnight).
    pub signed_at: String,
    /// SHA-256 of the drawn picture, if any.
    pub image_sha256: Option<String>,
    /// The staff member who witnessed or recorded it.
    pub recorded_by: String,
    /// The SHA-256 sealing this signature.
    pub evidence_sha256: String,
}

/// One agreement with its signatures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgreementRecord {
    /// Its id.
    pub id: String,
    /// Whose agreement it is.
    pub person_id: String,
    /// Which agreement.
    pub kind: TemplateKind,
    /// The version signed.
    pub version: u32,
    /// The hash of the exact text signed.
    pub template_sha256: String,
    /// When it was first recorded (UTC).
    pub recorded_at: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// On which device.
    pub device: String,
    /// The SHA-256 sealing the agreement record.
    pub evidence_sha256: String,
    /// Its signatures, in the order given.
    pub signatures: Vec<RecordedSignature>,
    /// Whether a paper scan is attached.
    pub has_scan: bool,
    /// When, by whom and why it was withdrawn, if it was.
    pub withdrawn: Option<String>,
}

fn hostname_default(device: &str) -> String {
    let d = device.trim();
    if d.is_empty() {
        "unknown device".to_owned()
    } else {
        d.to_owned()
    }
}

/// The parent's relationship to the pupil, if they have parental responsibility.
fn parental_link(conn: &Conn, pupil_id: &str, contact_id: &str) -> Result<Option<String>> {
    let link: Option<(String, bool)> = conn
        .query_row(
            "SELECT relationship, parental_responsibility FROM contact_links WHERE pupil_id = ?1 AND contact_id = ?2",
            params![pupil_id, contact_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(link
        .filter(|(_, pr)| *pr)
        .map(|(rel, _)| crate::values::relationship_meaning(&rel).map_or(rel, str::to_owned)))
}

#[allow(clippy::too_many_arguments)]
fn insert_signature(
    conn: &Conn,
    key: &DataKey,
    agreement_id: &str,
    agreement_seal: &str,
    person_id: &str,
    s: &SignatureInput,
    today: chrono::NaiveDate,
    actor: &Actor,
    device: &str,
) -> Result<()> {
    let paper_date = check_signature(s, today)?;
    let (signer_id, relationship) = match s.role {
        SignerRole::Parent => {
            let contact = s
                .signer_person_id
                .as_deref()
                .ok_or_else(|| refuse("Choose which parent or carer is signing."))?;
            let rel = parental_link(conn, person_id, contact)?.ok_or_else(|| {
                refuse("Only a parent or carer with parental responsibility for this pupil can sign for them.")
            })?;
            (contact.to_owned(), Some(rel))
        }
        SignerRole::Themselves | SignerRole::Pupil | SignerRole::ChildMark => {
            (person_id.to_owned(), None)
        }
    };
    let now = store::now();
    let signed_at = paper_date.map_or_else(|| now.clone(), crate::time::paper_signed_at);
    // The picture's hash is over its plain bytes, as it always was; the
    // picture and its strokes are stored sealed to this signature's row.
    let id = Uuid::now_v7().to_string();
    let image_sha = s.image_png.as_deref().map(sha256_hex);
    let image = s
        .image_png
        .as_deref()
        .map(|png| sealed::seal_bytes(key, SealedColumn::SignatureImage, &id, png))
        .transpose()?;
    let strokes = s
        .strokes
        .as_ref()
        .map(|st| {
            sealed::seal_text(
                key,
                SealedColumn::SignatureStrokes,
                &id,
                &serde_json_lite(st),
            )
        })
        .transpose()?;
    let evidence = seal(&[
        agreement_seal,
        s.role.code(),
        &signer_id,
        s.signer_name.trim(),
        relationship.as_deref().unwrap_or(""),
        s.method.code(),
        image_sha.as_deref().unwrap_or(""),
        &signed_at,
        actor.as_str(),
        device,
    ]);
    conn.execute(
        "INSERT INTO agreement_signatures (id, agreement_id, role, signer_person_id, signer_name,
             relationship, method, image_png, strokes_json, image_sha256, signed_at, recorded_at,
             recorded_by, device, evidence_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            id,
            agreement_id,
            s.role.code(),
            signer_id,
            s.signer_name.trim(),
            relationship,
            s.method.code(),
            image,
            strokes,
            image_sha,
            signed_at,
            now,
            actor.as_str(),
            device,
            evidence
        ],
    )
    .map_err(|e| match e {
        e if e.is_refused() => refuse(format!(
            "This agreement already has a {} signature.",
            s.role.code().replace('_', " ")
        )),
        other => other.into(),
    })?;
    Ok(())
}

/// Strokes as compact JSON: `[[[x,y],…],…]`, rounded to a tenth of a pixel.
fn serde_json_lite(strokes: &[Vec<super::Point>]) -> String {
    let parts: Vec<String> = strokes
        .iter()
        .map(|s| {
            let pts: Vec<String> = s
                .iter()
                .map(|p| format!("[{:.1},{:.1}]", p.x, p.y))
                .collect();
            format!("[{}]", pts.join(","))
        })
        .collect();
    format!("[{}]", parts.join(","))
}

/// Who is signing what: the person may sign, the kind is theirs, the text is current,
/// and the signers fit the kind.
fn check_request(
    tx: &Conn,
    req: &SignRequest,
    today: chrono::NaiveDate,
) -> Result<people::PersonFields> {
    let person = people::get(tx, &req.person_id)?.ok_or_else(|| {
        Error::invalid(
            "person",
            format!("There is nobody with id {}.", req.person_id),
        )
    })?;
    let kind = person.kind.unwrap_or(PersonKind::Staff);
    if person
        .leaving_date
        .as_deref()
        .is_some_and(|d| d < today.to_string().as_str())
    {
        return Err(refuse(format!(
            "{} {} has left the school and cannot sign.",
            person.given_name, person.family_name
        )));
    }
    let required = templates::kind_for(kind, person.year_group);
    if required != req.kind {
        return Err(refuse(format!(
            "{} {} signs the {} agreement, not {}.",
            person.given_name,
            person.family_name,
            required.code(),
            req.kind.code()
        )));
    }
    let current = templates::version_in(tx, req.kind, None)?;
    if current.version != req.version || current.sha256 != req.template_sha256 {
        return Err(refuse(format!(
            "The agreement was updated while this screen was open: version {} is now current. Please reload it and read it again.",
            current.version
        )));
    }
    let allowed = allowed_roles(req.kind);
    let first_ok = match req.kind {
        TemplateKind::Ks2 => req.signatures.iter().any(|s| s.role == SignerRole::Pupil),
        _ => !req.signatures.is_empty(),
    };
    if !first_ok {
        return Err(refuse(match req.kind {
            TemplateKind::Ks2 => {
                "The pupil signs first; their parent or carer can sign now or later."
            }
            _ => "At least one signature is needed.",
        }));
    }
    if let Some(bad) = req.signatures.iter().find(|s| !allowed.contains(&s.role)) {
        return Err(refuse(format!(
            "A {} agreement is not signed by a {}.",
            req.kind.code(),
            bad.role.code().replace('_', " ")
        )));
    }
    Ok(person)
}

/// Records an agreement and its first signatures, in one transaction.
///
/// Sending the same `submission_id` again returns the agreement already recorded.
pub fn sign(store: &mut Store, req: &SignRequest) -> Result<AgreementRecord> {
    let actor = &store
        .require_for(permission_for(&req.signatures), &req.person_id)?
        .actor();
    let key = store.data_key().clone();
    let id = store.write(|tx| {
        if let Some((id, person)) = tx
            .query_row(
                "SELECT id, person_id FROM agreements WHERE submission_id = ?1",
                [&req.submission_id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()?
        {
            if person != req.person_id {
                return Err(refuse("This signing screen was already used for someone else. Please start again."));
            }
            return Ok(id);
        }
        let today = crate::time::today();
        let person = check_request(tx, req, today)?;
        check_choices(tx, req, today)?;
        let device = hostname_default(&req.device);
        let now = store::now();
        let agreement_id = Uuid::now_v7().to_string();
        // The choices are recorded first and the agreement's seal covers their
        // fingerprint: the signature is given to the choices that were shown.
        record_consents(tx, req, actor, &agreement_id)?;
        let choices = if req.consents.is_empty() {
            None
        } else {
            Some(super::choices::seal_of(tx, &agreement_id)?)
        };
        let version = req.version.to_string();
        let mut parts = vec![
            agreement_id.as_str(),
            &req.person_id,
            req.kind.code(),
            &version,
            &req.template_sha256,
            &now,
            actor.as_str(),
            &device,
        ];
        parts.extend(choices.as_deref());
        let evidence = seal(&parts);
        tx.execute(
            "INSERT INTO agreements (id, submission_id, person_id, kind, version, template_sha256,
                 recorded_at, recorded_by, device, evidence_sha256, choices_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                agreement_id,
                req.submission_id,
                req.person_id,
                req.kind.code(),
                req.version,
                req.template_sha256,
                now,
                actor.as_str(),
                device,
                evidence,
                choices
            ],
        )?;
        for s in &req.signatures {
            insert_signature(tx, &key, &agreement_id, &evidence, &req.person_id, s, today, actor, &device)?;
        }
        if let Some(scan) = &req.scan {
            let mime = scan_mime(scan)?;
            let stored = sealed::seal_bytes(&key, SealedColumn::Scan, &agreement_id, scan)?;
            tx.execute(
                "INSERT INTO agreement_scans (agreement_id, mime, bytes, sha256) VALUES (?1, ?2, ?3, ?4)",
                params![agreement_id, mime, stored, sha256_hex(scan)],
            )?;
        }
        let roles: Vec<&str> = req.signatures.iter().map(|s| s.role.code()).collect();
        audit::record(
            tx,
            actor,
            "agreement.sign",
            "agreement",
            Some(&agreement_id),
            &format!(
                "Recorded the {} agreement (version {}) for {} {}: signed by {}",
                req.kind.code(),
                req.version,
                person.given_name,
                person.family_name,
                roles.join(" and ")
            ),
        )?;
        Ok(agreement_id)
    })?;
    load(store.conn(), &id)
}

/// Where the parent agreement asks the photo and video questions (the parent
/// has children on roll, and the school asks about at least one purpose), every
/// question shown must have an answer for every child before it can be signed.
fn check_choices(tx: &Conn, req: &SignRequest, today: chrono::NaiveDate) -> Result<()> {
    if req.kind != TemplateKind::Parent {
        return Ok(());
    }
    let mut answers: HashMap<(&str, &str), bool> = HashMap::new();
    for c in &req.consents {
        if answers.insert((&c.pupil_id, &c.purpose), c.yes) == Some(!c.yes) {
            return Err(refuse(format!(
                "The photo and video choices say both yes and no to \"{}\" for the same child. Please choose again.",
                c.purpose
            )));
        }
    }
    let children = super::plan::children_of(tx, &req.person_id, &today.to_string())?;
    let purposes: Vec<consent::Purpose> = consent::purposes_in(tx)?
        .into_iter()
        .filter(|p| !p.retired)
        .collect();
    let mut first = None;
    let mut unanswered = 0u32;
    for child in &children {
        for p in &purposes {
            if !answers.contains_key(&(child.id.as_str(), p.code.as_str())) {
                unanswered += 1;
                first.get_or_insert((child, p));
            }
        }
    }
    match first {
        None => Ok(()),
        Some((child, p)) => Err(Error::ChoicesUnanswered {
            child_id: child.id.clone(),
            child: child.name.clone(),
            purpose: p.code.clone(),
            purpose_name: p.name.clone(),
            unanswered,
        }),
    }
}

/// The photo and video choices a parent makes in their agreement, recorded in the
/// same transaction so the agreement and the choices stand or fall together.
fn record_consents(tx: &Conn, req: &SignRequest, actor: &Actor, agreement_id: &str) -> Result<()> {
    if req.consents.is_empty() {
        return Ok(());
    }
    if req.kind != TemplateKind::Parent {
        return Err(refuse(
            "Photo and video choices are made in the parent agreement only.",
        ));
    }
    for c in &req.consents {
        consent::record(
            tx,
            &consent::DecisionInput {
                person_id: c.pupil_id.clone(),
                purpose: c.purpose.clone(),
                yes: c.yes,
                given_by: req.person_id.clone(),
                method: consent::ConsentMethod::Agreement,
                date: None,
            },
            actor,
            Some(agreement_id),
        )?;
    }
    Ok(())
}

/// Adds a signature to an agreement already recorded (a parent signing later).
pub fn add_signature(
    store: &mut Store,
    agreement_id: &str,
    signature: &SignatureInput,
    device: &str,
) -> Result<AgreementRecord> {
    let permission = permission_for(std::slice::from_ref(signature));
    store.require(permission)?;
    let person_id = load(store.conn(), agreement_id)?.person_id;
    let actor = &store.require_for(permission, &person_id)?.actor();
    let key = store.data_key().clone();
    store.write(|tx| {
        let a = load(tx, agreement_id)?;
        if a.withdrawn.is_some() {
            return Err(refuse("This agreement was withdrawn; start a new one."));
        }
        if !allowed_roles(a.kind).contains(&signature.role) {
            return Err(refuse(format!("A {} agreement is not signed by a {}.", a.kind.code(), signature.role.code())));
        }
        let current = templates::version_in(tx, a.kind, None)?;
        let material_since: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM template_versions WHERE kind = ?1 AND version > ?2 AND material = TRUE)",
            params![a.kind.code(), a.version],
            |r| r.get(0),
        )?;
        if material_since {
            return Err(refuse(format!(
                "This agreement is for version {}, and version {} has changed it; everyone signs the new version.",
                a.version, current.version
            )));
        }
        let today = crate::time::today();
        insert_signature(tx, &key, agreement_id, &a.evidence_sha256, &a.person_id, signature, today, actor, &hostname_default(device))?;
        audit::record(
            tx,
            actor,
            "agreement.sign",
            "agreement",
            Some(agreement_id),
            &format!("Added the {} signature to the {} agreement", signature.role.code().replace('_', " "), a.kind.code()),
        )
    })?;
    load(store.conn(), agreement_id)
}

/// Withdraws an agreement (it stays on record, marked withdrawn).
pub fn withdraw(store: &mut Store, agreement_id: &str, reason: &str) -> Result<AgreementRecord> {
    let actor = &store.require(Permission::WithdrawAgreement)?.actor();
    if reason.trim().is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why the agreement is withdrawn.",
        ));
    }
    store.write(|tx| {
        let a = load(tx, agreement_id)?;
        if a.withdrawn.is_some() {
            return Err(refuse("This agreement has already been withdrawn."));
        }
        tx.execute(
            "INSERT INTO agreement_withdrawals (agreement_id, withdrawn_at, withdrawn_by, reason) VALUES (?1, ?2, ?3, ?4)",
            params![agreement_id, store::now(), actor.as_str(), reason.trim()],
        )?;
        audit::record(
            tx,
            actor,
            "agreement.withdraw",
            "agreement",
            Some(agreement_id),
            &format!("Withdrew the {} agreement: {}", a.kind.code(), reason.trim()),
        )
    })?;
    load(store.conn(), agreement_id)
}

const AGREEMENT_COLUMNS: &str =
    "a.id, a.person_id, a.kind, a.version, a.template_sha256, a.recorded_at,
    a.recorded_by, a.device, a.evidence_sha256,
    EXISTS (SELECT 1 FROM agreement_scans s WHERE s.agreement_id = a.id),
    (SELECT w.withdrawn_at || ' by ' || w.withdrawn_by || ': ' || w.reason
       FROM agreement_withdrawals w WHERE w.agreement_id = a.id)";

fn record_from_row(r: &crate::db::Row<'_>) -> crate::db::Result<AgreementRecord> {
    let kind: String = r.get(2)?;
    Ok(AgreementRecord {
        id: r.get(0)?,
        person_id: r.get(1)?,
        kind: TemplateKind::from_code(&kind).unwrap_or(TemplateKind::Staff),
        version: r.get(3)?,
        template_sha256: r.get(4)?,
        recorded_at: r.get(5)?,
        recorded_by: r.get(6)?,
        device: r.get(7)?,
        evidence_sha256: r.get(8)?,
        has_scan: r.get(9)?,
        withdrawn: r.get(10)?,
        signatures: Vec::new(),
    })
}

const SIGNATURE_COLUMNS: &str = "s.agreement_id, s.role, s.signer_name, s.relationship, s.method,
    s.signed_at, s.image_sha256, s.recorded_by, s.evidence_sha256";

fn signature_from_row(r: &crate::db::Row<'_>) -> crate::db::Result<(String, RecordedSignature)> {
    let role: String = r.get(1)?;
    Ok((
        r.get(0)?,
        RecordedSignature {
            role: SignerRole::from_code(&role).unwrap_or(SignerRole::Themselves),
            signer_name: r.get(2)?,
            relationship: r.get(3)?,
            method: r.get(4)?,
            signed_at: r.get(5)?,
            image_sha256: r.get(6)?,
            recorded_by: r.get(7)?,
            evidence_sha256: r.get(8)?,
        },
    ))
}

/// One agreement with its signatures.
pub fn agreement(store: &Store, id: &str) -> Result<AgreementRecord> {
    store.require(Permission::ViewAgreements)?;
    let record = load(store.conn(), id)?;
    store.require_for(Permission::ViewAgreements, &record.person_id)?;
    Ok(record)
}

fn load(conn: &Conn, id: &str) -> Result<AgreementRecord> {
    let mut a = conn
        .prepare_cached(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM agreements a WHERE a.id = ?1"
        ))?
        .query_row([id], record_from_row)
        .optional()?
        .ok_or_else(|| {
            Error::invalid("agreement", format!("There is no agreement with id {id}."))
        })?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SIGNATURE_COLUMNS} FROM agreement_signatures s WHERE s.agreement_id = ?1 ORDER BY s.recorded_at, s.id"
    ))?;
    a.signatures = stmt
        .query_map([id], signature_from_row)?
        .map(|r| r.map(|(_, sig)| sig))
        .collect::<crate::db::Result<_>>()?;
    Ok(a)
}

/// Recording a paper form is office work; drawn and typed signatures are collected by teachers too.
fn permission_for(signatures: &[SignatureInput]) -> Permission {
    if signatures.iter().any(|s| s.method == Method::Paper) {
        Permission::RecordPaper
    } else {
        Permission::CollectSignatures
    }
}

/// Every agreement, or one person's, newest first (for a teacher, only their classes').
pub fn agreements_for(store: &Store, person_id: Option<&str>) -> Result<Vec<AgreementRecord>> {
    match person_id {
        Some(id) => store.require_for(Permission::ViewAgreements, id)?,
        None => store.require(Permission::ViewAgreements)?,
    };
    let scope = store.class_scope()?;
    let conn = store.conn();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {AGREEMENT_COLUMNS} FROM agreements a WHERE (CAST(?1 AS TEXT) IS NULL OR a.person_id = ?1) AND {}
         ORDER BY a.recorded_at DESC, a.id DESC",
        crate::people::scope_clause(conn.engine(), "a.person_id", "?2")
    ))?;
    let mut rows: Vec<AgreementRecord> = stmt
        .query_map(params![person_id, scope], record_from_row)?
        .collect::<crate::db::Result<_>>()?;
    // One query for all their signatures, not one per agreement.
    let mut sigs = conn.prepare_cached(&format!(
        "SELECT {SIGNATURE_COLUMNS} FROM agreement_signatures s JOIN agreements a ON a.id = s.agreement_id
         WHERE CAST(?1 AS TEXT) IS NULL OR a.person_id = ?1 ORDER BY s.recorded_at, s.id"
    ))?;
    let mut by_agreement: std::collections::HashMap<String, Vec<RecordedSignature>> =
        std::collections::HashMap::new();
    for row in sigs.query_map([person_id], signature_from_row)? {
        let (agreement, sig) = row?;
        by_agreement.entry(agreement).or_default().push(sig);
    }
    for a in &mut rows {
        a.signatures = by_agreement.remove(&a.id).unwrap_or_default();
    }
    Ok(rows)
}

/// One signature on an agreement recorded from the past (a paper form, as the
/// generated demo history has them).
pub(crate) struct PastSignature<'a> {
    pub role: SignerRole,
    pub signer_person_id: &'a str,
    pub signer_name: &'a str,
    pub relationship: Option<&'a str>,
}

/// Records an agreement signed on paper on `on` (a stored UTC time), sealed
/// exactly as [`sign`] seals one, inside a transaction already open. For the
/// generated demo history only: nothing is checked and nothing is audited one by
/// one (the caller writes one summary entry). Returns the agreement's id.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record_past(
    tx: &Conn,
    person_id: &str,
    kind: TemplateKind,
    version: u32,
    template_sha256: &str,
    on: &str,
    actor: &Actor,
    signatures: &[PastSignature<'_>],
) -> Result<String> {
    let device = "office";
    let agreement_id = Uuid::now_v7().to_string();
    let evidence = seal(&[
        &agreement_id,
        person_id,
        kind.code(),
        &version.to_string(),
        template_sha256,
        on,
        actor.as_str(),
        device,
    ]);
    tx.prepare_cached(
        "INSERT INTO agreements (id, submission_id, person_id, kind, version, template_sha256,
             recorded_at, recorded_by, device, evidence_sha256)
         VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        agreement_id,
        person_id,
        kind.code(),
        version,
        template_sha256,
        on,
        actor.as_str(),
        device,
        evidence
    ])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO agreement_signatures (id, agreement_id, role, signer_person_id, signer_name,
             relationship, method, signed_at, recorded_at, recorded_by, device, evidence_sha256)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'paper', ?7, ?7, ?8, ?9, ?10)",
    )?;
    for s in signatures {
        let sealed = seal(&[
            &evidence,
            s.role.code(),
            s.signer_person_id,
            s.signer_name,
            s.relationship.unwrap_or(""),
            "paper",
            "",
            on,
            actor.as_str(),
            device,
        ]);
        insert.execute(params![
            Uuid::now_v7().to_string(),
            agreement_id,
            s.role.code(),
            s.signer_person_id,
            s.signer_name,
            s.relationship,
            on,
            actor.as_str(),
            device,
            sealed
        ])?;
    }
    Ok(agreement_id)
}

/// Records that an agreement was withdrawn at `on` (a stored UTC time), for the
/// generated demo history only.
pub(crate) fn record_past_withdrawal(
    tx: &Conn,
    agreement_id: &str,
    on: &str,
    actor: &Actor,
    reason: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO agreement_withdrawals (agreement_id, withdrawn_at, withdrawn_by, reason) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![agreement_id, on, actor.as_str(), reason])?;
    Ok(())
}
