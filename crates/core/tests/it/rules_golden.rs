//! Screening's findings, byte for byte, as the rules gave them before they were made faster
//! (issue #10, SPEC §9): two generated contests (layouts V1 and V2, 1,500 entries each) screened
//! without and with reference lists. Each rule's findings (entry key, outcome, message, in entry
//! order) are digested; the expected digests were computed from main at d0c31a8, before the
//! speed-ups of the rules, `text::name_key` and the SME explanation.
//!
//! A rule whose digest differs changed an outcome or a message: that is a change of the rules
//! (bump `rules::RULES_VERSION`, say why) — or the fixtures generator changed its output.
use std::collections::{BTreeMap, HashMap};

use chrono::DateTime;
use saiwu_core::import::ApplyRequest;
use saiwu_core::screening::{self, Inputs};
use saiwu_core::store::verdicts;
use saiwu_core::Store;
use saiwu_fixtures::{write_export_xlsx, ExportSpec, Variant};
use sha2::{Digest, Sha256};

/// (layout, reference lists, rule, findings, first 16 hex digits of the SHA-256 of
/// "key\trule\toutcome\tmessage\n" over the rule's findings). Without lists only the rules that
/// read them are listed: the others are the same code path as with lists.
const EXPECTED: &[(&str, &str, &str, usize, &str)] = &[
    ("V1", "lists", "R01", 1500, "0fa9d24755a62b51"),
    ("V1", "lists", "R02", 1500, "7ac9760e10d3e710"),
    ("V1", "lists", "R03", 1500, "18e838e04584fcbb"),
    ("V1", "lists", "R04", 1206, "7ec638df966c4170"),
    ("V1", "lists", "R05", 1206, "f59fa7d8ddc76e78"),
    ("V1", "lists", "R06", 944, "00807ff90a501d96"),
    ("V1", "lists", "R07", 944, "70917bfc7dd15f3a"),
    ("V1", "lists", "R08", 556, "47dab39e2dbccb3f"),
    ("V1", "lists", "R09", 1500, "cd190b9d1077c4ce"),
    ("V1", "lists", "R10", 262, "2558a78a1bbbdce7"),
    ("V1", "lists", "R11", 1500, "8c955772222fe8a9"),
    ("V1", "lists", "R12", 556, "35111db30fb1a96d"),
    ("V1", "lists", "R13", 556, "629f0ac437696a6d"),
    ("V1", "lists", "R14", 1500, "a873dfdec1e20932"),
    ("V1", "lists", "R15", 1500, "318ee3bf0c3b6d08"),
    ("V1", "lists", "R16", 1500, "33da3e0e1ef636ee"),
    ("V1", "plain", "R03", 1500, "0b5afa6be1091e3c"),
    ("V1", "plain", "R09", 1500, "b9a0c8dff7c2f398"),
    ("V1", "plain", "R16", 1500, "072b13fa2a6bd5a1"),
    ("V2", "lists", "R01", 1500, "0183445dd67f7f98"),
    ("V2", "lists", "R02", 1500, "855011583e3d4103"),
    ("V2", "lists", "R03", 1500, "525ed73955bbe3f5"),
    ("V2", "lists", "R04", 1222, "391213d70c380b17"),
    ("V2", "lists", "R05", 1222, "446606ae66195d79"),
    ("V2", "lists", "R06", 928, "d81cc768f1ff7970"),
    ("V2", "lists", "R07", 928, "acd3b0be21e73e4d"),
    ("V2", "lists", "R08", 572, "5ccb1441f9079b3d"),
    ("V2", "lists", "R09", 1500, "2eff18e1c912739d"),
    ("V2", "lists", "R10", 294, "ef0bbb8ba1b4e6e2"),
    ("V2", "lists", "R11", 1500, "ef7b011ee873dc75"),
    ("V2", "lists", "R12", 572, "a7a1213390822df3"),
    ("V2", "lists", "R13", 572, "1f1edabc6517aa03"),
    ("V2", "lists", "R14", 1500, "2b72d51c81941121"),
    ("V2", "lists", "R15", 1500, "0db054c00b4bbb6e"),
    ("V2", "lists", "R16", 1500, "79116d304a4e9303"),
    ("V2", "plain", "R03", 1500, "0b5afa6be1091e3c"),
    ("V2", "plain", "R09", 1500, "cf9a9ffcd3bcaae7"),
    ("V2", "plain", "R16", 1500, "072b13fa2a6bd5a1"),
];

