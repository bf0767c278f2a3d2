//! Which column of a CSV file holds which field.
//!
//! MIS exports name their columns in many ways ("Surname", "Legal Surname",
//! "Last Name"); each field has a canonical header and a list of spellings it
//! is recognised by, compared without case, spaces or punctuation. Columns
//! that match nothing are reported so the user can map them or leave them out
//! knowingly; nothing is dropped silently.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::records::{Cell, RawAdult, RawContact, RawPupil};
use super::source::Table;

/// What a CSV file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Pupils, one row each.
    Pupils,
    /// Parents and carers, one row per pupil they are linked to.
    Contacts,
    /// Staff, volunteers, governors and visitors.
    Staff,
    /// A DfE Common Transfer File (XML): pupils and their contacts.
    Ctf,
}

impl ImportKind {
    /// The name the database keeps for it, as serde spells it.
    pub fn code(self) -> &'static str {
        match self {
            ImportKind::Pupils => "pupils",
            ImportKind::Contacts => "contacts",
            ImportKind::Staff => "staff",
            ImportKind::Ctf => "ctf",
        }
    }
}

/// One field a CSV column can be mapped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FieldSpec {
    /// The canonical header.
    pub header: &'static str,
    /// Other spellings, already normalised (lower case, letters and digits only).
    pub aliases: &'static [&'static str],
    /// Whether a file without this column is refused.
    pub required: bool,
}

const fn field(
    header: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> FieldSpec {
    FieldSpec {
        header,
        aliases,
        required,
    }
}

/// Pupil columns, in canonical order.
pub const PUPIL_FIELDS: &[FieldSpec] = &[
    field("UPN", &["uniquepupilnumber", "pupilupn"], false),
    field(
        "Legal Forename",
        &[
            "forename",
            "firstname",
            "givenname",
            "legalfirstname",
            "legalgivenname",
        ],
        true,
    ),
    field(
        "Legal Surname",
        &[
            "surname",
            "lastname",
            "familyname",
            "legallastname",
            "legalfamilyname",
        ],
        true,
    ),
    field(
        "Preferred Forename",
        &[
            "preferredfirstname",
            "knownas",
            "chosenforename",
            "preferredname",
        ],
        false,
    ),
    field(
        "Preferred Surname",
        &["preferredlastname", "chosensurname"],
        false,
    ),
    field("Middle Names", &["middlename", "othernames"], false),
    field(
        "Date of Birth",
        &["dob", "birthdate", "dateofbirthddmmyyyy"],
        false,
    ),
    field("Gender", &["sex"], false),
    field(
        "Year Group",
        &[
            "year",
            "ncyear",
            "ncyearactual",
            "nationalcurriculumyear",
            "yr",
            "curriculumyear",
        ],
        true,
    ),
    field(
        "Reg Group",
        &[
            "reg",
            "registrationgroup",
            "form",
            "class",
            "regclass",
            "tutorgroup",
            "classname",
        ],
        false,
    ),
    field(
        "Admission Date",
        &["dateofadmission", "entrydate", "admitted", "startdate"],
        false,
    ),
    field(
        "MIS ID",
        &[
            "adno",
            "admissionnumber",
            "admissionno",
            "pupilid",
            "misid",
            "id",
        ],
        false,
    ),
];

/// Contact columns, in canonical order.
pub const CONTACT_FIELDS: &[FieldSpec] = &[
    field("Pupil UPN", &["upn", "childupn", "studentupn"], false),
    field(
        "Pupil MIS ID",
        &[
            "pupiladno",
            "adno",
            "admissionnumber",
            "pupilid",
            "misid",
            "childmisid",
        ],
        false,
    ),
    field(
        "Contact Forename",
        &["forename", "firstname", "contactfirstname", "givenname"],
        true,
    ),
    field(
        "Contact Surname",
        &["surname", "lastname", "contactlastname", "familyname"],
        true,
    ),
    field(
        "Relationship",
        &["relation", "relationshiptopupil", "relationshiptochild"],
        true,
    ),
    field(
        "Parental Responsibility",
        &[
            "responsibility",
            "pr",
            "hasparentalresponsibility",
            "parentalresp",
        ],
        true,
    ),
    field(
        "Priority",
        &["order", "contactpriority", "contactorder", "priorityorder"],
        false,
    ),
    field("Email", &["emailaddress", "contactemail", "email1"], false),
    field(
        "Mobile",
        &[
            "mobilephone",
            "mobilenumber",
            "mobiletelephone",
            "mobileno",
            "contactmobile",
        ],
        false,
    ),
];

/// Staff, governor, volunteer and visitor columns, in canonical order.
pub const ADULT_FIELDS: &[FieldSpec] = &[
    field(
        "Kind",
        &["type", "persontype", "category", "stafftype"],
        true,
    ),
    field(
        "Forename",
        &["firstname", "givenname", "legalforename"],
        true,
    ),
    field("Surname", &["lastname", "familyname", "legalsurname"], true),
    field(
        "Role",
        &["jobtitle", "post", "position", "roletitle"],
        false,
    ),
    field("Email", &["emailaddress", "workemail"], false),
    field(
        "Start Date",
        &["start", "from", "visitstart", "datefrom", "firstday"],
        false,
    ),
    field(
        "End Date",
        &["end", "to", "visitend", "dateto", "lastday", "leavingdate"],
        false,
    ),
];

/// The fields for a CSV import kind (a CTF has no columns to map).
pub fn fields_for(kind: ImportKind) -> &'static [FieldSpec] {
    match kind {
        ImportKind::Pupils => PUPIL_FIELDS,
        ImportKind::Contacts => CONTACT_FIELDS,
        ImportKind::Staff => ADULT_FIELDS,
        ImportKind::Ctf => &[],
    }
}

