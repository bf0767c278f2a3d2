//! Importing 2,000 pupils and 3,500 contacts from MIS CSV files (preview and
//! apply, both files), each run on a fresh database; and signing an agreement
//! (a member of staff's typed signature) in a large primary with three years
//! of history.
//!
//! Run by `make bench` (release build) with criterion; `docs/benchmarks.md` is
//! composed from criterion's figures. The CSV files are also left in
//! `target/bench-data/` so the same files can be timed with `sqlite3 .import`
//! and `assent import`.
//!
//! `ASSENT_BENCH_ENGINE=postgres` runs the same workloads on a PostgreSQL
//! server (the one the `PG*` variables name, as `pg_virtualenv` sets them),
//! each school in a fresh database, with the figures kept under their own
//! names (`import_postgres/…`) beside the SQLite ones.

// criterion's macros define undocumented functions.
#![allow(missing_docs)]

mod engine;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assent_core::agreements::{self, Method, SignRequest, SignatureInput, SignerRole};
use assent_core::demo::Scale;
use assent_core::import::{self, ImportKind, ImportRequest};
use assent_core::people::{self, Filter, PersonKind, YearGroup};
use assent_core::templates::{self, TemplateKind};
use assent_core::{Admin, demo, values};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use engine::{generated, group_name, store_for};

/// The head user every benchmark school is created with.
fn admin() -> Admin {
    Admin {
        username: "bench".to_owned(),
        display_name: "Bench Head".to_owned(),
        password: "benchmark password".to_owned(),
    }
}

/// Pupils and contacts CSV files like an MIS export of a large school.
fn write_files(dir: &Path, pupils: usize, contacts: usize) {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut p = String::from(
        "UPN,Legal Forename,Legal Surname,Date of Birth,Gender,Year Group,Reg Group,MIS ID\n",
    );
    let mut upns = Vec::with_capacity(pupils);
    for i in 0..pupils {
        let upn = values::upn_from_digits(&format!("9992001{:02}{:03}", 20 + i / 1000, i % 1000))
            .unwrap();
        // Reception to Year 6, in turn.
        let year = match i % 7 {
            0 => YearGroup::Reception,
            n => YearGroup::Year(u8::try_from(n).unwrap()),
        }
        .label();
        let female = rng.bool();
        let given = demo::given_name(&mut rng, female);
        let family = demo::family_name(&mut rng);
        let _ = writeln!(
            p,
            "{upn},{given},{family},{}-0{}-1{},{},{year},{}{},{}",
            2015 + i % 7,
            1 + rng.usize(..9),
            rng.usize(..10),
            if female { "F" } else { "M" },
            year.replace(' ', ""),
            i % 10,
            10_000 + i
        );
        upns.push(upn);
    }
    let mut c = String::from(
        "Pupil UPN,Contact Forename,Contact Surname,Relationship,Parental Responsibility,Priority,Email,Mobile\n",
    );
    for i in 0..contacts {
        let pupil = &upns[i % pupils];
        let priority = 1 + i / pupils;
        let rel = if priority == 1 { "PAM" } else { "PAF" };
        let given = demo::given_name(&mut rng, rel == "PAM");
        let family = demo::family_name(&mut rng);
        let _ = writeln!(
            c,
            "{pupil},{given},{family},{rel},Yes,{priority},contact{i}@example.test,07700 900{:03}",
            i % 1000
        );
    }
    std::fs::write(dir.join("pupils.csv"), p).unwrap();
    std::fs::write(dir.join("contacts.csv"), c).unwrap();
}

/// Where the benchmarks leave their data files, for the whole-process timings.
fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn import_bench(c: &mut Criterion) {
    let data = data_dir();
    write_files(&data, 2_000, 3_500);
    let dir = tempfile::tempdir().unwrap();
    let admin = admin();
    let mut run = 0;
    let mut group = c.benchmark_group(group_name("import"));
    group.sample_size(10);
    group.bench_function("pupils_2000_contacts_3500", |b| {
        b.iter_batched(
            || {
                run += 1;
                store_for(
                    &dir.path().join(format!("run{run}.db")),
                    "Bench School",
                    &admin,
                )
            },
            |mut store| {
                for (kind, file) in [
                    (ImportKind::Pupils, "pupils.csv"),
                    (ImportKind::Contacts, "contacts.csv"),
                ] {
                    let req = ImportRequest::new(kind, data.join(file));
                    let preview = import::preview(&store, &req).unwrap();
                    assert!(
                        preview.problems.is_empty(),
                        "{:?}",
                        preview.problems.first()
                    );
                    import::apply(&mut store, &req).unwrap();
                }
                store
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// A member of staff signs the staff agreement with a typed signature, as on
/// the Signing page: the checks, the sealed record, its signature and the audit
/// entry, in one transaction, in a large primary (700 pupils, 70 staff) with
/// three years of agreements already recorded.
fn sign_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = generated(
        &dir.path().join("sign.db"),
        demo::SCHOOL_NAME,
        &admin(),
        &Scale::large(),
    );
    let staff: Vec<(String, String)> = people::list(
        &store,
        &Filter {
            kind: Some(PersonKind::Staff),
            ..Filter::default()
        },
    )
    .unwrap()
    .into_iter()
    .map(|p| (p.id, format!("{} {}", p.given_name, p.family_name)))
    .collect();
    assert!(!staff.is_empty());
    let current = templates::version(&store, TemplateKind::Staff, None).unwrap();
    let mut next = 0usize;
    let mut group = c.benchmark_group(group_name("sign"));
    group.bench_function("staff_typed", |b| {
        b.iter(|| {
            // Each member of staff in turn; signing again records a new
            // agreement, so every run does the same work.
            let (id, name) = &staff[next % staff.len()];
            next += 1;
            agreements::sign(
                &mut store,
                &SignRequest {
                    submission_id: uuid::Uuid::now_v7().to_string(),
                    person_id: id.clone(),
                    kind: TemplateKind::Staff,
                    version: current.version,
                    template_sha256: current.sha256.clone(),
                    signatures: vec![SignatureInput {
                        role: SignerRole::Themselves,
                        signer_person_id: None,
                        signer_name: name.clone(),
                        method: Method::Typed,
                        agreed: true,
                        image_png: None,
                        strokes: None,
                        signed_on: None,
                    }],
                    scan: None,
                    device: "Staff room PC".to_owned(),
                    consents: Vec::new(),
                },
            )
            .unwrap()
        });
    });
    group.finish();
}

criterion_group!(benches, import_bench, sign_bench);
criterion_main!(benches);
