//! The `saiwu` program as a script would use it: exit codes, SPEC §11 JSON shapes, settings.
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{json, root, saiwu};
use serde_json::Value;

#[test]
fn import_json_has_the_spec_shape() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    let r = json(&saiwu(&db, &["import", "entries", file.to_str().unwrap(), "--json"]));
    for k in ["new", "changed", "unchanged", "missing", "skipped_rows", "problems"] {
        assert!(r.get(k).is_some(), "missing key {k}");
    }
    assert_eq!(r["new"], 240);
    let p = &r["problems"][0];
    for k in ["file", "sheet", "row", "column", "code", "message", "hint"] {
        assert!(p.get(k).is_some(), "problem lacks {k}");
    }
    assert_eq!(p["file"], "export_v1.xlsx");

    let list = json(&saiwu(&db, &["entries", "--json"]));
    let list = list.as_array().expect("a top-level array");
    assert_eq!(list.len(), 240);
    let e = &list[0];
    for k in [
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
        "members",
        "leader",
        "unit",
        "registered_at",
        "site_status",
        "source",
        "extra",
    ] {
        assert!(e.get(k).is_some(), "entry lacks {k}");
    }
    assert_eq!(e["source"]["file"], "export_v1.xlsx");
    assert!(["enterprise", "startup"].contains(&e["group"].as_str().unwrap()));
    assert!(e["registered_at"].as_str().unwrap().ends_with("+08:00"));
    // The CLI is the local operator's tool: full ID numbers.
    assert!(!e["leader"]["id_number"].as_str().unwrap_or("").contains('*'));
}

