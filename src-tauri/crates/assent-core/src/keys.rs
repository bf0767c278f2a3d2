//! The key file that sits beside the database (`<database>.keys`).
//!
//! The database is encrypted by SQLCipher with a random 256-bit data key. The
//! key file holds that data key once per staff user, each copy sealed
//! (ChaCha20-Poly1305) under a key derived from that user's password with
//! Argon2id. Any authorised user can therefore open the database, a password
//! change re-seals one copy without re-encrypting anything, and removing a
//! user removes their copy. The file holds no personal data beyond usernames;
//! roles and everything else live inside the encrypted database, so editing
//! this file cannot grant anyone more than they already had.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};

use crate::{Error, Result, hex};

const FORMAT: &str = "assent-keys";
const FORMAT_VERSION: u32 = 1;

// OWASP's recommended Argon2id settings: 19 MiB, two passes, one lane.
const M_COST_KIB: u32 = 19 * 1024;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

/// Failed attempts for one username before each further attempt is delayed.
const FREE_ATTEMPTS: u32 = 3;
/// How many usernames' failure counts are kept at most.
const MAX_TRACKED: usize = 200;
/// The longest delay before a password is checked, however many attempts failed.
const MAX_DELAY: Duration = Duration::from_secs(30);

/// The key that encrypts the database. Never written anywhere unsealed.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct DataKey([u8; 32]);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(..)")
    }
}

impl DataKey {
    pub(crate) fn random() -> Result<DataKey> {
        let mut bytes = [0u8; 32];
        random_bytes(&mut bytes)?;
        Ok(DataKey(bytes))
    }

    /// Seals a value kept inside the database (the initial passwords of an
    /// export waiting to be uploaded, the sealed columns of `crate::sealed`),
    /// under a key derived from this one for `purpose`, bound to `context` so
    /// a sealed value cannot be moved to another row. Returns the nonce and
    /// the sealed bytes.
    pub(crate) fn seal_value(
        &self,
        purpose: &str,
        context: &str,
        plain: &[u8],
    ) -> Result<([u8; 12], Vec<u8>)> {
        let mut nonce = [0u8; 12];
        random_bytes(&mut nonce)?;
        let sealed = self
            .value_cipher(purpose)
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: context.as_bytes(),
                },
            )
            .map_err(|_| Error::Database {
                message: "could not seal a stored secret".to_owned(),
            })?;
        Ok((nonce, sealed))
    }

    /// Opens what [`DataKey::seal_value`] sealed; `None` if it was altered or
    /// belongs to another purpose or row.
    pub(crate) fn open_value(
        &self,
        purpose: &str,
        context: &str,
        nonce: &[u8],
        sealed: &[u8],
    ) -> Option<Vec<u8>> {
        if nonce.len() != 12 {
            return None;
        }
        self.value_cipher(purpose)
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: context.as_bytes(),
                },
            )
            .ok()
    }

    /// A separate key per purpose, so the database key itself never encrypts
    /// anything but the database.
    fn value_cipher(&self, purpose: &str) -> ChaCha20Poly1305 {
        use sha2::{Digest, Sha256};
        let mut hash = Sha256::new();
        hash.update(b"assent value key\0");
        hash.update(purpose.as_bytes());
        hash.update(b"\0");
        hash.update(self.0);
        ChaCha20Poly1305::new(&hash.finalize())
    }

    /// The `PRAGMA key` statement for SQLCipher's raw-key form, which skips
    /// SQLCipher's own slow key derivation (Argon2id has already been paid for).
    pub(crate) fn pragma(&self) -> String {
        format!("PRAGMA key = \"x'{}'\";", hex::encode(&self.0))
    }
}

/// One user's sealed copy of the data key.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Seal {
    user_id: String,
    username: String,
    salt: String,
    m_cost: u32,
    t_cost: u32,
    p_cost: u32,
    nonce: String,
    sealed: String,
}

/// The key file as stored (JSON).
#[derive(Debug, Serialize, Deserialize)]
struct KeyFile {
    format: String,
    version: u32,
    school_id: String,
    users: Vec<Seal>,
    /// Consecutive failed sign-ins per username, kept here so that restarting
    /// the program does not reset the slow-down.
    #[serde(default)]
    failures: BTreeMap<String, u32>,
}

