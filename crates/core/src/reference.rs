//! Reference lists read through the importer's machinery (header detection, aliases, cell
//! normalisation, problems by sheet/row/column): 近三届省赛获奖名单, 失信名单, 本年度其他市级赛事获奖名单,
//! 组织单位推荐名单, and the 评委名单. Each import of one of the first four replaces that kind's list
//! atomically, with a backup first; the judges list is upserted instead (see `crate::judges`).
//!
//! `preview` shows how a file would be read (sheet, header row, each column's automatic field, samples)
//! and `import_with` applies it, optionally with the person's own sheet, header row and mapping.
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::import::cells::{self, Issue};
use crate::import::fields::{self, column_letter, ColumnMap, FieldDef, FieldKind};
use crate::import::workbook::{self, Cell, Workbook};
use crate::judges;
use crate::model::Problem;
use crate::store::Store;
use crate::text::header_unit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    ProvincialWinners,
    Dishonesty,
    OtherAwards,
    Recommendations,
    Judges,
}

impl RefKind {
    pub const ALL: [RefKind; 5] = [RefKind::ProvincialWinners, RefKind::Dishonesty, RefKind::OtherAwards, RefKind::Recommendations, RefKind::Judges];

    pub fn code(self) -> &'static str {
        match self {
            RefKind::ProvincialWinners => "provincial-winners",
            RefKind::Dishonesty => "dishonesty",
            RefKind::OtherAwards => "other-awards",
            RefKind::Recommendations => "recommendations",
            RefKind::Judges => "judges",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RefKind::ProvincialWinners => "近三届省赛获奖名单",
            RefKind::Dishonesty => "失信名单",
            RefKind::OtherAwards => "本年度其他市级赛事获奖名单",
            RefKind::Recommendations => "组织单位推荐名单",
            RefKind::Judges => "评委名单",
        }
    }

    pub fn parse(s: &str) -> Result<RefKind> {
        RefKind::ALL.into_iter().find(|k| k.code() == s).ok_or_else(|| {
            CoreError::validation(
                Some("kind"),
                format!(
                    "未知的名单类型“{s}”。可用：{}。",
                    RefKind::ALL.iter().map(|k| format!("{}（{}）", k.code(), k.label())).collect::<Vec<_>>().join("、")
                ),
            )
        })
    }

    pub fn catalogue(self) -> &'static [FieldDef] {
        match self {
            RefKind::ProvincialWinners => WINNER_FIELDS,
            RefKind::Dishonesty => DISHONESTY_FIELDS,
            RefKind::OtherAwards => OTHER_AWARD_FIELDS,
            RefKind::Recommendations => RECOMMENDATION_FIELDS,
            RefKind::Judges => JUDGE_FIELDS,
        }
    }

    /// Fields without which a row means nothing: a list needs a column for at least one of them,
    /// and a row with none of them filled is skipped.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            RefKind::ProvincialWinners => &["project_name", "entrant_name"],
            RefKind::Dishonesty => &["name", "code"],
            RefKind::OtherAwards => &["project_name", "entrant_name"],
            RefKind::Recommendations => &["project_name", "entrant_name"],
            RefKind::Judges => &["name"],
        }
    }

    fn field_label(self, key: &str) -> &'static str {
        self.catalogue().iter().find(|f| f.key == key).map(|f| f.label).unwrap_or("")
    }

    /// “姓名” or “项目名称”或“参赛主体”, for messages.
    fn required_labels(self) -> String {
        self.required().iter().map(|k| format!("“{}”", self.field_label(k))).collect::<Vec<_>>().join("或")
    }
}

use FieldKind::*;

