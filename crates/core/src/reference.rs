//! Reference lists read through the importer's machinery (header detection, aliases, cell
//! normalisation, problems by sheet/row/column): 近三届省赛获奖名单, 失信名单, 本年度其他市级赛事获奖名单,
//! 组织单位推荐名单. Each import of a kind replaces that kind's list atomically, with a backup first.
use chrono::{DateTime, FixedOffset};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::import::cells::{self, Issue};
use crate::import::fields::{self, column_letter, ColumnMap, FieldDef, FieldKind};
use crate::import::workbook::{self, Cell};
use crate::import::Problem;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    ProvincialWinners,
    Dishonesty,
    OtherAwards,
    Recommendations,
}

impl RefKind {
    pub const ALL: [RefKind; 4] = [RefKind::ProvincialWinners, RefKind::Dishonesty, RefKind::OtherAwards, RefKind::Recommendations];

    pub fn code(self) -> &'static str {
        match self {
            RefKind::ProvincialWinners => "provincial-winners",
            RefKind::Dishonesty => "dishonesty",
            RefKind::OtherAwards => "other-awards",
            RefKind::Recommendations => "recommendations",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RefKind::ProvincialWinners => "近三届省赛获奖名单",
            RefKind::Dishonesty => "失信名单",
            RefKind::OtherAwards => "本年度其他市级赛事获奖名单",
            RefKind::Recommendations => "组织单位推荐名单",
        }
    }

    pub fn parse(s: &str) -> Result<RefKind> {
        RefKind::ALL.into_iter().find(|k| k.code() == s).ok_or_else(|| {
            CoreError::Invalid(format!(
                "未知的名单类型“{s}”。可用：{}。",
                RefKind::ALL.iter().map(|k| format!("{}（{}）", k.code(), k.label())).collect::<Vec<_>>().join("、")
            ))
        })
    }

    fn catalogue(self) -> &'static [FieldDef] {
        match self {
            RefKind::ProvincialWinners => WINNER_FIELDS,
            RefKind::Dishonesty => DISHONESTY_FIELDS,
            RefKind::OtherAwards => OTHER_AWARD_FIELDS,
            RefKind::Recommendations => RECOMMENDATION_FIELDS,
        }
    }

    /// Fields without which a row means nothing.
    fn required(self) -> &'static [&'static str] {
        match self {
            RefKind::ProvincialWinners => &["project_name", "entrant_name"],
            RefKind::Dishonesty => &["name", "code"],
            RefKind::OtherAwards => &["project_name", "entrant_name"],
            RefKind::Recommendations => &["project_name", "entrant_name"],
        }
    }
}

use FieldKind::*;

const WINNER_FIELDS: &[FieldDef] = &[
    FieldDef { key: "year", label: "年份", kind: Integer, aliases: &["年份", "年度", "届次年份", "获奖年份", "比赛年份"] },
    FieldDef { key: "group", label: "组别", kind: Group, aliases: &["组别", "参赛组别", "赛道"] },
    FieldDef { key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "获奖项目", "参赛项目"] },
    FieldDef { key: "entrant_name", label: "参赛主体", kind: Text, aliases: &["参赛主体", "企业名称", "单位名称", "企业团队名称", "获奖单位", "参赛单位", "团队名称"] },
    FieldDef { key: "credit_code", label: "统一社会信用代码", kind: Code, aliases: &["统一社会信用代码", "社会信用代码", "信用代码"] },
    FieldDef { key: "prize", label: "奖项", kind: Text, aliases: &["奖项", "获奖等级", "获奖情况", "奖次", "等次"] },
];

const DISHONESTY_FIELDS: &[FieldDef] = &[
    FieldDef { key: "name", label: "名称或姓名", kind: Text, aliases: &["名称", "姓名", "企业名称", "失信主体", "失信主体名称", "被执行人", "当事人", "主体名称"] },
    FieldDef { key: "code", label: "信用代码或身份证号", kind: Code, aliases: &["统一社会信用代码", "身份证号", "证件号码", "信用代码或身份证号", "代码", "证件号"] },
    FieldDef { key: "date", label: "列入日期", kind: Date, aliases: &["列入日期", "认定日期", "日期", "发布日期", "立案时间"] },
    FieldDef { key: "source", label: "来源", kind: Text, aliases: &["来源", "数据来源", "认定机关", "执行法院", "发布单位"] },
];

const OTHER_AWARD_FIELDS: &[FieldDef] = &[
    FieldDef { key: "contest", label: "赛事名称", kind: Text, aliases: &["赛事名称", "赛事", "比赛名称", "大赛名称", "主办单位"] },
    FieldDef { key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "获奖项目"] },
    FieldDef { key: "entrant_name", label: "参赛主体", kind: Text, aliases: &["参赛主体", "企业名称", "单位名称", "获奖单位", "团队名称"] },
    FieldDef { key: "prize", label: "奖项", kind: Text, aliases: &["奖项", "获奖等级", "获奖情况", "等次"] },
    FieldDef { key: "cash", label: "奖金（元）", kind: Money, aliases: &["奖金", "奖励金额", "资金奖励", "奖金金额"] },
];

