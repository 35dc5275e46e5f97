//! The contest file: one SQLite database per contest (rusqlite, bundled SQLite).
//! WAL and foreign keys on; embedded forward-only migrations applied in one transaction, with a copy
//! of the file taken first; a file written by a newer version is refused untouched.
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rusqlite::{Connection, OpenFlags};

use crate::error::{CoreError, Result};

pub mod audit;
pub mod awards;
pub mod backups;
pub mod certificates;
pub mod conflicts;
pub mod eligibility;
pub mod entries;
mod group_code;
pub mod imports;
pub mod judges;
pub mod letters;
pub mod lan;
pub mod next_season;
pub mod overview;
pub mod panels;
pub mod reference;
pub mod rounds;
pub mod scores;
pub mod season;
pub mod settings;
pub mod verdicts;

/// Marks a SQLite file as a contest file of this app ("SWK1").
const APPLICATION_ID: i64 = 0x5357_4B31;
/// How long a statement waits for another connection's lock (the phone-scoring server's writes) before failing.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Migrations in order; migration N brings the file to `user_version` N. Never edit a shipped one.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_contest", include_str!("migrations/0001_contest.sql")),
    ("0002_entries", include_str!("migrations/0002_entries.sql")),
    ("0003_screening", include_str!("migrations/0003_screening.sql")),
    ("0004_reference", include_str!("migrations/0004_reference.sql")),
    ("0005_verdicts", include_str!("migrations/0005_verdicts.sql")),
    ("0006_judges", include_str!("migrations/0006_judges.sql")),
    ("0007_judging", include_str!("migrations/0007_judging.sql")),
    ("0008_certificates", include_str!("migrations/0008_certificates.sql")),
    ("0009_awards", include_str!("migrations/0009_awards.sql")),
    ("0010_audit", include_str!("migrations/0010_audit.sql")),
    ("0011_audit_guard", include_str!("migrations/0011_audit_guard.sql")),
    ("0012_screening_indexes", include_str!("migrations/0012_screening_indexes.sql")),
    ("0013_reader_indexes", include_str!("migrations/0013_reader_indexes.sql")),
    ("0014_screening_without_rowid", include_str!("migrations/0014_screening_without_rowid.sql")),
    ("0015_conflict_notes", include_str!("migrations/0015_conflict_notes.sql")),
    ("0016_season_after", include_str!("migrations/0016_season_after.sql")),
    ("0017_letters", include_str!("migrations/0017_letters.sql")),
    ("0018_semifinal", include_str!("migrations/0018_semifinal.sql")),
    ("0019_lan_scoring", include_str!("migrations/0019_lan_scoring.sql")),
];

/// Audited tables a migration rebuilds without changing their columns (a CHECK widened): logged as a
/// `schema` event all the same (SPEC §12 "Audit": audited tables change shape only through a logged event).
const REBUILT: &[(&str, &[&str])] = &[("0018_semifinal", &["scores", "advancement"])];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The app's data folder, where the audit chain's head is kept outside the contest file (None: not kept).
    data_dir: Option<PathBuf>,
    /// `begin_bulk` switched this connection to the rollback journal; `end_bulk` switches it back.
    bulk: bool,
}

