//! Printing results for people and scripts.

use std::io::Write;

use assent_core::rollover::RolloverPreview;

/// Writes `text` to standard output; a closed pipe (`assent … | head`) is not a failure.
pub fn print(text: &str) -> assent_core::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(assent_core::Error::io(
            std::path::Path::new("standard output"),
            &e,
        )),
        _ => Ok(()),
    }
}

/// Serialises `value` as pretty JSON with a final newline.
pub fn json<T: serde::Serialize>(value: &T) -> assent_core::Result<String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| assent_core::Error::Database {
            message: e.to_string(),
        })
}

/// Prints `rows` as pretty JSON for scripts when `json` is set, else one line
/// (or block) per row as `line` words it, for people.
pub fn rows<T: serde::Serialize>(
    rows: &[T],
    json: bool,
    line: impl Fn(&T) -> String,
) -> assent_core::Result<()> {
    if json {
        return print(&self::json(&rows)?);
    }
    let text: String = rows.iter().map(|r| line(r) + "\n").collect();
    print(&text)
}

pub fn print_rollover(s: &RolloverPreview, dry_run: bool) {
    let span = |y: i32| format!("{y}/{:02}", (y + 1) % 100);
    if dry_run {
        println!(
            "Preview (nothing changed): rollover from {} to {}",
            span(s.from_year),
            span(s.to_year)
        );
    } else {
        println!(
            "Rolled over from {} to {}",
            span(s.from_year),
            span(s.to_year)
        );
    }
    for m in &s.moves {
        println!("  {:<10} -> {:<10} {:>4} pupils", m.from, m.to, m.pupils);
    }
    println!(
        "  {} Year 6 pupils leave on {}; {} pupils move into KS2",
        s.leavers, s.leaving_date, s.now_key_stage_2
    );
}