const RECOMMENDATION_FIELDS: &[FieldDef] = &[
    FieldDef { key: "unit", label: "推荐单位", kind: Text, aliases: &["推荐单位", "组织单位", "推荐部门"] },
    FieldDef { key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "推荐项目"] },
    FieldDef { key: "entrant_name", label: "参赛主体", kind: Text, aliases: &["参赛主体", "企业名称", "单位名称", "团队名称"] },
];

/// One row of a reference list: its canonical fields as JSON values.
pub type RefRow = serde_json::Map<String, serde_json::Value>;

#[derive(Debug, Clone, Serialize)]
pub struct RefImportResult {
    pub kind: String,
    pub label: String,
    pub file: String,
    pub sheet: String,
    pub rows: usize,
    pub replaced: usize,
    pub skipped_rows: usize,
    pub problems: Vec<Problem>,
}

fn value_of(kind: FieldKind, cell: &Cell, unit: Option<&str>, date1904: bool) -> std::result::Result<(serde_json::Value, Option<Issue>), Issue> {
    use serde_json::Value as V;
    let to = |v: Option<serde_json::Value>| v.unwrap_or(V::Null);
    Ok(match kind {
        Integer => cells::integer(cell).map(|(v, w)| (to(v.map(V::from)), w))?,
        Money => cells::money(cell, unit.or(Some("元"))).map(|(v, w)| (to(v.map(|x| V::from((x * 1e4).round()))), w))?,
        Date => cells::date(cell, date1904).map(|(v, w)| (to(v.map(|d| V::from(d.to_string()))), w))?,
        Group => cells::group(cell).map(|(v, w)| (to(v.map(|g| V::from(g.code()))), w))?,
        Code => cells::project_no(cell).map(|(v, w)| (to(v.map(|s| V::from(crate::text::clean_code(&s)))), w))?,
        _ => cells::text(cell).map(|(v, w)| (to(v.map(V::from)), w))?,
    })
}

