//! `saiwu objections`, `saiwu followup`, `saiwu provincial` and `awards --freeze --override-reason` as a
//! script uses them: SPEC §12's JSON shapes, exit 2 with a Chinese message for what the user can fix.

use crate::support::{json, ok, refused, root, saiwu};

#[test]
fn objections_followups_and_provincial_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite");
    let export = root().join("fixtures/generated/export_v1.xlsx");
    ok(&saiwu(&db, &["import", "entries", export.to_str().unwrap()]));
    let entries = json(&saiwu(&db, &["entries", "--json"]));
    let no = entries[0]["project_no"].as_str().unwrap().to_string();

    // An objection: added, listed in SPEC §12's shape, holding the freeze until closed.
    ok(&saiwu(&db, &["objections", "add", "--entry", &no, "--from", "某某公司", "--received", "2026-08-01", "--content", "核心技术涉嫌抄袭"]));
    let list = json(&saiwu(&db, &["objections", "list", "--json"]));
    let o = &list.as_array().expect("a top-level array")[0];
    let keys: std::collections::BTreeSet<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["closed_at", "content", "entry", "from", "handling", "id", "outcome", "received", "status"].into());
    assert_eq!((o["entry"].as_str(), o["status"].as_str(), o["outcome"].is_null()), (Some(no.as_str()), Some("open"), true));
    let err = refused(&saiwu(&db, &["awards", "--freeze", "主任"]));
    assert!(err.contains("公示异议") && err.contains("--override-reason"), "{err}");
    let err = refused(&saiwu(&db, &["objections", "close", "1", "--outcome", "dismissed", "--handling", "x"]));
    assert!(err.contains("未知的处理结果"), "{err}");
    ok(&saiwu(&db, &["objections", "close", "1", "--outcome", "rejected", "--handling", "经核查，技术来源清楚"]));
    let o = &json(&saiwu(&db, &["objections", "list", "--json"]))[0];
    assert_eq!((o["status"].as_str(), o["outcome"].as_str()), (Some("closed"), Some("rejected")));
    assert!(o["closed_at"].as_str().unwrap().len() == 10, "{o}");
    // Closed: the freeze now fails for its own reason (no final yet), not for the objection.
    let err = refused(&saiwu(&db, &["awards", "--freeze", "主任"]));
    assert!(!err.contains("公示异议"), "{err}");

    // Follow-up records in SPEC §12's shape; the overdue list; the export.
    ok(&saiwu(
        &db,
        &[
            "followup",
            "add",
            "--entry",
            &no,
            "--date",
            "2020-08-10",
            "--kind",
            "financing",
            "--note",
            "对接银行",
            "--amount",
            "300",
            "--next",
            "2020-09-01",
        ],
    ));
    let list = json(&saiwu(&db, &["followup", "list", "--json"]));
    let f = &list.as_array().expect("a top-level array")[0];
    let keys: std::collections::BTreeSet<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["amount_wan", "date", "entry", "id", "kind", "next_due", "note"].into());
    assert_eq!((f["kind"].as_str(), f["amount_wan"].as_f64(), f["next_due"].as_str()), (Some("financing"), Some(300.0), Some("2020-09-01")));
    assert_eq!(json(&saiwu(&db, &["followup", "list", "--overdue", "--json"])).as_array().unwrap().len(), 1, "due in 2020: overdue today");
    let err = refused(&saiwu(&db, &["followup", "add", "--entry", &no, "--date", "2026-08-10", "--kind", "visit", "--note", "x"]));
    assert!(err.contains("未知的跟踪记录类型"), "{err}");
    let out = dir.path().join("f.xlsx");
    assert!(ok(&saiwu(&db, &["export", "followup", "--out", out.to_str().unwrap()])).contains("1 条记录"));
    assert!(out.is_file());

    // The season summary: xlsx, and the PDF when the file name says .pdf (SPEC §12).
    let xlsx = dir.path().join("总结.xlsx");
    assert!(ok(&saiwu(&db, &["export", "summary", "--out", xlsx.to_str().unwrap()])).contains("9 张表"));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let pdf = dir.path().join("总结.pdf");
    ok(&saiwu(&db, &["export", "summary", "--out", pdf.to_str().unwrap()]));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"), "summary --out X.pdf writes a PDF");

    // Provincial results only for the recommendation list (empty without a final).
    let err = refused(&saiwu(&db, &["provincial", "set", &no, "一等奖"]));
    assert!(err.contains("不在推荐省赛名单"), "{err}");
    let err = refused(&saiwu(&db, &["provincial", "set", &no, "特等奖"]));
    assert!(err.contains("未知的省赛结果"), "{err}");
}
