//! Crash safety: the CLI is killed (SIGKILL) at many random moments of an
//! import, a run of signatures and a backup. Each time the database must
//! still open, pass SQLite's integrity check and the audit chain check, hold
//! either all of an import or none of it, and keep every signature that was
//! reported as recorded before the kill.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assent_core::{Store, audit, backup};

const PASSWORD: &str = "Kestrel-meadow-42";
const IMPORTED: u32 = 1500;

fn assent(db: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_assent"));
    cmd.env("ASSENT_DB", db)
        .env("ASSENT_USER", "head")
        .env("ASSENT_PASSWORD", PASSWORD)
        .env_remove("ASSENT_NEW_PASSWORD")
        .stdin(Stdio::null());
    cmd
}

/// A pupils file with valid UPNs, long enough that an import takes a while.
fn big_pupils_file(dir: &Path) -> PathBuf {
    let mut csv = String::from(
        "UPN,Legal Forename,Legal Surname,Date of Birth,Gender,Year Group,Reg Group,MIS ID\n",
    );
    for i in 0..IMPORTED {
        let upn = assent_core::values::upn_from_digits(&format!("99920012{i:04}")).unwrap();
        let _ = writeln!(
            csv,
            "{upn},Pupil{i},Crashtest,2018-05-01,F,Year 3,Hazel,{}",
            90_000 + i
        );
    }
    let path = dir.join("big-pupils.csv");
    std::fs::write(&path, csv).unwrap();
    path
}

fn spawn(mut cmd: Command, out: &Path) -> Child {
    cmd.stdout(std::fs::File::create(out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Kills the process itself (not a process group: a group id could by then
/// belong to someone else), then reaps it.
fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

/// Signs `staff` one after another, each in its own `assent` process, until
/// `stop` is set; the process running at that moment is left in `current` for
/// the caller to kill. Each process writes what it recorded into `dir`.
fn sign_in_turn(
    db: PathBuf,
    staff: Vec<(String, String)>,
    dir: PathBuf,
    current: Arc<Mutex<Option<Child>>>,
    stop: Arc<AtomicBool>,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        for (n, (id, name)) in staff.into_iter().enumerate() {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            let mut cmd = assent(&db);
            cmd.args([
                "sign", "typed", "--person", &id, "--kind", "staff", "--signer", &name,
            ]);
            let out = dir.join(format!("sign-{n}.out"));
            {
                let mut slot = current.lock().unwrap();
                if stop.load(Ordering::SeqCst) {
                    return;
                }
                *slot = Some(spawn(cmd, &out));
            }
            // Poll rather than wait, so the lock is free for the killer.
            loop {
                let mut slot = current.lock().unwrap();
                if !matches!(slot.as_mut().map(Child::try_wait), Some(Ok(None))) {
                    *slot = None;
                    break;
                }
                drop(slot);
                std::thread::sleep(Duration::from_millis(2));
            }
        }
    })
}

fn pupils_named_crashtest(store: &Store) -> u32 {
    store
        .inspect()
        .query_row(
            "SELECT count(*) FROM people WHERE family_name = 'Crashtest'",
            (),
            |r| r.get(0),
        )
        .unwrap()
}

/// Opens the database and checks everything that must hold after a crash.
fn check(db: &Path, round: u32) -> Store {
    let store = Store::open(db, "head", PASSWORD)
        .unwrap_or_else(|e| panic!("round {round}: the database does not open: {e}"));
    let integrity: String = store
        .inspect()
        .query_row("PRAGMA integrity_check", (), |r| r.get(0))
        .unwrap();
    assert_eq!(integrity, "ok", "round {round}");
    let chain = audit::verify(&store).unwrap();
    assert!(
        chain.first_broken.is_none(),
        "round {round}: {:?}",
        chain.first_broken
    );
    let imported = pupils_named_crashtest(&store);
    assert!(
        imported == 0 || imported == IMPORTED,
        "round {round}: half an import landed ({imported} pupils)"
    );
    store
}

// One story, from the first kill to the last check.
#[allow(clippy::too_many_lines)]
#[test]
fn killing_the_cli_at_any_moment_leaves_a_consistent_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("school.db");
    let made = assent(&db).arg("demo").output().unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let pupils = big_pupils_file(dir.path());
    let staff: Vec<(String, String)> = {
        let store = check(&db, 0);
        let mut stmt = store
            .inspect()
            .prepare("SELECT id, given_name || ' ' || family_name FROM people WHERE kind = 'staff' ORDER BY id")
            .unwrap();
        stmt.query_map((), |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut rng = fastrand::Rng::with_seed(0x4b49_4c4c);
    let mut recorded: Vec<String> = Vec::new();
    let mut kills = [0u32; 3];
    for round in 1..=30 {
        let delay = Duration::from_millis(rng.u64(0..900));
        let which = round % 3;
        let round_dir = dir.path().join(format!("round-{round}"));
        std::fs::create_dir_all(&round_dir).unwrap();
        let caught_mid_work = if which == 1 {
            let current = Arc::new(Mutex::new(None));
            let stop = Arc::new(AtomicBool::new(false));
            let first = (round as usize * 3) % staff.len();
            let batch: Vec<_> = staff.iter().cycle().skip(first).take(4).cloned().collect();
            let worker = sign_in_turn(
                db.clone(),
                batch,
                round_dir.clone(),
                Arc::clone(&current),
                Arc::clone(&stop),
            );
            std::thread::sleep(delay);
            stop.store(true, Ordering::SeqCst);
            let running = current.lock().unwrap().take();
            let caught = running.is_some();
            if let Some(mut child) = running {
                kill(&mut child);
            }
            worker.join().unwrap();
            caught
        } else {
            let mut cmd = assent(&db);
            if which == 0 {
                cmd.args(["import", "pupils"]).arg(&pupils);
            } else {
                cmd.arg("backup")
                    .arg(dir.path().join(format!("round-{round}.bak")));
            }
            let mut child = spawn(cmd, &round_dir.join("out"));
            std::thread::sleep(delay);
            let finished = child.try_wait().unwrap().is_some();
            kill(&mut child);
            !finished
        };
        if caught_mid_work {
            kills[which as usize] += 1;
        }
        // Every signature reported as recorded before the kill must be there.
        for entry in std::fs::read_dir(&round_dir).unwrap() {
            let printed = std::fs::read_to_string(entry.unwrap().path()).unwrap_or_default();
            recorded.extend(
                printed
                    .lines()
                    .filter_map(|l| l.strip_prefix("Recorded agreement "))
                    .filter_map(|l| l.split_whitespace().next())
                    .map(str::to_owned),
            );
        }
        let store = check(&db, round);
        for id in &recorded {
            let found: bool = store
                .inspect()
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM agreements WHERE id = ?1)",
                    [id],
                    |r| r.get(0),
                )
                .unwrap();
            assert!(
                found,
                "round {round}: agreement {id} was reported recorded but is missing"
            );
        }
        drop(store);
        // A backup file is either absent or complete.
        let bak = dir.path().join(format!("round-{round}.bak"));
        if bak.exists() {
            backup::inspect_file(&bak)
                .unwrap_or_else(|e| panic!("round {round}: half a backup: {e}"));
        }
    }
    // The random points must have caught each kind of work in progress at least once.
    assert!(
        kills.iter().all(|&k| k > 0),
        "kills per kind of work: {kills:?}"
    );
    assert!(
        !recorded.is_empty(),
        "no signature was recorded before a kill"
    );
}
