//! 创客大赛秘书处 desktop shell. All logic lives in saiwu-core; this crate wires commands,
//! state and plugins.
pub mod commands;
pub mod error;
pub mod state;

use commands::{contest, entries, import, judging, overview, reference, screening, settings};

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
        screening::screening_history,
        screening::eligibility_export,
        reference::reference_status,
        reference::reference_import,
        judging::round_overview,
        judging::round_entries,
        judging::panels_auto,
        judging::panel_create,
        judging::panel_delete,
        judging::panel_set_judges,
        judging::panel_set_entries,
        judging::conflicts_list,
        judging::conflict_decide,
        judging::conflict_declare,
        judging::score_grid,
        judging::score_set,
        judging::score_mismatches,
        judging::score_log,
        judging::scores_check,
        judging::scores_import,
        judging::scores_export,
        judging::ranking,
        judging::tie_decide,
        judging::advance,
        judging::advancement_list,
        judging::advancement_adjust,
        judging::draw,
        judging::draws_list,
        judging::projector_open,
        judging::score_sheets_pdf,
        judging::order_sheet_pdf,
        judging::leniency,
    ])
}
