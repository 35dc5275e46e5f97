//! Import of the national site's exported entry sheets (SPEC §4): read the file, find the header
//! row, map columns to canonical fields (aliases, profiles or the user's choice), normalise every
//! cell, and apply the result atomically — with a backup first, a report of new / changed /
//! unchanged / missing entries, problems that name file, sheet, row and column, and undo.
pub mod cells;
pub mod fields;
pub mod members;
pub mod workbook;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::model::Person;
pub use crate::model::Problem;
use crate::model::{kind_of, Entry, Source};
use crate::store::Store;
use crate::text::{clean_code, header_key, nfkc};
use cells::{Issue, Parsed};
use fields::{column_letter, ColumnMap, FieldDef, FieldKind, FIELDS};
use members::{members_columns, MembersColumns};
use workbook::{Cell, Workbook};

/// Rows scanned from the top of a sheet when looking for the header row.
const HEADER_SCAN_ROWS: usize = 30;
/// A header row must name at least this many canonical fields.
const MIN_HEADER_FIELDS: usize = 3;
const SAMPLE_ROWS: usize = 8;

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
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

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[derive(ts_rs::TS)]
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

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub stage: String,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
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
    pub problems: Vec<Problem>,
    pub backup: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ImportRecord {
    pub id: i64,
    pub file: String,
    pub sheet: String,
    pub imported_at: String,
    pub new: i64,
    pub changed: i64,
    pub unchanged: i64,
    pub missing: i64,
    pub skipped_rows: i64,
    pub problems: i64,
    pub undone: bool,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct UndoResult {
    pub import_id: i64,
    pub file: String,
    pub message: String,
}

pub fn field_catalogue() -> &'static [FieldDef] {
    FIELDS
}

/// Where the data sits in a workbook.
struct Layout {
    sheet: usize,
    header_row: usize,
    columns: Vec<ColumnMap>,
    members: Option<(usize, usize, MembersColumns)>,
}

fn display_grid(rows: &[Vec<Cell>], limit: usize) -> Vec<Vec<String>> {
    rows.iter().take(limit).map(|r| r.iter().map(Cell::display).collect()).collect()
}

/// The best header row of one sheet and its score.
fn best_header(rows: &[Vec<Cell>]) -> Option<(usize, usize)> {
    let grid = display_grid(rows, HEADER_SCAN_ROWS);
    (0..grid.len())
        .map(|r| (r, fields::header_score(&grid, r)))
        .filter(|(_, s)| *s >= MIN_HEADER_FIELDS)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
}

fn find_members_sheet(wb: &Workbook, main: usize) -> Option<(usize, usize, MembersColumns)> {
    wb.sheets.iter().enumerate().filter(|(i, _)| *i != main).find_map(|(i, s)| {
        s.rows.iter().take(HEADER_SCAN_ROWS).enumerate().find_map(|(r, row)| {
            let header: Vec<String> = row.iter().map(Cell::display).collect();
            members_columns(&header).map(|m| (i, r, m))
        })
    })
}

fn analyse(wb: &Workbook, sheet: Option<&str>) -> Result<Layout> {
    let (sheet_idx, header_row) = match sheet {
        Some(name) => {
            let i = wb.sheets.iter().position(|s| s.name == name).ok_or_else(|| CoreError::NoSuchSheet {
                file: wb.file.clone(),
                sheet: name.into(),
                available: wb.sheets.iter().map(|s| format!("“{}”", s.name)).collect::<Vec<_>>().join("、"),
            })?;
            let (r, _) =
                best_header(&wb.sheets[i].rows).ok_or_else(|| CoreError::NoHeader { file: format!("{}”的工作表“{}", wb.file, name) })?;
            (i, r)
        }
        None => wb
            .sheets
            .iter()
            .enumerate()
            .filter_map(|(i, s)| best_header(&s.rows).map(|(r, score)| (i, r, score)))
            // Most fields wins; among equals the first sheet.
            .max_by(|a, b| a.2.cmp(&b.2).then(b.0.cmp(&a.0)))
            .map(|(i, r, _)| (i, r))
            .ok_or_else(|| CoreError::NoHeader { file: wb.file.clone() })?,
    };
    let grid = display_grid(&wb.sheets[sheet_idx].rows, header_row + 1);
    let columns = fields::map_header(&grid, header_row);
    let members = find_members_sheet(wb, sheet_idx);
    Ok(Layout { sheet: sheet_idx, header_row, columns, members })
}

fn load_profile(store: &Store, name: &str) -> Result<HashMap<String, Option<String>>> {
    let json: Option<String> = store.conn().query_row("SELECT mapping FROM mapping_profiles WHERE name = ?1", [name], |r| r.get(0)).optional()?;
    let json = json.ok_or_else(|| CoreError::NotFound(format!("没有名为“{name}”的映射方案。")))?;
    serde_json::from_str(&json).map_err(|e| CoreError::Invalid(format!("映射方案“{name}”已损坏（{e}），请重新保存。")))
}

pub fn profiles(store: &Store) -> Result<Vec<String>> {
    let mut stmt = store.conn().prepare("SELECT name FROM mapping_profiles ORDER BY updated_at DESC, name")?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<std::result::Result<Vec<String>, _>>()?;
    Ok(names)
}

/// Applies a saved profile on top of the automatic mapping: columns whose header the profile knows
/// take the profile's field; a field keeps only its first column.
fn apply_profile(columns: &mut [ColumnMap], profile: &HashMap<String, Option<String>>) {
    for c in columns.iter_mut() {
        if let Some(f) = profile.get(&header_key(&c.header)) {
            c.field = f.as_deref().and_then(fields::field).map(|d| d.key);
        }
    }
    dedupe(columns);
}

