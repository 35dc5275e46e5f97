// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use saiwu_desk::state::{self, AppState, Options};
use tauri::Manager;
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

// The import's threads free what another thread allocated; glibc's malloc serialises that on a lock.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let opts = match Options::from_args(std::env::args()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{}", e.0.message);
            std::process::exit(2);
        }
    };
    let data_dir = match opts.data_dir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}", e.0.message);
            std::process::exit(2);
        }
    };
    // A contest file that cannot be opened (newer version, not ours, no permission, corrupt) must
    // not stop the app, nor become a temporary contest whose work is lost on close: start with no
    // contest; the window says why and offers to open or create another.
    let (store, problem) = state::open_startup(opts.db.as_deref(), &data_dir);
    if let Some(s) = &store {
        state::remember(&data_dir, s);
    }
    let window_dir = data_dir.clone();
    let startup_error = problem.as_ref().map(|p| format!("{}\n\n请在窗口中点击“打开赛事文件”或“新建赛事文件”。", p.message));
    let builder = tauri::Builder::default().plugin(tauri_plugin_dialog::init()).manage(AppState::new(store, problem, data_dir)).setup(move |app| {
        saiwu_desk::assets_check::on_startup(app);
        if let Some(w) = app.get_webview_window("main") {
            saiwu_desk::recent::restore_window(&w, &window_dir);
        }
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
    // The main window's size and position, kept in the data folder for the next start.
    let builder = builder.on_window_event(|window, event| {
        if window.label() == "main" && matches!(event, tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)) {
            saiwu_desk::recent::keep_window_geometry(window, window.state::<AppState>().data_dir());
        }
    });
    if let Err(e) = saiwu_desk::register(builder).run(tauri::generate_context!()) {
        eprintln!("程序启动失败：{e}");
        std::process::exit(1);
    }
}
