//! Backups and restore over a real contest file: the automatic backups are listed, a restore puts the
//! contest back (and can itself be undone), a file that is not a contest is refused with nothing changed,
//! and a whole contest exported as one file opens as a contest.

use crate::support::root;
use chrono::{DateTime, FixedOffset};
use saiwu_core::actions;
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::store::backups;
use saiwu_core::{CoreError, Store};

fn at(t: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-07-11T{t}+08:00")).unwrap()
}

fn import_v1(store: &mut Store) {
    saiwu_core::actions::import::apply(store, &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() }, at("09:00:00"), &mut |_| {})
        .unwrap();
}

fn entries(store: &Store) -> i64 {
    store.conn().query_row("SELECT count(*) FROM entries WHERE missing = 0", [], |r| r.get(0)).unwrap()
}

#[test]
fn restore_puts_the_contest_back_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    // Another contest file's backups share the folder: not listed here.
    Store::open(&dir.path().join("other.sqlite")).unwrap().backup("manual", at("08:00:00")).unwrap();

    import_v1(&mut store);
    let imported = entries(&store);
    assert!(imported > 100);
    let manual = actions::backups::backup_now(&store, at("09:30:00")).unwrap();
    assert_eq!((manual.reason.as_str(), manual.reason_label.as_str(), manual.taken_at.as_str()), ("manual", "手动备份", "2026-07-11 09:30:00"));

    let list = backups::list(&store).unwrap();
    let reasons: Vec<&str> = list.iter().map(|b| b.reason.as_str()).collect();
    assert_eq!(reasons, ["manual", "before-import"], "newest first, this contest's only");
    assert!(list.iter().all(|b| b.bytes > 0));

    // Back to before the import: no entries.
    let before_import = list[1].path.clone();
    let summary = backups::summary(&before_import).unwrap();
    assert_eq!(summary.entries, 0);
    let r = actions::backups::restore(&mut store, &before_import, at("10:00:00")).unwrap();
    assert_eq!(entries(&store), 0);
    assert_eq!(r.safety_backup.reason, "before-restore");
    assert_eq!(backups::summary(&r.safety_backup.path).unwrap().entries, imported);

    // The restore is undone by restoring the copy taken just before it.
    actions::backups::restore(&mut store, &r.safety_backup.path, at("10:05:00")).unwrap();
    assert_eq!(entries(&store), imported);
    // The store keeps working after a restore: a write and a read.
    store.backup("manual", at("10:06:00")).unwrap();
    assert_eq!(backups::list(&store).unwrap().len(), 5);

    // Reopened from disk, the restored contents are there.
    drop(store);
    let store = Store::open_existing(&dir.path().join("contest.sqlite")).unwrap();
    assert_eq!(entries(&store), imported);
}

#[test]
fn a_file_that_is_not_a_contest_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    import_v1(&mut store);
    let n = entries(&store);
    let backups_before = backups::list(&store).unwrap().len();

    let text = dir.path().join("notes.sqlite");
    std::fs::write(&text, "不是数据库").unwrap();
    let foreign = dir.path().join("foreign.sqlite");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);").unwrap();
    for bad in [&text, &foreign, &dir.path().join("missing.sqlite")] {
        let e = actions::backups::restore(&mut store, bad, at("10:00:00")).unwrap_err();
        assert!(matches!(e, CoreError::NotAContestFile { .. } | CoreError::NotFound(_)), "{bad:?}: {e}");
    }
    let e = actions::backups::restore(&mut store, &dir.path().join("contest.sqlite"), at("10:00:00")).unwrap_err();
    assert!(e.to_string().contains("当前赛事文件"), "{e}");
    assert_eq!(entries(&store), n);
    assert_eq!(backups::list(&store).unwrap().len(), backups_before, "no safety copy for a refused restore");
}

