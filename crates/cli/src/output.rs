//! Helpers every subcommand shares: the clock, printing, JSON and opening the contest.
use std::io::Write;
use std::path::PathBuf;

use saiwu_core::{CoreError, Store};

/// The only place the CLI reads the clock; the core is always handed `now`.
pub fn now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&saiwu_core::import::cells::beijing())
}

pub fn out(s: &str) {
    let mut o = std::io::stdout().lock();
    let _ = writeln!(o, "{s}");
}

pub fn json<T: serde::Serialize>(v: &T) -> Result<(), CoreError> {
    let s = serde_json::to_string_pretty(v).map_err(|e| CoreError::validation(None, e.to_string()))?;
    out(&s);
    Ok(())
}

/// The contest (`--db`, else `contest.sqlite` in the data folder), keeping its audit head in the data folder.
pub fn open_store(db: Option<PathBuf>, data_dir: Option<PathBuf>) -> Result<Store, CoreError> {
    let data_dir = match data_dir {
        Some(d) => d,
        None => saiwu_core::store::default_data_dir()?,
    };
    let path = db.unwrap_or_else(|| saiwu_core::store::default_contest_in(&data_dir));
    let mut store = saiwu_core::actions::contest::open_or_create(&path)?.with_data_dir(data_dir);
    // A contest screened by an older release's rules is re-screened before anything reads it.
    saiwu_core::actions::contest::bring_current(&mut store, now())?;
    Ok(store)
}
