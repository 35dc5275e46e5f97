//! Opening and creating a contest file. Opening an older file migrates it forward after taking its copy
//! `<file>.v<old>.bak` (the store's mechanics); a file of a newer version or of another program is refused
//! untouched. The desktop app and the CLI open contests only through these.
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::Result;
use crate::screening::Run;
use crate::settings;
use crate::store::{Store, SCHEMA_VERSION};

/// The open contest as the window shows it: its file, its name and the data format version.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ContestInfo {
    pub db_path: String,
    pub contest_name: String,
    pub schema_version: i64,
}

/// Opens the contest file at `path`, creating it (and its folder) when it does not exist (`--db`, the CLI).
pub fn open_or_create(path: &Path) -> Result<Store> {
    Store::open(path)
}

/// Opens an existing contest file (打开赛事文件); a missing file is `NOT_FOUND`, not a new contest.
pub fn open_existing(path: &Path) -> Result<Store> {
    Store::open_existing(path)
}

/// Creates a new contest file (新建赛事); an existing file is refused (`STORE_EXISTS`) and left alone.
pub fn create(path: &Path) -> Result<Store> {
    Store::create_new(path)
}

/// After opening: a contest whose stored verdicts were made by other rules than this program's (an
/// older release), or that has entries never screened, is re-screened in one transaction, so every
/// reader finds current verdicts. Returns the run when there was one. Callers pass the clock.
pub fn bring_current(store: &mut Store, now: DateTime<FixedOffset>) -> Result<Option<Run>> {
    crate::actions::screening::ensure_current(store, now)
}

/// What [`open_existing`] and [`create`] report to the window, and what it shows while a contest is open.
pub fn info(store: &Store) -> Result<ContestInfo> {
    Ok(ContestInfo { db_path: store.path().display().to_string(), contest_name: settings::load(store)?.contest_name, schema_version: SCHEMA_VERSION })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_then_open_reports_the_file_and_refuses_a_second_create() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("新赛事.sqlite");
        let i = info(&create(&path).unwrap()).unwrap();
        assert_eq!(i.db_path, path.display().to_string());
        assert_eq!(i.schema_version, SCHEMA_VERSION);
        assert!(!i.contest_name.is_empty(), "the default contest name");
        assert_eq!(create(&path).err().unwrap().code(), "STORE_EXISTS");
        assert_eq!(info(&open_existing(&path).unwrap()).unwrap().db_path, i.db_path);
        assert_eq!(open_existing(&dir.path().join("无.sqlite")).err().unwrap().code(), "NOT_FOUND");
        // `--db` creates a missing file, folder included.
        let nested = dir.path().join("a/b/c.sqlite");
        open_or_create(&nested).unwrap();
        assert!(nested.is_file());
    }
}
