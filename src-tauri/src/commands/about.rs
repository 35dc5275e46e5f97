//! 关于: the app's version and the licences of what it ships (assets/licenses.json, generated from Cargo and npm
//! metadata by scripts/gen-licenses.py and embedded at compile time, so the window needs no file at run time).
use serde::{Deserialize, Serialize};

use crate::error::{CmdResult, CommandError};

/// One bundled library or font and its licence (an SPDX expression as its authors declared it).
#[derive(Serialize, Deserialize, Clone, Debug)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Licence {
    pub name: String,
    pub version: String,
    pub license: String,
    /// Where its source or licence text is (a URL, or a file of this repository for the font).
    pub repository: String,
}

#[derive(Serialize, Deserialize, Clone, Debug)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Licences {
    pub fonts: Vec<Licence>,
    pub crates: Vec<Licence>,
    pub npm: Vec<Licence>,
}

#[derive(Serialize, Clone, Debug)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AboutInfo {
    /// The release, as printed in every export's footer.
    pub version: String,
    pub licences: Licences,
}

const LICENCES: &str = include_str!("../../../assets/licenses.json");

/// The embedded licence list; a broken file is a build mistake, reported rather than panicking.
pub fn about() -> CmdResult<AboutInfo> {
    let licences: Licences = serde_json::from_str(LICENCES)
        .map_err(|e| CommandError::internal(format!("内置的许可证清单无法读取（{e}），请重新运行 scripts/gen-licenses.py")))?;
    Ok(AboutInfo { version: saiwu_core::VERSION.to_string(), licences })
}

#[tauri::command]
pub fn app_about() -> CmdResult<AboutInfo> {
    about()
}
