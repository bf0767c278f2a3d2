//! Which classes and adult groups a document covers, in the school's order,
//! and how each is headed.

use assent_core::Store;
use assent_core::agreements::StatusRow;
use assent_core::people::{ClassSummary, PersonKind};

use crate::{Error, data};

/// The groups adults are listed in, in the order the school lists them.
const ADULT_GROUPS: [(PersonKind, &str, &[&str]); 5] = [
    (PersonKind::Staff, "Staff", &["staff"]),
    (
        PersonKind::Governor,
        "Governors",
        &["governor", "governors"],
    ),
    (
        PersonKind::Volunteer,
        "Volunteers",
        &["volunteer", "volunteers"],
    ),
    (PersonKind::Visitor, "Visitors", &["visitor", "visitors"]),
    (
        PersonKind::Parent,
        "Parents and carers",
        &["parent", "parents", "carers"],
    ),
];

/// Which classes and adult groups a document covers, in print order.
pub(crate) struct Selection {
    pub(crate) classes: Vec<ClassSummary>,
    pub(crate) adults: Vec<PersonKind>,
    /// How the page header describes it.
    pub(crate) description: String,
}

impl Selection {
    /// Reads `--class` values: class names (any case) and, if `adults` is set,
    /// the group words; an unknown name is an error listing what there is.
    pub(crate) fn resolve(
        store: &Store,
        asked: &[String],
        adults: bool,
    ) -> Result<Selection, Error> {
        let all = data::classes(store)?;
        if asked.is_empty() {
            let groups: Vec<PersonKind> = if adults {
                ADULT_GROUPS[..4].iter().map(|g| g.0).collect()
            } else {
                Vec::new()
            };
            return Ok(Selection {
                classes: all,
                adults: groups,
                description: if adults {
                    "Whole school: every class, staff, governors, volunteers and visitors"
                        .to_owned()
                } else {
                    "Whole school: every class".to_owned()
                },
            });
        }
        let mut classes = Vec::new();
        let mut kinds = Vec::new();
        for wanted in asked {
            let w = wanted.trim().to_lowercase();
            if let Some(c) = all.iter().find(|c| c.name.to_lowercase() == w) {
                if !classes.iter().any(|x: &ClassSummary| x.name == c.name) {
                    classes.push(c.clone());
                }
            } else if let Some(g) = ADULT_GROUPS
                .iter()
                .find(|g| adults && g.2.contains(&w.as_str()))
            {
                if !kinds.contains(&g.0) {
                    kinds.push(g.0);
                }
            } else {
                let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
                let groups = if adults {
                    " (or a group: staff, governors, volunteers, visitors, parents)"
                } else {
                    ""
                };
                return Err(assent_core::Error::invalid(
                    "class",
                    format!(
                        "'{}' is not a class with pupils on roll; the classes are {}{groups}",
                        wanted.trim(),
                        names.join(", ")
                    ),
                )
                .into());
            }
        }
        // Print in the school's order, whatever order they were asked for in.
        classes.sort_by_key(|c| all.iter().position(|a| a.name == c.name));
        kinds.sort_by_key(|k| ADULT_GROUPS.iter().position(|g| g.0 == *k));
        let mut parts = Vec::new();
        if !classes.is_empty() {
            let names: Vec<&str> = classes.iter().map(|c| c.name.as_str()).collect();
            parts.push(format!(
                "{}: {}",
                if names.len() == 1 { "Class" } else { "Classes" },
                names.join(", ")
            ));
        }
        if !kinds.is_empty() {
            let names: Vec<&str> = kinds.iter().map(|k| group_name(*k)).collect();
            parts.push(names.join(", "));
        }
        Ok(Selection {
            classes,
            adults: kinds,
            description: parts.join("; "),
        })
    }

    /// The class names, for core queries that take them.
    pub(crate) fn class_names(&self) -> Vec<String> {
        self.classes.iter().map(|c| c.name.clone()).collect()
    }

    /// Each group in print order with its heading and its people's rows (in list order).
    pub(crate) fn groups<'r>(&self, rows: &'r [StatusRow]) -> Vec<(String, Vec<&'r StatusRow>)> {
        let pupils = by_class(rows.iter().filter(|r| r.kind == PersonKind::Pupil), |r| {
            r.class.as_deref()
        });
        let mut out = Vec::new();
        for c in &self.classes {
            let members = pupils.get(c.name.as_str()).cloned().unwrap_or_default();
            out.push((class_heading(c), members));
        }
        for kind in &self.adults {
            let members: Vec<&StatusRow> = rows.iter().filter(|r| r.kind == *kind).collect();
            out.push((group_name(*kind).to_owned(), members));
        }
        out
    }
}

/// Rows by class, each class keeping the rows' order: one pass, however many classes.
pub(crate) fn by_class<'r, T: 'r>(
    rows: impl Iterator<Item = &'r T>,
    class: impl Fn(&T) -> Option<&str>,
) -> std::collections::HashMap<&'r str, Vec<&'r T>> {
    let mut out: std::collections::HashMap<&str, Vec<&T>> = std::collections::HashMap::new();
    for r in rows {
        if let Some(c) = class(r) {
            out.entry(c).or_default().push(r);
        }
    }
    out
}

fn group_name(kind: PersonKind) -> &'static str {
    ADULT_GROUPS
        .iter()
        .find(|g| g.0 == kind)
        .map_or("Pupils", |g| g.1)
}

/// "Oak (Year 5)".
pub(crate) fn class_heading(c: &ClassSummary) -> String {
    match &c.year_group {
        Some(y) => format!("{} ({y})", c.name),
        None => c.name.clone(),
    }
}