/// Where the key file for `db` lives.
pub fn key_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".keys");
    PathBuf::from(p)
}

/// Writes a new key file for a new database with its first user.
pub(crate) fn create(
    db: &Path,
    school_id: &str,
    user_id: &str,
    username: &str,
    password: &str,
) -> Result<DataKey> {
    let key = DataKey::random()?;
    let file = KeyFile {
        format: FORMAT.to_owned(),
        version: FORMAT_VERSION,
        school_id: school_id.to_owned(),
        users: vec![seal(&key, school_id, user_id, username, password)?],
        failures: BTreeMap::new(),
    };
    write(db, &file)?;
    Ok(key)
}

/// The school id recorded in the key file, to check a database and its keys belong together.
pub(crate) fn school_id(db: &Path) -> Result<String> {
    Ok(read(db)?.school_id)
}

/// Opens the data key with a user's password: returns the key and the user's id.
///
/// A wrong password and an unknown username give the same error, and every
/// failure makes the next attempt for that username wait longer.
pub(crate) fn unlock(db: &Path, username: &str, password: &str) -> Result<(DataKey, String)> {
    let username = username.trim().to_lowercase();
    let mut file = read(db)?;
    let failures = file.failures.get(&username).copied().unwrap_or(0);
    std::thread::sleep(delay_after(failures));
    let opened = if let Some(s) = file.users.iter().find(|s| s.username == username) {
        open_seal(s, &file.school_id, password).map(|k| (k, s.user_id.clone()))
    } else {
        // The same work as a real attempt, so the time taken does not tell
        // anyone which usernames exist.
        let _ = derive(password, &[0u8; 16], M_COST_KIB, T_COST, P_COST);
        None
    };
    if let Some(found) = opened {
        if failures > 0 {
            file.failures.remove(&username);
            write(db, &file)?;
        }
        return Ok(found);
    }
    file.failures.insert(username, failures.saturating_add(1));
    // Names that are nobody's are counted too (so the delay does not reveal
    // which names exist), but only so many are kept.
    if file.failures.len() > MAX_TRACKED {
        let known: Vec<String> = file.users.iter().map(|s| s.username.clone()).collect();
        let mut unknown: Vec<(String, u32)> = file
            .failures
            .iter()
            .filter(|(name, _)| !known.contains(name))
            .map(|(name, n)| (name.clone(), *n))
            .collect();
        unknown.sort_by_key(|(_, n)| *n);
        let excess = file.failures.len() - MAX_TRACKED;
        for (name, _) in unknown.iter().take(excess) {
            file.failures.remove(name);
        }
    }
    write(db, &file)?;
    Err(Error::SignInFailed)
}

/// How long to wait before checking a password after `failures` wrong ones in a row.
pub(crate) fn delay_after(failures: u32) -> Duration {
    if failures < FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS).min(5);
    Duration::from_secs(1 << doublings).min(MAX_DELAY)
}

/// Seals the data key for a user, replacing any copy they had.
pub(crate) fn put_user(
    db: &Path,
    key: &DataKey,
    user_id: &str,
    username: &str,
    password: &str,
) -> Result<()> {
    let mut file = read(db)?;
    let sealed = seal(key, &file.school_id, user_id, username, password)?;
    file.users.retain(|s| s.user_id != user_id);
    file.users.push(sealed);
    file.failures.remove(&username.to_lowercase());
    write(db, &file)
}

/// Removes a user's copy of the data key: they can no longer open the database.
pub(crate) fn remove_user(db: &Path, user_id: &str) -> Result<()> {
    let mut file = read(db)?;
    file.users.retain(|s| s.user_id != user_id);
    write(db, &file)
}

/// The key file's bytes, for a backup.
pub(crate) fn raw(db: &Path) -> Result<Vec<u8>> {
    let path = key_path(db);
    std::fs::read(&path).map_err(|e| Error::io(&path, &e))
}

/// Checks that `bytes` are a key file for `school_id` (used when restoring).
pub(crate) fn check_raw(bytes: &[u8]) -> Result<String> {
    let file: KeyFile = serde_json::from_slice(bytes).map_err(|_| Error::KeysDamaged {
        path: "the backup's key file".to_owned(),
    })?;
    Ok(file.school_id)
}

