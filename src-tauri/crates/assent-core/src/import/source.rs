//! Reading a CSV or TSV export from the school's MIS into a table of text.
//!
//! Files reach Assent after being opened and re-saved in Excel, emailed,
//! and copied between machines, so this is deliberately forgiving about the
//! things that do not change meaning (a byte order mark, Windows-1252 instead
//! of UTF-8, blank rows, trailing empty cells) and strict about the things
//! that do: a row with more values than there are columns, or a quote that
//! never closes, is refused with the line it is on, because reading on would
//! put values in the wrong columns or silently swallow pupils.
//!
//! Quoting is left to the `csv` crate; this module only decides how to feed
//! it and checks what comes out. Values are returned exactly as read: trimming
//! and checking them is the job of [`crate::values`] and the importer.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use crate::Error;

/// The largest file the importer reads. A whole-school export is a few
/// hundred kilobytes; anything this big is the wrong file.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Binary signatures and NUL bytes are looked for in this much of the start of a file.
const SNIFF_BYTES: usize = 8 * 1024;

/// The text encodings MIS exports come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// Windows-1252, what Excel and older systems on UK Windows call "ANSI".
    /// ISO-8859-1 (Latin-1) files are read as this too, as browsers do: the two
    /// differ only in characters Latin-1 leaves as invisible control codes.
    Windows1252,
}

impl Encoding {
    /// Reads an encoding's name as a user or a setting might give it:
    /// "utf-8", "utf8", "windows-1252", "cp1252", "latin1", "iso-8859-1", in any case.
    pub fn from_name(s: &str) -> Option<Encoding> {
        match s.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1252" | "windows1252" | "cp1252" | "cp-1252" | "latin1" | "latin-1"
            | "iso-8859-1" | "iso8859-1" => Some(Encoding::Windows1252),
            _ => None,
        }
    }

    /// The encoding's usual name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A file read as a table of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The column headers, as written in the file but without surrounding white space.
    pub headers: Vec<String>,
    /// The data rows, in file order, blank rows left out.
    pub rows: Vec<Row>,
    /// The encoding the file was read in (given, or detected).
    pub encoding: Encoding,
    /// The column separator found in the header row: `b','` or `b'\t'`.
    pub separator: u8,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line of the file on which the row starts. Later rows keep
    /// their true line even when an earlier value spans several lines.
    pub line: u64,
    /// One value per header, exactly as read (not trimmed); missing values at
    /// the end of a short row are empty strings.
    pub cells: Vec<String>,
}

/// Reads a whole file. `encoding` is detected when not given: UTF-8 if the
/// bytes are valid UTF-8, otherwise Windows-1252.
pub fn read_table(bytes: &[u8], encoding: Option<Encoding>) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("the file is empty".to_owned());
    }
    refuse_binary(bytes)?;
    let (text, encoding) = decode(bytes, encoding)?;
    let breaks = line_breaks(text.as_bytes());
    if let Some(at) = text.find('\0') {
        return Err(format!(
            "line {} contains a NUL character, which a CSV file never has; the file may be damaged, so export it again",
            line_at(&breaks, at)
        ));
    }
    let separator = sniff_separator(&text)?;
    if let Some(line) = unclosed_quote(text.as_bytes(), separator, &breaks) {
        return Err(format!(
            "the double quote (\") that starts a value on line {line} is never closed, so everything after it would be read as one value; check the quotes on that line"
        ));
    }
    let (headers, rows) = split_rows(&text, separator, &breaks)?;
    Ok(Table {
        headers,
        rows,
        encoding,
        separator,
    })
}

