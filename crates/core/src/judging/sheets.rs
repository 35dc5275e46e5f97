//! Score-sheet files (SPEC §11): one row per judge and entry — 项目编号, 评委, one column per
//! criterion of the group's sheet (or one 总分 column); the text 回避 in a score cell is a recusal.
//! The app's own xlsx sheets (one worksheet per group) export to this layout and import back.
//! Import checks every cell first; a file with any problem is refused whole and nothing is stored.
use std::collections::HashMap;
use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

use super::scores::{check_value, panel_of, ScoreValue};
use super::{judges_by_id, round_entries, Round};
use crate::error::{CoreError, Result};
use crate::import::fields::column_letter;
use crate::import::workbook::{self, Cell};
use crate::model::Group;
use crate::model::Problem;
use crate::settings::{self, ScoreSheet};
use crate::store::Store;
use crate::text::{header_key, name_key};

const RECUSED: &str = "回避";

fn criterion_header(name: &str, max: u32) -> String {
    format!("{name}（{max}分）")
}

/// Writes the round's score sheets: a worksheet per group with a row per expected judge and
/// entry, pre-filled with what is already keyed (so a sheet can be completed and imported back).
pub fn export_score_workbook(store: &Store, round: Round, path: &Path) -> Result<usize> {
    let settings = settings::load(store)?;
    let judges = judges_by_id(store)?;
    let entries = round_entries(store, round)?;
    let grid_cells: HashMap<(i64, String), ScoreValue> = super::scores::pass1_values(store, round)?;
    let active: Vec<i64> = crate::store::judges::active_ids(store.conn())?;
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_text_wrap();
    let text = Format::new().set_border(FormatBorder::Thin);
    let num = Format::new().set_border(FormatBorder::Thin).set_num_format("0.00");
    let mut rows_written = 0;
    let total_only = settings.total_only(round);
    for full in &settings.score_sheets {
        // A totals-only round's workbook has no criterion columns: one 总分 per judge and entry.
        let sheet = &ScoreSheet { group: full.group, criteria: if total_only { Vec::new() } else { full.criteria.clone() } };
        let group_entries: Vec<_> = entries.iter().filter(|e| e.group == Some(sheet.group)).collect();
        if group_entries.is_empty() {
            continue;
        }
        let ws = wb.add_worksheet();
        ws.set_name(format!("{}评分", sheet.group.label()))?;
        crate::xlsx::set_footer(ws);
        let mut headers: Vec<String> = vec!["项目编号".into(), "评委".into()];
        headers.extend(sheet.criteria.iter().map(|c| criterion_header(&c.name, c.max)));
        headers.push("总分".into());
        headers.push("项目名称".into());
        headers.push("备注".into());
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &head)?;
        }
        ws.set_column_width(0, 16)?;
        ws.set_column_width(1, 10)?;
        for c in 0..sheet.criteria.len() {
            ws.set_column_width((2 + c) as u16, 14)?;
        }
        let total_col = (2 + sheet.criteria.len()) as u16;
        ws.set_column_width(total_col, 10)?;
        ws.set_column_width(total_col + 1, 36)?;
        ws.set_column_width(total_col + 2, 20)?;
        ws.set_freeze_panes(1, 2)?;
        let mut r = 1u32;
        for e in group_entries {
            let expected = match panel_of(store.conn(), round, &e.key)? {
                Some((_, _, ids)) => ids,
                None => active.clone(),
            };
            for j in expected {
                let Some(judge) = judges.get(&j) else { continue };
                ws.write_string_with_format(r, 0, &e.project_no, &text)?;
                ws.write_string_with_format(r, 1, &judge.name, &text)?;
                match grid_cells.get(&(j, e.key.clone())) {
                    Some(ScoreValue::Criteria { values }) if !total_only => {
                        for (c, v) in values.iter().enumerate() {
                            ws.write_number_with_format(r, (2 + c) as u16, *v as f64 / 100.0, &num)?;
                        }
                        ws.write_number_with_format(r, total_col, values.iter().sum::<i64>() as f64 / 100.0, &num)?;
                    }
                    Some(ScoreValue::Total { total }) => {
                        for c in 0..sheet.criteria.len() {
                            ws.write_blank(r, (2 + c) as u16, &text)?;
                        }
                        ws.write_number_with_format(r, total_col, *total as f64 / 100.0, &num)?;
                    }
                    Some(ScoreValue::Criteria { values }) => {
                        ws.write_number_with_format(r, total_col, values.iter().sum::<i64>() as f64 / 100.0, &num)?;
                    }
                    Some(ScoreValue::Recused) => {
                        ws.write_string_with_format(r, 2, RECUSED, &text)?;
                        for c in 1..sheet.criteria.len() {
                            ws.write_blank(r, (2 + c) as u16, &text)?;
                        }
                        if !sheet.criteria.is_empty() {
                            ws.write_blank(r, total_col, &text)?;
                        }
                    }
                    _ => {
                        for c in 0..=sheet.criteria.len() {
                            ws.write_blank(r, (2 + c) as u16, &num)?;
                        }
                    }
                }
                ws.write_string_with_format(r, total_col + 1, &e.project_name, &text)?;
                ws.write_blank(r, total_col + 2, &text)?;
                r += 1;
                rows_written += 1;
            }
        }
    }
    if rows_written == 0 {
        return Err(CoreError::precondition(format!("{}还没有项目和评委，无法生成评分表。请先完成资格审查并添加评委。", round.label())));
    }
    wb.save(path)?;
    Ok(rows_written)
}