const WINNER_FIELDS: &[FieldDef] = &[
    FieldDef { key: "year", label: "年份", kind: Integer, aliases: &["年份", "年度", "届次年份", "获奖年份", "比赛年份"] },
    FieldDef { key: "group", label: "组别", kind: Group, aliases: &["组别", "参赛组别", "赛道"] },
    FieldDef { key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "获奖项目", "参赛项目"] },
    FieldDef {
        key: "entrant_name",
        label: "参赛主体",
        kind: Text,
        aliases: &["参赛主体", "企业名称", "单位名称", "企业团队名称", "获奖单位", "参赛单位", "团队名称"],
    },
    FieldDef {
        key: "credit_code", label: "统一社会信用代码", kind: Code, aliases: &["统一社会信用代码", "社会信用代码", "信用代码"]
    },
    FieldDef { key: "prize", label: "奖项", kind: Text, aliases: &["奖项", "获奖等级", "获奖情况", "奖次", "等次"] },
];

const DISHONESTY_FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "name",
        label: "名称或姓名",
        kind: Text,
        aliases: &["名称", "姓名", "企业名称", "失信主体", "失信主体名称", "被执行人", "当事人", "主体名称"],
    },
    FieldDef {
        key: "code",
        label: "信用代码或身份证号",
        kind: Code,
        aliases: &["统一社会信用代码", "身份证号", "证件号码", "信用代码或身份证号", "代码", "证件号"],
    },
    FieldDef { key: "date", label: "列入日期", kind: Date, aliases: &["列入日期", "认定日期", "日期", "发布日期", "立案时间"] },
    FieldDef { key: "source", label: "来源", kind: Text, aliases: &["来源", "数据来源", "认定机关", "执行法院", "发布单位"] },
];

const OTHER_AWARD_FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "contest", label: "赛事名称", kind: Text, aliases: &["赛事名称", "赛事", "比赛名称", "大赛名称", "主办单位"]
    },
    FieldDef { key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "获奖项目"] },
    FieldDef {
        key: "entrant_name", label: "参赛主体", kind: Text, aliases: &["参赛主体", "企业名称", "单位名称", "获奖单位", "团队名称"]
    },
    FieldDef { key: "prize", label: "奖项", kind: Text, aliases: &["奖项", "获奖等级", "获奖情况", "等次"] },
    FieldDef { key: "cash", label: "奖金", kind: Money, aliases: &["奖金", "奖励金额", "资金奖励", "奖金金额"] },
];

const RECOMMENDATION_FIELDS: &[FieldDef] = &[
    FieldDef { key: "unit", label: "推荐单位", kind: Text, aliases: &["推荐单位", "组织单位", "推荐部门"] },
    FieldDef { key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "推荐项目"] },
    FieldDef { key: "entrant_name", label: "参赛主体", kind: Text, aliases: &["参赛主体", "企业名称", "单位名称", "团队名称"] },
];

// A bare “评委”/“专家” names the judge; inside a longer header (“评委单位”) the other field's alias
// ties with it and wins, being later in the list.
const JUDGE_FIELDS: &[FieldDef] = &[
    FieldDef { key: "name", label: "姓名", kind: Text, aliases: &["姓名", "评委姓名", "专家姓名", "评委", "专家"] },
    FieldDef {
        key: "organization", label: "工作单位", kind: Text, aliases: &["工作单位", "单位", "所在单位", "单位名称", "工作单位及职务"]
    },
    FieldDef { key: "title", label: "职称", kind: Text, aliases: &["职称", "职务", "职称职务", "职务职称"] },
    FieldDef {
        key: "expertise", label: "专业领域", kind: Text, aliases: &["专业领域", "专业", "研究方向", "擅长领域", "专业方向"]
    },
    FieldDef {
        key: "phone", label: "手机", kind: Phone, aliases: &["手机", "手机号", "手机号码", "联系电话", "电话", "联系方式"]
    },
];

