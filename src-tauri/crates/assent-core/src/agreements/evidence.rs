//! Everything stored about one agreement, for its certificate, and the check
//! that recomputes its fingerprints from what is stored now.
//!
//! `verify` takes nothing on trust: it hashes the stored template text, and
//! re-seals the agreement and each signature from their stored fields, exactly
//! as signing sealed them. Any change made after signing (even directly in the
//! database file) makes at least one recomputed hash differ from the stored one.
//!
//! The pictures and the scan are stored sealed (`crate::sealed`); every hash is
//! over their plain bytes, so each is opened before it is hashed, and a value
//! written before sealing is hashed as it was stored. A sealed value that does
//! not open (altered, or moved from another record) fails its check.

use crate::Store;
use crate::auth::Permission;
use std::collections::HashMap;

use crate::db::{Conn, OptionalExtension};
use crate::params;

use super::SignerRole;
use super::seal::seal;
use crate::hex::sha256_hex;
use crate::keys::DataKey;
use crate::sealed::{self, SealedColumn};
use crate::templates::TemplateKind;
use crate::{Error, Result};

/// One signature with every stored detail, its picture included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureEvidence {
    /// The signature's id.
    pub id: String,
    /// Who signed, by role.
    pub role: SignerRole,
    /// The signer's person id (the pupil, the adult, or the parent).
    pub signer_person_id: Option<String>,
    /// Their name as given.
    pub signer_name: String,
    /// A parent's relationship to the pupil ("Mother").
    pub relationship: Option<String>,
    /// drawn, typed or paper.
    pub method: String,
    /// The drawn picture (PNG), if drawn.
    pub image_png: Option<Vec<u8>>,
    /// The stored SHA-256 of the picture.
    pub image_sha256: Option<String>,
    /// When it was signed (UTC; a paper form's date at midnight).
    pub signed_at: String,
    /// When it was recorded (UTC).
    pub recorded_at: String,
    /// The member of staff who witnessed or recorded it.
    pub recorded_by: String,
    /// The computer or tablet it was given on.
    pub device: String,
    /// The stored SHA-256 sealing the signature.
    pub evidence_sha256: String,
}

/// One agreement with every stored detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgreementEvidence {
    /// Its id.
    pub id: String,
    /// Whose agreement it is.
    pub person_id: String,
    /// Which agreement.
    pub kind: TemplateKind,
    /// The version signed.
    pub version: u32,
    /// The hash of the text signed, as recorded at signing.
    pub template_sha256: String,
    /// When it was recorded (UTC).
    pub recorded_at: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// On which device.
    pub device: String,
    /// The stored SHA-256 sealing the record.
    pub evidence_sha256: String,
    /// Its signatures, in the order given.
    pub signatures: Vec<SignatureEvidence>,
    /// The stored SHA-256 of a scanned paper form, if one is attached.
    pub scan_sha256: Option<String>,
    /// The stored fingerprint of the photo and video choices made with it (a
    /// parent agreement recorded with its choices; `None` before they were sealed).
    pub choices_sha256: Option<String>,
    /// When, by whom and why it was withdrawn, if it was.
    pub withdrawn: Option<String>,
}

/// One recomputed fingerprint beside the stored one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashCheck {
    /// What was checked, in words ("the agreement text", "the pupil's signature").
    pub what: String,
    /// The hash stored at signing.
    pub stored: String,
    /// The hash recomputed now.
    pub computed: String,
}

impl HashCheck {
    /// Whether they agree.
    pub fn matches(&self) -> bool {
        self.stored == self.computed
    }
}

/// The result of `verify`: every fingerprint, recomputed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    /// The agreement checked.
    pub agreement_id: String,
    /// Each check, in order: the text, the record, the choices, each signature and picture, the scan.
    pub checks: Vec<HashCheck>,
}

impl Verification {
    /// Whether every recomputed hash equals the stored one.
    pub fn matches(&self) -> bool {
        self.checks.iter().all(HashCheck::matches)
    }
}

fn role_words(role: SignerRole) -> &'static str {
    match role {
        SignerRole::Themselves => "the signature",
        SignerRole::Pupil => "the pupil's signature",
        SignerRole::Parent => "the parent's or carer's signature",
        SignerRole::ChildMark => "the child's mark",
    }
}

