//! The values that cross between the domain code and either engine: what a
//! query is given ([`ToValue`]) and what a column is read as ([`FromValue`]).
//!
//! Both engines meet in one small set of kinds (null, integer, real, text,
//! bytes), which is SQLite's own. A PostgreSQL `BOOLEAN` reads as the integer
//! 0 or 1 and an integer parameter binds to a `BOOLEAN` column, so the 0/1
//! flags of the single-PC schema round-trip on both engines without the
//! domain code knowing which one it is talking to.

use super::error::Error;

/// A value bound to a query parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// A whole number; also a flag (0 or 1).
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text: identifiers, stored instants, names.
    Text(String),
    /// Bytes: signature images, scans, sealed keys.
    Blob(Vec<u8>),
}

/// A value read from a column, borrowed from the row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueRef<'a> {
    /// SQL `NULL`.
    Null,
    /// A whole number, or a flag read as 0 or 1.
    Integer(i64),
    /// A floating-point number.
    Real(f64),
    /// Text.
    Text(&'a str),
    /// Bytes.
    Blob(&'a [u8]),
}

impl ValueRef<'_> {
    /// The value, copied out of its row.
    pub fn to_owned_value(&self) -> Value {
        match *self {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Real(f),
            ValueRef::Text(s) => Value::Text(s.to_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ValueRef::Null => "null",
            ValueRef::Integer(_) => "an integer",
            ValueRef::Real(_) => "a real number",
            ValueRef::Text(_) => "text",
            ValueRef::Blob(_) => "bytes",
        }
    }
}

/// Something that can be bound to a query parameter.
pub trait ToValue {
    /// The value to bind.
    fn to_value(&self) -> Value;
}

/// Something a column can be read as.
pub trait FromValue: Sized {
    /// Reads `value` from column `column` (used in the error).
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error>;
}

fn mismatch(value: ValueRef<'_>, column: usize, wanted: &'static str) -> Error {
    Error::Conversion {
        column,
        problem: format!("expected {wanted}, found {}", value.kind()),
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        self.as_ref().map_or(Value::Null, ToValue::to_value)
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::Text(self.to_owned())
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value {
        Value::Blob(self.clone())
    }
}

impl<const N: usize> ToValue for [u8; N] {
    fn to_value(&self) -> Value {
        Value::Blob(self.to_vec())
    }
}

impl ToValue for bool {
    fn to_value(&self) -> Value {
        Value::Integer(i64::from(*self))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value {
        Value::Real(*self)
    }
}

macro_rules! integer_values {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value {
                Value::Integer(i64::from(*self))
            }
        }
        impl FromValue for $t {
            fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
                let ValueRef::Integer(i) = value else {
                    return Err(mismatch(value, column, "an integer"));
                };
                <$t>::try_from(i).map_err(|_| Error::Conversion {
                    column,
                    problem: format!("{i} is out of range for {}", stringify!($t)),
                })
            }
        }
    )*};
}

integer_values!(i64, i32, u32, u16, u8);

impl ToValue for usize {
    fn to_value(&self) -> Value {
        // No school holds more than i64::MAX of anything; saturate rather than wrap.
        Value::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToValue for u64 {
    fn to_value(&self) -> Value {
        Value::Integer(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl FromValue for usize {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        let i = i64::from_value(value, column)?;
        usize::try_from(i).map_err(|_| Error::Conversion {
            column,
            problem: format!("{i} is out of range for a count"),
        })
    }
}

impl FromValue for u64 {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        let i = i64::from_value(value, column)?;
        u64::try_from(i).map_err(|_| Error::Conversion {
            column,
            problem: format!("{i} is out of range for a count"),
        })
    }
}

impl FromValue for bool {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        match value {
            ValueRef::Integer(i) => Ok(i != 0),
            other => Err(mismatch(other, column, "a flag")),
        }
    }
}

impl FromValue for f64 {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        match value {
            ValueRef::Real(f) => Ok(f),
            // Both engines turn an average or a ratio of whole numbers into
            // either kind, depending on the values; both read as a number.
            #[allow(clippy::cast_precision_loss)]
            ValueRef::Integer(i) => Ok(i as f64),
            other => Err(mismatch(other, column, "a number")),
        }
    }
}

impl FromValue for String {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        match value {
            ValueRef::Text(s) => Ok(s.to_owned()),
            other => Err(mismatch(other, column, "text")),
        }
    }
}

impl FromValue for Vec<u8> {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        match value {
            ValueRef::Blob(b) => Ok(b.to_vec()),
            ValueRef::Text(s) => Ok(s.as_bytes().to_vec()),
            other => Err(mismatch(other, column, "bytes")),
        }
    }
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(value: ValueRef<'_>, column: usize) -> Result<Self, Error> {
        match value {
            ValueRef::Null => Ok(None),
            other => T::from_value(other, column).map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flag_reads_from_either_engines_form() {
        assert!(bool::from_value(ValueRef::Integer(1), 0).unwrap());
        assert!(!bool::from_value(ValueRef::Integer(0), 0).unwrap());
        assert!(bool::from_value(ValueRef::Text("1"), 0).is_err());
    }

    #[test]
    fn an_integer_out_of_range_is_refused_not_wrapped() {
        let err = u8::from_value(ValueRef::Integer(300), 3).unwrap_err();
        assert!(err.to_string().contains("column 3"), "{err}");
        assert!(u32::from_value(ValueRef::Integer(-1), 0).is_err());
    }

    #[test]
    fn null_reads_only_as_an_option() {
        assert_eq!(
            Option::<String>::from_value(ValueRef::Null, 0).unwrap(),
            None
        );
        assert!(String::from_value(ValueRef::Null, 0).is_err());
    }
}
