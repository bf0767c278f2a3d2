//! The core words its errors for every front end alike: no message names a CLI
//! command or flag. The CLI adds those itself (`assent-cli/src/errors.rs`), and
//! the window has its own words (`ui/src/lib/errors.ts`).

use std::path::Path;

/// Every `.rs` file under `dir`.
fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What a line says in string literals, leaving out comments.
fn literals(line: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    code.split('"')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_owned())
        .collect()
}

#[test]
fn no_core_message_names_a_cli_command_or_flag() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    assert!(files.len() > 20, "the core's sources were found");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            for literal in literals(line) {
                let flag = literal.split_whitespace().any(|w| {
                    w.starts_with("--") && w[2..].starts_with(|c: char| c.is_ascii_lowercase())
                });
                if literal.contains("`assent ") || literal.contains("assent init") || flag {
                    found.push(format!("{}:{}: {literal}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "CLI words in core messages:\n{}",
        found.join("\n")
    );
}
