//! The largest queries, by name, so a test can check with `EXPLAIN QUERY PLAN`
//! that they read through indexes. Hidden from the documentation: this is for
//! the core's own tests, not for the app or the CLI, and it hands out no data.

use crate::agreements::StatusFilter;

/// One query as the core runs it.
#[derive(Debug, Clone)]
pub struct PlannedQuery {
    /// What it is for.
    pub name: &'static str,
    /// The SQL, exactly as the core prepares it.
    pub sql: String,
    /// Its parameters, in order (`None` for NULL).
    pub params: Vec<Option<String>>,
    /// Tables it reads whole by design (everyone, or a substring search);
    /// each may be scanned once. Every other table must be reached by an index.
    pub may_scan: &'static [&'static str],
}

/// The class status list, the dashboard, the accounts page, the consent grid and
/// register, and search: the queries whose cost grows with the school, for a
/// class named `class` on the date `today` (YYYY-MM-DD).
#[allow(clippy::too_many_lines)]
pub fn largest_queries(class: &str, today: &str) -> Vec<PlannedQuery> {
    let class_filter = StatusFilter {
        class: Some(class.to_owned()),
        ..StatusFilter::default()
    };
    let everyone = StatusFilter::default();
    let some = |args: Vec<String>| args.into_iter().map(Some).collect::<Vec<_>>();
    let with_today = |args: Vec<String>| {
        let mut args = some(args);
        args.insert(0, Some(today.to_owned()));
        args
    };
    let (class_people, args) = crate::agreements::people_sql(&class_filter, true);
    let class_people_args = with_today(args);
    let (class_agreements, class_agreements_args) =
        crate::agreements::latest_agreements_sql(&class_filter);
    let (all_people, args) = crate::agreements::people_sql(&everyone, false);
    let all_people_args = with_today(args);
    let (all_agreements, all_agreements_args) = crate::agreements::latest_agreements_sql(&everyone);
    let (class_decisions, class_pupils) = crate::consent::grid_sql(1);
    let (all_decisions, all_pupils) = crate::consent::grid_sql(0);
    let search = vec![
        None,
        None,
        None,
        Some("%oak%".to_owned()),
        Some("%oak%".to_owned()),
        Some("0".to_owned()),
        Some(today.to_owned()),
        Some("200".to_owned()),
        None,
    ];
    vec![
        PlannedQuery {
            name: "class status list: the class's pupils",
            sql: class_people,
            params: class_people_args,
            may_scan: &[],
        },
        PlannedQuery {
            name: "class status list: their latest agreements",
            sql: class_agreements,
            params: some(class_agreements_args),
            may_scan: &[],
        },
        PlannedQuery {
            name: "dashboard: people on roll by kind",
            sql: crate::people::COUNT_BY_KIND_SQL.to_owned(),
            params: vec![Some(today.to_owned())],
            may_scan: &["people"],
        },
        PlannedQuery {
            name: "dashboard and accounts: everyone on roll",
            sql: all_people,
            params: all_people_args,
            may_scan: &["people"],
        },
        PlannedQuery {
            name: "dashboard and accounts: everyone's latest agreements",
            sql: all_agreements,
            params: some(all_agreements_args),
            may_scan: &["agreements"],
        },
        PlannedQuery {
            name: "accounts: everyone who may need an account",
            sql: crate::accounts::PEOPLE_SQL.to_owned(),
            params: Vec::new(),
            may_scan: &["people"],
        },
        PlannedQuery {
            name: "accounts: account histories",
            sql: crate::accounts::HISTORIES_SQL.to_owned(),
            params: Vec::new(),
            may_scan: &["account_events"],
        },
        PlannedQuery {
            name: "accounts: exports waiting to be provisioned",
            sql: crate::accounts::PENDING_SQL.to_owned(),
            params: Vec::new(),
            may_scan: &["account_export_rows"],
        },
        PlannedQuery {
            name: "accounts: the pupils a username preview shows",
            sql: crate::accounts::PREVIEW_SQL.to_owned(),
            params: some(vec!["pupil".to_owned(), today.to_owned(), "5".to_owned()]),
            may_scan: &[],
        },
        PlannedQuery {
            name: "accounts and consent: safeguarding holds",
            sql: crate::consent::HOLDS_SQL.to_owned(),
            params: Vec::new(),
            may_scan: &["consent_holds"],
        },
        PlannedQuery {
            name: "consent grid for a class: decisions",
            sql: class_decisions,
            params: vec![Some(today.to_owned()), Some(class.to_owned())],
            may_scan: &[],
        },
        PlannedQuery {
            name: "consent grid for a class: pupils",
            sql: class_pupils,
            params: vec![Some(today.to_owned()), Some(class.to_owned())],
            may_scan: &[],
        },
        PlannedQuery {
            name: "consent register, whole school: decisions",
            sql: all_decisions,
            params: vec![Some(today.to_owned())],
            may_scan: &["people"],
        },
        PlannedQuery {
            name: "consent register, whole school: pupils",
            sql: all_pupils,
            params: vec![Some(today.to_owned())],
            may_scan: &["people"],
        },
        PlannedQuery {
            name: "search as you type",
            sql: crate::people::list_sql(crate::db::Engine::Sqlite),
            params: search,
            // A name can match anywhere in it, so search reads the names in
            // list order and stops at the first page of matches.
            may_scan: &["people", "json_each", "json_each"],
        },
    ]
}
