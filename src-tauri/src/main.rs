// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use saiwu_core::Store;
use saiwu_desk::state::{AppState, Options};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

fn main() {
    let opts = match Options::from_args(std::env::args()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", e.0.message);
            std::process::exit(2);
        }
    };
    // A contest file that cannot be opened (newer version, not ours, no permission) must not stop
    // the app: open an empty in-memory contest, say why, and let the user open or create another.
    let (store, startup_error) = match opts.db.map(Ok).unwrap_or_else(saiwu_core::store::default_store_path).and_then(|p| Store::open(&p)) {
        Ok(s) => (s, None),
        Err(e) => match Store::open_in_memory() {
            Ok(s) => (s, Some(format!("{e}\n\n已打开一个临时的空白赛事（不会保存）。请点击右上角“打开赛事文件”或“新建赛事文件”。"))),
            Err(e2) => {
                eprintln!("无法打开赛事文件：{e}；{e2}");
                std::process::exit(1);
            }
        },
    };
    let builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init()).manage(AppState::new(store)).setup(move |app| {
        saiwu_desk::assets_check::on_startup(app);
        if let Some(msg) = startup_error.clone() {
            eprintln!("{msg}");
            app.dialog()
                .message(msg)
                .title("无法打开赛事文件")
                .kind(MessageDialogKind::Error)
                .buttons(MessageDialogButtons::OkCustom("知道了".into()))
                .show(|_| {});
        }
        Ok(())
    });
    if let Err(e) = saiwu_desk::register(builder).run(tauri::generate_context!()) {
        eprintln!("程序启动失败：{e}");
        std::process::exit(1);
    }
}
