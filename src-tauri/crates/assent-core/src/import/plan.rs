//! The changes an import will make, worked out in full before anything is written,
//! then applied in one transaction.

use crate::db::Conn;

use crate::params;
use uuid::Uuid;

use super::mapping::ImportKind;
use super::preview::{FieldChange, ImportOutcome, PreviewEntry};
use crate::people::{self, PersonFields, YearGroup};
use crate::{Actor, Result, audit};

/// A person already stored, or one this import adds (by its position among the inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ref {
    Existing(String),
    New(usize),
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Insert(PersonFields),
    Update {
        id: String,
        fields: PersonFields,
    },
    Link {
        pupil: Ref,
        contact: Ref,
        relationship: String,
        priority: u32,
        parental_responsibility: bool,
    },
}

/// Everything an import will do, with the preview lists that describe it.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub ops: Vec<Op>,
    inserts: usize,
    pub added: Vec<PreviewEntry>,
    pub changed: Vec<PreviewEntry>,
    pub leaving: Vec<PreviewEntry>,
    pub unchanged: u32,
    /// Pupils on roll before the import.
    pub roll: u32,
    /// Each leaver's id and the leaving date the import gives them.
    pub leavers: Vec<(String, String)>,
}

/// What the import's own record keeps, beside the counts.
pub(crate) struct ImportRecord<'a> {
    pub kind: ImportKind,
    pub file_name: &'a str,
    pub full_roll: bool,
}

impl Plan {
    /// Queues a new person and returns how later operations can refer to them.
    pub fn insert(&mut self, fields: PersonFields) -> Ref {
        self.ops.push(Op::Insert(fields));
        self.inserts += 1;
        Ref::New(self.inserts - 1)
    }

    pub fn update(&mut self, id: &str, fields: PersonFields) {
        self.ops.push(Op::Update {
            id: id.to_owned(),
            fields,
        });
    }

    pub fn link(
        &mut self,
        pupil: Ref,
        contact: Ref,
        relationship: String,
        priority: u32,
        parental_responsibility: bool,
    ) {
        self.ops.push(Op::Link {
            pupil,
            contact,
            relationship,
            priority,
            parental_responsibility,
        });
    }

    pub fn entry(
        line: Option<u64>,
        entity: &str,
        name: String,
        changes: Vec<FieldChange>,
    ) -> PreviewEntry {
        PreviewEntry {
            line,
            entity: entity.to_owned(),
            name,
            changes,
        }
    }

    /// Writes every operation, with an audit entry for each person or link touched.
    pub fn apply(
        &self,
        conn: &Conn,
        actor: &Actor,
        what: &str,
        record: &ImportRecord<'_>,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<ImportOutcome> {
        let total = u32::try_from(self.ops.len()).unwrap_or(u32::MAX);
        let now = people::now();
        let mut new_ids: Vec<String> = Vec::with_capacity(self.inserts);
        let resolve = |r: &Ref, new_ids: &[String]| match r {
            Ref::Existing(id) => id.clone(),
            Ref::New(i) => new_ids[*i].clone(),
        };
        for (done, op) in self.ops.iter().enumerate() {
            // Often enough for a smooth bar, rarely enough to cost nothing.
            if done % 64 == 0 {
                progress(u32::try_from(done).unwrap_or(u32::MAX), total);
            }
            match op {
                Op::Insert(fields) => {
                    let id = people::insert(conn, fields, &now)?;
                    audit::record(
                        conn,
                        actor,
                        "person.add",
                        "person",
                        Some(&id),
                        &format!("Added {} by {what}", display_name(fields)),
                    )?;
                    new_ids.push(id);
                }
                Op::Update { id, fields } => {
                    people::update_recorded(
                        conn,
                        actor,
                        id,
                        fields,
                        &now,
                        &format!("Updated {} by {what}", display_name(fields)),
                    )?;
                }
                Op::Link {
                    pupil,
                    contact,
                    relationship,
                    priority,
                    parental_responsibility,
                } => {
                    let pupil = resolve(pupil, &new_ids);
                    let contact = resolve(contact, &new_ids);
                    people::link_contact(
                        conn,
                        &pupil,
                        &contact,
                        relationship,
                        *priority,
                        *parental_responsibility,
                    )?;
                    audit::record(
                        conn,
                        actor,
                        "contact.link",
                        "contact_link",
                        Some(&format!("{pupil}/{contact}")),
                        &format!(
                            "Linked contact (relationship {relationship}, priority {priority}, parental responsibility {}) by {what}",
                            if *parental_responsibility {
                                "yes"
                            } else {
                                "no"
                            }
                        ),
                    )?;
                }
            }
        }
        progress(total, total);
        let count = |v: &Vec<PreviewEntry>| u32::try_from(v.len()).unwrap_or(u32::MAX);
        let outcome = ImportOutcome {
            import_id: Uuid::now_v7().to_string(),
            added: count(&self.added),
            changed: count(&self.changed),
            unchanged: self.unchanged,
            leaving: count(&self.leaving),
        };
        self.record(conn, actor, &outcome, record, &now)?;
        audit::record(
            conn,
            actor,
            "import.apply",
            "import",
            Some(&outcome.import_id),
            &format!(
                "Imported {what}: {} added, {} changed, {} unchanged, {} leaving",
                outcome.added, outcome.changed, outcome.unchanged, outcome.leaving
            ),
        )?;
        Ok(outcome)
    }

