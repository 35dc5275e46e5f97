//! The pure half of an import (no store): find the header and the members sheet, map the columns,
//! turn each data row into an entry with its problems. Rows come one at a time in sheet order (from
//! the streaming reader or a whole sheet), so nothing here holds more than the keys already seen.
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::error::{CoreError, Result};
use crate::model::{kind_of, Entry, Person, Problem, Source};
use crate::text::{header_key, nfkc};

use super::cells::{self, Issue, Parsed};
use super::fields::{self, column_letter, ColumnMap, FieldKind};
use super::members::{self, members_columns, MembersColumns};
use super::workbook::{Cell, IgnoredCell, Workbook};
use super::MappingChoice;

/// Rows scanned from the top of a sheet when looking for the header row.
pub(crate) const HEADER_SCAN_ROWS: usize = super::workbook::HEAD_ROWS;
/// A header row must name at least this many canonical fields.
const MIN_HEADER_FIELDS: usize = 3;

/// Where the data sits in a workbook.
#[derive(Debug, Clone)]
pub struct Layout {
    pub sheet: usize,
    /// 0-based.
    pub header_row: usize,
    pub columns: Vec<ColumnMap>,
    /// (sheet, header row, columns) of the members sheet.
    pub members: Option<(usize, usize, MembersColumns)>,
}

