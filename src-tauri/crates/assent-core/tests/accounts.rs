//! IT accounts: only people with a valid, current agreement ever reach an
//! export file; withdrawals and material changes turn into suspensions; the
//! files match the providers' templates column by column; passwords are never stored.

// Each test follows one situation from start to finish, which reads best as one story.
#![allow(clippy::too_many_lines)]

use crate::common;

use crate::common::{drawn, typed};

use std::collections::HashMap;
use std::path::Path;

use assent_core::accounts::{
    self, AccountAction, AccountExport, AccountGroup, AccountRow, AccountSettings, AccountStatus,
    Blocker, ENTRA_HEADERS, ENTRA_VERSION_LINE, ExportFormat, GOOGLE_HEADERS, PLAIN_HEADERS,
};
use assent_core::agreements::{self, SignRequest, SignatureInput, SignerRole};
use assent_core::auth::Role;
use assent_core::people::{self, Filter, PersonInput, PersonKind};
use assent_core::templates::{self, PublishOptions, TemplateKind};
use assent_core::{Error, Store, consent};
use chrono::Days;

fn today() -> chrono::NaiveDate {
    assent_core::time::today()
}

fn days_from_today(days: i64) -> String {
    let d = if days >= 0 {
        today() + Days::new(days.unsigned_abs())
    } else {
        today() - Days::new(days.unsigned_abs())
    };
    d.to_string()
}

/// Every group's domain set; everything else as the defaults.
fn settings() -> AccountSettings {
    let mut s = AccountSettings::default();
    s.pupils.domain = "pupils.juniper.sch.uk".into();
    s.staff.domain = "juniper.sch.uk".into();
    s.volunteers.domain = "volunteers.juniper.sch.uk".into();
    s.governors.domain = "governors.juniper.sch.uk".into();
    s.visitors.domain = "guests.juniper.sch.uk".into();
    s
}

/// The demo school with the account domains set, signed in as the head user.
fn school() -> (tempfile::TempDir, Store) {
    let (dir, mut store) = common::demo_school();
    accounts::set_settings(&mut store, &settings()).unwrap();
    (dir, store)
}

fn sign(
    store: &mut Store,
    person: &str,
    kind: TemplateKind,
    signatures: Vec<SignatureInput>,
) -> agreements::AgreementRecord {
    let current = templates::version(store, kind, None).unwrap();
    let req = SignRequest {
        submission_id: uuid_like(),
        person_id: person.to_owned(),
        kind,
        version: current.version,
        template_sha256: current.sha256,
        signatures,
        scan: None,
        device: "Office PC".to_owned(),
        consents: Vec::new(),
    };
    agreements::sign(store, &req).unwrap()
}

fn uuid_like() -> String {
    format!("sub-{}", fastrand::u64(..))
}

fn add(store: &mut Store, input: &PersonInput) -> String {
    people::add(store, input).unwrap().summary.id
}

fn adult(kind: PersonKind, given: &str, family: &str) -> PersonInput {
    PersonInput {
        kind: Some(kind),
        given_name: given.into(),
        family_name: family.into(),
        role: Some("Teaching assistant".into()),
        start_date: Some(days_from_today(-30)),
        end_date: (kind == PersonKind::Visitor).then(|| days_from_today(10)),
        ..PersonInput::default()
    }
}

/// An adult signed on their agreement: (id, agreement id).
fn signed_adult(store: &mut Store, input: &PersonInput) -> (String, String) {
    let name = format!("{} {}", input.given_name, input.family_name);
    let kind = templates::kind_for(input.kind.unwrap(), None);
    let id = add(store, input);
    let a = sign(store, &id, kind, vec![typed(&name)]);
    (id, a.id)
}

/// A pupil in `class` with a parent or carer who has parental responsibility: (pupil, parent).
fn pupil_in(store: &Store, class: &str, skip: usize) -> (String, String) {
    let pupils = people::list(
        store,
        &Filter {
            class: Some(class.to_owned()),
            ..Filter::default()
        },
    )
    .unwrap();
    pupils
        .iter()
        .filter_map(|p| {
            let d = people::detail(store, &p.id).unwrap();
            d.contacts
                .iter()
                .find(|c| c.parental_responsibility)
                .map(|c| (p.id.clone(), c.id.clone()))
        })
        .nth(skip)
        .expect("a pupil with a parent")
}

/// A KS2 pupil signed by the pupil and a parent.
fn signed_ks2(store: &mut Store, class: &str, skip: usize) -> String {
    let (pupil, parent) = pupil_in(store, class, skip);
    sign(
        store,
        &pupil,
        TemplateKind::Ks2,
        vec![
            drawn(SignerRole::Pupil, "Me", None),
            drawn(SignerRole::Parent, "Parent", Some(&parent)),
        ],
    );
    pupil
}

/// A KS1 pupil signed by a parent.
fn signed_ks1(store: &mut Store, class: &str, skip: usize) -> String {
    let (pupil, parent) = pupil_in(store, class, skip);
    sign(
        store,
        &pupil,
        TemplateKind::Ks1,
        vec![drawn(SignerRole::Parent, "Parent", Some(&parent))],
    );
    pupil
}

fn rows(store: &Store) -> HashMap<String, AccountRow> {
    accounts::status(store)
        .unwrap()
        .into_iter()
        .map(|r| (r.person_id.clone(), r))
        .collect()
}

fn row(store: &Store, person: &str) -> AccountRow {
    rows(store).remove(person).expect("listed")
}

/// A parsed export: the header row and the data rows (Entra's version line checked and skipped).
struct Parsed {
    headers: Vec<String>,
    rows: Vec<HashMap<String, String>>,
}

impl Parsed {
    fn read(path: &Path, format: ExportFormat) -> Parsed {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(path)
            .unwrap();
        let mut records = reader.records().map(Result::unwrap);
        if format == ExportFormat::Entra {
            let version = records.next().unwrap();
            assert_eq!(version.iter().collect::<Vec<_>>(), vec![ENTRA_VERSION_LINE]);
        }
        let headers: Vec<String> = records.next().unwrap().iter().map(str::to_owned).collect();
        let rows = records
            .map(|r| {
                assert_eq!(r.len(), headers.len(), "every row has every column");
                headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_owned))
                    .collect()
            })
            .collect();
        Parsed { headers, rows }
    }

    /// The row whose `column` is `value`.
    fn find(&self, column: &str, value: &str) -> Option<&HashMap<String, String>> {
        self.rows.iter().find(|r| r[column] == value)
    }
}