    /// The import's own record, and who it marked as leaving, so that the
    /// leaving dates can be cleared later in one action.
    fn record(
        &self,
        conn: &Conn,
        actor: &Actor,
        outcome: &ImportOutcome,
        record: &ImportRecord<'_>,
        now: &str,
    ) -> Result<()> {
        let import_id = &outcome.import_id;
        conn.execute(
            "INSERT INTO imports (id, kind, file_name, full_roll, added, changed, unchanged,
                                  leaving, applied_at, applied_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                import_id,
                record.kind.code(),
                record.file_name,
                record.full_roll,
                outcome.added,
                outcome.changed,
                outcome.unchanged,
                outcome.leaving,
                now,
                actor.as_str(),
            ],
        )?;
        let mut leaver = conn.prepare_cached(
            "INSERT INTO import_leavers (import_id, person_id, leaving_date) VALUES (?1, ?2, ?3)",
        )?;
        for (person, date) in &self.leavers {
            leaver.execute(params![import_id, person, date])?;
        }
        Ok(())
    }
}

/// "Preferred-or-legal given name" + "family name", as the office knows the person.
pub(crate) fn display_name(f: &PersonFields) -> String {
    format!(
        "{} {}",
        f.preferred_given_name.as_deref().unwrap_or(&f.given_name),
        f.preferred_family_name.as_deref().unwrap_or(&f.family_name)
    )
}

/// The field-by-field differences between two versions of a person.
pub(crate) fn differences(old: &PersonFields, new: &PersonFields) -> Vec<FieldChange> {
    let year = |y: Option<YearGroup>| y.map(YearGroup::label);
    let pairs: [(&str, Option<String>, Option<String>); 18] = [
        (
            "Legal forename",
            Some(old.given_name.clone()),
            Some(new.given_name.clone()),
        ),
        (
            "Legal surname",
            Some(old.family_name.clone()),
            Some(new.family_name.clone()),
        ),
        (
            "Preferred forename",
            old.preferred_given_name.clone(),
            new.preferred_given_name.clone(),
        ),
        (
            "Preferred surname",
            old.preferred_family_name.clone(),
            new.preferred_family_name.clone(),
        ),
        (
            "Middle names",
            old.middle_names.clone(),
            new.middle_names.clone(),
        ),
        (
            "Date of birth",
            old.date_of_birth.clone(),
            new.date_of_birth.clone(),
        ),
        ("Gender", old.gender.clone(), new.gender.clone()),
        ("UPN", old.upn.clone(), new.upn.clone()),
        ("MIS ID", old.mis_id.clone(), new.mis_id.clone()),
        ("Year group", year(old.year_group), year(new.year_group)),
        ("Class", old.class_name.clone(), new.class_name.clone()),
        (
            "Admission date",
            old.admission_date.clone(),
            new.admission_date.clone(),
        ),
        (
            "Leaving date",
            old.leaving_date.clone(),
            new.leaving_date.clone(),
        ),
        ("Role", old.role.clone(), new.role.clone()),
        ("Email", old.email.clone(), new.email.clone()),
        ("Mobile", old.mobile.clone(), new.mobile.clone()),
        ("Start date", old.start_date.clone(), new.start_date.clone()),
        ("End date", old.end_date.clone(), new.end_date.clone()),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(field, from, to)| FieldChange {
            field: field.to_owned(),
            from,
            to,
        })
        .collect()
}
