//! What the app remembers between runs, in small JSON files in the data folder (not in any contest
//! file): the recent contest files for the welcome page, and the main window's size and position.
//! A missing or unreadable file is treated as empty: losing these never stops the app.
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// `<data dir>/recent-contests.json`: newest first.
pub const RECENT_FILE: &str = "recent-contests.json";
/// `<data dir>/window.json`: the main window's last size and position.
pub const WINDOW_FILE: &str = "window.json";
/// How many recent contest files the welcome page lists.
pub const RECENT_KEEP: usize = 10;

/// One recent contest file as the welcome page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RecentContest {
    pub path: String,
    /// The contest's name when it was last open (the file itself may be gone).
    pub name: String,
    /// When it was last opened (RFC 3339, Beijing time).
    pub opened_at: String,
    /// The file is no longer there (moved, renamed, deleted, or on a drive not plugged in); filled on reading.
    #[serde(default, skip_deserializing)]
    pub missing: bool,
}

fn read_recent(data_dir: &Path) -> Vec<RecentContest> {
    fs::read(data_dir.join(RECENT_FILE)).ok().and_then(|b| serde_json::from_slice::<Vec<RecentContest>>(&b).ok()).unwrap_or_default()
}

/// Writes through a temporary file and a rename, so a crash never leaves half a list.
fn write_json(data_dir: &Path, name: &str, value: &impl Serialize) -> std::io::Result<()> {
    fs::create_dir_all(data_dir)?;
    let tmp = data_dir.join(format!("{name}.tmp"));
    let text = serde_json::to_vec_pretty(value).map_err(std::io::Error::other)?;
    fs::write(&tmp, text)?;
    fs::rename(&tmp, data_dir.join(name))
}

/// The recent contest files, newest first, each marked when its file is missing.
pub fn recent(data_dir: &Path) -> Vec<RecentContest> {
    let mut list = read_recent(data_dir);
    for r in &mut list {
        r.missing = !Path::new(&r.path).is_file();
    }
    list
}

/// Puts `path` first in the list (once), keeping at most [`RECENT_KEEP`].
pub fn remember(data_dir: &Path, path: &Path, name: &str, opened_at: &str) -> std::io::Result<()> {
    let p = path.display().to_string();
    let mut list = read_recent(data_dir);
    list.retain(|r| r.path != p);
    list.insert(0, RecentContest { path: p, name: name.to_string(), opened_at: opened_at.to_string(), missing: false });
    list.truncate(RECENT_KEEP);
    write_json(data_dir, RECENT_FILE, &list)
}

/// Removes `path` from the list (移除); the file itself is left alone.
pub fn forget(data_dir: &Path, path: &str) -> std::io::Result<()> {
    let mut list = read_recent(data_dir);
    list.retain(|r| r.path != path);
    write_json(data_dir, RECENT_FILE, &list)
}

/// The contest the app reopens at start without `--db`: the newest recent file.
pub fn last(data_dir: &Path) -> Option<PathBuf> {
    read_recent(data_dir).into_iter().next().map(|r| PathBuf::from(r.path))
}

/// The main window's size (inner, physical pixels) and position (outer, physical pixels).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct WindowGeometry {
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
    #[serde(default)]
    pub maximized: bool,
}

pub fn window_geometry(data_dir: &Path) -> Option<WindowGeometry> {
    let g: WindowGeometry = serde_json::from_slice(&fs::read(data_dir.join(WINDOW_FILE)).ok()?).ok()?;
    // A size no window can have (an edited or damaged file) is ignored rather than applied.
    (g.width >= 200 && g.height >= 200 && g.width <= 20_000 && g.height <= 20_000).then_some(g)
}

pub fn save_window_geometry(data_dir: &Path, g: &WindowGeometry) -> std::io::Result<()> {
    if window_geometry(data_dir).as_ref() == Some(g) {
        return Ok(());
    }
    write_json(data_dir, WINDOW_FILE, g)
}

/// Puts the main window back where it was last time. A position on no connected screen (the office
/// monitor is not plugged in) is dropped: the window then opens where the system puts it.
pub fn restore_window<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, data_dir: &Path) {
    let Some(g) = window_geometry(data_dir) else { return };
    let _ = window.set_size(tauri::PhysicalSize::new(g.width, g.height));
    let on_screen = window.available_monitors().unwrap_or_default().iter().any(|m| {
        let (p, s) = (m.position(), m.size());
        let (cx, cy) = (g.x + 40, g.y + 20);
        cx >= p.x && cy >= p.y && cx < p.x + s.width as i32 && cy < p.y + s.height as i32
    });
    if on_screen {
        let _ = window.set_position(tauri::PhysicalPosition::new(g.x, g.y));
    }
    if g.maximized {
        let _ = window.maximize();
    }
}

/// Saves the main window's size and position after it was resized or moved. While maximized only the
/// flag changes, so un-maximizing next time returns to the size the person chose.
pub fn keep_window_geometry<R: tauri::Runtime>(window: &tauri::Window<R>, data_dir: &Path) {
    let (Ok(size), Ok(pos)) = (window.inner_size(), window.outer_position()) else { return };
    let maximized = window.is_maximized().unwrap_or(false);
    let g = match (maximized, window_geometry(data_dir)) {
        (true, Some(old)) => WindowGeometry { maximized: true, ..old },
        _ => WindowGeometry { width: size.width, height: size.height, x: pos.x, y: pos.y, maximized },
    };
    if g.width == 0 || g.height == 0 {
        return; // minimized
    }
    if let Err(e) = save_window_geometry(data_dir, &g) {
        eprintln!("无法保存窗口大小和位置：{e}");
    }
}
