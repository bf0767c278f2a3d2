//! A fictional one-form-entry primary school for trying Assent out.
//!
//! Everyone here is invented. Names are drawn from many backgrounds, including
//! diacritics and non-Latin scripts, so every screen and report is exercised
//! with the names a real school holds. The same seed always gives the same school.

mod scale;

pub use scale::{Scale, ScaleSummary, create_scaled, fill_scaled};

use chrono::{Datelike, NaiveDate};

use crate::auth::{Permission, Role};
use crate::people::{self, PersonFields, PersonKind, YearGroup};
use crate::users::{self, NewUser};
use crate::{Admin, Error, Result, Store, audit};

/// The name given to the demo school when a new database is made for it.
pub const SCHOOL_NAME: &str = "Juniper Hill Primary School";

const SEED: u64 = 0x4153_5345_4e54;
const PUPILS_PER_CLASS: usize = 30;
const EMAIL_DOMAIN: &str = "juniperhill.example";

/// Reception to Year 6, one class each.
const CLASSES: [(YearGroup, &str); 7] = [
    (YearGroup::Reception, "Acorns"),
    (YearGroup::Year(1), "Beech"),
    (YearGroup::Year(2), "Cedar"),
    (YearGroup::Year(3), "Hazel"),
    (YearGroup::Year(4), "Maple"),
    (YearGroup::Year(5), "Oak"),
    (YearGroup::Year(6), "Willow"),
];

/// Latin-script given names from many backgrounds, usually given to girls.
const FEMALE_GIVEN: &[&str] = &[
    "Amelia", "Zoë", "Chloé", "Siobhán", "Aoife", "Amara", "Aisha", "Fatima", "Priya", "Ayşe",
    "Zofia", "Isla", "Harper", "Freya", "Mia", "Efua", "Hana", "Niamh", "Ffion", "Sofía", "Inès",
    "Anaïs", "Ilinca", "Grace", "Ruby", "Maja", "Ines", "Rosa", "Maryam", "Anika", "Eilidh",
];

/// Latin-script given names from many backgrounds, usually given to boys.
const MALE_GIVEN: &[&str] = &[
    "Oliver",
    "Łukasz",
    "Oluwaseun",
    "Chidi",
    "Mohammed",
    "Yusuf",
    "Arjun",
    "Mehmet",
    "Björn",
    "Søren",
    "Jakub",
    "Noah",
    "Leo",
    "Theo",
    "Kwame",
    "Tariq",
    "Kai",
    "Rhys",
    "Dylan",
    "Mateo",
    "Jiří",
    "Ștefan",
    "Darius",
    "Samuel",
    "Ethan",
    "Emre",
    "Ibrahim",
    "Ravi",
    "Tomás",
];

/// Latin-script family names from many backgrounds.
const FAMILY: &[&str] = &[
    "Ashworth",
    "O'Brien",
    "Nguyễn",
    "Łukasiewicz",
    "Ødegård",
    "Okonkwo",
    "Adeyemi",
    "Mensah",
    "Patel",
    "Sharma",
    "Khan",
    "Hussain",
    "Yılmaz",
    "Kowalska",
    "Nowak",
    "Dubois",
    "Müller",
    "García",
    "Fernández",
    "Murphy",
    "Byrne",
    "Jones",
    "Evans",
    "Thompson",
    "Clarke",
    "Begum",
    "Rahman",
    "Chen",
    "Wong",
    "Kim",
    "Park",
    "Novák",
    "Popescu",
    "Ionescu",
    "Costa",
    "Silva",
    "MacLeod",
    "Campbell",
    "Whitfield",
    "Fairbairn",
    "Achterberg",
    "Van der Merwe",
    "Da Silva",
    "Smith-Oduya",
    "Brennan",
    "Lindqvist",
];

/// Families whose names are written in other scripts, with given names in the
/// same script. The demo school's new families take them in this order (see
/// `Generator::unique_name`), so each script the window must draw is in it.
const NON_LATIN: &[(&str, &[&str])] = &[
    ("الحسيني", &["محمد", "ليلى", "يوسف"]),
    ("চৌধুরী", &["আয়েশা", "রাহুল", "তানিয়া"]),
    ("王", &["芳", "伟", "明"]),
    ("Петренко", &["Анна", "Дмитро", "Олена"]),
    ("शर्मा", &["अनन्या", "रोहन", "कविता"]),
    ("Παππάς", &["Ελένη", "Νίκος", "Μαρία"]),
    ("김", &["민준", "서연", "지호"]),
    ("佐藤", &["さくら", "ゆうと", "結衣"]),
    ("כהן", &["יעל", "נועם", "תמר"]),
    ("حداد", &["نور", "عمر", "سارة"]),
    ("সরকার", &["অর্জুন", "প্রিয়া"]),
    ("李", &["娜", "强", "静"]),
];

