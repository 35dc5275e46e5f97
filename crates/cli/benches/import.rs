//! Import benchmark (SPEC §9): a generated national-site export of 10,000 and 50,000 entries
//! (V3 layout: header on row 1 and a members sheet) imported into a fresh contest file — which
//! includes screening every entry and storing the verdicts — measured side by side with its
//! reference, calamine alone reading every sheet of the same file. A second group times one
//! screening pass (`screening::check`, what the 资格审查 screen asks for) against loading the
//! entries alone.
//! Run: `cargo bench -p saiwu-cli --bench import`.
use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use chrono::DateTime;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use saiwu_core::import::ApplyRequest;
use saiwu_core::Store;
use saiwu_fixtures::{write_export_xlsx, ExportSpec, Variant};

fn calamine_only(path: &Path) -> usize {
    let mut wb = open_workbook_auto(path).expect("fixture opens");
    let names = wb.sheet_names().to_vec();
    names.iter().map(|n| wb.worksheet_range(n).expect("sheet reads").height()).sum()
}

fn bench_import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").expect("constant");
    for rows in [10_000usize, 50_000] {
        let file = dir.path().join(format!("export_{rows}.xlsx"));
        write_export_xlsx(&ExportSpec { rows, seed: 7, variant: Variant::V3 }, &file).expect("fixture written");
        let mut g = c.benchmark_group(format!("import_{rows}"));
        g.sample_size(10);
        g.bench_function("calamine_read_reference", |b| b.iter(|| calamine_only(&file)));
        g.bench_function("saiwu_import_to_new_contest_file", |b| {
            b.iter_batched(
                || {
                    let d = tempfile::tempdir().expect("temp dir");
                    let store = Store::open(&d.path().join("c.sqlite")).expect("store");
                    (d, store)
                },
                |(d, mut store)| {
                    let req = ApplyRequest { path: file.clone(), ..Default::default() };
                    let r = saiwu_core::actions::import::apply(&mut store, &req, now, &mut |_| {}).expect("import");
                    assert_eq!(r.new, rows);
                    drop(store);
                    d
                },
                BatchSize::PerIteration,
            )
        });
        g.finish();
    }
}

fn bench_check(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").expect("constant");
    let file = dir.path().join("export.xlsx");
    write_export_xlsx(&ExportSpec { rows: 10_000, seed: 7, variant: Variant::V3 }, &file).expect("fixture written");
    let mut store = Store::open(&dir.path().join("c.sqlite")).expect("store");
    saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file, ..Default::default() }, now, &mut |_| {}).expect("import");
    let mut g = c.benchmark_group("check_10000");
    g.sample_size(10);
    g.bench_function("load_entries_reference", |b| b.iter(|| saiwu_core::entries::list(&store).expect("entries").len()));
    g.bench_function("screening_check_all_rules", |b| b.iter(|| saiwu_core::screening::check(&store).expect("check").len()));
    g.finish();
}

criterion_group!(benches, bench_import, bench_check);
criterion_main!(benches);