fn export(
    store: &mut Store,
    dir: &Path,
    format: ExportFormat,
    everything: bool,
) -> (AccountExport, Option<Parsed>) {
    let out = dir.join(format!("export-{}.csv", fastrand::u32(..)));
    let done = accounts::export(store, format, &out, everything).unwrap();
    let parsed = done.export_id.as_ref().map(|_| Parsed::read(&out, format));
    assert_eq!(done.export_id.is_some(), out.exists());
    (done, parsed)
}

/// The email column of each format.
fn email_column(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Google => "Email Address [Required]",
        ExportFormat::Entra => "User name [userPrincipalName] Required",
        ExportFormat::Csv => "Email",
    }
}

#[test]
fn before_anyone_signs_nobody_is_ready_and_nothing_is_exported() {
    let (dir, mut store) = school();
    let all = accounts::status(&store).unwrap();
    assert!(!all.is_empty());
    assert!(all.iter().all(|r| r.status == AccountStatus::Blocked));
    assert!(all.iter().all(|r| r.blockers.contains(&Blocker::NotSigned)));
    assert!(all.iter().all(|r| !r.reasons.is_empty()));
    assert!(
        all.iter().all(|r| r.kind != PersonKind::Parent),
        "parents have no accounts"
    );
    assert!(
        all.iter()
            .all(|r| r.year_group.as_deref() != Some("Reception")),
        "Reception is off by default"
    );
    for format in [ExportFormat::Google, ExportFormat::Entra, ExportFormat::Csv] {
        let (done, parsed) = export(&mut store, dir.path(), format, true);
        assert!(done.export_id.is_none() && parsed.is_none());
        assert!(done.accounts.is_empty());
    }
    assert!(accounts::exports(&store).unwrap().is_empty());
}

/// Rule by rule: each group with its own current agreement is ready and in the export.
#[test]
fn each_rule_makes_its_group_ready_and_exported() {
    let (dir, mut store) = school();
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Rhiannon", "Pryce"));
    let (volunteer, _) = signed_adult(
        &mut store,
        &adult(PersonKind::Volunteer, "Peter", "Halloran"),
    );
    let (governor, _) = signed_adult(&mut store, &adult(PersonKind::Governor, "Grace", "Mensah"));
    let (visitor, _) = signed_adult(&mut store, &adult(PersonKind::Visitor, "Noor", "Siddiqui"));
    let ks2 = signed_ks2(&mut store, "Oak", 0);
    let year1 = signed_ks1(&mut store, "Beech", 0);
    let reception = signed_ks1(&mut store, "Acorns", 0);
    // The KS2 rule needs the pupil and a parent: the pupil alone is not enough.
    let (half, _) = pupil_in(&store, "Oak", 1);
    sign(
        &mut store,
        &half,
        TemplateKind::Ks2,
        vec![drawn(SignerRole::Pupil, "Me", None)],
    );
    // The KS1 rule needs a parent: the child's mark alone is not enough.
    let (marked, _) = pupil_in(&store, "Beech", 1);
    sign(
        &mut store,
        &marked,
        TemplateKind::Ks1,
        vec![drawn(SignerRole::ChildMark, "Me", None)],
    );

    let r = rows(&store);
    for (who, kind) in [
        (&staff, TemplateKind::Staff),
        (&volunteer, TemplateKind::Staff),
        (&governor, TemplateKind::GovernorVisitor),
        (&visitor, TemplateKind::GovernorVisitor),
        (&ks2, TemplateKind::Ks2),
        (&year1, TemplateKind::Ks1),
    ] {
        assert_eq!(r[who].status, AccountStatus::Ready, "{:?}", r[who]);
        assert_eq!(r[who].agreement_kind, kind);
        assert!(r[who].reasons.is_empty());
    }
    assert_eq!(r[&half].blockers, vec![Blocker::AwaitingParent]);
    assert!(r[&half].reasons[0].contains("parent"), "{:?}", r[&half]);
    assert_eq!(r[&marked].blockers, vec![Blocker::AwaitingParent]);
    assert!(!r.contains_key(&reception), "Reception is off by default");
    assert_eq!(r[&visitor].expires, Some(days_from_today(10)));

    let (done, parsed) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    let parsed = parsed.unwrap();
    let ids: Vec<&str> = done.accounts.iter().map(|a| a.person_id.as_str()).collect();
    for who in [&staff, &volunteer, &governor, &visitor, &ks2, &year1] {
        assert!(ids.contains(&who.as_str()), "{who} exported");
        let line = parsed.find("Assent ID", who).expect("in the file");
        assert_eq!(line["Action"], "create");
        assert!(!line["Initial Password"].is_empty());
    }
    assert_eq!(ids.len(), 6, "nobody else: {ids:?}");
    assert!(
        done.accounts
            .iter()
            .all(|a| a.action == AccountAction::Create)
    );

    // Reception turned on: the Reception child with a parent's signature is ready too.
    let mut with_reception = settings();
    with_reception.include_reception = true;
    accounts::set_settings(&mut store, &with_reception).unwrap();
    assert_eq!(row(&store, &reception).status, AccountStatus::Ready);
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    assert_eq!(
        done.accounts
            .iter()
            .map(|a| a.person_id.as_str())
            .collect::<Vec<_>>(),
        vec![reception.as_str()],
        "the earlier ones are in the pending export"
    );
}

