//! kill -9 during an import (issue #9): a contest holding a 20,000-row export (the old state) takes a
//! changed 20,000-row export (the new state) while `saiwu import entries --progress` is killed with
//! SIGKILL at several stages it reports on stderr: reading, parsing, inside the write transaction (early
//! and late) and right after the commit. After every kill the contest
//! file passes `PRAGMA integrity_check`, `saiwu entries --json` is exactly the old or exactly the new
//! list (never half), and `saiwu audit verify` passes. The stages are chosen from the program's own
//! progress lines, never by timing, so a slow machine only moves where inside a stage the kill lands.
use std::io::{BufRead, BufReader};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use saiwu_fixtures::{write_export_csv_utf8, ExportSpec, Variant};

const ROWS: usize = 20_000;
/// SIGKILL's number (9 on every Unix), without a libc dependency.
const SIGKILL: i32 = 9;

fn saiwu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_saiwu")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let o = saiwu(db, args);
    assert!(o.status.success(), "saiwu {} failed ({:?}): {}", args.join(" "), o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// The entry list as the program prints it, and how many entries it holds.
fn entries(db: &Path) -> (String, usize) {
    let text = ok(db, &["entries", "--json"]);
    let list: serde_json::Value = serde_json::from_str(&text).unwrap();
    let n = list.as_array().expect("entries --json is an array").len();
    (text, n)
}

fn stored_verdicts(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM verdicts v JOIN entries e ON e.key = v.entry_key AND e.missing = 0 WHERE (SELECT count(*) FROM verdicts) = (SELECT count(*) FROM verdicts v2 JOIN entries e2 ON e2.key = v2.entry_key AND e2.missing = 0)", [], |r| r.get(0)).unwrap()
}

fn current_entries(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("SELECT count(*) FROM entries WHERE missing = 0", [], |r| r.get(0)).unwrap()
}

/// A copy of the contest file in its own folder (its own backups folder too). The source was closed
/// cleanly, so the WAL was checkpointed into the main file and there is nothing else to copy.
fn copy_contest(from: &Path, dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    for side in ["-wal", "-journal"] {
        let mut p = from.as_os_str().to_owned();
        p.push(side);
        assert!(!Path::new(&p).exists(), "{} left behind by a clean close", Path::new(&p).display());
    }
    let to = dir.join("c.sqlite");
    std::fs::copy(from, &to).unwrap();
    to
}

fn integrity(db: &Path) -> String {
    let c = rusqlite::Connection::open(db).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

/// `进度：写入数据 10000/20000` → ("写入数据", 10000).
fn progress_line(line: &str) -> Option<(&str, u64)> {
    let rest = line.strip_prefix("进度：")?;
    let (stage, count) = rest.rsplit_once(' ')?;
    Some((stage, count.split('/').next()?.parse().ok()?))
}

#[test]
fn kill_9_during_a_20000_row_import_leaves_the_old_or_the_new_data() {
    let dir = tempfile::tempdir().unwrap();
    let old_file = dir.path().join("export-old.csv");
    let new_file = dir.path().join("export-new.csv");
    // Same project numbers, other content (another seed): the second import changes most entries. CSV, not
    // .xlsx: what is tested is the contest file, and unzipping 20,000 rows in a debug build would take most
    // of the test's time at every kill point.
    write_export_csv_utf8(&ExportSpec { rows: ROWS, seed: 7, variant: Variant::V1 }, &old_file).unwrap();
    write_export_csv_utf8(&ExportSpec { rows: ROWS, seed: 8, variant: Variant::V1 }, &new_file).unwrap();
    let (old_path, new_path) = (old_file.to_str().unwrap(), new_file.to_str().unwrap());

    // The old state, and the new state reached by an import nobody interrupts.
    let base = dir.path().join("base/c.sqlite");
    std::fs::create_dir_all(base.parent().unwrap()).unwrap();
    ok(&base, &["import", "entries", old_path, "--json"]);
    let (old, old_n) = entries(&base);
    assert!(old_n >= ROWS * 9 / 10, "the old export holds about {ROWS} entries, not {old_n}");
    let reference = copy_contest(&base, &dir.path().join("reference"));
    let r: serde_json::Value = serde_json::from_str(&ok(&reference, &["import", "entries", new_path, "--json"])).unwrap();
    assert!(r["changed"].as_u64().unwrap() > 1000, "the new export must change entries: {r}");
    let (new, new_n) = entries(&reference);
    assert_ne!(old, new);

    // Where to kill: the first progress line of the stage with at least `done` rows done.
    // Reading, parsing, inside the write transaction (early and late: the last report before the commit), and
    // during the screening, which runs inside the same transaction. Each point after parsing costs a
    // whole parse in a debug build, so there are three of them.
    let points: [(&str, u64); 5] = [("读取文件", 0), ("解析数据行", 0), ("写入数据", 5_000), ("写入数据", 15_000), ("资格审查", 0)];
    let mut outcomes = Vec::new();
    for (i, &(stage, done)) in points.iter().enumerate() {
        let db = copy_contest(&base, &dir.path().join(format!("kill-{i}")));
        let mut child = Command::new(env!("CARGO_BIN_EXE_saiwu"))
            .arg("--db")
            .arg(&db)
            .args(["import", "entries", new_path, "--progress"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut seen = Vec::new();
        let mut killed = false;
        for line in stderr.lines() {
            let line = line.unwrap();
            let hit = progress_line(&line).is_some_and(|(s, d)| s == stage && d >= done);
            seen.push(line);
            if hit {
                child.kill().unwrap(); // SIGKILL
                killed = true;
                break;
            }
        }
        let status = child.wait().unwrap();
        assert!(killed, "the import never reported {stage} {done}: {seen:?} ({status:?})");

        assert_eq!(integrity(&db), "ok", "integrity after kill -9 at {stage} {done}");
        let (got, n) = entries(&db);
        let state = if got == old {
            "old"
        } else if got == new {
            "new"
        } else {
            panic!("kill -9 at {stage} {done} left {n} entries that are neither the old ({old_n}) nor the new ({new_n}) list")
        };
        // A program that finished before the signal arrived must have finished the import.
        if status.signal() != Some(SIGKILL) {
            assert!(status.success() && state == "new", "not killed ({status:?}) yet {state} data");
        }
        // The screening runs inside the import's transaction (资格审查 is reported there): whatever data
        // survived, its stored verdicts are the ones of that data — one per current entry, none left over.
        assert_eq!(stored_verdicts(&db), current_entries(&db), "stored verdicts after kill -9 at {stage} {done}");
        let verify = saiwu(&db, &["audit", "verify"]);
        assert!(verify.status.success(), "audit verify after kill -9 at {stage} {done}: {}", String::from_utf8_lossy(&verify.stdout));
        outcomes.push(format!("{stage} {done}: {state} ({n} entries, {status:?})"));
        // Each copy is about 100 MB: free the space before the next one.
        std::fs::remove_dir_all(db.parent().unwrap()).unwrap();
    }
    eprintln!("kill -9 outcomes:\n  {}", outcomes.join("\n  "));
}