/// One row of a reference list: its canonical fields as JSON values.
pub use crate::store::reference::RefRow;

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RefImportResult {
    pub kind: String,
    pub label: String,
    pub file: String,
    pub sheet: String,
    pub rows: usize,
    pub replaced: usize,
    pub skipped_rows: usize,
    pub problems: Vec<Problem>,
    /// Judges (an upsert, not a replacement): judges added, updated, unchanged, and kept (stored before,
    /// not named by the file). A list imported with `append`: rows added, rows of the file already in the
    /// list (not added twice) and rows stored before (all kept); `updated` stays None. None for a replacement.
    pub added: Option<usize>,
    pub updated: Option<usize>,
    pub unchanged: Option<usize>,
    pub kept: Option<usize>,
    /// The file's rows were added to the list instead of replacing it (`RefImportOptions::append`).
    pub appended: bool,
}

/// A field of a list's catalogue, for the mapping preview.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RefField {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    /// One of the required fields must have a column (see `RefPreview::required_hint`).
    pub required: bool,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RefColumn {
    /// 0-based.
    pub index: usize,
    /// "A", "B", …
    pub letter: String,
    pub header: String,
    /// The automatic mapping; None = not imported.
    pub field: Option<&'static str>,
    /// The unit the header declares ("奖金（万元）" → 万元; a money field without one is in 元).
    pub unit: Option<&'static str>,
    /// The first few non-empty values under the header, as Excel shows them.
    pub samples: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RefPreview {
    pub kind: String,
    pub label: String,
    pub file: String,
    pub path: String,
    pub sheets: Vec<String>,
    pub sheet: String,
    /// 1-based.
    pub header_row: usize,
    /// Rows below the header that hold data (blank lines and, for judges, 合计/注 lines left out).
    pub data_rows: usize,
    pub columns: Vec<RefColumn>,
    pub fields: Vec<RefField>,
    /// “至少为……中的一项选择一列” in Chinese, for under the grid.
    pub required_hint: String,
    /// The first data rows (display text, aligned with `columns`).
    pub rows: Vec<Vec<String>>,
    /// Problems of reading the file with the automatic mapping (layout first, then cells).
    pub problems: Vec<Problem>,
}

/// How to read a list; the defaults are the automatic choices.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RefImportOptions {
    pub sheet: Option<String>,
    /// 1-based, as Excel and the preview show it.
    pub header_row: Option<usize>,
    /// (0-based column, field key) pairs replacing the automatic mapping; columns not listed are not imported.
    pub mapping: Option<Vec<(usize, String)>>,
    /// Add the file's rows to the list instead of replacing it (rows already in it are not added twice) —
    /// e.g. the official provincial list imported into a new season that carried this city's provincial
    /// winners over. Ignored for the judges list, which is always updated by name.
    #[serde(default)]
    pub append: bool,
}

/// Rows scanned from the top of a sheet for the header; rows and samples shown by the preview.
const HEADER_SCAN_ROWS: usize = 30;
const PREVIEW_ROWS: usize = 20;
const SAMPLES_PER_COLUMN: usize = 3;

fn value_of(kind: FieldKind, cell: &Cell, unit: Option<&str>, date1904: bool) -> std::result::Result<(serde_json::Value, Option<Issue>), Issue> {
    use serde_json::Value as V;
    let to = |v: Option<serde_json::Value>| v.unwrap_or(V::Null);
    Ok(match kind {
        Integer => cells::integer(cell).map(|(v, w)| (to(v.map(V::from)), w))?,
        Money => cells::money(cell, unit.or(Some("元"))).map(|(v, w)| (to(v.map(|x| V::from((x * 1e4).round()))), w))?,
        Date => cells::date(cell, date1904).map(|(v, w)| (to(v.map(|d| V::from(d.to_string()))), w))?,
        Group => cells::group(cell).map(|(v, w)| (to(v.map(|g| V::from(g.code()))), w))?,
        Code => cells::project_no(cell).map(|(v, w)| (to(v.map(|s| V::from(crate::text::clean_code(&s)))), w))?,
        Phone => cells::phone(cell).map(|(v, w)| (to(v.map(V::from)), w))?,
        _ => cells::text(cell).map(|(v, w)| (to(v.map(V::from)), w))?,
    })
}