impl Store {
    /// Opens the contest file at `path`, creating it (and its folder) when it does not exist.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE)
    }

    /// Opens an existing contest file; a missing file is an error, not a new contest.
    pub fn open_existing(path: &Path) -> Result<Store> {
        if !path.is_file() {
            return Err(CoreError::NotFound(format!("找不到赛事文件“{}”。", path.display())));
        }
        Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// Creates a new contest file; refuses to touch an existing one.
    pub fn create_new(path: &Path) -> Result<Store> {
        if path.exists() {
            return Err(CoreError::AlreadyExists(path.to_path_buf()));
        }
        Self::open(path)
    }

    /// An in-memory store for tests.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store { conn, path: PathBuf::from(":memory:"), data_dir: None, bulk: false };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Store> {
        let not_contest = |detail: String| CoreError::NotAContestFile { path: path.to_path_buf(), detail };
        let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let mut store = Store { conn, path: path.to_path_buf(), data_dir: None, bulk: false };
        // A non-SQLite file fails at the first read: say so instead of a raw SQLite message.
        let app_id: i64 =
            store.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| not_contest(format!("无法作为数据库读取（{e}）")))?;
        let version = store.user_version()?;
        if app_id != APPLICATION_ID && (app_id != 0 || version != 0 || store.has_tables()?) {
            return Err(not_contest("这是其他程序的数据库文件".into()));
        }
        if version > SCHEMA_VERSION {
            return Err(CoreError::StoreTooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
        }
        store.configure()?;
        if version > 0 && version < SCHEMA_VERSION {
            store.copy_before_migration(version)?;
        }
        store.migrate()?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        audit::register(&self.conn)?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        if self.path.as_os_str() != ":memory:" {
            self.conn.pragma_update(None, "journal_mode", "WAL")?;
            self.conn.pragma_update(None, "synchronous", "NORMAL")?;
            // 64 MB of page cache: a 50,000-row import stays in memory until commit.
            self.conn.pragma_update(None, "cache_size", -65536)?;
        }
        Ok(())
    }

    /// Before a bulk load (an import): the rollback journal instead of the WAL while it runs. In WAL mode a
    /// large transaction is written twice — into the WAL, then copied into the file by the checkpoint at commit
    /// (260 MB each way for a 50,000-entry import); with the rollback journal, pages new to the file are written
    /// once and only the pages the load changes are journalled. Equally atomic. The switch needs the file to
    /// itself: when another connection has it open (the phone-scoring server) it is refused at once and the load
    /// runs in WAL mode as before. Once switched, a second call changes nothing; `end_bulk` switches back.
    pub fn begin_bulk(&mut self) {
        if self.bulk || self.path.as_os_str() == ":memory:" {
            return;
        }
        // No waiting for another connection: the import proceeds in WAL mode instead.
        let _ = self.conn.busy_timeout(std::time::Duration::ZERO);
        let mode = self.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0));
        let _ = self.conn.busy_timeout(BUSY_TIMEOUT);
        self.bulk = matches!(mode.as_deref(), Ok(m) if m.eq_ignore_ascii_case("delete"));
    }

    /// Back to the WAL after `begin_bulk` switched (whether the load committed or not); nothing otherwise.
    pub fn end_bulk(&mut self) -> Result<()> {
        if std::mem::take(&mut self.bulk) {
            let mode: String = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(CoreError::Io(std::io::Error::other(format!("无法恢复 WAL 日志模式（当前为 {mode}），请关闭程序后重新打开赛事文件"))));
            }
        }
        Ok(())
    }

    fn has_tables(&self) -> Result<bool> {
        let n: i64 = self.conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        Ok(n > 0)
    }

    fn user_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Applies every pending migration in one transaction: all of them or none. The audit triggers and the
    /// log's guards are (re)made in the same transaction, from the audited tables' current columns.
    fn migrate(&mut self) -> Result<()> {
        let from = self.user_version()?;
        let tx = self.conn.transaction()?;
        if from < SCHEMA_VERSION {
            let mut log_exists = from as usize > MIGRATIONS.iter().position(|(n, _)| *n == audit::LOG_INTRODUCED).unwrap_or(0);
            for (name, sql) in &MIGRATIONS[from as usize..] {
                // Once the log exists, a migration that changes an audited table's shape says so in the log.
                let before = if log_exists { Some(audit::shapes(&tx)?) } else { None };
                tx.execute_batch(sql)?;
                if *name == audit::LOG_INTRODUCED {
                    // The only baseline: rows made before the log existed. An empty log later gets none.
                    audit::baseline(&tx)?;
                    log_exists = true;
                }
                if let Some(before) = before {
                    let rebuilt = REBUILT.iter().find(|(m, _)| m == name).map(|(_, t)| *t).unwrap_or(&[]);
                    audit::log_schema_changes(&tx, name, &before, rebuilt)?;
                }
            }
            tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        }
        audit::install(&tx)?;
        audit::ensure_contest_id(&tx, &mut rand::thread_rng())?;
        tx.commit()?;
        Ok(())
    }

    /// Keeps the audit chain's head in `dir/audit-heads/` (see [`Store::persist_audit_head`]).
    pub fn with_data_dir(mut self, dir: impl Into<PathBuf>) -> Store {
        self.data_dir = Some(dir.into());
        self
    }

    pub fn set_data_dir(&mut self, dir: Option<PathBuf>) {
        self.data_dir = dir;
    }

    pub fn data_dir(&self) -> Option<&Path> {
        self.data_dir.as_deref()
    }

    /// Writes `<data dir>/audit-heads/<contest id>.json` when the chain grew since it was last written
    /// (cheap otherwise: one lookup). Call after anything that may change data. A chain that no longer holds
    /// the stored head leaves the file alone — it is what `verify` names. Returns the file written, if any.
    pub fn persist_audit_head(&self, now: DateTime<FixedOffset>) -> Result<Option<PathBuf>> {
        match &self.data_dir {
            // An in-memory contest (tests) has nothing outside it to protect.
            Some(dir) if self.path.as_os_str() != ":memory:" => audit::persist_head(&self.conn, dir, now),
            _ => Ok(None),
        }
    }

    /// The copy taken before a migration: `<file>.v<old>.bak` beside the file (never overwritten).
    fn copy_before_migration(&self, old: i64) -> Result<PathBuf> {
        let mut target = self.path.with_extension(format!("v{old}.bak"));
        let mut n = 1;
        while target.exists() {
            target = self.path.with_extension(format!("v{old}.bak{n}"));
            n += 1;
        }
        self.conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
        Ok(target)
    }

    /// A consistent copy of the whole contest file in `<folder>/backups/`, named by time and reason, with
    /// its record beside it; written under a temporary name and renamed when complete, then the automatic
    /// backups are pruned (see [`backups`]). Returns `None` for in-memory stores.
    pub fn backup(&self, reason: &str, now: DateTime<FixedOffset>) -> Result<Option<PathBuf>> {
        if self.path.as_os_str() == ":memory:" {
            return Ok(None);
        }
        backups::take(self, reason, now).map(Some)
    }

    /// What a contest file holds, read without changing it: checks that it is a contest file this
    /// version can open (not another program's database, not written by a newer version).
    pub fn peek(path: &Path) -> Result<Connection> {
        if !path.is_file() {
            return Err(CoreError::NotFound(format!("找不到文件“{}”。", path.display())));
        }
        let not_contest = |detail: String| CoreError::NotAContestFile { path: path.to_path_buf(), detail };
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(|e| not_contest(format!("无法作为数据库读取（{e}）")))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID {
            return Err(not_contest("这不是赛事文件或其备份".into()));
        }
        if version > SCHEMA_VERSION {
            return Err(CoreError::StoreTooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
        }
        Ok(conn)
    }

    /// Replaces the whole contest with the contents of another contest file (a backup), in place:
    /// SQLite's online backup copies every page into this file, then older data is migrated forward.
    /// The caller takes a backup of the current state first (see `actions::backups::restore`).
    pub(crate) fn replace_contents(&mut self, from: &Path) -> Result<()> {
        let src = Self::peek(from)?;
        {
            let backup = rusqlite::backup::Backup::new(&src, &mut self.conn)?;
            backup.run_to_completion(1024, std::time::Duration::ZERO, None)?;
        }
        self.configure()?;
        self.migrate()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

/// Writes `bytes` to `tmp`, flushes it to the disk, then renames it to `target`, so a crash leaves the old file
/// or the new one, never half; `tmp` is removed when any step fails. Backups and their records, and the audit
/// heads, are written through it.
pub(crate) fn write_then_rename(tmp: &Path, target: &Path, bytes: &[u8]) -> Result<()> {
    let written = (|| -> Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(tmp, target)?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    written
}

/// The default contest file in a data folder: `<data dir>/contest.sqlite` (with the default data folder,
/// e.g. `~/.local/share/com.saiwu.desk/contest.sqlite` on Linux), shared by the CLI and the window.
pub fn default_contest_in(data_dir: &Path) -> PathBuf {
    data_dir.join("contest.sqlite")
}

/// The app's data folder: the OS data folder of `com.saiwu.desk` (the audit heads live in `audit-heads/` there).
pub fn default_data_dir() -> Result<PathBuf> {
    // Tauri's app_data_dir is the OS data folder joined with the identifier; compute the same here.
    let base = directories::BaseDirs::new()
        .ok_or_else(|| CoreError::precondition("无法确定用户数据文件夹，请用 --data-dir 指定数据文件夹或用 --db 指定赛事文件。"))?;
    Ok(base.data_dir().join(APP_IDENTIFIER))
}

pub const APP_IDENTIFIER: &str = "com.saiwu.desk";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_store_is_migrated_and_marked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        let s = Store::open(&path).unwrap();
        assert_eq!(s.user_version().unwrap(), SCHEMA_VERSION);
        let id: i64 = s.conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
        let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        drop(s);
        // Reopening applies nothing and keeps the version.
        let s = Store::open_existing(&path).unwrap();
        assert_eq!(s.user_version().unwrap(), SCHEMA_VERSION);
    }

    #[test]
    fn newer_store_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        drop(Store::open(&path).unwrap());
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", SCHEMA_VERSION + 5).unwrap();
        }
        let err = Store::open_existing(&path).err().unwrap();
        assert_eq!(err.code(), "STORE_TOO_NEW");
        assert!(err.to_string().contains("升级"));
        let c = Connection::open(&path).unwrap();
        let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, SCHEMA_VERSION + 5);
    }

    #[test]
    fn older_store_is_copied_then_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        {
            // A version-1 file, as an earlier release would have left it.
            let c = Connection::open(&path).unwrap();
            c.execute_batch(MIGRATIONS[0].1).unwrap();
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            c.pragma_update(None, "user_version", 1).unwrap();
            c.execute("INSERT INTO settings VALUES ('year', '2026', 'x')", []).unwrap();
        }
        let s = Store::open_existing(&path).unwrap();
        assert_eq!(s.user_version().unwrap(), SCHEMA_VERSION);
        let copy = path.with_extension("v1.bak");
        assert!(copy.is_file());
        let c = Connection::open(&copy).unwrap();
        let v: i64 = c.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
        assert_eq!(v, 1);
        let year: String = s.conn.query_row("SELECT value FROM settings WHERE key='year'", [], |r| r.get(0)).unwrap();
        assert_eq!(year, "2026");
    }

    /// A version-10 file with one logged row, as the previous release left it.
    fn version_10_file(path: &Path) {
        let c = Connection::open(path).unwrap();
        audit::register(&c).unwrap();
        for (_, sql) in &MIGRATIONS[..10] {
            c.execute_batch(sql).unwrap();
        }
        c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        c.pragma_update(None, "user_version", 10).unwrap();
        audit::install(&c).unwrap();
        c.execute("INSERT INTO unit_awards VALUES ('潞州区工信局', '组织得力', '秘书处', '2026-11-20T10:00:00+08:00')", []).unwrap();
    }

    /// 0014 rebuilds `verdicts` and `screening_keys` as WITHOUT ROWID tables: every row kept, and the
    /// lookups the screening makes (by entry, by kind and value) still answered.
    #[test]
    fn a_version_13_file_keeps_its_verdicts_and_keys_through_0014() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        {
            let c = Connection::open(&path).unwrap();
            audit::register(&c).unwrap();
            for (_, sql) in &MIGRATIONS[..13] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            c.pragma_update(None, "user_version", 13).unwrap();
            audit::install(&c).unwrap();
            c.execute("INSERT INTO screening_runs VALUES (1, '2026-07-11T09:30:00+08:00', '导入', 2, 1, 0, 1, 2)", []).unwrap();
            c.execute("INSERT INTO verdicts VALUES ('k1', 1, 'eligible', 'h1', 10), ('k2', 1, 'review', 'h2', 11)", []).unwrap();
            c.execute("INSERT INTO screening_keys VALUES ('k1', 'cc', '911404'), ('k2', 'cc', '911404'), ('k2', 'name', '张三')", [])
                .unwrap();
        }
        let s = Store::open_existing(&path).unwrap();
        let v: Vec<(String, String, i64)> = s
            .conn
            .prepare("SELECT entry_key, findings_hash, history_id FROM verdicts ORDER BY entry_key")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(v, vec![("k1".into(), "h1".into(), 10), ("k2".into(), "h2".into(), 11)]);
        let mut partners = verdicts::entries_with_key(&s.conn, "cc", "911404").unwrap();
        partners.sort();
        assert_eq!(partners, ["k1", "k2"]);
        assert_eq!(verdicts::keys_of(&s.conn, "k2").unwrap().len(), 2);
        let without_rowid: i64 = s
            .conn
            .query_row("SELECT count(*) FROM sqlite_schema WHERE name IN ('verdicts', 'screening_keys') AND sql LIKE '%WITHOUT ROWID%'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(without_rowid, 2);
    }

    /// 0015 rebuilds `conflicts` with `note` and `carried_from`: every row kept with its id, the shape change
    /// logged, and the chain verifies.
    #[test]
    fn a_version_14_file_keeps_its_conflicts_through_0015() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        {
            let c = Connection::open(&path).unwrap();
            audit::register(&c).unwrap();
            for (_, sql) in &MIGRATIONS[..14] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            c.pragma_update(None, "user_version", 14).unwrap();
            audit::install(&c).unwrap();
            audit::ensure_contest_id(&c, &mut rand::thread_rng()).unwrap();
            c.execute("INSERT INTO judges(id, name, source, created_at, updated_at) VALUES (3, '冯评八', 'manual', 'x', 'x')", []).unwrap();
            c.execute(
                "INSERT INTO conflicts VALUES (7, 'preliminary', 3, 'k1', 'suggested', 'confirmed', '同单位', '秘书处', '2026-07-20T09:00:00+08:00')",
                [],
            )
            .unwrap();
        }
        let s = Store::open_existing(&path).unwrap();
        let row: (i64, String, Option<String>, Option<i64>) = s
            .conn
            .query_row("SELECT id, status, note, carried_from FROM conflicts", [], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap();
        assert_eq!(row, (7, "confirmed".into(), None, None));
        let schema: i64 =
            s.conn.query_row("SELECT count(*) FROM audit_log WHERE tbl = 'conflicts' AND op = 'schema'", [], |r| r.get(0)).unwrap();
        assert_eq!(schema, 1);
        let r = audit::verify(&s).unwrap();
        assert!(r.ok, "{:?}", r.problems);
    }

    /// 0018 rebuilds `panels`, `panel_judges`, `panel_entries`, `scores` and `advancement` so the round may be
    /// 'semifinal': every row kept with its id (the panel's judges and entries too, which a plain DROP of
    /// `panels` would cascade away), the audited rebuilds logged as `schema` events, the chain verifies, and
    /// the 复赛 is then accepted.
    #[test]
    fn a_file_from_before_0018_keeps_its_rounds_and_admits_the_semifinal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        let before = MIGRATIONS.iter().position(|(n, _)| *n == "0018_semifinal").unwrap();
        {
            let c = Connection::open(&path).unwrap();
            audit::register(&c).unwrap();
            for (_, sql) in &MIGRATIONS[..before] {
                c.execute_batch(sql).unwrap();
            }
            c.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
            c.pragma_update(None, "user_version", before as i64).unwrap();
            audit::install(&c).unwrap();
            audit::ensure_contest_id(&c, &mut rand::thread_rng()).unwrap();
            c.execute("INSERT INTO judges(id, name, source, created_at, updated_at) VALUES (3, '冯评八', 'manual', 'x', 'x')", []).unwrap();
            c.execute("INSERT INTO panels VALUES (5, 'preliminary', '企业组评审组', 'x'), (6, 'final', '决赛评审组', 'x')", []).unwrap();
            c.execute("INSERT INTO panel_judges VALUES (5, 3, 1), (6, 3, 1)", []).unwrap();
            c.execute("INSERT INTO panel_entries VALUES (5, 'preliminary', 'k1'), (6, 'final', 'k1')", []).unwrap();
            c.execute("INSERT INTO scores VALUES (9, 'preliminary', 3, 'k1', 1, 0, '[3000,2000]', 5000, 'x', '秘书处')", []).unwrap();
            c.execute("INSERT INTO advancement VALUES (4, 'final', 'k1', 1, 0, '初赛企业组第 1 名', '秘书处', 'x')", []).unwrap();
            assert!(c.execute("INSERT INTO scores VALUES (10, 'semifinal', 3, 'k1', 1, 0, NULL, 5000, 'x', 'x')", []).is_err());
        }
        let s = Store::open_existing(&path).unwrap();
        let count = |sql: &str| -> i64 { s.conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM panels"), 2);
        assert_eq!(count("SELECT count(*) FROM panel_judges"), 2);
        assert_eq!(count("SELECT count(*) FROM panel_entries"), 2);
        assert_eq!(count("SELECT id FROM scores WHERE total = 5000"), 9);
        assert_eq!(count("SELECT id FROM advancement WHERE round = 'final'"), 4);
        assert_eq!(count("SELECT count(*) FROM sqlite_master WHERE name LIKE 'v18_%'"), 0);
        let schema: Vec<String> = s
            .conn
            .prepare("SELECT tbl FROM audit_log WHERE op = 'schema' AND row_key = '[\"0018_semifinal\"]' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(schema, ["scores", "advancement"]);
        let r = audit::verify(&s).unwrap();
        assert!(r.ok, "{:?}", r.problems);
        // The 复赛 now has a home in each table, and the audit follows the new rows.
        s.conn.execute("INSERT INTO panels VALUES (7, 'semifinal', '复赛评审组', 'x')", []).unwrap();
        s.conn.execute("INSERT INTO scores VALUES (10, 'semifinal', 3, 'k1', 1, 0, NULL, 5000, 'x', 'x')", []).unwrap();
        s.conn.execute("INSERT INTO advancement VALUES (5, 'semifinal', 'k1', 1, 0, 'r', 'x', 'x')", []).unwrap();
        assert!(s.conn.execute("INSERT INTO advancement VALUES (6, 'preliminary', 'k1', 1, 0, 'r', 'x', 'x')", []).is_err());
        assert!(audit::verify(&s).unwrap().ok);
        // Deleting a panel still takes its judges and entries with it.
        s.conn.execute("DELETE FROM panels WHERE id = 5", []).unwrap();
        assert_eq!(count("SELECT count(*) FROM panel_judges WHERE panel_id = 5"), 0);
    }

    #[test]
    fn an_old_copy_put_back_is_compared_with_the_head_kept_for_its_contest() {
        let dir = tempfile::tempdir().unwrap();
        let (path, old, data) = (dir.path().join("c.sqlite"), dir.path().join("old.sqlite"), dir.path().join("data"));
        version_10_file(&path);
        std::fs::copy(&path, &old).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-11-21T09:00:00+08:00").unwrap();
        {
            let s = Store::open_existing(&path).unwrap().with_data_dir(&data);
            s.conn.execute("INSERT INTO unit_awards VALUES ('长治高新区', '组织得力', '秘书处', '2026-11-21T09:00:00+08:00')", []).unwrap();
            assert!(s.persist_audit_head(now).unwrap().is_some());
        }
        // The version-10 copy put back with a file manager: migrated again on open, it gets the same id.
        std::fs::copy(&old, &path).unwrap();
        let s = Store::open_existing(&path).unwrap().with_data_dir(&data);
        let r = audit::verify(&s).unwrap();
        assert!(!r.ok, "{r:?}");
        assert!(r.problems.iter().any(|p| p.contains("审计日志比本机记录的短")), "{:?}", r.problems);
    }

    #[test]
    fn a_file_from_before_0011_gets_an_id_and_a_logged_schema_event_and_keeps_its_chain() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        version_10_file(&path);
        let s = Store::open_existing(&path).unwrap();
        let r = audit::verify(&s).unwrap();
        assert!(r.ok, "{:?}", r.problems);
        let schema: Vec<String> = s
            .conn
            .prepare("SELECT tbl FROM audit_log WHERE op = 'schema' AND row_key = '[\"0011_audit_guard\"]' ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<std::result::Result<_, _>>()
            .unwrap();
        assert_eq!(schema, ["contest_identity", "contest_events"]);
        let id = audit::contest_id(&s.conn).unwrap().unwrap();
        assert_eq!(id.len(), 36);
        // No baseline for a file that already had the log, and the id stays on reopening.
        let baselines: i64 = s.conn.query_row("SELECT count(*) FROM audit_log WHERE op = 'baseline'", [], |r| r.get(0)).unwrap();
        assert_eq!(baselines, 0);
        drop(s);
        assert_eq!(audit::contest_id(&Store::open_existing(&path).unwrap().conn).unwrap().unwrap(), id);
    }

    #[test]
    fn foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.sqlite");
        std::fs::write(&text, "这不是数据库".repeat(200)).unwrap();
        assert_eq!(Store::open_existing(&text).err().unwrap().code(), "STORE_NOT_CONTEST");
        let other = dir.path().join("other.sqlite");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        assert_eq!(Store::open_existing(&other).err().unwrap().code(), "STORE_NOT_CONTEST");
    }

    #[test]
    fn create_new_refuses_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        drop(Store::create_new(&path).unwrap());
        assert_eq!(Store::create_new(&path).err().unwrap().code(), "STORE_EXISTS");
    }

    #[test]
    fn backup_is_a_readable_copy() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.sqlite");
        let s = Store::open(&path).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-07-11T09:30:00+08:00").unwrap();
        let b = s.backup("before-import", now).unwrap().unwrap();
        assert!(b.ends_with("backups/c-20260711-093000-before-import.sqlite"));
        let b2 = s.backup("before-import", now).unwrap().unwrap();
        assert_ne!(b, b2);
        drop(Store::open_existing(&b).unwrap());
    }
}
