//! The PostgreSQL driver: a blocking connection (optionally over TLS), its
//! prepared statements, and values in and out of the server's types.

use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error as StdError;

use ::postgres::types::{FromSql, IsNull, ToSql, Type, to_sql_checked};
use bytes::BytesMut;

use super::error::{Error, Result};
use super::placeholders;
use super::value::{Value, ValueRef};

/// An open connection to a PostgreSQL database.
pub(crate) struct Pg {
    client: RefCell<::postgres::Client>,
    /// Every statement prepared on this connection, by its shared SQL: the
    /// core runs a fixed set of statements, so each is parsed once.
    statements: RefCell<HashMap<String, ::postgres::Statement>>,
}

impl Pg {
    /// Connects to `url` (`postgres://user@host/db`, or the key=value form).
    /// TLS is used as the URL's `sslmode` asks, verifying the server's
    /// certificate against the system's trusted roots.
    pub(crate) fn connect(url: &str) -> Result<Pg> {
        let tls = openssl::ssl::SslConnector::builder(openssl::ssl::SslMethod::tls())
            .map_err(|e| Error::Engine {
                message: format!("TLS could not be set up: {e}"),
            })?
            .build();
        let mut client =
            ::postgres::Client::connect(url, postgres_openssl::MakeTlsConnector::new(tls))?;
        // The server would compile the whole-school queries (the dashboard,
        // everyone's newest agreements) to machine code on every run, which
        // took longer than running them; the school's queries are short and
        // many, so they run as planned.
        client.batch_execute("SET jit = off")?;
        Ok(Pg {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
        })
    }

    pub(super) fn prepare(&self, sql: &str) -> Result<::postgres::Statement> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let statement = self
            .client
            .borrow_mut()
            .prepare(&placeholders::numbered(sql))?;
        self.statements
            .borrow_mut()
            .insert(sql.to_owned(), statement.clone());
        Ok(statement)
    }

    pub(super) fn query(
        &self,
        statement: &::postgres::Statement,
        values: &[Value],
    ) -> Result<Vec<::postgres::Row>> {
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        Ok(self.client.borrow_mut().query(statement, &params)?)
    }

    pub(super) fn execute(
        &self,
        statement: &::postgres::Statement,
        values: &[Value],
    ) -> Result<usize> {
        let params: Vec<&(dyn ToSql + Sync)> = values.iter().map(|v| v as _).collect();
        let changed = self.client.borrow_mut().execute(statement, &params)?;
        Ok(usize::try_from(changed).unwrap_or(usize::MAX))
    }

    pub(super) fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client.borrow_mut().batch_execute(sql)?)
    }

    pub(super) fn schema_version(&self) -> Result<u32> {
        let mut client = self.client.borrow_mut();
        // A database that has never been migrated has no such table; asked
        // first, so that no error aborts a transaction this runs in.
        let exists: bool = client
            .query_one(
                "SELECT to_regclass('assent_schema_version') IS NOT NULL",
                &[],
            )?
            .try_get(0)?;
        if !exists {
            return Ok(0);
        }
        let rows = client.query("SELECT version FROM assent_schema_version", &[])?;
        let Some(row) = rows.first() else {
            return Ok(0);
        };
        let version: i64 = row.try_get(0)?;
        u32::try_from(version).map_err(|_| Error::Conversion {
            column: 0,
            problem: format!("schema version {version} is out of range"),
        })
    }

    pub(super) fn set_schema_version(&self, version: usize) -> Result<()> {
        let version = i64::try_from(version).unwrap_or(i64::MAX);
        let mut client = self.client.borrow_mut();
        client.batch_execute(
            "CREATE TABLE IF NOT EXISTS assent_schema_version (
                 one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one),
                 version BIGINT NOT NULL
             )",
        )?;
        client.execute(
            "INSERT INTO assent_schema_version (one, version) VALUES (TRUE, $1)
             ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            &[&version],
        )?;
        Ok(())
    }

    pub(super) fn begin(&self) -> Result<()> {
        // Writers take one lock per database for the length of their
        // transaction, as SQLite's IMMEDIATE does for a file: a write
        // that reads first (the current status, the audit chain's head)
        // never works from a state another PC is changing, so no write
        // is lost and the chain never forks. Readers are not held up.
        self.batch(&format!("BEGIN; SELECT pg_advisory_xact_lock({WRITERS})"))
    }

    /// The writers' lock for this session, beyond one transaction. The same
    /// session takes it again at each BEGIN (advisory locks are re-entrant),
    /// so its own transactions go on while every other connection waits.
    pub(super) fn hold_writers(&self) -> Result<()> {
        self.batch(&format!("SELECT pg_advisory_lock({WRITERS})"))
    }

    pub(super) fn release_writers(&self) -> Result<()> {
        self.batch(&format!("SELECT pg_advisory_unlock({WRITERS})"))
    }
}