/// The outcome of reading a score file: what would be stored, and every problem found.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScoresImport {
    pub file: String,
    pub round: Round,
    /// Score rows read (one judge × one entry each).
    pub rows: usize,
    pub recusals: usize,
    /// Cells that change what is stored (new or different).
    pub written: usize,
    pub unchanged: usize,
    pub problems: Vec<Problem>,
    /// Scores keyed by hand that the file would replace with a different value: importing them needs
    /// the user's confirmation.
    pub overwrites: Vec<ScoreOverwrite>,
    /// False when the file was refused (or only checked).
    pub applied: bool,
}

/// A hand-keyed score a score file would change.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScoreOverwrite {
    pub judge_name: String,
    pub project_no: String,
    /// What is stored, as the score log shows it ("85.50（30.00/…）", "回避").
    pub stored: String,
    /// What the file has.
    pub incoming: String,
    /// Who keyed the stored value, and when.
    pub keyed_by: String,
    pub keyed_at: String,
}

/// The score log's reason for a score-file import; a cell last written with another reason was keyed by hand.
pub(crate) fn import_reason(file: &str) -> String {
    format!("导入评分表“{file}”")
}

/// What the rows would change: (cells written, cells unchanged, hand-keyed scores replaced by another value).
pub(crate) fn changes(store: &Store, round: Round, rows: &[ParsedRow]) -> Result<(usize, usize, Vec<ScoreOverwrite>)> {
    let stored = super::scores::pass1_values(store, round)?;
    let last = crate::store::scores::last_changes(store.conn(), round.code(), 1)?;
    let judges = judges_by_id(store)?;
    let nos: HashMap<String, String> = round_entries(store, round)?.into_iter().map(|e| (e.key, e.project_no)).collect();
    let (mut written, mut unchanged, mut overwrites) = (0, 0, Vec::new());
    for r in rows {
        let k = (r.judge_id, r.entry_key.clone());
        let old = stored.get(&k).and_then(ScoreValue::describe);
        let new = r.value.describe();
        if old == new {
            unchanged += 1;
            continue;
        }
        written += 1;
        let (Some(old), Some((who, at, reason))) = (old, last.get(&k)) else { continue };
        if reason.starts_with("导入评分表") {
            continue; // written by an earlier file: a newer file may replace it
        }
        overwrites.push(ScoreOverwrite {
            judge_name: judges.get(&r.judge_id).map(|j| j.name.clone()).unwrap_or_default(),
            project_no: nos.get(&r.entry_key).cloned().unwrap_or_else(|| r.entry_key.clone()),
            stored: old,
            incoming: new.unwrap_or_default(),
            keyed_by: who.clone(),
            keyed_at: at.chars().take(16).collect::<String>().replace('T', " "),
        });
    }
    Ok((written, unchanged, overwrites))
}

pub(crate) struct ParsedRow {
    pub(crate) judge_id: i64,
    pub(crate) entry_key: String,
    pub(crate) value: ScoreValue,
}

fn problem(file: &str, sheet: &str, row: usize, col: Option<(usize, &str)>, message: String, hint: &str) -> Problem {
    Problem {
        file: file.to_string(),
        sheet: sheet.to_string(),
        row: Some(row),
        column: col.map(|(c, h)| format!("{} {h}", column_letter(c))),
        code: "SCORE_CELL".into(),
        message,
        hint: hint.to_string(),
        project_no: None,
        severity: "error".into(),
    }
}

/// Points from a cell: a number with at most two decimals; None for an empty cell.
fn points_of(cell: &Cell) -> std::result::Result<Option<i64>, String> {
    let n = match cell {
        Cell::Empty => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(t) => {
            let t = t.trim();
            if t.is_empty() {
                return Ok(None);
            }
            t.parse::<f64>().map_err(|_| format!("“{t}”不是分数"))?
        }
        other => return Err(format!("“{}”不是分数", other.display())),
    };
    if !n.is_finite() {
        return Err("不是有效的数字".into());
    }
    let h = (n * 100.0).round();
    if (n * 100.0 - h).abs() > 1e-6 {
        return Err(format!("{n} 超过两位小数"));
    }
    Ok(Some(h as i64))
}

