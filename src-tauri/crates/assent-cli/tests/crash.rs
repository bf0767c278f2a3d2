//! Crash safety: the CLI is killed (SIGKILL) at many random moments of an
//! import, a run of signatures and a backup. Each time the database must
//! still open, pass SQLite's integrity check and the audit chain check, hold
//! either all of an import or none of it, and keep every signature that was
//! reported as recorded before the kill.

use std::fmt::Write as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
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

/// Starts `cmd` in its own process group, so a kill reaches every process it started.
fn spawn(mut cmd: Command, out: &Path) -> Child {
    cmd.process_group(0)
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn kill_group(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", &format!("-{}", child.id())])
        .status();
    let _ = child.wait();
}

fn pupils_named_crashtest(store: &Store) -> u32 {
    store
        .inspect()
        .query_row(
            "SELECT count(*) FROM people WHERE family_name = 'Crashtest'",
            [],
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
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
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
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let mut rng = fastrand::Rng::with_seed(0x4b49_4c4c);
    let mut recorded: Vec<String> = Vec::new();
    let mut kills = [0u32; 3];
    for round in 1..=30 {
        let out = dir.path().join(format!("round-{round}.out"));
        let delay = Duration::from_millis(rng.u64(0..900));
        let which = round % 3;
        let mut child = match which {
            0 => {
                let mut cmd = assent(&db);
                cmd.args(["import", "pupils"]).arg(&pupils);
                spawn(cmd, &out)
            }
            1 => {
                // Several signatures one after another, each its own process.
                let mut script = String::new();
                for (id, name) in staff
                    .iter()
                    .skip((round as usize * 3) % staff.len())
                    .take(4)
                {
                    let _ = writeln!(
                        script,
                        "\"$ASSENT_BIN\" sign typed --person {id} --kind staff --signer '{name}' || exit 1"
                    );
                }
                let mut cmd = Command::new("sh");
                cmd.arg("-c")
                    .arg(script)
                    .env("ASSENT_BIN", env!("CARGO_BIN_EXE_assent"))
                    .env("ASSENT_DB", &db)
                    .env("ASSENT_USER", "head")
                    .env("ASSENT_PASSWORD", PASSWORD)
                    .stdin(Stdio::null());
                spawn(cmd, &out)
            }
            _ => {
                let mut cmd = assent(&db);
                cmd.arg("backup")
                    .arg(dir.path().join(format!("round-{round}.bak")));
                spawn(cmd, &out)
            }
        };
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        kill_group(&mut child);
        if !finished {
            kills[which as usize] += 1;
        }
        // Every signature reported as recorded before the kill must be there.
        let printed = std::fs::read_to_string(&out).unwrap_or_default();
        recorded.extend(
            printed
                .lines()
                .filter_map(|l| l.strip_prefix("Recorded agreement "))
                .filter_map(|l| l.split_whitespace().next())
                .map(str::to_owned),
        );
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
