//! The optional 复赛 from a script (SPEC §12 "Rounds"): refused while off, then 初赛 → 复赛 → 决赛 with
//! `advance --round semifinal|final`, each round with its own panels, sheet and ranking.
use std::collections::HashSet;
use std::path::Path;

use crate::support::{json, refused, root, saiwu};
use serde_json::Value;

/// Exports `round`'s sheet, fills every judge × entry with a 总分 from `score(row)` and imports it back.
fn key_round(db: &Path, dir: &Path, round: &str, score: impl Fn(usize) -> f64) -> usize {
    use calamine::{open_workbook_auto, Reader};
    let sheet = dir.join(format!("{round}.xlsx"));
    assert!(saiwu(db, &["scores", "export", "--round", round, "--out", sheet.to_str().unwrap()]).status.success());
    let mut wb = open_workbook_auto(&sheet).unwrap();
    let mut csv = String::from("项目编号,评委,总分\n");
    let mut rows = 0;
    for name in wb.sheet_names().to_vec() {
        for r in wb.worksheet_range(&name).unwrap().rows().skip(1) {
            csv.push_str(&format!("{},{},{:.1}\n", r[0], r[1], score(rows)));
            rows += 1;
        }
    }
    let filled = dir.join(format!("{round}.csv"));
    std::fs::write(&filled, &csv).unwrap();
    let r = json(&saiwu(db, &["scores", "import", filled.to_str().unwrap(), "--round", round, "--json"]));
    assert_eq!(r["written"], rows);
    rows
}

fn projects(list: &Value) -> HashSet<String> {
    list.as_array().unwrap().iter().map(|e| e["project_no"].as_str().unwrap().to_string()).collect()
}

#[test]
fn the_semifinal_chain_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let export = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", export.to_str().unwrap(), "--json"]));
    let judges = root().join("fixtures/handmade/judges.xlsx");
    assert!(saiwu(&db, &["import", "reference", "judges", judges.to_str().unwrap()]).status.success());

    // Off by default: every --round semifinal is refused with the setting to turn on; advancing to 决赛 is
    // from the 初赛.
    assert_eq!(json(&saiwu(&db, &["settings", "get", "rounds.semifinal"])), Value::Bool(false));
    for args in
        [&["ranking", "--round", "semifinal"][..], &["panels", "--round", "semifinal", "--auto"], &["advance", "--round", "semifinal", "--top", "5"]]
    {
        let err = refused(&saiwu(&db, args));
        assert!(err.contains("复赛未启用") && err.contains("rounds.semifinal"), "{args:?}: {err}");
    }
    assert!(refused(&saiwu(&db, &["advance", "--round", "preliminary"])).contains("初赛是第一轮"));

    assert!(saiwu(&db, &["settings", "set", "rounds.semifinal", "true"]).status.success());
    assert_eq!(json(&saiwu(&db, &["settings", "get", "rounds.semifinal"])), Value::Bool(true));

    // 初赛 → 复赛: top 5 per group.
    json(&saiwu(&db, &["panels", "--round", "preliminary", "--auto", "--json"]));
    key_round(&db, dir.path(), "preliminary", |i| 60.0 + ((i * 37) % 400) as f64 / 10.0);
    let adv = json(&saiwu(&db, &["advance", "--round", "semifinal", "--top", "5", "--json"]));
    assert_eq!(adv["top_n"], 5);
    let prelim = json(&saiwu(&db, &["ranking", "--round", "preliminary", "--json"]));
    let semi_entries = json(&saiwu(&db, &["ranking", "--round", "semifinal", "--json"]));
    let semi_set = projects(&semi_entries);
    assert!((10..=12).contains(&semi_set.len()), "5 per group (plus ties at the line): {}", semi_set.len());
    for e in prelim.as_array().unwrap().iter().filter(|e| e["rank"].as_u64().is_some_and(|r| r <= 5) && e["tie_unresolved"] == false) {
        assert!(semi_set.contains(e["project_no"].as_str().unwrap()), "初赛 top 5 in the 复赛: {e}");
    }
    // The 决赛 is still empty: nothing advanced to it yet.
    assert!(json(&saiwu(&db, &["ranking", "--round", "final", "--json"])).as_array().unwrap().is_empty());

    // The 复赛's own panels, sheet (only its entries) and scores, ranked on their own.
    let panels = json(&saiwu(&db, &["panels", "--round", "semifinal", "--auto", "--json"]));
    let in_panels: usize = panels.as_array().unwrap().iter().map(|p| p["entries"].as_array().unwrap().len()).sum();
    assert_eq!(in_panels, semi_set.len());
    let rows = key_round(&db, dir.path(), "semifinal", |i| 99.0 - ((i * 53) % 390) as f64 / 10.0);
    assert_eq!(rows, semi_set.len() * 6, "6 judges × the 复赛's entries");
    let semi = json(&saiwu(&db, &["ranking", "--round", "semifinal", "--json"]));
    assert!(semi.as_array().unwrap().iter().all(|e| e["rank"].is_u64()), "every 复赛 entry ranked");

    // 复赛 → 决赛: the final's list is the 复赛 ranking's top 2 per group.
    json(&saiwu(&db, &["advance", "--round", "final", "--top", "2", "--json"]));
    let finals = projects(&json(&saiwu(&db, &["ranking", "--round", "final", "--json"])));
    let top2: HashSet<String> = semi
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["rank"].as_u64().is_some_and(|r| r <= 2) && e["tie_unresolved"] == false)
        .map(|e| e["project_no"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(finals, top2);
    assert!(finals.is_subset(&semi_set));
    // The exports with a round take the 复赛: the generic kind with --round, and its own kinds.
    for (kind, file) in [("ranking", "排名.xlsx"), ("ranking-semifinal", "复赛排名.xlsx"), ("scores-semifinal", "复赛评分明细.xlsx")] {
        let out = dir.path().join(file);
        let mut args = vec!["export", kind, "--out", out.to_str().unwrap()];
        if kind == "ranking" {
            args.extend(["--round", "semifinal"]);
        }
        let o = saiwu(&db, &args);
        assert!(o.status.success(), "{kind}: {}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains("复赛"), "{kind}: {}", String::from_utf8_lossy(&o.stdout));
    }

    // The 复赛 holds work now: switching it off is refused, naming what to remove.
    let err = refused(&saiwu(&db, &["settings", "set", "rounds.semifinal", "false"]));
    assert!(err.contains("不能关闭复赛") && err.contains("评审组") && err.contains("评分"), "{err}");
    assert_eq!(json(&saiwu(&db, &["settings", "get", "rounds.semifinal"])), Value::Bool(true));
}
