//! Every read of the school's records that the documents make, in one place,
//! so a change in how the core is called (a signed-in session instead of the
//! store, say) is made here and nowhere else.

use assent_core::agreements::{
    self, AgreementEvidence, AgreementRecord, DrawnSignatures, StatusFilter, StatusRow,
    Verification,
};
use assent_core::consent::{self, ConsentGrid, NoPhotoRow};
use assent_core::people::{self, ClassSummary, PersonDetail};
use assent_core::templates::{self, TemplateKind, TemplateVersion};
use assent_core::{Store, school};

use crate::Error;

pub(crate) fn school_name(store: &Store) -> Result<String, Error> {
    Ok(school::name(store)?)
}

/// Classes with pupils on roll, youngest year first.
pub(crate) fn classes(store: &Store) -> Result<Vec<ClassSummary>, Error> {
    Ok(people::classes(store)?)
}

pub(crate) fn consent_grid(store: &Store, classes: &[String]) -> Result<ConsentGrid, Error> {
    Ok(consent::grid(store, classes)?)
}

pub(crate) fn no_photo(store: &Store, classes: &[String]) -> Result<Vec<NoPhotoRow>, Error> {
    Ok(consent::no_photo(store, classes)?)
}

/// The purposes the school asks about now, with what families are told of each.
pub(crate) fn purposes(store: &Store) -> Result<Vec<consent::Purpose>, Error> {
    Ok(consent::purposes(store)?
        .into_iter()
        .filter(|p| !p.retired)
        .collect())
}

/// How many purposes the school asks about now.
pub(crate) fn purpose_count(store: &Store) -> Result<usize, Error> {
    Ok(consent::purposes(store)?
        .iter()
        .filter(|p| !p.retired)
        .count())
}

/// Everyone on roll with the agreement they must sign and where they stand.
pub(crate) fn statuses(store: &Store) -> Result<Vec<StatusRow>, Error> {
    Ok(agreements::status(store, &StatusFilter::default())?)
}

/// Every agreement recorded, newest first, with its signatures.
pub(crate) fn all_agreements(store: &Store) -> Result<Vec<AgreementRecord>, Error> {
    Ok(agreements::agreements_for(store, None)?)
}

pub(crate) fn drawn_signatures(store: &Store, ids: &[&str]) -> Result<DrawnSignatures, Error> {
    Ok(agreements::drawn_signatures(store, ids)?)
}

/// A version of an agreement's text (the current one when `version` is `None`).
pub(crate) fn template(
    store: &Store,
    kind: TemplateKind,
    version: Option<u32>,
) -> Result<TemplateVersion, Error> {
    Ok(templates::version(store, kind, version)?)
}

pub(crate) fn person(store: &Store, id: &str) -> Result<PersonDetail, Error> {
    Ok(people::detail(store, id)?)
}

pub(crate) fn evidence(store: &Store, id: &str) -> Result<AgreementEvidence, Error> {
    Ok(agreements::evidence(store, id)?)
}

pub(crate) fn verify(store: &Store, id: &str) -> Result<Verification, Error> {
    Ok(agreements::verify(store, id)?)
}

/// Everything about one person a subject access report prints, read as the
/// signed-in user (who must be allowed to answer subject access requests).
pub(crate) fn subject_access(store: &Store, person_id: &str) -> Result<SubjectAccessData, Error> {
    store.require(assent_core::auth::Permission::DataProtection)?;
    let mut audit = assent_core::audit::list(
        store,
        &assent_core::audit::AuditFilter {
            person_id: Some(person_id.to_owned()),
            // Everything, not the usual screenful.
            limit: Some(u32::MAX),
            ..Default::default()
        },
    )?;
    audit.reverse();
    Ok(SubjectAccessData {
        person: people::detail(store, person_id)?,
        agreements: agreements::agreements_for(store, Some(person_id))?,
        consent: consent::history(store, person_id)?,
        audit,
    })
}

/// See [`subject_access`].
pub(crate) struct SubjectAccessData {
    pub(crate) person: PersonDetail,
    /// Newest first.
    pub(crate) agreements: Vec<AgreementRecord>,
    /// Oldest first.
    pub(crate) consent: Vec<consent::Decision>,
    /// Oldest first, times already in UK time.
    pub(crate) audit: Vec<assent_core::audit::AuditRow>,
}

/// The e-safety incident summary for a period, with the incidents still open.
pub(crate) fn incident_summary(
    store: &Store,
    from: &str,
    to: &str,
) -> Result<assent_core::incidents::IncidentReport, Error> {
    Ok(assent_core::incidents::summary(store, from, to)?)
}
