//! Bytes as lowercase hex, the form every stored SHA-256 hash and the key
//! file's sealed values are written in, and read back.

use std::fmt::Write as _;

use sha2::{Digest, Sha256};

/// `bytes` as lowercase hex, two digits a byte.
pub(crate) fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// The bytes that `text` (hex, two digits a byte) stands for; `None` if it is not hex.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The SHA-256 of `bytes` (text or a file's contents), as 64 lower-case hex digits.
pub fn sha256_hex(bytes: impl AsRef<[u8]>) -> String {
    encode(&Sha256::digest(bytes.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips() {
        let bytes = [0u8, 1, 0xab, 0xff];
        assert_eq!(encode(&bytes), "0001abff");
        assert_eq!(decode(&encode(&bytes)).unwrap(), bytes);
        assert!(decode("abc").is_none());
        assert!(decode("zz").is_none());
    }

    #[test]
    fn a_hash_is_the_usual_lowercase_form() {
        let expected = format!("{:x}", Sha256::digest(b"abc"));
        assert_eq!(sha256_hex("abc"), expected);
        assert_eq!(sha256_hex(b"abc"), expected);
    }
}