#[test]
fn a_whole_contest_exported_as_one_file_opens_as_a_contest() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    import_v1(&mut store);
    let out = dir.path().join("交接").join("长治市赛事.sqlite");
    let bytes = actions::backups::export_contest(&store, &out).unwrap();
    assert!(bytes > 0);
    // Exported again over the same name: replaced, still a contest.
    actions::backups::export_contest(&store, &out).unwrap();
    let copy = Store::open_existing(&out).unwrap();
    assert_eq!(entries(&copy), entries(&store));
    assert!(actions::backups::export_contest(&store, &dir.path().join("contest.sqlite")).is_err(), "never over the open file");
    // Restoring from an exported contest works like a backup.
    let mut fresh = Store::open(&dir.path().join("fresh.sqlite")).unwrap();
    actions::backups::restore(&mut fresh, &out, at("11:00:00")).unwrap();
    assert_eq!(entries(&fresh), entries(&store));
}

#[test]
fn backups_in_the_same_second_list_the_later_first() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    // "before-import" sorts after "manual" by name, and is longer: neither may decide the order.
    store.backup("manual", at("09:00:00")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store.backup("before-import", at("09:00:00")).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store.backup("manual", at("09:00:00")).unwrap();
    let names: Vec<String> = backups::list(&store).unwrap().into_iter().map(|b| b.file_name).collect();
    assert_eq!(
        names,
        ["contest-20260711-090000-manual-1.sqlite", "contest-20260711-090000-before-import.sqlite", "contest-20260711-090000-manual.sqlite"]
    );
}

fn on_day(day: i64, hour: u32) -> DateTime<FixedOffset> {
    at("00:00:00") + chrono::Duration::days(day) + chrono::Duration::hours(hour as i64)
}

#[test]
fn any_contest_file_name_lists_the_recorded_time() {
    let dir = tempfile::tempdir().unwrap();
    // A stem with '-' and Chinese, one with spaces and dots, and a contest whose stem is a prefix of another's.
    for name in ["2026-长治.sqlite", "第十一届 创客 v1.2.sqlite", "2026.sqlite"] {
        let store = Store::open(&dir.path().join(name)).unwrap();
        let b = actions::backups::backup_now(&store, at("09:30:00")).unwrap();
        assert_eq!(b.taken_at, "2026-07-11 09:30:00", "{name}");
        assert_eq!(b.taken_at_rfc3339, "2026-07-11T09:30:00+08:00", "{name}");
        assert!(b.recorded && b.manual && b.bytes > 0, "{name}");
        store.backup("before-import", at("10:15:00")).unwrap();
        let list = backups::list(&store).unwrap();
        let got: Vec<(&str, &str)> = list.iter().map(|b| (b.taken_at.as_str(), b.reason.as_str())).collect();
        assert_eq!(got, [("2026-07-11 10:15:00", "before-import"), ("2026-07-11 09:30:00", "manual")], "{name}: its own two only");
        assert!(list.iter().all(|b| b.path.is_file() && b.bytes == std::fs::metadata(&b.path).unwrap().len()));
    }
    // The record beside each backup says when, why and whose.
    let rec = dir.path().join("backups").join("2026-长治-20260711-093000-manual.sqlite.json");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(rec).unwrap()).unwrap();
    assert_eq!(
        (v["contest"].as_str(), v["taken_at"].as_str(), v["reason"].as_str()),
        (Some("2026-长治.sqlite"), Some("2026-07-11T09:30:00+08:00"), Some("manual"))
    );
}

