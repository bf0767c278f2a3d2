//! Sealed columns: the stored values most harmful in the wrong hands,
//! encrypted again inside the database with the school's data key.
//!
//! A school on a PostgreSQL server keeps its data on a disk that Assent does
//! not encrypt, and a dump (`pg_dump`, a copied data folder, the server's own
//! backups) is readable by whoever holds it. Drawn signatures, scanned paper forms,
//! files kept with an e-safety incident and what the incident says happened
//! (which includes child-protection matters) are therefore sealed with
//! ChaCha20-Poly1305 under a key derived from the data key for their column
//! ([`DataKey::seal_value`]). Someone with only a dump sees their size and
//! nothing else; the data key opens only with a staff password, on a PC.
//!
//! A single-PC school's file is already encrypted whole by SQLCipher, so
//! sealing there adds nothing against a stolen file. It is done anyway: one
//! code path writes and reads both engines, a server's backup (its rows copied
//! as they are into a school file) reads the same as the server did, and the
//! cost is small beside reading the row at all.
//!
//! Each sealed value is bound to its column (a key of its own for each) and to
//! its row's primary key as stored (a text UUID, or for a scan its agreement's
//! id), which a backup and restore keep unchanged. A value copied onto another
//! row or into another column does not open, and reading it is an error.
//!
//! Rows written before sealing hold the plain bytes or text. They are read as
//! they are, so existing school files need no migration: a value without the
//! [`MAGIC`] prefix is a legacy plain value. A PNG, JPEG or PDF never starts
//! with it, nor does a signature's strokes JSON (`[`). A description is the one
//! column where someone could have typed the prefix themselves; since every
//! description is sealed when written, that concerns only a legacy row that
//! begins with exactly `assent-sealed:1:`. Such a row is reported as damaged
//! rather than shown, because a value that looks sealed and does not open must
//! never pass as readable text.
//!
//! Hashes (a picture's, a scan's, an attachment's, the agreement's seals) are
//! over the plain bytes, so certificates made before sealing still verify.

use crate::db::Value;
use crate::keys::DataKey;
use crate::{Error, Result, hex};

/// What every sealed value starts with: in a binary column these bytes, then
/// the nonce and the ciphertext; in a text column this text, then the nonce
/// and the ciphertext in hex.
const MAGIC: &str = "assent-sealed:1:";
const NONCE_LEN: usize = 12;
/// ChaCha20-Poly1305's authentication tag, which the ciphertext ends with.
const TAG_LEN: usize = 16;
/// How many more bytes a sealed binary value takes than the plain one.
const OVERHEAD: usize = MAGIC.len() + NONCE_LEN + TAG_LEN;

/// The columns whose values are sealed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SealedColumn {
    /// `agreement_signatures.image_png`, keyed by the signature's id.
    SignatureImage,
    /// `agreement_signatures.strokes_json`, keyed by the signature's id.
    SignatureStrokes,
    /// `agreement_scans.bytes`, keyed by the agreement's id.
    Scan,
    /// `incident_attachments.bytes`, keyed by the attachment's id.
    IncidentAttachment,
    /// `incidents.description`, keyed by the incident's id.
    IncidentDescription,
}

impl SealedColumn {
    /// The purpose its key is derived for: the column's name, so that no two
    /// columns share a key.
    fn purpose(self) -> &'static str {
        match self {
            SealedColumn::SignatureImage => "agreement_signatures.image_png",
            SealedColumn::SignatureStrokes => "agreement_signatures.strokes_json",
            SealedColumn::Scan => "agreement_scans.bytes",
            SealedColumn::IncidentAttachment => "incident_attachments.bytes",
            SealedColumn::IncidentDescription => "incidents.description",
        }
    }

    /// Every sealed column.
    pub(crate) const ALL: [SealedColumn; 5] = [
        SealedColumn::SignatureImage,
        SealedColumn::SignatureStrokes,
        SealedColumn::Scan,
        SealedColumn::IncidentAttachment,
        SealedColumn::IncidentDescription,
    ];

    /// Its table and column names.
    pub(crate) fn table_and_column(self) -> (&'static str, &'static str) {
        self.purpose()
            .split_once('.')
            .expect("a purpose names the table and the column")
    }

    /// The column of its table that holds the row key it is bound to.
    pub(crate) fn key_column(self) -> &'static str {
        match self {
            SealedColumn::Scan => "agreement_id",
            _ => "id",
        }
    }

    /// What the value is, in words, for an error.
    fn what(self) -> &'static str {
        match self {
            SealedColumn::SignatureImage => "a signature's picture",
            SealedColumn::SignatureStrokes => "a signature's strokes",
            SealedColumn::Scan => "a scanned paper form",
            SealedColumn::IncidentAttachment => "a file kept with an incident",
            SealedColumn::IncidentDescription => "an incident's description",
        }
    }

    /// The associated data: the column and the row, so a value opens only where it was written.
    fn context(self, row_key: &str) -> String {
        format!("{}/{row_key}", self.purpose())
    }
}