/// The contest of the screening benchmark's layout: `rows` generated entries imported, and the
/// benchmark's reference lists (names taken from the entries so that matches happen).
fn digests(variant: Variant, seed: u64, rows_n: usize) -> BTreeMap<(String, String), (usize, String)> {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").expect("constant");
    let file = dir.path().join("export.xlsx");
    write_export_xlsx(&ExportSpec { rows: rows_n, seed, variant }, &file).expect("fixture written");
    let mut store = Store::open(&dir.path().join("c.sqlite")).expect("store");
    saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path: file, ..Default::default() }, now, &mut |_| {}).expect("import");
    let conn = store.conn();
    let rows = verdicts::current_entries(conn).expect("entries");
    assert_eq!(rows.len(), rows_n);
    let problems: HashMap<_, _> = verdicts::problems_in_range(conn, 0, i64::MAX).expect("problems");
    let plain = Inputs::load(conn).expect("inputs");
    let mut lists = Inputs::load(conn).expect("inputs");
    let row = |pairs: &[(&str, serde_json::Value)]| pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect::<serde_json::Map<_, _>>();
    let named = |step: usize, n: usize| rows.iter().step_by(step).take(n).map(|r| &r.entry).collect::<Vec<_>>();
    let text = |s: &Option<String>| serde_json::Value::from(s.clone().unwrap_or_default());
    lists.refs.provincial_winners = Some(
        named(33, 300)
            .into_iter()
            .map(|e| row(&[("year", 2024.into()), ("project_name", text(&e.project_name)), ("entrant_name", text(&e.entrant_name))]))
            .collect(),
    );
    lists.refs.dishonesty = Some(named(50, 200).into_iter().map(|e| row(&[("name", text(&e.entrant_name))])).collect());
    lists.refs.other_awards =
        Some(named(100, 100).into_iter().map(|e| row(&[("project_name", text(&e.project_name)), ("entrant_name", text(&e.entrant_name))])).collect());
    let mut out: BTreeMap<(String, String), (usize, Sha256)> = BTreeMap::new();
    for (label, inputs) in [("plain", &plain), ("lists", &lists)] {
        for (r, findings) in rows.iter().zip(screening::screen_loaded(&rows, &problems, inputs)) {
            for f in findings {
                let outcome = serde_json::to_value(f.outcome).expect("an outcome serialises");
                let line = format!("{}\t{}\t{}\t{}\n", r.key, f.rule, outcome.as_str().expect("outcomes are strings"), f.message);
                let d = out.entry((label.to_string(), f.rule.clone())).or_insert_with(|| (0, Sha256::new()));
                d.0 += 1;
                d.1.update(line.as_bytes());
            }
        }
    }
    out.into_iter().map(|(k, (n, h))| (k, (n, format!("{:x}", h.finalize())[..16].to_string()))).collect()
}

#[test]
fn findings_are_those_main_gave_before_the_speed_ups() {
    for (variant, name, seed) in [(Variant::V1, "V1", 7), (Variant::V2, "V2", 11)] {
        let got = digests(variant, seed, 1_500);
        let mut wrong = Vec::new();
        for &(v, label, rule, n, digest) in EXPECTED.iter().filter(|e| e.0 == name) {
            let found = got.get(&(label.to_string(), rule.to_string())).map(|(n, d)| (*n, d.as_str()));
            if found != Some((n, digest)) {
                wrong.push(format!("{v} {label} {rule}: expected {n} findings digest {digest}, got {found:?}"));
            }
        }
        assert!(wrong.is_empty(), "findings changed:\n{}", wrong.join("\n"));
    }
}
