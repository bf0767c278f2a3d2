//! Import and search figures at school and trust scale, written to `docs/benchmarks.md`.
//!
//! Run with `make bench` (release build). Every figure is the median of
//! several runs on fresh databases, with the spread, so one slow run caused by
//! the machine does not decide the result.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use assent_core::import::{self, ImportKind, ImportRequest};
use assent_core::people::{self, Filter, PersonFields, PersonKind, YearGroup};
use assent_core::{Admin, Store, values};

const GIVEN: &[&str] = &[
    "Amelia",
    "Oliver",
    "Zoë",
    "Łukasz",
    "Chloé",
    "Siobhán",
    "Aoife",
    "Oluwaseun",
    "Chidi",
    "Amara",
    "Mohammed",
    "Aisha",
    "Fatima",
    "Yusuf",
    "Priya",
    "Arjun",
    "Ayşe",
    "Mehmet",
    "Björn",
    "Søren",
    "Jakub",
    "Zofia",
    "Noah",
    "Isla",
    "Harper",
    "Leo",
    "Freya",
    "Theo",
    "Mia",
    "Kwame",
    "芳",
    "محمد",
];
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
    "Murphy",
    "Byrne",
    "Jones",
    "Evans",
    "Begum",
    "Rahman",
    "Chen",
    "王",
    "الحسيني",
];
const YEARS: [&str; 7] = [
    "Reception",
    "Year 1",
    "Year 2",
    "Year 3",
    "Year 4",
    "Year 5",
    "Year 6",
];

/// The head user every benchmark school is created with.
fn admin() -> Admin {
    Admin {
        username: "bench".to_owned(),
        display_name: "Bench Head".to_owned(),
        password: "benchmark password".to_owned(),
    }
}

struct Figures {
    median: Duration,
    min: Duration,
    max: Duration,
}

fn measure(runs: usize, mut f: impl FnMut() -> Duration) -> Figures {
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    Figures {
        median: times[times.len() / 2],
        min: times[0],
        max: times[times.len() - 1],
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
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
        let year = YEARS[i % 7];
        let _ = writeln!(
            p,
            "{upn},{},{},{}-0{}-1{},{},{year},{}{},{}",
            GIVEN[rng.usize(..GIVEN.len())],
            FAMILY[rng.usize(..FAMILY.len())],
            2015 + i % 7,
            1 + rng.usize(..9),
            rng.usize(..10),
            if rng.bool() { "F" } else { "M" },
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
        let _ = writeln!(
            c,
            "{pupil},{},{},{rel},Yes,{priority},contact{i}@example.test,07700 900{:03}",
            GIVEN[rng.usize(..GIVEN.len())],
            FAMILY[rng.usize(..FAMILY.len())],
            i % 1000
        );
    }
    std::fs::write(dir.join("pupils.csv"), p).unwrap();
    std::fs::write(dir.join("contacts.csv"), c).unwrap();
}

fn import_figures(out: &mut String) {
    let dir = tempfile::tempdir().unwrap();
    write_files(dir.path(), 2_000, 3_500);
    let admin = admin();
    let mut run = 0;
    let figures = measure(7, || {
        run += 1;
        let mut store = Store::create(
            &dir.path().join(format!("run{run}.db")),
            "Bench School",
            &admin,
        )
        .unwrap();
        let start = Instant::now();
        for (kind, file) in [
            (ImportKind::Pupils, "pupils.csv"),
            (ImportKind::Contacts, "contacts.csv"),
        ] {
            let req = ImportRequest::new(kind, dir.path().join(file));
            let preview = import::preview(&store, &req).unwrap();
            assert!(
                preview.problems.is_empty(),
                "{:?}",
                preview.problems.first()
            );
            import::apply(&mut store, &req).unwrap();
        }
        start.elapsed()
    });
    println!(
        "import 2,000 pupils + 3,500 contacts (preview + apply): median {}",
        ms(figures.median)
    );
    let _ = writeln!(
        out,
        "| Import 2,000 pupils + 3,500 contacts from CSV (preview + apply, both files) | {} | {} – {} | under 1 s |",
        ms(figures.median),
        ms(figures.min),
        ms(figures.max)
    );
}

fn search_figures(out: &mut String) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(&dir.path().join("search.db"), "Bench Trust", &admin()).unwrap();
    let mut rng = fastrand::Rng::with_seed(11);
    store
        .inspect_write(|tx| {
            let now = people::now();
            for i in 0..50_000 {
                let pupil = i % 5 < 2;
                let fields = PersonFields {
                    kind: Some(if pupil {
                        PersonKind::Pupil
                    } else {
                        PersonKind::Parent
                    }),
                    given_name: GIVEN[rng.usize(..GIVEN.len())].to_owned(),
                    family_name: FAMILY[rng.usize(..FAMILY.len())].to_owned(),
                    year_group: pupil.then(|| YearGroup::Year(1 + rng.u8(..6))),
                    class_name: pupil.then(|| format!("Class {}", i % 700)),
                    ..PersonFields::default()
                };
                people::insert(tx, &fields, &now)?;
            }
            Ok(())
        })
        .unwrap();
    let typed = ["Łukasiewicz", "oluwaseun", "nguyen", "王", "siobh"];
    let mut times = Vec::new();
    for word in typed {
        let chars: Vec<char> = word.chars().collect();
        for n in 1..=chars.len() {
            let prefix: String = chars[..n].iter().collect();
            let start = Instant::now();
            let found = people::list(
                &store,
                &Filter {
                    search: Some(prefix),
                    limit: Some(200),
                    ..Filter::default()
                },
            )
            .unwrap();
            times.push(start.elapsed());
            std::hint::black_box(found);
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    let p95 = times[times.len() * 95 / 100];
    let max = times[times.len() - 1];
    println!(
        "search-as-you-type over 50,000 people: median {}, 95th percentile {}, max {}",
        ms(median),
        ms(p95),
        ms(max)
    );
    let _ = writeln!(
        out,
        "| Search-as-you-type over 50,000 people, per keystroke, first 200 matches as the People page asks for them ({} keystrokes) | {} | 95th percentile {}, max {} | under 16 ms |",
        times.len(),
        ms(median),
        ms(p95),
        ms(max)
    );
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|t| {
            t.lines().next().map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<u64>()
                    .unwrap_or(0)
            })
        })
        .map_or_else(String::new, |kb| {
            format!(", {} GiB memory", kb / 1024 / 1024)
        });
    format!("{cpu}, {cores} cores{memory}")
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is expected.
    let mut rows = String::new();
    import_figures(&mut rows);
    search_figures(&mut rows);
    let date = chrono::Utc::now().format("%-d %B %Y");
    let doc = format!(
        "# Benchmarks\n\n\
         Made by `make bench` (release build) on {date}, on {machine}.\n\
         Each import figure is the median of 7 runs on fresh databases; the search figure is taken over every \
         keystroke of five names typed letter by letter.\n\n\
         ## People\n\n\
         | What | Median | Spread | Target |\n|---|---|---|---|\n{rows}",
        machine = machine()
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../docs/benchmarks.md");
    std::fs::write(&path, doc).unwrap();
    println!("written to {}", path.display());
}