/// `plain` sealed for `column` of the row whose key is `row_key`, for a binary column.
pub(crate) fn seal_bytes(
    key: &DataKey,
    column: SealedColumn,
    row_key: &str,
    plain: &[u8],
) -> Result<Vec<u8>> {
    let (nonce, sealed) = key.seal_value(column.purpose(), &column.context(row_key), plain)?;
    let mut out = Vec::with_capacity(MAGIC.len() + NONCE_LEN + sealed.len());
    out.extend_from_slice(MAGIC.as_bytes());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// The plain bytes of a value read from a binary column: opened if sealed,
/// as stored if written before sealing. An error if it is sealed and does not
/// open (altered, or moved from another row or column).
pub(crate) fn open_bytes(
    key: &DataKey,
    column: SealedColumn,
    row_key: &str,
    stored: Vec<u8>,
) -> Result<Vec<u8>> {
    match stored.strip_prefix(MAGIC.as_bytes()) {
        Some(envelope) => open(key, column, row_key, envelope),
        None => Ok(stored),
    }
}

/// `plain` sealed for `column` of the row whose key is `row_key`, for a text column.
pub(crate) fn seal_text(
    key: &DataKey,
    column: SealedColumn,
    row_key: &str,
    plain: &str,
) -> Result<String> {
    let (nonce, sealed) =
        key.seal_value(column.purpose(), &column.context(row_key), plain.as_bytes())?;
    let mut out = String::with_capacity(MAGIC.len() + 2 * (NONCE_LEN + sealed.len()));
    out.push_str(MAGIC);
    out.push_str(&hex::encode(&nonce));
    out.push_str(&hex::encode(&sealed));
    Ok(out)
}

/// The plain text of a value read from a text column: opened if sealed, as
/// stored if written before sealing. An error if it is sealed and does not open.
pub(crate) fn open_text(
    key: &DataKey,
    column: SealedColumn,
    row_key: &str,
    stored: String,
) -> Result<String> {
    let Some(envelope) = stored.strip_prefix(MAGIC) else {
        return Ok(stored);
    };
    let bytes = hex::decode(envelope).ok_or_else(|| damaged(column))?;
    String::from_utf8(open(key, column, row_key, &bytes)?).map_err(|_| damaged(column))
}

/// A value read as stored from `column`, sealed if it is still a plain value
/// written before sealing (text or bytes, as the column holds), and as it was
/// if it is already sealed or NULL: for a school file's rows moving onto a
/// server, where nothing may stay readable in a dump.
pub(crate) fn sealed_as_stored(
    key: &DataKey,
    column: SealedColumn,
    row_key: &str,
    stored: Value,
) -> Result<Value> {
    Ok(match stored {
        Value::Blob(bytes) if !bytes.starts_with(MAGIC.as_bytes()) => {
            Value::Blob(seal_bytes(key, column, row_key, &bytes)?)
        }
        Value::Text(text) if !text.starts_with(MAGIC) => {
            Value::Text(seal_text(key, column, row_key, &text)?)
        }
        other => other,
    })
}

/// The size of the plain value of a binary column, from what is stored: its
/// first bytes (at least [`MAGIC`]'s length of them, when it is that long) and
/// its length. For listing files without opening each one.
pub(crate) fn plain_len(head: &[u8], stored_len: usize) -> usize {
    if head.starts_with(MAGIC.as_bytes()) {
        stored_len.saturating_sub(OVERHEAD)
    } else {
        stored_len
    }
}

/// How many leading bytes [`plain_len`] needs to see.
pub(crate) const HEAD_LEN: usize = MAGIC.len();

fn open(key: &DataKey, column: SealedColumn, row_key: &str, envelope: &[u8]) -> Result<Vec<u8>> {
    if envelope.len() < NONCE_LEN + TAG_LEN {
        return Err(damaged(column));
    }
    let (nonce, sealed) = envelope.split_at(NONCE_LEN);
    key.open_value(column.purpose(), &column.context(row_key), nonce, sealed)
        .ok_or_else(|| damaged(column))
}

fn damaged(column: SealedColumn) -> Error {
    Error::Database {
        message: format!(
            "{} could not be opened: it was changed after it was stored, or belongs to another record",
            column.what()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

    #[test]
    fn bytes_open_only_in_their_own_column_and_row() {
        let key = DataKey::random().unwrap();
        let sealed = seal_bytes(&key, SealedColumn::Scan, "row-1", PNG).unwrap();
        assert!(!sealed.windows(PNG.len()).any(|w| w == PNG));
        assert_eq!(sealed.len(), PNG.len() + OVERHEAD);
        assert_eq!(
            open_bytes(&key, SealedColumn::Scan, "row-1", sealed.clone()).unwrap(),
            PNG
        );
        assert!(open_bytes(&key, SealedColumn::Scan, "row-2", sealed.clone()).is_err());
        assert!(
            open_bytes(
                &key,
                SealedColumn::IncidentAttachment,
                "row-1",
                sealed.clone()
            )
            .is_err()
        );
        let other = DataKey::random().unwrap();
        assert!(open_bytes(&other, SealedColumn::Scan, "row-1", sealed.clone()).is_err());
        let mut altered = sealed;
        *altered.last_mut().unwrap() ^= 1;
        assert!(open_bytes(&key, SealedColumn::Scan, "row-1", altered).is_err());
    }

    #[test]
    fn plain_values_written_before_sealing_read_as_they_are() {
        let key = DataKey::random().unwrap();
        assert_eq!(
            open_bytes(&key, SealedColumn::SignatureImage, "s", PNG.to_vec()).unwrap(),
            PNG
        );
        assert_eq!(
            open_text(
                &key,
                SealedColumn::SignatureStrokes,
                "s",
                "[[[1.0,2.0]]]".into()
            )
            .unwrap(),
            "[[[1.0,2.0]]]"
        );
        assert_eq!(plain_len(&PNG[..HEAD_LEN], PNG.len()), PNG.len());
        assert_eq!(plain_len(b"%PDF", 4), 4);
    }

    #[test]
    fn text_round_trips_and_a_truncated_or_foreign_value_is_an_error() {
        let key = DataKey::random().unwrap();
        let words = "Ysgrifennodd Siân neges gas — a pupil wrote an unkind message";
        let sealed = seal_text(&key, SealedColumn::IncidentDescription, "i-1", words).unwrap();
        assert!(sealed.starts_with(MAGIC) && !sealed.contains("unkind"));
        assert_eq!(
            open_text(
                &key,
                SealedColumn::IncidentDescription,
                "i-1",
                sealed.clone()
            )
            .unwrap(),
            words
        );
        assert!(
            open_text(
                &key,
                SealedColumn::IncidentDescription,
                "i-2",
                sealed.clone()
            )
            .is_err()
        );
        let truncated = sealed[..sealed.len() - 2].to_owned();
        assert!(open_text(&key, SealedColumn::IncidentDescription, "i-1", truncated).is_err());
        let typed = format!("{MAGIC}not hex");
        assert!(open_text(&key, SealedColumn::IncidentDescription, "i-1", typed).is_err());
        assert!(open_bytes(&key, SealedColumn::Scan, "r", MAGIC.as_bytes().to_vec()).is_err());
    }

    #[test]
    fn the_size_of_a_sealed_value_is_its_plain_size() {
        let key = DataKey::random().unwrap();
        let sealed = seal_bytes(&key, SealedColumn::IncidentAttachment, "a", PNG).unwrap();
        assert_eq!(plain_len(&sealed[..HEAD_LEN], sealed.len()), PNG.len());
    }
}
