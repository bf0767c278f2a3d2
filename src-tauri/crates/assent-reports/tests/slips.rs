//! Login slips, read back with pdftotext: every new account's name, username
//! and initial password, ten slips to a page with the usual header and footer.

use crate::common::{actor, pages_text, render, school};
use assent_core::accounts::{self, ExportFormat};
use assent_core::agreements::{self, Method, SignRequest, SignatureInput, SignerRole};
use assent_core::people::{self, PersonInput, PersonKind};
use assent_core::templates::{self, TemplateKind};
use assent_reports::slips;

/// Adds a member of staff and signs their agreement by typing their name.
fn signed_staff(store: &mut assent_core::Store, given: &str, family: &str) {
    let input = PersonInput {
        kind: Some(PersonKind::Staff),
        given_name: given.into(),
        family_name: family.into(),
        role: Some("Teaching assistant".into()),
        ..PersonInput::default()
    };
    let id = people::add(store, &input).unwrap().summary.id;
    let current = templates::version(store, TemplateKind::Staff, None).unwrap();
    let req = SignRequest {
        submission_id: format!("sub-{}", fastrand::u64(..)),
        person_id: id,
        kind: TemplateKind::Staff,
        version: current.version,
        template_sha256: current.sha256,
        signatures: vec![SignatureInput {
            role: SignerRole::Themselves,
            signer_person_id: None,
            signer_name: format!("{given} {family}"),
            method: Method::Typed,
            agreed: true,
            image_png: None,
            strokes: None,
            signed_on: None,
        }],
        scan: None,
        device: "Office PC".to_owned(),
        consents: Vec::new(),
    };
    agreements::sign(store, &req).unwrap();
}

const SURNAMES: [&str; 13] = [
    "Abbott", "Baker", "Carter", "Dawson", "Ellis", "Fletcher", "Graham", "Hughes", "Irwin",
    "Jarvis", "Kendall", "Lowe", "Morgan",
];

#[test]
fn slips_carry_every_new_account_ten_to_a_page() {
    let mut s = school();
    let mut settings = accounts::settings(&s.store).unwrap();
    settings.staff.domain = "juniper.sch.uk".into();
    settings.pupils.domain = "pupils.juniper.sch.uk".into();
    settings.volunteers.domain = "volunteers.juniper.sch.uk".into();
    settings.governors.domain = "governors.juniper.sch.uk".into();
    settings.visitors.domain = "guests.juniper.sch.uk".into();
    accounts::set_settings(&mut s.store, &settings).unwrap();
    for (n, surname) in SURNAMES.iter().enumerate() {
        signed_staff(
            &mut s.store,
            &format!("Tess{}", (b'a' + u8::try_from(n).unwrap()) as char),
            surname,
        );
    }
    let out = s.dir.path().join("accounts.csv");
    let done = accounts::export(&mut s.store, ExportFormat::Csv, &out, false).unwrap();
    let all = accounts::pending_slips(&mut s.store, done.export_id.as_deref(), None)
        .unwrap()
        .slips;
    for slip in &all {
        let exported = done
            .accounts
            .iter()
            .find(|a| a.username == slip.username)
            .expect("every slip is for an account in the export");
        assert_eq!(
            exported
                .password
                .as_ref()
                .map(assent_core::accounts::InitialPassword::reveal),
            Some(slip.password.reveal()),
            "{}'s slip carries the password in the file",
            slip.name
        );
    }
    let staff: Vec<_> = all
        .iter()
        .filter(|sl| SURNAMES.iter().any(|n| sl.name.ends_with(n)))
        .collect();
    assert_eq!(
        staff.len(),
        SURNAMES.len(),
        "every new member of staff has a slip"
    );

    let pdf = slips::login_slips(
        &s.store,
        &all,
        "New accounts in this export",
        actor().as_str(),
    )
    .unwrap();
    let pngs = render(&pdf.bytes, "login-slips");
    let pages = pages_text(&pdf.bytes);
    assert_eq!(pngs.len(), pages.len());
    assert_eq!(pages.len(), all.len().div_ceil(slips::PER_PAGE));
    assert_eq!(pdf.pages, Some(pages.len()));
    assert!(pdf.missing.is_empty());
    for (n, page) in pages.iter().enumerate() {
        assert!(page.contains("Login slips"), "page {n} has the title");
        assert!(page.contains("Generated on"), "page {n} has the footer");
        assert!(page.contains(&format!("Page {} of {}", n + 1, pages.len())));
        let on_page = page.matches("Password").count();
        let last = n + 1 == pages.len();
        assert!(
            (8..=10).contains(&on_page) || (last && on_page >= 1),
            "page {n} has {on_page} slips"
        );
    }
    let text = pages.concat();
    for slip in &all {
        let first = slip.name.split(' ').next().unwrap();
        assert!(text.contains(first), "{} is on a slip", slip.name);
        assert!(
            text.contains(&slip.username),
            "{} is on a slip",
            slip.username
        );
        assert!(
            text.contains(slip.password.reveal()),
            "the password is on the slip"
        );
    }
    assert_eq!(
        text.matches("You signed the staff acceptable use agreement")
            .count(),
        all.iter()
            .filter(|sl| {
                sl.reminder
                    .as_deref()
                    .is_some_and(|r| r.starts_with("You signed the staff"))
            })
            .count(),
        "each adult's slip reminds them of the agreement"
    );
}

