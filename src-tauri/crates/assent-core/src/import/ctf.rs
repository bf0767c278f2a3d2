//! Reading a Common Transfer File (CTF) into raw import records.
//!
//! A CTF is the XML file, specified by the Department for Education, that a
//! school receives when pupils join from another school. It is read into the
//! same [`RawPupil`] and [`RawContact`] records a CSV import produces, so one
//! set of validation rules applies to both; all that is checked here is that
//! the file is a readable, well-formed CTF.
//!
//! The XML is streamed rather than deserialised. A CTF carries far more than
//! Assent needs (attendance, assessments, SEN history, suppliers' own data)
//! and its schema grows every year, so anything not recognised is passed over
//! instead of being an error. Streaming also gives each record the line on
//! which its element starts, which is how problems are reported to the office.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_8};
use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::import::records::{Cell, RawContact, RawPupil};

/// The largest file [`read_ctf_file`] will read. A CTF for a whole primary
/// school is a few megabytes; anything this big is not one.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

const TOO_LARGE: &str = "the file is larger than 50 MB";
const EMPTY: &str = "the file is empty";
const NOT_XML: &str = "this is not an XML file, so not a Common Transfer File";

const ROOT: &str = "CTfile";
const PUPIL: &str = "CTfile/CTFpupilData/Pupil";
const CONTACT: &str = "Contacts/Contact";
const PHONE: &str = "Contacts/Contact/Phones/Phone";

/// What a Common Transfer File holds that Assent uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CtfFile {
    /// The school that sent the file: its name, or `LEA/Estab` when it has none.
    pub source_school: Option<String>,
    /// The school the file was addressed to, as `LEA/Estab`.
    pub destination: Option<String>,
    /// One record per `<Pupil>`, in file order.
    pub pupils: Vec<RawPupil>,
    /// One record per `<Contact>`, in file order, each carrying its pupil's UPN.
    pub contacts: Vec<RawContact>,
}

/// Reads a Common Transfer File from disk.
///
/// Files over [`MAX_FILE_BYTES`] are refused before any of them is read.
/// A file that is not a usable CTF is reported as
/// [`Error::FileRejected`](crate::Error::FileRejected) with the reason.
pub fn read_ctf_file(path: &Path) -> crate::Result<CtfFile> {
    let rejected = |reason: String| crate::Error::FileRejected {
        path: path.display().to_string(),
        reason,
    };
    let io = |err: std::io::Error| crate::Error::io(path, &err);

    // Windows refuses to open a folder as a file with "access denied".
    if path.is_dir() {
        return Err(rejected("this is a folder, not a file".to_owned()));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(rejected(TOO_LARGE.to_owned()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may grow between the size check and the read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(rejected(TOO_LARGE.to_owned()));
    }
    read_ctf(&bytes).map_err(rejected)
}

/// Reads a Common Transfer File from its bytes.
///
/// The error is a plain-English reason the file cannot be used, naming the
/// line where the XML goes wrong when it does.
pub fn read_ctf(bytes: &[u8]) -> Result<CtfFile, String> {
    let text = decode(bytes)?;
    Parser::new(&text).run()
}

/// Turns the file into text, honouring a byte-order mark or the encoding the
/// XML declaration names.
///
/// CTFs are meant to be UTF-8, but decoding any encoding that keeps ASCII
/// where ASCII is (as Windows-1252 does) costs nothing with `encoding_rs`, and
/// turning away a file only for being saved differently helps nobody.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    let (bom, body) = match Encoding::for_bom(bytes) {
        Some((encoding, len)) => (Some(encoding), &bytes[len..]),
        None => (None, bytes),
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(EMPTY.to_owned());
    }
    let encoding = if let Some(encoding) = bom {
        encoding
    } else {
        // Checked on the bytes so that a PDF or spreadsheet is called
        // "not XML" rather than "not UTF-8".
        if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'<') {
            return Err(NOT_XML.to_owned());
        }
        declared_encoding(body)?
    };
    let text = if encoding == UTF_8 {
        Cow::Borrowed(std::str::from_utf8(body).map_err(|err| {
            let line = 1 + line_breaks(body, 0, err.valid_up_to());
            format!(
                "the file is not valid UTF-8 text (the first bad character is on line {line}); \
                 export the Common Transfer File again as UTF-8"
            )
        })?)
    } else {
        encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or_else(|| {
                format!(
                    "the file is meant to be {} text but contains characters that are not; \
                     export the Common Transfer File again as UTF-8",
                    encoding.name()
                )
            })?
    };
    let start = text.trim_start();
    if start.is_empty() {
        return Err(EMPTY.to_owned());
    }
    if !start.starts_with('<') {
        return Err(NOT_XML.to_owned());
    }
    Ok(text)
}

