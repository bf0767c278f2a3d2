//! Fictional schools and trusts of any size, with three academic years of
//! agreements and consent history, for trying Assent at scale and for the
//! benchmarks.
//!
//! The same [`Scale`] (size and seed) always gives the same people, classes,
//! agreements and decisions; only the stored ids and the times things were
//! recorded differ. Everything is written in one transaction with prepared
//! statements, and the audit log gets one summary entry, as for the demo school.

use crate::db::Conn;
use crate::params;
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

use super::{EMAIL_DOMAIN, FAMILY, NON_LATIN, STAFF_ROLES};
use crate::agreements::{PastSignature, SignerRole, record_past, record_past_withdrawal};
use crate::auth::Permission;
use crate::people::{self, PersonFields, PersonKind, YearGroup};
use crate::templates::TemplateKind;
use crate::{Actor, Error, Result, Store, audit};

/// Class names by year group, Reception to Year 6; with more than one form
/// per year they are numbered ("Oak 3").
const CLASS_NAMES: [&str; 7] = [
    "Acorns", "Beech", "Cedar", "Hazel", "Maple", "Oak", "Willow",
];
const PUPILS_PER_CLASS: u32 = 30;
/// The academic years of history: two before this one, and this one.
const YEARS_OF_HISTORY: i32 = 3;

/// How big a generated school or trust is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scale {
    /// Pupils on roll.
    pub pupils: u32,
    /// Parents and carers (shared between brothers and sisters).
    pub contacts: u32,
    /// Staff (governors, volunteers and visitors come on top, in proportion).
    pub staff: u32,
    /// The seed: the same seed and sizes always give the same school.
    pub seed: u64,
}

impl Scale {
    /// A school of `pupils`, with contacts and staff in a primary's usual proportions
    /// (7 contacts to 4 pupils, one member of staff to ten pupils).
    pub fn pupils(pupils: u32) -> Scale {
        Scale {
            pupils,
            contacts: pupils.saturating_mul(7) / 4,
            staff: (pupils / 10).max(10),
            seed: super::SEED,
        }
    }

    /// A one-form-entry primary: 210 pupils.
    pub fn primary() -> Scale {
        Scale::pupils(210)
    }

    /// A large primary: 700 pupils.
    pub fn large() -> Scale {
        Scale::pupils(700)
    }

    /// A multi-academy trust: 20,000 pupils, 35,000 contacts, 2,000 staff.
    pub fn trust() -> Scale {
        Scale {
            pupils: 20_000,
            contacts: 35_000,
            staff: 2_000,
            seed: super::SEED,
        }
    }

    /// `primary`, `large` or `trust`.
    pub fn named(name: &str) -> Option<Scale> {
        match name {
            "primary" => Some(Scale::primary()),
            "large" => Some(Scale::large()),
            "trust" => Some(Scale::trust()),
            _ => None,
        }
    }

    /// The same sizes with another seed.
    #[must_use]
    pub fn with_seed(self, seed: u64) -> Scale {
        Scale { seed, ..self }
    }

    /// How many classes the pupils fill (30 to a class).
    pub fn classes(&self) -> u32 {
        self.pupils.div_ceil(PUPILS_PER_CLASS)
    }

    /// The name of class number `index` (0-based): year group by `index % 7`.
    pub fn class_name(&self, index: u32) -> String {
        let year = (index % 7) as usize;
        if self.classes() <= 7 {
            CLASS_NAMES[year].to_owned()
        } else {
            format!("{} {}", CLASS_NAMES[year], index / 7 + 1)
        }
    }
}

/// What a generated school holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScaleSummary {
    /// Pupils added.
    pub pupils: u32,
    /// Parents and carers added.
    pub contacts: u32,
    /// Staff added.
    pub staff: u32,
    /// Governors, volunteers and visitors added.
    pub other_adults: u32,
    /// Classes.
    pub classes: u32,
    /// Agreements recorded (every year's, including those later withdrawn).
    pub agreements: u32,
    /// Agreements withdrawn.
    pub withdrawals: u32,
    /// Consent decisions recorded, withdrawals included.
    pub consent_decisions: u32,
}

