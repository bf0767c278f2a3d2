//! Rows as read from an import file, before any validation.
//!
//! CSV files and Common Transfer Files are both turned into these records, so
//! one set of rules checks and applies them. Every value keeps the column (or
//! CTF element) it came from, so a problem can be reported as line, column,
//! value and reason.

/// One value from a file, with the name of the column or element it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The column header as written in the file, or the CTF element path (e.g. `BasicDetails/PreferredSurname`).
    pub column: String,
    /// The value exactly as read (already decoded to UTF-8; not trimmed).
    pub value: String,
}

impl Cell {
    /// A cell from `column` holding `value`.
    pub fn new(column: impl Into<String>, value: impl Into<String>) -> Cell {
        Cell {
            column: column.into(),
            value: value.into(),
        }
    }

    /// The value without surrounding white space; `None` when that leaves nothing.
    pub fn text(&self) -> Option<&str> {
        Some(self.value.trim()).filter(|v| !v.is_empty())
    }
}

/// A pupil row. Absent columns are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawPupil {
    /// 1-based line in the file where the row (or the CTF `<Pupil>` element) starts.
    pub line: u64,
    /// Unique Pupil Number.
    pub upn: Option<Cell>,
    /// Legal given name.
    pub legal_forename: Option<Cell>,
    /// Legal family name.
    pub legal_surname: Option<Cell>,
    /// Preferred given name.
    pub preferred_forename: Option<Cell>,
    /// Preferred family name.
    pub preferred_surname: Option<Cell>,
    /// Middle names.
    pub middle_names: Option<Cell>,
    /// Date of birth.
    pub date_of_birth: Option<Cell>,
    /// Gender.
    pub gender: Option<Cell>,
    /// Year group (e.g. "Year 3", "R", "N2", "3").
    pub year_group: Option<Cell>,
    /// Registration group / class.
    pub reg_group: Option<Cell>,
    /// Admission date.
    pub admission_date: Option<Cell>,
    /// The management information system's own id for the pupil.
    pub mis_id: Option<Cell>,
}

/// A contact row: one adult linked to one pupil.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawContact {
    /// 1-based line in the file where the row (or the CTF `<Contact>` element) starts.
    pub line: u64,
    /// The pupil's UPN.
    pub pupil_upn: Option<Cell>,
    /// The pupil's MIS id (may stand in for the UPN).
    pub pupil_mis_id: Option<Cell>,
    /// Contact's given name.
    pub forename: Option<Cell>,
    /// Contact's family name.
    pub surname: Option<Cell>,
    /// Relationship to the pupil: a DfE code (PAM, PAF, CAR, …) or words.
    pub relationship: Option<Cell>,
    /// Whether they have parental responsibility (yes/no, true/false, 1/0).
    pub parental_responsibility: Option<Cell>,
    /// Contact priority order, 1 first.
    pub priority: Option<Cell>,
    /// Email address.
    pub email: Option<Cell>,
    /// Mobile telephone number.
    pub mobile: Option<Cell>,
}

/// A member of staff, volunteer, governor or visitor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawAdult {
    /// 1-based line in the file.
    pub line: u64,
    /// staff, volunteer, governor or visitor.
    pub kind: Option<Cell>,
    /// Given name.
    pub forename: Option<Cell>,
    /// Family name.
    pub surname: Option<Cell>,
    /// Role or job title.
    pub role: Option<Cell>,
    /// Email address.
    pub email: Option<Cell>,
    /// First day (a visitor's first day of the visit).
    pub start_date: Option<Cell>,
    /// Last day (a visitor's last day of the visit).
    pub end_date: Option<Cell>,
}
