//! 创客大赛秘书处 desktop shell. All logic lives in saiwu-core; this crate wires commands,
//! state and plugins.
pub mod commands;
pub mod error;
pub mod state;

use commands::{contest, entries, import, judges, overview, reference, screening, settings};

/// Registers every command; shared by the real app and the mock-runtime tests.
pub fn register<R: tauri::Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        contest::contest_current,
        contest::contest_open,
        contest::contest_create,
        settings::settings_get,
        settings::settings_save,
        overview::dashboard,
        import::import_fields,
        import::profiles_list,
        import::import_preview,
        import::import_apply,
        import::import_undo_last,
        import::imports_list,
        import::problems_list,
        import::problems_export,
        entries::entries_list,
        entries::entry_get,
        screening::screening_list,
        screening::screening_decide,
        screening::eligibility_export,
        reference::reference_status,
        reference::reference_preview,
        reference::reference_import,
        judges::judges_list,
        judges::judge_add,
        judges::judge_update,
        judges::judge_set_active,
    ])
}