/// Reads a file from disk; see [`read_table`]. Files over [`MAX_FILE_BYTES`]
/// are refused before they are read.
pub fn read_table_file(path: &Path, encoding: Option<Encoding>) -> Result<Table, Error> {
    let rejected = |reason: String| Error::FileRejected {
        path: path.display().to_string(),
        reason,
    };
    // Checked before opening: Windows refuses to open a folder as a file
    // with "access denied", which would send the user looking for a
    // permission problem that is not there.
    if path.is_dir() {
        return Err(rejected("this is a folder, not a file".to_owned()));
    }
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let metadata = file.metadata().map_err(|e| Error::io(path, &e))?;
    if metadata.is_dir() {
        return Err(rejected("this is a folder, not a file".to_owned()));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(rejected(too_big(metadata.len())));
    }
    // The file may grow between the size check and the read; never read more than the limit.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    let len = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if len > MAX_FILE_BYTES {
        return Err(rejected(too_big(len)));
    }
    read_table(&bytes, encoding).map_err(rejected)
}

fn too_big(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    format!(
        "the file is {} MB, and Assent reads files of up to {} MB; check that this is the export you meant",
        bytes.div_ceil(MB),
        MAX_FILE_BYTES / MB
    )
}

/// Refuses files that are plainly not text, naming what they look like when
/// the start of the file says so.
fn refuse_binary(bytes: &[u8]) -> Result<(), String> {
    const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode Text" save: UTF-16, tab-separated.
        return Err(
            "this file is saved as UTF-16 (Excel calls it \"Unicode Text\"); save it from the MIS as CSV"
                .to_owned(),
        );
    }
    let looks_like = if bytes.starts_with(b"PK\x03\x04") {
        "an Excel XLSX spreadsheet or another zipped file"
    } else if bytes.starts_with(OLE2) {
        "an older Excel XLS spreadsheet or another Office file"
    } else if bytes.starts_with(b"%PDF-") {
        "a PDF"
    } else if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        "a spreadsheet or other binary file"
    } else {
        return Ok(());
    };
    Err(format!(
        "this is not a CSV file (it looks like {looks_like}); save it from the MIS as CSV"
    ))
}

fn decode(bytes: &[u8], encoding: Option<Encoding>) -> Result<(Cow<'_, str>, Encoding), String> {
    let windows_1252 = || {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        (text, Encoding::Windows1252)
    };
    match encoding {
        Some(Encoding::Windows1252) => Ok(windows_1252()),
        Some(Encoding::Utf8) => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), Encoding::Utf8)),
            Err(e) => Err(format!(
                "line {} is not valid UTF-8; the file is probably in Windows-1252, so read it as that instead",
                line_at(&line_breaks(bytes), e.valid_up_to())
            )),
        },
        None => Ok(match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
            Err(_) => windows_1252(),
        }),
    }
}

/// Offsets of the bytes that end a physical line: `\n`, or a `\r` not
/// followed by `\n` (old Mac files), matching what the `csv` crate accepts.
fn line_breaks(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .map(|(i, _)| i)
        .collect()
}

/// The 1-based line holding byte `offset`.
fn line_at(breaks: &[usize], offset: usize) -> u64 {
    u64::try_from(breaks.partition_point(|&b| b < offset)).map_or(u64::MAX, |n| n + 1)
}

/// Comma or tab, whichever the header row has more of outside quotes; comma on a tie.
fn sniff_separator(text: &str) -> Result<u8, String> {
    let header = text.trim_start_matches(['\r', '\n', ' ']);
    let (mut commas, mut tabs, mut semicolons) = (0_usize, 0_usize, 0_usize);
    let mut quoted = false;
    for c in header.chars() {
        match c {
            // A doubled quote inside a quoted value toggles twice, so a plain toggle is enough to count.
            '"' => quoted = !quoted,
            '\r' | '\n' if !quoted => break,
            ',' if !quoted => commas += 1,
            '\t' if !quoted => tabs += 1,
            ';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if commas == 0 && tabs == 0 && semicolons > 0 {
        return Err(
            "the columns are separated by semicolons; save the file from the MIS as CSV with commas"
                .to_owned(),
        );
    }
    Ok(if tabs > commas { b'\t' } else { b',' })
}

/// The line of a quoted value that runs to the end of the file, if there is one.
///
/// The `csv` crate quietly ends such a value at the end of the file, which
/// would turn every later row into part of one cell and lose those people
/// without a word. This follows the same rules as the crate (a quote opens a
/// value only at its start; `""` inside is a literal quote) but only to find
/// where quoting is left open.
fn unclosed_quote(bytes: &[u8], separator: u8, breaks: &[usize]) -> Option<u64> {
    #[derive(Clone, Copy)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted(usize),
        QuoteInQuoted(usize),
    }
    let ends_field = |b: u8| b == separator || b == b'\n' || b == b'\r';
    let mut state = State::FieldStart;
    for (i, &b) in bytes.iter().enumerate() {
        state = match state {
            State::FieldStart if b == b'"' => State::Quoted(i),
            State::Quoted(start) if b == b'"' => State::QuoteInQuoted(start),
            State::QuoteInQuoted(start) if b == b'"' => State::Quoted(start),
            State::Quoted(start) => State::Quoted(start),
            _ if ends_field(b) => State::FieldStart,
            // After a closing quote, anything but a separator is kept literally, as the crate does.
            _ => State::Unquoted,
        };
    }
    match state {
        State::Quoted(start) => Some(line_at(breaks, start)),
        _ => None,
    }
}

