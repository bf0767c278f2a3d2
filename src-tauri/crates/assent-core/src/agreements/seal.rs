//! The one way an agreement's parts are sealed.

use crate::hex::sha256_hex;

/// SHA-256 over length-prefixed parts, so different records never hash the same text.
pub(super) fn seal(parts: &[&str]) -> String {
    let mut text = String::new();
    for p in parts {
        text.push_str(&p.len().to_string());
        text.push(':');
        text.push_str(p);
        text.push('\n');
    }
    sha256_hex(&text)
}