/// The encoding named by the XML declaration; UTF-8 when there is none.
fn declared_encoding(body: &[u8]) -> Result<&'static Encoding, String> {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    let body = &body[start..];
    if !body.starts_with(b"<?xml") {
        return Ok(UTF_8);
    }
    // A broken declaration is left for the parser to report with its line.
    let Some(end) = body.windows(2).position(|w| w == b"?>") else {
        return Ok(UTF_8);
    };
    let Ok(prolog) = std::str::from_utf8(&body[..end + 2]) else {
        return Ok(UTF_8);
    };
    let Ok(Event::Decl(decl)) = Reader::from_str(prolog).read_event() else {
        return Ok(UTF_8);
    };
    let Some(Ok(label)) = decl.encoding() else {
        return Ok(UTF_8);
    };
    let label = String::from_utf8_lossy(&label).trim().to_owned();
    match Encoding::for_label(label.as_bytes()) {
        Some(encoding) if encoding.is_ascii_compatible() => Ok(encoding),
        _ => Err(format!(
            "the file says its text is in the \"{label}\" character encoding, which Assent \
             cannot read; export the Common Transfer File again as UTF-8"
        )),
    }
}

/// Line breaks in `text[from..to]`: `\n`, `\r\n` and a lone `\r`, as XML counts them.
fn line_breaks(text: &[u8], from: usize, to: usize) -> u64 {
    let mut count = 0;
    for i in from..to {
        match text[i] {
            b'\n' => count += 1,
            b'\r' if text.get(i + 1) != Some(&b'\n') => count += 1,
            _ => {}
        }
    }
    count
}

/// Turns byte offsets into 1-based line numbers.
///
/// Offsets are asked for in increasing order as the reader moves through the
/// file, so each call only counts the text since the one before.
struct Lines<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.as_bytes(),
            offset: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: u64) -> u64 {
        let offset = usize::try_from(offset).map_or(self.text.len(), |o| o.min(self.text.len()));
        if offset < self.offset {
            self.offset = 0;
            self.line = 1;
        }
        self.line += line_breaks(self.text, self.offset, offset);
        self.offset = offset;
        self.line
    }
}

/// An element that has been opened and not yet closed.
struct Open {
    /// Its name without any namespace prefix.
    name: String,
    line: u64,
}

#[derive(Default)]
struct Header {
    source_lea: Option<String>,
    source_estab: Option<String>,
    source_name: Option<String>,
    dest_lea: Option<String>,
    dest_estab: Option<String>,
}

/// A `<Pupil>` being read, with the contacts inside it: their UPN is only
/// certain once the whole pupil has been read.
struct PupilInProgress {
    raw: RawPupil,
    contacts: Vec<RawContact>,
    contact: Option<ContactInProgress>,
}

/// A `<Contact>` being read; the mobile is chosen once all its phones are known.
struct ContactInProgress {
    raw: RawContact,
    phones: Vec<Phone>,
    phone: Option<Phone>,
}

#[derive(Default)]
struct Phone {
    kind: Option<String>,
    number: Option<Cell>,
}

