//! The hash-chained audit log (SPEC §9): changes made through the app verify clean; a contest file edited
//! behind the app's back — a score changed, a row added or removed, the log itself altered — is named; so is
//! a log emptied, shortened or rewound, against the head kept on this laptop or a printed one (issue #9).
use std::path::{Path, PathBuf};

use crate::support::{flat, root, text_of};
use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;
use saiwu_core::import::ApplyRequest;
use saiwu_core::judging::{self, ScoreValue};
use saiwu_core::model::Round;
use saiwu_core::model::Verdict;
use saiwu_core::store::audit;
use saiwu_core::{settings, Store};

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-07-20T09:30:00+08:00").unwrap()
}

/// export_v1 imported, two judges, three scores keyed (one corrected), one screening decision.
fn contest(dir: &Path) -> PathBuf {
    let db = dir.join("c.sqlite");
    let mut store = Store::open(&db).unwrap();
    saiwu_core::actions::import::apply(
        &mut store,
        &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() },
        now(),
        &mut |_| {},
    )
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
    let n = settings::load(&store).unwrap().score_sheet(entries[0].group.unwrap()).unwrap().criteria.len();
    let v = |h: i64| ScoreValue::Criteria { values: vec![h; n] };
    saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, 1, &entries[0].project_no, 1, &v(800), "甲", "", now()).unwrap();
    saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, 2, &entries[0].project_no, 1, &v(700), "甲", "", now()).unwrap();
    saiwu_core::actions::judging::set_score(&mut store, Round::Preliminary, 1, &entries[0].project_no, 1, &v(850), "乙", "评委更正笔误", now())
        .unwrap();
    saiwu_core::actions::screening::decide(&mut store, &entries[1].project_no, Verdict::Ineligible, "营业执照显示注册地不在长治", "审核员", now())
        .unwrap();
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
    assert_eq!(r.rows_checked, 4, "two score cells, one decision and the contest id");
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
    c.execute_batch(
        "DROP TABLE audit_log; DROP TABLE contest_identity; DROP TABLE contest_events;
         DROP TABLE objections; DROP TABLE provincial_results; DROP TABLE followups; DROP TABLE growth_flags;
         DROP TABLE letter_log; DROP TABLE letters;
         DROP TABLE lan_rounds; DROP TABLE lan_tokens;
         ALTER TABLE award_sets DROP COLUMN override_reason; PRAGMA user_version = 9;",
    )
    .unwrap();
    drop(c);
    let store = Store::open_existing(&db).unwrap();
    let r = audit::verify(&store).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    let ops: Vec<String> =
        store.conn().prepare("SELECT op FROM audit_log ORDER BY id").unwrap().query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    // The three existing rows are the baseline; then 0011's two new tables, 0016's four new tables and
    // award_sets' new column, 0018's rebuilt scores (with its two cells' images again) and advancement (no rows),
    // and the contest's id.
    assert_eq!(
        ops,
        [
            "baseline", "baseline", "baseline", "schema", "schema", "schema", "schema", "schema", "schema", "schema", "schema", "baseline",
            "baseline", "schema", "insert"
        ]
    );
}

/// The contest opened as the CLI and the app do, keeping the chain head in `data`.
fn open_kept(db: &Path, data: &Path) -> Store {
    Store::open_existing(db).unwrap().with_data_dir(data)
}

fn stored_head(data: &Path, store: &Store) -> audit::StoredHead {
    let id = audit::contest_id(store.conn()).unwrap().unwrap();
    audit::read_stored_head(&audit::head_file(data, &id)).unwrap().expect("a head kept on this laptop")
}

fn first_entry_key(store: &Store) -> String {
    store.conn().query_row("SELECT entry_key FROM decisions LIMIT 1", [], |r| r.get(0)).unwrap()
}