fn problem(wb: &Workbook, sheet: &str, row: Option<usize>, column: Option<String>, issue: Issue) -> Problem {
    Problem {
        file: wb.file.clone(),
        sheet: sheet.into(),
        row,
        column,
        code: issue.code.into(),
        message: issue.message,
        hint: issue.hint,
        project_no: None,
        severity: if issue.error { "error" } else { "warning" }.into(),
    }
}

fn issue(code: &'static str, message: String, hint: &str, error: bool) -> Issue {
    Issue { code, message, hint: hint.into(), error }
}

fn display_grid(rows: &[Vec<Cell>], limit: usize) -> Vec<Vec<String>> {
    rows.iter().take(limit).map(|r| r.iter().map(Cell::display).collect()).collect()
}

/// The row of a sheet that names the most of the list's fields: (0-based row, score), earliest on ties.
fn best_row(catalogue: &'static [FieldDef], rows: &[Vec<Cell>]) -> Option<(usize, usize)> {
    let grid = display_grid(rows, HEADER_SCAN_ROWS);
    let mut best: Option<(usize, usize)> = None;
    for r in 0..grid.len() {
        let score = fields::header_score_with(catalogue, &grid, r);
        if score > 0 && best.map(|b| score > b.1).unwrap_or(true) {
            best = Some((r, score));
        }
    }
    best
}

/// Where a list sits in a workbook. `confident` is false when no row named two of the list's fields
/// and the header row is only a guess (the preview then asks the person to map the columns).
struct Layout {
    sheet: usize,
    header_row: usize,
    confident: bool,
}

fn locate(wb: &Workbook, kind: RefKind, sheet: Option<&str>, header_row: Option<usize>) -> Result<Layout> {
    let catalogue = kind.catalogue();
    let si = match sheet {
        Some(name) => wb.sheets.iter().position(|s| s.name == name).ok_or_else(|| CoreError::NoSuchSheet {
            file: wb.file.clone(),
            sheet: name.into(),
            available: wb.sheets.iter().map(|s| format!("“{}”", s.name)).collect::<Vec<_>>().join("、"),
        })?,
        None => {
            // The sheet whose best row names the most fields; else the first sheet with data.
            let mut best: Option<(usize, usize)> = None;
            for (i, s) in wb.sheets.iter().enumerate() {
                if let Some((_, score)) = best_row(catalogue, &s.rows) {
                    if best.map(|b| score > b.1).unwrap_or(true) {
                        best = Some((i, score));
                    }
                }
            }
            match best {
                Some((i, _)) => i,
                None => wb.sheets.iter().position(|s| s.rows.iter().any(|r| !r.iter().all(Cell::is_empty))).unwrap_or(0),
            }
        }
    };
    let Some(s) = wb.sheets.get(si) else {
        return Err(CoreError::validation(Some("sheet"), format!("“{}”中没有工作表。", wb.file)));
    };
    if let Some(hr) = header_row {
        if hr == 0 || hr > s.rows.len() {
            return Err(CoreError::validation(
                Some("header_row"),
                format!("表头行应在第 1 到第 {} 行之间（工作表“{}”）。", s.rows.len().max(1), s.name),
            ));
        }
        return Ok(Layout { sheet: si, header_row: hr - 1, confident: true });
    }
    match best_row(catalogue, &s.rows) {
        Some((r, score)) => Ok(Layout { sheet: si, header_row: r, confident: score >= 2 }),
        None => match s.rows.iter().position(|r| !r.iter().all(Cell::is_empty)) {
            Some(r) => Ok(Layout { sheet: si, header_row: r, confident: false }),
            None => Err(CoreError::validation(Some("sheet"), format!("“{}”的工作表“{}”是空的，没有可以导入的内容。", wb.file, s.name))),
        },
    }
}

fn no_header_error(wb: &Workbook, kind: RefKind) -> CoreError {
    CoreError::validation(
        Some("header_row"),
        format!(
            "在“{}”中没有找到{}的表头（应包含{}等列名）。请确认选择的文件，或在预览中为各列指定对应的内容。",
            wb.file,
            kind.label(),
            kind.catalogue().iter().take(3).map(|f| format!("“{}”", f.label)).collect::<Vec<_>>().join("")
        ),
    )
}