fn dedupe(columns: &mut [ColumnMap]) {
    let mut seen = HashSet::new();
    for c in columns.iter_mut() {
        if let Some(f) = c.field {
            if !seen.insert(f) {
                c.field = None;
            }
        }
        c.unit = unit_for(c);
    }
}

fn unit_for(c: &ColumnMap) -> Option<&'static str> {
    match c.field.and_then(fields::field).map(|d| d.kind) {
        Some(FieldKind::Money) => Some(crate::text::header_unit(&c.header).filter(|u| *u != "人").unwrap_or("万元")),
        Some(FieldKind::Integer) => Some("人"),
        _ => None,
    }
}

/// The user's mapping replaces the automatic one; every field at most once.
fn apply_choices(columns: &mut [ColumnMap], choices: &[MappingChoice]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in columns.iter_mut() {
        c.field = None;
    }
    for ch in choices {
        let col = columns
            .iter_mut()
            .find(|c| c.index == ch.index)
            .ok_or_else(|| CoreError::Invalid(format!("映射中的第 {} 列在文件中不存在，请重新预览。", ch.index + 1)))?;
        if let Some(f) = ch.field.as_deref() {
            let def = fields::field(f).ok_or_else(|| CoreError::Invalid(format!("未知的字段“{f}”。")))?;
            if let Some(prev) = seen.insert(def.key, ch.index) {
                return Err(CoreError::Invalid(format!(
                    "“{}”同时对应了第 {} 列和第 {} 列，请只保留一列。",
                    def.label,
                    column_letter(prev),
                    column_letter(ch.index)
                )));
            }
            col.field = Some(def.key);
        }
    }
    for c in columns.iter_mut() {
        c.unit = unit_for(c);
    }
    Ok(())
}

pub(crate) fn is_skippable(row: &[Cell]) -> bool {
    let first = row.iter().find(|c| !c.is_empty());
    let Some(first) = first else { return true };
    let text = nfkc(&first.display()).trim().to_string();
    const MARKERS: &[&str] =
        &["合计", "总计", "小计", "共计", "注:", "注：", "注 ", "备注", "说明", "填表", "制表", "审核人", "统计时间", "导出时间"];
    MARKERS.iter().any(|m| text.starts_with(m)) || text == "注"
}

pub fn preview(store: &Store, path: &Path, sheet: Option<&str>, profile: Option<&str>) -> Result<ImportPreview> {
    let wb = workbook::read(path)?;
    let mut layout = analyse(&wb, sheet)?;
    if let Some(p) = profile {
        apply_profile(&mut layout.columns, &load_profile(store, p)?);
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
        ignored_cells: stray_problems(&wb).into_iter().map(|p| p.message).collect(),
    })
}

/// One source row turned into an entry.
struct ParsedRow {
    key: String,
    entry: Entry,
    /// Every cell of the row as Excel shows it (JSON array); headers are stored once per import.
    raw_json: String,
    data_json: String,
    problems: Vec<Problem>,
    hash: String,
}

/// Collects problems for one row with its provenance filled in.
struct RowCtx<'a> {
    file: &'a str,
    sheet: &'a str,
    row: usize,
    problems: Vec<Problem>,
}

impl RowCtx<'_> {
    fn push(&mut self, col: Option<&ColumnMap>, issue: Issue) {
        self.problems.push(Problem {
            file: self.file.into(),
            sheet: self.sheet.into(),
            row: Some(self.row),
            column: col.map(|c| format!("{} {}", c.letter, c.header)),
            code: issue.code.into(),
            message: issue.message,
            hint: issue.hint,
            project_no: None,
            severity: if issue.error { "error" } else { "warning" }.into(),
        });
    }

    fn take<T>(&mut self, col: &ColumnMap, parsed: Parsed<T>) -> Option<T> {
        match parsed {
            Ok((v, w)) => {
                if let Some(w) = w {
                    self.push(Some(col), w);
                }
                v
            }
            Err(e) => {
                self.push(Some(col), e);
                None
            }
        }
    }
}

/// Members from a members sheet, by project number, with their own problems.
fn read_members_sheet(wb: &Workbook, layout: &Layout) -> (HashMap<String, Vec<Person>>, Vec<Problem>) {
    let mut map: HashMap<String, Vec<Person>> = HashMap::new();
    let mut problems = Vec::new();
    let Some((si, hr, mc)) = layout.members else { return (map, problems) };
    let sheet = &wb.sheets[si];
    let header: Vec<String> = sheet.rows[hr].iter().map(Cell::display).collect();
    let col =
        |i: usize| ColumnMap { index: i, letter: column_letter(i), header: header.get(i).cloned().unwrap_or_default(), field: None, unit: None };
    for (r, row) in sheet.rows.iter().enumerate().skip(hr + 1) {
        if row.iter().all(Cell::is_empty) || is_skippable(row) {
            continue;
        }
        let get = |i: usize| row.get(i).cloned().unwrap_or(Cell::Empty);
        let mut ctx = RowCtx { file: &wb.file, sheet: &sheet.name, row: r + 1, problems: Vec::new() };
        let Some(no) = ctx.take(&col(mc.project_no), cells::project_no(&get(mc.project_no))) else { continue };
        let mut id_number = mc.id_number.and_then(|i| ctx.take(&col(i), cells::id_number(&get(i))));
        let mut phone = mc.phone.and_then(|i| ctx.take(&col(i), cells::phone(&get(i))));
        // The name cell goes through the same member parser as a members cell, so an ID or phone typed
        // against the name is split off and reported instead of becoming part of the name.
        let name_cell = get(mc.name);
        let name = if name_cell.is_empty() {
            None
        } else {
            let parsed = members::parse_cell(&name_cell.display());
            for issue in parsed.issues {
                ctx.push(Some(&col(mc.name)), issue);
            }
            let first = parsed.people.into_iter().next().unwrap_or_default();
            if let Some(id) = first.id_number {
                if let Err(issue) | Ok((_, Some(issue))) = cells::id_text(&id) {
                    ctx.push(Some(&col(mc.name)), issue);
                }
                id_number.get_or_insert(id);
            }
            if let Some(p) = first.phone {
                phone.get_or_insert(p);
            }
            first.name
        };
        for p in ctx.problems.iter_mut() {
            p.project_no = Some(no.clone());
        }
        problems.extend(ctx.problems);
        map.entry(no).or_default().push(Person { name, id_number, phone });
    }
    (map, problems)
}