#[test]
fn an_emptied_log_is_never_rebaselined() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    let c = outside(&db);
    drop_audit_triggers(&c);
    c.execute("UPDATE decisions SET verdict = 'eligible'", []).unwrap();
    c.execute("DELETE FROM audit_log", []).unwrap();
    drop(c);
    // Two opens, as the app and then the CLI would: still nothing explains the rows.
    drop(Store::open_existing(&db).unwrap());
    let store = Store::open_existing(&db).unwrap();
    let r = audit::verify(&store).unwrap();
    assert!(!r.ok, "an emptied log must not verify");
    assert_eq!(r.entries, 0, "no fresh baseline was taken: {r:?}");
    let text = r.problems.join("\n");
    assert!(text.contains("资格审查人工决定（decisions") && text.contains("不在审计日志中"), "{text}");
    assert!(text.contains("赛事编号（contest_identity"), "the contest's id row is never explained by an empty log: {text}");
}

#[test]
fn the_logs_guards_are_remade_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    outside(&db).execute_batch("DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;").unwrap();
    drop(Store::open_existing(&db).unwrap());
    let c = outside(&db);
    assert!(c.execute("DELETE FROM audit_log", []).unwrap_err().to_string().contains("append-only"));
    assert!(c.execute("UPDATE audit_log SET data = NULL", []).unwrap_err().to_string().contains("append-only"));
}

#[test]
fn the_head_file_is_written_when_the_chain_grows_and_its_absence_is_only_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = contest(dir.path());
    let mut store = open_kept(&db, &data);
    // No head yet: verify checks the file alone and says so.
    let r = audit::verify(&store).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    assert!(r.stored_head.is_none());
    assert!(r.notes.iter().any(|n| n.contains("本机没有此赛事的审计链记录")), "{:?}", r.notes);

    let written = store.persist_audit_head(now()).unwrap().expect("written the first time");
    let id = audit::contest_id(store.conn()).unwrap().unwrap();
    assert_eq!(written, data.join("audit-heads").join(format!("{id}.json")));
    let head = audit::chain_head(store.conn()).unwrap();
    assert_eq!(stored_head(&data, &store), audit::StoredHead { head: head.hash.clone(), count: head.count, at: now().to_rfc3339() });
    // Written beside and renamed: nothing else is left in the folder.
    let names: Vec<_> = std::fs::read_dir(data.join("audit-heads")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // Unchanged chain: nothing written.
    assert_eq!(store.persist_audit_head(now()).unwrap(), None);
    // A change through the app: the head follows.
    let key = first_entry_key(&store);
    let no: String = store.conn().query_row("SELECT project_no FROM entries WHERE key = ?1", [&key], |r| r.get(0)).unwrap();
    saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, "复核后改判", "审核员", now()).unwrap();
    assert!(store.persist_audit_head(now()).unwrap().is_some());
    assert_eq!(stored_head(&data, &store).count, audit::chain_head(store.conn()).unwrap().count);
    let r = audit::verify(&store).unwrap();
    assert!(r.ok && r.notes.iter().any(|n| n.contains("与本机记录的审计链一致")), "{r:?}");
}

#[test]
fn a_log_shortened_behind_the_apps_back_is_named_and_the_stored_head_kept() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = contest(dir.path());
    let store = open_kept(&db, &data);
    store.persist_audit_head(now()).unwrap();
    let kept = stored_head(&data, &store);
    drop(store);
    // The guards dropped, the newest entry (the screening decision) removed, and the decision with it.
    let c = outside(&db);
    drop_audit_triggers(&c);
    c.execute_batch("DELETE FROM decisions; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);").unwrap();
    drop(c);

    let store = open_kept(&db, &data);
    // The file alone looks consistent; the head kept on this laptop does not.
    assert!(audit::verify(&Store::open_existing(&db).unwrap()).unwrap().ok, "self-consistent without the head");
    let r = audit::verify(&store).unwrap();
    assert!(!r.ok);
    let text = r.problems.join("\n");
    assert!(text.contains("审计日志比本机记录的短") && text.contains("被截短、清空或回退"), "{text}");
    assert!(text.contains(&kept.head[..16]) && text.contains(&format!("共 {} 条", kept.count)), "{text}");
    // Later commands do not overwrite the evidence.
    assert_eq!(store.persist_audit_head(now()).unwrap(), None);
    assert_eq!(stored_head(&data, &store), kept);
}