fn split_rows(
    text: &str,
    separator: u8,
    breaks: &[usize],
) -> Result<(Vec<String>, Vec<Row>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = start_line(&record, bytes, breaks);
                return Err(format!("could not read line {line}: {e}"));
            }
        }
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let Some(header) = &headers else {
            headers = Some(record.iter().map(|h| h.trim().to_owned()).collect());
            continue;
        };
        let mut cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.len() > header.len() {
            // Excel pads some rows with separators; empty extras carry nothing.
            if cells[header.len()..].iter().any(|c| !c.trim().is_empty()) {
                let hint = if separator == b',' {
                    "; a value that contains a comma must be in double quotes"
                } else {
                    ""
                };
                return Err(format!(
                    "line {} has {} values but the header has {} columns{hint}",
                    start_line(&record, bytes, breaks),
                    cells.len(),
                    header.len()
                ));
            }
            cells.truncate(header.len());
        }
        cells.resize(header.len(), String::new());
        rows.push(Row {
            line: start_line(&record, bytes, breaks),
            cells,
        });
    }
    let headers =
        headers.ok_or_else(|| "the file has no header row, only empty rows".to_owned())?;
    Ok((headers, rows))
}

/// The line a record starts on. The crate records where it started reading,
/// which is before any empty lines it skipped; the record starts after them.
fn start_line(record: &csv::StringRecord, bytes: &[u8], breaks: &[usize]) -> u64 {
    let mut at = record
        .position()
        .and_then(|p| usize::try_from(p.byte()).ok())
        .unwrap_or(0);
    while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
        at += 1;
    }
    line_at(breaks, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADERS: [&str; 11] = [
        "UPN",
        "Legal Forename",
        "Legal Surname",
        "Preferred Forename",
        "Preferred Surname",
        "Date of Birth",
        "Gender",
        "Year Group",
        "Reg Group",
        "Admission Date",
        "MIS ID",
    ];

    macro_rules! fixture {
        ($name:literal) => {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../tests/fixtures/import/",
                $name
            )
        };
    }

    fn read_fixture(path: &str) -> Result<Table, Error> {
        read_table_file(Path::new(path), None)
    }

    fn rejection(path: &str) -> String {
        match read_fixture(path) {
            Err(Error::FileRejected { path: p, reason }) => {
                assert_eq!(p, Path::new(path).display().to_string());
                reason
            }
            other => panic!("expected a rejection, got {other:?}"),
        }
    }

    fn cell<'t>(table: &'t Table, row: usize, header: &str) -> &'t str {
        let col = table.headers.iter().position(|h| h == header).unwrap();
        &table.rows[row].cells[col]
    }

    fn lines(table: &Table) -> Vec<u64> {
        table.rows.iter().map(|r| r.line).collect()
    }

    // ---- Fixtures

    #[test]
    fn utf8_with_bom_crlf_and_awkward_values() {
        let table = read_fixture(fixture!("pupils-utf8-bom.csv")).unwrap();
        assert_eq!(table.headers, HEADERS);
        assert_eq!(table.encoding, Encoding::Utf8);
        assert_eq!(table.separator, b',');
        // Line 5 is the second half of a quoted value; lines 7 and 8 are blank.
        assert_eq!(lines(&table), [2, 3, 4, 6, 9, 10, 11]);
        assert!(table.rows.iter().all(|r| r.cells.len() == 11));
        assert_eq!(cell(&table, 0, "Legal Forename"), "Zoë");
        assert_eq!(cell(&table, 0, "Legal Surname"), "O'Brien");
        assert_eq!(cell(&table, 1, "Legal Forename"), "Thị Hương");
        assert_eq!(cell(&table, 1, "Legal Surname"), "Nguyễn");
        assert_eq!(cell(&table, 1, "Reg Group"), "4 Ash, Upper");
        assert_eq!(cell(&table, 2, "Legal Surname"), "Łukasiewicz");
        assert_eq!(cell(&table, 2, "Reg Group"), "2 Elm\r\n(annexe)");
        assert_eq!(cell(&table, 3, "Legal Surname"), "Ødegård");
        assert_eq!(cell(&table, 3, "Preferred Forename"), "");
        assert_eq!(cell(&table, 4, "Legal Forename"), "محمد");
        assert_eq!(cell(&table, 5, "Legal Forename"), "芳");
        assert_eq!(cell(&table, 5, "Legal Surname"), "王");
        assert_eq!(cell(&table, 6, "Preferred Forename"), "Jamie \"JJ\"");
        assert_eq!(cell(&table, 6, "MIS ID"), "1007");
    }

    #[test]
    fn fixture_upns_are_valid() {
        for path in [
            fixture!("pupils-utf8-bom.csv"),
            fixture!("pupils-windows-1252.csv"),
            fixture!("pupils-tab.tsv"),
        ] {
            let table = read_fixture(path).unwrap();
            assert!(!table.rows.is_empty());
            for row in 0..table.rows.len() {
                let upn = cell(&table, row, "UPN");
                assert!(crate::values::parse_upn(upn).is_ok(), "{path}: {upn}");
            }
        }
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        let table = read_fixture(fixture!("pupils-windows-1252.csv")).unwrap();
        assert_eq!(table.encoding, Encoding::Windows1252);
        assert_eq!(table.headers, HEADERS);
        assert_eq!(cell(&table, 0, "Legal Forename"), "Zoë");
        assert_eq!(cell(&table, 1, "Legal Forename"), "Chloé");
        assert_eq!(cell(&table, 2, "Legal Forename"), "Siobhán");
        // 0x92 is a curly apostrophe in Windows-1252, not a control code as in Latin-1.
        assert_eq!(cell(&table, 2, "Legal Surname"), "O\u{2019}Neill");
        let explicit = read_table_file(
            Path::new(fixture!("pupils-windows-1252.csv")),
            Some(Encoding::Windows1252),
        )
        .unwrap();
        assert_eq!(explicit, table);
    }

    #[test]
    fn windows_1252_read_as_utf8_names_the_line() {
        let bytes = std::fs::read(fixture!("pupils-windows-1252.csv")).unwrap();
        let err = read_table(&bytes, Some(Encoding::Utf8)).unwrap_err();
        assert!(err.starts_with("line 2 is not valid UTF-8"), "{err}");
        assert!(err.contains("Windows-1252"), "{err}");
    }

    #[test]
    fn tab_separated() {
        let table = read_fixture(fixture!("pupils-tab.tsv")).unwrap();
        assert_eq!(table.separator, b'\t');
        assert_eq!(table.headers, HEADERS);
        assert_eq!(lines(&table), [2, 3, 4]);
        // A comma is an ordinary character in a tab-separated file.
        assert_eq!(cell(&table, 1, "Reg Group"), "4 Ash, Upper");
        assert_eq!(cell(&table, 2, "Legal Surname"), "O'Connor");
    }

    #[test]
    fn empty_files_are_refused() {
        assert_eq!(rejection(fixture!("empty.csv")), "the file is empty");
        assert_eq!(rejection(fixture!("only-bom.csv")), "the file is empty");
        assert_eq!(
            read_table(b"\xEF\xBB\xBF \r\n\t\n", None).unwrap_err(),
            "the file is empty"
        );
        assert_eq!(
            read_table(b"", Some(Encoding::Utf8)).unwrap_err(),
            "the file is empty"
        );
    }

    #[test]
    fn spreadsheets_and_binary_files_are_refused() {
        let err = rejection(fixture!("not-csv.xlsx"));
        assert!(err.starts_with("this is not a CSV file"), "{err}");
        assert!(err.contains("XLSX"), "{err}");
        assert!(err.ends_with("save it from the MIS as CSV"), "{err}");
        assert_eq!(
            rejection(fixture!("binary.csv")),
            "this is not a CSV file (it looks like a spreadsheet or other binary file); save it from the MIS as CSV"
        );
        let err = read_table(b"%PDF-1.7\n%\xE2\xE3\n1 0 obj", None).unwrap_err();
        assert!(err.contains("a PDF"), "{err}");
        let err = read_table(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", None).unwrap_err();
        assert!(err.contains("XLS spreadsheet"), "{err}");
        let err = read_table(b"\xFF\xFEU\0P\0N\0", None).unwrap_err();
        assert!(err.contains("UTF-16"), "{err}");
    }

    #[test]
    fn a_nul_after_the_sniffed_start_is_still_refused() {
        let mut bytes = b"UPN,Name\n".to_vec();
        for _ in 0..1000 {
            bytes.extend_from_slice(b"X820200115001,Ann\n");
        }
        bytes.extend_from_slice(b"X820200115001,A\0n\n");
        assert!(bytes.len() > SNIFF_BYTES);
        let err = read_table(&bytes, None).unwrap_err();
        assert!(
            err.starts_with("line 1002 contains a NUL character"),
            "{err}"
        );
    }

    #[test]
    fn too_many_cells_names_the_line() {
        assert_eq!(
            rejection(fixture!("too-many-cells.csv")),
            "line 3 has 12 values but the header has 11 columns; a value that contains a comma must be in double quotes"
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.csv");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse, so the test costs nothing.
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        match read_table_file(&path, None) {
            Err(Error::FileRejected { reason, .. }) => {
                assert!(reason.starts_with("the file is 51 MB"), "{reason}");
                assert!(reason.contains("up to 50 MB"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
        file.set_len(MAX_FILE_BYTES).unwrap();
        // Exactly at the limit it is read (and, being all NULs, refused as binary).
        assert!(rejection(path.to_str().unwrap()).starts_with("this is not a CSV file"));
    }

    #[test]
    fn missing_files_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.csv");
        assert!(matches!(
            read_table_file(&missing, None),
            Err(Error::Io { .. })
        ));
        assert!(matches!(
            read_table_file(dir.path(), None),
            Err(Error::FileRejected { .. } | Error::Io { .. })
        ));
    }

    // ---- In memory

    #[test]
    fn a_header_without_rows_is_fine() {
        let table = read_table(b"UPN, Legal Forename ,Legal Surname\r\n", None).unwrap();
        assert_eq!(table.headers, ["UPN", "Legal Forename", "Legal Surname"]);
        assert!(table.rows.is_empty());
        let table = read_table(b"UPN", None).unwrap();
        assert_eq!(table.headers, ["UPN"]);
        assert_eq!(table.separator, b',');
    }

    #[test]
    fn short_rows_are_padded_and_empty_extras_dropped() {
        let table = read_table(b"A,B,C\n1\n1,2,3,,\n1,2,3, \t\n", None).unwrap();
        assert_eq!(table.rows[0].cells, ["1", "", ""]);
        assert_eq!(table.rows[1].cells, ["1", "2", "3"]);
        assert_eq!(table.rows[2].cells, ["1", "2", "3"]);
        let err = read_table(b"A\tB\n1\t2\t3\n", None).unwrap_err();
        assert_eq!(err, "line 2 has 3 values but the header has 2 columns");
    }

    #[test]
    fn values_are_kept_exactly_as_read() {
        let table = read_table(b"A,B\n  spaced  ,\"\"\n", None).unwrap();
        assert_eq!(table.rows[0].cells, ["  spaced  ", ""]);
    }

    #[test]
    fn line_numbers_survive_blank_lines_and_multi_line_values() {
        let text = "\n\nA,B\n\n\n1,\"two\nlines\"\r\n\r\n,\n3,4\r5,6\n\n";
        let table = read_table(text.as_bytes(), None).unwrap();
        assert_eq!(table.headers, ["A", "B"]);
        assert_eq!(lines(&table), [6, 10, 11]);
        assert_eq!(table.rows[0].cells, ["1", "two\nlines"]);
        assert_eq!(table.rows[2].cells, ["5", "6"]);
    }

    #[test]
    fn the_separator_is_sniffed_from_the_header_outside_quotes() {
        let table = read_table(b"\"Surname, legal\"\tForename\tDOB\nA, B\tC\tD\n", None).unwrap();
        assert_eq!(table.separator, b'\t');
        assert_eq!(table.headers, ["Surname, legal", "Forename", "DOB"]);
        assert_eq!(table.rows[0].cells, ["A, B", "C", "D"]);
        let table = read_table(b"A,B\tC,D\n1,2\t3,4\n", None).unwrap();
        assert_eq!(table.separator, b',');
        assert_eq!(table.headers, ["A", "B\tC", "D"]);
        // A tie goes to comma.
        assert_eq!(read_table(b"A,B\tC\n", None).unwrap().separator, b',');
    }

    #[test]
    fn semicolon_files_are_explained() {
        let err = read_table(b"UPN;Legal Forename\nX;Y\n", None).unwrap_err();
        assert!(err.contains("semicolons"), "{err}");
    }

    #[test]
    fn an_unclosed_quote_is_refused_rather_than_swallowing_rows() {
        let text = b"A,B\n1,2\n3,\"four\n5,6\n7,8\n";
        let err = read_table(text, None).unwrap_err();
        assert!(err.contains("on line 3 is never closed"), "{err}");
        // Quotes inside an unquoted value, or doubled inside a quoted one, are fine.
        let table = read_table(b"A,B\n5'10\" tall,\"say \"\"hi\"\"\"\n", None).unwrap();
        assert_eq!(table.rows[0].cells, ["5'10\" tall", "say \"hi\""]);
    }

    #[test]
    fn explicit_encoding_wins() {
        let table = read_table("A\nZoë\n".as_bytes(), Some(Encoding::Windows1252)).unwrap();
        assert_eq!(table.rows[0].cells, ["ZoÃ«"]);
        assert_eq!(table.encoding, Encoding::Windows1252);
        let table = read_table(b"\xEF\xBB\xBFA\nZo\xC3\xAB\n", Some(Encoding::Utf8)).unwrap();
        assert_eq!(table.headers, ["A"]);
        assert_eq!(table.rows[0].cells, ["Zoë"]);
        let err = read_table(b"A\nok\nZo\xEB\n", Some(Encoding::Utf8)).unwrap_err();
        assert!(err.starts_with("line 3 is not valid UTF-8"), "{err}");
    }

    #[test]
    fn only_empty_rows_means_no_header() {
        let err = read_table(b",,,\r\n , \r\n", None).unwrap_err();
        assert_eq!(err, "the file has no header row, only empty rows");
    }

    #[test]
    fn encoding_names() {
        for name in ["utf-8", "UTF8", " Utf-8 "] {
            assert_eq!(Encoding::from_name(name), Some(Encoding::Utf8), "{name}");
        }
        for name in ["windows-1252", "CP1252", "latin1", "ISO-8859-1"] {
            assert_eq!(
                Encoding::from_name(name),
                Some(Encoding::Windows1252),
                "{name}"
            );
        }
        assert_eq!(Encoding::from_name("utf-16"), None);
        assert_eq!(Encoding::from_name(""), None);
        assert_eq!(Encoding::Utf8.name(), "UTF-8");
        assert_eq!(Encoding::Windows1252.name(), "Windows-1252");
    }
}