fn entry_key(e: &Entry) -> Option<String> {
    if let Some(no) = &e.project_no {
        return Some(format!("no:{no}"));
    }
    let project = e.project_name.as_deref().map(|p| header_key(p));
    match (&e.credit_code, project, &e.entrant_name) {
        (Some(cc), Some(p), _) => Some(format!("cc:{cc}|{p}")),
        (None, Some(p), Some(n)) => Some(format!("nm:{}|{p}", header_key(n))),
        _ => None,
    }
}

/// The entry's content fingerprint for re-import (new / changed / unchanged). xxh3-128 over the
/// canonical JSON: fast, stable across releases, and not a security boundary.
fn content_hash(e: &mut Entry) -> String {
    // Provenance is not content: the same entry on another row is unchanged; and a 序号 column
    // renumbers every row below a removed one, so it is position, not content either.
    let source = std::mem::replace(&mut e.source, Source { file: String::new(), sheet: String::new(), row: 0 });
    let seq_keys: Vec<String> = e.extra.keys().filter(|k| matches!(header_key(k).as_str(), "序号" | "行号" | "序" | "no")).cloned().collect();
    let seq: Vec<(String, String)> = seq_keys.into_iter().filter_map(|k| e.extra.remove_entry(&k)).collect();
    let json = serde_json::to_vec(&*e).unwrap_or_default();
    e.source = source;
    e.extra.extend(seq);
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&json))
}

/// The text of a mapped column put back into `extra` under its header, when it is not used.
fn keep_in_extra(c: &ColumnMap, cell: &Cell, extra: &mut BTreeMap<String, String>) {
    let shown = cell.display();
    if !shown.trim().is_empty() {
        extra.insert(if c.header.is_empty() { format!("{}列", c.letter) } else { c.header.clone() }, shown);
    }
}

fn keep_parallel_columns(values: &BTreeMap<&'static str, (&ColumnMap, &Cell)>, extra: &mut BTreeMap<String, String>) {
    for key in ["member_ids", "member_phones"] {
        if let Some((c, cell)) = values.get(key) {
            keep_in_extra(c, cell, extra);
        }
    }
}

/// Pairs the members' ID and phone columns with the names by position (SPEC §12 Members). When the
/// counts differ nothing is guessed: the names stay without those values, the column's text stays
/// in `extra`, and a problem names both cells.
fn pair_parallel_columns(
    ctx: &mut RowCtx,
    values: &BTreeMap<&'static str, (&ColumnMap, &Cell)>,
    extra: &mut BTreeMap<String, String>,
    mut people: Vec<Person>,
) -> Vec<Person> {
    let Some((names_col, _)) = values.get("members") else { return people };
    for (key, kind) in [("member_ids", members::ListKind::Ids), ("member_phones", members::ListKind::Phones)] {
        let Some((c, cell)) = values.get(key) else { continue };
        if cell.is_empty() {
            continue;
        }
        let (items, issues) = members::parse_list(cell, kind);
        for issue in issues {
            ctx.push(Some(c), issue);
        }
        let what = if kind == members::ListKind::Ids { "身份证号" } else { "手机号" };
        if items.len() != people.len() {
            ctx.push(
                Some(c),
                Issue {
                    code: "MEMBERS_COUNT_MISMATCH",
                    message: format!(
                        "第 {row} 行“{names}”（{nl} 列）列出 {np} 名成员，“{col}”（{cl} 列）列出 {ni} 个{what}，数量不一致，无法按顺序对应；{what}未分配给任何成员，原文保留在附加信息中",
                        row = ctx.row,
                        names = names_col.header,
                        nl = names_col.letter,
                        np = people.len(),
                        col = c.header,
                        cl = c.letter,
                        ni = items.len(),
                    ),
                    hint: format!("请在原表中核对两列，使{what}与成员姓名一一对应、顺序相同（没有的填“无”），再重新导入"),
                    error: false,
                },
            );
            keep_in_extra(c, cell, extra);
            continue;
        }
        for (p, v) in people.iter_mut().zip(items) {
            let Some(v) = v else { continue };
            let slot = if kind == members::ListKind::Ids { &mut p.id_number } else { &mut p.phone };
            match slot {
                None => *slot = Some(v),
                Some(own) if *own == v => {}
                Some(own) => {
                    // The number typed beside the name wins; the other one is shown for checking.
                    let (own_shown, col_shown) = if kind == members::ListKind::Ids {
                        (cells::mask_id(own), cells::mask_id(&v))
                    } else {
                        (cells::mask_phone(own), cells::mask_phone(&v))
                    };
                    ctx.push(
                        Some(c),
                        Issue {
                            code: "MEMBER_NUMBER_CONFLICT",
                            message: format!(
                                "成员“{}”姓名旁写的{what} {own_shown} 与“{}”列同一位置的 {col_shown} 不同，采用姓名旁的号码",
                                p.name.clone().unwrap_or_default(),
                                c.header
                            ),
                            hint: format!("请核对该成员的{what}"),
                            error: false,
                        },
                    );
                }
            }
        }
    }
    people
}