/// Everything stored about one agreement.
pub fn evidence(store: &Store, id: &str) -> Result<AgreementEvidence> {
    let record = super::sign::agreement(store, id)?;
    store.require_for(Permission::ViewAgreements, &record.person_id)?;
    let mut a = stored_evidence(store.conn(), id)?;
    for s in &mut a.signatures {
        s.image_png = s
            .image_png
            .take()
            .map(|b| sealed::open_bytes(store.data_key(), SealedColumn::SignatureImage, &s.id, b))
            .transpose()?;
    }
    Ok(a)
}

/// The agreement as stored, its pictures still sealed.
fn stored_evidence(conn: &Conn, id: &str) -> Result<AgreementEvidence> {
    let mut a = conn
        .prepare_cached(
            "SELECT a.id, a.person_id, a.kind, a.version, a.template_sha256, a.recorded_at,
                    a.recorded_by, a.device, a.evidence_sha256,
                    (SELECT s.sha256 FROM agreement_scans s WHERE s.agreement_id = a.id),
                    (SELECT w.withdrawn_at || ' by ' || w.withdrawn_by || ': ' || w.reason
                       FROM agreement_withdrawals w WHERE w.agreement_id = a.id),
                    a.choices_sha256
             FROM agreements a WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            let kind: String = r.get(2)?;
            Ok(AgreementEvidence {
                id: r.get(0)?,
                person_id: r.get(1)?,
                kind: TemplateKind::from_code(&kind).unwrap_or(TemplateKind::Staff),
                version: r.get(3)?,
                template_sha256: r.get(4)?,
                recorded_at: r.get(5)?,
                recorded_by: r.get(6)?,
                device: r.get(7)?,
                evidence_sha256: r.get(8)?,
                scan_sha256: r.get(9)?,
                withdrawn: r.get(10)?,
                choices_sha256: r.get(11)?,
                signatures: Vec::new(),
            })
        })
        .optional()?
        .ok_or_else(|| {
            Error::invalid("agreement", format!("There is no agreement with id {id}."))
        })?;
    let mut stmt = conn.prepare_cached(
        "SELECT role, signer_person_id, signer_name, relationship, method, image_png,
                image_sha256, signed_at, recorded_at, recorded_by, device, evidence_sha256, id
         FROM agreement_signatures WHERE agreement_id = ?1 ORDER BY recorded_at, id",
    )?;
    a.signatures = stmt
        .query_map([id], |r| {
            let role: String = r.get(0)?;
            Ok(SignatureEvidence {
                id: r.get(12)?,
                role: SignerRole::from_code(&role).unwrap_or(SignerRole::Themselves),
                signer_person_id: r.get(1)?,
                signer_name: r.get(2)?,
                relationship: r.get(3)?,
                method: r.get(4)?,
                image_png: r.get(5)?,
                image_sha256: r.get(6)?,
                signed_at: r.get(7)?,
                recorded_at: r.get(8)?,
                recorded_by: r.get(9)?,
                device: r.get(10)?,
                evidence_sha256: r.get(11)?,
            })
        })?
        .collect::<crate::db::Result<_>>()?;
    Ok(a)
}

/// Recomputes every fingerprint of an agreement from what is stored now.
pub fn verify(store: &Store, id: &str) -> Result<Verification> {
    super::sign::agreement(store, id)?;
    verify_in(store.conn(), store.data_key(), id)
}

/// What a check computes for a sealed value that does not open: never a hash,
/// so the check fails and names what was changed.
const UNOPENED: &str = "(the stored value could not be opened)";

/// The SHA-256 of a sealed value's plain bytes, or [`UNOPENED`].
fn hash_opened(key: &DataKey, column: SealedColumn, row_key: &str, stored: Vec<u8>) -> String {
    sealed::open_bytes(key, column, row_key, stored)
        .map_or_else(|_| UNOPENED.to_owned(), sha256_hex)
}