impl std::fmt::Display for ScaleSummary {
    /// What was generated, in one sentence (for the audit log and the command line).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} pupils in {} classes, {} parents and carers, {} staff, {} governors, volunteers \
             and visitors; {} agreements over three years ({} withdrawn) and {} consent decisions",
            self.pupils,
            self.classes,
            self.contacts,
            self.staff,
            self.other_adults,
            self.agreements,
            self.withdrawals,
            self.consent_decisions
        )
    }
}

/// Creates a generated school of `scale` at `path` with `admin` as its head user
/// (and the demo's office, teacher and IT users, the teacher with the first two
/// classes), or fills an existing database that holds nobody yet.
pub fn create_scaled(
    path: &std::path::Path,
    admin: &crate::Admin,
    scale: &Scale,
) -> Result<(Store, ScaleSummary)> {
    let mut store = if path.exists() {
        Store::open(path, &admin.username, &admin.password)?
    } else {
        let name = if scale.pupils > 2_000 {
            "Juniper Learning Trust"
        } else {
            super::SCHOOL_NAME
        };
        Store::create(path, name, admin)?
    };
    let summary = fill_scaled(&mut store, scale)?;
    let teacher_classes = [scale.class_name(5), scale.class_name(6)];
    for (username, name, role, classes) in super::DEMO_USERS {
        let classes = if classes.is_empty() {
            Vec::new()
        } else {
            teacher_classes.to_vec()
        };
        crate::users::add(
            &mut store,
            &crate::users::NewUser {
                username: username.to_owned(),
                display_name: name.to_owned(),
                role,
                password: admin.password.clone(),
                classes,
            },
        )?;
    }
    Ok((store, summary))
}

/// Adds a generated school of `scale`, with three academic years of agreements and
/// consent history, to a database that holds nobody yet, in one transaction.
pub fn fill_scaled(store: &mut Store, scale: &Scale) -> Result<ScaleSummary> {
    let actor = store.require(Permission::Import)?.actor();
    if !people::is_empty(store.conn())? {
        return Err(Error::NotEmpty {
            path: store.path().display().to_string(),
        });
    }
    if scale.pupils == 0 {
        return Err(Error::invalid(
            "pupils",
            "A school needs at least one pupil.",
        ));
    }
    store.write(|tx| {
        let academic_year = crate::school::academic_year_in(tx)?;
        let mut g = ScaleGenerator::new(tx, *scale, academic_year, actor.clone())?;
        g.people()?;
        g.history()?;
        crate::dashboard::put_checklist_away(tx)?;
        let s = g.summary;
        audit::record(
            tx,
            &actor,
            "demo.load",
            "people",
            None,
            &format!("Generated a fictional school: {s}"),
        )?;
        Ok(s)
    })
}

/// A pupil as the history needs them.
struct Pupil {
    id: String,
    name: String,
    /// 0 for Reception to 6 for Year 6, this year.
    year: i32,
    /// Their family's index in `families`.
    family: usize,
}

/// An adult who signs their own agreement.
struct Adult {
    id: String,
    name: String,
    kind: TemplateKind,
    /// The first academic year they were here.
    since: i32,
}

/// A contact who can sign and consent for the family's children: (id, name, relationship).
type Carer = (String, String, &'static str);

struct ScaleGenerator<'c> {
    conn: &'c Conn,
    scale: Scale,
    rng: fastrand::Rng,
    academic_year: i32,
    today: NaiveDate,
    now: String,
    actor: Actor,
    summary: ScaleSummary,
    pupils: Vec<Pupil>,
    families: Vec<Vec<Carer>>,
    adults: Vec<Adult>,
    /// (kind, version 1's text hash) for each agreement.
    templates: Vec<(TemplateKind, String)>,
    /// (purpose id, explanation id), in order.
    purposes: Vec<(String, String)>,
}