/// The unit a money column's numbers are in: the header's, else 元 (the list fields are in 元).
fn unit_for(kind: RefKind, c: &ColumnMap) -> Option<&'static str> {
    match c.field.and_then(|k| kind.catalogue().iter().find(|f| f.key == k)).map(|f| f.kind) {
        Some(Money) => Some(header_unit(&c.header).filter(|u| *u != "人").unwrap_or("元")),
        _ => None,
    }
}

/// The header row's columns with the automatic mapping, widened to the widest data row so that a
/// column without a header can still be mapped by hand.
fn auto_columns(wb: &Workbook, kind: RefKind, layout: &Layout) -> Vec<ColumnMap> {
    let rows = &wb.sheets[layout.sheet].rows;
    let grid = display_grid(rows, layout.header_row + 1);
    let mut columns = fields::map_header_with(kind.catalogue(), &grid, layout.header_row);
    let width = rows.iter().skip(layout.header_row + 1).map(|r| r.len()).max().unwrap_or(0);
    for i in columns.len()..width {
        columns.push(ColumnMap { index: i, letter: column_letter(i), header: String::new(), field: None, unit: None });
    }
    for c in columns.iter_mut() {
        // The preview shows the unit a header declares on any column, so a column mapped by hand to a
        // money field shows the unit it will be read in ("奖金（万元）" → 万元); the field's name has none.
        c.unit = unit_for(kind, c).or_else(|| header_unit(&c.header).filter(|u| *u != "人"));
    }
    columns
}

/// The person's mapping replaces the automatic one; every field at most once.
fn apply_mapping(kind: RefKind, columns: &mut [ColumnMap], mapping: &[(usize, String)]) -> Result<()> {
    for c in columns.iter_mut() {
        c.field = None;
    }
    let mut seen: HashMap<&'static str, usize> = HashMap::new();
    for (index, key) in mapping {
        let key = key.trim();
        if key.is_empty() {
            continue;
        }
        let def = kind.catalogue().iter().find(|f| f.key == key).ok_or_else(|| {
            CoreError::validation(
                Some("mapping"),
                format!(
                    "{}没有“{key}”这一项。可选：{}。",
                    kind.label(),
                    kind.catalogue().iter().map(|f| format!("{}（{}）", f.key, f.label)).collect::<Vec<_>>().join("、")
                ),
            )
        })?;
        let col = columns
            .iter_mut()
            .find(|c| c.index == *index)
            .ok_or_else(|| CoreError::validation(Some("mapping"), format!("映射中的 {} 列在工作表中不存在，请重新预览。", column_letter(*index))))?;
        if let Some(prev) = seen.insert(def.key, *index) {
            return Err(CoreError::validation(
                Some("mapping"),
                format!("“{}”同时对应了 {} 列和 {} 列，请只保留一列。", def.label, column_letter(prev), column_letter(*index)),
            ));
        }
        col.field = Some(def.key);
    }
    for c in columns.iter_mut() {
        c.unit = unit_for(kind, c);
    }
    Ok(())
}

/// An entries export read as, say, the dishonesty list would condemn every entrant in it.
fn entries_like(wb: &Workbook, kind: RefKind, layout: &Layout) -> Option<String> {
    let sheet = &wb.sheets[layout.sheet];
    let grid = display_grid(&sheet.rows, layout.header_row + 1);
    let as_list = fields::header_score_with(kind.catalogue(), &grid, layout.header_row);
    let as_entries = fields::header_score(&grid, layout.header_row);
    (as_entries >= 6 && as_entries > as_list + 2).then(|| {
        format!(
            "“{}”看起来是报名表（工作表“{}”第 {} 行有 {as_entries} 个报名表列名），不是{}。请确认选择的文件；报名表请在“报名导入”中导入。",
            wb.file,
            sheet.name,
            layout.header_row + 1,
            kind.label()
        )
    })
}