fn parse_row(wb: &Workbook, sheet: &str, layout: &Layout, r: usize, row: &[Cell], members_by_no: &HashMap<String, Vec<Person>>) -> Option<ParsedRow> {
    let mut ctx = RowCtx { file: &wb.file, sheet, row: r + 1, problems: Vec::new() };
    let empty = Cell::Empty;
    let mut values: BTreeMap<&'static str, (&ColumnMap, &Cell)> = BTreeMap::new();
    let mut extra = BTreeMap::new();
    let mut raw: Vec<String> = row.iter().map(Cell::display).collect();
    while raw.last().is_some_and(|v| v.is_empty()) {
        raw.pop();
    }
    for c in &layout.columns {
        let cell = row.get(c.index).unwrap_or(&empty);
        match c.field {
            Some(f) => {
                values.insert(f, (c, cell));
            }
            None => {
                if let Some(shown) = raw.get(c.index).filter(|v| !v.trim().is_empty()) {
                    let name = if c.header.is_empty() { format!("{}列", c.letter) } else { c.header.clone() };
                    extra.insert(name, shown.clone());
                }
            }
        }
    }
    // Cells beyond the header's width are kept too: nothing is dropped silently.
    for (i, shown) in raw.iter().enumerate().skip(layout.columns.len()) {
        if !shown.trim().is_empty() {
            extra.insert(format!("{}列", column_letter(i)), shown.clone());
        }
    }
    let d1904 = wb.date1904;
    macro_rules! get {
        ($key:literal, $parse:expr) => {
            match values.get($key) {
                Some((c, cell)) => ctx.take(c, $parse(*cell)),
                None => None,
            }
        };
    }
    let project_no = get!("project_no", cells::project_no);
    let group = get!("group", cells::group);
    let project_name = get!("project_name", cells::text);
    let field = get!("field", cells::text);
    let entrant_name = get!("entrant_name", cells::text);
    let credit_code = get!("credit_code", cells::credit_code);
    let founded_on = get!("founded_on", |c| cells::date(c, d1904));
    let address = get!("address", cells::text);
    let county = get!("county", cells::text);
    let industry = get!("industry", cells::text);
    let employees = get!("employees", cells::integer);
    let revenue_wan = match values.get("revenue_wan") {
        Some((c, cell)) => ctx.take(c, cells::money(cell, c.unit)),
        None => None,
    };
    let assets_wan = match values.get("assets_wan") {
        Some((c, cell)) => ctx.take(c, cells::money(cell, c.unit)),
        None => None,
    };
    let on_market = get!("on_market", cells::boolean);
    let ip_summary = get!("ip_summary", cells::text);
    let ip_holder = get!("ip_holder", cells::text);
    let ip_dispute = get!("ip_dispute", cells::boolean);
    let dishonesty_declared = get!("dishonesty_declared", cells::boolean);
    let leader_name = get!("leader_name", cells::text);
    let leader_id = get!("leader_id", cells::id_number);
    let leader_phone = get!("leader_phone", cells::phone);
    let unit = get!("unit", cells::text);
    let registered_at = get!("registered_at", |c| cells::datetime(c, d1904));
    let site_status = get!("site_status", cells::text);

    if project_no.is_none() && project_name.is_none() && entrant_name.is_none() {
        return None; // nothing identifies the row: a stray note, counted as skipped
    }

    let mut members: Vec<Person> = match values.get("members") {
        Some((c, cell)) if !cell.is_empty() => {
            let parsed = members::parse_cell(&cell.display());
            for issue in parsed.issues {
                ctx.push(Some(c), issue);
            }
            for p in &parsed.people {
                if let Some(id) = &p.id_number {
                    if let Err(issue) | Ok((_, Some(issue))) = cells::id_text(id) {
                        ctx.push(Some(c), issue);
                    }
                }
            }
            pair_parallel_columns(&mut ctx, &values, &mut extra, parsed.people)
        }
        _ => {
            // No names to pair with: the members' ID / phone columns stay as the file has them.
            keep_parallel_columns(&values, &mut extra);
            project_no.as_ref().and_then(|no| members_by_no.get(no)).cloned().unwrap_or_default()
        }
    };
    let leader = (leader_name.is_some() || leader_id.is_some() || leader_phone.is_some()).then(|| Person {
        name: leader_name,
        id_number: leader_id,
        phone: leader_phone,
    });
    // Members stay as the file lists them; the leader is added when a list leaves them out, and a
    // team without a list has its leader as its one member. A company without a list has none.
    let kind = kind_of(credit_code.as_deref(), entrant_name.as_deref());
    if let Some(l) = &leader {
        let listed = members.iter().any(|p| (l.id_number.is_some() && p.id_number == l.id_number) || (l.name.is_some() && p.name == l.name));
        if !listed && (!members.is_empty() || kind == crate::model::Kind::Team) {
            members.insert(0, l.clone());
        }
    }

    if values.contains_key("project_no") && project_no.is_none() {
        let c = values.get("project_no").map(|(c, _)| *c);
        ctx.push(
            c,
            Issue {
                code: "PROJECT_NO_MISSING",
                message: "缺少项目编号".into(),
                hint: "再次导入时将按统一社会信用代码+项目名称对应；建议从国家平台重新导出完整数据".into(),
                error: false,
            },
        );
    }
    if group.is_none() && !values.get("group").map(|(_, c)| !c.is_empty()).unwrap_or(false) {
        let c = values.get("group").map(|(c, _)| *c);
        ctx.push(
            c,
            Issue {
                code: "GROUP_MISSING",
                message: "缺少参赛组别".into(),
                hint: "请在国家平台核对该项目的组别（企业组/创业组）".into(),
                error: false,
            },
        );
    }

    let entry = Entry {
        project_no,
        group,
        kind,
        project_name,
        field,
        entrant_name,
        credit_code,
        founded_on,
        address,
        county,
        industry,
        employees,
        revenue_wan,
        assets_wan,
        on_market,
        ip_summary,
        ip_holder,
        ip_dispute,
        dishonesty_declared,
        members,
        leader,
        unit,
        registered_at,
        site_status,
        source: Source { file: wb.file.clone(), sheet: sheet.to_string(), row: r + 1 },
        extra,
    };
    let key = entry_key(&entry)?;
    for p in ctx.problems.iter_mut() {
        p.project_no = entry.project_no.clone();
    }
    let mut entry = entry;
    let hash = content_hash(&mut entry);
    let data_json = serde_json::to_string(&entry).unwrap_or_default();
    let raw_json = serde_json::to_string(&raw).unwrap_or_default();
    Some(ParsedRow { key, entry, raw_json, data_json, problems: ctx.problems, hash })
}

