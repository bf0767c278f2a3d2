//! Every public operation, called as every role.
//!
//! The core enforces what each role may do, whatever calls it (the app, the
//! CLI or a script), so these tests call the core directly: each operation
//! with real input, signed in as each role in turn, must succeed for the roles
//! allowed and be refused with [`Error::Forbidden`] for the others. A check at
//! the end keeps the table complete: a new operation on the store without a
//! row here fails the build's tests.

use crate::common;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use crate::common::PASSWORD;
use assent_core::accounts::{self, AccountSettings, ExportFormat};
use assent_core::agreements::{
    self, ConsentChoice, Method, Point, SignRequest, SignatureInput, SignerRole, StatusFilter,
};
use assent_core::auth::Role;
use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::import::{self, ImportKind, ImportRequest};
use assent_core::incidents::{
    self, ActionInput, ActionKind, AttachmentInput, IncidentCategory, IncidentFilter,
    IncidentInput, IncidentStatus, InvolvedInput,
};
use assent_core::people::{self, Filter, PersonInput, PersonKind};
use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::users::{self, NewUser};
use assent_core::{
    Error, Result, Store, audit, backup, dashboard, demo, retention, rollover, sar, school,
};
use chrono::NaiveDate;

const ALL_ROLES: &[Role] = &[Role::Head, Role::Office, Role::Teacher, Role::It];
const ONLY_HEAD: &[Role] = &[Role::Head];
const HEAD_OFFICE: &[Role] = &[Role::Head, Role::Office];
const HEAD_OFFICE_TEACHER: &[Role] = &[Role::Head, Role::Office, Role::Teacher];
const NOT_TEACHER: &[Role] = &[Role::Head, Role::Office, Role::It];
const HEAD_IT: &[Role] = &[Role::Head, Role::It];

/// The teacher's one class.
const CLASS: &str = "Oak";
/// A class the teacher does not teach.
const OTHER_CLASS: &str = "Willow";

/// A tiny valid PNG (1×1), standing in for the canvas picture.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\0\x05\0\x01\xff\x89\x99=\x1d\0\0\0\0IEND\xaeB`\x82";

fn username(role: Role) -> &'static str {
    match role {
        Role::Head => common::HEAD,
        Role::Office => "office",
        Role::Teacher => "teacher",
        Role::It => "it",
    }
}

/// The demo people, with one staff user for each role besides the head; the
/// teacher teaches [`CLASS`] only.
fn school_with_users() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_school();
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "teacher", Role::Teacher, &[CLASS]);
    common::add_user(&mut store, "it", Role::It, &[]);
    (dir, store)
}

/// A pupil in `class` with a contact who has parental responsibility:
/// (pupil id, contact id, contact's full name).
fn pupil_with_parent(store: &Store, class: &str) -> (String, String, String) {
    let pupils = people::list(
        store,
        &Filter {
            class: Some(class.to_owned()),
            ..Filter::default()
        },
    )
    .unwrap();
    for p in pupils {
        let d = people::detail(store, &p.id).unwrap();
        if let Some(c) = d.contacts.iter().find(|c| c.parental_responsibility) {
            return (
                p.id,
                c.id.clone(),
                format!("{} {}", c.given_name, c.family_name),
            );
        }
    }
    unreachable!("the demo's pupils have parents")
}