impl<'c> ScaleGenerator<'c> {
    fn new(conn: &'c Conn, scale: Scale, academic_year: i32, actor: Actor) -> Result<Self> {
        let mut stmt = conn.prepare(
            "SELECT kind, sha256 FROM template_versions WHERE version = 1 ORDER BY kind",
        )?;
        let templates = stmt
            .query_map((), |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<crate::db::Result<Vec<_>>>()?
            .into_iter()
            .filter_map(|(k, sha)| TemplateKind::from_code(&k).ok().map(|k| (k, sha)))
            .collect();
        let mut stmt = conn.prepare(
            "SELECT p.id, (SELECT e.id FROM consent_explanations e WHERE e.purpose_id = p.id
                           ORDER BY e.version DESC LIMIT 1)
             FROM consent_purposes p WHERE p.retired_at IS NULL ORDER BY p.position",
        )?;
        let purposes = stmt
            .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<crate::db::Result<_>>()?;
        Ok(ScaleGenerator {
            conn,
            scale,
            rng: fastrand::Rng::with_seed(scale.seed),
            academic_year,
            today: crate::time::today(),
            now: people::now(),
            actor,
            summary: ScaleSummary::default(),
            pupils: Vec::new(),
            families: Vec::new(),
            adults: Vec::new(),
            templates,
            purposes,
        })
    }