struct Parser<'a> {
    reader: Reader<&'a [u8]>,
    lines: Lines<'a>,
    open: Vec<Open>,
    /// Character data of the element most recently opened.
    text: String,
    seen_root: bool,
    header: Header,
    pupil: Option<PupilInProgress>,
    pupils: Vec<RawPupil>,
    contacts: Vec<RawContact>,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        Parser {
            reader: Reader::from_str(text),
            lines: Lines::new(text),
            open: Vec::new(),
            text: String::new(),
            seen_root: false,
            header: Header::default(),
            pupil: None,
            pupils: Vec::new(),
            contacts: Vec::new(),
        }
    }

    fn run(mut self) -> Result<CtfFile, String> {
        loop {
            // Taken before reading so that it is where the event's markup begins.
            let start = self.reader.buffer_position();
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => return Err(self.malformed(&err)),
            };
            match event {
                Event::Start(tag) => self.start(&tag, start, false)?,
                Event::Empty(tag) => self.start(&tag, start, true)?,
                Event::End(_) => self.close(),
                Event::Text(text) => {
                    // Stray text is reported where it begins, not where the
                    // white space before it does.
                    let blank = text.iter().take_while(|b| b.is_ascii_whitespace()).count();
                    let at = start + blank as u64;
                    let text = text.xml_content().map_err(|err| self.bad_at(start, &err))?;
                    self.add_text(&text, at)?;
                }
                Event::CData(data) => {
                    let text = data.xml_content().map_err(|err| self.bad_at(start, &err))?;
                    self.add_text(&text, start)?;
                }
                Event::GeneralRef(reference) => {
                    let text = self.resolve(&reference, start)?;
                    self.add_text(&text, start)?;
                }
                Event::Eof => break,
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
        if let Some(open) = self.open.last() {
            return Err(format!(
                "the file ends before <{}> (opened on line {}) is closed; it may have been cut short",
                open.name, open.line
            ));
        }
        if !self.seen_root {
            return Err(format!(
                "this XML file is not a Common Transfer File: it has no <{ROOT}> element"
            ));
        }
        Ok(self.finish())
    }

    fn start(&mut self, tag: &BytesStart<'_>, start: u64, empty: bool) -> Result<(), String> {
        let line = self.lines.at(start);
        if self.open.is_empty() {
            let name = String::from_utf8_lossy(tag.name().as_ref()).into_owned();
            self.open_root(&name, line)?;
        } else {
            self.open_element(local_name(tag.local_name().as_ref()), line);
        }
        if empty {
            self.close();
        }
        Ok(())
    }

    fn open_root(&mut self, name: &str, line: u64) -> Result<(), String> {
        if self.seen_root {
            return Err(format!(
                "the XML is malformed: on line {line}, <{name}> comes after the end of <{ROOT}>, \
                 but a file can hold only one top-level element"
            ));
        }
        if local_name(name.as_bytes()) != ROOT {
            return Err(format!(
                "this XML file is not a Common Transfer File: its root element is <{name}>, \
                 expected <{ROOT}>"
            ));
        }
        self.seen_root = true;
        self.open_element(ROOT.to_owned(), line);
        Ok(())
    }

    fn open_element(&mut self, name: String, line: u64) {
        self.text.clear();
        self.open.push(Open { name, line });
        let path = self.path();
        if path == PUPIL {
            self.pupil = Some(PupilInProgress {
                raw: RawPupil {
                    line,
                    ..RawPupil::default()
                },
                contacts: Vec::new(),
                contact: None,
            });
            return;
        }
        let Some(pupil) = self.pupil.as_mut() else {
            return;
        };
        match in_pupil(&path) {
            Some(CONTACT) => {
                pupil.contact = Some(ContactInProgress {
                    raw: RawContact {
                        line,
                        ..RawContact::default()
                    },
                    phones: Vec::new(),
                    phone: None,
                });
            }
            Some(PHONE) => {
                if let Some(contact) = pupil.contact.as_mut() {
                    contact.phone = Some(Phone::default());
                }
            }
            _ => {}
        }
    }

    fn close(&mut self) {
        let path = self.path();
        self.open.pop();
        let text = std::mem::take(&mut self.text);
        if path == PUPIL {
            self.finish_pupil();
        } else if let Some(column) = in_pupil(&path) {
            if let Some(pupil) = self.pupil.as_mut() {
                pupil_value(pupil, column, text);
            }
        } else if let Some(field) = path.strip_prefix("CTfile/Header/") {
            self.header_value(field, &text);
        }
    }

    fn header_value(&mut self, field: &str, text: &str) {
        let slot = match field {
            "SourceSchool/LEA" => &mut self.header.source_lea,
            "SourceSchool/Estab" => &mut self.header.source_estab,
            "SourceSchool/SchoolName" => &mut self.header.source_name,
            "DestSchool/LEA" => &mut self.header.dest_lea,
            "DestSchool/Estab" => &mut self.header.dest_estab,
            _ => return,
        };
        let text = text.trim();
        if slot.is_none() && !text.is_empty() {
            *slot = Some(text.to_owned());
        }
    }

    fn finish_pupil(&mut self) {
        let Some(pupil) = self.pupil.take() else {
            return;
        };
        for mut contact in pupil.contacts {
            contact.pupil_upn.clone_from(&pupil.raw.upn);
            self.contacts.push(contact);
        }
        self.pupils.push(pupil.raw);
    }

    fn add_text(&mut self, text: &str, start: u64) -> Result<(), String> {
        if self.open.is_empty() && !text.trim().is_empty() {
            let line = self.lines.at(start);
            return Err(if self.seen_root {
                format!(
                    "the XML is malformed: on line {line} there is text after the end of <{ROOT}>"
                )
            } else {
                NOT_XML.to_owned()
            });
        }
        self.text.push_str(text);
        Ok(())
    }

    /// The text an entity or character reference such as `&apos;` or `&#233;` stands for.
    fn resolve(&mut self, reference: &BytesRef<'_>, start: u64) -> Result<String, String> {
        let name = String::from_utf8_lossy(&reference[..]);
        let resolved = if reference.is_char_ref() {
            reference
                .resolve_char_ref()
                .ok()
                .flatten()
                .map(String::from)
        } else {
            resolve_predefined_entity(&name).map(str::to_owned)
        };
        resolved.ok_or_else(|| {
            let line = self.lines.at(start);
            format!(
                "the XML is malformed: on line {line}, &{name}; is not a character XML knows \
                 (only &amp; &lt; &gt; &apos; &quot; and numbered ones such as &#233; are)"
            )
        })
    }

    fn malformed(&mut self, err: &XmlError) -> String {
        let line = self.lines.at(self.reader.error_position());
        match err {
            XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
                let opened = self.open.last().map_or(line, |open| open.line);
                format!(
                    "the XML is malformed: on line {line}, </{found}> was found where \
                     </{expected}> was expected; <{expected}> on line {opened} is never closed"
                )
            }
            XmlError::IllFormed(IllFormedError::UnmatchedEndTag(found)) => format!(
                "the XML is malformed: on line {line}, </{found}> closes an element that was \
                 never opened"
            ),
            XmlError::Syntax(SyntaxError::UnclosedTag) => format!(
                "the XML is malformed: the tag that starts on line {line} is never finished \
                 with `>`; the file may have been cut short"
            ),
            other => format!("the XML is malformed on line {line}: {other}"),
        }
    }

    fn bad_at(&mut self, start: u64, err: &dyn std::fmt::Display) -> String {
        let line = self.lines.at(start);
        format!("the XML is malformed on line {line}: {err}")
    }

    /// The names of the open elements, outermost first, joined with `/`.
    fn path(&self) -> String {
        let mut path = String::new();
        for (i, open) in self.open.iter().enumerate() {
            if i > 0 {
                path.push('/');
            }
            path.push_str(&open.name);
        }
        path
    }

    fn finish(self) -> CtfFile {
        let Header {
            source_lea,
            source_estab,
            source_name,
            dest_lea,
            dest_estab,
        } = self.header;
        CtfFile {
            source_school: source_name.or_else(|| school(source_lea, source_estab)),
            destination: school(dest_lea, dest_estab),
            pupils: self.pupils,
            contacts: self.contacts,
        }
    }
}

