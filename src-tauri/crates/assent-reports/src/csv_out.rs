//! Registers as CSV, for a spreadsheet.
//!
//! The file starts with a UTF-8 byte-order mark, without which Excel reads it
//! in the Windows code page and garbles every accented name. A value that a
//! spreadsheet would take for a formula (starting with =, +, -, @) gets a
//! leading apostrophe, so a name can never run as a formula.

use crate::Error;

pub(crate) struct Csv {
    writer: csv::Writer<Vec<u8>>,
}

fn failed(e: &dyn std::fmt::Display) -> Error {
    Error::Csv {
        message: e.to_string(),
    }
}

/// The value as a spreadsheet should show it, never as a formula.
fn guard(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

impl Csv {
    pub(crate) fn new<S: AsRef<str>>(headers: &[S]) -> Result<Csv, Error> {
        let mut csv = Csv {
            writer: csv::Writer::from_writer("\u{FEFF}".as_bytes().to_vec()),
        };
        csv.row(headers)?;
        Ok(csv)
    }

    pub(crate) fn row<S: AsRef<str>>(&mut self, values: &[S]) -> Result<(), Error> {
        self.writer
            .write_record(values.iter().map(|v| guard(v.as_ref()).into_owned()))
            .map_err(|e| failed(&e))
    }

    pub(crate) fn finish(self) -> Result<Vec<u8>, Error> {
        self.writer.into_inner().map_err(|e| failed(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_excel_sees_utf8() {
        let mut csv = Csv::new(&["Name", "Note"]).unwrap();
        csv.row(&["=HYPERLINK(\"x\")", "Zoë"]).unwrap();
        csv.row(&["O'Brien, Seán", "-"]).unwrap();
        let text = String::from_utf8(csv.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "\u{FEFF}Name,Note\n\"'=HYPERLINK(\"\"x\"\")\",Zoë\n\"O'Brien, Seán\",'-\n"
        );
    }
}
