//! Backups and restore over a real contest file: the automatic backups are listed, a restore puts the
//! contest back (and can itself be undone), a file that is not a contest is refused with nothing changed,
//! and a whole contest exported as one file opens as a contest.

use crate::support::root;
use chrono::{DateTime, FixedOffset};
use saiwu_core::import::{self, ApplyRequest};
use saiwu_core::store::backups;
use saiwu_core::{CoreError, Store};

fn at(t: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-07-11T{t}+08:00")).unwrap()
}

fn import_v1(store: &mut Store) {
    import::apply(store, &ApplyRequest { path: root().join("fixtures/generated/export_v1.xlsx"), ..Default::default() }, at("09:00:00"), &mut |_| {})
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
    let manual = backups::backup_now(&store, at("09:30:00")).unwrap();
    assert_eq!((manual.reason.as_str(), manual.reason_label.as_str(), manual.taken_at.as_str()), ("manual", "手动备份", "2026-07-11 09:30:00"));

    let list = backups::list(&store).unwrap();
    let reasons: Vec<&str> = list.iter().map(|b| b.reason.as_str()).collect();
    assert_eq!(reasons, ["manual", "before-import"], "newest first, this contest's only");
    assert!(list.iter().all(|b| b.bytes > 0));

    // Back to before the import: no entries.
    let before_import = list[1].path.clone();
    let summary = backups::summary(&before_import).unwrap();
    assert_eq!(summary.entries, 0);
    let r = backups::restore(&mut store, &before_import, at("10:00:00")).unwrap();
    assert_eq!(entries(&store), 0);
    assert_eq!(r.safety_backup.reason, "before-restore");
    assert_eq!(backups::summary(&r.safety_backup.path).unwrap().entries, imported);

    // The restore is undone by restoring the copy taken just before it.
    backups::restore(&mut store, &r.safety_backup.path, at("10:05:00")).unwrap();
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
        let e = backups::restore(&mut store, bad, at("10:00:00")).unwrap_err();
        assert!(matches!(e, CoreError::NotAContestFile { .. } | CoreError::NotFound(_)), "{bad:?}: {e}");
    }
    let e = backups::restore(&mut store, &dir.path().join("contest.sqlite"), at("10:00:00")).unwrap_err();
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
    let bytes = backups::export_contest(&store, &out).unwrap();
    assert!(bytes > 0);
    // Exported again over the same name: replaced, still a contest.
    backups::export_contest(&store, &out).unwrap();
    let copy = Store::open_existing(&out).unwrap();
    assert_eq!(entries(&copy), entries(&store));
    assert!(backups::export_contest(&store, &dir.path().join("contest.sqlite")).is_err(), "never over the open file");
    // Restoring from an exported contest works like a backup.
    let mut fresh = Store::open(&dir.path().join("fresh.sqlite")).unwrap();
    backups::restore(&mut fresh, &out, at("11:00:00")).unwrap();
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