/// Lower case, letters and digits only: "Date of Birth" and "`date_of_birth`" both become "dateofbirth".
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A column the user told us how to map (`--map "Their Header=UPN"`), or to ignore (`=`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ColumnChoice {
    /// The header as written in the file.
    pub header: String,
    /// The canonical header of the field, or `None` to leave the column out.
    pub field: Option<String>,
}

/// How a file's columns map to fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnMap {
    /// For each column of the file, the canonical header it maps to, if any.
    pub columns: Vec<MappedColumn>,
    /// Required fields that no column maps to.
    pub missing: Vec<String>,
    /// Fields that several columns could fill, each said in words; the user must choose.
    pub ambiguous: Vec<String>,
}

/// One column of the file and what it maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MappedColumn {
    /// The header as written in the file.
    pub header: String,
    /// The canonical header of its field; `None` when it maps to nothing.
    pub field: Option<String>,
    /// Whether the user chose this (rather than it being recognised).
    pub chosen: bool,
}

impl ColumnMap {
    /// Headers that map to nothing.
    pub fn unmapped(&self) -> Vec<String> {
        self.columns
            .iter()
            .filter(|c| c.field.is_none() && !c.chosen)
            .map(|c| c.header.clone())
            .collect()
    }

    fn index_of(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.field.as_deref() == Some(field))
    }
}