#[test]
fn bad_input_exits_2_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let small = root().join("fixtures/handmade/small.xlsx");
    json(&saiwu(&db, &["import", "entries", small.to_str().unwrap(), "--json"]));
    let bad = root().join("fixtures/handmade/not_a_workbook.xlsx");
    let o = saiwu(&db, &["import", "entries", bad.to_str().unwrap(), "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not_a_workbook.xlsx") && err.contains("IMPORT_UNSUPPORTED_TYPE"), "{err}");
    assert_eq!(json(&saiwu(&db, &["entries", "--json"])).as_array().unwrap().len(), 6);
    let o = saiwu(&db, &["import", "entries", "/no/such/file.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
    let o = saiwu(&db, &["no-such-command"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn settings_get_and_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let o = saiwu(&db, &["settings", "get", "deadline"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "2026-07-10");
    assert!(saiwu(&db, &["settings", "set", "reference_date", "2026-07-31"]).status.success());
    let o = saiwu(&db, &["settings", "get", "reference_date"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "2026-07-31");
    let o = saiwu(&db, &["settings", "set", "deadline", "明天"]);
    assert_eq!(o.status.code(), Some(2));
    let all = json(&saiwu(&db, &["settings", "get"]));
    assert_eq!(all["deadline"], "2026-07-10");
    assert_eq!(all["organizing_units"].as_array().unwrap().len(), 20);
}

/// SPEC §12's per-group keys from the command line; the old list-shaped keys still set them; a bad amount is
/// refused (exit 2) with a message naming the field.
#[test]
fn settings_award_quota_cash_and_provincial_quota() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let q = r#"{"enterprise":{"first":2,"second":2,"third":3,"excellence":8},"startup":{"first":1,"second":1,"third":2,"excellence":5}}"#;
    assert!(saiwu(&db, &["settings", "set", "award_quota", q]).status.success());
    let all = json(&saiwu(&db, &["settings", "get"]));
    assert_eq!(all["award_quota"]["enterprise"]["first"], 2);
    assert_eq!(all["award_quota"]["startup"]["excellence"], 5);
    assert_eq!(all["award_cash"]["startup"]["first"], 30000);
    assert!(saiwu(&db, &["settings", "set", "provincial_quotas", r#"[{"group":"enterprise","count":4},{"group":"startup","count":2}]"#])
        .status
        .success());
    assert_eq!(json(&saiwu(&db, &["settings", "get", "provincial_quota"])), serde_json::json!({"enterprise": 4, "startup": 2}));
    let bad = r#"{"enterprise":{"first":-5,"second":0,"third":0,"excellence":0},"startup":{"first":1,"second":1,"third":1,"excellence":1}}"#;
    let o = saiwu(&db, &["settings", "set", "award_cash", bad]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("企业组一等奖"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn undo_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let small = root().join("fixtures/handmade/small.xlsx");
    json(&saiwu(&db, &["import", "entries", small.to_str().unwrap(), "--json"]));
    let u = json(&saiwu(&db, &["import", "undo", "--json"]));
    assert!(u["message"].as_str().unwrap().contains("small.xlsx"));
    assert_eq!(json(&saiwu(&db, &["entries", "--json"])), Value::Array(vec![]));
    let h = json(&saiwu(&db, &["import", "history", "--json"]));
    assert_eq!(h[0]["undone"], true);
    assert_eq!(saiwu(&db, &["import", "undo"]).status.code(), Some(2));
}

#[test]
fn check_and_eligibility_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", file.to_str().unwrap(), "--json"]));
    let list = json(&saiwu(&db, &["check", "--json"]));
    let list = list.as_array().expect("a top-level array");
    assert_eq!(list.len(), 240);
    let v = &list[0];
    for k in ["project_no", "verdict", "auto_verdict", "decided_by_person", "needs_reconfirmation", "findings"] {
        assert!(v.get(k).is_some(), "verdict lacks {k}");
    }
    assert!(["eligible", "ineligible", "review"].contains(&v["verdict"].as_str().unwrap()));
    let f = &v["findings"][0];
    assert_eq!(f["rule"], "R01");
    assert!(["pass", "warn", "review", "fail", "unchecked"].contains(&f["outcome"].as_str().unwrap()));

    let out = dir.path().join("资格审查结果.xlsx");
    let o = saiwu(&db, &["export", "eligibility", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    use calamine::{open_workbook_auto, Data, Reader};
    let mut wb = open_workbook_auto(&out).unwrap();
    assert_eq!(wb.sheet_names(), ["资格审查结果", "审查明细", "未检查的规则"]);
    let r = wb.worksheet_range("资格审查结果").unwrap();
    assert_eq!(r.height(), 241);
    assert_eq!(r.get_value((0, 5)), Some(&Data::String("结论".into())));
    let detail = wb.worksheet_range("审查明细").unwrap();
    let all: String = detail.rows().flat_map(|row| row.iter().map(|c| c.to_string())).collect::<Vec<_>>().join("|");
    assert!(!all.chars().collect::<Vec<_>>().windows(18).any(|w| w.iter().all(|c| c.is_ascii_digit())), "no full ID numbers in the report");
    assert_eq!(saiwu(&db, &["export", "nothing", "--out", "x.xlsx"]).status.code(), Some(2));
}

#[test]
fn import_reference_judges_upserts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/handmade/judges.xlsx");
    let r = json(&saiwu(&db, &["import", "reference", "judges", file.to_str().unwrap(), "--json"]));
    assert_eq!((r["kind"].as_str(), r["rows"].as_u64()), (Some("judges"), Some(6)));
    assert_eq!((r["added"].as_u64(), r["updated"].as_u64(), r["unchanged"].as_u64(), r["kept"].as_u64()), (Some(6), Some(0), Some(0), Some(0)));
    let list = json(&saiwu(&db, &["judges", "--json"]));
    let list = list.as_array().expect("a top-level array");
    assert_eq!(list.len(), 6);
    // The operator's tool shows full phones.
    assert_eq!(list[1]["phone"], "13900000102");
    let ids: Vec<&Value> = list.iter().map(|j| &j["id"]).collect();

    // Again, human-readable: nothing added, the same ids.
    let o = saiwu(&db, &["import", "reference", "judges", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("新增 0") && text.contains("未变 6"), "{text}");
    let again = json(&saiwu(&db, &["judges", "--json"]));
    assert_eq!(again.as_array().unwrap().iter().map(|j| &j["id"]).collect::<Vec<_>>(), ids);

    // A list that is not a judges list: exit 2, nothing changed.
    let o = saiwu(&db, &["import", "reference", "judges", root().join("fixtures/handmade/no_header.xlsx").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(json(&saiwu(&db, &["judges", "--json"])).as_array().unwrap().len(), 6);
}

/// The rounds from a script: judges, panels, a score sheet exported, filled in and imported,
/// `ranking --json` in the SPEC §11 shape, a refused sheet (exit 2, nothing changed), advancement
/// and a reproducible draw.
#[test]
fn rounds_from_the_command_line() {
    use calamine::{open_workbook_auto, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let export = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", export.to_str().unwrap(), "--json"]));
    let judges = root().join("fixtures/handmade/judges.xlsx");
    assert!(saiwu(&db, &["import", "reference", "judges", judges.to_str().unwrap()]).status.success());
    let panels = json(&saiwu(&db, &["panels", "--round", "preliminary", "--auto", "--json"]));
    assert_eq!(panels.as_array().unwrap().len(), 2);

    // The app's sheet lists every judge × entry; fill it in as a CSV with one 总分 column.
    let sheet = dir.path().join("sheet.xlsx");
    assert!(saiwu(&db, &["scores", "export", "--round", "preliminary", "--out", sheet.to_str().unwrap()]).status.success());
    let mut wb = open_workbook_auto(&sheet).unwrap();
    let mut csv = String::from("项目编号,评委,总分\n");
    let mut rows = 0;
    for name in wb.sheet_names().to_vec() {
        let range = wb.worksheet_range(&name).unwrap();
        for (i, r) in range.rows().skip(1).enumerate() {
            let total = 60.0 + ((i * 37) % 400) as f64 / 10.0; // 60.0 … 99.9
            csv.push_str(&format!("{},{},{}\n", r[0], r[1], total));
            rows += 1;
        }
    }
    assert!(rows > 100);
    let filled = dir.path().join("filled.csv");
    std::fs::write(&filled, &csv).unwrap();
    let r = json(&saiwu(&db, &["scores", "import", filled.to_str().unwrap(), "--round", "preliminary", "--json"]));
    assert_eq!(r["rows"], rows);
    assert_eq!(r["written"], rows);

    let ranking = json(&saiwu(&db, &["ranking", "--round", "preliminary", "--json"]));
    let list = ranking.as_array().expect("a top-level array");
    let first = list.iter().find(|e| e["rank"] == 1).unwrap();
    for k in ["project_no", "group", "score", "score_display", "rank", "tie_unresolved", "valid_judges", "recused", "dropped"] {
        assert!(first.get(k).is_some(), "ranking lacks {k}");
    }
    assert_eq!(first["valid_judges"], 6);
    assert_eq!(first["dropped"].as_array().unwrap().len(), 2, "6 judges: one highest and one lowest dropped");
    let display = first["score_display"].as_str().unwrap();
    assert_eq!(display.split('.').nth(1).map(str::len), Some(2), "{display}");

    // A refused sheet: exit 2, the cell named, the ranking unchanged.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, csv.replacen(",60\n", ",160\n", 1)).unwrap();
    let o = saiwu(&db, &["scores", "import", bad.to_str().unwrap(), "--round", "preliminary"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("超出") && err.contains("C 总分"), "{err}");
    assert_eq!(json(&saiwu(&db, &["ranking", "--round", "preliminary", "--json"])), ranking);

    // Advancement, then the final's draw: the same seed, the same order.
    let adv = json(&saiwu(&db, &["advance", "--round", "final", "--top", "3", "--json"]));
    assert_eq!(adv["top_n"], 3);
    let final_list = json(&saiwu(&db, &["ranking", "--round", "final", "--json"]));
    let n = final_list.as_array().unwrap().len();
    assert!((6..=8).contains(&n), "3 per group (plus ties at the line): {n}");
    let d1 = json(&saiwu(&db, &["draw", "--round", "final", "--group", "enterprise", "--seed", "42", "--json"]));
    let d2 = json(&saiwu(&db, &["draw", "--round", "final", "--group", "enterprise", "--seed", "42", "--json"]));
    assert_eq!(d1["order"], d2["order"]);
    assert_eq!(d1["seed"], "42");
}

#[test]
fn backup_restore_and_a_contest_moved_as_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", file.to_str().unwrap(), "--json"]));
    let list = json(&saiwu(&db, &["backups", "--json"]));
    assert_eq!(list[0]["reason"], "before-import");
    let before_import = list[0]["path"].as_str().unwrap().to_string();

    // The whole contest as one file, opened elsewhere (another laptop: another --db).
    let moved = dir.path().join("handover.sqlite");
    json(&saiwu(&db, &["backup", "--out", moved.to_str().unwrap(), "--json"]));
    assert_eq!(json(&saiwu(&moved, &["entries", "--json"])).as_array().unwrap().len(), 240);

    // Restore to before the import, then undo that restore with the safety copy.
    let r = json(&saiwu(&db, &["restore", &before_import, "--json"]));
    assert_eq!(r["summary"]["entries"], 0);
    assert_eq!(json(&saiwu(&db, &["entries", "--json"])).as_array().unwrap().len(), 0);
    let safety = r["safety_backup"]["path"].as_str().unwrap().to_string();
    let o = saiwu(&db, &["restore", &safety]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("报名项目 240 个"), "{}", String::from_utf8_lossy(&o.stdout));
    assert_eq!(json(&saiwu(&db, &["entries", "--json"])).as_array().unwrap().len(), 240);

    // Not a contest file: exit 2 with a Chinese message, nothing changed.
    let bad = dir.path().join("bad.sqlite");
    std::fs::write(&bad, "x").unwrap();
    let o = saiwu(&db, &["restore", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("不是本软件的赛事文件"), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(json(&saiwu(&db, &["entries", "--json"])).as_array().unwrap().len(), 240);
}

#[test]
fn backups_list_their_recorded_time_sizes_total_and_policy_for_any_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("2026-长治 v1.2.sqlite");
    let b = json(&saiwu(&db, &["backup", "--json"]));
    assert_eq!(b["recorded"], true);
    let taken = b["taken_at_rfc3339"].as_str().unwrap().to_string();
    assert!(chrono::DateTime::parse_from_rfc3339(&taken).is_ok(), "{taken}");
    assert!(!b["taken_at"].as_str().unwrap().starts_with("1970"), "{b}");
    assert!(saiwu(&db, &["backup"]).status.success());

    let list = json(&saiwu(&db, &["backups", "--json"]));
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    let total: u64 = list.iter().map(|b| b["bytes"].as_u64().unwrap()).sum();
    let o = saiwu(&db, &["backups"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains(&format!("共 2 个备份，合计 {} KB。", (total / 1024).max(1))), "{text}");
    assert!(text.contains("保留规则：手动备份全部保留；自动备份保留最近 20 个"), "{text}");
    assert!(text.lines().next().unwrap().starts_with(list[0]["taken_at"].as_str().unwrap()), "{text}");
}

#[test]
fn audit_verify_passes_then_names_an_edit_behind_the_apps_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", file.to_str().unwrap(), "--json"]));
    let list = json(&saiwu(&db, &["check", "--json"]));
    let no =
        list.as_array().unwrap().iter().find(|v| v["verdict"] == "review").expect("an entry to review")["project_no"].as_str().unwrap().to_string();
    // A screening decision through the core (the CLI has no decide command; the window does).
    {
        let mut store = saiwu_core::Store::open(&db).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap();
        saiwu_core::actions::screening::decide(&mut store, &no, saiwu_core::model::Verdict::Eligible, "补充材料已核实", "审核员", now).unwrap();
    }
    let r = json(&saiwu(&db, &["audit", "verify", "--json"]));
    assert_eq!(r["ok"], true, "{r}");
    let o = saiwu(&db, &["audit", "verify"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("审计校验通过"));

    // A decision rewritten with another tool, its audit trigger dropped first.
    let c = rusqlite::Connection::open(&db).unwrap();
    c.execute_batch("DROP TRIGGER audit_decisions_update; UPDATE decisions SET verdict = 'ineligible';").unwrap();
    drop(c);
    let o = saiwu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("在软件之外被修改过"), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(String::from_utf8_lossy(&o.stderr).contains("审计校验未通过"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn the_data_dir_holds_the_default_contest_and_the_audit_head() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("数据");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_saiwu"))
        .arg("--data-dir")
        .arg(&data)
        .args(["import", "entries", file.to_str().unwrap(), "--json"])
        .output()
        .unwrap();
    json(&o);
    assert!(data.join("contest.sqlite").is_file(), "the default contest lives in the data folder");
    let heads: Vec<PathBuf> = std::fs::read_dir(data.join("audit-heads")).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(heads.len(), 1, "{heads:?}");
    let head: Value = serde_json::from_str(&std::fs::read_to_string(&heads[0]).unwrap()).unwrap();
    let r = json(&Command::new(env!("CARGO_BIN_EXE_saiwu")).arg("--data-dir").arg(&data).args(["audit", "verify", "--json"]).output().unwrap());
    assert_eq!(head["head"], r["head"], "{head} {r}");
    assert_eq!(head["count"], r["entries"]);
    assert!(head["at"].as_str().is_some());
    assert_eq!(heads[0].file_stem().unwrap().to_str().unwrap(), r["contest_id"].as_str().unwrap());
}

#[test]
fn audit_verify_checks_a_printed_head_and_names_a_shortened_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", file.to_str().unwrap(), "--json"]));
    let no = json(&saiwu(&db, &["check", "--json"])).as_array().unwrap()[0]["project_no"].as_str().unwrap().to_string();
    {
        let mut store = saiwu_core::Store::open(&db).unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap();
        saiwu_core::actions::screening::decide(&mut store, &no, saiwu_core::model::Verdict::Eligible, "补充材料已核实", "审核员", now).unwrap();
    }
    let r = json(&saiwu(&db, &["audit", "verify", "--json"]));
    let head = r["head"].as_str().unwrap()[..16].to_string();
    let o = saiwu(&db, &["audit", "verify", "--head", &head]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains(&format!("审计链：{head}")), "{}", String::from_utf8_lossy(&o.stdout));
    let o = saiwu(&db, &["audit", "verify", "--head", "0123456789abcdef"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("不在审计日志中"), "{}", String::from_utf8_lossy(&o.stdout));

    // The decision and its log entry removed behind the app's back, guards dropped first.
    let c = rusqlite::Connection::open(&db).unwrap();
    let triggers: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in triggers {
        c.execute_batch(&format!("DROP TRIGGER \"{t}\"")).unwrap();
    }
    c.execute_batch("DELETE FROM decisions; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);").unwrap();
    drop(c);
    let o = saiwu(&db, &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("审计日志比本机记录的短"), "{}", String::from_utf8_lossy(&o.stdout));
    // Any other command leaves the evidence alone.
    json(&saiwu(&db, &["entries", "--json"]));
    assert_eq!(saiwu(&db, &["audit", "verify"]).status.code(), Some(2));
}

/// A contest file whose verdicts an older release's rules made is re-screened when the program opens it,
/// before any command reads the verdicts (SPEC §12: the stored verdicts are the one truth).
#[test]
fn a_contest_screened_by_older_rules_is_rescreened_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let file = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", file.to_str().unwrap(), "--json"]));
    let runs = |db: &Path| -> Vec<String> {
        let c = rusqlite::Connection::open(db).unwrap();
        let mut s = c.prepare("SELECT trigger FROM screening_runs ORDER BY id").unwrap();
        s.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap()
    };
    let before = runs(&db);
    assert_eq!(before.len(), 1, "the import's own run: {before:?}");
    {
        // What an older release leaves behind: another rules version, and one verdict gone stale.
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute("UPDATE screening_state SET value = '2020.1.1' WHERE key = 'rules_version'", []).unwrap();
        c.execute(
            "UPDATE verdicts SET auto_verdict = 'ineligible', findings_hash = 'older' WHERE entry_key = (SELECT min(entry_key) FROM verdicts)",
            [],
        )
        .unwrap();
    }
    let checked = json(&saiwu(&db, &["check", "--json"]));
    let after = runs(&db);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(after[1].contains("2020.1.1"), "the run says why: {}", after[1]);
    // The stale verdict was replaced by the rules' own: the counts match a fresh screening of the same file.
    let fresh = dir.path().join("fresh.sqlite");
    json(&saiwu(&fresh, &["import", "entries", file.to_str().unwrap(), "--json"]));
    let again = json(&saiwu(&fresh, &["check", "--json"]));
    let verdicts = |v: &Value| v.as_array().unwrap().iter().map(|e| e["verdict"].to_string()).collect::<Vec<_>>();
    assert_eq!(verdicts(&checked), verdicts(&again));
    // Opening again changes nothing more.
    json(&saiwu(&db, &["check", "--json"]));
    assert_eq!(runs(&db).len(), 2);
}

/// Issue #11: `panels --auto --judges-per-panel N` (checked, judges taken in turn) and `conflicts --dismiss IDS
/// --reason --by` (all or nothing: an id that is not a suggestion refuses the whole dismissal).
#[test]
fn panels_with_a_judge_count_and_a_bulk_dismissal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let export = root().join("fixtures/generated/export_v1.xlsx");
    json(&saiwu(&db, &["import", "entries", export.to_str().unwrap(), "--json"]));
    let judges = root().join("fixtures/handmade/judges.xlsx");
    assert!(saiwu(&db, &["import", "reference", "judges", judges.to_str().unwrap()]).status.success());
    let n = json(&saiwu(&db, &["judges", "--json"])).as_array().unwrap().len();
    let o = saiwu(&db, &["panels", "--round", "preliminary", "--auto", "--judges-per-panel", &(n + 1).to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(&format!("1 到 {n}")), "{}", String::from_utf8_lossy(&o.stderr));
    let panels = json(&saiwu(&db, &["panels", "--round", "preliminary", "--auto", "--judges-per-panel", "2", "--json"]));
    let panels = panels.as_array().unwrap();
    assert_eq!(panels.len(), 2);
    assert!(panels.iter().all(|p| p["judges"].as_array().unwrap().len() == 2), "{panels:?}");
    assert_ne!(panels[0]["judges"], panels[1]["judges"], "the second panel takes the next judges");

    let o = saiwu(&db, &["conflicts", "--round", "preliminary", "--dismiss", "999,1000", "--reason", "同名不同人", "--by", "秘书处"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("999"), "{}", String::from_utf8_lossy(&o.stderr));
    let o = saiwu(&db, &["conflicts", "--round", "preliminary", "--dismiss", "1", "--by", "秘书处"]);
    assert_eq!(o.status.code(), Some(2), "a reason is required");
}
