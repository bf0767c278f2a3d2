//! Composes `docs/benchmarks.md` for `make bench`.
//!
//! Run after the criterion benchmarks (whose figures it reads from
//! `target/criterion/`) and with the release binaries built. It times whole
//! processes itself: the `sqlite3 .import` floor and `assent import` of the same
//! CSV files, `LibreOffice`'s PDF conversion and `assent report consent-register`
//! of the same register, and the app's cold start until the dashboard shows in a
//! real window (this binary must run under Xvfb), with its memory after opening
//! the trust database and visiting every page.
//!
//! The criterion benchmarks run on both engines; the PostgreSQL figures (kept
//! under `*_postgres/…`) are shown beside the SQLite ones, or marked as not
//! measured when the benchmarks were not run on PostgreSQL.
//!
//! `bench_report [--runs N]`: N whole-process runs of the quick commands (default 7).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use assent_e2e::{Driver, PASSWORD, USER, target_dir, workspace_root};
use fantoccini::{Client, Locator};

/// A set of timings: median and spread.
struct Timing {
    median: f64,
    min: f64,
    max: f64,
    runs: usize,
}

impl Timing {
    fn of(mut secs: Vec<f64>) -> Timing {
        assert!(!secs.is_empty());
        secs.sort_by(f64::total_cmp);
        Timing {
            median: secs[secs.len() / 2],
            min: secs[0],
            max: secs[secs.len() - 1],
            runs: secs.len(),
        }
    }

    fn median(&self) -> String {
        secs(self.median)
    }

    fn spread(&self) -> String {
        format!(
            "{} – {} ({} runs)",
            secs(self.min),
            secs(self.max),
            self.runs
        )
    }
}

fn secs(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 0.01 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{:.2} ms", s * 1000.0)
    }
}

/// A criterion figure: the median of its samples' per-run means, their spread,
/// and the 95% confidence interval of the median.
struct Bench {
    timing: Timing,
    ci: (f64, f64),
}

fn criterion(id: &str) -> Option<Bench> {
    let dir = target_dir().join("criterion").join(id).join("new");
    let estimates: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("estimates.json")).ok()?).ok()?;
    let sample: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("sample.json")).ok()?).ok()?;
    let iters = sample["iters"].as_array()?;
    let times = sample["times"].as_array()?;
    let per_run: Vec<f64> = iters
        .iter()
        .zip(times)
        .filter_map(|(i, t)| Some(t.as_f64()? / i.as_f64()? / 1e9))
        .collect();
    let median = &estimates["median"];
    let mut timing = Timing::of(per_run);
    timing.median = median["point_estimate"].as_f64()? / 1e9;
    Some(Bench {
        timing,
        ci: (
            median["confidence_interval"]["lower_bound"].as_f64()? / 1e9,
            median["confidence_interval"]["upper_bound"].as_f64()? / 1e9,
        ),
    })
}

/// The same criterion figure measured on PostgreSQL: the group named
/// `<group>_postgres` (`trust/dashboard` is `trust_postgres/dashboard`).
fn criterion_postgres(id: &str) -> Option<Bench> {
    let (group, name) = id.split_once('/')?;
    criterion(&format!("{group}_postgres/{name}"))
}

/// What a table shows for a PostgreSQL figure that is missing, so a run of the
/// SQLite benchmarks alone still makes the document.
const NOT_MEASURED_POSTGRES: &str = "not measured (benchmarks not run on PostgreSQL)";

/// A figure's median and spread with its confidence interval, for a table.
fn cells(bench: &Bench) -> (String, String) {
    (
        bench.timing.median(),
        format!(
            "{} (CI {} – {})",
            bench.timing.spread(),
            secs(bench.ci.0),
            secs(bench.ci.1)
        ),
    )
}

