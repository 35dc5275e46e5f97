//! Every committed fixture imported and compared, field by field and problem by problem, with the
//! truth files the generator wrote beside it (fixtures/generated/*.truth.jsonl) and with the
//! hand-checked expectations (fixtures/handmade/*.expected.json).
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use crate::support::root;
use chrono::{DateTime, FixedOffset};
use saiwu_core::import::{self, ApplyRequest, ImportResult};
use saiwu_core::{entries, Store};
use serde_json::Value;

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap()
}

fn import(store: &mut Store, rel: &str) -> ImportResult {
    let path = root().join(rel);
    saiwu_core::actions::import::apply(store, &ApplyRequest { path, ..Default::default() }, now(), &mut |_| {}).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn same_number(a: &Value, b: &Value) -> bool {
    match (a.as_f64(), b.as_f64()) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-6,
        _ => a == b,
    }
}

/// Compares one imported entry (as JSON) with its truth line; returns the differences.
fn diff_entry(got: &Value, want: &Value, mismatches: &mut Vec<String>) {
    let no = want["project_no"].as_str().unwrap_or("?");
    const FIELDS: &[&str] = &[
        "project_no",
        "group",
        "kind",
        "project_name",
        "field",
        "entrant_name",
        "credit_code",
        "founded_on",
        "address",
        "county",
        "industry",
        "employees",
        "revenue_wan",
        "assets_wan",
        "on_market",
        "ip_summary",
        "ip_holder",
        "ip_dispute",
        "dishonesty_declared",
        "leader",
        "members",
        "unit",
        "registered_at",
        "site_status",
    ];
    for f in FIELDS {
        let Some(w) = want.get(*f) else { continue };
        let g = &got[*f];
        if !same_number(g, w) {
            mismatches.push(format!("{no} {f}: got {g} want {w}"));
        }
    }
    if let Some(src) = want.get("source") {
        for k in ["row", "sheet"] {
            if src.get(k).is_some() && got["source"][k] != src[k] {
                mismatches.push(format!("{no} source.{k}: got {} want {}", got["source"][k], src[k]));
            }
        }
    }
}

/// Problems as comparable strings. The importer names a column under a two-row header as
/// "G 企业信息/社会信用代码"; the truth files name the leaf only ("G 社会信用代码").
fn problem_set(list: impl Iterator<Item = (String, Option<String>, Option<usize>, String)>) -> BTreeSet<String> {
    list.map(|(code, col, row, sheet)| {
        let col = col.unwrap_or_default();
        let col = match (col.split_once(' '), col.rsplit_once('/')) {
            (Some((letter, _)), Some((_, leaf))) => format!("{letter} {leaf}"),
            _ => col,
        };
        format!("{code}@{sheet}!{}:{col}", row.unwrap_or(0))
    })
    .collect()
}