/// Staff posts for a one-form-entry primary, besides the seven class teachers.
const STAFF_ROLES: &[&str] = &[
    "Headteacher",
    "Deputy headteacher",
    "SENCo",
    "School business manager",
    "Office administrator",
    "Office administrator",
    "IT technician",
    "Site manager",
    "Cook",
    "Midday supervisor",
    "Midday supervisor",
    "Sports coach",
    "Music teacher",
    "Teaching assistant",
    "Teaching assistant",
    "Teaching assistant",
    "Teaching assistant",
    "Teaching assistant",
    "Teaching assistant",
    "Teaching assistant",
    "Higher level teaching assistant",
    "Higher level teaching assistant",
    "Learning mentor",
];

const VOLUNTEER_ROLES: &[&str] = &[
    "Reading volunteer",
    "Reading volunteer",
    "Gardening club volunteer",
    "Trip helper",
];

const VISITOR_ROLES: &[&str] = &[
    "Student teacher on placement",
    "Visiting author",
    "Educational psychologist",
];

const GOVERNOR_ROLES: &[&str] = &[
    "Chair of governors",
    "Vice-chair of governors",
    "Parent governor",
    "Staff governor",
    "Local authority governor",
    "Co-opted governor",
];

/// What the demo loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSummary {
    /// Pupils added.
    pub pupils: u32,
    /// Parents and carers added.
    pub parents: u32,
    /// Staff added.
    pub staff: u32,
    /// Volunteers added.
    pub volunteers: u32,
    /// Governors added.
    pub governors: u32,
    /// Visitors added.
    pub visitors: u32,
}

/// The staff users the demo school has besides its first head user, one per
/// role, all with the head user's password: (username, name, role, classes).
pub const DEMO_USERS: [(&str, &str, Role, &[&str]); 3] = [
    ("office", "Dana Whitlock", Role::Office, &[]),
    ("teacher", "Owen Marsh", Role::Teacher, &["Oak", "Willow"]),
    ("it", "Priya Lane", Role::It, &[]),
];

/// A family name for a new family, drawn with `rng`: a Latin-script name
/// from many backgrounds, or (for about one family in fourteen) one written
/// in another script. The benchmarks name the people in their files with it.
pub fn family_name(rng: &mut fastrand::Rng) -> &'static str {
    if rng.u8(..14) == 0 {
        NON_LATIN[rng.usize(..NON_LATIN.len())].0
    } else {
        FAMILY[rng.usize(..FAMILY.len())]
    }
}

/// A Latin-script given name from many backgrounds, drawn with `rng`: one
/// usually given to girls when `female`, else one usually given to boys.
pub fn given_name(rng: &mut fastrand::Rng, female: bool) -> &'static str {
    let names = if female { FEMALE_GIVEN } else { MALE_GIVEN };
    names[rng.usize(..names.len())]
}

/// Creates the demo school at `path` (with `admin` as its head user and one
/// user for each other role), or fills an existing database that holds nobody yet.
pub fn create_or_fill(path: &std::path::Path, admin: &Admin) -> Result<(Store, DemoSummary)> {
    let mut store = if path.exists() {
        Store::open(path, &admin.username, &admin.password)?
    } else {
        Store::create(path, SCHOOL_NAME, admin)?
    };
    let summary = fill(&mut store)?;
    for (username, name, role, classes) in DEMO_USERS {
        users::add(
            &mut store,
            &NewUser {
                username: username.to_owned(),
                display_name: name.to_owned(),
                role,
                password: admin.password.clone(),
                classes: classes.iter().map(|c| (*c).to_owned()).collect(),
            },
        )?;
    }
    Ok((store, summary))
}

/// Adds the demo people to a database that holds nobody yet, in one transaction.
pub fn fill(store: &mut Store) -> Result<DemoSummary> {
    let actor = &store.require(Permission::Import)?.actor();
    if !people::is_empty(store.conn())? {
        return Err(Error::NotEmpty {
            path: store.path().display().to_string(),
        });
    }
    store.write(|tx| {
        let summary = Generator::new(crate::school::academic_year_in(tx)?).populate(tx)?;
        crate::dashboard::put_checklist_away(tx)?;
        audit::record(
            tx,
            actor,
            "demo.load",
            "people",
            None,
            &format!(
                "Loaded the fictional demo school: {} pupils, {} parents and carers, {} staff, {} volunteers, {} governors, {} visitors",
                summary.pupils,
                summary.parents,
                summary.staff,
                summary.volunteers,
                summary.governors,
                summary.visitors
            ),
        )?;
        Ok(summary)
    })
}

struct Generator {
    rng: fastrand::Rng,
    academic_year: i32,
    now: String,
    summary: DemoSummary,
    used_names: std::collections::HashSet<(String, String)>,
    /// How many new families have taken a name in another script so far.
    next_script: usize,
}