/// The advisory lock key every writer of a school's database takes.
const WRITERS: i64 = 7_216_381_903;

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Integer(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                // The single-PC schema's 0/1 flags are BOOLEAN on the server.
                Type::BOOL => (*i != 0).to_sql(ty, out),
                #[allow(clippy::cast_precision_loss)]
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::TEXT | Type::VARCHAR => i.to_string().to_sql(ty, out),
                _ => Err(cannot_bind("an integer", ty)),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => Err(cannot_bind("a real number", ty)),
            },
            Value::Text(s) => match *ty {
                Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                    s.as_str().to_sql(&Type::TEXT, out)
                }
                _ => Err(cannot_bind("text", ty)),
            },
            Value::Blob(b) => match *ty {
                Type::BYTEA => b.as_slice().to_sql(ty, out),
                _ => Err(cannot_bind("bytes", ty)),
            },
        }
    }

    fn accepts(_: &Type) -> bool {
        // Every value is converted to the type the server expects, in
        // `to_sql`, which says clearly when it cannot be.
        true
    }

    to_sql_checked!();
}

fn cannot_bind(what: &str, ty: &Type) -> Box<dyn StdError + Sync + Send> {
    format!("{what} cannot be given for a {ty} parameter").into()
}

/// Column `column` of `row`.
pub(super) fn value(row: &::postgres::Row, column: usize) -> Result<ValueRef<'_>> {
    let ty = row.columns()[column].type_().clone();
    let read = |e: ::postgres::Error| Error::Conversion {
        column,
        problem: e.to_string(),
    };
    let value = match ty {
        Type::BOOL => row
            .try_get::<_, Option<bool>>(column)
            .map_err(read)?
            .map(|b| ValueRef::Integer(i64::from(b))),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(column)
            .map_err(read)?
            .map(|i| ValueRef::Integer(i64::from(i))),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(column)
            .map_err(read)?
            .map(|i| ValueRef::Integer(i64::from(i))),
        Type::INT8 => row
            .try_get::<_, Option<i64>>(column)
            .map_err(read)?
            .map(ValueRef::Integer),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(column)
            .map_err(read)?
            .map(|f| ValueRef::Real(f64::from(f))),
        Type::FLOAT8 => row
            .try_get::<_, Option<f64>>(column)
            .map_err(read)?
            .map(ValueRef::Real),
        Type::NUMERIC => row
            .try_get::<_, Option<Numeric>>(column)
            .map_err(read)?
            .map(|n| n.0),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => row
            .try_get::<_, Option<&str>>(column)
            .map_err(read)?
            .map(ValueRef::Text),
        Type::BYTEA => row
            .try_get::<_, Option<&[u8]>>(column)
            .map_err(read)?
            .map(ValueRef::Blob),
        other => {
            return Err(Error::Conversion {
                column,
                problem: format!("a {other} column cannot be read"),
            });
        }
    };
    Ok(value.unwrap_or(ValueRef::Null))
}