fn run_ok(cmd: &mut Command) {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Times `runs` runs of `cmd()`, each after `before()` (not timed).
fn time_runs(
    runs: usize,
    mut before: impl FnMut(usize),
    mut cmd: impl FnMut(usize) -> Command,
) -> Timing {
    let mut secs = Vec::new();
    for run in 0..runs {
        before(run);
        let mut c = cmd(run);
        let start = Instant::now();
        run_ok(&mut c);
        secs.push(start.elapsed().as_secs_f64());
    }
    Timing::of(secs)
}

fn assent() -> PathBuf {
    target_dir().join("release").join("assent")
}

fn assent_cmd(db: &Path) -> Command {
    let mut c = Command::new(assent());
    c.arg("--db")
        .arg(db)
        .env("ASSENT_USER", USER)
        .env("ASSENT_PASSWORD", PASSWORD)
        .env_remove("ASSENT_DB");
    c
}

fn version(cmd: &str, arg: &str) -> String {
    Command::new(cmd)
        .arg(arg)
        .output()
        .ok()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .unwrap_or_default()
}

fn machine() -> String {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map_or("unknown CPU", str::trim)
        .to_owned();
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let mem_kb: u64 = read("/proc/meminfo")
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let os = read("/etc/os-release")
        .lines()
        .find_map(|l| l.strip_prefix("PRETTY_NAME="))
        .map(|s| s.trim_matches('"').to_owned())
        .unwrap_or_default();
    let kernel = version("uname", "-r");
    format!(
        "{cpu}, {cores} cores, {:.1} GiB memory; {os}, Linux {kernel}",
        f64::from(u32::try_from(mem_kb / 1024).unwrap_or(u32::MAX)) / 1024.0
    )
}

fn ratio(a: f64, b: f64) -> String {
    if a >= b {
        format!("{:.1}×", a / b)
    } else {
        format!("{:.2}×", a / b)
    }
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "**missed**" }
}

/// The hand-written notes (`docs/benchmarks-notes.md`) appended to the figures.
fn notes_file() -> PathBuf {
    workspace_root().join("docs/benchmarks-notes.md")
}

/// The headings of the notes that explain each target, which the list of
/// missed targets links to.
const NOTE_IMPORT: &str = "Import against the `sqlite3 .import` floor";
const NOTE_REGISTER: &str = "Consent register against LibreOffice";
const NOTE_CLASS_LIST: &str = "Class status list at trust scale";
const NOTE_DASHBOARD: &str = "Dashboard at trust scale";
const NOTE_COLD_START: &str = "Cold start";
const NOTE_MEMORY: &str = "Memory of the app";

/// "see [heading](#anchor)", the anchor as GitHub makes it from a heading; warns
/// when the notes have no such heading (a note was renamed or is missing).
fn see(notes: &str, heading: &str) -> String {
    if !notes.lines().any(|l| l == format!("### {heading}")) {
        eprintln!(
            "warning: {} has no heading \"### {heading}\"",
            notes_file().display()
        );
    }
    let anchor: String = heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect();
    format!("see [{heading}](#{anchor})")
}

// ------------------------------------------------------------------ the app

/// Process ids whose parent is `pid`, recursively.
fn descendants(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    let mut todo = vec![pid];
    while let Some(p) = todo.pop() {
        let Ok(dir) = std::fs::read_dir("/proc") else {
            break;
        };
        for entry in dir.flatten() {
            let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            let stat = std::fs::read_to_string(format!("/proc/{child}/stat")).unwrap_or_default();
            // pid (comm) state ppid …; comm may hold spaces, so read after the last ')'.
            let parent = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if parent == Some(p) {
                out.push(child);
                todo.push(child);
            }
        }
    }
    out
}

/// The app process this benchmark started: the child of our `tauri-driver`'s
/// `WebKitWebDriver` whose program is the release `assent-app`.
fn app_pid(driver_pid: u32) -> Option<u32> {
    let app = target_dir().join("release").join("assent-app");
    descendants(driver_pid)
        .into_iter()
        .find(|pid| std::fs::read_link(format!("/proc/{pid}/exe")).is_ok_and(|exe| exe == app))
}