fn first_staff(store: &Store) -> String {
    people::list(
        store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()[0]
        .id
        .clone()
}

/// The current version of a template, read directly so that building a
/// request never depends on the role being tested.
fn current(store: &Store, kind: TemplateKind) -> (u32, String) {
    store
        .inspect()
        .query_row(
            "SELECT version, sha256 FROM template_versions WHERE kind = ?1
             ORDER BY version DESC LIMIT 1",
            [kind.code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn academic_year(store: &Store) -> i32 {
    let text: String = store
        .inspect()
        .query_row(
            "SELECT value FROM settings WHERE key = 'academic_year'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    text.parse().unwrap()
}

fn yesterday() -> NaiveDate {
    chrono::Utc::now().date_naive() - chrono::Days::new(1)
}

fn signature(role: SignerRole, name: &str, signer: Option<&str>, method: Method) -> SignatureInput {
    let drawn = method == Method::Drawn;
    SignatureInput {
        role,
        signer_person_id: signer.map(str::to_owned),
        signer_name: name.to_owned(),
        method,
        agreed: method == Method::Typed,
        image_png: drawn.then(|| PNG.to_vec()),
        strokes: drawn.then(|| {
            vec![
                (0..20)
                    .map(|i| Point {
                        x: 10.0 + f64::from(i) * 6.0,
                        y: 40.0 + f64::from(i % 5) * 4.0,
                    })
                    .collect(),
            ]
        }),
        signed_on: (method == Method::Paper).then(|| yesterday().to_string()),
    }
}

fn request(
    store: &Store,
    submission: &str,
    person: &str,
    kind: TemplateKind,
    signatures: Vec<SignatureInput>,
) -> SignRequest {
    let (version, template_sha256) = current(store, kind);
    SignRequest {
        submission_id: submission.to_owned(),
        person_id: person.to_owned(),
        kind,
        version,
        template_sha256,
        signatures,
        scan: None,
        device: "Class laptop".to_owned(),
        consents: Vec::new(),
    }
}

/// A "no" to every photo and video question the parent agreement asks now
/// (operations add purposes), for each of the parent's children: it cannot be
/// signed without an answer to each.
fn parent_choices(store: &Store, parent: &str) -> Vec<ConsentChoice> {
    let conn = store.inspect();
    let mut stmt = conn
        .prepare(
            "SELECT l.pupil_id, p.code FROM contact_links l CROSS JOIN consent_purposes p
             WHERE l.contact_id = ?1 AND l.parental_responsibility = TRUE AND p.retired_at IS NULL",
        )
        .unwrap();
    stmt.query_map([parent], |r| {
        Ok(ConsentChoice {
            pupil_id: r.get(0)?,
            purpose: r.get(1)?,
            yes: false,
        })
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// Ids the operations work on, and one-use inputs handed out a call at a time.
struct Setup {
    pupil: String,
    parent: String,
    parent_name: String,
    staff: String,
    staff_csv: PathBuf,
    /// A folder for backups and exports.
    work: PathBuf,
    /// A backup taken before the operations run.
    backup: PathBuf,
    /// KS2 agreements the pupil has signed and a parent has not.
    awaiting_parent: RefCell<VecDeque<String>>,
    /// Agreements that can be withdrawn.
    withdrawable: RefCell<VecDeque<String>>,
    /// Users that can be removed.
    leavers: RefCell<VecDeque<String>>,
    /// People whose records can be erased.
    erasable: RefCell<VecDeque<String>>,
    /// Account exports waiting to be marked provisioned.
    exports_to_mark: RefCell<VecDeque<String>>,
    /// Account exports waiting to be cancelled.
    exports_to_cancel: RefCell<VecDeque<String>>,
    /// An e-safety incident recorded by the head, involving the pupil.
    incident: String,
    /// Counts calls, to make each call's names and texts new.
    calls: Cell<u32>,
}

impl Setup {
    fn next(&self) -> u32 {
        self.calls.set(self.calls.get() + 1);
        self.calls.get()
    }
}

fn take(pool: &RefCell<VecDeque<String>>) -> String {
    pool.borrow_mut()
        .pop_front()
        .expect("enough one-use inputs")
}

/// Enough one-use inputs for every role and a pass signed out.
const USES: usize = 5;

fn setup(store: &mut Store, work: &Path) -> Setup {
    let (pupil, parent, parent_name) = pupil_with_parent(store, CLASS);
    let staff = first_staff(store);
    let mut awaiting = VecDeque::new();
    for i in 0..2 * USES {
        let req = request(
            store,
            &format!("awaiting-{i}"),
            &pupil,
            TemplateKind::Ks2,
            vec![signature(SignerRole::Pupil, "Me", None, Method::Drawn)],
        );
        awaiting.push_back(agreements::sign(store, &req).unwrap().id);
    }
    let mut withdrawable = VecDeque::new();
    for i in 0..USES {
        let mut req = request(
            store,
            &format!("withdrawable-{i}"),
            &parent,
            TemplateKind::Parent,
            vec![signature(
                SignerRole::Themselves,
                &parent_name,
                None,
                Method::Typed,
            )],
        );
        req.consents = parent_choices(store, &parent);
        withdrawable.push_back(agreements::sign(store, &req).unwrap().id);
    }
    let leavers = (0..USES)
        .map(|i| common::add_user(store, &format!("leaver{i}"), Role::Office, &[]))
        .collect();
    let erasable = (0..USES)
        .map(|i| {
            let input = PersonInput {
                kind: Some(PersonKind::Volunteer),
                given_name: "Erasable".into(),
                family_name: format!("Volunteer {i}"),
                ..PersonInput::default()
            };
            people::add(store, &input).unwrap().summary.id
        })
        .collect();
    let mut account_exports = pending_account_exports(store, work);
    let exports_to_cancel = account_exports.split_off(USES);
    // A second version of the governor and visitor agreement, to compare with the first.
    let source = templates::version(store, TemplateKind::GovernorVisitor, None)
        .unwrap()
        .source;
    templates::publish(
        store,
        TemplateKind::GovernorVisitor,
        &format!("{source}\n- I sign in at the office.\n"),
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    let incident = incidents::record(store, &incident_input(&pupil))
        .unwrap()
        .summary
        .id;
    let backup = work.join("before-the-operations.assentbak");
    backup::create(store, &backup, false).expect("take a backup");
    Setup {
        backup,
        incident,
        pupil,
        parent,
        parent_name,
        staff,
        staff_csv: Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../tests/fixtures/import/school-staff.csv"),
        work: work.to_owned(),
        awaiting_parent: RefCell::new(awaiting),
        withdrawable: RefCell::new(withdrawable),
        leavers: RefCell::new(leavers),
        erasable: RefCell::new(erasable),
        exports_to_mark: RefCell::new(account_exports),
        exports_to_cancel: RefCell::new(exports_to_cancel),
        calls: Cell::new(0),
    }
}

/// An e-safety incident involving `pupil`, with a screenshot.
fn incident_input(pupil: &str) -> IncidentInput {
    IncidentInput {
        date: yesterday().to_string(),
        time: None,
        reported_by: "Class teacher".into(),
        people: vec![InvolvedInput {
            person_id: Some(pupil.to_owned()),
            ..InvolvedInput::default()
        }],
        category: IncidentCategory::AccountMisuse,
        description: "Signed in with a friend's password.".into(),
        urls: Vec::new(),
        attachments: vec![AttachmentInput {
            file_name: "screen.png".into(),
            bytes: PNG.to_vec(),
        }],
        child_protection: false,
    }
}

/// The latest of a column in one of an incident's history tables, read directly.
fn latest(store: &Store, sql: &str, incident: &str) -> Option<String> {
    use assent_core::db::OptionalExtension as _;
    store
        .inspect()
        .query_row(sql, [incident], |r| r.get(0))
        .optional()
        .expect("read the incident's latest entry")
}

/// Account exports of one new member of staff each, to mark provisioned or cancel.
fn pending_account_exports(store: &mut Store, work: &Path) -> VecDeque<String> {
    accounts::set_settings(store, &account_settings()).unwrap();
    let mut exports = VecDeque::new();
    for i in 0..2 * USES {
        let input = PersonInput {
            kind: Some(PersonKind::Staff),
            given_name: "Account".into(),
            family_name: format!("Holder {i}"),
            ..PersonInput::default()
        };
        let id = people::add(store, &input).unwrap().summary.id;
        let req = request(
            store,
            &format!("account-{i}"),
            &id,
            TemplateKind::Staff,
            vec![signature(
                SignerRole::Themselves,
                "Account Holder",
                None,
                Method::Typed,
            )],
        );
        agreements::sign(store, &req).unwrap();
        let out = work.join(format!("accounts-{i}.csv"));
        let done = accounts::export(store, ExportFormat::Csv, &out, false).unwrap();
        assert_eq!(done.accounts.len(), 1, "one new account in each export");
        exports.push_back(done.export_id.unwrap());
    }
    exports
}

/// Account settings with every group's email domain set.
fn account_settings() -> AccountSettings {
    let mut settings = AccountSettings::default();
    settings.pupils.domain = "pupils.example.sch.uk".into();
    for group in [
        &mut settings.staff,
        &mut settings.volunteers,
        &mut settings.governors,
        &mut settings.visitors,
    ] {
        group.domain = "example.sch.uk".into();
    }
    settings
}

type Run<'a> = Box<dyn FnMut(&mut Store) -> Result<()> + 'a>;

/// One operation and the roles that may do it.
struct Op<'a> {
    name: &'static str,
    allowed: &'static [Role],
    run: Run<'a>,
}

fn op<'a>(
    name: &'static str,
    allowed: &'static [Role],
    run: impl FnMut(&mut Store) -> Result<()> + 'a,
) -> Op<'a> {
    Op {
        name,
        allowed,
        run: Box::new(run),
    }
}

/// Every public operation on the store, in an order that lets each run again
/// for the next role (holds are set before they are released, and so on).
#[allow(clippy::too_many_lines)]
fn operations(s: &Setup) -> Vec<Op<'_>> {
    let staff_input = |n: u32| PersonInput {
        kind: Some(PersonKind::Staff),
        given_name: "Role".into(),
        family_name: format!("Test {n}"),
        role: Some("Teaching assistant".into()),
        ..PersonInput::default()
    };
    let sign_as_parent = move |store: &mut Store, method: Method| {
        let mut req = request(
            store,
            &format!("sign-{}", s.next()),
            &s.parent,
            TemplateKind::Parent,
            vec![signature(
                SignerRole::Themselves,
                &s.parent_name,
                None,
                method,
            )],
        );
        req.consents = parent_choices(store, &s.parent);
        agreements::sign(store, &req).map(drop)
    };
    let parent_signs_later = move |store: &mut Store, method: Method| {
        let agreement = take(&s.awaiting_parent);
        let sig = signature(SignerRole::Parent, &s.parent_name, Some(&s.parent), method);
        agreements::add_signature(store, &agreement, &sig, "Office PC").map(drop)
    };
    let decision = move |yes: bool| DecisionInput {
        person_id: s.pupil.clone(),
        purpose: "website".into(),
        yes,
        given_by: s.parent.clone(),
        method: ConsentMethod::Paper,
        date: None,
    };
    let staff_import = move || ImportRequest::new(ImportKind::Staff, &s.staff_csv);
    let governor_text = |store: &Store, n: u32| {
        let source: String = store
            .inspect()
            .query_row(
                "SELECT source FROM template_versions WHERE kind = 'governor-visitor'
                 ORDER BY version DESC LIMIT 1",
                (),
                |r| r.get(0),
            )
            .unwrap();
        format!("{source}\n- Rule {n}.\n")
    };
    vec![
        // School and dashboard.
        op("school name", ALL_ROLES, move |st| {
            school::name(st).map(drop)
        }),
        op("academic year", ALL_ROLES, move |st| {
            school::academic_year(st).map(drop)
        }),
        op("idle lock", ALL_ROLES, move |st| {
            school::idle_lock_minutes(st).map(drop)
        }),
        op("dashboard", ALL_ROLES, move |st| {
            dashboard::load(st).map(drop)
        }),
        op("dashboard page", ALL_ROLES, move |st| {
            dashboard::overview(st).map(drop)
        }),
        op("the term's trend", ALL_ROLES, move |st| {
            dashboard::trend_on(st, chrono::Utc::now().date_naive()).map(drop)
        }),
        op("set-up checklist", ALL_ROLES, move |st| {
            dashboard::checklist(st).map(drop)
        }),
        op("put the set-up checklist away", ONLY_HEAD, move |st| {
            dashboard::set_checklist_dismissed(st, true).map(drop)
        }),
        // People.
        op("list people", ALL_ROLES, move |st| {
            people::list(st, &Filter::default()).map(drop)
        }),
        op("a pupil's details", ALL_ROLES, move |st| {
            people::detail(st, &s.pupil).map(drop)
        }),
        op("classes", ALL_ROLES, move |st| {
            people::classes(st).map(drop)
        }),
        op("find a pupil's contact", ALL_ROLES, move |st| {
            people::find_contact(st, &s.pupil, &s.parent_name, true).map(drop)
        }),
        op("add a person", HEAD_OFFICE, move |st| {
            people::add(st, &staff_input(s.next())).map(drop)
        }),
        op("edit a person", HEAD_OFFICE, move |st| {
            // The form is filled from the stored row, so building it does not depend on the role.
            let mut input = staff_input(0);
            let fields = people::get(st.inspect(), &s.staff)?.expect("the staff member");
            input.given_name = fields.given_name;
            input.family_name = fields.family_name;
            input.preferred_given_name = Some(format!("Call me {}", s.next()));
            people::edit(st, &s.staff, &input).map(drop)
        }),
        // Imports, and moving up a year.
        op("preview an import", HEAD_OFFICE, move |st| {
            import::preview(st, &staff_import()).map(drop)
        }),
        op("apply an import", HEAD_OFFICE, move |st| {
            import::apply(st, &staff_import()).map(drop)
        }),
        op("apply an import with progress", HEAD_OFFICE, move |st| {
            import::apply_with_progress(st, &staff_import(), &mut |_, _| {}).map(drop)
        }),
        op("clear an import's leavers", HEAD_OFFICE, move |st| {
            // A full-roll import's record, written directly so that only the
            // clearing is what the role is asked about.
            let import = format!("role-import-{}", s.next());
            let pupil = st.inspect_write(|tx| {
                let fields = people::PersonFields {
                    kind: Some(PersonKind::Pupil),
                    given_name: "Leaver".into(),
                    family_name: format!("Role {import}"),
                    year_group: Some(people::YearGroup::Year(4)),
                    leaving_date: Some("2026-07-22".into()),
                    ..people::PersonFields::default()
                };
                let pupil = people::insert(tx, &fields, &people::now())?;
                tx.execute(
                    "INSERT INTO imports (id, kind, file_name, full_roll, added, changed, unchanged,
                                          leaving, applied_at, applied_by)
                     VALUES (?1, 'pupils', 'roll.csv', TRUE, 0, 0, 0, 1, '2026-07-22T08:00:00.000Z', 'Role test')",
                    [&import],
                )?;
                tx.execute(
                    "INSERT INTO import_leavers (import_id, person_id, leaving_date) VALUES (?1, ?2, '2026-07-22')",
                    [&import, &pupil],
                )?;
                Ok(pupil)
            })?;
            let cleared = import::clear_leavers(st, &import)?;
            assert_eq!(cleared.cleared, 1, "{pupil} is back on roll");
            Ok(())
        }),
        op("rename the school", ONLY_HEAD, move |st| {
            let name = school::name(st)?;
            school::set_name(st, &name).map(drop)
        }),
        op("preview the rollover", HEAD_OFFICE, move |st| {
            let to = academic_year(st) + 1;
            rollover::preview(st, to).map(drop)
        }),
        op("roll over", HEAD_OFFICE, move |st| {
            let from = academic_year(st);
            rollover::apply(st, from + 1)?;
            // Back to this year, so the next role can roll over too.
            st.inspect_write(|tx| {
                tx.execute(
                    "UPDATE settings SET value = ?1 WHERE key = 'academic_year'",
                    [from.to_string()],
                )?;
                Ok(())
            })
        }),
        // Templates.
        op("list templates", ALL_ROLES, move |st| {
            templates::list(st).map(drop)
        }),
        op("a template version", ALL_ROLES, move |st| {
            templates::version(st, TemplateKind::Ks2, None).map(drop)
        }),
        op("a template's history", ALL_ROLES, move |st| {
            templates::history(st, TemplateKind::Ks2).map(drop)
        }),
        op("compare template versions", ALL_ROLES, move |st| {
            templates::diff(st, TemplateKind::GovernorVisitor, 1, 2).map(drop)
        }),
        op("templates reviewed", ALL_ROLES, move |st| {
            templates::reviews(st).map(drop)
        }),
        // Staff: the one kind no other operation here publishes a version of.
        op("adopt a default template", ONLY_HEAD, move |st| {
            templates::adopt_default(st, TemplateKind::Staff).map(drop)
        }),
        op("templates due for review", ALL_ROLES, move |st| {
            templates::review_due(st, chrono::Utc::now().date_naive(), 30).map(drop)
        }),
        op("save a template draft", ONLY_HEAD, move |st| {
            let text = governor_text(st, s.next());
            templates::save_draft(st, TemplateKind::GovernorVisitor, &text).map(drop)
        }),
        op("read a template draft", ONLY_HEAD, move |st| {
            templates::draft(st, TemplateKind::GovernorVisitor).map(drop)
        }),
        op("publish a template", ONLY_HEAD, move |st| {
            let text = governor_text(st, s.next());
            let options = PublishOptions {
                material: true,
                ..PublishOptions::default()
            };
            templates::publish(st, TemplateKind::GovernorVisitor, &text, &options).map(drop)
        }),
        // Agreements.
        op("agreement statuses", ALL_ROLES, move |st| {
            agreements::status(st, &StatusFilter::default()).map(drop)
        }),
        op("a pupil's agreement status", ALL_ROLES, move |st| {
            agreements::status_for(st, &s.pupil).map(drop)
        }),
        op("who a change would affect", ONLY_HEAD, move |st| {
            agreements::affected_by_change(st, TemplateKind::Ks2).map(drop)
        }),
        op("a pupil's agreements", ALL_ROLES, move |st| {
            agreements::agreements_for(st, Some(&s.pupil)).map(drop)
        }),
        op("every agreement", ALL_ROLES, move |st| {
            agreements::agreements_for(st, None).map(drop)
        }),
        op("one agreement", ALL_ROLES, move |st| {
            let id = s.awaiting_parent.borrow().front().cloned();
            agreements::agreement(st, &id.expect("an agreement waiting for a parent")).map(drop)
        }),
        op("an agreement's evidence", ALL_ROLES, move |st| {
            let id = s.awaiting_parent.borrow().front().cloned();
            agreements::evidence(st, &id.expect("an agreement waiting for a parent")).map(drop)
        }),
        op("verify an agreement", ALL_ROLES, move |st| {
            let id = s.awaiting_parent.borrow().front().cloned();
            agreements::verify(st, &id.expect("an agreement waiting for a parent")).map(drop)
        }),
        op("drawn signatures for a register", ALL_ROLES, move |st| {
            let id = s
                .awaiting_parent
                .borrow()
                .front()
                .cloned()
                .expect("an agreement");
            agreements::drawn_signatures(st, &[id.as_str()]).map(drop)
        }),
        op("what a pupil signs now", ALL_ROLES, move |st| {
            agreements::plan(st, &s.pupil).map(drop)
        }),
        op("a class's returned paper forms", HEAD_OFFICE, move |st| {
            agreements::paper_batch(st, CLASS).map(drop)
        }),
        op("yearly renewal setting", ALL_ROLES, move |st| {
            school::annual_agreement_renewal(st).map(drop)
        }),
        op("consent renewal setting", ALL_ROLES, move |st| {
            school::annual_consent_renewal(st).map(drop)
        }),
        op("set consent renewal", ONLY_HEAD, move |st| {
            school::set_annual_consent_renewal(st, false).map(drop)
        }),
        op("set the idle lock", ONLY_HEAD, move |st| {
            school::set_idle_lock_minutes(st, 15)
        }),
        op("turn yearly renewal on", ONLY_HEAD, move |st| {
            school::set_annual_agreement_renewal(st, true).map(drop)
        }),
        op("sign by drawing", HEAD_OFFICE_TEACHER, move |st| {
            sign_as_parent(st, Method::Drawn)
        }),
        op("sign by typing", HEAD_OFFICE_TEACHER, move |st| {
            sign_as_parent(st, Method::Typed)
        }),
        op("record a paper form", HEAD_OFFICE, move |st| {
            sign_as_parent(st, Method::Paper)
        }),
        op("a parent signs later", HEAD_OFFICE_TEACHER, move |st| {
            parent_signs_later(st, Method::Drawn)
        }),
        op(
            "a parent's paper form arrives later",
            HEAD_OFFICE,
            move |st| parent_signs_later(st, Method::Paper),
        ),
        op("withdraw an agreement", HEAD_OFFICE, move |st| {
            let agreement = take(&s.withdrawable);
            agreements::withdraw(st, &agreement, "Signed on the wrong form").map(drop)
        }),
        // Photo and video consent.
        op("add a consent purpose", ONLY_HEAD, move |st| {
            let code = format!("added-{}", s.next());
            consent::add_purpose(st, &code, "Trips", "Photos taken on school trips.").map(drop)
        }),
        op("rename or re-explain a purpose", ONLY_HEAD, move |st| {
            consent::edit_purpose(st, "website", Some("School website"), None).map(drop)
        }),
        op("retire a purpose", ONLY_HEAD, move |st| {
            let code = format!("retire-{}", s.next());
            st.inspect_write(|tx| {
                tx.execute(
                    "INSERT INTO consent_purposes (id, code, name, position, created_at)
                     VALUES (?1, ?1, 'Temporary', 99, '2026-01-01T00:00:00.000Z')",
                    [&code],
                )?;
                tx.execute(
                    "INSERT INTO consent_explanations (id, purpose_id, version, text, created_at)
                     VALUES (?1 || '-text', ?1, 1, 'Temporary', '2026-01-01T00:00:00.000Z')",
                    [&code],
                )?;
                Ok(())
            })?;
            consent::retire_purpose(st, &code)
        }),
        op("consent purposes", HEAD_OFFICE_TEACHER, move |st| {
            consent::purposes(st).map(drop)
        }),
        op("record consent", HEAD_OFFICE_TEACHER, move |st| {
            consent::set(st, &decision(true))
        }),
        op("withdraw consent", HEAD_OFFICE_TEACHER, move |st| {
            consent::withdraw(st, &s.pupil, "website", Some("Changed their mind"))
        }),
        op("the consent grid", HEAD_OFFICE_TEACHER, move |st| {
            consent::grid(st, &[]).map(drop)
        }),
        op("one class's consent grid", HEAD_OFFICE_TEACHER, move |st| {
            consent::grid(st, &[CLASS.to_owned()]).map(drop)
        }),
        op(
            "the do-not-photograph list",
            HEAD_OFFICE_TEACHER,
            move |st| consent::no_photo(st, &[]).map(drop),
        ),
        op(
            "a pupil's consent history",
            HEAD_OFFICE_TEACHER,
            move |st| consent::history(st, &s.pupil).map(drop),
        ),
        op("withdrawals across the school", HEAD_OFFICE, move |st| {
            consent::withdrawn_since(st, yesterday()).map(drop)
        }),
        op("withdrawals since a typed date", HEAD_OFFICE, move |st| {
            consent::withdrawn_since_text(st, "01/09/2026").map(drop)
        }),
        op("place a safeguarding hold", ONLY_HEAD, move |st| {
            consent::hold(st, &s.pupil, "Court order")
        }),
        op("lift a safeguarding hold", ONLY_HEAD, move |st| {
            consent::release_hold(st, &s.pupil, "Order ended")
        }),
        // Staff users.
        op("list users", ONLY_HEAD, move |st| users::list(st).map(drop)),
        op("add a user", ONLY_HEAD, move |st| {
            users::add(
                st,
                &NewUser {
                    username: format!("added{}", s.next()),
                    display_name: "New Colleague".to_owned(),
                    role: Role::Office,
                    password: PASSWORD.to_owned(),
                    classes: Vec::new(),
                },
            )
            .map(drop)
        }),
        op("reset a user's password", ONLY_HEAD, move |st| {
            users::reset_password(st, "it", PASSWORD)
        }),
        op("remove a user", ONLY_HEAD, move |st| {
            users::deactivate(st, &take(&s.leavers))
        }),
        op("change your own password", ALL_ROLES, move |st| {
            let changed = "a changed passphrase";
            users::change_own_password(st, PASSWORD, changed)?;
            users::change_own_password(st, changed, PASSWORD)
        }),
        // Backups and data protection.
        op("take a backup", NOT_TEACHER, move |st| {
            let out = s.work.join(format!("backup-{}.assent", s.next()));
            backup::create(st, &out, true).map(drop)
        }),
        op("read what a backup holds", ONLY_HEAD, move |st| {
            backup::contents(st, &s.backup, PASSWORD).map(drop)
        }),
        op("automatic backup settings", NOT_TEACHER, move |st| {
            backup::automatic_settings(st).map(drop)
        }),
        op("set up automatic backups", ONLY_HEAD, move |st| {
            let settings = backup::AutomaticBackups {
                folder: Some(s.work.join("automatic").display().to_string()),
                keep: 3,
            };
            backup::set_automatic(st, &settings)
        }),
        op("export a subject access request", ONLY_HEAD, move |st| {
            let folder = s.work.join(format!("sar-{}", s.next()));
            sar::export(st, &s.parent, &folder).map(drop)
        }),
        op("the retention period", ONLY_HEAD, move |st| {
            retention::years(st).map(drop)
        }),
        op("set the retention period", ONLY_HEAD, move |st| {
            retention::set_years(st, retention::DEFAULT_YEARS)
        }),
        op("preview the retention purge", ONLY_HEAD, move |st| {
            retention::preview(st).map(drop)
        }),
        op("purge under the retention policy", ONLY_HEAD, move |st| {
            retention::purge(st).map(drop)
        }),
        op("erase a person on request", ONLY_HEAD, move |st| {
            let person = take(&s.erasable);
            retention::erase(st, &person, "Asked for their records to be erased")
        }),
        op("the destruction log", ONLY_HEAD, move |st| {
            retention::destruction_log(st).map(drop)
        }),
        // IT accounts.
        op("account settings", HEAD_IT, move |st| {
            accounts::settings(st).map(drop)
        }),
        op("change the account settings", HEAD_IT, move |st| {
            accounts::set_settings(st, &account_settings()).map(drop)
        }),
        op("preview usernames from a pattern", HEAD_IT, move |st| {
            accounts::preview_usernames(st, accounts::AccountGroup::Staff, "{initial}.{surname}")
                .map(drop)
        }),
        op("account statuses", HEAD_IT, move |st| {
            accounts::status(st).map(drop)
        }),
        op("edit a username", HEAD_IT, move |st| {
            let name = format!("role.test{}", s.next());
            accounts::set_username(st, &s.staff, &name).map(drop)
        }),
        op("export accounts", HEAD_IT, move |st| {
            let out = s.work.join(format!("export-{}.csv", s.next()));
            accounts::export(st, ExportFormat::Google, &out, true).map(drop)
        }),
        op("list account exports", HEAD_IT, move |st| {
            accounts::exports(st).map(drop)
        }),
        op("print login slips", HEAD_IT, move |st| {
            // The last export to cancel is still pending until the final pass.
            let id = s.exports_to_cancel.borrow().back().cloned().unwrap();
            accounts::pending_slips(st, Some(&id), None).map(drop)
        }),
        op("mark an export provisioned", HEAD_IT, move |st| {
            accounts::mark_provisioned(st, &take(&s.exports_to_mark)).map(drop)
        }),
        op("cancel an export", HEAD_IT, move |st| {
            accounts::cancel_export(st, &take(&s.exports_to_cancel)).map(drop)
        }),
        op("undo marking an export provisioned", HEAD_IT, move |st| {
            // Only the newest export's marking can be undone: a role that may
            // manage accounts makes one (or takes the newest) and marks it.
            let may = st
                .session()
                .is_ok_and(|u| u.can(assent_core::auth::Permission::Accounts));
            let id = if may {
                let out = s.work.join(format!("unmark-{}.csv", s.next()));
                accounts::export(st, ExportFormat::Csv, &out, true)?;
                let newest = accounts::exports(st)?.remove(0);
                assert_ne!(
                    Some(&newest.id),
                    s.exports_to_cancel.borrow().back(),
                    "the export kept for printing slips stays pending"
                );
                if newest.outcome.is_none() {
                    accounts::mark_provisioned(st, &newest.id)?;
                }
                newest.id
            } else {
                "an export".to_owned()
            };
            accounts::unmark_provisioned(st, &id).map(drop)
        }),
        // E-safety incidents.
        op("report an incident", HEAD_OFFICE_TEACHER, move |st| {
            incidents::record(st, &incident_input(&s.pupil)).map(drop)
        }),
        op("the incident log", HEAD_OFFICE_TEACHER, move |st| {
            incidents::list(st, &IncidentFilter::default()).map(drop)
        }),
        op("an incident you reported", HEAD_OFFICE_TEACHER, move |st| {
            let id = incidents::record(st, &incident_input(&s.pupil))?.summary.id;
            let number = incidents::detail(st, &id)?.summary.number;
            incidents::find(st, &number.to_string()).map(drop)
        }),
        op(
            "a file kept with an incident",
            HEAD_OFFICE_TEACHER,
            move |st| {
                let i = incidents::record(st, &incident_input(&s.pupil))?;
                let file = AttachmentInput {
                    file_name: "more.png".into(),
                    bytes: PNG.to_vec(),
                };
                let i = incidents::add_attachment(st, &i.summary.id, &file)?;
                incidents::attachment(st, &i.summary.id, &i.attachments[0].id)?;
                let out = s.work.join(format!("copy-{}.png", s.next()));
                let saved =
                    incidents::save_attachment(st, &i.summary.id, &i.attachments[0].id, &out)?;
                assert_eq!(std::fs::read(&out).unwrap(), PNG, "{saved:?}");
                Ok(())
            },
        ),
        op("act on an incident", ONLY_HEAD, move |st| {
            let warning = ActionInput {
                kind: ActionKind::Warning,
                done_by: "Headteacher".into(),
                date: None,
                note: None,
                person_id: None,
                until: None,
            };
            incidents::add_action(st, &s.incident, &warning).map(drop)
        }),
        op("remove and restore access", ONLY_HEAD, move |st| {
            let removal = ActionInput {
                kind: ActionKind::AccessRemoved,
                done_by: "Headteacher".into(),
                date: None,
                note: None,
                person_id: Some(s.pupil.clone()),
                until: None,
            };
            let d = incidents::add_action(st, &s.incident, &removal)?;
            let action = d.actions.last().expect("the removal").id.clone();
            incidents::lift_sanction(st, &action, Some("Reviewed")).map(drop)
        }),
        op("change an incident's status", ONLY_HEAD, move |st| {
            let now = latest(
                st,
                "SELECT status FROM incident_status WHERE incident_id = ?1 ORDER BY at DESC, id DESC LIMIT 1",
                &s.incident,
            );
            let next = if now.as_deref() == Some("open") {
                IncidentStatus::UnderReview
            } else {
                IncidentStatus::Open
            };
            incidents::set_status(st, &s.incident, next, None).map(drop)
        }),
        op("mark a child-protection matter", ONLY_HEAD, move |st| {
            let now = latest(
                st,
                "SELECT CASE WHEN child_protection = TRUE THEN 'yes' ELSE 'no' END FROM incident_protection
                 WHERE incident_id = ?1 ORDER BY at DESC, id DESC LIMIT 1",
                &s.incident,
            );
            incidents::set_child_protection(st, &s.incident, now.as_deref() != Some("yes"))
                .map(drop)
        }),
        op("access removed after incidents", HEAD_IT, move |st| {
            incidents::sanctions(st).map(drop)
        }),
        op("the governors' incident summary", ONLY_HEAD, move |st| {
            let to = chrono::Utc::now().date_naive();
            let from = to - chrono::Days::new(90);
            incidents::summary(st, &from.to_string(), &to.to_string()).map(drop)
        }),
        // The audit log, and the demo.
        op("check the audit log", ONLY_HEAD, move |st| {
            audit::verify(st).map(drop)
        }),
        op("read the audit log", ONLY_HEAD, move |st| {
            audit::list(st, &audit::AuditFilter::default()).map(drop)
        }),
        op("load the demo school", HEAD_OFFICE, move |st| {
            // This school already holds the demo people: a role that may load
            // them gets past the check of its role to the refusal to load twice.
            match demo::fill(st) {
                Err(Error::NotEmpty { .. }) => Ok(()),
                other => other.map(drop),
            }
        }),
        op(
            "generate a school of any size",
            HEAD_OFFICE,
            move |st| match demo::fill_scaled(st, &demo::Scale::pupils(30)) {
                Err(Error::NotEmpty { .. }) => Ok(()),
                other => other.map(drop),
            },
        ),
    ]
}

#[test]
fn every_operation_is_allowed_or_forbidden_by_role() {
    let (dir, mut store) = school_with_users();
    let s = setup(&mut store, dir.path());
    let mut ops = operations(&s);
    let mut wrong = Vec::new();
    for role in Role::ALL {
        store.sign_in(username(role), PASSWORD).unwrap();
        for op in &mut ops {
            let result = (op.run)(&mut store);
            let allowed = op.allowed.contains(&role);
            let as_expected = if allowed {
                result.is_ok()
            } else {
                matches!(result, Err(Error::Forbidden { .. }))
            };
            if !as_expected {
                wrong.push(format!(
                    "{} as {role:?}: expected {}, got {result:?}",
                    op.name,
                    if allowed { "success" } else { "Forbidden" }
                ));
            }
            assert_eq!(
                store.session().map(|s| s.username.clone()).ok().as_deref(),
                Some(username(role)),
                "{} changed who is signed in",
                op.name
            );
        }
    }
    store.sign_out();
    for op in &mut ops {
        let result = (op.run)(&mut store);
        if !matches!(result, Err(Error::NotSignedIn)) {
            wrong.push(format!(
                "{} signed out: expected NotSignedIn, got {result:?}",
                op.name
            ));
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

fn forbidden<T: std::fmt::Debug>(what: &str, result: &Result<T>) {
    assert!(
        matches!(result, Err(Error::Forbidden { .. })),
        "{what}: {result:?}"
    );
}

/// The demo school with one agreement in each of two classes, signed in as
/// the teacher of the first.
struct TeacherView {
    _dir: tempfile::TempDir,
    store: Store,
    pupil: String,
    parent: String,
    other_pupil: String,
    other_parent: String,
    staff: String,
    class_pupils: usize,
    class_contacts: usize,
}

fn teacher_view() -> TeacherView {
    let (dir, mut store) = school_with_users();
    let (pupil, parent, _) = pupil_with_parent(&store, CLASS);
    let (other_pupil, other_parent, _) = pupil_with_parent(&store, OTHER_CLASS);
    let staff = first_staff(&store);
    for (i, person) in [&pupil, &other_pupil].into_iter().enumerate() {
        let req = request(
            &store,
            &format!("scope-{i}"),
            person,
            TemplateKind::Ks2,
            vec![signature(SignerRole::Pupil, "Me", None, Method::Drawn)],
        );
        agreements::sign(&mut store, &req).unwrap();
    }
    let class_pupils: usize = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM people WHERE kind = 'pupil' AND class_name = ?1",
            [CLASS],
            |r| r.get(0),
        )
        .unwrap();
    let class_contacts: usize = store
        .inspect()
        .query_row(
            "SELECT count(DISTINCT l.contact_id) FROM contact_links l
             JOIN people p ON p.id = l.pupil_id WHERE p.class_name = ?1",
            [CLASS],
            |r| r.get(0),
        )
        .unwrap();
    store.sign_in("teacher", PASSWORD).unwrap();
    TeacherView {
        _dir: dir,
        store,
        pupil,
        parent,
        other_pupil,
        other_parent,
        staff,
        class_pupils,
        class_contacts,
    }
}

#[test]
fn a_teacher_sees_only_their_class() {
    let v = teacher_view();
    let store = &v.store;
    let listed = people::list(store, &Filter::default()).unwrap();
    let (pupils, others): (Vec<_>, Vec<_>) =
        listed.iter().partition(|p| p.kind == PersonKind::Pupil);
    assert_eq!(pupils.len(), v.class_pupils);
    assert!(pupils.iter().all(|p| p.class.as_deref() == Some(CLASS)));
    assert!(others.iter().all(|p| p.kind == PersonKind::Parent));
    assert_eq!(others.len(), v.class_contacts, "and their pupils' contacts");
    let other_class = people::list(
        store,
        &Filter {
            class: Some(OTHER_CLASS.to_owned()),
            ..Filter::default()
        },
    )
    .unwrap();
    assert!(other_class.is_empty(), "{other_class:?}");
    let classes: Vec<String> = people::classes(store)
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(classes, vec![CLASS.to_owned()]);

    let statuses = agreements::status(store, &StatusFilter::default()).unwrap();
    assert_eq!(statuses.len(), v.class_pupils);
    assert!(statuses.iter().all(|r| r.class.as_deref() == Some(CLASS)));
    let theirs = agreements::agreements_for(store, None).unwrap();
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].person_id, v.pupil);

    let grid = consent::grid(store, &[]).unwrap();
    assert_eq!(grid.rows.len(), v.class_pupils);
    assert!(grid.rows.iter().all(|r| r.class.as_deref() == Some(CLASS)));
    assert_eq!(
        consent::grid(store, &[CLASS.to_owned()])
            .unwrap()
            .rows
            .len(),
        v.class_pupils
    );

    let mine = people::detail(store, &v.pupil).unwrap();
    assert_eq!(mine.summary.class.as_deref(), Some(CLASS));
    let their_parent = people::detail(store, &v.parent).unwrap();
    assert!(their_parent.pupils.iter().any(|p| p.id == v.pupil));
    consent::history(store, &v.pupil).unwrap();
}

#[test]
fn a_teacher_is_refused_other_classes() {
    let mut v = teacher_view();
    let store = &mut v.store;
    let other = [OTHER_CLASS.to_owned()];
    let both = [CLASS.to_owned(), OTHER_CLASS.to_owned()];
    forbidden("another class's grid", &consent::grid(store, &other));
    forbidden("their class and another", &consent::grid(store, &both));
    forbidden(
        "another class's do-not-photograph list",
        &consent::no_photo(store, &other),
    );
    forbidden(
        "another class's pupil",
        &people::detail(store, &v.other_pupil),
    );
    forbidden(
        "another class's parent",
        &people::detail(store, &v.other_parent),
    );
    forbidden("a member of staff", &people::detail(store, &v.staff));
    forbidden(
        "another class's agreement status",
        &agreements::status_for(store, &v.other_pupil),
    );
    forbidden(
        "another class's agreements",
        &agreements::agreements_for(store, Some(&v.other_pupil)),
    );
    forbidden(
        "another class's consent history",
        &consent::history(store, &v.other_pupil),
    );
    forbidden(
        "another class's consent",
        &consent::set(
            store,
            &DecisionInput {
                person_id: v.other_pupil.clone(),
                purpose: "website".into(),
                yes: true,
                given_by: v.other_parent.clone(),
                method: ConsentMethod::Paper,
                date: None,
            },
        ),
    );
    let req = request(
        store,
        "scope-other",
        &v.other_pupil,
        TemplateKind::Ks2,
        vec![signature(SignerRole::Pupil, "Me", None, Method::Drawn)],
    );
    forbidden("signing for another class", &agreements::sign(store, &req));
}

#[test]
fn the_it_technician_sees_no_consent() {
    let (_dir, mut store) = school_with_users();
    let (pupil, _, _) = pupil_with_parent(&store, CLASS);
    store.sign_in("it", PASSWORD).unwrap();
    forbidden("the consent grid", &consent::grid(&store, &[]));
    forbidden(
        "a pupil's consent history",
        &consent::history(&store, &pupil),
    );
    forbidden("consent purposes", &consent::purposes(&store));
    forbidden(
        "the do-not-photograph list",
        &consent::no_photo(&store, &[]),
    );
    match consent::grid(&store, &[]).unwrap_err() {
        Error::Forbidden { action, role } => {
            assert_eq!(role, Role::It.label());
            assert!(action.contains("consent"), "{action}");
        }
        other => panic!("{other:?}"),
    }
    // What IT may do still works.
    assert_eq!(people::classes(&store).unwrap().len(), 7);
    dashboard::load(&store).unwrap();
}

#[test]
fn the_demo_can_be_loaded_by_the_office_but_not_by_a_teacher_or_it() {
    let (_dir, mut store) = common::school();
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "teacher", Role::Teacher, &[CLASS]);
    common::add_user(&mut store, "it", Role::It, &[]);
    for role in [Role::Teacher, Role::It] {
        store.sign_in(username(role), PASSWORD).unwrap();
        let err = demo::fill(&mut store).unwrap_err();
        assert!(matches!(err, Error::Forbidden { .. }), "{role:?}: {err:?}");
    }
    store.sign_in("office", PASSWORD).unwrap();
    assert_eq!(demo::fill(&mut store).unwrap().pupils, 210);
}

#[test]
fn only_a_head_user_restores_a_backup() {
    let (dir, mut store) = school_with_users();
    let taken = dir.path().join("school.assent");
    backup::create(&mut store, &taken, false).unwrap();
    drop(store);
    let db = common::db_path(&dir);
    let before = common::row_counts(&common::open(&db));
    for role in [Role::Office, Role::Teacher, Role::It] {
        let err = common::restore(&taken, &db, username(role), PASSWORD).unwrap_err();
        assert!(matches!(err, Error::Forbidden { .. }), "{role:?}: {err:?}");
        assert_eq!(
            common::row_counts(&common::open(&db)),
            before,
            "{role:?} changed nothing"
        );
    }
    let restored = common::restore(&taken, &db, common::HEAD, PASSWORD).unwrap();
    assert!(restored.kept.is_some(), "the replaced database is kept");
    drop(common::open(&db));
}

/// The backup the app takes when it closes runs as Assent itself, so it is
/// written whoever is signed in, or nobody, and leaves the session as it was.
#[test]
fn automatic_backups_run_whoever_is_signed_in() {
    let (dir, mut store) = school_with_users();
    let folder = dir.path().join("automatic");
    assert_eq!(
        backup::automatic(&mut store).unwrap(),
        None,
        "off until set up"
    );
    let settings = backup::AutomaticBackups {
        folder: Some(folder.display().to_string()),
        keep: 2,
    };
    backup::set_automatic(&mut store, &settings).unwrap();
    for role in Role::ALL {
        store.sign_in(username(role), PASSWORD).unwrap();
        let written = backup::automatic(&mut store).unwrap().expect("a backup");
        assert!(written.starts_with(&folder), "{}", written.display());
        backup::inspect_file(&written).unwrap();
        assert_eq!(
            store.session().unwrap().username,
            username(role),
            "{role:?} is still signed in"
        );
    }
    store.sign_out();
    backup::automatic(&mut store).unwrap().expect("a backup");
    assert!(
        matches!(store.session(), Err(Error::NotSignedIn)),
        "nobody is signed in afterwards"
    );
    let kept = std::fs::read_dir(&folder).unwrap().count();
    assert_eq!(kept, 2, "only the newest backups are kept");
    let by: String = store
        .inspect()
        .query_row(
            "SELECT actor FROM audit_log WHERE action = 'backup.create' ORDER BY seq DESC LIMIT 1",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert!(by.starts_with("Assent"), "{by}");
}

/// Each `pub fn` in the core's sources whose first parameter is the store,
/// as `module::name`.
fn store_operations() -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for file in rust_files(&src) {
        let relative = file.strip_prefix(&src).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("pub fn ") {
            let rest = &text[at + "pub fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let Some(open) = rest.find('(') else { continue };
            let first_param = rest[open + 1..]
                .split([',', ')'])
                .next()
                .unwrap_or_default();
            let ty = first_param
                .split_once(':')
                .map(|(_, ty)| ty.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_default()
                .replace("crate::", "");
            if ty == "&Store" || ty == "&mut Store" {
                found.push(format!("{module}::{name}"));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

#[test]
fn every_operation_on_the_store_has_a_role_test() {
    let this_file = include_str!("roles.rs");
    let ops = store_operations();
    assert!(
        ops.len() >= 40,
        "the scan finds the store's operations: {ops:?}"
    );
    for known in ["people::list", "school::name", "users::add", "demo::fill"] {
        assert!(
            ops.iter().any(|o| o == known),
            "{known} missing from {ops:?}"
        );
    }
    let missing: Vec<&String> = ops
        .iter()
        .filter(|o| !this_file.contains(&format!("{o}(")))
        .collect();
    assert!(
        missing.is_empty(),
        "operations without a role test in tests/roles.rs: {missing:?}"
    );
}

#[test]
fn the_app_and_the_cli_never_bypass_roles() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut checked = 0;
    for dir in [crates.join("assent-cli/src"), crates.join("../src")] {
        assert!(dir.is_dir(), "{} exists", dir.display());
        for file in rust_files(&dir) {
            checked += 1;
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                let code = line.split("//").next().unwrap_or_default();
                for call in [".inspect(", ".inspect_write("] {
                    assert!(
                        !code.contains(call),
                        "{}:{} calls {call}…), which bypasses roles: {line}",
                        file.display(),
                        n + 1
                    );
                }
            }
        }
    }
    assert!(checked >= 2, "the app's and the CLI's sources were read");
}