#[test]
fn a_backup_cut_short_is_never_listed_and_is_cleaned_up() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("2026-长治.sqlite")).unwrap();
    let good = actions::backups::backup_now(&store, at("09:00:00")).unwrap();
    let folder = dir.path().join("backups");
    // A crash mid-copy: half a database under the temporary name, and (a crash later) a record whose
    // backup never reached its name.
    let whole = std::fs::read(&good.path).unwrap();
    let partial = folder.join("2026-长治-20260711-093000-manual.sqlite.partial");
    std::fs::write(&partial, &whole[..whole.len() / 2]).unwrap();
    let orphan_partial = folder.join("2026-长治-20260711-094000-before-import.sqlite.partial");
    std::fs::write(&orphan_partial, &whole[..100]).unwrap();
    let orphan_record = folder.join("2026-长治-20260711-094000-before-import.sqlite.json");
    std::fs::write(
        &orphan_record,
        r#"{"contest":"2026-长治.sqlite","file":"2026-长治-20260711-094000-before-import.sqlite","taken_at":"2026-07-11T09:40:00+08:00","reason":"before-import","bytes":4096}"#,
    )
    .unwrap();
    // An older version wrote in place: a crash left half a copy under a backup's name, with no record.
    let in_place = folder.join("2026-长治-20260711-091500-before-import.sqlite");
    std::fs::write(&in_place, &whole[..whole.len() / 2]).unwrap();
    // A recorded backup cut short afterwards (a disk error): its size no longer matches its record.
    let damaged = store.backup("before-import", at("09:20:00")).unwrap().unwrap();
    let bytes = std::fs::read(&damaged).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() - 1024]).unwrap();
    // A record naming a file outside the folder (the contest itself) is not a backup, so never pruned.
    std::fs::write(
        folder.join("2026-长治-20260101-000000-before-import.sqlite.json"),
        r#"{"contest":"2026-长治.sqlite","file":"../2026-长治.sqlite","taken_at":"2026-01-01T00:00:00+08:00","reason":"before-import","bytes":1}"#,
    )
    .unwrap();
    let names: Vec<String> = backups::list(&store).unwrap().into_iter().map(|b| b.file_name).collect();
    assert_eq!(names, std::slice::from_ref(&good.file_name), "the whole backup only");

    // The next backup clears what the crash left.
    let next = store.backup("before-import", at("10:00:00")).unwrap().unwrap();
    for f in [&partial, &orphan_partial, &orphan_record] {
        assert!(!f.exists(), "{f:?} left behind");
    }
    assert_eq!(backups::list(&store).unwrap().len(), 2);
    assert!(Store::open_existing(&next).is_ok());
    assert!(dir.path().join("2026-长治.sqlite").is_file());
}

#[test]
fn a_backup_from_an_older_version_is_listed_with_its_file_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("2026-长治.sqlite")).unwrap();
    let b = actions::backups::backup_now(&store, at("09:00:00")).unwrap();
    // An older version wrote no record; the name's time (1999) is not believed.
    let old = dir.path().join("backups").join("2026-长治-19990101-000000-before-import.sqlite");
    std::fs::copy(&b.path, &old).unwrap();
    let file_time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_780_000_000);
    std::fs::File::options().write(true).open(&old).unwrap().set_modified(file_time).unwrap();
    let list = backups::list(&store).unwrap();
    let o = list.iter().find(|x| x.path == old).expect("listed");
    assert!(!o.recorded);
    assert_eq!(o.reason_label, "导入报名数据前");
    let expected = DateTime::<chrono::Local>::from(file_time).format("%Y-%m-%d %H:%M:%S").to_string();
    assert_eq!(o.taken_at, expected);
    assert!(list.iter().find(|x| x.path == b.path).unwrap().recorded);
}

#[test]
fn pruning_keeps_every_manual_backup_the_last_20_automatic_and_one_a_day_for_30_days() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    // 40 days: three automatic backups a day (09, 12, 18 o'clock), a manual one every tenth day at 10.
    for day in 0..40 {
        for hour in [9, 10, 12, 18] {
            match hour {
                10 if day % 10 == 0 => drop(actions::backups::backup_now(&store, on_day(day, hour)).unwrap()),
                10 => {}
                _ => drop(store.backup("before-scores-import", on_day(day, hour)).unwrap()),
            }
        }
    }
    let list = backups::list(&store).unwrap();
    let got: std::collections::BTreeSet<(bool, String)> = list.iter().map(|b| (b.manual, b.taken_at_rfc3339.clone())).collect();
    let key = |manual: bool, day: i64, hour: u32| (manual, on_day(day, hour).to_rfc3339());
    let mut want = std::collections::BTreeSet::new();
    // Every manual one.
    for day in [0, 10, 20, 30] {
        want.insert(key(true, day, 10));
    }
    // The last 20 automatic: days 34–39 (18) and day 33's 18 and 12 o'clock.
    for day in 34..40 {
        for hour in [9, 12, 18] {
            want.insert(key(false, day, hour));
        }
    }
    want.insert(key(false, 33, 18));
    want.insert(key(false, 33, 12));
    // The newest of each day for the 30 days ending day 39: days 10–39.
    for day in 10..40 {
        want.insert(key(false, day, 18));
    }
    assert_eq!(got, want);
    assert_eq!(list.len(), 4 + 20 + 23);
    // Nothing pruned is left behind on disk: every backup and record in the folder is listed.
    let on_disk = std::fs::read_dir(dir.path().join("backups")).unwrap().count();
    assert_eq!(on_disk, list.len() * 2, "each listed backup and its record, nothing else");
}