/// The path of an element inside a `<Pupil>`, relative to it, e.g. `BasicDetails/MiddleNames`.
fn in_pupil(path: &str) -> Option<&str> {
    path.strip_prefix(PUPIL)?.strip_prefix('/')
}

/// Files away the text of a closed element inside a pupil, if it is one Assent uses.
fn pupil_value(pupil: &mut PupilInProgress, column: &str, text: String) {
    let raw = &mut pupil.raw;
    let slot = match column {
        "UPN" => &mut raw.upn,
        "Surname" => &mut raw.legal_surname,
        "Forename" => &mut raw.legal_forename,
        "DOB" => &mut raw.date_of_birth,
        // Newer CTFs say Sex where older ones say Gender.
        "Gender" | "Sex" => &mut raw.gender,
        "MiddleNames" | "BasicDetails/MiddleNames" => &mut raw.middle_names,
        "NCyearActual" | "BasicDetails/NCyearActual" => &mut raw.year_group,
        "BasicDetails/PreferredSurname" => &mut raw.preferred_surname,
        "BasicDetails/PreferredForename" => &mut raw.preferred_forename,
        CONTACT => {
            if let Some(contact) = pupil.contact.take() {
                pupil.contacts.push(finish_contact(contact));
            }
            return;
        }
        _ => {
            if let Some(contact) = pupil.contact.as_mut() {
                contact_value(contact, column, text);
            }
            return;
        }
    };
    fill(slot, column, text);
}

fn contact_value(contact: &mut ContactInProgress, column: &str, text: String) {
    let raw = &mut contact.raw;
    let slot = match column {
        "Contacts/Contact/Order" => &mut raw.priority,
        "Contacts/Contact/Surname" => &mut raw.surname,
        "Contacts/Contact/Forename" => &mut raw.forename,
        "Contacts/Contact/Relationship" => &mut raw.relationship,
        "Contacts/Contact/Responsibility" => &mut raw.parental_responsibility,
        "Contacts/Contact/Email" => &mut raw.email,
        PHONE => {
            if let Some(phone) = contact.phone.take() {
                contact.phones.push(phone);
            }
            return;
        }
        "Contacts/Contact/Phones/Phone/PhoneNo" => match contact.phone.as_mut() {
            Some(phone) => &mut phone.number,
            None => return,
        },
        "Contacts/Contact/Phones/Phone/TelephoneType" => {
            if let Some(phone) = contact.phone.as_mut() {
                phone.kind.get_or_insert(text);
            }
            return;
        }
        _ => return,
    };
    fill(slot, column, text);
}

/// The contact with its mobile chosen: the first phone marked `M`, else the
/// first phone, since an office would rather have some number than none.
fn finish_contact(mut contact: ContactInProgress) -> RawContact {
    let is_mobile = |phone: &&Phone| {
        phone
            .kind
            .as_deref()
            .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("M"))
    };
    let numbered = || contact.phones.iter().filter(|phone| phone.number.is_some());
    let chosen = numbered().find(is_mobile).or_else(|| numbered().next());
    contact.raw.mobile = chosen.and_then(|phone| phone.number.clone());
    contact.raw
}

/// Keeps the first occurrence: a repeated element is more likely a
/// supplier's quirk than a correction.
fn fill(slot: &mut Option<Cell>, column: &str, text: String) {
    if slot.is_none() {
        *slot = Some(Cell::new(column, text));
    }
}