/// Maps `headers` for `kind`, applying the user's `choices` first.
///
/// Fails (with a reason) when a choice names an unknown field or header, or two
/// columns would fill the same field.
pub fn map_columns(
    kind: ImportKind,
    headers: &[String],
    choices: &[ColumnChoice],
) -> Result<ColumnMap, String> {
    let specs = fields_for(kind);
    let find_spec = |name: &str| {
        let n = normalise_header(name);
        specs
            .iter()
            .find(|s| normalise_header(s.header) == n)
            .map(|s| s.header)
    };
    for choice in choices {
        if !headers.iter().any(|h| h == &choice.header) {
            return Err(format!(
                "the file has no column called \"{}\"",
                choice.header
            ));
        }
        if let Some(f) = &choice.field {
            if find_spec(f).is_none() {
                let known: Vec<&str> = specs.iter().map(|s| s.header).collect();
                return Err(format!(
                    "\"{f}\" is not a field of this import; use one of: {}",
                    known.join(", ")
                ));
            }
        }
    }
    let mut columns: Vec<MappedColumn> = Vec::with_capacity(headers.len());
    for header in headers {
        let chosen = choices.iter().find(|c| &c.header == header);
        let field = if let Some(c) = chosen {
            c.field.as_deref().and_then(find_spec)
        } else {
            let n = normalise_header(header);
            specs
                .iter()
                .find(|s| normalise_header(s.header) == n)
                .or_else(|| specs.iter().find(|s| s.aliases.contains(&n.as_str())))
                .map(|s| s.header)
        };
        columns.push(MappedColumn {
            header: header.clone(),
            field: field.map(str::to_owned),
            chosen: chosen.is_some(),
        });
    }
    // Two columns for one field: an exact canonical header or a user choice wins;
    // otherwise neither is used and the user is asked to choose.
    let mut ambiguous = Vec::new();
    let mut ambiguous_fields: Vec<&str> = Vec::new();
    for spec in specs {
        let hits: Vec<usize> = (0..columns.len())
            .filter(|&i| columns[i].field.as_deref() == Some(spec.header))
            .collect();
        if hits.len() > 1 {
            let strong: Vec<usize> = hits
                .iter()
                .copied()
                .filter(|&i| {
                    columns[i].chosen
                        || normalise_header(&columns[i].header) == normalise_header(spec.header)
                })
                .collect();
            if strong.len() != 1 {
                let names: Vec<String> = hits
                    .iter()
                    .map(|&i| format!("\"{}\"", columns[i].header))
                    .collect();
                ambiguous.push(format!(
                    "columns {} could all be the {}; choose which one to use",
                    names.join(" and "),
                    spec.header
                ));
                ambiguous_fields.push(spec.header);
                for i in hits {
                    columns[i].field = None;
                }
                continue;
            }
            for i in hits {
                if i != strong[0] {
                    columns[i].field = None;
                }
            }
        }
    }
    let map = ColumnMap {
        missing: specs
            .iter()
            .filter(|s| s.required && !ambiguous_fields.contains(&s.header))
            .map(|s| s.header.to_owned())
            .filter(|h| {
                !columns
                    .iter()
                    .any(|c| c.field.as_deref() == Some(h.as_str()))
            })
            .collect(),
        columns,
        ambiguous,
    };
    Ok(map)
}

/// Reads one mapped field of a row.
struct RowView<'a> {
    map: &'a ColumnMap,
    cells: &'a [String],
}

impl RowView<'_> {
    fn get(&self, field: &str) -> Option<Cell> {
        let i = self.map.index_of(field)?;
        Some(Cell::new(
            self.map.columns[i].header.clone(),
            self.cells.get(i).cloned().unwrap_or_default(),
        ))
    }
}

/// The rows of a pupils file.
pub fn pupils(table: &Table, map: &ColumnMap) -> Vec<RawPupil> {
    table
        .rows
        .iter()
        .map(|row| {
            let v = RowView {
                map,
                cells: &row.cells,
            };
            RawPupil {
                line: row.line,
                upn: v.get("UPN"),
                legal_forename: v.get("Legal Forename"),
                legal_surname: v.get("Legal Surname"),
                preferred_forename: v.get("Preferred Forename"),
                preferred_surname: v.get("Preferred Surname"),
                middle_names: v.get("Middle Names"),
                date_of_birth: v.get("Date of Birth"),
                gender: v.get("Gender"),
                year_group: v.get("Year Group"),
                reg_group: v.get("Reg Group"),
                admission_date: v.get("Admission Date"),
                mis_id: v.get("MIS ID"),
            }
        })
        .collect()
}

/// The rows of a contacts file.
pub fn contacts(table: &Table, map: &ColumnMap) -> Vec<RawContact> {
    table
        .rows
        .iter()
        .map(|row| {
            let v = RowView {
                map,
                cells: &row.cells,
            };
            RawContact {
                line: row.line,
                pupil_upn: v.get("Pupil UPN"),
                pupil_mis_id: v.get("Pupil MIS ID"),
                forename: v.get("Contact Forename"),
                surname: v.get("Contact Surname"),
                relationship: v.get("Relationship"),
                parental_responsibility: v.get("Parental Responsibility"),
                priority: v.get("Priority"),
                email: v.get("Email"),
                mobile: v.get("Mobile"),
            }
        })
        .collect()
}

