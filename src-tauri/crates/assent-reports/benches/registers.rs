//! The whole-school consent register as a PDF for a large primary (700 pupils)
//! and a trust (20,000 pupils), generated with three years of consent history
//! (`assent demo --scale large|trust`): reading the records, laying out every
//! page and writing the PDF with its fonts subset.
//!
//! Run by `make bench` (release build) with criterion; `docs/benchmarks.md` is
//! composed from criterion's figures. The same register is also left in
//! `target/bench-data/` as CSV (for the `LibreOffice` baseline) and as PDF (for
//! its size and pages).
//!
//! `ASSENT_BENCH_ENGINE=postgres` reads the records from a PostgreSQL server
//! instead (the one the `PG*` variables name, as `pg_virtualenv` sets them),
//! each school in a fresh database, with the figures kept under their own
//! names (`register_postgres/…`) beside the SQLite ones.

// criterion's macros define undocumented functions.
#![allow(missing_docs)]

// The core's benchmarks and these share how a school is made on either engine.
#[path = "../../assent-core/benches/engine/mod.rs"]
mod engine;

use std::path::{Path, PathBuf};

use assent_core::demo::{self, Scale};
use assent_core::{Admin, Store};
use assent_reports::{Format, Options, Report, generate};
use criterion::{Criterion, criterion_group, criterion_main};
use engine::{generated, group_name};

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn school(dir: &Path, scale: &Scale) -> Store {
    let admin = Admin {
        username: "head".to_owned(),
        display_name: "Bench Head".to_owned(),
        password: "benchmark password".to_owned(),
    };
    // The names `assent demo --scale` gives them.
    let name = if scale.pupils > 2_000 {
        "Juniper Learning Trust"
    } else {
        demo::SCHOOL_NAME
    };
    generated(
        &dir.join(format!("{}.db", scale.pupils)),
        name,
        &admin,
        scale,
    )
}

fn options() -> Options {
    Options {
        classes: Vec::new(),
        generated_by: "bench".to_owned(),
    }
}

fn registers(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let data = data_dir();
    let mut group = c.benchmark_group(group_name("register"));
    for (scale, samples) in [(Scale::large(), 20), (Scale::trust(), 10)] {
        let store = school(dir.path(), &scale);
        // The same table as CSV, for LibreOffice; and the PDF, for its size.
        let csv = generate(&store, &Report::ConsentRegister, &options(), Format::Csv).unwrap();
        std::fs::write(
            data.join(format!("register-{}.csv", scale.pupils)),
            &csv.bytes,
        )
        .unwrap();
        let pdf = generate(&store, &Report::ConsentRegister, &options(), Format::Pdf).unwrap();
        assert!(pdf.missing.is_empty(), "{:?}", pdf.missing);
        std::fs::write(
            data.join(format!("register-{}.pdf", scale.pupils)),
            &pdf.bytes,
        )
        .unwrap();
        std::fs::write(
            data.join(format!("register-{}.pages", scale.pupils)),
            pdf.pages.unwrap_or(0).to_string(),
        )
        .unwrap();
        group.sample_size(samples);
        group.bench_function(format!("pdf_{}", scale.pupils), |b| {
            b.iter(|| generate(&store, &Report::ConsentRegister, &options(), Format::Pdf).unwrap());
        });
    }
    group.finish();
}

criterion_group!(benches, registers);
criterion_main!(benches);