fn school(lea: Option<String>, estab: Option<String>) -> Option<String> {
    Some(format!("{}/{}", lea?, estab?))
}

fn local_name(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_owned(),
        None => name.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path of a file in `tests/fixtures/ctf`.
    macro_rules! fixture {
        ($name:literal) => {
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../tests/fixtures/ctf/",
                $name
            )
        };
    }

    // The fixture UPNs are valid (check letter from weights 2..=13 over
    // characters 2-13, modulo 23), all LA 999, establishment 2001, year 25:
    //   W999200125001  Aoife O'Brien
    //   K999200125002  Hương Nguyễn
    //   Z999200125003  Zofia Łukasiewicz
    //   N999200125004  مريم حداد
    //   C999200125005  (malformed.xml)

    fn read(path: &str) -> CtfFile {
        read_ctf(&std::fs::read(path).unwrap()).unwrap()
    }

    fn cell(column: &str, value: &str) -> Cell {
        Cell::new(column, value)
    }

    fn contact_cell(field: &str, value: &str) -> Cell {
        cell(&format!("Contacts/Contact/{field}"), value)
    }

    /// `fields` are forename, surname, relationship, responsibility and order.
    fn contact(
        line: u64,
        upn: &str,
        fields: [&str; 5],
        email: Option<&str>,
        mobile: Option<&str>,
    ) -> RawContact {
        let [forename, surname, relationship, responsibility, order] = fields;
        RawContact {
            line,
            pupil_upn: Some(cell("UPN", upn)),
            pupil_mis_id: None,
            forename: Some(contact_cell("Forename", forename)),
            surname: Some(contact_cell("Surname", surname)),
            relationship: Some(contact_cell("Relationship", relationship)),
            parental_responsibility: Some(contact_cell("Responsibility", responsibility)),
            priority: Some(contact_cell("Order", order)),
            email: email.map(|email| contact_cell("Email", email)),
            mobile: mobile.map(|mobile| contact_cell("Phones/Phone/PhoneNo", mobile)),
        }
    }

    fn rejection(xml: &str) -> String {
        read_ctf(xml.as_bytes()).unwrap_err()
    }

    #[test]
    fn header_names_the_schools_and_unescapes() {
        let ctf = read(fixture!("transfer-in.xml"));
        assert_eq!(
            ctf.source_school.as_deref(),
            Some("Larkspur Lane Primary & Nursery School")
        );
        assert_eq!(ctf.destination.as_deref(), Some("999/3002"));
    }

    #[test]
    fn every_pupil_field_is_mapped_with_its_element_path() {
        let ctf = read(fixture!("transfer-in.xml"));
        let expected = vec![
            RawPupil {
                line: 23,
                upn: Some(cell("UPN", "W999200125001")),
                legal_forename: Some(cell("Forename", "Aoife")),
                legal_surname: Some(cell("Surname", "O'Brien")),
                middle_names: Some(cell("BasicDetails/MiddleNames", "Siobhán")),
                date_of_birth: Some(cell("DOB", "2019-11-02")),
                gender: Some(cell("Gender", "F")),
                year_group: Some(cell("BasicDetails/NCyearActual", "R")),
                ..RawPupil::default()
            },
            RawPupil {
                line: 108,
                upn: Some(cell("UPN", "K999200125002")),
                legal_forename: Some(cell("Forename", "Hương")),
                legal_surname: Some(cell("Surname", "Nguyễn")),
                middle_names: Some(cell("BasicDetails/MiddleNames", "Thị")),
                date_of_birth: Some(cell("DOB", "2016-05-20")),
                gender: Some(cell("Gender", "F")),
                year_group: Some(cell("BasicDetails/NCyearActual", "3")),
                ..RawPupil::default()
            },
            RawPupil {
                line: 157,
                upn: Some(cell("UPN", "Z999200125003")),
                legal_forename: Some(cell("Forename", "Zofia")),
                legal_surname: Some(cell("Surname", "Łukasiewicz")),
                preferred_forename: Some(cell("BasicDetails/PreferredForename", "Zosia")),
                preferred_surname: Some(cell(
                    "BasicDetails/PreferredSurname",
                    "Łukasiewicz-Adeyemi",
                )),
                middle_names: Some(cell("BasicDetails/MiddleNames", "Ireti Maria")),
                date_of_birth: Some(cell("DOB", "2013-10-09")),
                gender: Some(cell("Gender", "F")),
                year_group: Some(cell("BasicDetails/NCyearActual", "6")),
                ..RawPupil::default()
            },
            // Middle names and year directly under <Pupil>, and <Sex> for <Gender>.
            RawPupil {
                line: 232,
                upn: Some(cell("UPN", "N999200125004")),
                legal_forename: Some(cell("Forename", "مريم")),
                legal_surname: Some(cell("Surname", "حداد")),
                middle_names: Some(cell("MiddleNames", "نور")),
                date_of_birth: Some(cell("DOB", "2018-12-01")),
                gender: Some(cell("Sex", "F")),
                year_group: Some(cell("NCyearActual", "1")),
                ..RawPupil::default()
            },
        ];
        assert_eq!(ctf.pupils, expected);
    }

    #[test]
    fn every_contact_is_mapped_and_linked_to_its_pupil() {
        let ctf = read(fixture!("transfer-in.xml"));
        let aoife = "W999200125001";
        let huong = "K999200125002";
        let zofia = "Z999200125003";
        let maryam = "N999200125004";
        let expected = vec![
            // Home phone first, then two mobiles: the first mobile wins.
            contact(
                52,
                aoife,
                ["Gráinne", "O'Brien", "PAM", "true", "1"],
                Some("grainne.obrien@example.org"),
                Some("07700 900101"),
            ),
            // No mobile, so the first phone; <Email/> is present but empty.
            contact(
                79,
                aoife,
                ["Declan", "O'Brien", "PAF", "true", "2"],
                Some(""),
                Some("01632 960555"),
            ),
            contact(
                132,
                huong,
                ["Mai", "Trần", "PAM", "true", "1"],
                Some("mai.tran@example.org"),
                Some("07700 900202"),
            ),
            // &#233; is a character reference; there are no phones at all.
            contact(
                147,
                huong,
                ["Chloé", "Nguyễn", "CAR", "false", "2"],
                Some("chloe.nguyen@example.org"),
                None,
            ),
            // <PhoneNo> before <TelephoneType>.
            contact(
                179,
                zofia,
                ["Tomasz", "Łukasiewicz", "PAF", "true", "1"],
                Some("tomasz.l@example.org"),
                Some("07700 900303"),
            ),
            contact(
                193,
                zofia,
                ["Folasade", "Adeyemi", "PAM", "true", "2"],
                Some("folasade.adeyemi@example.org"),
                Some("07700 900304"),
            ),
            // The decoy <Contact> under <Custom> is not one.
            contact(
                207,
                zofia,
                ["Halina", "Nowak", "OTH", "false", "3"],
                None,
                Some("01632 960333"),
            ),
            contact(
                241,
                maryam,
                ["ليلى", "حداد", "PAM", "true", "1"],
                Some("layla.haddad@example.org"),
                Some("07700 900404"),
            ),
            contact(
                255,
                maryam,
                ["芳", "王", "CAR", "false", "2"],
                None,
                Some("07700 900405"),
            ),
        ];
        assert_eq!(ctf.contacts, expected);
    }

    #[test]
    fn reading_from_disk_gives_the_same_as_reading_bytes() {
        let path = Path::new(fixture!("transfer-in.xml"));
        assert_eq!(
            read_ctf_file(path).unwrap(),
            read(fixture!("transfer-in.xml"))
        );
    }

    #[test]
    fn a_ctf_without_pupil_data_is_empty_not_wrong() {
        let ctf = read(fixture!("no-pupils.xml"));
        assert_eq!(ctf.source_school.as_deref(), Some("999/2001"));
        assert_eq!(ctf.destination, None);
        assert!(ctf.pupils.is_empty());
        assert!(ctf.contacts.is_empty());

        let ctf = read_ctf(b"<CTfile/>").unwrap();
        assert_eq!(ctf, CtfFile::default());
    }

    fn rejected_file(path: &str) -> String {
        match read_ctf_file(Path::new(path)) {
            Err(crate::Error::FileRejected {
                path: named,
                reason,
            }) => {
                assert_eq!(named, path);
                reason
            }
            other => panic!("expected FileRejected, got {other:?}"),
        }
    }

    #[test]
    fn an_empty_file_is_rejected() {
        assert_eq!(rejected_file(fixture!("empty.xml")), "the file is empty");
        assert_eq!(rejection("\u{feff}  \n"), "the file is empty");
    }

    #[test]
    fn xml_that_is_not_a_ctf_is_rejected_naming_its_root() {
        assert_eq!(
            rejected_file(fixture!("not-ctf.xml")),
            "this XML file is not a Common Transfer File: its root element is <Workbook>, \
             expected <CTfile>"
        );
        assert_eq!(
            rejection("<?xml version=\"1.0\"?>\n<!-- nothing else -->\n"),
            "this XML file is not a Common Transfer File: it has no <CTfile> element"
        );
    }

    #[test]
    fn files_that_are_not_xml_are_rejected() {
        let not_xml = "this is not an XML file, so not a Common Transfer File";
        assert_eq!(rejection("UPN,Surname\nW999200125001,Smith\n"), not_xml);
        assert_eq!(
            read_ctf(b"%PDF-1.7\n\xE2\xE3\xCF\xD3\n").unwrap_err(),
            not_xml
        );
        assert_eq!(read_ctf(b"PK\x03\x04\x14\x00").unwrap_err(), not_xml);
        assert_eq!(rejection("<?xml version=\"1.0\"?>\nUPN,Surname\n"), not_xml);
    }

    #[test]
    fn malformed_xml_is_rejected_naming_the_lines() {
        assert_eq!(
            rejected_file(fixture!("malformed.xml")),
            "the XML is malformed: on line 17, </Pupil> was found where </Forename> was \
             expected; <Forename> on line 14 is never closed"
        );
    }

    #[test]
    fn a_cut_short_file_is_rejected() {
        let xml = "<CTfile>\n<CTFpupilData>\n<Pupil>\n<Contacts>\n<Contact>\n<Surname>Ali";
        assert_eq!(
            rejection(xml),
            "the file ends before <Surname> (opened on line 6) is closed; it may have been cut \
             short"
        );
        assert_eq!(
            rejection("<CTfile>\n<Header>\n<SourceSch"),
            "the XML is malformed: the tag that starts on line 3 is never finished with `>`; \
             the file may have been cut short"
        );
    }

    #[test]
    fn other_structural_faults_are_rejected() {
        assert_eq!(
            rejection("<CTfile>\n</Header>\n</CTfile>"),
            "the XML is malformed: on line 2, </Header> was found where </CTfile> was expected; \
             <CTfile> on line 1 is never closed"
        );
        assert_eq!(
            rejection("<CTfile/>\n</CTfile>"),
            "the XML is malformed: on line 2, </CTfile> closes an element that was never opened"
        );
        assert_eq!(
            rejection("<CTfile/>\n<CTfile/>"),
            "the XML is malformed: on line 2, <CTfile> comes after the end of <CTfile>, but a \
             file can hold only one top-level element"
        );
        assert_eq!(
            rejection("<CTfile/>\nleft over"),
            "the XML is malformed: on line 2 there is text after the end of <CTfile>"
        );
        assert_eq!(
            rejection("<CTfile>\n<Header>\n<SchoolName>A&nbsp;B</SchoolName>"),
            "the XML is malformed: on line 3, &nbsp; is not a character XML knows (only &amp; \
             &lt; &gt; &apos; &quot; and numbered ones such as &#233; are)"
        );
    }

    const ONE_PUPIL: &str = "<Pupil><UPN>W999200125001</UPN><Forename>Zoë</Forename></Pupil>";

    fn wrap(pupils: &str) -> String {
        format!("<CTfile><CTFpupilData>{pupils}</CTFpupilData></CTfile>")
    }

    #[test]
    fn entities_and_character_references_are_unescaped() {
        let xml = wrap(
            "<Pupil><Surname>O&apos;Brien &amp; &lt;Sons&gt; &quot;x&quot;</Surname>\
             <Forename>Zo&#xEB;&#233;</Forename><MiddleNames><![CDATA[A & B]]></MiddleNames>\
             </Pupil>",
        );
        let pupil = &read_ctf(xml.as_bytes()).unwrap().pupils[0];
        assert_eq!(
            pupil.legal_surname,
            Some(cell("Surname", "O'Brien & <Sons> \"x\""))
        );
        assert_eq!(pupil.legal_forename, Some(cell("Forename", "Zoëé")));
        assert_eq!(pupil.middle_names, Some(cell("MiddleNames", "A & B")));
    }

    #[test]
    fn values_keep_their_white_space() {
        let xml = wrap("<Pupil><Surname>  Okafor </Surname><Forename/></Pupil>");
        let pupil = &read_ctf(xml.as_bytes()).unwrap().pupils[0];
        assert_eq!(pupil.legal_surname, Some(cell("Surname", "  Okafor ")));
        assert_eq!(pupil.legal_forename, Some(cell("Forename", "")));
    }

    #[test]
    fn contacts_get_the_upn_even_when_it_comes_after_them() {
        let xml = wrap(
            "<Pupil><Contacts><Contact><Surname>Begum</Surname></Contact></Contacts>\
             <UPN>K999200125002</UPN></Pupil>\
             <Pupil><Contacts><Contact><Surname>Kowalski</Surname></Contact></Contacts></Pupil>",
        );
        let ctf = read_ctf(xml.as_bytes()).unwrap();
        assert_eq!(
            ctf.contacts[0].pupil_upn,
            Some(cell("UPN", "K999200125002"))
        );
        assert_eq!(ctf.contacts[1].pupil_upn, None);
    }

    #[test]
    fn elements_outside_their_expected_place_are_ignored() {
        let xml = "<CTfile><Header><SchoolName>Not here</SchoolName>\
                   <SourceSchool><LEA>999</LEA><Estab>2001</Estab></SourceSchool></Header>\
                   <CTFpupilData><UPN>Z999200125003</UPN><Pupil>\
                   <BasicDetails><Surname>Wrong</Surname><UPN>Wrong</UPN></BasicDetails>\
                   <PreferredSurname>Not here</PreferredSurname>\
                   <Phones><Phone><TelephoneType>M</TelephoneType><PhoneNo>1</PhoneNo></Phone></Phones>\
                   </Pupil></CTFpupilData><Pupil><UPN>Outside</UPN></Pupil></CTfile>";
        let ctf = read_ctf(xml.as_bytes()).unwrap();
        assert_eq!(ctf.source_school.as_deref(), Some("999/2001"));
        assert_eq!(
            ctf.pupils,
            vec![RawPupil {
                line: 1,
                ..RawPupil::default()
            }]
        );
        assert!(ctf.contacts.is_empty());
    }

    #[test]
    fn line_numbers_follow_every_kind_of_line_break() {
        let xml = "<CTfile>\r\n<CTFpupilData>\r<Pupil/>\n\n<!-- a\ncomment -->\r\n  <Pupil>\
                   <Contacts>\r\n<Contact/></Contacts></Pupil></CTFpupilData></CTfile>";
        let ctf = read_ctf(xml.as_bytes()).unwrap();
        let lines: Vec<u64> = ctf.pupils.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 7]);
        assert_eq!(ctf.contacts[0].line, 8);
    }

    #[test]
    fn the_line_counter_also_copes_with_going_back() {
        let mut lines = Lines::new("a\nb\r\nc\rd");
        assert_eq!(lines.at(0), 1);
        assert_eq!(lines.at(2), 2);
        assert_eq!(lines.at(3), 2);
        assert_eq!(lines.at(4), 2);
        assert_eq!(lines.at(5), 3);
        assert_eq!(lines.at(7), 4);
        assert_eq!(lines.at(2), 2);
        assert_eq!(lines.at(99), 4);
    }

    #[test]
    fn a_byte_order_mark_and_declaration_are_accepted() {
        let xml = format!(
            "\u{feff}<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>\n{}",
            wrap(ONE_PUPIL)
        );
        let ctf = read_ctf(xml.as_bytes()).unwrap();
        assert_eq!(ctf.pupils[0].line, 2);
        assert_eq!(ctf.pupils[0].legal_forename, Some(cell("Forename", "Zoë")));
    }

    #[test]
    fn single_byte_encodings_are_decoded() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n".to_vec();
        bytes.extend_from_slice(wrap(ONE_PUPIL).replace('ë', "\u{1}").as_bytes());
        let at = bytes.iter().position(|&b| b == 1).unwrap();
        bytes[at] = 0xEB;
        let ctf = read_ctf(&bytes).unwrap();
        assert_eq!(ctf.pupils[0].legal_forename, Some(cell("Forename", "Zoë")));
    }

    #[test]
    fn utf_16_with_a_byte_order_mark_is_decoded() {
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n{}",
            wrap(ONE_PUPIL)
        );
        let mut bytes = vec![0xFF, 0xFE];
        for unit in xml.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let ctf = read_ctf(&bytes).unwrap();
        assert_eq!(ctf.pupils[0].line, 2);
        assert_eq!(ctf.pupils[0].legal_forename, Some(cell("Forename", "Zoë")));
    }

    #[test]
    fn unreadable_encodings_are_rejected() {
        let declared = |label: &str| {
            rejection(&format!(
                "<?xml version=\"1.0\" encoding=\"{label}\"?>\n{}",
                wrap(ONE_PUPIL)
            ))
        };
        assert_eq!(
            declared("UTF-16"),
            "the file says its text is in the \"UTF-16\" character encoding, which Assent \
             cannot read; export the Common Transfer File again as UTF-8"
        );
        assert!(declared("EBCDIC-made-up").contains("\"EBCDIC-made-up\" character encoding"));

        let mut bytes = b"<CTfile>\n<CTFpupilData>\n<Pupil><Surname>Zo".to_vec();
        bytes.extend_from_slice(b"\xEB</Surname></Pupil></CTFpupilData></CTfile>");
        assert_eq!(
            read_ctf(&bytes).unwrap_err(),
            "the file is not valid UTF-8 text (the first bad character is on line 3); export \
             the Common Transfer File again as UTF-8"
        );
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let file = tempfile::NamedTempFile::new().unwrap();
        // Sparse, so the test does not write 50 MB.
        file.as_file().set_len(MAX_FILE_BYTES + 1).unwrap();
        match read_ctf_file(file.path()) {
            Err(crate::Error::FileRejected { reason, .. }) => {
                assert_eq!(reason, "the file is larger than 50 MB");
            }
            other => panic!("expected FileRejected, got {other:?}"),
        }
    }

    #[test]
    fn a_missing_file_is_an_io_error() {
        let err = read_ctf_file(Path::new(fixture!("no-such-file.xml"))).unwrap_err();
        assert!(matches!(err, crate::Error::Io { .. }), "{err:?}");
    }
}