/// Blocker by blocker: a person without a valid current agreement is in no file,
/// whatever the format, even in an export of everything.
#[test]
fn every_blocker_keeps_a_person_out_of_every_export() {
    let (dir, mut store) = school();
    let mut blocked: Vec<(&str, String, Blocker)> = Vec::new();

    let not_signed = add(&mut store, &adult(PersonKind::Staff, "Nadia", "Unsigned"));
    blocked.push(("no agreement", not_signed, Blocker::NotSigned));

    let (withdrawn, agreement) =
        signed_adult(&mut store, &adult(PersonKind::Staff, "Walter", "Withdrawn"));
    agreements::withdraw(&mut store, &agreement, "Signed the wrong form").unwrap();
    blocked.push(("withdrawn", withdrawn, Blocker::Withdrawn));

    let (pupil_only, _) = pupil_in(&store, "Willow", 0);
    sign(
        &mut store,
        &pupil_only,
        TemplateKind::Ks2,
        vec![drawn(SignerRole::Pupil, "Me", None)],
    );
    blocked.push(("awaiting parent", pupil_only, Blocker::AwaitingParent));

    let mut ended = adult(PersonKind::Visitor, "Vera", "Visited");
    ended.start_date = Some(days_from_today(-5));
    ended.end_date = Some(days_from_today(-1));
    let (expired, _) = signed_adult(&mut store, &ended);
    blocked.push(("visit ended", expired, Blocker::Expired));

    let (left, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Lena", "Leaver"));
    blocked.push(("left", left.clone(), Blocker::Left));

    let (governor, _) = signed_adult(&mut store, &adult(PersonKind::Governor, "Gus", "Off"));
    blocked.push(("group turned off", governor, Blocker::GroupOff));

    let (no_latin, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "伟", "王"));
    blocked.push(("no Latin letters", no_latin, Blocker::NeedsUsername));

    // Signed the staff agreement, then it changed materially.
    let (resign, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Rita", "Resign"));
    let source = templates::version(&store, TemplateKind::Staff, None)
        .unwrap()
        .source;
    templates::publish(
        &mut store,
        TemplateKind::Staff,
        &format!("{source}\n- I use two-step sign-in.\n"),
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    blocked.push(("material change", resign, Blocker::NeedsResigning));

    // Someone signed on the current version, as the control.
    let (control, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Carla", "Control"));

    // Lena leaves (her last day was yesterday); governors get no accounts.
    let mut leaving = adult(PersonKind::Staff, "Lena", "Leaver");
    leaving.start_date = Some(days_from_today(-30));
    leaving.end_date = Some(days_from_today(-1));
    people::edit(&mut store, &left, &leaving).unwrap();
    let mut no_governors = settings();
    no_governors.governors.enabled = false;
    accounts::set_settings(&mut store, &no_governors).unwrap();

    let listed = rows(&store);
    assert_eq!(listed[&control].status, AccountStatus::Ready);
    for (what, id, blocker) in &blocked {
        match listed.get(id) {
            // Leavers and people in a group without accounts, who never had one, are not listed.
            None => assert!(
                matches!(blocker, Blocker::Left | Blocker::GroupOff),
                "{what} is listed"
            ),
            Some(r) => {
                assert_eq!(r.status, AccountStatus::Blocked, "{what}: {r:?}");
                assert!(r.blockers.contains(blocker), "{what}: {r:?}");
                assert_eq!(r.blockers.len(), r.reasons.len());
            }
        }
    }

    for format in [ExportFormat::Google, ExportFormat::Entra, ExportFormat::Csv] {
        for everything in [false, true] {
            let (done, parsed) = export(&mut store, dir.path(), format, everything);
            let parsed = parsed.expect("the control is exported");
            let control_email = listed[&control].email.clone().unwrap();
            assert!(
                parsed.find(email_column(format), &control_email).is_some(),
                "{format:?}: the control is in the file"
            );
            assert_eq!(parsed.rows.len(), 1, "{format:?}: only the control");
            for (what, id, _) in &blocked {
                assert!(
                    done.accounts.iter().all(|a| &a.person_id != id),
                    "{what} exported as {format:?}"
                );
                if let Some(r) = listed.get(id) {
                    let email = format!("{}@juniper.sch.uk", r.username);
                    assert!(parsed.find(email_column(format), &email).is_none());
                }
            }
            accounts::cancel_export(&mut store, done.export_id.as_ref().unwrap()).unwrap();
        }
    }
}

#[test]
fn a_withdrawal_or_a_material_change_moves_a_provisioned_person_to_suspend() {
    let (dir, mut store) = school();
    let (staff, staff_agreement) =
        signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let pupil = signed_ks2(&mut store, "Hazel", 0);
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Google, false);
    let id = done.export_id.unwrap();
    assert_eq!(
        row(&store, &staff).pending_export.as_deref(),
        Some(id.as_str())
    );
    let marked = accounts::mark_provisioned(&mut store, &id).unwrap();
    assert_eq!((marked.created, marked.suspended), (2, 0));
    for who in [&staff, &pupil] {
        let r = row(&store, who);
        assert_eq!(r.status, AccountStatus::Provisioned);
        assert!(r.provisioned_at.is_some());
        assert_eq!(r.provisioned_by.as_deref(), Some(common::HEAD_ACTOR));
        assert_eq!(r.pending_export, None);
    }
    let (nothing, _) = export(&mut store, dir.path(), ExportFormat::Google, false);
    assert!(nothing.export_id.is_none(), "no changes since");

    // A minor correction changes nothing.
    let source = templates::version(&store, TemplateKind::Staff, None)
        .unwrap()
        .source;
    templates::publish(
        &mut store,
        TemplateKind::Staff,
        &format!("{source}\n- Minor wording.\n"),
        &PublishOptions {
            material: false,
            summary: Some("A typo".into()),
            ..PublishOptions::default()
        },
    )
    .unwrap();
    assert_eq!(row(&store, &staff).status, AccountStatus::Provisioned);

    // The staff agreement is withdrawn; the KS2 text changes materially.
    agreements::withdraw(&mut store, &staff_agreement, "Refused the new rules").unwrap();
    let ks2 = templates::version(&store, TemplateKind::Ks2, None)
        .unwrap()
        .source;
    templates::publish(
        &mut store,
        TemplateKind::Ks2,
        &format!("{ks2}\n- I never share my password.\n"),
        &PublishOptions {
            material: true,
            ..PublishOptions::default()
        },
    )
    .unwrap();
    let s = row(&store, &staff);
    assert_eq!(s.status, AccountStatus::ToSuspend);
    assert_eq!(s.blockers, vec![Blocker::Withdrawn]);
    let p = row(&store, &pupil);
    assert_eq!(p.status, AccountStatus::ToSuspend);
    assert_eq!(p.blockers, vec![Blocker::NeedsResigning]);
    assert!(p.reasons[0].contains("version 1"), "{:?}", p.reasons);

    // Entra's bulk create cannot suspend: they are reported, not written.
    let (entra, _) = export(&mut store, dir.path(), ExportFormat::Entra, false);
    assert!(entra.export_id.is_none());
    assert_eq!(entra.left_out.len(), 2);
    assert!(entra.left_out[0].reason.contains("Entra"));

    // The next Google export suspends both, without touching their passwords.
    let (done, parsed) = export(&mut store, dir.path(), ExportFormat::Google, false);
    let parsed = parsed.unwrap();
    assert_eq!(done.accounts.len(), 2);
    for a in &done.accounts {
        assert_eq!(a.action, AccountAction::Suspend);
        assert!(a.password.is_none());
        let line = parsed.find("Email Address [Required]", &a.email).unwrap();
        assert_eq!(line["New Status [UPLOAD ONLY]"], "Suspended");
        assert_eq!(line["Password [Required]"], "****");
    }
    let marked = accounts::mark_provisioned(&mut store, &done.export_id.unwrap()).unwrap();
    assert_eq!((marked.created, marked.suspended), (0, 2));
    assert_eq!(row(&store, &staff).status, AccountStatus::Suspended);
    assert!(row(&store, &staff).suspended_at.is_some());

    // Signing again turns the account back on, with the same username.
    let username = row(&store, &staff).username;
    sign(
        &mut store,
        &staff,
        TemplateKind::Staff,
        vec![typed("Owen Marsh")],
    );
    assert_eq!(row(&store, &staff).status, AccountStatus::Ready);
    let (done, parsed) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    assert_eq!(done.accounts.len(), 1);
    let line = &parsed.unwrap().rows[0];
    assert_eq!(line["Action"], "reactivate");
    assert_eq!(line["Username"], username);
    assert_eq!(line["Initial Password"], "");
    accounts::mark_provisioned(&mut store, &done.export_id.unwrap()).unwrap();
    assert_eq!(row(&store, &staff).status, AccountStatus::Provisioned);

    // A provisioned member of staff who leaves is to be suspended too.
    let mut leaving = adult(PersonKind::Staff, "Owen", "Marsh");
    leaving.end_date = Some(days_from_today(-1));
    people::edit(&mut store, &staff, &leaving).unwrap();
    let r = row(&store, &staff);
    assert_eq!(r.status, AccountStatus::ToSuspend);
    assert_eq!(r.blockers, vec![Blocker::Left]);

    // The history is kept: events are never changed or removed.
    let events: u32 = store
        .inspect()
        .query_row("SELECT count(*) FROM account_events", (), |r| r.get(0))
        .unwrap();
    assert_eq!(events, 5);
    assert!(
        store
            .inspect()
            .execute("UPDATE account_events SET action = 'created'", ())
            .is_err()
    );
    assert!(
        store
            .inspect()
            .execute("DELETE FROM account_events", ())
            .is_err()
    );
}

#[test]
fn the_google_file_matches_the_template_column_by_column() {
    let (dir, mut store) = school();
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Zoë", "Żółkiewska"));
    let pupil = signed_ks2(&mut store, "Oak", 0);
    let (done, parsed) = export(&mut store, dir.path(), ExportFormat::Google, false);
    let parsed = parsed.unwrap();
    assert_eq!(parsed.headers, GOOGLE_HEADERS.to_vec());
    assert_eq!(parsed.headers.len(), 28);
    assert_eq!(parsed.rows.len(), 2);
    let by_person: HashMap<&str, &accounts::ExportedAccount> = done
        .accounts
        .iter()
        .map(|a| (a.person_id.as_str(), a))
        .collect();

    let s = by_person[staff.as_str()];
    let line = parsed.find("Email Address [Required]", &s.email).unwrap();
    let expected: HashMap<&str, String> = [
        ("First Name [Required]", "Zoë".to_owned()),
        ("Last Name [Required]", "Żółkiewska".to_owned()),
        (
            "Email Address [Required]",
            "z.zolkiewska@juniper.sch.uk".to_owned(),
        ),
        (
            "Password [Required]",
            s.password.as_ref().unwrap().reveal().to_owned(),
        ),
        ("Org Unit Path [Required]", "/Staff".to_owned()),
        ("Employee Type", "Staff".to_owned()),
        ("Employee Title", "Teaching assistant".to_owned()),
        ("Change Password at Next Sign-In", "TRUE".to_owned()),
    ]
    .into_iter()
    .collect();
    for header in GOOGLE_HEADERS {
        assert_eq!(
            line[header],
            expected.get(header).cloned().unwrap_or_default(),
            "staff: {header}"
        );
    }

    let p = by_person[pupil.as_str()];
    let r = row(&store, &pupil);
    let line = parsed.find("Email Address [Required]", &p.email).unwrap();
    let expected: HashMap<&str, String> = [
        ("First Name [Required]", r.first_name.clone()),
        ("Last Name [Required]", r.last_name.clone()),
        (
            "Email Address [Required]",
            format!("{}@pupils.juniper.sch.uk", r.username),
        ),
        (
            "Password [Required]",
            p.password.as_ref().unwrap().reveal().to_owned(),
        ),
        ("Org Unit Path [Required]", "/Pupils/Year 5".to_owned()),
        ("Employee Type", "Pupil".to_owned()),
        ("Department", "Oak".to_owned()),
        ("Change Password at Next Sign-In", "FALSE".to_owned()),
    ]
    .into_iter()
    .collect();
    for header in GOOGLE_HEADERS {
        assert_eq!(
            line[header],
            expected.get(header).cloned().unwrap_or_default(),
            "pupil: {header}"
        );
    }
    // A child's password is two words and two digits, with nothing to misread.
    let pw = p.password.as_ref().unwrap().reveal();
    assert_eq!(pw.split('-').count(), 3, "{pw}");
    assert!(!pw.contains(['0', 'O', '1', 'l', 'I']), "{pw}");
    assert!(s.password.as_ref().unwrap().reveal().len() >= 16);
}

#[test]
fn the_entra_and_plain_files_match_their_headers_column_by_column() {
    let (dir, mut store) = school();
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let mut visit = adult(PersonKind::Visitor, "Noor", "Siddiqui");
    visit.role = Some("Visiting author".into());
    let (visitor, _) = signed_adult(&mut store, &visit);
    let pupil = signed_ks1(&mut store, "Cedar", 0);

    let (done, parsed) = export(&mut store, dir.path(), ExportFormat::Entra, false);
    let parsed = parsed.unwrap();
    assert_eq!(parsed.headers, ENTRA_HEADERS.to_vec());
    assert_eq!(parsed.rows.len(), 3);
    let account = |id: &str| done.accounts.iter().find(|a| a.person_id == id).unwrap();
    let s = account(&staff);
    let line = parsed
        .find(
            "User name [userPrincipalName] Required",
            "o.marsh@juniper.sch.uk",
        )
        .unwrap();
    let expected = [
        "Owen Marsh",
        "o.marsh@juniper.sch.uk",
        s.password.as_ref().unwrap().reveal(),
        "No",
        "Owen",
        "Marsh",
        "Teaching assistant",
        "Staff",
        "GB",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    for (header, value) in ENTRA_HEADERS.iter().zip(expected) {
        assert_eq!(line[*header], value, "{header}");
    }
    let p = account(&pupil);
    let line = parsed
        .find("User name [userPrincipalName] Required", &p.email)
        .unwrap();
    assert_eq!(line["Department [department]"], "Cedar");
    assert_eq!(line["Job title [jobTitle]"], "Pupil");
    assert_eq!(line["Usage location [usageLocation]"], "GB");
    assert_eq!(
        line["Initial password [passwordProfile] Required"],
        p.password.as_ref().unwrap().reveal()
    );
    accounts::cancel_export(&mut store, done.export_id.as_ref().unwrap()).unwrap();

    let (done, parsed) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    let parsed = parsed.unwrap();
    assert_eq!(parsed.headers, PLAIN_HEADERS.to_vec());
    let v = done
        .accounts
        .iter()
        .find(|a| a.person_id == visitor)
        .unwrap();
    let line = parsed.find("Assent ID", &visitor).unwrap();
    let expected = [
        v.username.clone(),
        "Noor".into(),
        "Siddiqui".into(),
        "visitors".into(),
        "Visiting author".into(),
        format!("{}@guests.juniper.sch.uk", v.username),
        v.password.as_ref().unwrap().reveal().to_owned(),
        "create".into(),
        "yes".into(),
        "/Visitors".into(),
        days_from_today(10),
        visitor.clone(),
    ];
    for (header, value) in PLAIN_HEADERS.iter().zip(expected) {
        assert_eq!(line[*header], value, "{header}");
    }
    assert_eq!(v.username, "visitor.noors");
    let line = parsed.find("Assent ID", &pupil).unwrap();
    assert_eq!(line["Class or Role"], "Cedar");
    assert_eq!(line["Org Unit"], "/Pupils/Year 2");
    assert_eq!(line["Change Password at Next Sign-In"], "no");
}

#[test]
fn usernames_are_transliterated_deduplicated_and_editable_before_export() {
    let (dir, mut store) = common::school();
    accounts::set_settings(&mut store, &settings()).unwrap();
    let pupil = |given: &str, family: &str, preferred: Option<&str>| PersonInput {
        kind: Some(PersonKind::Pupil),
        given_name: given.into(),
        family_name: family.into(),
        preferred_given_name: preferred.map(Into::into),
        year_group: Some("Year 4".into()),
        class: Some("Maple".into()),
        admission_date: Some("2023-09-04".into()),
        ..PersonInput::default()
    };
    let zoe = add(&mut store, &pupil("Zoë", "O'Brien", None));
    let zoe2 = add(&mut store, &pupil("Zoe", "Osei", None));
    let lukasz = add(&mut store, &pupil("Łukasz", "Łukasiewicz", None));
    let huong = add(&mut store, &pupil("Thị Hương", "Nguyễn", Some("Hương")));
    let fang = add(&mut store, &pupil("芳", "王", None));
    let mo = add(&mut store, &pupil("محمد", "الحسيني", Some("Mo")));
    let jane = add(&mut store, &adult(PersonKind::Staff, "Jane", "Smith"));
    let john = add(&mut store, &adult(PersonKind::Staff, "John", "Smith"));
    let r = rows(&store);
    assert_eq!(r[&zoe].username, "zoeo23");
    assert_eq!(r[&zoe2].username, "zoeo23-2");
    assert_eq!(r[&lukasz].username, "lukaszl23");
    assert_eq!(r[&huong].username, "huongn23");
    assert_eq!(r[&jane].username, "j.smith");
    assert_eq!(r[&john].username, "j.smith2");
    assert_eq!(r[&fang].username, "pupil-1", "a placeholder, not a guess");
    assert_eq!(
        r[&mo].username, "pupil-2",
        "the surname has no Latin letters"
    );
    for id in [&fang, &mo] {
        assert!(r[id].blockers.contains(&Blocker::NeedsUsername));
        assert!(r[id].reasons.iter().any(|w| w.contains("Needs a username")));
    }
    assert!(!r[&zoe].blockers.contains(&Blocker::NeedsUsername));

    // The office types the username the family uses; taken names are refused.
    let err = accounts::set_username(&mut store, &fang, "zoeo23").unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(accounts::set_username(&mut store, &fang, "Fang W!").is_err());
    assert_eq!(
        accounts::set_username(&mut store, &fang, " Fang.Wang23 ").unwrap(),
        "fang.wang23"
    );
    let f = row(&store, &fang);
    assert_eq!(f.username, "fang.wang23");
    assert!(f.username_edited);
    assert!(!f.blockers.contains(&Blocker::NeedsUsername));

    // Once exported, the names are kept, and new people are numbered past them.
    for id in [&jane, &john] {
        let name = if *id == jane {
            "Jane Smith"
        } else {
            "John Smith"
        };
        sign(&mut store, id, TemplateKind::Staff, vec![typed(name)]);
    }
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    let err = accounts::set_username(&mut store, &jane, "jane.smith").unwrap_err();
    assert!(
        err.to_string().contains("not been marked provisioned"),
        "{err}"
    );
    accounts::mark_provisioned(&mut store, &done.export_id.unwrap()).unwrap();
    let err = accounts::set_username(&mut store, &jane, "jane.smith").unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    let jack = add(&mut store, &adult(PersonKind::Staff, "Jack", "Smith"));
    assert_eq!(row(&store, &jack).username, "j.smith3");
    let stored: Vec<String> = store
        .inspect()
        .prepare("SELECT username FROM account_usernames ORDER BY username")
        .unwrap()
        .query_map((), |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(stored, vec!["fang.wang23", "j.smith", "j.smith2"]);
}

fn kept_passwords(store: &Store) -> u32 {
    store
        .inspect()
        .query_row("SELECT count(*) FROM account_slip_passwords", (), |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn passwords_are_never_stored_in_plain_text_and_are_gone_once_marked() {
    let (dir, mut store) = school();
    signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    signed_adult(&mut store, &adult(PersonKind::Governor, "Grace", "Mensah"));
    signed_ks2(&mut store, "Oak", 0);
    signed_ks1(&mut store, "Beech", 0);
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Google, false);
    let passwords: Vec<String> = done
        .accounts
        .iter()
        .map(|a| a.password.as_ref().unwrap().reveal().to_owned())
        .collect();
    assert_eq!(passwords.len(), 4);
    let absent = |haystack: &[u8]| {
        passwords
            .iter()
            .all(|p| !haystack.windows(p.len()).any(|w| w == p.as_bytes()))
    };

    // Waiting to be uploaded: kept for the slips, but only sealed.
    assert_eq!(kept_passwords(&store), 4);
    assert!(
        absent(&common::every_stored_value(&store)),
        "a password is stored in plain text"
    );

    accounts::mark_provisioned(&mut store, done.export_id.as_ref().unwrap()).unwrap();
    assert_eq!(
        kept_passwords(&store),
        0,
        "marking destroys the kept passwords"
    );
    let issued: u32 = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM account_export_rows WHERE password_issued = TRUE",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(issued, 4, "only that a password was issued is stored");
    assert!(absent(&common::every_stored_value(&store)));
    let gone = accounts::pending_slips(&mut store, done.export_id.as_deref(), None).unwrap_err();
    assert!(gone.to_string().contains("marked provisioned"), "{gone}");
    // Nor is any password in the debug form of what the export returned.
    let debug = format!("{done:?}");
    assert!(passwords.iter().all(|p| !debug.contains(p.as_str())));
}

#[test]
fn a_sealed_password_cannot_be_moved_to_another_person() {
    let (dir, mut store) = school();
    signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    signed_adult(&mut store, &adult(PersonKind::Staff, "Ruth", "Adeyemi"));
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    // Swap the two sealed values, as someone editing the file might.
    store
        .inspect_write(|tx| {
            let rows: Vec<(String, Vec<u8>)> = tx
                .prepare("SELECT person_id, sealed FROM account_slip_passwords ORDER BY person_id")?
                .query_map((), |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<assent_core::db::Result<_>>()?;
            for (i, (person, _)) in rows.iter().enumerate() {
                tx.execute(
                    "UPDATE account_slip_passwords SET sealed = ?1 WHERE person_id = ?2",
                    assent_core::params![rows[1 - i].1, person],
                )?;
            }
            Ok(())
        })
        .unwrap();
    let err = accounts::pending_slips(&mut store, done.export_id.as_deref(), None).unwrap_err();
    assert!(err.to_string().contains("could not be opened"), "{err}");
}

#[test]
fn a_person_is_never_in_two_pending_exports() {
    let (dir, mut store) = school();
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let (first, _) = export(&mut store, dir.path(), ExportFormat::Google, false);
    let first_id = first.export_id.unwrap();
    let (second, _) = export(&mut store, dir.path(), ExportFormat::Csv, true);
    assert!(second.export_id.is_none(), "nothing else to export");
    assert_eq!(second.left_out.len(), 1);
    assert_eq!(second.left_out[0].person_id, staff);
    assert!(second.left_out[0].reason.contains(&first_id));

    // The first file was lost: cancel it, and the next export has them again.
    accounts::cancel_export(&mut store, &first_id).unwrap();
    let (third, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    let third_id = third.export_id.unwrap();
    assert_eq!(third.accounts.len(), 1);
    assert!(
        accounts::mark_provisioned(&mut store, &first_id).is_err(),
        "cancelled"
    );
    accounts::mark_provisioned(&mut store, &third_id).unwrap();
    let again = accounts::mark_provisioned(&mut store, &third_id).unwrap_err();
    assert!(
        again.to_string().contains("already marked provisioned"),
        "{again}"
    );
    assert!(accounts::mark_provisioned(&mut store, "no-such-export").is_err());

    let list = accounts::exports(&store).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, third_id);
    assert_eq!(list[0].outcome.as_deref(), Some("provisioned"));
    assert_eq!(list[1].outcome.as_deref(), Some("cancelled"));
    assert_eq!(list[0].creates, 1);
    assert_eq!(list[0].created_by, common::HEAD_ACTOR);

    // An export of everything lists the existing account unchanged.
    let (all, parsed) = export(&mut store, dir.path(), ExportFormat::Google, true);
    assert_eq!(all.accounts.len(), 1);
    assert_eq!(all.accounts[0].action, AccountAction::Keep);
    let line = &parsed.unwrap().rows[0];
    assert_eq!(line["Password [Required]"], "****");
    assert_eq!(line["New Status [UPLOAD ONLY]"], "");
}

fn count(store: &Store, sql: &str) -> u32 {
    store.inspect().query_row(sql, (), |r| r.get(0)).unwrap()
}

#[test]
fn marking_provisioned_can_be_undone_until_the_next_export() {
    let (dir, mut store) = school();
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let (first, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    let first_id = first.export_id.unwrap();
    let before = row(&store, &staff);
    assert_eq!(before.status, AccountStatus::Ready);
    assert_eq!(before.pending_export.as_deref(), Some(first_id.as_str()));
    assert_eq!(accounts::exports(&store).unwrap()[0].slips_available, 1);

    // Nothing is marked yet: there is nothing to undo.
    let err = accounts::unmark_provisioned(&mut store, &first_id).unwrap_err();
    assert!(
        matches!(&err, Error::ExportNotProvisioned { export_id, outcome: None } if *export_id == first_id),
        "{err:?}"
    );
    assert!(accounts::unmark_provisioned(&mut store, "no-such-export").is_err());

    accounts::mark_provisioned(&mut store, &first_id).unwrap();
    assert_eq!(row(&store, &staff).status, AccountStatus::Provisioned);
    let list = accounts::exports(&store).unwrap();
    assert!(list[0].undoable, "the newest export, marked provisioned");
    assert!(!list[0].unmarked);

    // Undone: back in the export, waiting to be marked, exactly as before marking.
    let undone = accounts::unmark_provisioned(&mut store, &first_id).unwrap();
    assert_eq!(
        (undone.created, undone.suspended, undone.reactivated),
        (1, 0, 0)
    );
    assert_eq!(row(&store, &staff), before);
    let list = accounts::exports(&store).unwrap();
    assert_eq!(list[0].outcome, None);
    assert_eq!(list[0].outcome_by, None);
    assert!(!list[0].undoable);
    assert!(list[0].unmarked);
    // The passwords went with the marking and do not come back.
    assert_eq!(list[0].slips_available, 0);
    assert!(accounts::pending_slips(&mut store, Some(&first_id), None).is_err());
    assert!(accounts::pending_slips(&mut store, None, None).is_err());

    // Refused twice: the marking is undone already.
    let err = accounts::unmark_provisioned(&mut store, &first_id).unwrap_err();
    assert!(
        matches!(err, Error::ExportNotProvisioned { outcome: None, .. }),
        "{err:?}"
    );

    // Marking again works, and so does undoing that; then cancelling.
    let marked = accounts::mark_provisioned(&mut store, &first_id).unwrap();
    assert_eq!(marked.created, 1);
    assert_eq!(row(&store, &staff).status, AccountStatus::Provisioned);
    accounts::unmark_provisioned(&mut store, &first_id).unwrap();
    assert_eq!(row(&store, &staff), before);
    accounts::cancel_export(&mut store, &first_id).unwrap();
    let err = accounts::unmark_provisioned(&mut store, &first_id).unwrap_err();
    assert!(
        matches!(&err, Error::ExportNotProvisioned { outcome: Some(o), .. } if o == "cancelled"),
        "{err:?}"
    );
    let r = row(&store, &staff);
    assert_eq!((r.status, r.pending_export), (AccountStatus::Ready, None));

    // A later export was worked out from the accounts as marked: no undoing then.
    let (second, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    let second_id = second.export_id.unwrap();
    accounts::mark_provisioned(&mut store, &second_id).unwrap();
    let (third, _) = export(&mut store, dir.path(), ExportFormat::Csv, true);
    let third_id = third.export_id.unwrap();
    let list = accounts::exports(&store).unwrap();
    assert_eq!(list[0].id, third_id);
    assert!(list.iter().all(|e| !e.undoable), "{list:?}");
    let err = accounts::unmark_provisioned(&mut store, &second_id).unwrap_err();
    assert!(
        matches!(&err, Error::LaterExport { export_id, later, .. } if *export_id == second_id && *later == third_id),
        "{err:?}"
    );
    assert_eq!(row(&store, &staff).status, AccountStatus::Provisioned);

    // Every step is history: nothing was changed or removed, and each was audited.
    assert_eq!(
        count(&store, "SELECT count(*) FROM account_export_outcomes"),
        4
    );
    assert_eq!(
        count(&store, "SELECT count(*) FROM account_export_unmarkings"),
        2
    );
    assert_eq!(count(&store, "SELECT count(*) FROM account_events"), 3);
    assert_eq!(
        count(&store, "SELECT count(*) FROM account_events_undone"),
        2
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM audit_log WHERE action = 'accounts.unmark_provisioned'"
        ),
        2
    );
    for table in [
        "account_export_outcomes",
        "account_export_unmarkings",
        "account_events_undone",
    ] {
        let conn = store.inspect();
        assert!(
            conn.execute(&format!("UPDATE {table} SET at = at"), ())
                .or_else(|_| conn.execute(&format!("UPDATE {table} SET event_id = event_id"), ()))
                .is_err(),
            "{table} refuses UPDATE"
        );
        assert!(
            conn.execute(&format!("DELETE FROM {table}"), ()).is_err(),
            "{table} refuses DELETE"
        );
    }
    // A marking is undone once, and only a marking as provisioned.
    let conn = store.inspect();
    let cancelled: String = conn
        .query_row(
            "SELECT id FROM account_export_outcomes WHERE outcome = 'cancelled'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        conn.execute(
            "INSERT INTO account_export_unmarkings (id, outcome_id, at, by) VALUES ('x', ?1, 'now', 'me')",
            [&cancelled],
        )
        .is_err()
    );
    assert!(
        conn.execute(
            "INSERT INTO account_export_outcomes (id, export_id, outcome, at, by) VALUES ('y', ?1, 'provisioned', 'now', 'me')",
            [&second_id],
        )
        .is_err(),
        "one outcome at a time"
    );
}

#[test]
fn a_failed_export_writes_nothing_and_records_nothing() {
    let (dir, mut store) = common::demo_school();
    signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let out = dir.path().join("google.csv");
    let err = accounts::export(&mut store, ExportFormat::Google, &out, false).unwrap_err();
    assert!(
        matches!(&err, Error::DomainsMissing { groups } if groups.contains(&AccountGroup::Staff)),
        "{err:?}"
    );
    assert!(!out.exists());

    accounts::set_settings(&mut store, &settings()).unwrap();
    // A file stands where the folder should be.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("not-a-folder"), "x").unwrap();
    let blocked = elsewhere.path().join("not-a-folder").join("google.csv");
    let err = accounts::export(&mut store, ExportFormat::Google, &blocked, false).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Io {
                problem: assent_core::IoProblem::NotAFolder,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(!err.to_string().contains("os error"), "{err}");
    assert!(accounts::exports(&store).unwrap().is_empty());
    let recorded: u32 = store
        .inspect()
        .query_row("SELECT count(*) FROM account_export_rows", (), |r| r.get(0))
        .unwrap();
    assert_eq!(recorded, 0);

    // A good export leaves only the file itself, readable only by its owner.
    let done = accounts::export(&mut store, ExportFormat::Google, &out, false).unwrap();
    assert!(done.export_id.is_some());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("s.db"))
        .collect();
    assert_eq!(names, vec!["google.csv"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
}

#[test]
fn login_slips_carry_name_class_username_password_and_a_reminder() {
    let (dir, mut store) = school();
    let oak = signed_ks2(&mut store, "Oak", 0);
    let oak2 = signed_ks2(&mut store, "Oak", 1);
    let beech = signed_ks1(&mut store, "Beech", 0);
    signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Google, false);
    let id = done.export_id.clone().unwrap();

    // The newest pending export is the default.
    let all = accounts::pending_slips(&mut store, None, None).unwrap();
    assert_eq!(all.export_id, id);
    assert_eq!(all.slips.len(), 4);
    assert_eq!(
        all.slips.last().unwrap().class,
        None,
        "pupils' slips come first, class by class"
    );
    let oak_slips = accounts::pending_slips(&mut store, Some(&id), Some(" Oak ")).unwrap();
    assert_eq!(
        oak_slips.covers(),
        format!("Class: Oak; new accounts in export {id}")
    );
    assert_eq!(oak_slips.slips.len(), 2);
    for slip in &oak_slips.slips {
        let a = done
            .accounts
            .iter()
            .find(|a| a.username == slip.username)
            .unwrap();
        assert!([&oak, &oak2].contains(&&a.person_id));
        assert_eq!(slip.class.as_deref(), Some("Oak"));
        assert_eq!(slip.name, a.name);
        assert_eq!(slip.email, a.email);
        assert_eq!(Some(&slip.password), a.password.as_ref());
        let reminder = slip.reminder.as_deref().unwrap_or_default();
        assert!(reminder.contains("password"), "{reminder}");
    }
    let ks1 = accounts::pending_slips(&mut store, Some(&id), Some("Beech")).unwrap();
    assert_eq!(ks1.slips.len(), 1);
    assert_eq!(
        done.accounts
            .iter()
            .find(|a| a.username == ks1.slips[0].username)
            .unwrap()
            .person_id,
        beech
    );
    let listed = accounts::exports(&store).unwrap();
    assert_eq!(listed[0].slips_available, 4);

    // Each printing is in the audit log.
    let printed: u32 = store
        .inspect()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'accounts.slips'",
            (),
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(printed, 3);

    // Clear reasons when there is nothing to print.
    let none = accounts::pending_slips(&mut store, Some(&id), Some("Willow")).unwrap_err();
    assert!(
        none.to_string().contains("no new accounts in class Willow"),
        "{none}"
    );
    let unknown = accounts::pending_slips(&mut store, Some("no-such-export"), None).unwrap_err();
    assert!(
        unknown.to_string().contains("no account export"),
        "{unknown}"
    );
    accounts::cancel_export(&mut store, &id).unwrap();
    assert_eq!(
        kept_passwords(&store),
        0,
        "cancelling destroys the kept passwords"
    );
    let waiting = accounts::pending_slips(&mut store, None, None).unwrap_err();
    assert!(
        waiting.to_string().contains("No export is waiting"),
        "{waiting}"
    );
}

#[test]
fn a_safeguarding_hold_is_a_note_for_the_head_and_hidden_from_it() {
    let (_dir, mut store) = school();
    common::add_user(&mut store, "it", Role::It, &[]);
    let pupil = signed_ks2(&mut store, "Maple", 0);
    consent::hold(&mut store, &pupil, "Court order").unwrap();
    let head = row(&store, &pupil);
    assert_eq!(head.status, AccountStatus::Ready, "a hold does not block");
    assert_eq!(head.notes.len(), 1);
    assert!(
        !head.notes[0].contains("Court order"),
        "the reason stays private"
    );
    store.sign_in("it", common::PASSWORD).unwrap();
    let it = row(&store, &pupil);
    assert_eq!(it.status, AccountStatus::Ready);
    assert!(it.notes.is_empty(), "IT may not see consent details");
    assert!(
        accounts::status(&store)
            .unwrap()
            .iter()
            .all(|r| r.notes.is_empty())
    );
}

#[test]
fn only_the_head_and_the_it_technician_manage_accounts() {
    let (dir, mut store) = school();
    common::add_user(&mut store, "office", Role::Office, &[]);
    common::add_user(&mut store, "teacher", Role::Teacher, &["Oak"]);
    common::add_user(&mut store, "it", Role::It, &[]);
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Staff, "Owen", "Marsh"));
    let out = dir.path().join("accounts.csv");
    for user in ["office", "teacher"] {
        store.sign_in(user, common::PASSWORD).unwrap();
        let forbidden = |r: Result<(), Error>| {
            assert!(matches!(r, Err(Error::Forbidden { .. })), "{user}: {r:?}");
        };
        forbidden(accounts::status(&store).map(drop));
        forbidden(accounts::settings(&store).map(drop));
        forbidden(accounts::set_settings(&mut store, &settings()).map(drop));
        forbidden(accounts::export(&mut store, ExportFormat::Csv, &out, false).map(drop));
        forbidden(accounts::set_username(&mut store, &staff, "owen").map(drop));
        forbidden(accounts::mark_provisioned(&mut store, "x").map(drop));
        forbidden(accounts::cancel_export(&mut store, "x"));
        forbidden(accounts::unmark_provisioned(&mut store, "x").map(drop));
        forbidden(accounts::exports(&store).map(drop));
        assert!(!out.exists());
    }
    store.sign_in("it", common::PASSWORD).unwrap();
    let done = accounts::export(&mut store, ExportFormat::Csv, &out, false).unwrap();
    let id = done.export_id.unwrap();
    let marked = accounts::mark_provisioned(&mut store, &id).unwrap();
    assert_eq!(marked.created, 1);
    assert_eq!(
        row(&store, &staff).provisioned_by.as_deref(),
        Some("Test it (it)")
    );
    // The roles that may mark may undo it; the others may not, even with a marking to undo.
    for user in ["office", "teacher"] {
        store.sign_in(user, common::PASSWORD).unwrap();
        let r = accounts::unmark_provisioned(&mut store, &id);
        assert!(matches!(r, Err(Error::Forbidden { .. })), "{user}: {r:?}");
    }
    store.sign_in("it", common::PASSWORD).unwrap();
    accounts::unmark_provisioned(&mut store, &id).unwrap();
    assert_eq!(row(&store, &staff).status, AccountStatus::Ready);
    store.sign_in(common::HEAD, common::PASSWORD).unwrap();
    accounts::mark_provisioned(&mut store, &id).unwrap();
    accounts::unmark_provisioned(&mut store, &id).unwrap();
    assert_eq!(
        row(&store, &staff).pending_export.as_deref(),
        Some(id.as_str())
    );
}

#[test]
fn account_records_are_in_a_subject_access_request_and_destroyed_with_the_person() {
    let (dir, mut store) = school();
    let (staff, _) = signed_adult(&mut store, &adult(PersonKind::Volunteer, "Erin", "Erased"));
    let (done, _) = export(&mut store, dir.path(), ExportFormat::Csv, false);
    accounts::mark_provisioned(&mut store, &done.export_id.unwrap()).unwrap();
    // A subject access request includes the account.
    let sar = dir.path().join("sar");
    assent_core::sar::export(&mut store, &staff, &sar).unwrap();
    let held: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sar.join("subject-access.json")).unwrap()).unwrap();
    assert_eq!(held["account"]["username"], "e.erased");
    assert_eq!(held["account"]["events"][0]["action"], "created");
    assent_core::retention::erase(&mut store, &staff, "Asked for their records to be erased")
        .unwrap();
    for table in ["account_events", "account_export_rows", "account_usernames"] {
        let n: u32 = store
            .inspect()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE person_id = ?1"),
                [&staff],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
    assert!(!rows(&store).contains_key(&staff));
}