fn check_required(wb: &Workbook, kind: RefKind, columns: &[ColumnMap]) -> Result<()> {
    if kind.required().iter().any(|r| columns.iter().any(|c| c.field == Some(*r))) {
        return Ok(());
    }
    let what = if kind.required().len() == 1 { "这一项".to_string() } else { "其中至少一项".to_string() };
    Err(CoreError::validation(
        Some("mapping"),
        format!("“{}”中没有对应到{}的列，无法作为{}导入。请在预览中为{what}选择一列。", wb.file, kind.required_labels(), kind.label()),
    ))
}

fn is_data_row(kind: RefKind, row: &[Cell]) -> bool {
    // A judges list often ends with 合计/注 lines in the name column.
    !(row.iter().all(Cell::is_empty) || (kind == RefKind::Judges && crate::import::is_skippable(row)))
}

/// The rows of the list (1-based sheet row, values), the cell problems, and the rows skipped.
struct ParsedList {
    rows: Vec<(usize, RefRow)>,
    problems: Vec<Problem>,
    skipped: usize,
}

fn parse_rows(wb: &Workbook, kind: RefKind, layout: &Layout, columns: &[ColumnMap]) -> ParsedList {
    let sheet = &wb.sheets[layout.sheet];
    let catalogue = kind.catalogue();
    let mut out = ParsedList { rows: Vec::new(), problems: Vec::new(), skipped: 0 };
    for (r, row) in sheet.rows.iter().enumerate().skip(layout.header_row + 1) {
        if !is_data_row(kind, row) {
            out.skipped += 1;
            continue;
        }
        let mut obj = RefRow::new();
        let mut cell_problems = Vec::new();
        for c in columns {
            let Some(key) = c.field else { continue };
            let def = catalogue.iter().find(|f| f.key == key).map(|f| f.kind).unwrap_or(Text);
            let cell = row.get(c.index).cloned().unwrap_or(Cell::Empty);
            let (v, issue) = match value_of(def, &cell, c.unit, wb.date1904) {
                Ok((v, w)) => (v, w),
                Err(e) => (serde_json::Value::Null, Some(e)),
            };
            if let Some(i) = issue {
                let column = Some(format!("{} {}", column_letter(c.index), c.header).trim_end().to_string());
                cell_problems.push(problem(wb, &sheet.name, Some(r + 1), column, i));
            }
            obj.insert(key.into(), v);
        }
        if kind.required().iter().all(|k| obj.get(*k).map(|v| v.is_null()).unwrap_or(true)) {
            out.skipped += 1; // a totals or notes row
                              // A judge row with details but no name is a mistake worth naming, not a notes row.
            if kind == RefKind::Judges && obj.values().filter(|v| !v.is_null()).count() >= 2 {
                out.problems.push(problem(
                    wb,
                    &sheet.name,
                    Some(r + 1),
                    None,
                    issue("JUDGE_NO_NAME", "本行没有评委姓名，未导入".into(), "请在名单中补上姓名后重新导入", false),
                ));
            }
            continue;
        }
        out.problems.extend(cell_problems);
        out.rows.push((r + 1, obj));
    }
    out
}