#[test]
fn a_file_rewound_to_an_earlier_copy_is_named_by_the_head() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = contest(dir.path());
    let early = dir.path().join("early.sqlite");
    let mut store = open_kept(&db, &data);
    store.conn().execute("VACUUM INTO ?1", [early.to_string_lossy()]).unwrap();
    let key = first_entry_key(&store);
    let no: String = store.conn().query_row("SELECT project_no FROM entries WHERE key = ?1", [&key], |r| r.get(0)).unwrap();
    saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, "复核后改判", "审核员", now()).unwrap();
    store.persist_audit_head(now()).unwrap();
    drop(store);
    // The earlier copy put back with a file manager: its log and rows agree with each other.
    for ext in ["sqlite-wal", "sqlite-shm"] {
        let _ = std::fs::remove_file(db.with_extension(ext));
    }
    std::fs::copy(&early, &db).unwrap();
    let r = audit::verify(&open_kept(&db, &data)).unwrap();
    assert!(!r.ok);
    assert!(r.problems.iter().any(|p| p.contains("审计日志比本机记录的短")), "{:?}", r.problems);
}

#[test]
fn a_restore_is_an_event_in_the_log_and_verifies_clean() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = contest(dir.path());
    let mut store = open_kept(&db, &data);
    store.persist_audit_head(now()).unwrap();
    let backup = saiwu_core::actions::backups::backup_now(&store, now()).unwrap();
    let key = first_entry_key(&store);
    let no: String = store.conn().query_row("SELECT project_no FROM entries WHERE key = ?1", [&key], |r| r.get(0)).unwrap();
    saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, "复核后改判", "审核员", now()).unwrap();
    // Not persisted after the decision: the restore catches the head up itself.
    let before = audit::chain_head(store.conn()).unwrap();
    saiwu_core::actions::backups::restore(&mut store, &backup.path, now()).unwrap();

    let (kind, detail, prev_head, prev_count): (String, String, String, i64) = store
        .conn()
        .query_row("SELECT kind, detail, prev_head, prev_count FROM contest_events", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap();
    assert_eq!(kind, "restore");
    assert_eq!((prev_head.as_str(), prev_count), (before.hash.as_str(), before.count));
    assert!(detail.contains(&backup.file_name), "{detail}");
    // The event is itself in the log, and the head kept on this laptop moved to the restored chain.
    let logged: i64 = store.conn().query_row("SELECT count(*) FROM audit_log WHERE tbl = 'contest_events'", [], |r| r.get(0)).unwrap();
    assert!(logged >= 1);
    assert_eq!(stored_head(&data, &store).head, audit::chain_head(store.conn()).unwrap().hash);
    let r = audit::verify(&store).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    // A head printed before the restore is accounted for by the event.
    let r = audit::verify_with_head(&store, Some(&before.hash[..16])).unwrap();
    assert!(r.ok && r.notes.iter().any(|n| n.contains("从备份恢复")), "{r:?}");
}