/// A family: the adults with parental responsibility and the surname the children share.
struct Family {
    family_name: String,
    contacts: Vec<(String, &'static str, bool)>,
}

impl Generator {
    fn new(academic_year: i32) -> Self {
        Generator {
            rng: fastrand::Rng::with_seed(SEED),
            academic_year,
            now: people::now(),
            summary: DemoSummary::default(),
            used_names: std::collections::HashSet::new(),
            next_script: 0,
        }
    }

    fn pick<'a>(&mut self, list: &'a [&'a str]) -> &'a str {
        list[self.rng.usize(..list.len())]
    }

    fn populate(mut self, conn: &crate::db::Conn) -> Result<DemoSummary> {
        let mut families: Vec<Family> = Vec::new();
        for (year, class) in CLASSES {
            for _ in 0..PUPILS_PER_CLASS {
                // About one pupil in six has a brother or sister already in the school.
                let sibling = !families.is_empty() && self.rng.u8(..6) == 0;
                let family_index = if sibling {
                    self.rng.usize(..families.len())
                } else {
                    let family = self.new_family(conn)?;
                    families.push(family);
                    families.len() - 1
                };
                let family_name = families[family_index].family_name.clone();
                let pupil_id = self.add_pupil(conn, year, class, &family_name)?;
                for (priority, (contact_id, relationship, pr)) in
                    families[family_index].contacts.iter().enumerate()
                {
                    let priority = u32::try_from(priority + 1).expect("few contacts");
                    people::link_contact(conn, &pupil_id, contact_id, relationship, priority, *pr)?;
                }
            }
        }
        self.add_adults(conn)?;
        Ok(self.summary)
    }

    /// A new family's name: as [`family_name`] draws it, except that a family
    /// in another script takes the next of [`NON_LATIN`] in turn rather than one
    /// at random, so that a school of this size has every script at least once.
    /// The draw is still made, so the names after it stay as they were.
    fn new_family_name(&mut self) -> String {
        let drawn = family_name(&mut self.rng);
        if NON_LATIN.iter().any(|(f, _)| *f == drawn) {
            let (family, _) = NON_LATIN[self.next_script % NON_LATIN.len()];
            self.next_script += 1;
            family.to_owned()
        } else {
            drawn.to_owned()
        }
    }

    fn unique_name(&mut self, family: Option<&str>, female: Option<bool>) -> (String, String) {
        for attempt in 0.. {
            let family = match family {
                Some(f) => f.to_owned(),
                // About one new family in fourteen writes its name in another script.
                None => self.new_family_name(),
            };
            // A large family can outgrow the short lists of same-script given names.
            let given = match NON_LATIN.iter().find(|(f, _)| *f == family) {
                Some((_, given_names)) if attempt < 10 => self.pick(given_names).to_owned(),
                _ => {
                    let female = female.unwrap_or_else(|| self.rng.bool());
                    given_name(&mut self.rng, female).to_owned()
                }
            };
            if self.used_names.insert((given.clone(), family.clone())) {
                return (given, family);
            }
        }
        unreachable!("the loop only ends by returning")
    }

    fn new_family(&mut self, conn: &crate::db::Conn) -> Result<Family> {
        // Relationships are stored as DfE codes, as an import stores them.
        let mother_first = self.rng.u8(..3) != 0;
        let (first_given, family_name) = self.unique_name(None, Some(mother_first));
        let mut contacts = Vec::new();
        let first_rel = if mother_first { "PAM" } else { "PAF" };
        contacts.push((
            self.add_parent(conn, first_given, &family_name)?,
            first_rel,
            true,
        ));
        // Most families give the school two contacts with parental responsibility.
        if self.rng.u8(..100) < 85 {
            let other_rel = if mother_first { "PAF" } else { "PAM" };
            let other_family = if self.rng.u8(..4) == 0 {
                self.pick(FAMILY).to_owned()
            } else {
                family_name.clone()
            };
            let (given, fam) = self.unique_name(Some(&other_family), Some(!mother_first));
            contacts.push((self.add_parent(conn, given, &fam)?, other_rel, true));
        }
        // Some add a grandparent who collects the children but cannot give consent.
        if self.rng.u8(..100) < 10 {
            let grandmother = self.rng.bool();
            let (given, fam) = self.unique_name(Some(&family_name), Some(grandmother));
            let rel = if grandmother { "GRM" } else { "GRF" };
            contacts.push((self.add_parent(conn, given, &fam)?, rel, false));
        }
        Ok(Family {
            family_name,
            contacts,
        })
    }

    fn add_parent(
        &mut self,
        conn: &crate::db::Conn,
        given: String,
        family: &str,
    ) -> Result<String> {
        self.summary.parents += 1;
        let email = Some(format!("parent{:03}@{EMAIL_DOMAIN}", self.summary.parents));
        // 07700 900000–900999 is set aside for drama, so no real phone rings.
        let mobile = Some(format!("07700 900{:03}", self.summary.parents % 1000));
        let person = PersonFields {
            kind: Some(PersonKind::Parent),
            given_name: given,
            family_name: family.to_owned(),
            email,
            mobile,
            ..PersonFields::default()
        };
        people::insert(conn, &person, &self.now)
    }

    fn add_pupil(
        &mut self,
        conn: &crate::db::Conn,
        year: YearGroup,
        class: &str,
        family: &str,
    ) -> Result<String> {
        let (given, family_name) = self.unique_name(Some(family), None);
        // A few children go by another name at school.
        let preferred_given_name = match given.as_str() {
            "Oluwaseun" => Some("Seun".to_owned()),
            "Mohammed" if self.rng.bool() => Some("Mo".to_owned()),
            "Ștefan" => Some("Stefan".to_owned()),
            _ => None,
        };
        self.summary.pupils += 1;
        let serial = self.summary.pupils;
        let born = self.birth_date(year);
        // Children start in Reception the September after they turn four.
        let admitted =
            NaiveDate::from_ymd_opt(born.year() + 4 + i32::from(born.month() >= 9), 9, 4)
                .expect("4 September exists");
        // UPNs: a fictional local authority (999) and establishment (2001).
        let upn = crate::values::upn_from_digits(&format!(
            "9992001{:02}{serial:03}",
            admitted.year() % 100
        ));
        let person = PersonFields {
            kind: Some(PersonKind::Pupil),
            given_name: given,
            family_name,
            preferred_given_name,
            date_of_birth: Some(born.to_string()),
            upn,
            mis_id: Some(format!("{}", 1000 + serial)),
            admission_date: Some(admitted.to_string()),
            year_group: Some(year),
            class_name: Some(class.to_owned()),
            ..PersonFields::default()
        };
        people::insert(conn, &person, &self.now)
    }

    /// A birthday that puts the child in `year` for the database's academic year.
    fn birth_date(&mut self, year: YearGroup) -> NaiveDate {
        let years_above_reception = match year {
            YearGroup::Nursery => -1,
            YearGroup::Reception => 0,
            YearGroup::Year(n) => i32::from(n),
        };
        let start = NaiveDate::from_ymd_opt(self.academic_year - 5 - years_above_reception, 9, 1)
            .expect("1 September exists");
        start + chrono::Days::new(self.rng.u64(..365))
    }

    fn add_adults(&mut self, conn: &crate::db::Conn) -> Result<()> {
        let mut roles: Vec<(PersonKind, String)> = CLASSES
            .iter()
            .map(|(year, class)| {
                (
                    PersonKind::Staff,
                    format!("Class teacher, {} ({class})", year.label()),
                )
            })
            .collect();
        roles.extend(
            STAFF_ROLES
                .iter()
                .map(|r| (PersonKind::Staff, (*r).to_owned())),
        );
        roles.extend(
            VOLUNTEER_ROLES
                .iter()
                .map(|r| (PersonKind::Volunteer, (*r).to_owned())),
        );
        roles.extend(
            GOVERNOR_ROLES
                .iter()
                .map(|r| (PersonKind::Governor, (*r).to_owned())),
        );
        roles.extend(
            VISITOR_ROLES
                .iter()
                .map(|r| (PersonKind::Visitor, (*r).to_owned())),
        );
        for (kind, role) in roles {
            let (given, family) = self.unique_name(None, None);
            let email = Some(format!(
                "{}.{}@{EMAIL_DOMAIN}",
                ascii_fold(&given),
                ascii_fold(&family)
            ));
            let (start_date, end_date) = if kind == PersonKind::Visitor {
                (Some("2026-11-23".to_owned()), Some("2026-11-27".to_owned()))
            } else {
                (Some(format!("20{:02}-09-01", 10 + self.rng.u8(..16))), None)
            };
            let person = PersonFields {
                kind: Some(kind),
                given_name: given,
                family_name: family,
                role: Some(role),
                email,
                start_date,
                end_date,
                ..PersonFields::default()
            };
            people::insert(conn, &person, &self.now)?;
            match kind {
                PersonKind::Staff => self.summary.staff += 1,
                PersonKind::Volunteer => self.summary.volunteers += 1,
                PersonKind::Governor => self.summary.governors += 1,
                PersonKind::Visitor => self.summary.visitors += 1,
                PersonKind::Pupil | PersonKind::Parent => {}
            }
        }
        Ok(())
    }
}

/// Lower-case ASCII letters only, for demo email addresses ("Łukasiewicz" → "lukasiewicz").
fn ascii_fold(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