/// Reads a list file and shows how it would be imported, without changing anything.
pub fn preview(kind: RefKind, path: &std::path::Path, sheet: Option<&str>) -> Result<RefPreview> {
    let wb = workbook::read(path)?;
    let layout = locate(&wb, kind, sheet, None)?;
    let columns = auto_columns(&wb, kind, &layout);
    let s = &wb.sheets[layout.sheet];
    let mut problems = Vec::new();
    if !layout.confident {
        let message = format!("没有自动识别出{}的表头，暂把第 {} 行当作表头", kind.label(), layout.header_row + 1);
        let hint = "请确认文件和工作表是否选对；如果没错，请在下方为各列选择对应的内容";
        problems.push(problem(&wb, &s.name, Some(layout.header_row + 1), None, issue("NO_HEADER", message, hint, false)));
    }
    if let Some(m) = entries_like(&wb, kind, &layout) {
        problems.push(problem(&wb, &s.name, Some(layout.header_row + 1), None, issue("LOOKS_LIKE_ENTRIES", m, "报名表请在“报名导入”中导入", true)));
    }
    if let Err(e) = check_required(&wb, kind, &columns) {
        problems.push(problem(
            &wb,
            &s.name,
            Some(layout.header_row + 1),
            None,
            issue("REQUIRED_UNMAPPED", e.to_string(), "在下方的列中选择对应的内容", true),
        ));
    }
    problems.extend(parse_rows(&wb, kind, &layout, &columns).problems);

    let width = columns.len();
    let data: Vec<&Vec<Cell>> = s.rows.iter().skip(layout.header_row + 1).filter(|r| is_data_row(kind, r)).collect();
    let preview_columns = columns
        .iter()
        .map(|c| RefColumn {
            index: c.index,
            letter: c.letter.clone(),
            header: c.header.clone(),
            field: c.field,
            unit: c.unit,
            samples: data.iter().filter_map(|r| r.get(c.index)).filter(|v| !v.is_empty()).take(SAMPLES_PER_COLUMN).map(Cell::display).collect(),
        })
        .collect();
    let required = kind.required();
    let required_hint = if required.len() == 1 {
        format!("必须为{}选择一列", kind.required_labels())
    } else {
        format!("至少为{}中的一项选择一列", kind.required().iter().map(|k| format!("“{}”", kind.field_label(k))).collect::<Vec<_>>().join(""))
    };
    Ok(RefPreview {
        kind: kind.code().into(),
        label: kind.label().into(),
        file: wb.file.clone(),
        path: path.display().to_string(),
        sheets: wb.sheets.iter().map(|s| s.name.clone()).collect(),
        sheet: s.name.clone(),
        header_row: layout.header_row + 1,
        data_rows: data.len(),
        columns: preview_columns,
        fields: kind.catalogue().iter().map(|f| RefField { key: f.key, label: f.label, kind: f.kind, required: required.contains(&f.key) }).collect(),
        required_hint,
        rows: data.iter().take(PREVIEW_ROWS).map(|r| (0..width).map(|i| r.get(i).map(Cell::display).unwrap_or_default()).collect()).collect(),
        problems,
    })
}

/// A list read from its file and checked, ready for `actions::reference::import_with` to store.
pub struct ReadList {
    pub kind: RefKind,
    /// What the import reports; `replaced` and the judges' counts are filled in when stored.
    pub result: RefImportResult,
    /// (row in the file, fields) of each data row.
    pub rows: Vec<(usize, RefRow)>,
}

impl ReadList {
    /// The rows as judges to upsert (rows without a name are left out: the read flagged them).
    pub(crate) fn judges(&self) -> Vec<judges::Incoming> {
        let get = |o: &RefRow, k: &str| text(o, k).map(str::to_string);
        self.rows
            .iter()
            .filter_map(|(r, o)| {
                Some(judges::Incoming {
                    row: *r,
                    name: get(o, "name")?,
                    organization: get(o, "organization"),
                    title: get(o, "title"),
                    expertise: get(o, "expertise"),
                    phone: get(o, "phone"),
                })
            })
            .collect()
    }

    /// A note of the judges' upsert as a problem of this file and sheet.
    pub fn note(&self, row: usize, code: &'static str, message: String, hint: &str, error: bool) -> Problem {
        let i = issue(code, message, hint, error);
        Problem {
            file: self.result.file.clone(),
            sheet: self.result.sheet.clone(),
            row: Some(row),
            column: None,
            code: i.code.into(),
            message: i.message,
            hint: i.hint,
            project_no: None,
            severity: if i.error { "error" } else { "warning" }.into(),
        }
    }
}

