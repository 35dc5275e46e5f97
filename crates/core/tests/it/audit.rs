//! The hash-chained audit log (SPEC §9): changes made through the app verify clean; a contest file edited
//! behind the app's back — a score changed, a row added or removed, the log itself altered — is named.
use std::path::{Path, PathBuf};

use crate::support::root;
use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::judging::{self, Round, ScoreValue};
use saiwu_core::rules::Verdict;
use saiwu_core::store::audit;
use saiwu_core::{screening, settings, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap()
}

/// export_v1 imported, two judges, three scores keyed (one corrected), one screening decision.
fn contest(dir: &Path) -> PathBuf {
    let db = dir.join("c.sqlite");
    let mut store = Store::open(&db).unwrap();
    import::apply(&mut store, &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() }, now(), &mut |_| {})
        .unwrap();
    for name in ["赵评一", "钱评二"] {
        store
            .conn()
            .execute(
                "INSERT INTO judges(name, organization, source, created_at, updated_at) VALUES (?1, '长治学院', 'manual', ?2, ?2)",
                rusqlite::params![name, now().to_rfc3339()],
            )
            .unwrap();
    }
    let entries = judging::round_entries(&store, Round::Preliminary).unwrap();
    let n = settings::load(&store).unwrap().score_sheet(&entries[0].group).unwrap().criteria.len();
    let v = |h: i64| ScoreValue::Criteria { values: vec![h; n] };
    judging::set_score(&mut store, Round::Preliminary, 1, &entries[0].project_no, 1, &v(800), "甲", "", now()).unwrap();
    judging::set_score(&mut store, Round::Preliminary, 2, &entries[0].project_no, 1, &v(700), "甲", "", now()).unwrap();
    judging::set_score(&mut store, Round::Preliminary, 1, &entries[0].project_no, 1, &v(850), "乙", "评委更正笔误", now()).unwrap();
    screening::decide(&mut store, &entries[1].project_no, Verdict::Ineligible, "营业执照显示注册地不在长治", "审核员", now()).unwrap();
    db
}

fn outside(db: &Path) -> Connection {
    Connection::open(db).unwrap()
}

/// What a tool that knows the schema would do first: drop the audit triggers (and the log's append-only ones).
fn drop_audit_triggers(c: &Connection) {
    let triggers: Vec<String> = c
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in &triggers {
        c.execute_batch(&format!("DROP TRIGGER \"{t}\"")).unwrap();
    }
}

#[test]
fn changes_through_the_app_verify_clean() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    let store = Store::open_existing(&db).unwrap();
    let r = audit::verify(&store).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    // 3 score inserts/updates + 1 decision, at least.
    assert!(r.entries >= 4, "{r:?}");
    assert_eq!(r.rows_checked, 3, "two score cells and one decision");
}

#[test]
fn another_tool_cannot_write_an_audited_table_while_the_triggers_stand() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    let e = outside(&db).execute("UPDATE scores SET total = 9999", []).unwrap_err();
    assert!(e.to_string().contains("saiwu_audit_hash"), "{e}");
    assert!(audit::verify(&Store::open_existing(&db).unwrap()).unwrap().ok);
}

#[test]
fn edits_behind_the_apps_back_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    let c = outside(&db);
    drop_audit_triggers(&c);
    c.execute("UPDATE scores SET total = total + 100 WHERE judge_id = 2", []).unwrap();
    c.execute("DELETE FROM decisions", []).unwrap();
    c.execute(
        "INSERT INTO scores(round, judge_id, entry_key, pass, recused, criteria, total, updated_at, updated_by)
         SELECT 'preliminary', 2, key, 1, 0, NULL, 9000, '2026-07-20T10:00:00+08:00', '某人' FROM entries LIMIT 1 OFFSET 5",
        [],
    )
    .unwrap();
    // The log itself: an entry's data changed (its append-only trigger dropped first).
    c.execute("UPDATE audit_log SET data = '{}' WHERE id = 2", []).unwrap();
    drop(c);

    // Reopening remakes the triggers but explains nothing away.
    let store = Store::open_existing(&db).unwrap();
    let r = audit::verify(&store).unwrap();
    assert!(!r.ok);
    let text = r.problems.join("\n");
    assert!(text.contains("审计日志第 2 条与前面的记录对不上"), "{text}");
    assert!(text.contains("评分（scores") && text.contains("在软件之外被修改过"), "{text}");
    assert!(text.contains("不在审计日志中"), "{text}");
    assert!(text.contains("资格审查人工决定（decisions") && text.contains("在软件之外被删除"), "{text}");
}

#[test]
fn a_contest_from_before_the_log_starts_from_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    // Make it look like a version-9 file: no log, no audit triggers.
    let c = outside(&db);
    drop_audit_triggers(&c);
    c.execute_batch("DROP TABLE audit_log; PRAGMA user_version = 9;").unwrap();
    drop(c);
    let store = Store::open_existing(&db).unwrap();
    let r = audit::verify(&store).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    assert_eq!(r.entries, 3, "the three existing rows are the baseline");
    let ops: Vec<String> =
        store.conn().prepare("SELECT DISTINCT op FROM audit_log").unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(ops, ["baseline"]);
}