struct Parsed2 {
    rows: Vec<ParsedRow>,
    file_problems: Vec<Problem>,
    skipped: usize,
}

/// Turns one chunk of data rows into parsed rows (None: skipped). Pure, so chunks run in parallel.
fn parse_chunk(
    wb: &Workbook,
    layout: &Layout,
    rows: &[(usize, &Vec<Cell>)],
    members_by_no: &HashMap<String, Vec<Person>>,
) -> Vec<(usize, Option<ParsedRow>)> {
    let sheet = &wb.sheets[layout.sheet];
    rows.iter()
        .map(|&(r, row)| {
            if row.iter().all(Cell::is_empty) || is_skippable(row) {
                (r, None)
            } else {
                (r, parse_row(wb, &sheet.name, layout, r, row, members_by_no))
            }
        })
        .collect()
}

fn parse_all(wb: &Workbook, layout: &Layout, progress: &mut dyn FnMut(Progress)) -> Parsed2 {
    let sheet = &wb.sheets[layout.sheet];
    let (members_by_no, mut file_problems) = read_members_sheet(wb, layout);
    let data: Vec<(usize, &Vec<Cell>)> = sheet.rows.iter().enumerate().skip(layout.header_row + 1).collect();
    let total = data.len() as u64;
    progress(Progress { stage: "解析数据行".into(), done: 0, total });
    // Rows are independent: parse them on every core, then merge in sheet order.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).clamp(1, 8);
    let chunk = data.len().div_ceil(threads).max(512);
    let parsed: Vec<(usize, Option<ParsedRow>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = data.chunks(chunk).map(|c| scope.spawn(|| parse_chunk(wb, layout, c, &members_by_no))).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    progress(Progress { stage: "解析数据行".into(), done: total, total });
    let mut rows: Vec<ParsedRow> = Vec::with_capacity(parsed.len());
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut skipped = 0;
    for (r, p) in parsed {
        let Some(parsed) = p else {
            skipped += 1;
            continue;
        };
        if let Some(first) = seen.get(&parsed.key) {
            skipped += 1;
            file_problems.push(Problem {
                file: wb.file.clone(),
                sheet: sheet.name.clone(),
                row: Some(r + 1),
                column: None,
                code: "DUPLICATE_IN_FILE".into(),
                message: format!(
                    "与第 {first} 行是同一个项目（{}），本行未导入",
                    parsed.entry.project_no.clone().unwrap_or_else(|| parsed.entry.project_name.clone().unwrap_or_default())
                ),
                hint: "请在原表中删除重复行；如确为两个项目，请核对项目编号".into(),
                project_no: parsed.entry.project_no.clone(),
                severity: "error".into(),
            });
            continue;
        }
        seen.insert(parsed.key.clone(), r + 1);
        rows.push(parsed);
    }
    // Members listed for projects the main sheet does not have.
    for (no, _) in members_by_no.iter().filter(|(no, _)| !seen.contains_key(&format!("no:{no}"))) {
        if let Some((si, _, _)) = layout.members {
            file_problems.push(Problem {
                file: wb.file.clone(),
                sheet: wb.sheets[si].name.clone(),
                row: None,
                column: None,
                code: "MEMBERS_ORPHAN".into(),
                message: format!("成员表中有项目编号 {no}，但报名表中没有这个项目"),
                hint: "请核对项目编号是否写错".into(),
                project_no: Some(no.clone()),
                severity: "warning".into(),
            });
        }
    }
    file_problems.sort_by(|a, b| a.row.cmp(&b.row).then_with(|| a.project_no.cmp(&b.project_no)));
    Parsed2 { rows, file_problems, skipped }
}

const ENTRY_COLUMNS: &str = "key, project_no, group_code, kind, project_name, entrant_name, credit_code, unit, county, field, leader_name, member_count, problem_count, data, raw, content_hash, source_file, source_sheet, source_row, import_id, first_import_id, missing";

/// Imports an entries file: all of it or nothing, with a backup taken first.
pub fn apply(store: &mut Store, req: &ApplyRequest, now: DateTime<FixedOffset>, progress: &mut dyn FnMut(Progress)) -> Result<ImportResult> {
    progress(Progress { stage: "读取文件".into(), done: 0, total: 1 });
    // One bounded read: the size limit holds before anything is read, and the hash is taken on the way.
    let wb = workbook::read(&req.path)?;
    let sha = wb.sha256.clone();
    let mut layout = analyse(&wb, req.sheet.as_deref())?;
    if let Some(p) = &req.profile {
        apply_profile(&mut layout.columns, &load_profile(store, p)?);
    }
    if let Some(choices) = &req.mapping {
        apply_choices(&mut layout.columns, choices)?;
    }
    if !layout.columns.iter().any(|c| matches!(c.field, Some("project_no" | "project_name"))) {
        return Err(CoreError::Invalid(format!(
            "“{}”中没有对应到“项目编号”或“项目名称”的列，无法识别项目。请在预览中指定这两列中的至少一列。",
            wb.file
        )));
    }
    let mut parsed = parse_all(&wb, &layout, progress);
    parsed.file_problems.extend(stray_problems(&wb));
    let sheet_name = wb.sheets[layout.sheet].name.clone();
    // The workbook's cells are no longer needed: free them before writing (100,000 rows are hundreds of MB).
    let file_name = wb.file.clone();
    drop(wb);

    progress(Progress { stage: "备份赛事文件".into(), done: 0, total: 1 });
    let backup = store.backup("before-import", now)?;

    progress(Progress { stage: "写入数据".into(), done: 0, total: parsed.rows.len() as u64 });
    let mapping_json = serde_json::to_string(
        &layout.columns.iter().map(|c| MappingChoice { index: c.index, field: c.field.map(str::to_string) }).collect::<Vec<_>>(),
    )
    .unwrap_or_default();
    let tx = store.conn_mut().transaction()?;
    let columns_json = serde_json::to_string(&layout.columns.iter().map(|c| c.header.as_str()).collect::<Vec<_>>()).unwrap_or_default();
    tx.execute(
        "INSERT INTO imports(kind, file, path, sha256, sheet, header_row, mapping, columns, imported_at, backup_path, new_count, changed_count, unchanged_count, missing_count, skipped_rows, problem_count)
         VALUES ('entries', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, 0, 0, 0, 0, 0)",
        params![file_name, req.path.display().to_string(), sha, sheet_name, layout.header_row as i64 + 1, mapping_json, columns_json, now.to_rfc3339(), backup.as_ref().map(|b| b.display().to_string())],
    )?;
    let import_id = tx.last_insert_rowid();
    snapshot_for_undo(&tx, import_id)?;

    let mut existing: HashMap<String, String> = HashMap::new();
    {
        let mut stmt = tx.prepare("SELECT key, content_hash FROM entries")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
            let (k, h) = row?;
            existing.insert(k, h);
        }
    }
    let (mut new, mut changed, mut unchanged) = (0, 0, 0);
    let mut problems: Vec<Problem> = parsed.file_problems.clone();
    {
        let mut insert = tx.prepare(&format!("INSERT INTO entries({ENTRY_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20, 0)"))?;
        let mut update = tx.prepare(
            "UPDATE entries SET project_no=?2, group_code=?3, kind=?4, project_name=?5, entrant_name=?6, credit_code=?7, unit=?8, county=?9, field=?10,
             leader_name=?11, member_count=?12, problem_count=?13, data=?14, raw=?15, content_hash=?16, source_file=?17, source_sheet=?18, source_row=?19,
             import_id=?20, missing=0 WHERE key=?1",
        )?;
        let mut add_problem = tx.prepare(
            "INSERT INTO import_problems(import_id, entry_key, project_no, file, sheet, row, col, code, severity, message, hint) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, p) in parsed.rows.iter().enumerate() {
            if i % 5000 == 0 {
                progress(Progress { stage: "写入数据".into(), done: i as u64, total: parsed.rows.len() as u64 });
            }
            let e = &p.entry;
            let kind = match e.kind {
                crate::model::Kind::Company => "company",
                crate::model::Kind::Team => "team",
            };
            let values = params![
                p.key,
                e.project_no,
                e.group.map(|g| g.code()),
                kind,
                e.project_name,
                e.entrant_name,
                e.credit_code,
                e.unit,
                e.county,
                e.field,
                e.leader.as_ref().and_then(|l| l.name.clone()),
                e.members.len() as i64,
                p.problems.len() as i64,
                p.data_json,
                p.raw_json,
                p.hash,
                e.source.file,
                e.source.sheet,
                e.source.row as i64,
                import_id
            ];
            match existing.remove(&p.key) {
                None => {
                    insert.execute(values)?;
                    new += 1;
                }
                Some(old_hash) => {
                    update.execute(values)?;
                    if old_hash == p.hash {
                        unchanged += 1;
                    } else {
                        changed += 1;
                    }
                }
            }
            for pr in &p.problems {
                store_problem(&mut add_problem, import_id, Some(&p.key), pr)?;
            }
            problems.extend(p.problems.iter().cloned());
        }
        // Problems of the file as a whole (no entry).
        for pr in &parsed.file_problems {
            store_problem(&mut add_problem, import_id, None, pr)?;
        }
    }
    // Entries the file no longer has are flagged, never deleted: decisions may hang on them.
    let missing = existing.len();
    {
        let mut flag = tx.prepare("UPDATE entries SET missing = 1 WHERE key = ?1")?;
        for key in existing.keys() {
            flag.execute([key])?;
        }
    }
    tx.execute(
        "UPDATE imports SET new_count=?2, changed_count=?3, unchanged_count=?4, missing_count=?5, skipped_rows=?6, problem_count=?7 WHERE id=?1",
        params![import_id, new as i64, changed as i64, unchanged as i64, missing as i64, parsed.skipped as i64, problems.len() as i64],
    )?;
    if let Some(name) = req.save_profile.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        save_profile(&tx, name, &layout.columns, now)?;
    }
    tx.commit()?;
    let skipped_rows = parsed.skipped;
    // The parsed rows are stored: free them before screening loads the entries back.
    drop(parsed);
    // Every import re-screens (SPEC §3): the stored verdicts and their history follow the data.
    progress(Progress { stage: "资格审查".into(), done: 0, total: 1 });
    crate::screening::rerun(store, &format!("导入报名数据“{file_name}”"), now)?;
    progress(Progress { stage: "完成".into(), done: 1, total: 1 });
    problems.sort_by(|a, b| a.row.cmp(&b.row));
    Ok(ImportResult {
        import_id,
        file: file_name,
        sheet: sheet_name,
        new,
        changed,
        unchanged,
        missing,
        skipped_rows,
        problems,
        backup: backup.map(|b| b.display().to_string()),
    })
}