fn is_recused(cell: &Cell) -> bool {
    matches!(cell, Cell::Text(t) if t.trim() == RECUSED)
}

pub(crate) fn parse(store: &Store, round: Round, path: &Path) -> Result<(String, Vec<ParsedRow>, Vec<Problem>)> {
    let wb = workbook::read(path)?;
    let settings = settings::load(store)?;
    let judges = judges_by_id(store)?;
    let mut judge_by_name: HashMap<String, Vec<i64>> = HashMap::new();
    for j in judges.values() {
        judge_by_name.entry(name_key(&j.name)).or_default().push(j.id);
    }
    let entries = round_entries(store, round)?;
    let entry_by_no: HashMap<&str, &super::RoundEntry> = entries.iter().map(|e| (e.project_no.as_str(), e)).collect();
    let file = wb.file.clone();
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    let mut seen: HashMap<(i64, String), (String, usize)> = HashMap::new();
    let mut any_header = false;
    for sheet in &wb.sheets {
        // The header: the first of the top rows naming both 项目编号 and 评委.
        let Some((hr, header)) = sheet.rows.iter().take(10).enumerate().find_map(|(i, r)| {
            let h: Vec<String> = r.iter().map(|c| header_key(&c.display())).collect();
            (h.iter().any(|x| x == "项目编号") && h.iter().any(|x| x == "评委" || x == "评委姓名")).then_some((i, h))
        }) else {
            continue;
        };
        any_header = true;
        let col = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
        let (Some(c_no), Some(c_judge)) = (col(&["项目编号"]), col(&["评委", "评委姓名"])) else { continue };
        let c_total = col(&["总分"]);
        let raw_headers: Vec<String> = sheet.rows[hr].iter().map(|c| c.display().trim().to_string()).collect();
        // A criterion column is named by the criterion, with or without "（30分）".
        let crit_col = |sh: &ScoreSheet| -> Vec<Option<usize>> {
            sh.criteria
                .iter()
                .map(|c| {
                    let want = header_key(&c.name);
                    header.iter().position(|h| *h == want || h.starts_with(&format!("{want}(")) || h.starts_with(&format!("{want}（")))
                })
                .collect()
        };
        for (ri, r) in sheet.rows.iter().enumerate().skip(hr + 1) {
            let excel_row = ri + 1;
            let get = |c: usize| r.get(c).cloned().unwrap_or(Cell::Empty);
            let at = |c: usize| Some((c, raw_headers.get(c).map(String::as_str).unwrap_or("")));
            let no = get(c_no).display().trim().to_string();
            let judge_name = get(c_judge).display().trim().to_string();
            if no.is_empty() && judge_name.is_empty() {
                continue; // a blank line
            }
            let Some(e) = entry_by_no.get(no.as_str()) else {
                problems.push(problem(
                    &file,
                    &sheet.name,
                    excel_row,
                    at(c_no),
                    format!("项目编号“{no}”不在{}名单中", round.label()),
                    "请核对项目编号；初赛只含资格审查“符合”的项目，复赛和决赛只含晋级项目。",
                ));
                continue;
            };
            let judge_id = match judge_by_name.get(&name_key(&judge_name)).map(Vec::as_slice) {
                Some([id]) => *id,
                Some(_) => {
                    problems.push(problem(
                        &file,
                        &sheet.name,
                        excel_row,
                        at(c_judge),
                        format!("评委名单中有多位“{judge_name}”"),
                        "请在评委名单中区分同名评委（如加注单位）后重新导入。",
                    ));
                    continue;
                }
                None => {
                    problems.push(problem(
                        &file,
                        &sheet.name,
                        excel_row,
                        at(c_judge),
                        format!("评委“{judge_name}”不在评委名单中"),
                        "请先导入或添加该评委，或核对姓名。",
                    ));
                    continue;
                }
            };
            if let Some((_, pname, ids)) = panel_of(store.conn(), round, &e.key)? {
                if !ids.contains(&judge_id) {
                    problems.push(problem(
                        &file,
                        &sheet.name,
                        excel_row,
                        at(c_judge),
                        format!("评委“{judge_name}”不在项目 {no} 所在的“{pname}”中"),
                        "请核对评审组分配。",
                    ));
                    continue;
                }
            }
            if let Some((s, r0)) = seen.insert((judge_id, e.key.clone()), (sheet.name.clone(), excel_row)) {
                problems.push(problem(
                    &file,
                    &sheet.name,
                    excel_row,
                    at(c_judge),
                    format!("评委“{judge_name}”对项目 {no} 的评分重复（另见“{s}”第 {r0} 行）"),
                    "每位评委对每个项目只能有一行，请删除重复行。",
                ));
                continue;
            }
            let Some(sh) = e.group.and_then(|g| settings.score_sheet(g)) else {
                problems.push(problem(
                    &file,
                    &sheet.name,
                    excel_row,
                    None,
                    format!("{}没有评分表", Group::label_of(e.group)),
                    "请在赛事设置中填写评分标准。",
                ));
                continue;
            };
            let cols = crit_col(sh);
            let crit_cells: Vec<(usize, Cell)> = cols.iter().flatten().map(|c| (*c, get(*c))).collect();
            let total_cell = c_total.map(|c| (c, get(c)));
            // 回避 anywhere in the score cells marks the recusal.
            if crit_cells.iter().chain(total_cell.iter()).any(|(_, c)| is_recused(c)) {
                rows.push(ParsedRow { judge_id, entry_key: e.key.clone(), value: ScoreValue::Recused });
                continue;
            }
            let mut bad = false;
            let value = if cols.iter().all(Option::is_some) && crit_cells.iter().any(|(_, c)| !matches!(c, Cell::Empty)) {
                let mut values = Vec::new();
                for ((c, cell), crit) in crit_cells.iter().zip(&sh.criteria) {
                    match points_of(cell) {
                        Ok(Some(v)) => values.push(v),
                        Ok(None) => {
                            problems.push(problem(
                                &file,
                                &sheet.name,
                                excel_row,
                                at(*c),
                                format!("缺少“{}”的评分", crit.name),
                                "请填写分数；评委回避请填“回避”。",
                            ));
                            bad = true;
                        }
                        Err(m) => {
                            problems.push(problem(
                                &file,
                                &sheet.name,
                                excel_row,
                                at(*c),
                                format!("“{}”{m}", crit.name),
                                "分数请填写数字，最多两位小数。",
                            ));
                            bad = true;
                        }
                    }
                }
                if !bad {
                    if let Some((c, cell)) = &total_cell {
                        if let Ok(Some(t)) = points_of(cell) {
                            let sum: i64 = values.iter().sum();
                            if t != sum {
                                problems.push(problem(
                                    &file,
                                    &sheet.name,
                                    excel_row,
                                    at(*c),
                                    format!("总分 {} 与各项之和 {} 不一致", super::points(t), super::points(sum)),
                                    "请核对纸质评分表。",
                                ));
                                bad = true;
                            }
                        }
                    }
                }
                ScoreValue::Criteria { values }
            } else if let Some((c, cell)) = &total_cell {
                match points_of(cell) {
                    Ok(Some(t)) => ScoreValue::Total { total: t },
                    Ok(None) => {
                        problems.push(problem(
                            &file,
                            &sheet.name,
                            excel_row,
                            at(*c),
                            "缺少评分".into(),
                            "请填写各项评分或总分；评委回避请填“回避”。",
                        ));
                        continue;
                    }
                    Err(m) => {
                        problems.push(problem(&file, &sheet.name, excel_row, at(*c), format!("总分{m}"), "分数请填写数字，最多两位小数。"));
                        continue;
                    }
                }
            } else {
                problems.push(problem(
                    &file,
                    &sheet.name,
                    excel_row,
                    None,
                    format!("找不到{}评分表的各项评分列，也没有“总分”列", Group::label_of(e.group)),
                    "请使用本软件导出的评分表，或在表头写明各项评分标准名称。",
                ));
                continue;
            };
            if bad {
                continue;
            }
            if let Err(err) = check_value(&value, sh, &judge_name, &no) {
                let c = match &value {
                    ScoreValue::Total { .. } => c_total,
                    _ => cols.iter().flatten().next().copied(),
                };
                problems.push(problem(&file, &sheet.name, excel_row, c.and_then(at), err.to_string(), "请核对分数是否在满分范围内。"));
                continue;
            }
            rows.push(ParsedRow { judge_id, entry_key: e.key.clone(), value });
        }
    }
    if !any_header {
        return Err(CoreError::validation(
            Some("file"),
            format!("在“{file}”中没有找到评分表的表头（需要“项目编号”和“评委”两列）。请使用本软件导出的评分表。"),
        ));
    }
    Ok((file, rows, problems))
}

/// Reads and checks a score file without storing anything (the window's preview): what it would write,
/// and the hand-keyed scores it would replace with different values.
pub fn validate_scores_file(store: &Store, round: Round, path: &Path) -> Result<ScoresImport> {
    let (file, rows, problems) = parse(store, round, path)?;
    let (written, unchanged, overwrites) = changes(store, round, &rows)?;
    Ok(ScoresImport {
        file,
        round,
        recusals: rows.iter().filter(|r| r.value == ScoreValue::Recused).count(),
        rows: rows.len(),
        written,
        unchanged,
        problems,
        overwrites,
        applied: false,
    })
}
