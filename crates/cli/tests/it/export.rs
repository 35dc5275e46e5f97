//! `saiwu export` through the core's registry: the list scripts read, an unknown kind, the round option.
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use crate::support::{root, saiwu};
use calamine::{open_workbook_auto, Reader};
use serde_json::Value;

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every cell of every sheet as text, sheet by sheet.
fn cells(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut wb = open_workbook_auto(path).unwrap_or_else(|e| panic!("{} does not open: {e}", path.display()));
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let r = wb.worksheet_range(&name).unwrap();
            let rows = r.rows().map(|row| row.iter().map(|c| c.to_string()).collect()).collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn list_json_is_a_top_level_array_of_kinds_and_opens_no_contest() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let o = saiwu(&db, &["export", "--list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let list = v.as_array().expect("a top-level array");
    let want_keys: BTreeSet<&str> = ["kind", "title", "format", "personal", "needs_round"].into();
    for k in list {
        let keys: BTreeSet<&str> = k.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, want_keys, "{k}");
        assert!(k["format"] == "xlsx" || k["format"] == "pdf", "{k}");
        assert!(!k["title"].as_str().unwrap().is_empty());
    }
    let kind = |name: &str| list.iter().find(|k| k["kind"] == name).unwrap_or_else(|| panic!("{name} not listed"));
    // Every kind the CLI had before the registry keeps its name.
    for name in [
        "eligibility",
        "problems",
        "scores-preliminary",
        "scores-final",
        "ranking-preliminary",
        "ranking-final",
        "awards",
        "publicity",
        "recommendation",
        "units",
        "publicity-pdf",
        "recommendation-pdf",
        "signoff-pdf",
    ] {
        assert_eq!(kind(name)["needs_round"], false, "{name}");
    }
    assert_eq!(kind("publicity")["personal"], false, "a public list carries no personal data");
    assert_eq!(kind("recommendation")["personal"], true);
    assert_eq!(kind("signoff-pdf")["format"], "pdf");
    assert_eq!(kind("ranking")["needs_round"], true);
    assert!(!db.exists(), "--list must not create a contest file");
}

#[test]
fn unknown_kind_exits_2_with_the_valid_kinds_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let target = dir.path().join("x.xlsx");
    let o = saiwu(&db, &["export", "nothing", "--out", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("未知的导出类型“nothing”"), "{err}");
    assert!(err.contains("eligibility（资格审查结果）") && err.contains("signoff-pdf（评分汇总表（PDF））"), "{err}");
    assert!(!target.exists(), "nothing written for an unknown kind");
}

#[test]
fn round_option_goes_to_the_kinds_that_need_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    assert!(saiwu(&db, &["import", "entries", file.to_str().unwrap()]).status.success());
    let s = |p: &Path| p.to_str().unwrap().to_string();

    let generic = dir.path().join("排名.xlsx");
    let o = saiwu(&db, &["export", "ranking", "--out", &s(&generic)]);
    assert_eq!(o.status.code(), Some(2), "ranking without --round: {}", stderr(&o));
    assert!(stderr(&o).contains("需要指定轮次"), "{}", stderr(&o));
    assert!(!generic.exists());

    let o = saiwu(&db, &["export", "awards", "--round", "final", "--out", &s(&dir.path().join("a.xlsx"))]);
    assert_eq!(o.status.code(), Some(2), "awards takes no round: {}", stderr(&o));
    let o = saiwu(&db, &["export", "ranking-final", "--round", "preliminary", "--out", &s(&dir.path().join("r.xlsx"))]);
    assert_eq!(o.status.code(), Some(2), "ranking-final is the final's: {}", stderr(&o));

    // `ranking --round preliminary` writes what `ranking-preliminary` writes, and says so the same way.
    let fixed = dir.path().join("初赛排名.xlsx");
    let a = saiwu(&db, &["export", "ranking-preliminary", "--out", &s(&fixed)]);
    let b = saiwu(&db, &["export", "ranking", "--round", "preliminary", "--out", &s(&generic)]);
    assert!(a.status.success() && b.status.success(), "{} {}", stderr(&a), stderr(&b));
    let out_a = String::from_utf8_lossy(&a.stdout);
    assert!(out_a.starts_with("已导出初赛排名：") && out_a.contains("个项目）"), "{out_a}");
    assert_eq!(out_a.replace(&s(&fixed), "F"), String::from_utf8_lossy(&b.stdout).replace(&s(&generic), "F"));
    let sheets = cells(&fixed);
    assert!(sheets.iter().any(|(_, rows)| rows.len() > 1), "the ranking has rows: {sheets:?}");
    assert_eq!(sheets, cells(&generic));
}
