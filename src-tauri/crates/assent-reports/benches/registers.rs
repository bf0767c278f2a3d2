//! How long a whole-school consent register takes, and how big it is, for a
//! large primary (700 pupils) and a trust (20,000 pupils); written to the
//! "Reports" section of `docs/benchmarks.md`.
//!
//! Run with `make bench` (release build). Each figure is the median of several
//! runs over the same database, with the spread.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use assent_core::consent::{self, ConsentMethod, DecisionInput};
use assent_core::people::{self, PersonFields, PersonKind, YearGroup};
use assent_core::{Admin, Store};
use assent_reports::{Format, Options, Report, generate};

const GIVEN: &[&str] = &[
    "Amelia",
    "Oliver",
    "Zoë",
    "Łukasz",
    "Chloé",
    "Siobhán",
    "Oluwaseun",
    "Amara",
    "Mohammed",
    "Aisha",
    "Priya",
    "Arjun",
    "Ayşe",
    "Björn",
    "Søren",
    "Zofia",
    "Noah",
    "Isla",
    "Freya",
    "Kwame",
    "芳",
    "محمد",
    "আয়েশা",
    "Олена",
];
const FAMILY: &[&str] = &[
    "Ashworth",
    "O'Brien",
    "Nguyễn",
    "Łukasiewicz",
    "Ødegård",
    "Okonkwo",
    "Adeyemi",
    "Patel",
    "Sharma",
    "Khan",
    "Yılmaz",
    "Kowalska",
    "Dubois",
    "Müller",
    "García",
    "Murphy",
    "Begum",
    "Rahman",
    "Chen",
    "王",
    "الحسيني",
    "চৌধুরী",
    "Петренко",
];

/// A school of `pupils` in classes of 30, each with a parent who has answered
/// for some purposes.
fn school(dir: &Path, pupils: usize) -> Store {
    let admin = Admin {
        username: "head".to_owned(),
        display_name: "Bench Head".to_owned(),
        password: "bench password".to_owned(),
    };
    let mut store =
        Store::create(&dir.join(format!("{pupils}.db")), "Bench Trust", &admin).unwrap();
    // Only the bench's own throwaway file: no need to wait for the disk on every answer.
    store
        .inspect()
        .pragma_update(None, "synchronous", "OFF")
        .unwrap();
    let mut rng = fastrand::Rng::with_seed(3);
    let mut pairs = Vec::with_capacity(pupils);
    store
        .inspect_write(|tx| {
            let now = people::now();
            for i in 0..pupils {
                let year = 1 + u8::try_from(i / 30 % 6).unwrap();
                let child = PersonFields {
                    kind: Some(PersonKind::Pupil),
                    given_name: GIVEN[rng.usize(..GIVEN.len())].to_owned(),
                    family_name: FAMILY[rng.usize(..FAMILY.len())].to_owned(),
                    year_group: Some(YearGroup::Year(year)),
                    class_name: Some(format!("Class {:04}", i / 30)),
                    ..PersonFields::default()
                };
                let child = people::insert(tx, &child, &now)?;
                let parent = PersonFields {
                    kind: Some(PersonKind::Parent),
                    given_name: GIVEN[rng.usize(..GIVEN.len())].to_owned(),
                    family_name: FAMILY[rng.usize(..FAMILY.len())].to_owned(),
                    ..PersonFields::default()
                };
                let parent = people::insert(tx, &parent, &now)?;
                people::link_contact(tx, &child, &parent, "PAM", 1, true)?;
                pairs.push((child, parent));
            }
            Ok(())
        })
        .unwrap();
    for (n, (child, parent)) in pairs.iter().enumerate().filter(|(n, _)| n % 4 == 0) {
        for purpose in ["website", "print", "displays"] {
            consent::set(
                &mut store,
                &DecisionInput {
                    person_id: child.clone(),
                    purpose: purpose.to_owned(),
                    yes: n % 8 != 0,
                    given_by: parent.clone(),
                    method: ConsentMethod::Paper,
                    date: None,
                },
            )
            .unwrap();
        }
    }
    store
}

struct Run {
    time: Duration,
    pages: usize,
    bytes: usize,
}

fn register(store: &Store) -> Run {
    let options = Options {
        classes: Vec::new(),
        generated_by: "bench".to_owned(),
    };
    let start = Instant::now();
    let out = generate(store, &Report::ConsentRegister, &options, Format::Pdf).unwrap();
    let time = start.elapsed();
    assert!(out.missing.is_empty(), "{:?}", out.missing);
    Run {
        time,
        pages: out.pages.unwrap_or(0),
        bytes: out.bytes.len(),
    }
}

fn ms(d: Duration) -> String {
    if d >= Duration::from_secs(1) {
        format!("{:.2} s", d.as_secs_f64())
    } else {
        format!("{:.0} ms", d.as_secs_f64() * 1000.0)
    }
}

/// 20000 as "20,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn figures(rows: &mut String, pupils: usize, runs: usize, target: &str) {
    let dir = tempfile::tempdir().unwrap();
    let store = school(dir.path(), pupils);
    let mut all: Vec<Run> = (0..runs).map(|_| register(&store)).collect();
    all.sort_by_key(|r| r.time);
    let median = &all[all.len() / 2];
    let per_30 = median.bytes * 30 / median.pages.max(1);
    println!(
        "consent register, {} pupils: median {} ({} – {}), {} pages, {} KB, {} KB per 30 pages",
        thousands(pupils),
        ms(median.time),
        ms(all[0].time),
        ms(all[all.len() - 1].time),
        median.pages,
        median.bytes / 1024,
        per_30 / 1024
    );
    let _ = writeln!(
        rows,
        "| Whole-school consent register, {} pupils ({} pages, PDF) | {} | {} – {} | {target} | {} KB per 30 pages (under 100 KB) |",
        thousands(pupils),
        thousands(median.pages),
        ms(median.time),
        ms(all[0].time),
        ms(all[all.len() - 1].time),
        per_30 / 1024,
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let mut rows = String::new();
    figures(&mut rows, 700, 7, "under 300 ms");
    figures(&mut rows, 20_000, 3, "under 10 s");
    let section = format!(
        "## Reports\n\n\
         Each figure is the median of several runs (7 at 700 pupils, 3 at 20,000) over the same \
         database: reading the records, laying out every page and writing the PDF with its fonts subset.\n\n\
         | What | Median | Spread | Target | Size |\n|---|---|---|---|---|\n{rows}"
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/benchmarks.md");
    let before = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".to_owned());
    // Keep what the other benches wrote; replace only this section.
    let kept = match before.find("## Reports") {
        Some(at) => before[..at].trim_end().to_owned(),
        None => before.trim_end().to_owned(),
    };
    std::fs::write(&path, format!("{kept}\n\n{section}")).unwrap();
    println!("written to {}", path.display());
}
