//! What the app asks of the core at trust scale: a generated trust of 20,000
//! pupils, 35,000 contacts and 2,000 staff with three years of agreements and
//! consent history (`assent demo --scale trust`).
//!
//! The class status list (the Signing page's class), the dashboard, the account
//! status of everyone (the Accounts page), search-as-you-type over everyone, and
//! a Google Workspace export of everyone (written and recorded; each run's
//! export is cancelled afterwards so the next run exports everyone again).
//!
//! Run by `make bench` (release build) with criterion; `docs/benchmarks.md` is
//! composed from criterion's figures.
//!
//! `ASSENT_BENCH_ENGINE=postgres` runs the same workloads on a PostgreSQL
//! server (the one the `PG*` variables name, as `pg_virtualenv` sets them),
//! with the figures kept under their own names (`trust_postgres/…`) beside
//! the SQLite ones.

// criterion's macros define undocumented functions.
#![allow(missing_docs)]

mod engine;

use std::cell::Cell;
use std::path::Path;

use assent_core::accounts::{self, ExportFormat};
use assent_core::agreements::{self, StatusFilter};
use assent_core::demo::Scale;
use assent_core::people::{self, Filter};
use assent_core::{Admin, Store, dashboard};
use criterion::{Criterion, criterion_group, criterion_main};
use engine::{generated, group_name};

fn trust(dir: &Path) -> Store {
    let admin = Admin {
        username: "head".to_owned(),
        display_name: "Bench Head".to_owned(),
        password: "benchmark password".to_owned(),
    };
    let mut store = generated(
        &dir.join("trust.db"),
        "Juniper Learning Trust",
        &admin,
        &Scale::trust(),
    );
    let mut settings = accounts::settings(&store).unwrap();
    "pupils.juniper.example".clone_into(&mut settings.pupils.domain);
    "juniper.example".clone_into(&mut settings.staff.domain);
    "juniper.example".clone_into(&mut settings.volunteers.domain);
    "juniper.example".clone_into(&mut settings.governors.domain);
    "juniper.example".clone_into(&mut settings.visitors.domain);
    accounts::set_settings(&mut store, &settings).unwrap();
    store
}

fn trust_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = trust(dir.path());
    let mut group = c.benchmark_group(group_name("trust"));

    let class = Scale::trust().class_name(40);
    group.bench_function("class_status_list", |b| {
        b.iter(|| {
            let rows = agreements::status(
                &store,
                &StatusFilter {
                    class: Some(class.clone()),
                    ..StatusFilter::default()
                },
            )
            .unwrap();
            assert_eq!(rows.len(), 30);
            rows
        });
    });

    group.bench_function("dashboard", |b| {
        b.iter(|| dashboard::load(&store).unwrap());
    });

    // Every keystroke of five names typed letter by letter, in turn; the People
    // page asks for the first 200 matches.
    let typed = ["Łukasiewicz", "oluwaseun", "nguyen", "王", "siobh"];
    let prefixes: Vec<String> = typed
        .iter()
        .flat_map(|word| {
            let chars: Vec<char> = word.chars().collect();
            (1..=chars.len())
                .map(|n| chars[..n].iter().collect())
                .collect::<Vec<String>>()
        })
        .collect();
    let next = Cell::new(0usize);
    group.bench_function("search_keystroke", |b| {
        b.iter(|| {
            let prefix = &prefixes[next.get() % prefixes.len()];
            next.set(next.get() + 1);
            people::list(
                &store,
                &Filter {
                    search: Some(prefix.clone()),
                    limit: Some(200),
                    ..Filter::default()
                },
            )
            .unwrap()
        });
    });

    group.sample_size(10);
    group.bench_function("account_status_everyone", |b| {
        b.iter(|| accounts::status(&store).unwrap());
    });

    let out = dir.path().join("google.csv");
    group.bench_function("google_export_everyone", |b| {
        b.iter_custom(|iters| {
            let mut total = std::time::Duration::ZERO;
            for _ in 0..iters {
                let start = std::time::Instant::now();
                let export =
                    accounts::export(&mut store, ExportFormat::Google, &out, true).unwrap();
                total += start.elapsed();
                assert!(export.accounts.len() > 10_000, "{}", export.accounts.len());
                // Not timed: cancelling lets the next run export everyone again.
                accounts::cancel_export(&mut store, export.export_id.as_deref().unwrap()).unwrap();
            }
            total
        });
    });
    group.finish();
}

criterion_group!(benches, trust_bench);
criterion_main!(benches);