/// Cells far from the data block that the reader left out (SPEC §12): one warning each, named by
/// sheet and cell, so nothing is dropped silently.
fn stray_problems(wb: &Workbook) -> Vec<Problem> {
    let mut out: Vec<Problem> = wb
        .ignored
        .iter()
        .map(|c| Problem {
            file: wb.file.clone(),
            sheet: c.sheet.clone(),
            row: Some(c.row as usize + 1),
            column: Some(column_letter(c.col as usize)),
            code: "STRAY_CELL".into(),
            message: format!("工作表“{}”的单元格 {}（内容“{}”）远离数据区域，已忽略", c.sheet, c.cell(), c.text.chars().take(40).collect::<String>()),
            hint: "如果这个单元格有用，请把它移到数据区域内再导入；否则可在原表中删除它".into(),
            project_no: None,
            severity: "warning".into(),
        })
        .collect();
    let more = wb.ignored_total.saturating_sub(wb.ignored.len());
    if more > 0 {
        out.push(Problem {
            file: wb.file.clone(),
            sheet: wb.ignored.last().map(|c| c.sheet.clone()).unwrap_or_default(),
            row: None,
            column: None,
            code: "STRAY_CELL".into(),
            message: format!("另有 {more} 个远离数据区域的单元格已忽略"),
            hint: "请在原表中检查数据区域之外的内容".into(),
            project_no: None,
            severity: "warning".into(),
        });
    }
    out
}

