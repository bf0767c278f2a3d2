//! Whether text draws in real glyphs in the window, from a font built into the app.
//!
//! `document.fonts.check` cannot tell: it answers yes for a family the PC does
//! not have. So the probe (`font_probe.js`) measures instead. A text as wide as
//! the same number of U+10FFFD, a codepoint no font has, is drawn as
//! missing-glyph boxes; a character whose pixels on a canvas are those of
//! U+10FFFD is one box; and a character that no loaded face of the app's own
//! fonts covers would depend on what the PC happens to have installed.

use fantoccini::Client;

const PROBE: &str = include_str!("font_probe.js");

/// The families built into the app (ui/src/fonts.css), in the order of its font stack.
pub const BUILT_IN: [&str; 7] = [
    "Noto Sans Variable",
    "Assent Arabic",
    "Assent Bengali",
    "Assent Hebrew",
    "Assent Symbols",
    "Noto Sans SC Variable",
    "Noto Sans KR Variable",
];

/// What to look at: a sample string drawn in the app's font stack, or the
/// elements on the page that match a CSS selector, in their own font.
pub enum Target<'a> {
    /// A string shown in the app's font stack, named by `label` in a problem.
    Sample {
        /// What the string is, such as its script.
        label: &'a str,
        /// The string.
        text: &'a str,
    },
    /// The elements that match this selector, each in its own font.
    Css(&'a str),
}

/// What the probe found.
#[derive(Debug)]
pub struct Probe {
    /// Each text that does not draw properly, with its script and why.
    pub problems: Vec<String>,
    /// How many texts were looked at.
    pub checked: u64,
    /// The scripts of the characters looked at ("symbol" for the rest).
    pub scripts: Vec<String>,
}

/// Probes `targets`; sample strings are drawn without the families in
/// `without`, and stay on screen for a screenshot when `show`.
pub async fn probe(client: &Client, targets: &[Target<'_>], without: &[&str], show: bool) -> Probe {
    let targets: Vec<serde_json::Value> = targets
        .iter()
        .map(|t| match t {
            Target::Sample { label, text } => serde_json::json!({ "label": label, "text": text }),
            Target::Css(css) => serde_json::json!({ "css": css }),
        })
        .collect();
    let answer = client
        .execute_async(
            PROBE,
            vec![
                serde_json::Value::Array(targets),
                serde_json::json!(without),
                serde_json::Value::Bool(show),
            ],
        )
        .await
        .expect("the font probe runs in the window");
    let strings = |key: &str| -> Vec<String> {
        answer[key]
            .as_array()
            .unwrap_or_else(|| panic!("the probe answered {answer}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    };
    Probe {
        problems: strings("problems"),
        checked: answer["checked"].as_u64().unwrap_or(0),
        scripts: strings("scripts"),
    }
}

/// Takes the samples a probe left on screen away again.
pub async fn hide(client: &Client) {
    client
        .execute(
            "document.querySelector('[data-font-probe]')?.remove();",
            vec![],
        )
        .await
        .expect("the script runs in the window");
}

/// The window's font stack, as its root element computes it.
pub async fn root_stack(client: &Client) -> String {
    client
        .execute(
            "return getComputedStyle(document.documentElement).fontFamily;",
            vec![],
        )
        .await
        .expect("the script runs in the window")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Whether any font installed on this PC has `c` (asked of fontconfig), or
/// None where fontconfig cannot be asked. Where none has it, a text with `c`
/// can only draw it as a box once the app's own fonts are taken away.
pub fn system_font_has(c: char) -> Option<bool> {
    let out = std::process::Command::new("fc-list")
        .arg(format!(":charset={:x}", u32::from(c)))
        .arg("family")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| !String::from_utf8_lossy(&out.stdout).trim().is_empty())
}