fn seal(
    key: &DataKey,
    school_id: &str,
    user_id: &str,
    username: &str,
    password: &str,
) -> Result<Seal> {
    let mut salt = [0u8; 16];
    random_bytes(&mut salt)?;
    let mut nonce = [0u8; 12];
    random_bytes(&mut nonce)?;
    let kek = derive(password, &salt, M_COST_KIB, T_COST, P_COST)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(&kek));
    let aad = aad(school_id, user_id);
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &key.0,
                aad: aad.as_bytes(),
            },
        )
        .map_err(|_| Error::Database {
            message: "could not seal the data key".to_owned(),
        })?;
    Ok(Seal {
        user_id: user_id.to_owned(),
        username: username.trim().to_lowercase(),
        salt: hex::encode(&salt),
        m_cost: M_COST_KIB,
        t_cost: T_COST,
        p_cost: P_COST,
        nonce: hex::encode(&nonce),
        sealed: hex::encode(&sealed),
    })
}

fn open_seal(seal: &Seal, school_id: &str, password: &str) -> Option<DataKey> {
    let salt = hex::decode(&seal.salt)?;
    let nonce = hex::decode(&seal.nonce)?;
    let sealed = hex::decode(&seal.sealed)?;
    if nonce.len() != 12 {
        return None;
    }
    let kek = derive(password, &salt, seal.m_cost, seal.t_cost, seal.p_cost).ok()?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(&kek));
    let aad = aad(school_id, &seal.user_id);
    let plain = cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: aad.as_bytes(),
            },
        )
        .ok()?;
    Some(DataKey(plain.try_into().ok()?))
}

/// Binds each sealed copy to its school and user, so copies cannot be swapped between them.
fn aad(school_id: &str, user_id: &str) -> String {
    format!("{FORMAT}:{school_id}:{user_id}")
}

fn derive(password: &str, salt: &[u8], m: u32, t: u32, p: u32) -> Result<[u8; 32]> {
    let params = Params::new(m, t, p, Some(32)).map_err(|_| Error::Database {
        message: "the key file's password settings are not valid".to_owned(),
    })?;
    let mut out = [0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(password.as_bytes(), salt, &mut out)
        .map_err(|_| Error::Database {
            message: "could not derive a key from the password".to_owned(),
        })?;
    Ok(out)
}

fn read(db: &Path) -> Result<KeyFile> {
    let path = key_path(db);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::KeysMissing {
                path: path.display().to_string(),
            });
        }
        Err(e) => return Err(Error::io(&path, &e)),
    };
    let file: KeyFile = serde_json::from_slice(&bytes).map_err(|_| Error::KeysDamaged {
        path: path.display().to_string(),
    })?;
    if file.format != FORMAT || file.version != FORMAT_VERSION {
        return Err(Error::KeysDamaged {
            path: path.display().to_string(),
        });
    }
    Ok(file)
}

/// Replaces the key file in one step: a crash leaves the old file or the new one, never half of either.
fn write(db: &Path, file: &KeyFile) -> Result<()> {
    let path = key_path(db);
    let json = serde_json::to_vec_pretty(file).map_err(|e| Error::Database {
        message: e.to_string(),
    })?;
    crate::files::write_atomically(&path, &json)
}

fn random_bytes(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::Database {
        message: format!("the operating system could not provide random bytes: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_then_stop_growing() {
        assert_eq!(delay_after(0), Duration::ZERO);
        assert_eq!(delay_after(2), Duration::ZERO);
        assert_eq!(delay_after(3), Duration::from_secs(1));
        assert_eq!(delay_after(4), Duration::from_secs(2));
        assert_eq!(delay_after(100), MAX_DELAY);
    }

    #[test]
    fn a_seal_opens_only_with_its_password_school_and_user() {
        let key = DataKey::random().unwrap();
        let s = seal(&key, "school-a", "user-1", "Head", "correct horse").unwrap();
        assert_eq!(s.username, "head");
        assert_eq!(open_seal(&s, "school-a", "correct horse"), Some(key));
        assert_eq!(open_seal(&s, "school-a", "wrong horse"), None);
        assert_eq!(open_seal(&s, "school-b", "correct horse"), None);
        let mut moved = s.clone();
        moved.user_id = "user-2".to_owned();
        assert_eq!(open_seal(&moved, "school-a", "correct horse"), None);
    }
}