/// One row of import_problems for this import (`key`: the entry it belongs to, if any).
fn store_problem(stmt: &mut rusqlite::Statement<'_>, import_id: i64, key: Option<&str>, pr: &Problem) -> Result<()> {
    stmt.execute(params![
        import_id,
        key,
        pr.project_no,
        pr.file,
        pr.sheet,
        pr.row.map(|r| r as i64),
        pr.column,
        pr.code,
        pr.severity,
        pr.message,
        pr.hint
    ])?;
    Ok(())
}

fn save_profile(tx: &Transaction, name: &str, columns: &[ColumnMap], now: DateTime<FixedOffset>) -> Result<()> {
    let map: BTreeMap<String, Option<&str>> = columns.iter().filter(|c| !c.header.is_empty()).map(|c| (header_key(&c.header), c.field)).collect();
    tx.execute(
        "INSERT INTO mapping_profiles(name, mapping, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at",
        params![name, serde_json::to_string(&map).unwrap_or_default(), now.to_rfc3339()],
    )?;
    Ok(())
}

/// Keeps the entries table as it was before this import; only the latest import is undoable.
fn snapshot_for_undo(tx: &Transaction, import_id: i64) -> Result<()> {
    tx.execute("DELETE FROM entries_undo", [])?;
    tx.execute(&format!("INSERT INTO entries_undo({ENTRY_COLUMNS}, id, undo_import_id) SELECT {ENTRY_COLUMNS}, id, ?1 FROM entries"), [import_id])?;
    Ok(())
}

