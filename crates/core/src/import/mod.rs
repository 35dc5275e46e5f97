//! Import of the national site's exported entry sheets (SPEC §4), the read-only half: read the file
//! (`workbook`, streaming .xlsx/.xlsb), find the header row, map columns to canonical fields (aliases,
//! profiles or the user's choice) and normalise every cell (`parse`, pure); the preview and the queries
//! over past imports. Applying and undoing an import are actions (`actions::import`, the layer above).
pub mod cells;
pub mod fields;
pub mod members;
pub mod workbook;

pub mod parse;

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
pub use crate::model::Problem;
pub use crate::store::imports::ImportRecord;
use crate::store::Store;
use crate::text::clean_code;
use fields::{ColumnMap, FieldDef};
pub use parse::is_skippable;
use workbook::Cell;

const SAMPLE_ROWS: usize = 8;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportPreview {
    pub file: String,
    pub path: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    pub header_row: usize,
    pub data_rows: usize,
    pub columns: Vec<ColumnMap>,
    pub sample_rows: Vec<Vec<String>>,
    pub members_sheet: Option<String>,
    pub profiles: Vec<String>,
    /// Cells far from the data that the import will leave out, one message each (SPEC §12).
    pub ignored_cells: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct MappingChoice {
    pub index: usize,
    pub field: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApplyRequest {
    pub path: std::path::PathBuf,
    pub sheet: Option<String>,
    /// The user's mapping; None → the automatic one (with `profile` applied when given).
    pub mapping: Option<Vec<MappingChoice>>,
    pub profile: Option<String>,
    pub save_profile: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportResult {
    pub import_id: i64,
    pub file: String,
    pub sheet: String,
    pub new: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub missing: usize,
    pub skipped_rows: usize,
    /// Why rows were skipped, one line each (the first `parse::SKIPPED_LISTED`).
    pub skipped: Vec<parse::SkippedRow>,
    pub problems: Vec<Problem>,
    /// Of `problems`, how many are about the file as a whole (duplicate rows, the members sheet, stray
    /// cells) rather than one entry; the rest belong to `problem_entries` entries (报名项目's 仅看有问题).
    pub file_problems: usize,
    pub problem_entries: usize,
    pub backup: Option<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UndoResult {
    pub import_id: i64,
    pub file: String,
    pub message: String,
}

pub fn field_catalogue() -> &'static [FieldDef] {
    fields::FIELDS
}

/// A saved mapping profile: header key → field (None: the column is left unmapped).
pub fn load_profile(store: &Store, name: &str) -> Result<HashMap<String, Option<String>>> {
    let json =
        crate::store::imports::profile_json(store.conn(), name)?.ok_or_else(|| CoreError::not_found(format!("没有名为“{name}”的映射方案。")))?;
    serde_json::from_str(&json).map_err(|e| CoreError::validation(Some("profile"), format!("映射方案“{name}”已损坏（{e}），请重新保存。")))
}

pub fn profiles(store: &Store) -> Result<Vec<String>> {
    crate::store::imports::profile_names(store.conn())
}

/// The JSON a profile is saved as: header key → field, for every column with a header.
pub fn profile_mapping_json(columns: &[ColumnMap]) -> String {
    let map: std::collections::BTreeMap<String, Option<&str>> =
        columns.iter().filter(|c| !c.header.is_empty()).map(|c| (crate::text::header_key(&c.header), c.field)).collect();
    serde_json::to_string(&map).unwrap_or_default()
}

/// What the user sees before importing; reads the file, changes nothing.
pub fn preview(store: &Store, path: &Path, sheet: Option<&str>, profile: Option<&str>) -> Result<ImportPreview> {
    let wb = workbook::read(path)?;
    let mut layout = parse::analyse(&wb, sheet)?;
    if let Some(p) = profile {
        parse::apply_profile(&mut layout.columns, &load_profile(store, p)?);
    }
    let s = &wb.sheets[layout.sheet];
    let data: Vec<&Vec<Cell>> = s.rows.iter().skip(layout.header_row + 1).filter(|r| !r.iter().all(Cell::is_empty) && !is_skippable(r)).collect();
    let width = layout.columns.len();
    let sample_rows = data.iter().take(SAMPLE_ROWS).map(|r| (0..width).map(|i| r.get(i).map(Cell::display).unwrap_or_default()).collect()).collect();
    Ok(ImportPreview {
        file: wb.file.clone(),
        path: path.display().to_string(),
        sheets: wb.sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: s.name.clone(),
        header_row: layout.header_row + 1,
        data_rows: data.len(),
        columns: layout.columns,
        sample_rows,
        members_sheet: layout.members.map(|(i, _, _)| wb.sheets[i].name.clone()),
        profiles: profiles(store)?,
        ignored_cells: parse::stray_problems(&wb.file, &wb.ignored, wb.ignored_total).into_iter().map(|p| p.message).collect(),
    })
}

pub fn list_imports(store: &Store) -> Result<Vec<ImportRecord>> {
    crate::store::imports::list_entries_imports(store.conn())
}

/// The latest import that is still in effect.
pub fn latest_import(store: &Store) -> Result<Option<ImportRecord>> {
    Ok(list_imports(store)?.into_iter().find(|r| !r.undone))
}

/// The problems of one import (the latest one in effect when `import_id` is None).
pub fn problems(store: &Store, import_id: Option<i64>) -> Result<Vec<Problem>> {
    let id = match import_id {
        Some(id) => id,
        None => match latest_import(store)? {
            Some(r) => r.id,
            None => return Ok(Vec::new()),
        },
    };
    crate::store::imports::problems(store.conn(), id)
}

pub fn problems_for_entry(store: &Store, import_id: i64, key: &str) -> Result<Vec<Problem>> {
    crate::store::imports::problems_for_entry(store.conn(), import_id, key)
}

/// Normalised project number as the importer stores it (for callers matching user input).
pub fn normalise_project_no(s: &str) -> String {
    clean_code(s)
}