/// The verify action (what 审计校验 and `saiwu audit verify` run): a clean chain becomes the head this laptop
/// keeps; a chain that fails leaves the kept head as it was, the evidence for the next check.
#[test]
fn the_verify_action_keeps_a_clean_head_and_leaves_a_failed_one() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let db = contest(dir.path());
    let mut store = open_kept(&db, &data);
    store.persist_audit_head(now()).unwrap();
    let key = first_entry_key(&store);
    let no: String = store.conn().query_row("SELECT project_no FROM entries WHERE key = ?1", [&key], |r| r.get(0)).unwrap();
    saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, "复核后改判", "审核员", now()).unwrap();
    let grown = audit::chain_head(store.conn()).unwrap();
    assert_ne!(stored_head(&data, &store).head, grown.hash, "not persisted after the decision");
    let r = saiwu_core::actions::audit::verify(&store, None, now()).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    assert_eq!(stored_head(&data, &store).head, grown.hash);
    // The chain grows again, then a row is edited behind the app's back: verify fails and the kept head
    // stays where the last clean check left it.
    saiwu_core::actions::screening::decide(&mut store, &no, Verdict::Eligible, "再次复核", "审核员", now()).unwrap();
    assert_ne!(audit::chain_head(store.conn()).unwrap().hash, grown.hash);
    drop(store);
    let c = outside(&db);
    drop_audit_triggers(&c);
    c.execute_batch("UPDATE decisions SET verdict = 'ineligible';").unwrap();
    drop(c);
    let store = open_kept(&db, &data);
    let r = saiwu_core::actions::audit::verify(&store, None, now()).unwrap();
    assert!(!r.ok);
    assert_eq!(stored_head(&data, &store).head, grown.hash);
    // A malformed printed head is the user's input to correct.
    assert_eq!(saiwu_core::actions::audit::verify(&store, Some("3f2a"), now()).unwrap_err().code(), "INVALID_INPUT");
}

#[test]
fn a_printed_head_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    let store = Store::open_existing(&db).unwrap();
    let head = audit::chain_head(store.conn()).unwrap();
    let right = head.short().to_uppercase();
    let r = audit::verify_with_head(&store, Some(&right)).unwrap();
    assert!(r.ok, "{:?}", r.problems);
    assert!(r.notes.iter().any(|n| n.contains("在日志中")), "{:?}", r.notes);
    let r = audit::verify_with_head(&store, Some("0123456789abcdef")).unwrap();
    assert!(!r.ok);
    assert!(r.problems.iter().any(|p| p.contains("打印的审计链 0123456789abcdef 不在审计日志中")), "{:?}", r.problems);
    let e = audit::verify_with_head(&store, Some("3f2a")).unwrap_err();
    assert_eq!(e.code(), "INVALID_INPUT");
    drop(store);
    // The same printed head after the log was shortened past it.
    let c = outside(&db);
    drop_audit_triggers(&c);
    c.execute_batch("DELETE FROM decisions; DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log);").unwrap();
    drop(c);
    let r = audit::verify_with_head(&Store::open_existing(&db).unwrap(), Some(&right)).unwrap();
    assert!(!r.ok, "{r:?}");
}

#[test]
fn the_signoff_sheet_prints_the_chain_head_and_count() {
    let dir = tempfile::tempdir().unwrap();
    let db = contest(dir.path());
    let mut store = Store::open_existing(&db).unwrap();
    let entries = judging::round_entries(&store, Round::Preliminary).unwrap();
    let no = entries[0].project_no.clone();
    saiwu_core::actions::judging::adjust_advancement(&mut store, &no, true, "测试：直接进入决赛", "秘书处", now()).unwrap();
    for judge in [1, 2] {
        saiwu_core::actions::judging::set_score(&mut store, Round::Final, judge, &no, 1, &ScoreValue::Total { total: 8800 }, "录入员", "", now())
            .unwrap();
    }
    let pdf = saiwu_core::awards::signoff_pdf(&store).unwrap();
    let head = audit::chain_head(store.conn()).unwrap();
    let Some(text) = text_of(&pdf, 1, 1) else {
        assert!(std::env::var("CI").as_deref() != Ok("true"), "pdftotext (poppler-utils) is required under CI");
        return;
    };
    let text = flat(&text);
    assert!(text.contains(&format!("审计链：{}（前16位）共{}条", head.short(), head.count)), "{text}");
}