/// Reads a reference list with the automatic sheet, header row and mapping, or the person's own
/// (`options`), and checks it: nothing is stored.
pub fn read_list(kind: RefKind, path: &std::path::Path, options: &RefImportOptions) -> Result<ReadList> {
    let wb = workbook::read(path)?;
    let layout = locate(&wb, kind, options.sheet.as_deref(), options.header_row)?;
    let mut columns = auto_columns(&wb, kind, &layout);
    match &options.mapping {
        Some(m) => apply_mapping(kind, &mut columns, m)?,
        // Without the person's mapping, a guessed header row is not good enough.
        None if !layout.confident => return Err(no_header_error(&wb, kind)),
        None => {}
    }
    if let Some(m) = entries_like(&wb, kind, &layout) {
        return Err(CoreError::validation(Some("kind"), m));
    }
    check_required(&wb, kind, &columns)?;
    let parsed = parse_rows(&wb, kind, &layout, &columns);
    let sheet_name = wb.sheets[layout.sheet].name.clone();
    let result = RefImportResult {
        kind: kind.code().into(),
        label: kind.label().into(),
        file: wb.file.clone(),
        sheet: sheet_name,
        rows: parsed.rows.len(),
        replaced: 0,
        skipped_rows: parsed.skipped,
        problems: parsed.problems,
        added: None,
        updated: None,
        unchanged: None,
        kept: None,
        appended: false,
    };
    Ok(ReadList { kind, result, rows: parsed.rows })
}

/// The rows of a list, or None when that list was never imported (its rule is then 未检查).
/// The judges list gives the stored judges (full phones).
pub fn rows(store: &Store, kind: RefKind) -> Result<Option<Vec<RefRow>>> {
    if kind == RefKind::Judges {
        let list = judges::list(store)?;
        if list.is_empty() {
            return Ok(None);
        }
        return Ok(Some(
            list.into_iter()
                .map(|j| {
                    let mut m = RefRow::new();
                    m.insert("id".into(), j.id.into());
                    m.insert("name".into(), j.name.into());
                    m.insert("organization".into(), j.organization.into());
                    m.insert("title".into(), j.title.into());
                    m.insert("expertise".into(), j.expertise.into());
                    m.insert("phone".into(), j.phone.into());
                    m.insert("active".into(), j.active.into());
                    m
                })
                .collect(),
        ));
    }
    rows_in(store.conn(), kind)
}

/// The rows of one of the four rule lists from a connection (or an action's transaction); None
/// when never imported. Not for the judges list (see `rows`).
pub fn rows_in(conn: &rusqlite::Connection, kind: RefKind) -> Result<Option<Vec<RefRow>>> {
    if crate::store::reference::import_count(conn, kind.code())? == 0 {
        return Ok(None);
    }
    Ok(Some(crate::store::reference::rows(conn, kind.code())?))
}

/// A text field of a reference row.
pub fn text<'a>(row: &'a RefRow, key: &str) -> Option<&'a str> {
    row.get(key).and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty())
}

/// What each list looks like now, for the window.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RefStatus {
    pub kind: String,
    pub label: String,
    pub imported: bool,
    /// Rows of the list; for judges, the judges stored (imported or added by hand).
    pub rows: i64,
    pub file: Option<String>,
    pub imported_at: Option<String>,
}

pub fn status(store: &Store) -> Result<Vec<RefStatus>> {
    let mut out = Vec::new();
    for k in RefKind::ALL {
        let last = crate::store::reference::last_import(store.conn(), k.code())?;
        let rows: i64 = if k == RefKind::Judges { judges::count(store)? } else { crate::store::reference::row_count(store.conn(), k.code())? };
        out.push(RefStatus {
            kind: k.code().into(),
            label: k.label().into(),
            // Judges added by hand count as a list too.
            imported: last.is_some() || (k == RefKind::Judges && rows > 0),
            rows,
            file: last.as_ref().map(|l| l.0.clone()),
            imported_at: last.map(|l| l.1),
        });
    }
    Ok(out)
}