/// Imports a reference list, replacing the previous list of that kind.
pub fn import(store: &mut Store, kind: RefKind, path: &std::path::Path, now: DateTime<FixedOffset>) -> Result<RefImportResult> {
    let wb = workbook::read(path)?;
    let catalogue = kind.catalogue();
    // The sheet and row that name the most of this list's fields.
    let mut best: Option<(usize, usize, usize)> = None;
    for (si, s) in wb.sheets.iter().enumerate() {
        let grid: Vec<Vec<String>> = s.rows.iter().take(30).map(|r| r.iter().map(Cell::display).collect()).collect();
        for r in 0..grid.len() {
            let score = fields::header_score_with(catalogue, &grid, r);
            if score >= 2 && best.map(|b| score > b.2).unwrap_or(true) {
                best = Some((si, r, score));
            }
        }
    }
    let (si, hr, _) = best.ok_or_else(|| CoreError::Invalid(format!(
        "在“{}”中没有找到{}的表头（应包含{}等列名）。",
        wb.file,
        kind.label(),
        catalogue.iter().take(3).map(|f| format!("“{}”", f.label)).collect::<Vec<_>>().join("")
    )))?;
    let sheet = &wb.sheets[si];
    let grid: Vec<Vec<String>> = sheet.rows.iter().take(hr + 1).map(|r| r.iter().map(Cell::display).collect()).collect();
    // An entries export read as, say, the dishonesty list would condemn every entrant in it.
    let as_list = fields::header_score_with(catalogue, &grid, hr);
    let as_entries = fields::header_score(&grid, hr);
    if as_entries >= 6 && as_entries > as_list + 2 {
        return Err(CoreError::Invalid(format!(
            "“{}”看起来是报名表（工作表“{}”第 {} 行有 {as_entries} 个报名表列名），不是{}。请确认选择的文件；报名表请在“报名导入”中导入。",
            wb.file,
            sheet.name,
            hr + 1,
            kind.label()
        )));
    }
    let columns: Vec<ColumnMap> = fields::map_header_with(catalogue, &grid, hr);
    if !kind.required().iter().any(|r| columns.iter().any(|c| c.field == Some(*r))) {
        let labels: Vec<&str> = kind.required().iter().filter_map(|r| catalogue.iter().find(|f| f.key == *r).map(|f| f.label)).collect();
        return Err(CoreError::Invalid(format!("“{}”中没有“{}”列，无法作为{}导入。", wb.file, labels.join("”或“"), kind.label())));
    }
    let mut rows: Vec<(usize, RefRow)> = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = 0;
    for (r, row) in sheet.rows.iter().enumerate().skip(hr + 1) {
        if row.iter().all(Cell::is_empty) {
            skipped += 1;
            continue;
        }
        let mut obj = RefRow::new();
        for c in &columns {
            let Some(key) = c.field else { continue };
            let def = catalogue.iter().find(|f| f.key == key).map(|f| f.kind).unwrap_or(Text);
            let cell = row.get(c.index).cloned().unwrap_or(Cell::Empty);
            let (v, issue) = match value_of(def, &cell, c.unit, wb.date1904) {
                Ok((v, w)) => (v, w),
                Err(e) => (serde_json::Value::Null, Some(e)),
            };
            if let Some(i) = issue {
                problems.push(Problem {
                    file: wb.file.clone(),
                    sheet: sheet.name.clone(),
                    row: Some(r + 1),
                    column: Some(format!("{} {}", column_letter(c.index), c.header)),
                    code: i.code.into(),
                    message: i.message,
                    hint: i.hint,
                    project_no: None,
                    severity: if i.error { "error" } else { "warning" }.into(),
                });
            }
            obj.insert(key.into(), v);
        }
        if kind.required().iter().all(|k| obj.get(*k).map(|v| v.is_null()).unwrap_or(true)) {
            skipped += 1; // a totals or notes row
            continue;
        }
        rows.push((r + 1, obj));
    }
    store.backup("before-reference", now)?;
    let tx = store.conn_mut().transaction()?;
    let replaced: i64 = tx.query_row("SELECT count(*) FROM reference_rows WHERE kind = ?1", [kind.code()], |r| r.get(0))?;
    tx.execute("DELETE FROM reference_rows WHERE kind = ?1", [kind.code()])?;
    tx.execute(
        "INSERT INTO reference_imports(kind, file, sheet, imported_at, row_count, problem_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![kind.code(), wb.file, sheet.name, now.to_rfc3339(), rows.len() as i64, problems.len() as i64],
    )?;
    let id = tx.last_insert_rowid();
    {
        let mut ins = tx.prepare("INSERT INTO reference_rows(kind, import_id, row, data) VALUES (?1, ?2, ?3, ?4)")?;
        for (r, obj) in &rows {
            ins.execute(params![kind.code(), id, *r as i64, serde_json::Value::Object(obj.clone()).to_string()])?;
        }
    }
    tx.commit()?;
    Ok(RefImportResult {
        kind: kind.code().into(),
        label: kind.label().into(),
        file: wb.file.clone(),
        sheet: sheet.name.clone(),
        rows: rows.len(),
        replaced: replaced as usize,
        skipped_rows: skipped,
        problems,
    })
}

/// The rows of a list, or None when that list was never imported (its rule is then 未检查).
pub fn rows(store: &Store, kind: RefKind) -> Result<Option<Vec<RefRow>>> {
    let imported: i64 = store.conn().query_row("SELECT count(*) FROM reference_imports WHERE kind = ?1", [kind.code()], |r| r.get(0))?;
    if imported == 0 {
        return Ok(None);
    }
    let mut stmt = store.conn().prepare("SELECT data FROM reference_rows WHERE kind = ?1 ORDER BY id")?;
    let rows = stmt.query_map([kind.code()], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_str(&json?) {
            out.push(m);
        }
    }
    Ok(Some(out))
}

/// A text field of a reference row.
pub fn text<'a>(row: &'a RefRow, key: &str) -> Option<&'a str> {
    row.get(key).and_then(|v| v.as_str()).filter(|s| !s.trim().is_empty())
}

/// What each list looks like now, for the window.
#[derive(Debug, Clone, Serialize)]
pub struct RefStatus {
    pub kind: String,
    pub label: String,
    pub imported: bool,
    pub rows: i64,
    pub file: Option<String>,
    pub imported_at: Option<String>,
}

pub fn status(store: &Store) -> Result<Vec<RefStatus>> {
    let mut out = Vec::new();
    for k in RefKind::ALL {
        let last: Option<(String, String)> = store
            .conn()
            .query_row("SELECT file, imported_at FROM reference_imports WHERE kind = ?1 ORDER BY id DESC LIMIT 1", [k.code()], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok();
        let rows: i64 = store.conn().query_row("SELECT count(*) FROM reference_rows WHERE kind = ?1", [k.code()], |r| r.get(0))?;
        out.push(RefStatus {
            kind: k.code().into(),
            label: k.label().into(),
            imported: last.is_some(),
            rows,
            file: last.as_ref().map(|l| l.0.clone()),
            imported_at: last.map(|l| l.1),
        });
    }
    Ok(out)
}