fn check_against_truth(file: &str) {
    let mut store = Store::open_in_memory().unwrap();
    let result = import(&mut store, &format!("fixtures/generated/{file}"));
    let truth_path = root().join(format!("fixtures/generated/{}.truth.jsonl", file.rsplit_once('.').unwrap().0));
    let truth: Vec<Value> =
        std::fs::read_to_string(&truth_path).unwrap().lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    let got: HashMap<String, Value> =
        entries::list(&store).unwrap().into_iter().map(|e| (e.project_no.clone().unwrap_or_default(), serde_json::to_value(e).unwrap())).collect();
    let mut mismatches = Vec::new();
    if got.len() != truth.len() {
        mismatches.push(format!("entry count: got {} want {}", got.len(), truth.len()));
    }
    for w in &truth {
        let no = w["project_no"].as_str().unwrap();
        match got.get(no) {
            None => mismatches.push(format!("{no}: not imported")),
            Some(g) => diff_entry(g, w, &mut mismatches),
        }
        if let Some(wp) = w.get("problems").and_then(Value::as_array) {
            let want = problem_set(wp.iter().map(|p| {
                (
                    p["code"].as_str().unwrap_or("").to_string(),
                    p["column"].as_str().map(str::to_string),
                    p["row"].as_u64().map(|r| r as usize),
                    p["sheet"].as_str().unwrap_or("").to_string(),
                )
            }));
            let have = problem_set(
                result
                    .problems
                    .iter()
                    .filter(|p| p.project_no.as_deref() == Some(no))
                    .map(|p| (p.code.clone(), p.column.clone(), p.row, p.sheet.clone())),
            );
            if want != have {
                mismatches.push(format!("{no} problems: got {have:?} want {want:?}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{file}: {} mismatches:\n{}",
        mismatches.len(),
        mismatches.iter().take(40).cloned().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn export_v1_matches_truth() {
    check_against_truth("export_v1.xlsx");
}

#[test]
fn export_v2_two_row_header_and_members_in_one_cell_matches_truth() {
    check_against_truth("export_v2.xlsx");
}

#[test]
fn export_v1_update_matches_truth() {
    check_against_truth("export_v1_update.xlsx");
}

#[test]
fn csv_utf8_matches_truth() {
    check_against_truth("export_utf8.csv");
}

#[test]
fn csv_gbk_matches_truth() {
    check_against_truth("export_gbk.csv");
}

#[test]
fn reimport_of_the_update_reports_exactly_the_expected_lists() {
    let mut store = Store::open_in_memory().unwrap();
    import(&mut store, "fixtures/generated/export_v1.xlsx");
    let r = import(&mut store, "fixtures/generated/export_v1_update.xlsx");
    let exp: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("fixtures/generated/export_v1_update.expected.json")).unwrap()).unwrap();
    let len = |k: &str| exp[k].as_array().unwrap().len();
    assert_eq!(
        (r.new, r.changed, r.missing, r.unchanged),
        (len("new"), len("changed"), len("missing"), exp["unchanged_count"].as_u64().unwrap() as usize)
    );
    let rows = entries::list_rows(&store).unwrap();
    let missing: BTreeSet<String> = rows.iter().filter(|e| e.missing).filter_map(|e| e.project_no.clone()).collect();
    let want: BTreeSet<String> = exp["missing"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert_eq!(missing, want);
}

fn check_expected(rel: &str, expected: &str) {
    let mut store = Store::open_in_memory().unwrap();
    let result = import(&mut store, rel);
    let exp: Value = serde_json::from_str(&std::fs::read_to_string(root().join(expected)).unwrap()).unwrap();
    let got: HashMap<String, Value> =
        entries::list(&store).unwrap().into_iter().map(|e| (e.project_no.clone().unwrap_or_default(), serde_json::to_value(e).unwrap())).collect();
    let mut mismatches = Vec::new();
    for w in exp["entries"].as_array().unwrap() {
        let no = w["project_no"].as_str().unwrap();
        let Some(g) = got.get(no) else {
            mismatches.push(format!("{no}: not imported"));
            continue;
        };
        diff_entry(g, w, &mut mismatches);
        if let Some(n) = w.get("members_count").and_then(Value::as_u64) {
            if g["members"].as_array().map(|m| m.len() as u64) != Some(n) && !(n == 0 && g["members"].as_array().map(|m| m.len()) == Some(1)) {
                mismatches.push(format!("{no} members_count: got {} want {n}", g["members"]));
            }
        }
        if let Some(extra) = w.get("extra").and_then(Value::as_object) {
            for (k, v) in extra {
                if g["extra"][k] != *v {
                    mismatches.push(format!("{no} extra.{k}: got {} want {v}", g["extra"][k]));
                }
            }
        }
        if let Some(wp) = w.get("problems").and_then(Value::as_array) {
            let want: BTreeSet<String> =
                wp.iter().map(|p| p.as_str().map(str::to_string).unwrap_or_else(|| p["code"].as_str().unwrap_or("").to_string())).collect();
            let have: BTreeSet<String> = result.problems.iter().filter(|p| p.project_no.as_deref() == Some(no)).map(|p| p.code.clone()).collect();
            if want != have {
                mismatches.push(format!("{no} problems: got {have:?} want {want:?}"));
            }
        }
    }
    assert!(mismatches.is_empty(), "{rel}: {} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}

#[test]
fn small_xlsx_matches_the_hand_checked_values() {
    check_expected("fixtures/handmade/small.xlsx", "fixtures/handmade/small.expected.json");
}

#[test]
fn legacy_xls_reads_like_the_xlsx() {
    check_expected("fixtures/handmade/export_small.xls", "fixtures/handmade/small.expected.json");
}

#[test]
fn ods_reads_like_the_xlsx() {
    check_expected("fixtures/handmade/export_small.ods", "fixtures/handmade/small.expected.json");
}

#[test]
fn dates_in_the_1904_system() {
    check_expected("fixtures/handmade/dates_1904.xlsx", "fixtures/handmade/dates_1904.expected.json");
}

#[test]
fn hostile_files_are_refused_with_their_name() {
    let mut store = Store::open_in_memory().unwrap();
    for (rel, code) in [
        ("fixtures/handmade/not_a_workbook.xlsx", "IMPORT_UNSUPPORTED_TYPE"),
        ("fixtures/handmade/empty.xlsx", "IMPORT_NO_HEADER"),
        ("fixtures/handmade/no_header.xlsx", "IMPORT_NO_HEADER"),
        ("fixtures/handmade/no_such_file.xlsx", "FILE_OPEN"),
    ] {
        let path = root().join(rel);
        let e = saiwu_core::actions::import::apply(&mut store, &ApplyRequest { path, ..Default::default() }, now(), &mut |_| {}).unwrap_err();
        assert_eq!(e.code(), code, "{rel}");
        let name = Path::new(rel).file_name().unwrap().to_string_lossy().to_string();
        assert!(e.to_string().contains(&name), "{rel}: {e}");
    }
    assert!(entries::list(&store).unwrap().is_empty());
    assert!(import::list_imports(&store).unwrap().is_empty());
}