/// The rows of a staff, governor, volunteer and visitor file.
pub fn adults(table: &Table, map: &ColumnMap) -> Vec<RawAdult> {
    table
        .rows
        .iter()
        .map(|row| {
            let v = RowView {
                map,
                cells: &row.cells,
            };
            RawAdult {
                line: row.line,
                kind: v.get("Kind"),
                forename: v.get("Forename"),
                surname: v.get("Surname"),
                role: v.get("Role"),
                email: v.get("Email"),
                start_date: v.get("Start Date"),
                end_date: v.get("End Date"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_owned()).collect()
    }

    fn field_of<'a>(map: &'a ColumnMap, header: &str) -> Option<&'a str> {
        map.columns
            .iter()
            .find(|c| c.header == header)?
            .field
            .as_deref()
    }

    #[test]
    fn canonical_headers_match_in_any_case_and_spacing() {
        let map = map_columns(
            ImportKind::Pupils,
            &headers(&[
                "upn",
                "LEGAL FORENAME",
                "legal_surname",
                "Year  Group",
                "Date-of-Birth",
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(field_of(&map, "upn"), Some("UPN"));
        assert_eq!(field_of(&map, "LEGAL FORENAME"), Some("Legal Forename"));
        assert_eq!(field_of(&map, "legal_surname"), Some("Legal Surname"));
        assert_eq!(field_of(&map, "Year  Group"), Some("Year Group"));
        assert_eq!(field_of(&map, "Date-of-Birth"), Some("Date of Birth"));
        assert!(map.missing.is_empty());
    }

    #[test]
    fn common_mis_spellings_are_recognised() {
        let map = map_columns(
            ImportKind::Pupils,
            &headers(&[
                "Adno",
                "Surname",
                "First Name",
                "DOB",
                "NC Year",
                "Reg",
                "House",
            ]),
            &[],
        )
        .unwrap();
        assert_eq!(field_of(&map, "Adno"), Some("MIS ID"));
        assert_eq!(field_of(&map, "Surname"), Some("Legal Surname"));
        assert_eq!(field_of(&map, "First Name"), Some("Legal Forename"));
        assert_eq!(field_of(&map, "DOB"), Some("Date of Birth"));
        assert_eq!(field_of(&map, "NC Year"), Some("Year Group"));
        assert_eq!(field_of(&map, "Reg"), Some("Reg Group"));
        assert_eq!(map.unmapped(), vec!["House".to_owned()]);
    }

    #[test]
    fn missing_required_columns_are_named() {
        let map = map_columns(ImportKind::Pupils, &headers(&["UPN", "Surname"]), &[]).unwrap();
        assert_eq!(
            map.missing,
            vec!["Legal Forename".to_owned(), "Year Group".to_owned()]
        );
    }

    #[test]
    fn the_user_can_map_and_ignore_columns() {
        let choices = vec![
            ColumnChoice {
                header: "Pupil No".into(),
                field: Some("upn".into()),
            },
            ColumnChoice {
                header: "House".into(),
                field: None,
            },
        ];
        let map = map_columns(
            ImportKind::Pupils,
            &headers(&["Pupil No", "Forename", "Surname", "Year", "House"]),
            &choices,
        )
        .unwrap();
        assert_eq!(field_of(&map, "Pupil No"), Some("UPN"));
        assert!(
            map.unmapped().is_empty(),
            "an ignored column is not reported as unmapped"
        );
        let bad = map_columns(
            ImportKind::Pupils,
            &headers(&["Pupil No"]),
            &[ColumnChoice {
                header: "Pupil No".into(),
                field: Some("Shoe Size".into()),
            }],
        );
        assert!(bad.unwrap_err().contains("not a field"));
    }

    #[test]
    fn two_columns_for_one_field_need_a_choice_unless_one_is_canonical() {
        let ambiguous = map_columns(ImportKind::Pupils, &headers(&["Form", "Class"]), &[]).unwrap();
        assert!(
            ambiguous.ambiguous[0].contains("choose which one"),
            "{ambiguous:?}"
        );
        assert!(
            ambiguous.columns.iter().all(|c| c.field.is_none()),
            "neither is used until the user chooses"
        );
        let resolved =
            map_columns(ImportKind::Pupils, &headers(&["Reg Group", "Class"]), &[]).unwrap();
        assert_eq!(field_of(&resolved, "Reg Group"), Some("Reg Group"));
        assert_eq!(field_of(&resolved, "Class"), None);
    }

    #[test]
    fn contacts_may_use_a_pupil_mis_id() {
        let map = map_columns(
            ImportKind::Contacts,
            &headers(&[
                "Pupil MIS ID",
                "Contact Forename",
                "Contact Surname",
                "Relationship",
                "Parental Responsibility",
            ]),
            &[],
        )
        .unwrap();
        assert!(map.missing.is_empty());
    }
}