fn status_kb(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn pss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

async fn wait_css(client: &Client, css: &str, within: Duration) -> Duration {
    let start = Instant::now();
    loop {
        if client.find(Locator::Css(css)).await.is_ok() {
            return start.elapsed();
        }
        assert!(start.elapsed() < within, "{css} never appeared");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
}

async fn settle(client: &Client) {
    let start = Instant::now();
    loop {
        let busy = client
            .execute(
                "return document.querySelectorAll('[aria-busy=\"true\"]').length",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        if busy == 0 || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
}

const DASHBOARD_READY: &str =
    "[data-testid=\"page-dashboard\"][aria-busy=\"false\"] [data-testid=\"count-total\"]";

/// One cold start: (to the sign-in screen, sign-in to the dashboard).
async fn cold_start(driver: &Driver, db: &Path) -> (Duration, Duration) {
    let start = Instant::now();
    let client = driver.launch_signed_out(db).await;
    wait_css(
        &client,
        "[data-testid=\"sign-in-password\"]",
        Duration::from_secs(60),
    )
    .await;
    let shown = start.elapsed();
    let user = client
        .find(Locator::Css("[data-testid=\"sign-in-username\"]"))
        .await
        .unwrap();
    user.send_keys(USER).await.unwrap();
    let password = client
        .find(Locator::Css("[data-testid=\"sign-in-password\"]"))
        .await
        .unwrap();
    let typed = format!("{PASSWORD}\u{E007}");
    let submitted = Instant::now();
    password.send_keys(&typed).await.unwrap();
    wait_css(&client, DASHBOARD_READY, Duration::from_secs(60)).await;
    let signed_in = submitted.elapsed();
    let _ = client.close().await;
    (shown, signed_in)
}

const PAGES: [&str; 8] = [
    "dashboard",
    "people",
    "signing",
    "agreements",
    "consent",
    "accounts",
    "reports",
    "settings",
];

struct AppFigures {
    to_sign_in: Timing,
    sign_in_to_dashboard: Timing,
    total: Timing,
    /// (after what, app RSS in kB, app and `WebKit` processes' PSS in kB)
    memory: Vec<(String, u64, u64)>,
    peak_rss_kb: u64,
}

fn app_figures(runs: usize, school_db: &Path, trust_db: &Path) -> AppFigures {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let driver = Driver::start();
        // One start first, so every timed start finds the binaries in the page cache,
        // as an office PC does after the first start of the day.
        let _ = cold_start(&driver, school_db).await;
        let mut shown = Vec::new();
        let mut signed = Vec::new();
        let mut total = Vec::new();
        for _ in 0..runs {
            let (a, b) = cold_start(&driver, school_db).await;
            shown.push(a.as_secs_f64());
            signed.push(b.as_secs_f64());
            total.push((a + b).as_secs_f64());
        }
        // The trust: open it, visit every page, and read the memory after each.
        let client = driver.launch_as(trust_db, USER).await;
        settle(&client).await;
        let pid = app_pid(driver.pid()).expect("the app process");
        let mut memory = Vec::new();
        let tree = |pid: u32| {
            std::iter::once(pid)
                .chain(descendants(pid))
                .map(pss_kb)
                .sum::<u64>()
        };
        memory.push((
            "trust opened, dashboard shown".to_owned(),
            status_kb(pid, "VmRSS:"),
            tree(pid),
        ));
        for page in PAGES {
            client
                .find(Locator::Css(&format!("[data-testid=\"nav-{page}\"]")))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_css(
                &client,
                &format!("[data-testid=\"page-{page}\"]"),
                Duration::from_secs(60),
            )
            .await;
            settle(&client).await;
            memory.push((
                format!("after the {page} page"),
                status_kb(pid, "VmRSS:"),
                tree(pid),
            ));
        }
        let peak_rss_kb = status_kb(pid, "VmHWM:");
        let _ = client.close().await;
        AppFigures {
            to_sign_in: Timing::of(shown),
            sign_in_to_dashboard: Timing::of(signed),
            total: Timing::of(total),
            memory,
            peak_rss_kb,
        }
    })
}

// ------------------------------------------------------------------ main

#[allow(clippy::too_many_lines)]
fn main() {
    let runs: usize = std::env::args()
        .skip_while(|a| a != "--runs")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(7);
    let data = target_dir().join("bench-data");
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    let mut doc = String::new();
    // The missed targets, each with a pointer to the note that explains it.
    let mut notes = String::new();
    let profile_notes = std::fs::read_to_string(notes_file()).unwrap_or_default();

    // -------- 1. import against the sqlite3 floor
    eprintln!("timing sqlite3 .import and assent import…");
    let pupils = data.join("pupils.csv");
    let contacts = data.join("contacts.csv");
    assert!(
        pupils.is_file(),
        "run the criterion benchmarks first (they write {})",
        pupils.display()
    );
    let sqlite_floor = time_runs(
        runs,
        |_| {},
        |run| {
            let mut c = Command::new("sqlite3");
            c.arg(w.join(format!("floor{run}.db")))
                .arg(format!(".import --csv {} pupils", pupils.display()))
                .arg(format!(".import --csv {} contacts", contacts.display()));
            c
        },
    );
    let init = |db: &Path| {
        run_ok(assent_cmd(db).args(["init", "--school", "Bench School", "--admin", USER]));
    };
    let cli_import = time_runs(
        runs,
        |run| init(&w.join(format!("import{run}.db"))),
        |run| {
            let db = w.join(format!("import{run}.db"));
            let mut c = Command::new("sh");
            c.arg("-c").arg(format!(
                "{a} --db {db} import pupils {p} >/dev/null && {a} --db {db} import contacts {c} >/dev/null",
                a = assent().display(),
                db = db.display(),
                p = pupils.display(),
                c = contacts.display()
            ));
            c.env("ASSENT_USER", USER).env("ASSENT_PASSWORD", PASSWORD);
            c
        },
    );
    // Opening the database: the password check is deliberately slow (Argon2).
    let open_db = w.join("import0.db");
    let cli_open = time_runs(
        runs,
        |_| {},
        |_| {
            let mut c = assent_cmd(&open_db);
            c.args(["users", "list"]).stdout(Stdio::null());
            c
        },
    );
    let import_bench = criterion("import/pupils_2000_contacts_3500");

    // -------- 3. register against LibreOffice
    eprintln!("generating the large primary and the trust with assent demo…");
    let large_db = w.join("large.db");
    let trust_db = w.join("trust.db");
    let generate = |db: &Path, scale: &str| {
        let start = Instant::now();
        run_ok(assent_cmd(db).args(["demo", "--scale", scale]));
        start.elapsed().as_secs_f64()
    };
    let gen_large = generate(&large_db, "large");
    let gen_trust = generate(&trust_db, "trust");
    let lo_runs = 3;
    let mut registers = Vec::new();
    for (pupils, db, lo_runs) in [(700, &large_db, lo_runs), (20_000, &trust_db, 2)] {
        eprintln!("timing LibreOffice and assent report for {pupils} pupils…");
        let csv = data.join(format!("register-{pupils}.csv"));
        let profile = w.join("lo-profile");
        let lo = time_runs(
            lo_runs,
            |_| {},
            |run| {
                let out = w.join(format!("lo-{pupils}-{run}"));
                let mut c = Command::new("libreoffice");
                c.arg(format!(
                    "-env:UserInstallation=file://{}",
                    profile.display()
                ))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&out)
                .arg(&csv)
                .stdout(Stdio::null());
                c
            },
        );
        let lo_pdf = w
            .join(format!("lo-{pupils}-0"))
            .join(format!("register-{pupils}.pdf"));
        let lo_size = std::fs::metadata(&lo_pdf).map_or(0, |m| m.len());
        let cli = time_runs(
            if pupils > 1000 { 3 } else { runs },
            |_| {},
            |run| {
                let mut c = assent_cmd(db);
                c.args(["report", "consent-register", "--out"])
                    .arg(w.join(format!("assent-{pupils}-{run}.pdf")))
                    .stdout(Stdio::null());
                c
            },
        );
        let size =
            std::fs::metadata(w.join(format!("assent-{pupils}-0.pdf"))).map_or(0, |m| m.len());
        let pages: usize = std::fs::read_to_string(data.join(format!("register-{pupils}.pages")))
            .ok()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(0);
        registers.push((
            pupils,
            lo,
            lo_size,
            cli,
            size,
            pages,
            criterion(&format!("register/pdf_{pupils}")),
            criterion_postgres(&format!("register/pdf_{pupils}")),
        ));
    }

    // -------- 5. the app
    eprintln!("timing the app's cold start and reading its memory…");
    let school_db = w.join("school.db");
    run_ok(assent_cmd(&school_db).args(["demo"]));
    let app = app_figures(5, &school_db, &trust_db);

    // -------- the document
    let today = chrono_date();
    let sqlite_version = format!(
        "sqlite3 {}",
        version("sqlite3", "--version")
            .split_whitespace()
            .next()
            .unwrap_or("")
    );
    let _ = write!(
        doc,
        "# Benchmarks\n\n\
         Made by `make bench` on {today}, on {machine}.\n\
         Release builds. Baselines: {sqlite}; {lo}.\n\n\
         Two kinds of figure, named in each table:\n\n\
         - **in-process** figures are measured by [criterion](https://docs.rs/criterion) inside one \
         process on an open database (the cost the app pays for an action): the median with the \
         spread of criterion's samples (fastest – slowest sample mean) and the median's 95% confidence interval;\n\
         - **whole-process** figures time a command from start to exit several times (median, fastest – slowest), \
         which is the only fair way to compare with `sqlite3` and LibreOffice, and includes starting the program \
         and, for `assent`, unlocking the encrypted database with the password.\n\n\
         The in-process figures are measured on both engines: an encrypted SQLite file (a school on one PC) \
         and PostgreSQL (a school whose PCs share a server), the same workloads on the same data. The PostgreSQL \
         figures are for a throwaway server on this same machine (`pg_virtualenv`, fsync off), so a real school \
         server adds a network round trip to every query on top.\n\n\
         The data come from `assent demo --scale large|trust` (a deterministic generator: the trust has \
         20,000 pupils in 667 classes, 35,000 parents and carers, 2,000 staff and 200 governors, volunteers and \
         visitors, with three academic years of agreements and consent decisions, withdrawals and re-signings \
         included; generating it took {gen_trust}, the large primary {gen_large}).\n\n",
        machine = machine(),
        sqlite = sqlite_version,
        lo = version("libreoffice", "--version"),
        gen_trust = secs(gen_trust),
        gen_large = secs(gen_large),
    );

    // 1. import
    let _ = writeln!(
        doc,
        "## 1. Import: 2,000 pupils and 3,500 contacts\n\n\
         The same two CSV files (an MIS export's columns), `target/bench-data/pupils.csv` and `contacts.csv`.\n\n\
         | What | Kind | Median | Spread | Target | Result |\n|---|---|---|---|---|---|"
    );
    let _ = writeln!(
        doc,
        "| `sqlite3 .import --csv` of both files into plain tables (the floor) | whole-process | {} | {} | | |",
        sqlite_floor.median(),
        sqlite_floor.spread()
    );
    let import_ratio = cli_import.median / sqlite_floor.median;
    let _ = writeln!(
        doc,
        "| `assent import pupils` then `assent import contacts` (preview + apply each; two processes, each unlocking the database) | whole-process | {} | {} | within 3× the floor | {} ({} the floor) |",
        cli_import.median(),
        cli_import.spread(),
        met(import_ratio <= 3.0),
        ratio(cli_import.median, sqlite_floor.median)
    );
    let _ = writeln!(
        doc,
        "| `assent users list` (opening the encrypted database and nothing else) | whole-process | {} | {} | | |",
        cli_open.median(),
        cli_open.spread()
    );
    let in_process_ratio = import_bench
        .as_ref()
        .map_or(f64::NAN, |b| b.timing.median / sqlite_floor.median);
    if let Some(b) = &import_bench {
        let _ = writeln!(
            doc,
            "| Import in the app: preview + apply of both files on an open database | in-process | {} | {} (CI {} – {}) | within 3× the floor | {} ({} the floor) |",
            b.timing.median(),
            b.timing.spread(),
            secs(b.ci.0),
            secs(b.ci.1),
            met(in_process_ratio <= 3.0),
            ratio(b.timing.median, sqlite_floor.median)
        );
    }
    let what = "Import in the app on PostgreSQL (a server on this machine): the same, into a server database";
    match criterion_postgres("import/pupils_2000_contacts_3500") {
        Some(b) => {
            let (median, spread) = cells(&b);
            let _ = writeln!(
                doc,
                "| {what} | in-process | {median} | {spread} | | {} the floor |",
                ratio(b.timing.median, sqlite_floor.median)
            );
        }
        None => {
            let _ = writeln!(
                doc,
                "| {what} | in-process | {NOT_MEASURED_POSTGRES} | | | |"
            );
        }
    }
    let without_open = (cli_import.median - 2.0 * cli_open.median) / sqlite_floor.median;
    let _ = writeln!(
        doc,
        "\nThe two `assent import` processes each unlock the database with Argon2 (about {} per process, \
         the `users list` row), which `sqlite3` on a plain file does not; without that the CLI import is {:.1}× the floor. \
         The import itself also does more than `.import`: it checks every row (UPNs, dates, year groups, \
         duplicates), matches contacts to pupils, folds names for search, writes to an encrypted database with \
         its indexes, and records the import in the audit log.\n",
        secs(cli_open.median),
        without_open
    );
    if import_ratio > 3.0 || in_process_ratio > 3.0 {
        let in_process = import_bench.as_ref().map_or(String::new(), |b| {
            format!(
                ", {} in-process",
                ratio(b.timing.median, sqlite_floor.median)
            )
        });
        let _ = writeln!(
            notes,
            "- **Import** ({} the floor whole-process{in_process}; target within 3×): {}.",
            ratio(cli_import.median, sqlite_floor.median),
            see(&profile_notes, NOTE_IMPORT)
        );
    }

    // 2. signing
    let _ = writeln!(
        doc,
        "## 2. Signing an agreement (in-process)\n\n\
         A member of staff signs the staff agreement with a typed signature (checks, the sealed record, its \
         signature and the audit entry, in one transaction), in the generated large primary (700 pupils, \
         three years of history).\n\n\
         | Engine | Median | Spread |\n|---|---|---|"
    );
    for (engine, bench) in [
        ("SQLite (encrypted file)", criterion("sign/staff_typed")),
        (
            "PostgreSQL (a server on this machine)",
            criterion_postgres("sign/staff_typed"),
        ),
    ] {
        let (median, spread) = bench.as_ref().map_or_else(
            || {
                let missing = if engine.starts_with("SQLite") {
                    "not measured"
                } else {
                    NOT_MEASURED_POSTGRES
                };
                (missing.to_owned(), String::new())
            },
            cells,
        );
        let _ = writeln!(doc, "| {engine} | {median} | {spread} |");
    }
    let _ = writeln!(doc);

    // 3. registers
    let _ = writeln!(
        doc,
        "## 3. Whole-school consent register (PDF)\n\n\
         The same register as CSV (`target/bench-data/register-*.csv`, written by Assent) converted by \
         `libreoffice --headless --convert-to pdf` (each run with a warm user profile), against Assent making the PDF.\n\n\
         | Pupils | What | Kind | Median | Spread | Size | Target | Result |\n|---|---|---|---|---|---|---|---|"
    );
    let mut register_missed = Vec::new();
    for (pupils, lo, lo_size, cli, size, pages, bench, bench_postgres) in &registers {
        let _ = writeln!(
            doc,
            "| {pupils} | LibreOffice, CSV to PDF | whole-process | {} | {} | {} KB | | |",
            lo.median(),
            lo.spread(),
            lo_size / 1024
        );
        let r = lo.median / cli.median;
        if r < 20.0 {
            register_missed.push(format!("{pupils} pupils, whole-process: {r:.1}×"));
        }
        let _ = writeln!(
            doc,
            "| {pupils} | `assent report consent-register` ({pages} pages) | whole-process | {} | {} | {} KB | 20× faster than LibreOffice | {} ({:.1}× faster) |",
            cli.median(),
            cli.spread(),
            size / 1024,
            met(r >= 20.0),
            r
        );
        if let Some(b) = bench {
            let r = lo.median / b.timing.median;
            if r < 20.0 {
                register_missed.push(format!("{pupils} pupils, in-process: {r:.1}×"));
            }
            let _ = writeln!(
                doc,
                "| {pupils} | Register in the app (read, lay out, write PDF) | in-process | {} | {} (CI {} – {}) | | 20× faster than LibreOffice | {} ({:.1}× faster) |",
                b.timing.median(),
                b.timing.spread(),
                secs(b.ci.0),
                secs(b.ci.1),
                met(r >= 20.0),
                r
            );
        }
        let what =
            "Register in the app, the records read from PostgreSQL (a server on this machine)";
        match bench_postgres {
            Some(b) => {
                let (median, spread) = cells(b);
                let _ = writeln!(
                    doc,
                    "| {pupils} | {what} | in-process | {median} | {spread} | | | {:.1}× faster than LibreOffice |",
                    lo.median / b.timing.median
                );
            }
            None => {
                let _ = writeln!(
                    doc,
                    "| {pupils} | {what} | in-process | {NOT_MEASURED_POSTGRES} | | | | |"
                );
            }
        }
    }
    let _ = writeln!(doc);
    if !register_missed.is_empty() {
        let _ = writeln!(
            notes,
            "- **Consent register** (target 20× faster than LibreOffice; {}): {}.",
            register_missed.join("; "),
            see(&profile_notes, NOTE_REGISTER)
        );
    }

    // 4. trust scale
    let _ = writeln!(
        doc,
        "## 4. At trust scale (in-process)\n\n\
         On the generated trust, signed in as the head (who sees everyone), on an encrypted SQLite file and \
         on PostgreSQL (a server on this machine; a real school server adds network round trips). The targets \
         are judged on each engine's median.\n\n\
         | What | SQLite median | SQLite spread | PostgreSQL median | PostgreSQL spread | Target | Result |\n\
         |---|---|---|---|---|---|---|"
    );
    for (id, what, target) in [
        (
            "trust/class_status_list",
            "Class status list (one class's 30 pupils with their agreement status)",
            Some((0.005, NOTE_CLASS_LIST)),
        ),
        (
            "trust/dashboard",
            "Dashboard (counts by kind, agreement statuses of all 57,000 on roll)",
            Some((0.05, NOTE_DASHBOARD)),
        ),
        (
            "trust/account_status_everyone",
            "Account status of everyone (the Accounts page)",
            None,
        ),
        (
            "trust/search_keystroke",
            "Search-as-you-type over 57,000 people, per keystroke (first 200 matches)",
            None,
        ),
        (
            "trust/google_export_everyone",
            "Google Workspace export of everyone (file written, export recorded)",
            None,
        ),
    ] {
        let sqlite = criterion(id);
        let postgres = criterion_postgres(id);
        let (sqlite_median, sqlite_spread) = sqlite
            .as_ref()
            .map_or_else(|| ("not measured".to_owned(), String::new()), cells);
        let (postgres_median, postgres_spread) = postgres
            .as_ref()
            .map_or_else(|| (NOT_MEASURED_POSTGRES.to_owned(), String::new()), cells);
        let (target_text, result) = match target {
            Some((t, _)) => {
                let judged: Vec<String> = [("SQLite", &sqlite), ("PostgreSQL", &postgres)]
                    .into_iter()
                    .filter_map(|(engine, b)| {
                        b.as_ref()
                            .map(|b| format!("{engine} {}", met(b.timing.median < t)))
                    })
                    .collect();
                (format!("under {}", secs(t)), judged.join(", "))
            }
            None => (String::new(), String::new()),
        };
        let _ = writeln!(
            doc,
            "| {what} | {sqlite_median} | {sqlite_spread} | {postgres_median} | {postgres_spread} | {target_text} | {result} |"
        );
        let Some(b) = sqlite else {
            continue;
        };
        if let Some((t, note)) = target.filter(|(t, _)| b.timing.median >= *t) {
            let _ = writeln!(
                notes,
                "- **{what}** ({}; target under {}): {}.",
                b.timing.median(),
                secs(t),
                see(&profile_notes, note)
            );
        }
    }
    let _ = writeln!(doc);

    // 5. the app
    let _ = writeln!(
        doc,
        "## 5. The app (whole-process, real window under Xvfb)\n\n\
         Cold start: from asking `tauri-driver` for a new window (which starts `assent-app`) until the sign-in \
         screen shows, then from pressing Enter on the password until the dashboard shows its counts, on the \
         demo school; one start first so the binaries are in the page cache, then 5 timed starts.\n\n\
         | What | Median | Spread | Target | Result |\n|---|---|---|---|---|"
    );
    let _ = writeln!(
        doc,
        "| Start until the sign-in screen shows | {} | {} | | |",
        app.to_sign_in.median(),
        app.to_sign_in.spread()
    );
    let _ = writeln!(
        doc,
        "| Sign-in (Argon2 password check, open the encrypted database) until the dashboard shows | {} | {} | | |",
        app.sign_in_to_dashboard.median(),
        app.sign_in_to_dashboard.spread()
    );
    let _ = writeln!(
        doc,
        "| Cold start until the dashboard shows (both) | {} | {} | under 1.5 s | {} |",
        app.total.median(),
        app.total.spread(),
        met(app.total.median < 1.5)
    );
    if app.total.median >= 1.5 {
        let _ = writeln!(
            notes,
            "- **Cold start** ({}; target under 1.5 s): {}.",
            app.total.median(),
            see(&profile_notes, NOTE_COLD_START)
        );
    }
    let _ = writeln!(
        doc,
        "\nMemory after opening the trust database and visiting each page in turn. *App* is the resident \
         memory (VmRSS) of the `assent-app` process (Rust, SQLite and the window); *with WebKit* adds the \
         web view's own processes (WebKitWebProcess, WebKitNetworkProcess), counted by proportional set \
         size so shared libraries are not counted twice.\n\n\
         | After | App (RSS) | App with WebKit (PSS) |\n|---|---|---|"
    );
    for (after, rss, pss) in &app.memory {
        let _ = writeln!(doc, "| {after} | {} MB | {} MB |", rss / 1024, pss / 1024);
    }
    let last_rss = app.memory.last().map_or(0, |m| m.1);
    let with_webkit = app.memory.last().map_or(0, |m| m.2);
    let _ = writeln!(
        doc,
        "\nPeak resident memory of the app process: {} MB. Target under 200 MB: {} for the app process \
         ({} MB after every page); {} with WebKit's processes ({} MB).\n",
        app.peak_rss_kb / 1024,
        met(last_rss < 200 * 1024),
        last_rss / 1024,
        if with_webkit < 200 * 1024 {
            "also met"
        } else {
            "**not met**"
        },
        with_webkit / 1024
    );
    if last_rss >= 200 * 1024 || with_webkit >= 200 * 1024 {
        let _ = writeln!(
            notes,
            "- **Memory** (app process {} MB after the last page, peak {} MB; {} MB with WebKit's processes; \
             target under 200 MB): {}.",
            last_rss / 1024,
            app.peak_rss_kb / 1024,
            with_webkit / 1024,
            see(&profile_notes, NOTE_MEMORY)
        );
    }

    // Notes written by hand (profiles and what bounds each figure) are kept
    // from docs/benchmarks-notes.md.
    if !notes.is_empty() {
        let _ = writeln!(doc, "## Targets missed in this run\n\n{notes}");
    }
    doc.push_str(&profile_notes);
    let path = workspace_root().join("docs/benchmarks.md");
    std::fs::write(&path, doc).unwrap();
    eprintln!("written to {}", path.display());
}

/// Today's date in words ("23 November 2026"), from the `date` command so this
/// binary needs no date library.
fn chrono_date() -> String {
    version("date", "+%-d %B %Y")
}