pub(crate) fn display_grid(rows: &[Vec<Cell>], limit: usize) -> Vec<Vec<String>> {
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

pub fn analyse(wb: &Workbook, sheet: Option<&str>) -> Result<Layout> {
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

/// Applies a saved profile on top of the automatic mapping: columns whose header the profile knows
/// take the profile's field; a field keeps only its first column.
pub fn apply_profile(columns: &mut [ColumnMap], profile: &HashMap<String, Option<String>>) {
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
pub fn apply_choices(columns: &mut [ColumnMap], choices: &[MappingChoice]) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for c in columns.iter_mut() {
        c.field = None;
    }
    for ch in choices {
        let col = columns
            .iter_mut()
            .find(|c| c.index == ch.index)
            .ok_or_else(|| CoreError::validation(Some("mapping"), format!("映射中的第 {} 列在文件中不存在，请重新预览。", ch.index + 1)))?;
        if let Some(f) = ch.field.as_deref() {
            let def = fields::field(f).ok_or_else(|| CoreError::validation(Some("mapping"), format!("未知的字段“{f}”。")))?;
            if let Some(prev) = seen.insert(def.key, ch.index) {
                return Err(CoreError::validation(
                    Some("mapping"),
                    format!("“{}”同时对应了第 {} 列和第 {} 列，请只保留一列。", def.label, column_letter(prev), column_letter(ch.index)),
                ));
            }
            col.field = Some(def.key);
        }
    }
    for c in columns.iter_mut() {
        c.unit = unit_for(c);
    }
    Ok(())
}

pub fn is_skippable(row: &[Cell]) -> bool {
    let first = row.iter().find(|c| !c.is_empty());
    let Some(first) = first else { return true };
    // Every marker starts with a Chinese character: ASCII text, and cells that are not text (shown in
    // ASCII), are never one. Most rows start with a number or a code: no folding for them.
    match first {
        Cell::Text(s) if !s.is_ascii() => {}
        _ => return false,
    }
    let text = nfkc(&first.shown()).trim().to_string();
    const MARKERS: &[&str] =
        &["合计", "总计", "小计", "共计", "注:", "注：", "注 ", "备注", "说明", "填表", "制表", "审核人", "统计时间", "导出时间"];
    MARKERS.iter().any(|m| text.starts_with(m)) || text == "注"
}

/// One source row turned into an entry.
pub struct ParsedRow {
    pub key: String,
    pub entry: Entry,
    /// Every cell of the row as Excel shows it (JSON array); headers are stored once per import.
    pub raw_json: String,
    pub data_json: String,
    pub problems: Vec<Problem>,
    pub hash: String,
}

/// The canonical fields `parse_row` reads. A row's mapped cells are found by position in this list
/// (the layout's columns are matched to it once per import), not looked up by name in a map per row.
const FIELDS: [&str; 27] = [
    "project_no",
    "group",
    "project_name",
    "field",
    "entrant_name",
    "credit_code",
    "founded_on",
    "address",
    "county",
    "industry",
    "employees",
    "revenue_wan",
    "assets_wan",
    "on_market",
    "ip_summary",
    "ip_holder",
    "ip_dispute",
    "dishonesty_declared",
    "leader_name",
    "leader_id",
    "leader_phone",
    "unit",
    "registered_at",
    "site_status",
    "members",
    "member_ids",
    "member_phones",
];

/// Positions in `FIELDS`.
mod fk {
    pub const PROJECT_NO: usize = 0;
    pub const GROUP: usize = 1;
    pub const PROJECT_NAME: usize = 2;
    pub const FIELD: usize = 3;
    pub const ENTRANT_NAME: usize = 4;
    pub const CREDIT_CODE: usize = 5;
    pub const FOUNDED_ON: usize = 6;
    pub const ADDRESS: usize = 7;
    pub const COUNTY: usize = 8;
    pub const INDUSTRY: usize = 9;
    pub const EMPLOYEES: usize = 10;
    pub const REVENUE_WAN: usize = 11;
    pub const ASSETS_WAN: usize = 12;
    pub const ON_MARKET: usize = 13;
    pub const IP_SUMMARY: usize = 14;
    pub const IP_HOLDER: usize = 15;
    pub const IP_DISPUTE: usize = 16;
    pub const DISHONESTY_DECLARED: usize = 17;
    pub const LEADER_NAME: usize = 18;
    pub const LEADER_ID: usize = 19;
    pub const LEADER_PHONE: usize = 20;
    pub const UNIT: usize = 21;
    pub const REGISTERED_AT: usize = 22;
    pub const SITE_STATUS: usize = 23;
    pub const MEMBERS: usize = 24;
    pub const MEMBER_IDS: usize = 25;
    pub const MEMBER_PHONES: usize = 26;
}

/// The cells of one row mapped to the fields of `FIELDS` (the last column mapped to a field wins).
struct Values<'r>([Option<(&'r ColumnMap, &'r Cell)>; FIELDS.len()]);

impl<'r> Values<'r> {
    fn get(&self, key: usize) -> Option<&(&'r ColumnMap, &'r Cell)> {
        self.0[key].as_ref()
    }

    fn contains_key(&self, key: usize) -> bool {
        self.0[key].is_some()
    }
}

/// What `parse_row` needs of the layout beyond the columns, worked out once per import.
struct Prepared {
    /// Per layout column, its field's position in `FIELDS`.
    slots: Vec<Option<usize>>,
    /// The headers whose cells are position (序号 …), not content: left out of the content hash.
    seq: Vec<String>,
    /// The JSON of the blank provenance the content hash is taken with.
    blank_source: String,
}

impl Prepared {
    fn new(layout: &Layout) -> Self {
        let slots = layout.columns.iter().map(|c| c.field.and_then(|f| FIELDS.iter().position(|k| *k == f))).collect();
        // `extra` holds cells under their column's header, or "B列" (never one of these): so only
        // headers can be position columns.
        let mut seq: Vec<String> = layout.columns.iter().map(|c| c.header.clone()).filter(|h| is_seq_key(h)).collect();
        seq.dedup();
        let blank_source = serde_json::to_string(&Source { file: String::new(), sheet: String::new(), row: 0 }).unwrap_or_default();
        Prepared { slots, seq, blank_source }
    }
}

fn is_seq_key(k: &str) -> bool {
    matches!(header_key(k).as_str(), "序号" | "行号" | "序" | "no")
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
pub fn read_members_sheet(wb: &Workbook, layout: &Layout) -> (HashMap<String, Vec<Person>>, Vec<Problem>) {
    let Some((si, hr, mc)) = layout.members else { return (HashMap::new(), Vec::new()) };
    let sheet = &wb.sheets[si];
    let mut stage = MembersStage::new(&wb.file, &sheet.name, hr, mc);
    for (r, row) in sheet.rows.iter().enumerate() {
        stage.row(r, row);
    }
    stage.finish()
}

/// The members sheet read row by row (staged before the entries that take their members from it).
pub struct MembersStage {
    file: String,
    sheet: String,
    header_row: usize,
    mc: MembersColumns,
    /// Every column of the header row, made when it arrives (problems name them).
    cols: Vec<ColumnMap>,
    map: HashMap<String, Vec<Person>>,
    problems: Vec<Problem>,
}

impl MembersStage {
    pub fn new(file: &str, sheet: &str, header_row: usize, mc: MembersColumns) -> Self {
        MembersStage { file: file.into(), sheet: sheet.into(), header_row, mc, cols: Vec::new(), map: HashMap::new(), problems: Vec::new() }
    }

    /// Makes sure every column the members columns point at has a `ColumnMap` (one without a header
    /// when the header row is narrower), so a row's problems borrow them instead of copying.
    fn cover_columns(&mut self) {
        let mc = self.mc;
        let widest = [Some(mc.project_no), mc.id_number, mc.phone, Some(mc.name)].into_iter().flatten().max().unwrap_or(0);
        while self.cols.len() <= widest {
            let i = self.cols.len();
            self.cols.push(ColumnMap { index: i, letter: column_letter(i), header: String::new(), field: None, unit: None });
        }
    }

    /// One row (0-based `r`) of the members sheet, in sheet order.
    pub fn row(&mut self, r: usize, row: &[Cell]) {
        if r < self.header_row {
            return;
        }
        if r == self.header_row {
            self.cols = row
                .iter()
                .enumerate()
                .map(|(i, c)| ColumnMap { index: i, letter: column_letter(i), header: c.display(), field: None, unit: None })
                .collect();
            return;
        }
        if row.iter().all(Cell::is_empty) || is_skippable(row) {
            return;
        }
        let mc = self.mc;
        self.cover_columns();
        let MembersStage { file, sheet, cols, map, problems, .. } = self;
        let col = |i: usize| &cols[i];
        let empty = Cell::Empty;
        let get = |i: usize| row.get(i).unwrap_or(&empty);
        let mut ctx = RowCtx { file, sheet, row: r + 1, problems: Vec::new() };
        // A row without a usable project number belongs to no project: left out, as before.
        let Some(no) = ctx.take(col(mc.project_no), cells::project_no(get(mc.project_no))) else { return };
        let mut id_number = mc.id_number.and_then(|i| ctx.take(col(i), cells::id_number(get(i))));
        let mut phone = mc.phone.and_then(|i| ctx.take(col(i), cells::phone(get(i))));
        // The name cell goes through the same member parser as a members cell, so an ID or phone typed
        // against the name is split off and reported instead of becoming part of the name.
        let name_cell = get(mc.name);
        let name = if name_cell.is_empty() {
            None
        } else {
            let parsed = members::parse_cell(&name_cell.shown());
            for issue in parsed.issues {
                ctx.push(Some(col(mc.name)), issue);
            }
            let first = parsed.people.into_iter().next().unwrap_or_default();
            if let Some(id) = first.id_number {
                if let Err(issue) | Ok((_, Some(issue))) = cells::id_text(&id) {
                    ctx.push(Some(col(mc.name)), issue);
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

    /// The members by project number, and the problems found.
    pub fn finish(self) -> (HashMap<String, Vec<Person>>, Vec<Problem>) {
        (self.map, self.problems)
    }
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
/// canonical JSON: fast, stable across releases, and not a security boundary. (The definition;
/// `data_and_hash` computes the same from the stored JSON.)
#[cfg(test)]
fn content_hash(e: &mut Entry) -> String {
    // Provenance is not content: the same entry on another row is unchanged; and a 序号 column
    // renumbers every row below a removed one, so it is position, not content either.
    let source = std::mem::replace(&mut e.source, Source { file: String::new(), sheet: String::new(), row: 0 });
    let seq_keys: Vec<String> = e.extra.keys().filter(|k| is_seq_key(k)).cloned().collect();
    let seq: Vec<(String, String)> = seq_keys.into_iter().filter_map(|k| e.extra.remove_entry(&k)).collect();
    let json = serde_json::to_vec(&*e).unwrap_or_default();
    e.source = source;
    e.extra.extend(seq);
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&json))
}

/// `format!("{:032x}", h)` without the formatting machinery.
fn hex32(h: u128) -> String {
    (0..32).rev().map(|i| char::from(b"0123456789abcdef"[((h >> (4 * i)) & 0xf) as usize])).collect()
}

/// The entry's stored JSON and its content hash (as `content_hash` defines it) from one serialisation:
/// the JSON hashed is the stored one with a blank `source` and without the position columns of `extra`.
fn data_and_hash(e: &Entry, prep: &Prepared) -> (String, String) {
    let data_json = serde_json::to_string(e).unwrap_or_default();
    // `source` and `extra` are the last two fields, a JSON string cannot hold `,"source":{`
    // unescaped, and `extra` holds only strings: searched from the end, the only one is the field.
    let source = serde_json::to_string(&e.source).unwrap_or_default();
    let at = data_json.rfind(",\"source\":{").map(|p| p + ",\"source\":".len()).filter(|at| data_json[*at..].starts_with(&source));
    let Some(at) = at else {
        // Not the expected shape: hash it the long way.
        let mut e = e.clone();
        e.source = Source { file: String::new(), sheet: String::new(), row: 0 };
        e.extra.retain(|k, _| !is_seq_key(k));
        let hash = format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&serde_json::to_vec(&e).unwrap_or_default()));
        return (data_json, hash);
    };
    let mut json = String::with_capacity(data_json.len());
    json.push_str(&data_json[..at]);
    json.push_str(&prep.blank_source);
    let is_seq = |k: &String| prep.seq.iter().any(|s| s == k);
    if e.extra.keys().any(is_seq) {
        let kept: BTreeMap<&String, &String> = e.extra.iter().filter(|(k, _)| !is_seq(k)).collect();
        json.push_str(",\"extra\":");
        json.push_str(&serde_json::to_string(&kept).unwrap_or_default());
        json.push('}');
    } else {
        json.push_str(&data_json[at + source.len()..]);
    }
    let hash = hex32(xxhash_rust::xxh3::xxh3_128(json.as_bytes()));
    (data_json, hash)
}

/// The text of a mapped column put back into `extra` under its header, when it is not used.
fn keep_in_extra(c: &ColumnMap, cell: &Cell, extra: &mut BTreeMap<String, String>) {
    let shown = cell.shown();
    if !shown.trim().is_empty() {
        extra.insert(if c.header.is_empty() { format!("{}列", c.letter) } else { c.header.clone() }, shown.into_owned());
    }
}

fn keep_parallel_columns(values: &Values, extra: &mut BTreeMap<String, String>) {
    for key in [fk::MEMBER_IDS, fk::MEMBER_PHONES] {
        if let Some((c, cell)) = values.get(key) {
            keep_in_extra(c, cell, extra);
        }
    }
}

/// Pairs the members' ID and phone columns with the names by position (SPEC §12 Members). When the
/// counts differ nothing is guessed: the names stay without those values, the column's text stays
/// in `extra`, and a problem names both cells.
fn pair_parallel_columns(ctx: &mut RowCtx, values: &Values, extra: &mut BTreeMap<String, String>, mut people: Vec<Person>) -> Vec<Person> {
    let Some((names_col, _)) = values.get(fk::MEMBERS) else { return people };
    for (key, kind) in [(fk::MEMBER_IDS, members::ListKind::Ids), (fk::MEMBER_PHONES, members::ListKind::Phones)] {
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

fn parse_row(rp: &mut RowParser, r: usize, row: &[Cell]) -> Option<ParsedRow> {
    let (file, d1904, sheet, layout, prep) = (rp.file, rp.d1904, rp.sheet.as_str(), &rp.layout, &rp.prep);
    let members_by_no = &mut rp.members_by_no;
    let mut ctx = RowCtx { file, sheet, row: r + 1, problems: Vec::new() };
    let empty = Cell::Empty;
    let mut values = Values([None; FIELDS.len()]);
    let mut extra = BTreeMap::new();
    // Text cells are borrowed, not copied: most are held by the entry and stored as null (`stored_raw`).
    let mut raw: Vec<Cow<str>> = row.iter().map(Cell::shown).collect();
    while raw.last().is_some_and(|v| v.is_empty()) {
        raw.pop();
    }
    for (c, slot) in layout.columns.iter().zip(&prep.slots) {
        let cell = row.get(c.index).unwrap_or(&empty);
        match c.field {
            Some(_) => {
                if let Some(k) = slot {
                    values.0[*k] = Some((c, cell));
                }
            }
            None => {
                if let Some(shown) = raw.get(c.index).filter(|v| !v.trim().is_empty()) {
                    let name = if c.header.is_empty() { format!("{}列", c.letter) } else { c.header.clone() };
                    extra.insert(name, shown.to_string());
                }
            }
        }
    }
    // Cells beyond the header's width are kept too: nothing is dropped silently.
    for (i, shown) in raw.iter().enumerate().skip(layout.columns.len()) {
        if !shown.trim().is_empty() {
            extra.insert(format!("{}列", column_letter(i)), shown.to_string());
        }
    }
    macro_rules! get {
        ($key:expr, $parse:expr) => {
            match values.get($key) {
                Some((c, cell)) => ctx.take(c, $parse(*cell)),
                None => None,
            }
        };
    }
    let project_no = get!(fk::PROJECT_NO, cells::project_no);
    let group = get!(fk::GROUP, cells::group);
    let project_name = get!(fk::PROJECT_NAME, cells::text);
    let field = get!(fk::FIELD, cells::text);
    let entrant_name = get!(fk::ENTRANT_NAME, cells::text);
    let credit_code = get!(fk::CREDIT_CODE, cells::credit_code);
    let founded_on = get!(fk::FOUNDED_ON, |c| cells::date(c, d1904));
    let address = get!(fk::ADDRESS, cells::text);
    let county = get!(fk::COUNTY, cells::text);
    let industry = get!(fk::INDUSTRY, cells::text);
    let employees = get!(fk::EMPLOYEES, cells::integer);
    let revenue_wan = match values.get(fk::REVENUE_WAN) {
        Some((c, cell)) => ctx.take(c, cells::money(cell, c.unit)),
        None => None,
    };
    let assets_wan = match values.get(fk::ASSETS_WAN) {
        Some((c, cell)) => ctx.take(c, cells::money(cell, c.unit)),
        None => None,
    };
    let on_market = get!(fk::ON_MARKET, cells::boolean);
    let ip_summary = get!(fk::IP_SUMMARY, cells::text);
    let ip_holder = get!(fk::IP_HOLDER, cells::text);
    let ip_dispute = get!(fk::IP_DISPUTE, cells::boolean);
    let dishonesty_declared = get!(fk::DISHONESTY_DECLARED, cells::boolean);
    let leader_name = get!(fk::LEADER_NAME, cells::text);
    let leader_id = get!(fk::LEADER_ID, cells::id_number);
    let leader_phone = get!(fk::LEADER_PHONE, cells::phone);
    let unit = get!(fk::UNIT, cells::text);
    let registered_at = get!(fk::REGISTERED_AT, |c| cells::datetime(c, d1904));
    let site_status = get!(fk::SITE_STATUS, cells::text);

    if project_no.is_none() && project_name.is_none() && entrant_name.is_none() {
        return None; // nothing identifies the row: a stray note, counted as skipped
    }

    let mut members: Vec<Person> = match values.get(fk::MEMBERS) {
        Some((c, cell)) if !cell.is_empty() => {
            let parsed = members::parse_cell(&cell.shown());
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
            // Taken, not copied: a later row of the same project is a duplicate and is left out (the
            // project's key stays, for the orphans check).
            project_no.as_ref().and_then(|no| members_by_no.get_mut(no)).map(std::mem::take).unwrap_or_default()
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

    if values.contains_key(fk::PROJECT_NO) && project_no.is_none() {
        let c = values.get(fk::PROJECT_NO).map(|(c, _)| *c);
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
    if group.is_none() && !values.get(fk::GROUP).map(|(_, c)| !c.is_empty()).unwrap_or(false) {
        let c = values.get(fk::GROUP).map(|(c, _)| *c);
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
        source: Source { file: file.to_string(), sheet: sheet.to_string(), row: r + 1 },
        extra,
    };
    let key = entry_key(&entry)?;
    for p in ctx.problems.iter_mut() {
        p.project_no = entry.project_no.clone();
    }
    let (data_json, hash) = data_and_hash(&entry, prep);
    let raw_json = serde_json::to_string(&stored_raw(&entry, layout, &raw)).unwrap_or_default();
    Some(ParsedRow { key, entry, raw_json, data_json, problems: ctx.problems, hash })
}

/// Cells far from the data block that the reader left out (SPEC §12): one warning each, named by
/// sheet and cell, so nothing is dropped silently.
pub fn stray_problems(file: &str, ignored: &[IgnoredCell], ignored_total: usize) -> Vec<Problem> {
    let mut out: Vec<Problem> = ignored
        .iter()
        .map(|c| Problem {
            file: file.to_string(),
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
    let more = ignored_total.saturating_sub(ignored.len());
    if more > 0 {
        out.push(Problem {
            file: file.to_string(),
            sheet: ignored.last().map(|c| c.sheet.clone()).unwrap_or_default(),
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

/// The layout of `wb` for an import: the automatic mapping, then the saved profile, then the user's
/// choices; refused when nothing identifies a project.
pub fn plan(
    wb: &Workbook,
    sheet: Option<&str>,
    profile: Option<&HashMap<String, Option<String>>>,
    choices: Option<&[MappingChoice]>,
) -> Result<Layout> {
    let mut layout = analyse(wb, sheet)?;
    if let Some(p) = profile {
        apply_profile(&mut layout.columns, p);
    }
    if let Some(choices) = choices {
        apply_choices(&mut layout.columns, choices)?;
    }
    if !layout.columns.iter().any(|c| matches!(c.field, Some("project_no" | "project_name"))) {
        return Err(CoreError::validation(
            Some("mapping"),
            format!("“{}”中没有对应到“项目编号”或“项目名称”的列，无法识别项目。请在预览中指定这两列中的至少一列。", wb.file),
        ));
    }
    Ok(layout)
}

/// Turns the rows of the chosen sheet, arriving one at a time in sheet order, into entries: empty,
/// notes and totals rows counted as skipped, a second row of the same project reported and left out.
/// Holds the members by project number and the keys seen, never the rows.
pub struct RowParser<'a> {
    file: &'a str,
    sheet: String,
    layout: Layout,
    prep: Prepared,
    d1904: bool,
    members_by_no: HashMap<String, Vec<Person>>,
    members_sheet: Option<String>,
    seen: HashMap<String, usize>,
    /// The next row number expected (0-based): rows that never arrive are empty rows, skipped.
    next: usize,
    pub skipped: usize,
    /// Why each skipped row was skipped (1-based row, reason), the first `SKIPPED_LISTED` of them:
    /// the import result explains every row it counts as skipped.
    skipped_why: Vec<SkippedRow>,
    file_problems: Vec<Problem>,
}

/// A row the import counted as skipped, and why (shown under 跳过的行).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct SkippedRow {
    /// 1-based, as Excel numbers rows.
    pub row: usize,
    pub reason: String,
}

/// How many skipped rows are listed one by one (the count covers all of them).
pub const SKIPPED_LISTED: usize = 200;

impl<'a> RowParser<'a> {
    /// `wb` holds at least the members sheet (the chosen sheet's rows may be absent: they stream).
    pub fn new(wb: &Workbook, layout: Layout, file: &'a str, sheet: &str, d1904: bool) -> Self {
        let members = read_members_sheet(wb, &layout);
        let members_sheet = layout.members.map(|(i, _, _)| wb.sheets[i].name.clone());
        Self::with_members(layout, file, sheet, d1904, members, members_sheet)
    }

    /// With the members sheet already staged (`MembersStage::finish`), named `members_sheet`.
    pub fn with_members(
        layout: Layout,
        file: &'a str,
        sheet: &str,
        d1904: bool,
        members: (HashMap<String, Vec<Person>>, Vec<Problem>),
        members_sheet: Option<String>,
    ) -> Self {
        let (members_by_no, file_problems) = members;
        let next = layout.header_row + 1;
        RowParser {
            file,
            sheet: sheet.to_string(),
            prep: Prepared::new(&layout),
            layout,
            d1904,
            members_by_no,
            members_sheet,
            seen: HashMap::new(),
            next,
            skipped: 0,
            skipped_why: Vec::new(),
            file_problems,
        }
    }

    /// One row (0-based `r`) of the sheet; rows up to the header are not data. None: skipped.
    pub fn row(&mut self, r: usize, row: &[Cell]) -> Option<ParsedRow> {
        if r < self.next {
            return None;
        }
        for gap in self.next..r {
            self.skip(gap, "空行".into());
        }
        self.next = r + 1;
        let parsed = if row.iter().all(Cell::is_empty) {
            self.skip(r, "空行".into());
            None
        } else if is_skippable(row) {
            let first = row.iter().find(|c| !c.is_empty()).map(|c| c.shown()).unwrap_or_default();
            let shown: String = first.chars().take(20).collect();
            let more = if first.chars().count() > 20 { "…" } else { "" };
            self.skip(r, format!("说明或合计行（“{shown}{more}”），不是报名项目"));
            None
        } else {
            let p = parse_row(self, r, row);
            if p.is_none() {
                self.skip(r, "没有项目编号、项目名称和参赛主体名称，无法识别为报名项目".into());
            }
            p
        };
        let parsed = parsed?;
        if let Some(first) = self.seen.get(&parsed.key).copied() {
            self.skip(r, format!("与第 {first} 行是同一个项目，未重复导入（见问题清单）"));
            self.file_problems.push(Problem {
                file: self.file.to_string(),
                sheet: self.sheet.clone(),
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
            return None;
        }
        self.seen.insert(parsed.key.clone(), r + 1);
        Some(parsed)
    }

    /// Counts one skipped row (0-based `r`) and keeps why, for the first `SKIPPED_LISTED`.
    fn skip(&mut self, r: usize, reason: String) {
        self.skipped += 1;
        if self.skipped_why.len() < SKIPPED_LISTED {
            self.skipped_why.push(SkippedRow { row: r + 1, reason });
        }
    }

    /// Why the rows skipped so far were skipped (the first `SKIPPED_LISTED`), in sheet order.
    pub fn skipped_rows(&self) -> &[SkippedRow] {
        &self.skipped_why
    }

    /// The problems of the file as a whole (duplicates, members of unknown projects, then `strays`),
    /// and the rows skipped.
    pub fn finish(mut self, strays: Vec<Problem>) -> (Vec<Problem>, usize) {
        for no in self.members_by_no.keys().filter(|no| !self.seen.contains_key(&format!("no:{no}"))) {
            if let Some(sheet) = &self.members_sheet {
                self.file_problems.push(Problem {
                    file: self.file.to_string(),
                    sheet: sheet.clone(),
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
        self.file_problems.sort_by(|a, b| a.row.cmp(&b.row).then_with(|| a.project_no.cmp(&b.project_no)));
        self.file_problems.extend(strays);
        (self.file_problems, self.skipped)
    }
}

/// The text an entry holds for a canonical field, when the field is text kept as such.
pub fn text_field<'e>(e: &'e Entry, key: &str) -> Option<&'e str> {
    let leader = e.leader.as_ref();
    match key {
        "project_no" => e.project_no.as_deref(),
        "project_name" => e.project_name.as_deref(),
        "field" => e.field.as_deref(),
        "entrant_name" => e.entrant_name.as_deref(),
        "credit_code" => e.credit_code.as_deref(),
        "address" => e.address.as_deref(),
        "county" => e.county.as_deref(),
        "industry" => e.industry.as_deref(),
        "ip_summary" => e.ip_summary.as_deref(),
        "ip_holder" => e.ip_holder.as_deref(),
        "unit" => e.unit.as_deref(),
        "site_status" => e.site_status.as_deref(),
        "leader_name" => leader.and_then(|l| l.name.as_deref()),
        "leader_id" => leader.and_then(|l| l.id_number.as_deref()),
        "leader_phone" => leader.and_then(|l| l.phone.as_deref()),
        _ => None,
    }
}

/// The name a cell of column `i` is kept under in `extra` when its column is not mapped.
pub fn extra_name(header: Option<&str>, i: usize) -> String {
    match header.filter(|h| !h.is_empty()) {
        Some(h) => h.to_string(),
        None => format!("{}列", column_letter(i)),
    }
}

/// The source row as stored beside the entry: each entry is stored once, so a cell whose text the
/// entry already holds unchanged (a text field, or an unmapped cell in `extra`) is stored as null and
/// put back by `raw_cells`; every other cell is stored as shown.
fn stored_raw<'r>(e: &Entry, layout: &Layout, raw: &'r [Cow<'r, str>]) -> Vec<Option<&'r str>> {
    raw.iter()
        .enumerate()
        .map(|(i, shown)| {
            let shown: &str = shown;
            if shown.is_empty() {
                return Some(shown);
            }
            let col = layout.columns.get(i).filter(|c| c.index == i);
            let held = match col.and_then(|c| c.field) {
                Some(f) => text_field(e, f),
                None => match col.map(|c| c.header.as_str()).filter(|h| !h.is_empty()) {
                    // As `extra_name`, without building the name when it is the header.
                    Some(h) => e.extra.get(h).map(String::as_str),
                    None => e.extra.get(&extra_name(None, i)).map(String::as_str),
                },
            };
            if held == Some(shown) {
                None
            } else {
                Some(shown)
            }
        })
        .collect()
}

/// The source row as shown, from what `stored_raw` kept, the entry, and its import's headers and
/// mapping (`fields[i]`: the field column i was mapped to). Rows stored whole (before this) read as they are.
pub fn raw_cells(e: &Entry, stored: Vec<Option<String>>, headers: &[String], fields: &[Option<String>]) -> Vec<String> {
    stored
        .into_iter()
        .enumerate()
        .map(|(i, v)| match v {
            Some(v) => v,
            None => {
                let held = match fields.get(i).and_then(|f| f.as_deref()) {
                    Some(f) => text_field(e, f),
                    None => e.extra.get(&extra_name(headers.get(i).map(String::as_str), i)).map(String::as_str),
                };
                held.unwrap_or_default().to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::workbook::Sheet;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// The stored JSON and the content hash come from one serialisation; they are what the definitions
    /// (`serde_json` of the entry, `content_hash`) give, with position columns, an unmapped column,
    /// cells past the header, and text that looks like the JSON being cut.
    #[test]
    fn stored_json_and_hash_are_the_defined_ones() {
        let header = ["序号", "项目编号", "项目名称", "企业名称", "统一社会信用代码", "备注", "No.", ""];
        let rows = vec![
            header.iter().map(|h| if h.is_empty() { Cell::Empty } else { t(h) }).collect(),
            vec![Cell::Number(1.0), t("CZ-1"), t(r#"名称,"source":{"file":"x"}"#), t("长治市甲有限公司"), t("91140403MA0K7Q2D3L"), t("备注"), t("7")],
            vec![Cell::Number(2.0), t("CZ-2"), t("乙"), t("长治市乙有限公司"), Cell::Empty, Cell::Empty, Cell::Empty, t("H 列"), t("过宽")],
            vec![Cell::Empty, t("CZ-3"), t("丙\"引号\"\n换行"), t(",\"source\":{"), t("9114"), t("x"), Cell::Number(3.5)],
            vec![Cell::Number(4.0), t("CZ-4"), t("丁")],
        ];
        let wb = Workbook {
            file: "t.xlsx".into(),
            sheets: vec![Sheet { name: "报名表".into(), rows: rows.clone() }],
            date1904: false,
            ignored: Vec::new(),
            ignored_total: 0,
            sha256: String::new(),
        };
        let layout = plan(&wb, None, None, None).unwrap();
        let mut parser = RowParser::new(&wb, layout, "t.xlsx", "报名表", false);
        let mut seen = 0;
        for (r, row) in rows.iter().enumerate() {
            let Some(p) = parser.row(r, row) else { continue };
            seen += 1;
            assert_eq!(p.data_json, serde_json::to_string(&p.entry).unwrap());
            let mut e = p.entry.clone();
            assert_eq!(p.hash, content_hash(&mut e), "row {r}: {}", p.data_json);
        }
        assert_eq!(seen, 4);
        // Position columns are not content: the same entry with another 序号 hashes the same.
        let a = parser.row(10, &[Cell::Number(9.0), t("CZ-9"), t("戊")]).unwrap();
        let b = RowParser::new(&wb, plan(&wb, None, None, None).unwrap(), "t.xlsx", "报名表", false)
            .row(11, &[Cell::Number(10.0), t("CZ-9"), t("戊")])
            .unwrap();
        assert_eq!(a.hash, b.hash);
        assert_ne!(a.data_json, b.data_json);
    }

    /// Every field a column can be mapped to has its slot (a mapped cell is never dropped unread).
    #[test]
    fn hashes_print_as_32_hex_digits() {
        for h in [0u128, 1, 0xabc, u128::MAX, 0x0123_4567_89ab_cdef_fedc_ba98_7654_3210] {
            assert_eq!(hex32(h), format!("{h:032x}"));
        }
    }

    #[test]
    fn every_field_has_a_slot() {
        let mut defined: Vec<&str> = fields::FIELDS.iter().map(|d| d.key).collect();
        let mut slots = FIELDS.to_vec();
        defined.sort_unstable();
        slots.sort_unstable();
        assert_eq!(defined, slots);
    }

    #[test]
    fn notes_and_totals_rows_are_skipped_ascii_rows_are_not() {
        assert!(is_skippable(&[Cell::Empty, t(" 合计")]));
        assert!(is_skippable(&[t("注：数据截至 7 月")]));
        assert!(is_skippable(&[t("注")]));
        assert!(!is_skippable(&[t("CZ2026-00001"), t("合计")]));
        assert!(!is_skippable(&[Cell::Number(1.0), t("合计")]));
        assert!(!is_skippable(&[t("Note: totals")]));
    }
}
