// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use saiwu_core::Store;
use saiwu_desk::state::{AppState, Options};

fn main() {
    let opts = match Options::from_args(std::env::args()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", e.0.message);
            std::process::exit(2);
        }
    };
    let path = match opts.db.map(Ok).unwrap_or_else(saiwu_core::store::default_store_path) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => {
            // The window cannot show anything without a store; say why on the console and stop.
            eprintln!("无法打开赛事文件 {}：{e}", path.display());
            std::process::exit(2);
        }
    };
    let builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init()).manage(AppState::new(store));
    if let Err(e) = saiwu_desk::register(builder).run(tauri::generate_context!()) {
        eprintln!("程序启动失败：{e}");
        std::process::exit(1);
    }
}
