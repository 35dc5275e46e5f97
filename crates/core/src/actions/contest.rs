//! Opening and creating a contest file. Opening an older file migrates it forward after taking its copy
//! `<file>.v<old>.bak` (the store's mechanics); a file of a newer version or of another program is refused
//! untouched. The desktop app and the CLI open contests only through these.
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::error::{CoreError, Result};
use crate::screening::Run;
use crate::settings::{self, Settings};
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

/// What the welcome page asks for a new contest (新建赛事); the rest of the settings start from the
/// notice's defaults and are edited in 赛事设置.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct NewContest {
    pub contest_name: String,
    pub edition: String,
    pub year: i32,
    pub city: String,
}

impl Default for NewContest {
    /// The notice's values (the 11th 长治 edition), which the welcome page shows pre-filled.
    fn default() -> Self {
        let s = Settings::default();
        NewContest { contest_name: s.contest_name, edition: s.edition, year: s.year, city: s.city }
    }
}

/// Creates a new contest file with the name, edition, year and city the person typed and every
/// other setting from the notice's defaults. The settings are checked before the file is made, so
/// a refused form leaves no half-made file behind.
pub fn create_with(path: &Path, new: &NewContest, now: DateTime<FixedOffset>) -> Result<Store> {
    let trimmed = |v: &str, field: &str, what: &str| -> Result<String> {
        let v = v.trim();
        if v.is_empty() {
            return Err(CoreError::validation(Some(field), format!("请填写{what}。")));
        }
        Ok(v.to_string())
    };
    let mut s = Settings::default();
    s.contest_name = trimmed(&new.contest_name, "contest_name", "赛事名称")?;
    s.edition = trimmed(&new.edition, "edition", "届次（例如 第十一届）")?;
    s.city = trimmed(&new.city, "city", "所在城市（例如 长治市）")?;
    s.year = new.year;
    s.validate()?;
    let mut store = create(path)?;
    crate::actions::settings::save(&mut store, &s, now)?;
    Ok(store)
}

/// Builds the demo contest (打开演示赛事) at `path`: the generated national-site export and the
/// judges list imported, the preliminary round's panels made, so every page has something to show.
/// An existing file is refused like any new contest; the caller opens it instead.
pub fn build_demo(path: &Path, entries: &Path, judges: &Path, now: DateTime<FixedOffset>) -> Result<Store> {
    let mut store = create(path)?;
    let req = crate::import::ApplyRequest { path: entries.to_path_buf(), sheet: None, mapping: None, profile: None, save_profile: None };
    crate::actions::import::apply(&mut store, &req, now, &mut |_| {})?;
    crate::actions::reference::import(&mut store, crate::reference::RefKind::Judges, judges, now)?;
    crate::actions::judging::auto_panels(&mut store, crate::model::Round::Preliminary, None, now)?;
    Ok(store)
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

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-06-01T10:00:00+08:00").unwrap()
    }

    #[test]
    fn a_new_contest_keeps_what_was_typed_and_the_notice_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("晋城.sqlite");
        let new = NewContest {
            contest_name: " 第十二届“创客中国”晋城市大赛 ".into(), edition: "第十二届".into(), year: 2027, city: "晋城市".into()
        };
        let store = create_with(&path, &new, now()).unwrap();
        let s = settings::load(&store).unwrap();
        assert_eq!(
            (s.contest_name.as_str(), s.edition.as_str(), s.year, s.city.as_str()),
            ("第十二届“创客中国”晋城市大赛", "第十二届", 2027, "晋城市")
        );
        assert_eq!(s.award_quota, Settings::default().award_quota, "the rest comes from the notice");
        assert_eq!(info(&store).unwrap().contest_name, "第十二届“创客中国”晋城市大赛");
        // An empty name is refused before any file is made.
        let bad = dir.path().join("空.sqlite");
        let e = create_with(&bad, &NewContest { contest_name: "  ".into(), ..NewContest::default() }, now()).err().unwrap();
        assert_eq!(e.code(), "INVALID_INPUT");
        assert!(e.to_string().contains("赛事名称"), "{e}");
        assert!(!bad.exists());
    }

    #[test]
    fn the_demo_contest_has_entries_judges_and_panels() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("演示赛事.sqlite");
        let store = build_demo(&path, &root.join("fixtures/generated/export_v1.xlsx"), &root.join("fixtures/handmade/judges.xlsx"), now()).unwrap();
        let truth = std::fs::read_to_string(root.join("fixtures/generated/export_v1.truth.jsonl")).unwrap();
        let count = |sql: &str| store.conn().query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
        assert_eq!(count("SELECT COUNT(*) FROM entries") as usize, truth.lines().filter(|l| !l.trim().is_empty()).count());
        assert!(count("SELECT COUNT(*) FROM judges") > 0);
        assert!(count("SELECT COUNT(*) FROM panels") > 0);
        assert_eq!(build_demo(&path, &root.join("x"), &root.join("y"), now()).err().unwrap().code(), "STORE_EXISTS");
    }

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