#[test]
fn undo_is_refused_once_a_score_refers_to_the_import_and_names_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("2026-长治.sqlite")).unwrap();
    import_v1(&mut store);
    let pre_import: String = store.conn().query_row("SELECT backup_path FROM imports", [], |r| r.get(0)).unwrap();
    let pre_import = std::path::PathBuf::from(pre_import);
    // Many automatic backups later, the one before the import that can still be undone is kept.
    for m in 0..25 {
        store.backup("before-scores-import", at(&format!("09:{:02}:00", m + 10))).unwrap();
    }
    assert!(pre_import.is_file(), "the backup before the latest import is kept while it can be undone");

    let e = score_first_entry(&mut store);

    let n = entries(&store);
    let backups_before = backups::list(&store).unwrap().len();
    let err = saiwu_core::actions::import::undo_last(&mut store, at("12:00:00")).unwrap_err();
    assert_eq!(err.code(), "UNDO_REFUSED");
    let msg = err.to_string();
    let name = pre_import.file_name().unwrap().to_string_lossy().into_owned();
    assert!(msg.contains(&name), "names the backup to restore: {msg}");
    assert!(msg.contains("评分") && msg.contains(&e.project_no), "{msg}");
    assert!(matches!(err, CoreError::UndoRefused { .. }));
    // Nothing changed: entries, the import, no backup taken for a refused undo.
    assert_eq!(entries(&store), n);
    assert!(!import::list_imports(&store).unwrap()[0].undone);
    assert_eq!(backups::list(&store).unwrap().len(), backups_before);
    // The named backup is the contest before the import.
    assert_eq!(backups::summary(&pre_import).unwrap().entries, 0);
}

#[test]
fn undo_still_works_before_judging_and_when_judging_refers_to_nothing_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("contest.sqlite")).unwrap();
    import_v1(&mut store);
    saiwu_core::actions::import::undo_last(&mut store, at("09:10:00")).unwrap();
    assert_eq!(entries(&store), 0);

    // Scored, then the same file imported again (nothing added or changed): that import can be undone.
    import_v1(&mut store);
    score_first_entry(&mut store);
    let n = entries(&store);
    import_v1(&mut store);
    saiwu_core::actions::import::undo_last(&mut store, at("12:00:00")).unwrap();
    assert_eq!(entries(&store), n);
    // The first import, which added the scored entry, is not undone again: the latest one was.
    assert_eq!(saiwu_core::actions::import::undo_last(&mut store, at("12:05:00")).unwrap_err().code(), "NOTHING_TO_UNDO");
}

/// One judge scores the first entry of the 初赛 (judging now refers to it); returns that entry.
fn score_first_entry(store: &mut Store) -> saiwu_core::judging::RoundEntry {
    use saiwu_core::judging::{self, ScoreValue};
    use saiwu_core::model::Round;
    store
        .conn()
        .execute(
            "INSERT INTO judges(name, organization, source, created_at, updated_at) VALUES ('赵评一', '长治学院', 'manual', ?1, ?1)",
            [at("09:00:00").to_rfc3339()],
        )
        .unwrap();
    let jid: i64 = store.conn().query_row("SELECT id FROM judges", [], |r| r.get(0)).unwrap();
    let e = judging::round_entries(store, Round::Preliminary).unwrap()[0].clone();
    saiwu_core::actions::judging::set_score(
        store,
        Round::Preliminary,
        jid,
        &e.project_no,
        1,
        &ScoreValue::Total { total: 8000 },
        "甲",
        "",
        at("11:00:00"),
    )
    .unwrap();
    e
}
