//! Signed agreements: who signed which exact text, how, when, and in front of whom.
//!
//! Every agreement and signature is append-only evidence with its own SHA-256.
//! A parent signing after their child adds a signature; a withdrawal adds a
//! record; nothing is ever edited or deleted. Each person's status (signed,
//! awaiting parent, needs re-signing…) is derived from these records and the
//! template versions, never stored.

mod batch;
mod choices;
mod evidence;
mod plan;
mod rules;
mod seal;
mod sign;
mod status;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::templates::TemplateKind;

pub use batch::{BatchParent, BatchPupil, PaperBatch, paper_batch};
pub(crate) use choices::keep_before_destroying;
pub use evidence::{
    AgreementEvidence, DrawnSignatures, HashCheck, SignatureEvidence, Verification,
    drawn_signatures, evidence, verify,
};
pub use plan::{PlanContact, PlannedSigner, SigningPlan, plan};
pub(crate) use rules::required_roles;
pub use sign::{
    AgreementRecord, RecordedSignature, add_signature, agreement, agreements_for, sign, withdraw,
};
pub(crate) use sign::{PastSignature, record_past, record_past_withdrawal};
pub use status::{
    AgreementStatus, StatusFilter, StatusRow, affected_by_change, renewal_cutoff, status,
    status_for,
};
pub(crate) use status::{latest_agreements_sql, people_sql, status_any_order, status_in_any_order};

/// Who a signature is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum SignerRole {
    /// An adult signing their own agreement (staff, volunteer, governor, visitor, parent).
    #[serde(rename = "self")]
    Themselves,
    /// A KS2 pupil signing their own agreement.
    #[serde(rename = "pupil")]
    Pupil,
    /// A parent or carer with parental responsibility, for a pupil.
    #[serde(rename = "parent")]
    Parent,
    /// A KS1 child adding their name or mark.
    #[serde(rename = "child_mark")]
    ChildMark,
}

impl SignerRole {
    /// The code stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            SignerRole::Themselves => "self",
            SignerRole::Pupil => "pupil",
            SignerRole::Parent => "parent",
            SignerRole::ChildMark => "child_mark",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<SignerRole> {
        [
            SignerRole::Themselves,
            SignerRole::Pupil,
            SignerRole::Parent,
            SignerRole::ChildMark,
        ]
        .into_iter()
        .find(|r| r.code() == code)
    }
}

/// How a signature was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Drawn with a pen, finger or mouse.
    Drawn,
    /// A typed full name with an "I agree" tick.
    Typed,
    /// A returned paper form, recorded by the office.
    Paper,
}

impl Method {
    fn code(self) -> &'static str {
        match self {
            Method::Drawn => "drawn",
            Method::Typed => "typed",
            Method::Paper => "paper",
        }
    }
}

/// A point of a drawn stroke, in canvas pixels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct Point {
    /// Across.
    pub x: f64,
    /// Down.
    pub y: f64,
}

/// One signature as the signing screen (or the CLI) sends it.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct SignatureInput {
    /// Who is signing.
    pub role: SignerRole,
    /// The signer, when they are someone other than the person the agreement is for (a parent).
    pub signer_person_id: Option<String>,
    /// The signer's name as they wrote or typed it.
    pub signer_name: String,
    /// How they signed.
    pub method: Method,
    /// For a typed signature: the "I agree" tick.
    #[serde(default)]
    pub agreed: bool,
    /// For a drawn signature: the picture.
    #[serde(default)]
    pub image_png: Option<Vec<u8>>,
    /// For a drawn signature: the strokes, as drawn.
    #[serde(default)]
    pub strokes: Option<Vec<Vec<Point>>>,
    /// For a paper form: the date written on it (YYYY-MM-DD or dd/mm/yyyy).
    #[serde(default)]
    pub signed_on: Option<String>,
}

/// Everything needed to record an agreement.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct SignRequest {
    /// An id the signing screen made for this attempt; sending it twice records one agreement.
    pub submission_id: String,
    /// Whose agreement it is.
    pub person_id: String,
    /// Which agreement.
    pub kind: TemplateKind,
    /// The version that was on screen.
    pub version: u32,
    /// The hash of the text that was on screen.
    pub template_sha256: String,
    /// The signatures given now.
    pub signatures: Vec<SignatureInput>,
    /// A scan of a returned paper form (PNG, JPEG or PDF, up to 10 MB).
    #[serde(default)]
    pub scan: Option<Vec<u8>>,
    /// The computer or tablet it was signed on.
    pub device: String,
    /// For the parent agreement: the photo and video choices made while signing it.
    #[serde(default)]
    pub consents: Vec<ConsentChoice>,
}

/// One photo and video choice made in the parent agreement.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ConsentChoice {
    /// The child it is about.
    pub pupil_id: String,
    /// The purpose's code ("website").
    pub purpose: String,
    /// Yes or no.
    pub yes: bool,
}
