//! Where the core's SQL is run from, written down when `ASSENT_SQL_TRACE`
//! names a file: one line per engine, place in the code and statement, the
//! first time the engine accepts that statement there. The test run sets it for both passes, and
//! `tests/postgres/statements.py` then names every place in the core that ran
//! SQL on SQLite but never on PostgreSQL, so no shared statement goes
//! untested on the server. Without the variable nothing is recorded.

use std::collections::HashSet;
use std::io::Write as _;
use std::panic::Location;
use std::sync::{Mutex, OnceLock};

struct Trace {
    file: std::fs::File,
    seen: HashSet<(&'static str, &'static str, u32, String)>,
}

fn trace() -> Option<&'static Mutex<Trace>> {
    static TRACE: OnceLock<Option<Mutex<Trace>>> = OnceLock::new();
    TRACE
        .get_or_init(|| {
            let path = std::env::var_os("ASSENT_SQL_TRACE")?;
            // Asked for and not written would make the check pass on nothing.
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&path)
                .unwrap_or_else(|e| {
                    panic!(
                        "ASSENT_SQL_TRACE {}: {e}",
                        std::path::Path::new(&path).display()
                    )
                });
            Some(Mutex::new(Trace {
                file,
                seen: HashSet::new(),
            }))
        })
        .as_ref()
}

/// Records that `sql` was prepared on `engine` (`sqlite` or `postgres`) at
/// `at`, once per place.
pub(super) fn note(engine: &'static str, sql: &str, at: &'static Location<'static>) {
    let Some(trace) = trace() else {
        return;
    };
    let Ok(mut trace) = trace.lock() else {
        return;
    };
    let sql: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
    if !trace
        .seen
        .insert((engine, at.file(), at.line(), sql.clone()))
    {
        return;
    }
    // One write per line, to a file opened for appending, so the lines of
    // test processes running at once never interleave.
    let line = format!("{engine}\t{}:{}\t{sql}\n", at.file(), at.line());
    let _ = trace.file.write_all(line.as_bytes());
}