fn verify_in(conn: &Conn, key: &DataKey, id: &str) -> Result<Verification> {
    let a = stored_evidence(conn, id)?;
    let mut checks = Vec::new();
    let text: Option<(String, String)> = conn
        .query_row(
            "SELECT rendered, sha256 FROM template_versions WHERE kind = ?1 AND version = ?2",
            params![a.kind.code(), a.version],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (rendered, published) = text.unwrap_or_default();
    let computed_text = sha256_hex(&rendered);
    checks.push(HashCheck {
        what: format!(
            "the text of the {} agreement, version {}",
            a.kind.code(),
            a.version
        ),
        stored: a.template_sha256.clone(),
        computed: computed_text.clone(),
    });
    checks.push(HashCheck {
        what: "the published template's own fingerprint".to_owned(),
        stored: published,
        computed: computed_text,
    });
    let version = a.version.to_string();
    let mut parts = vec![
        a.id.as_str(),
        &a.person_id,
        a.kind.code(),
        &version,
        &a.template_sha256,
        &a.recorded_at,
        &a.recorded_by,
        &a.device,
    ];
    // Agreements recorded without choices (and every one recorded before the
    // choices were sealed) are sealed from the eight parts alone, as before.
    parts.extend(a.choices_sha256.as_deref());
    checks.push(HashCheck {
        what: "the agreement record".to_owned(),
        stored: a.evidence_sha256.clone(),
        computed: seal(&parts),
    });
    if let Some(stored) = &a.choices_sha256 {
        let (computed, destroyed) = super::choices::recompute(conn, &a.id)?;
        let what = match destroyed {
            0 => "the photo and video choices made with it".to_owned(),
            1 => "the photo and video choices made with it (one child's answers were destroyed under the retention rules; their digest was kept)".to_owned(),
            n => format!("the photo and video choices made with it ({n} children's answers were destroyed under the retention rules; their digests were kept)"),
        };
        checks.push(HashCheck {
            what,
            stored: stored.clone(),
            computed,
        });
    }
    for s in a.signatures {
        let words = role_words(s.role);
        let picture = s
            .image_png
            .map(|b| hash_opened(key, SealedColumn::SignatureImage, &s.id, b));
        if picture.is_some() || s.image_sha256.is_some() {
            checks.push(HashCheck {
                what: format!("the picture of {words}"),
                stored: s.image_sha256.unwrap_or_default(),
                computed: picture.clone().unwrap_or_default(),
            });
        }
        checks.push(HashCheck {
            what: words.to_owned(),
            stored: s.evidence_sha256.clone(),
            computed: seal(&[
                &a.evidence_sha256,
                s.role.code(),
                s.signer_person_id.as_deref().unwrap_or(""),
                &s.signer_name,
                s.relationship.as_deref().unwrap_or(""),
                &s.method,
                picture.as_deref().unwrap_or(""),
                &s.signed_at,
                &s.recorded_by,
                &s.device,
            ]),
        });
    }
    if let Some(stored) = &a.scan_sha256 {
        let bytes: Vec<u8> = conn.query_row(
            "SELECT bytes FROM agreement_scans WHERE agreement_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        checks.push(HashCheck {
            what: "the scanned paper form".to_owned(),
            stored: stored.clone(),
            computed: hash_opened(key, SealedColumn::Scan, id, bytes),
        });
    }
    Ok(Verification {
        agreement_id: a.id,
        checks,
    })
}

/// Each agreement's drawn pictures (PNG), by role, in signing order.
pub type DrawnSignatures = HashMap<String, Vec<(SignerRole, Vec<u8>)>>;

/// The drawn signature pictures of each of `agreement_ids`, in signing order
/// (agreements with none are left out).
pub fn drawn_signatures(store: &Store, agreement_ids: &[&str]) -> Result<DrawnSignatures> {
    let session = store.require(Permission::ViewAgreements)?;
    // A teacher's registers only ever hold their own classes' agreements.
    if session.class_limit().is_some() {
        for id in agreement_ids {
            super::sign::agreement(store, id)?;
        }
    }
    drawn_signatures_in(store.conn(), store.data_key(), agreement_ids)
}

fn drawn_signatures_in(
    conn: &Conn,
    key: &DataKey,
    agreement_ids: &[&str],
) -> Result<DrawnSignatures> {
    let mut stmt = conn.prepare_cached(
        "SELECT role, image_png, id FROM agreement_signatures
         WHERE agreement_id = ?1 AND image_png IS NOT NULL ORDER BY recorded_at, id",
    )?;
    let mut out = HashMap::new();
    for id in agreement_ids {
        let stored: Vec<(String, Vec<u8>, String)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<crate::db::Result<_>>()?;
        let pictures = stored
            .into_iter()
            .map(|(role, png, signature)| {
                Ok((
                    SignerRole::from_code(&role).unwrap_or(SignerRole::Themselves),
                    sealed::open_bytes(key, SealedColumn::SignatureImage, &signature, png)?,
                ))
            })
            .collect::<Result<Vec<_>>>()?;
        if !pictures.is_empty() {
            out.insert((*id).to_owned(), pictures);
        }
    }
    Ok(out)
}