/// A `NUMERIC` read as a whole number where it is one (a `sum` of `BIGINT`
/// is `NUMERIC` on the server), otherwise as a real number.
struct Numeric(ValueRef<'static>);

impl<'a> FromSql<'a> for Numeric {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, Box<dyn StdError + Sync + Send>> {
        // The binary form: digit count, weight (of the first digit, in
        // powers of 10,000), sign, display scale, then base-10,000 digits.
        let word = |i: usize| -> Result<u16, Box<dyn StdError + Sync + Send>> {
            raw.get(i * 2..i * 2 + 2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
                .ok_or_else(|| "a NUMERIC value is cut short".into())
        };
        let digits = usize::from(word(0)?);
        #[allow(clippy::cast_possible_wrap)]
        let weight = i32::from(word(1)? as i16);
        let sign = word(2)?;
        let scale = word(3)?;
        if sign == 0xC000 {
            return Err("a NUMERIC value is not a number".into());
        }
        let mut whole: Option<i64> = Some(0);
        let mut real = 0f64;
        for i in 0..digits {
            let digit = word(4 + i)?;
            let power = weight - i32::try_from(i)?;
            real += f64::from(digit) * 10_000f64.powi(power);
            whole = match (whole, u32::try_from(power)) {
                (Some(w), Ok(p)) => 10_000i64
                    .checked_pow(p)
                    .and_then(|m| m.checked_mul(i64::from(digit)))
                    .and_then(|d| w.checked_add(d)),
                _ if digit == 0 => whole,
                _ => None,
            };
        }
        let negative = sign == 0x4000;
        Ok(Numeric(match whole {
            Some(w) if scale == 0 => ValueRef::Integer(if negative { -w } else { w }),
            _ => ValueRef::Real(if negative { -real } else { real }),
        }))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::NUMERIC
    }
}

#[cfg(test)]
mod tests {
    use super::{FromSql, Numeric, Type, ValueRef};

    /// A NUMERIC in the server's binary form: digit count, weight, sign,
    /// display scale, then base-10,000 digits.
    fn numeric(weight: i16, sign: u16, scale: u16, digits: &[u16]) -> Vec<u8> {
        let mut out = Vec::new();
        for word in [
            u16::try_from(digits.len()).unwrap(),
            weight.cast_unsigned(),
            sign,
            scale,
        ]
        .into_iter()
        .chain(digits.iter().copied())
        {
            out.extend(word.to_be_bytes());
        }
        out
    }

    fn read(raw: &[u8]) -> ValueRef<'static> {
        Numeric::from_sql(&Type::NUMERIC, raw).unwrap().0
    }

    #[test]
    fn a_whole_numeric_reads_as_an_integer() {
        assert_eq!(
            read(&numeric(1, 0, 0, &[1, 2345])),
            ValueRef::Integer(12_345)
        );
        assert_eq!(read(&numeric(0, 0x4000, 0, &[7])), ValueRef::Integer(-7));
        assert_eq!(read(&numeric(0, 0, 0, &[])), ValueRef::Integer(0));
        // 20,000,000: one digit of weight 1 (10,000s) is 2,000, trailing zeros dropped.
        assert_eq!(
            read(&numeric(1, 0, 0, &[2000])),
            ValueRef::Integer(20_000_000)
        );
    }

    #[test]
    fn a_fraction_reads_as_a_real_number() {
        assert_eq!(read(&numeric(0, 0, 1, &[1, 5000])), ValueRef::Real(1.5));
    }

    #[test]
    fn not_a_number_and_a_cut_value_are_refused() {
        assert!(Numeric::from_sql(&Type::NUMERIC, &numeric(0, 0xC000, 0, &[])).is_err());
        assert!(Numeric::from_sql(&Type::NUMERIC, &[0, 1, 0]).is_err());
    }
}
