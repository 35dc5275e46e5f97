//! Readers benchmark (SPEC §9: the ranking, the award list and the dashboard at 10,000 entries in
//! under 200 ms each). A generated national-site export of 10,000 entries is imported (which screens
//! and stores the verdicts), three judges score every preliminary entry, the top 10 per group go to
//! the final and are scored too. Measured beside its reference: the effective-verdict query alone
//! (`store::eligibility::effective`), the floor every reader stands on.
//! Run: `nice -n 10 cargo bench -p saiwu-core --bench readers`.
use chrono::DateTime;
use criterion::{criterion_group, criterion_main, Criterion};
use saiwu_core::import::ApplyRequest;
use saiwu_core::model::Round;
use saiwu_core::store::eligibility;
use saiwu_core::{awards, judging, overview, Store};
use saiwu_fixtures::{write_export_xlsx, ExportSpec, Variant};

const ENTRIES: usize = 10_000;

/// Scores every entry of the round by every judge: totals only, spread so ranks are mostly distinct.
fn score_round(store: &Store, round: Round, judges: &[i64]) -> usize {
    let keys: Vec<String> = judging::round_entries(store, round).expect("round").into_iter().map(|e| e.key).collect();
    let c = store.conn();
    c.execute_batch("BEGIN").expect("begin");
    {
        let mut ins = c
            .prepare(
                "INSERT INTO scores(round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by)
                 VALUES (?1, ?2, ?3, 1, 0, NULL, ?4, '2026-07-20', 'bench')",
            )
            .expect("prepare");
        for (i, k) in keys.iter().enumerate() {
            for (ji, j) in judges.iter().enumerate() {
                ins.execute(rusqlite::params![round.code(), j, k, 5000 + ((i * 7919 + ji * 13) % 5000) as i64]).expect("score");
            }
        }
    }
    c.execute_batch("COMMIT").expect("commit");
    keys.len()
}

fn contest(dir: &std::path::Path) -> Store {
    let now = DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").expect("constant");
    let file = dir.join("export.xlsx");
    write_export_xlsx(&ExportSpec { rows: ENTRIES, seed: 7, variant: Variant::V3 }, &file).expect("fixture written");
    let mut store = Store::open(&dir.join("c.sqlite")).expect("store");
    let r = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file, ..Default::default() }, now, &mut |_| {}).expect("import");
    assert_eq!(r.new, ENTRIES);
    let judges: Vec<i64> = ["评委甲", "评委乙", "评委丙"]
        .iter()
        .map(|name| {
            store
                .conn()
                .execute(
                    "INSERT INTO judges(name, source, created_at, updated_at) VALUES (?1, 'manual', ?2, ?2)",
                    rusqlite::params![name, now.to_rfc3339()],
                )
                .expect("judge");
            store.conn().last_insert_rowid()
        })
        .collect();
    let prelim = score_round(&store, Round::Preliminary, &judges);
    assert!(prelim > 1000, "the generated export has enough 符合 entries: {prelim}");
    saiwu_core::actions::judging::advance(&mut store, 10, "秘书处", now).expect("advance");
    let finals = score_round(&store, Round::Final, &judges);
    assert!(finals >= 10, "{finals}");
    store
}

fn bench_readers(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = contest(dir.path());
    let mut g = c.benchmark_group(format!("readers_{ENTRIES}"));
    g.sample_size(10);
    g.bench_function("effective_verdicts_reference", |b| b.iter(|| eligibility::effective(store.conn()).expect("effective").len()));
    g.bench_function("ranking_preliminary", |b| b.iter(|| judging::ranking(&store, Round::Preliminary).expect("ranking").len()));
    g.bench_function("award_list", |b| b.iter(|| awards::awards(&store).expect("awards").awards.len()));
    g.bench_function("dashboard", |b| b.iter(|| overview::dashboard(&store).expect("dashboard").entries_total));
    g.finish();
}

criterion_group!(benches, bench_readers);
criterion_main!(benches);