/// Undoes the latest import: the entries return to exactly what they were before it.
pub fn undo_last(store: &mut Store, now: DateTime<FixedOffset>) -> Result<UndoResult> {
    let latest: Option<(i64, String, bool)> = store
        .conn()
        .query_row("SELECT id, file, undone FROM imports WHERE kind = 'entries' ORDER BY id DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let (id, file) = match latest {
        None => return Err(CoreError::NothingToUndo("还没有导入过报名数据。".into())),
        Some((_, _, true)) => return Err(CoreError::NothingToUndo("上次导入已经撤销；更早的导入不能再撤销，如需恢复请使用备份。".into())),
        Some((id, file, false)) => (id, file),
    };
    // Once judging refers to what the import added or changed, undoing it would orphan scores, awards…:
    // refused, naming the backup taken before the import (restoring it is the honest way back).
    let refs = undo_blockers(store, id)?;
    if !refs.is_empty() {
        let backup_path: Option<String> =
            store.conn().query_row("SELECT backup_path FROM imports WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten();
        let backup = match backup_path {
            Some(p) => {
                let name = Path::new(&p).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(p.clone());
                // The folder may have moved with its contest file: the backup is looked for beside it too.
                let here = store.path().parent().unwrap_or(Path::new(".")).join("backups").join(&name);
                if Path::new(&p).is_file() || here.is_file() {
                    name
                } else {
                    format!("{name}（该文件已不在备份文件夹中，请选择这次导入之前最近的一个备份）")
                }
            }
            None => "导入之前最近的一个备份".into(),
        };
        return Err(CoreError::UndoRefused { file, reason: refs.join("；"), backup });
    }
    store.backup("before-undo", now)?;
    let tx = store.conn_mut().transaction()?;
    tx.execute("DELETE FROM entries", [])?;
    tx.execute(&format!("INSERT INTO entries(id, {ENTRY_COLUMNS}) SELECT id, {ENTRY_COLUMNS} FROM entries_undo WHERE undo_import_id = ?1"), [id])?;
    tx.execute("DELETE FROM entries_undo", [])?;
    tx.execute("UPDATE imports SET undone = 1 WHERE id = ?1", [id])?;
    tx.commit()?;
    crate::screening::rerun(store, &format!("撤销导入“{file}”"), now)?;
    Ok(UndoResult {
        import_id: id, file: file.clone(), message: format!("已撤销对“{file}”的导入，报名数据已恢复到导入之前。")
    })
}

/// What refers to the entries that undoing import `id` would delete (added by it) or change (changed or
/// marked missing by it), one line per kind with a few project numbers; empty when the undo is harmless.
fn undo_blockers(store: &Store, id: i64) -> Result<Vec<String>> {
    // The entries as they are now against the snapshot the undo puts back.
    const AFFECTED: &str = "SELECT e.key FROM entries e LEFT JOIN entries_undo u ON u.key = e.key AND u.undo_import_id = ?1
         WHERE u.key IS NULL OR u.content_hash IS NOT e.content_hash OR u.missing IS NOT e.missing";
    // (what, the entry keys it refers to). Suggested 回避 nobody decided on are not a person's work.
    const KINDS: [(&str, &str); 12] = [
        ("评分", "SELECT entry_key FROM scores"),
        ("回避", "SELECT entry_key FROM conflicts WHERE status <> 'suggested'"),
        ("评审分组", "SELECT entry_key FROM panel_entries"),
        ("晋级名单", "SELECT entry_key FROM advancement"),
        ("同分排序", "SELECT j.value FROM tie_decisions, json_each(tie_decisions.entry_keys) j"),
        ("路演抽签", "SELECT j.value FROM draws, json_each(draws.entry_keys) j"),
        ("已锁定的获奖结果", "SELECT json_extract(j.value, '$.key') FROM award_sets, json_each(award_sets.data) j"),
        ("获奖结果更正", "SELECT entry_key FROM award_amendments"),
        ("推荐名单调整", "SELECT entry_key FROM recommendation_changes"),
        ("证书", "SELECT subject_key FROM certificates WHERE kind = 'award'"),
        ("取消资格", "SELECT entry_key FROM disqualifications"),
        ("人工审查决定", "SELECT entry_key FROM decisions"),
    ];
    let mut out = Vec::new();
    for (what, refs) in KINDS {
        let sql = format!(
            "SELECT count(*), group_concat(no, '、') FROM (SELECT DISTINCT coalesce(e.project_no, e.key) AS no FROM entries e
             WHERE e.key IN ({AFFECTED}) AND e.key IN ({refs}) ORDER BY no)"
        );
        let (n, nos): (i64, Option<String>) = store.conn().query_row(&sql, [id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if n > 0 {
            let nos = nos.unwrap_or_default();
            let some: Vec<&str> = nos.split('、').take(3).collect();
            let more = if n > 3 { " 等" } else { "" };
            out.push(format!("已有{what}涉及这次导入新增或改动的 {n} 个项目（{}{more}）", some.join("、")));
        }
    }
    Ok(out)
}

pub fn list_imports(store: &Store) -> Result<Vec<ImportRecord>> {
    let mut stmt = store.conn().prepare(
        "SELECT id, file, sheet, imported_at, new_count, changed_count, unchanged_count, missing_count, skipped_rows, problem_count, undone
         FROM imports WHERE kind = 'entries' ORDER BY id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ImportRecord {
            id: r.get(0)?,
            file: r.get(1)?,
            sheet: r.get(2)?,
            imported_at: r.get(3)?,
            new: r.get(4)?,
            changed: r.get(5)?,
            unchanged: r.get(6)?,
            missing: r.get(7)?,
            skipped_rows: r.get(8)?,
            problems: r.get(9)?,
            undone: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// The latest import that is still in effect.
pub fn latest_import(store: &Store) -> Result<Option<ImportRecord>> {
    Ok(list_imports(store)?.into_iter().find(|r| !r.undone))
}

pub(crate) fn problem_from_row(r: &rusqlite::Row) -> rusqlite::Result<Problem> {
    Ok(Problem {
        file: r.get(0)?,
        sheet: r.get(1)?,
        row: r.get::<_, Option<i64>>(2)?.map(|v| v as usize),
        column: r.get(3)?,
        code: r.get(4)?,
        severity: r.get(5)?,
        message: r.get(6)?,
        hint: r.get(7)?,
        project_no: r.get(8)?,
    })
}

/// The columns `problem_from_row` reads, in its order.
pub(crate) const PROBLEM_COLUMNS: &str = "file, sheet, row, col, code, severity, message, hint, project_no";

/// The problems of one import (the latest one in effect when `import_id` is None).
pub fn problems(store: &Store, import_id: Option<i64>) -> Result<Vec<Problem>> {
    let id = match import_id {
        Some(id) => id,
        None => match latest_import(store)? {
            Some(r) => r.id,
            None => return Ok(Vec::new()),
        },
    };
    let mut stmt =
        store.conn().prepare(&format!("SELECT {PROBLEM_COLUMNS} FROM import_problems WHERE import_id = ?1 ORDER BY row IS NULL, row, id"))?;
    let rows = stmt.query_map([id], problem_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

pub fn problems_for_entry(store: &Store, import_id: i64, key: &str) -> Result<Vec<Problem>> {
    let mut stmt =
        store.conn().prepare(&format!("SELECT {PROBLEM_COLUMNS} FROM import_problems WHERE import_id = ?1 AND entry_key = ?2 ORDER BY id"))?;
    let rows = stmt.query_map(params![import_id, key], problem_from_row)?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// Normalised project number as the importer stores it (for callers matching user input).
pub fn normalise_project_no(s: &str) -> String {
    clean_code(s)
}