#[test]
fn no_new_accounts_makes_one_page_saying_so() {
    let s = school();
    let pdf = slips::login_slips(&s.store, &[], "Class: Oak", "Harriet Head").unwrap();
    let pages = pages_text(&pdf.bytes);
    assert_eq!(pages.len(), 1);
    assert!(pages[0].contains("no login slips to print"));
}

#[test]
fn a_long_sign_in_address_is_printed_whole() {
    let mut s = school();
    let mut settings = accounts::settings(&s.store).unwrap();
    let domain = "staff.st-bartholomews-cofe-juniors-and-infants.sch.uk";
    settings.staff.domain = domain.into();
    settings.pupils.domain = "pupils.juniper.sch.uk".into();
    settings.volunteers.domain = "volunteers.juniper.sch.uk".into();
    settings.governors.domain = "governors.juniper.sch.uk".into();
    settings.visitors.domain = "guests.juniper.sch.uk".into();
    accounts::set_settings(&mut s.store, &settings).unwrap();
    signed_staff(&mut s.store, "Maximiliana", "Featherstonehaugh-Montgomery");
    let out = s.dir.path().join("accounts.csv");
    let done = accounts::export(&mut s.store, ExportFormat::Csv, &out, false).unwrap();
    let all = accounts::pending_slips(&mut s.store, done.export_id.as_deref(), None)
        .unwrap()
        .slips;
    let slip = all
        .iter()
        .find(|sl| sl.name.contains("Maximiliana"))
        .expect("her slip");
    assert!(slip.email.ends_with(domain), "{}", slip.email);
    let pdf = slips::login_slips(
        &s.store,
        std::slice::from_ref(slip),
        "New",
        actor().as_str(),
    )
    .unwrap();
    render(&pdf.bytes, "login-slip-long-address");
    let text = pages_text(&pdf.bytes).concat();
    // pdftotext puts each printed line on a line of its own; joined, the address is whole.
    let joined: String = text.split_whitespace().collect();
    assert!(joined.contains(&slip.email), "{} in {text}", slip.email);
    assert!(
        joined.contains(&slip.username),
        "{} in {text}",
        slip.username
    );
    assert!(!text.contains('…'), "nothing is cut short: {text}");
}

#[test]
fn the_schools_slip_options_say_where_to_sign_in_and_leave_the_reminder_out() {
    let mut s = school();
    let mut settings = accounts::settings(&s.store).unwrap();
    settings.staff.domain = "juniper.sch.uk".into();
    settings.pupils.domain = "pupils.juniper.sch.uk".into();
    settings.volunteers.domain = "volunteers.juniper.sch.uk".into();
    settings.governors.domain = "governors.juniper.sch.uk".into();
    settings.visitors.domain = "guests.juniper.sch.uk".into();
    let at = "any school laptop, or classroom.google.com at home";
    settings.slips.sign_in_at = at.into();
    accounts::set_settings(&mut s.store, &settings).unwrap();
    signed_staff(&mut s.store, "Odette", "Quarrie");
    let out = s.dir.path().join("accounts.csv");
    let done = accounts::export(&mut s.store, ExportFormat::Csv, &out, false).unwrap();
    let print = |store: &mut assent_core::Store| {
        let all = accounts::pending_slips(store, done.export_id.as_deref(), None)
            .unwrap()
            .slips;
        let slip = all
            .into_iter()
            .find(|sl| sl.name.contains("Odette"))
            .unwrap();
        let pdf =
            slips::login_slips(store, std::slice::from_ref(&slip), "New", "Harriet Head").unwrap();
        (slip, pages_text(&pdf.bytes).concat(), pdf.bytes)
    };

    let (slip, text, pdf) = print(&mut s.store);
    render(&pdf, "login-slip-sign-in-at");
    assert_eq!(slip.sign_in_at.as_deref(), Some(at));
    let joined: String = text.split_whitespace().collect();
    let wanted: String = format!("Sign in at {at}").split_whitespace().collect();
    assert!(joined.contains(&wanted), "{text}");
    assert!(text.contains("You signed the staff"), "{text}");
    assert!(text.contains(slip.password.reveal()), "{text}");

    // Without the reminder, and without a line about where to sign in.
    settings.slips.sign_in_at = String::new();
    settings.slips.reminder = false;
    accounts::set_settings(&mut s.store, &settings).unwrap();
    let (slip, text, _) = print(&mut s.store);
    assert_eq!((slip.sign_in_at, slip.reminder), (None, None));
    assert!(!text.contains("Sign in at"), "{text}");
    assert!(!text.contains("You signed"), "{text}");
    assert!(text.contains(slip.password.reveal()), "{text}");
}
