//! Screening benchmark (SPEC §9/§12, issue #10): one pass of every rule over 10,000 entries
//! already loaded — the rules only, no loading or storing — must stay under 100 ms; and the full
//! `actions::screening::rescreen(All)` (load in slices, screen, store verdicts and history) at
//! 10,000 and 100,000 entries, the import's share of the time. Entries come from the fixtures
//! generator (deterministic, no real people's data).
//! Run: `nice -n 10 cargo bench -p saiwu-core --bench screening` (SCREENING_BENCH_100K=0 skips 100k).
use std::collections::HashMap;

use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion};
use saiwu_core::actions::screening::{rescreen, Scope};
use saiwu_core::import::ApplyRequest;
use saiwu_core::screening::{self, Inputs};
use saiwu_core::store::verdicts;
use saiwu_core::Store;
use saiwu_fixtures::{write_export_xlsx, ExportSpec, Variant};

fn contest(dir: &std::path::Path, rows: usize) -> Store {
    let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").expect("constant");
    let file = dir.join(format!("export_{rows}.xlsx"));
    write_export_xlsx(&ExportSpec { rows, seed: 7, variant: Variant::V1 }, &file).expect("fixture written");
    let mut store = Store::open(&dir.join(format!("c{rows}.sqlite"))).expect("store");
    let r = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file.clone(), ..Default::default() }, now, &mut |_| {}).expect("import");
    assert_eq!(r.new, rows);
    std::fs::remove_file(&file).ok();
    store
}

fn bench_rescreen(c: &mut Criterion, store: &mut Store, rows: usize) {
    let now = DateTime::parse_from_rfc3339("2026-07-12T09:30:00+08:00").expect("constant");
    let mut g = c.benchmark_group(format!("screening_{rows}"));
    g.sample_size(10);
    g.bench_function("rescreen_all_from_scratch", |b| {
        b.iter(|| {
            // Every verdict stored afresh (as after an import), then rolled back for the next sample.
            let tx = store.conn_mut().transaction().expect("tx");
            tx.execute("DELETE FROM verdicts", []).expect("clear");
            let run = rescreen(&tx, &Scope::All, "基准测试", now).expect("rescreen");
            assert_eq!(run.changed as usize, rows);
            drop(tx);
        })
    });
    g.bench_function("rescreen_all_unchanged", |b| {
        b.iter(|| {
            let tx = store.conn_mut().transaction().expect("tx");
            let run = rescreen(&tx, &Scope::All, "基准测试", now).expect("rescreen");
            assert_eq!(run.changed, 0);
            drop(tx);
        })
    });
    g.finish();
}

fn bench_screening(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = contest(dir.path(), 10_000);
    {
        let conn = store.conn();
        let rows = verdicts::current_entries(conn).expect("entries");
        let problems: HashMap<_, _> = verdicts::problems_in_range(conn, 0, i64::MAX).expect("problems");
        let inputs = Inputs::load(conn).expect("inputs");
        let mut g = c.benchmark_group("screening_10000");
        g.sample_size(20);
        g.bench_function("rules_only_one_pass", |b| b.iter(|| screening::screen_loaded(&rows, &problems, &inputs).len()));
        // With the reference lists imported (R03, R09, R16 compare every entry with every row):
        // 300 provincial winners, 200 dishonesty records and 100 other awards, names taken from
        // the entries themselves so that matches happen.
        let mut with_lists = Inputs::load(conn).expect("inputs");
        let row = |pairs: &[(&str, serde_json::Value)]| {
            let mut m = serde_json::Map::new();
            for (k, v) in pairs {
                m.insert(k.to_string(), v.clone());
            }
            m
        };
        let named = |step: usize, n: usize| rows.iter().step_by(step).take(n).map(|r| &r.entry).collect::<Vec<_>>();
        let text = |s: &Option<String>| serde_json::Value::from(s.clone().unwrap_or_default());
        with_lists.refs.provincial_winners = Some(
            named(33, 300)
                .into_iter()
                .map(|e| row(&[("year", 2024.into()), ("project_name", text(&e.project_name)), ("entrant_name", text(&e.entrant_name))]))
                .collect(),
        );
        with_lists.refs.dishonesty = Some(named(50, 200).into_iter().map(|e| row(&[("name", text(&e.entrant_name))])).collect());
        with_lists.refs.other_awards = Some(
            named(100, 100).into_iter().map(|e| row(&[("project_name", text(&e.project_name)), ("entrant_name", text(&e.entrant_name))])).collect(),
        );
        g.bench_function("rules_only_one_pass_with_lists", |b| b.iter(|| screening::screen_loaded(&rows, &problems, &with_lists).len()));
        g.finish();
    }
    bench_rescreen(c, &mut store, 10_000);
    drop(store);
    if std::env::var("SCREENING_BENCH_100K").as_deref() != Ok("0") {
        let mut big = contest(dir.path(), 100_000);
        bench_rescreen(c, &mut big, 100_000);
    }
}

criterion_group!(benches, bench_screening);
criterion_main!(benches);