    fn pick<'a>(&mut self, list: &'a [&'a str]) -> &'a str {
        list[self.rng.usize(..list.len())]
    }

    fn given(&mut self, family: &str, female: bool) -> String {
        if let Some((_, names)) = NON_LATIN.iter().find(|(f, _)| *f == family) {
            return self.pick(names).to_owned();
        }
        super::given_name(&mut self.rng, female).to_owned()
    }

    fn family_name(&mut self) -> String {
        // About one family in fourteen writes its name in another script.
        super::family_name(&mut self.rng).to_owned()
    }

    fn insert(&self, person: &PersonFields) -> Result<String> {
        people::insert(self.conn, person, &self.now)
    }

    fn people(&mut self) -> Result<()> {
        self.summary.classes = self.scale.classes();
        let total = u64::from(self.scale.pupils);
        let contacts = u64::from(self.scale.contacts);
        for i in 0..self.scale.pupils {
            // Contacts so far should be close to contacts × pupils so far / pupils.
            let due = contacts * (u64::from(i) + 1) / total;
            let owed = due.saturating_sub(u64::from(self.summary.contacts));
            // About one pupil in six has a brother or sister already here.
            let sibling = !self.families.is_empty() && (owed == 0 || self.rng.u8(..6) == 0);
            let family = if sibling {
                self.rng.usize(..self.families.len())
            } else {
                let n = owed.clamp(1, 3);
                self.new_family(n)?;
                self.families.len() - 1
            };
            self.add_pupil(i, family)?;
        }
        self.add_adults()
    }

    fn new_family(&mut self, contacts: u64) -> Result<()> {
        let family_name = self.family_name();
        let mother_first = self.rng.u8(..3) != 0;
        let mut carers = Vec::new();
        for n in 0..contacts {
            // The first two have parental responsibility; a third is a grandparent who has not.
            let (rel, female) = match n {
                0 if mother_first => ("PAM", true),
                0 => ("PAF", false),
                1 if mother_first => ("PAF", false),
                1 => ("PAM", true),
                _ if self.rng.bool() => ("GRM", true),
                _ => ("GRF", false),
            };
            let family = if n == 1 && self.rng.u8(..4) == 0 {
                self.pick(FAMILY).to_owned()
            } else {
                family_name.clone()
            };
            let given = self.given(&family, female);
            self.summary.contacts += 1;
            let serial = self.summary.contacts;
            let id = self.insert(&PersonFields {
                kind: Some(PersonKind::Parent),
                given_name: given.clone(),
                family_name: family.clone(),
                email: Some(format!("parent{serial:05}@{EMAIL_DOMAIN}")),
                // 07700 900000–900999 is set aside for drama, so no real phone rings.
                mobile: Some(format!("07700 900{:03}", serial % 1000)),
                ..PersonFields::default()
            })?;
            carers.push((id, format!("{given} {family}"), rel));
        }
        self.families.push(carers);
        Ok(())
    }

    fn add_pupil(&mut self, index: u32, family: usize) -> Result<()> {
        let class_index = index / PUPILS_PER_CLASS;
        let year = i32::try_from(class_index % 7).expect("under 7");
        let year_group = if year == 0 {
            YearGroup::Reception
        } else {
            YearGroup::Year(u8::try_from(year).expect("under 7"))
        };
        let family_name = self
            .families
            .get(family)
            .and_then(|f| f.first())
            .map(|(_, name, _)| name.rsplit(' ').next().unwrap_or(name).to_owned())
            .unwrap_or_default();
        let family_name = if family_name.is_empty() {
            self.family_name()
        } else {
            family_name
        };
        let female = self.rng.bool();
        let given = self.given(&family_name, female);
        self.summary.pupils += 1;
        let serial = self.summary.pupils;
        let start = NaiveDate::from_ymd_opt(self.academic_year - 5 - year, 9, 1)
            .expect("1 September exists");
        let born = start + chrono::Days::new(self.rng.u64(..365));
        let admitted =
            NaiveDate::from_ymd_opt(born.year() + 4 + i32::from(born.month() >= 9), 9, 4)
                .expect("4 September exists");
        // UPNs: a fictional local authority (999), a new establishment number
        // (from 2001) for each thousand pupils, so every UPN is unique.
        let upn = crate::values::upn_from_digits(&format!(
            "999{:04}{:02}{:03}",
            2001 + (serial - 1) / 1000,
            admitted.year() % 100,
            (serial - 1) % 1000
        ));
        let id = self.insert(&PersonFields {
            kind: Some(PersonKind::Pupil),
            given_name: given.clone(),
            family_name: family_name.clone(),
            date_of_birth: Some(born.to_string()),
            gender: Some(if female { "F" } else { "M" }.to_owned()),
            upn,
            mis_id: Some(format!("{}", 100_000 + serial)),
            admission_date: Some(admitted.to_string()),
            year_group: Some(year_group),
            class_name: Some(self.scale.class_name(class_index)),
            ..PersonFields::default()
        })?;
        for (priority, (contact, _, rel)) in self.families[family].iter().enumerate() {
            let priority = u32::try_from(priority + 1).expect("few contacts");
            let pr = matches!(*rel, "PAM" | "PAF");
            people::link_contact(self.conn, &id, contact, rel, priority, pr)?;
        }
        self.pupils.push(Pupil {
            id,
            name: format!("{given} {family_name}"),
            year,
            family,
        });
        Ok(())
    }

    fn add_adults(&mut self) -> Result<()> {
        let staff = self.scale.staff;
        let others = (staff / 10).max(4);
        for n in 0..staff + others {
            let (kind, role) = if n < self.summary.classes.min(staff) {
                (
                    PersonKind::Staff,
                    format!("Class teacher, {}", self.scale.class_name(n)),
                )
            } else if n < staff {
                (PersonKind::Staff, self.pick(STAFF_ROLES).to_owned())
            } else {
                match n % 3 {
                    0 => (PersonKind::Governor, "Governor".to_owned()),
                    1 => (PersonKind::Volunteer, "Reading volunteer".to_owned()),
                    _ => (PersonKind::Visitor, "Visiting specialist".to_owned()),
                }
            };
            let family = self.family_name();
            let female = self.rng.bool();
            let given = self.given(&family, female);
            let since = self.academic_year - i32::from(self.rng.u8(..10));
            let (start_date, end_date) = if kind == PersonKind::Visitor {
                let start = self.today - chrono::Days::new(self.rng.u64(..60));
                (
                    start.to_string(),
                    Some((start + chrono::Days::new(5)).to_string()),
                )
            } else {
                (format!("{since}-09-01"), None)
            };
            let id = self.insert(&PersonFields {
                kind: Some(kind),
                given_name: given.clone(),
                family_name: family.clone(),
                role: Some(role),
                email: Some(format!(
                    "{}.{}{n}@{EMAIL_DOMAIN}",
                    super::ascii_fold(&given),
                    super::ascii_fold(&family)
                )),
                start_date: Some(start_date),
                end_date,
                ..PersonFields::default()
            })?;
            if kind == PersonKind::Staff {
                self.summary.staff += 1;
            } else {
                self.summary.other_adults += 1;
            }
            let kind = crate::templates::kind_for(kind, None);
            let since = if matches!(kind, TemplateKind::GovernorVisitor) && n % 3 == 2 {
                self.academic_year
            } else {
                since
            };
            self.adults.push(Adult {
                id,
                name: format!("{given} {family}"),
                kind,
                since,
            });
        }
        Ok(())
    }

    /// A day in the first `within` days of the autumn term of academic year
    /// `year`, never after today.
    fn autumn(&mut self, year: i32, within: u64) -> NaiveDate {
        let day = NaiveDate::from_ymd_opt(year, 9, 4).expect("4 September exists")
            + chrono::Days::new(self.rng.u64(..within));
        day.min(self.today)
    }

    fn stored(day: NaiveDate, minute: u32) -> String {
        format!(
            "{day}T{:02}:{:02}:00.000Z",
            8 + minute / 60 % 9,
            minute % 60
        )
    }

    fn template_sha(&self, kind: TemplateKind) -> String {
        self.templates
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, sha)| sha.clone())
            .unwrap_or_default()
    }

    fn history(&mut self) -> Result<()> {
        for index in 0..self.pupils.len() {
            self.pupil_history(index)?;
        }
        for index in 0..self.adults.len() {
            self.adult_history(index)?;
        }
        // Half of the parents with parental responsibility sign the parent agreement once.
        for family in 0..self.families.len() {
            for c in 0..self.families[family].len() {
                let (id, name, rel) = self.families[family][c].clone();
                if matches!(rel, "PAM" | "PAF") && self.rng.bool() {
                    let year = self.academic_year - i32::from(self.rng.u8(..3));
                    let day = self.autumn(year, 50);
                    let on = Self::stored(day, self.rng.u32(..500));
                    self.agreement(
                        &id,
                        TemplateKind::Parent,
                        &on,
                        &[(SignerRole::Themselves, &id, &name, None)],
                    )?;
                }
            }
        }
        Ok(())
    }

    fn agreement(
        &mut self,
        person_id: &str,
        kind: TemplateKind,
        on: &str,
        signers: &[(SignerRole, &str, &str, Option<&str>)],
    ) -> Result<String> {
        let sha = self.template_sha(kind);
        let signatures: Vec<PastSignature<'_>> = signers
            .iter()
            .map(|(role, id, name, rel)| PastSignature {
                role: *role,
                signer_person_id: id,
                signer_name: name,
                relationship: *rel,
            })
            .collect();
        self.summary.agreements += 1;
        record_past(
            self.conn,
            person_id,
            kind,
            1,
            &sha,
            on,
            &self.actor,
            &signatures,
        )
    }

    /// Withdraws about one agreement in fifty a few weeks on; most of those are
    /// signed again a few weeks after that.
    fn maybe_withdraw(&mut self, agreement_id: &str, day: NaiveDate) -> Result<Option<NaiveDate>> {
        if self.rng.u8(..50) != 0 {
            return Ok(None);
        }
        let withdrawn = (day + chrono::Days::new(14 + self.rng.u64(..30))).min(self.today);
        record_past_withdrawal(
            self.conn,
            agreement_id,
            &Self::stored(withdrawn, self.rng.u32(..500)),
            &self.actor,
            "Withdrawn at the family's request",
        )?;
        self.summary.withdrawals += 1;
        let again = (withdrawn + chrono::Days::new(14 + self.rng.u64(..30))).min(self.today);
        Ok((self.rng.u8(..10) < 7).then_some(again))
    }

    fn pupil_history(&mut self, index: usize) -> Result<()> {
        let (id, name, year_now, family) = {
            let p = &self.pupils[index];
            (p.id.clone(), p.name.clone(), p.year, p.family)
        };
        let carers: Vec<Carer> = self.families[family]
            .iter()
            .filter(|(_, _, rel)| matches!(*rel, "PAM" | "PAF"))
            .cloned()
            .collect();
        let Some(first) = carers.first().cloned() else {
            return Ok(());
        };
        for back in (0..YEARS_OF_HISTORY).rev() {
            let year_then = year_now - back;
            if year_then < 0 {
                continue;
            }
            let academic_year = self.academic_year - back;
            let kind = if year_then >= 3 {
                TemplateKind::Ks2
            } else {
                TemplateKind::Ks1
            };
            // Most families sign each September; this year some have not yet.
            let signs = if back == 0 { 85 } else { 95 };
            if self.rng.u8(..100) >= signs {
                continue;
            }
            let mut day = self.autumn(academic_year, 40);
            loop {
                let on = Self::stored(day, self.rng.u32(..500));
                let parent = carers[self.rng.usize(..carers.len())].clone();
                let relationship = crate::values::relationship_meaning(parent.2);
                // This year, a few KS2 pupils have signed and wait for a parent.
                let awaiting = back == 0 && kind == TemplateKind::Ks2 && self.rng.u8(..100) < 6;
                let mut signers: Vec<(SignerRole, &str, &str, Option<&str>)> = Vec::new();
                if kind == TemplateKind::Ks2 {
                    signers.push((SignerRole::Pupil, &id, &name, None));
                }
                if !awaiting {
                    signers.push((SignerRole::Parent, &parent.0, &parent.1, relationship));
                }
                let agreement = self.agreement(&id, kind, &on, &signers)?;
                match self.maybe_withdraw(&agreement, day)? {
                    Some(again) => day = again,
                    None => break,
                }
            }
        }
        self.consent_history(&id, year_now, &first, &carers)
    }

    fn adult_history(&mut self, index: usize) -> Result<()> {
        let (id, name, kind, since) = {
            let a = &self.adults[index];
            (a.id.clone(), a.name.clone(), a.kind, a.since)
        };
        for back in (0..YEARS_OF_HISTORY).rev() {
            let academic_year = self.academic_year - back;
            if academic_year < since || self.rng.u8(..100) >= 93 {
                continue;
            }
            let mut day = self.autumn(academic_year, 30);
            loop {
                let on = Self::stored(day, self.rng.u32(..500));
                let agreement = self.agreement(
                    &id,
                    kind,
                    &on,
                    &[(SignerRole::Themselves, &id, &name, None)],
                )?;
                match self.maybe_withdraw(&agreement, day)? {
                    Some(again) => day = again,
                    None => break,
                }
            }
        }
        Ok(())
    }

    /// Answers for every purpose when the pupil joined (or three years ago), a
    /// few changes of mind each later year, and withdrawals, most answered again.
    fn consent_history(
        &mut self,
        pupil: &str,
        year_now: i32,
        first: &Carer,
        carers: &[Carer],
    ) -> Result<()> {
        let joined = (YEARS_OF_HISTORY - 1).min(year_now);
        for p in 0..self.purposes.len() {
            let (purpose, explanation) = self.purposes[p].clone();
            // Most families say yes to most purposes; some to none of the public ones.
            let mut yes = self.rng.u8(..100) < 82;
            for back in (0..=joined).rev() {
                let academic_year = self.academic_year - back;
                let day = self.autumn(academic_year, 40);
                let first_year = back == joined;
                if first_year {
                    self.decision(pupil, &purpose, &explanation, yes, Some(first), day)?;
                } else if self.rng.u8(..100) < 6 {
                    // A change of mind, from either parent.
                    yes = !yes;
                    let giver = carers[self.rng.usize(..carers.len())].clone();
                    self.decision(pupil, &purpose, &explanation, yes, Some(&giver), day)?;
                }
                if yes && self.rng.u8(..100) < 2 {
                    let withdrawn =
                        (day + chrono::Days::new(7 + self.rng.u64(..60))).min(self.today);
                    self.decision(pupil, &purpose, &explanation, false, None, withdrawn)?;
                    yes = false;
                    if self.rng.u8(..10) < 6 {
                        // Re-signed: the family says yes again.
                        let again = (withdrawn + chrono::Days::new(14 + self.rng.u64(..60)))
                            .min(self.today);
                        self.decision(pupil, &purpose, &explanation, true, Some(first), again)?;
                        yes = true;
                    }
                }
            }
        }
        Ok(())
    }

    fn decision(
        &mut self,
        pupil: &str,
        purpose: &str,
        explanation: &str,
        yes: bool,
        giver: Option<&Carer>,
        day: NaiveDate,
    ) -> Result<()> {
        let (given_by, given_by_name, method) = match giver {
            Some((id, name, _)) => (Some(id.as_str()), name.as_str(), "paper"),
            None => (None, "withdrawn by the office", "in_person"),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO consent_decisions (id, person_id, purpose_id, answer, withdrawal,
                     given_by_person_id, given_by_name, method, decided_on, explanation_id, reason,
                     recorded_at, recorded_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
                Uuid::now_v7().to_string(),
                pupil,
                purpose,
                if yes { "yes" } else { "no" },
                giver.is_none(),
                given_by,
                given_by_name,
                method,
                day.to_string(),
                explanation,
                giver.is_none().then_some("The family asked by phone"),
                Self::stored(day, self.rng.u32(..500)),
                self.actor.as_str()
            ])?;
        self.summary.consent_decisions += 1;
        Ok(())
    }
}
