//! Printable PDFs with the embedded CJK font (subset on save, text selectable and extractable).
//!
//! - `layout`: the toolkit: text, centring, widths, CJK wrapping, ruled tables that repeat their header
//!   row on every page, "第 x 页 / 共 y 页", A4 portrait/landscape
//! - `score_sheet`: per-judge score sheets for one round and panel
//! - `order_sheet`: the roadshow order drawn by lot, with the seed and signature lines
//! - `qr`: QR codes of judges' phone-scoring addresses
//! - `table_document`: a generic printable list (公示名单, recommendation list, …)
//!
//! The input types carry only what is printed: project numbers and names, entrants, judges' names.
//! No ID numbers or phone numbers ever reach these documents.
pub mod layout;
pub mod qr;

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
pub use layout::{missing_glyphs, Align, Column, Document, Metrics, Paper, TableStyle, MARGIN};

/// One criterion of a score sheet and its maximum points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub max_points: u32,
}

/// A project as it appears on a score or order sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetEntry {
    pub project_no: String,
    pub project_name: String,
    /// Judges with a confirmed 回避 for this project: their sheets print the row crossed out and marked 回避.
    #[serde(default)]
    pub recused: Vec<String>,
}

/// One group (企业组/创业组) judged by the panel: its criteria and projects in sheet order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetGroup {
    pub group_label: String,
    /// Empty: only a 总分 column is printed.
    pub criteria: Vec<Criterion>,
    pub entries: Vec<SheetEntry>,
}

/// Score sheets of one round and panel: every judge gets a sheet for every group with projects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreSheetDoc {
    pub contest_title: String,
    /// 初赛 / 决赛
    pub round_label: String,
    /// 评审组
    pub panel_name: String,
    pub judges: Vec<String>,
    pub groups: Vec<SheetGroup>,
    /// Judges' phone-scoring addresses while the round's phone scoring is open: each of these judges'
    /// pages carries its QR code and the address (SPEC §12).
    #[serde(default)]
    pub phone_links: Vec<PhoneLink>,
}

/// A judge's own phone-scoring address (it carries the judge's token: printed on that judge's pages only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneLink {
    pub judge: String,
    pub url: String,
}

/// One line of the roadshow order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderEntry {
    pub order: u32,
    pub project_no: String,
    pub project_name: String,
    /// 参赛主体: the company or team.
    pub entrant: String,
}

/// The roadshow order of one group in one round, as drawn by lot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderSheetDoc {
    pub contest_title: String,
    pub round_label: String,
    pub group_label: String,
    /// The recorded seed, so anyone can reproduce the draw.
    pub seed: String,
    /// When the lot was drawn, as it should be printed (e.g. "2026-09-12 09:30").
    pub drawn_at: String,
    /// In order of appearance.
    pub entries: Vec<OrderEntry>,
}

const TITLE_PT: f32 = 16.0;
const SUBTITLE_PT: f32 = 14.0;
const INFO_PT: f32 = 10.5;
/// A judge's phone-scoring QR code on a score sheet, quiet zone included (a version-4 code: ~0.6 mm modules).
const QR_SIDE: f32 = 26.0;

/// Title, subtitle and an info line at the top of a page; returns where the body starts.
fn heading(doc: &mut Document, title: &str, subtitle: &str, info_left: &str, info_right: &str) -> Result<f32> {
    heading_beside(doc, title, subtitle, info_left, info_right, 0.0)
}

/// `heading` leaving `reserve` mm free at the top right (a QR code): the centred lines keep off both
/// sides by that much, the info line's right part ends before it.
fn heading_beside(doc: &mut Document, title: &str, subtitle: &str, info_left: &str, info_right: &str, reserve: f32) -> Result<f32> {
    let paper = doc.paper();
    let text_w = paper.width() - 2.0 * MARGIN;
    let (centre_x, centre_w) = (MARGIN + reserve, text_w - 2.0 * reserve);
    // A long title wraps rather than running off the page.
    let mut y = 12.0;
    y += doc.paragraph(centre_x, y, centre_w, TITLE_PT, Align::Center, title)?;
    if !subtitle.is_empty() {
        y += 1.5;
        y += doc.paragraph(centre_x, y, centre_w, SUBTITLE_PT, Align::Center, subtitle)?;
    }
    if !info_left.is_empty() || !info_right.is_empty() {
        y += 2.0;
        let info_w = text_w - reserve;
        let right_w = doc.metrics().text_width(info_right, INFO_PT);
        let h_left = doc.paragraph(MARGIN, y, info_w - right_w - 4.0, INFO_PT, Align::Left, info_left)?;
        doc.paragraph(MARGIN, y, info_w, INFO_PT, Align::Right, info_right)?;
        y += h_left;
    }
    Ok(y + 2.0)
}

/// "label：________" with a drawn line; returns the x after it.
fn signature(doc: &mut Document, x: f32, y: f32, label: &str, line_w: f32) -> Result<f32> {
    doc.text(x, y, 11.0, label)?;
    let lx = x + doc.metrics().text_width(label, 11.0) + 1.0;
    doc.line(lx, y + 1.0, lx + line_w, y + 1.0, 0.6)?;
    Ok(lx + line_w + 8.0)
}

fn require(text: &str, what: &str) -> Result<()> {
    if text.trim().is_empty() {
        return Err(CoreError::validation(None, format!("{what}不能为空")));
    }
    Ok(())
}

/// Per-judge printable score sheets (A4 landscape). For each judge, for each group with projects, one
/// or more pages: heading, a table with one column per criterion and its maximum, 总分 and 备注, an
/// instruction line and 评委签字/日期 on every page (loose pages stay attributable). Page numbers count
/// within one judge's sheet for one group. A project the judge has a confirmed 回避 for is printed
/// with its score cells crossed out ("／") and 回避 in the 总分 and 备注 cells.
pub fn score_sheet(input: &ScoreSheetDoc) -> Result<Vec<u8>> {
    score_sheets(std::slice::from_ref(input))
}

/// Several panels' score sheets in one PDF, one after the other (每个评审组依次排列).
pub fn score_sheets(inputs: &[ScoreSheetDoc]) -> Result<Vec<u8>> {
    let first = inputs.first().ok_or_else(|| CoreError::precondition("没有要打印的评分表"))?;
    for input in inputs {
        check_sheet(input)?;
    }
    let title = format!("{}{}评分表", first.contest_title, first.round_label);
    let mut doc = Document::new(&title)?;
    for input in inputs {
        add_score_sheet(&mut doc, input)?;
    }
    doc.finish()
}

fn check_sheet(input: &ScoreSheetDoc) -> Result<()> {
    require(&input.contest_title, "大赛名称")?;
    require(&input.round_label, "轮次")?;
    if input.judges.is_empty() {
        return Err(CoreError::precondition(format!("评审组“{}”还没有评委，无法生成评分表", input.panel_name)));
    }
    for j in &input.judges {
        require(j, "评委姓名")?;
    }
    let groups: Vec<&SheetGroup> = input.groups.iter().filter(|g| !g.entries.is_empty()).collect();
    if groups.is_empty() {
        return Err(CoreError::precondition(format!("评审组“{}”没有待评审的项目，无法生成评分表", input.panel_name)));
    }
    for g in &groups {
        require(&g.group_label, "组别")?;
        for c in &g.criteria {
            require(&c.name, "评分项名称")?;
            if c.max_points == 0 {
                return Err(CoreError::validation(None, format!("{}评分项“{}”的满分必须大于 0", g.group_label, c.name)));
            }
        }
    }
    Ok(())
}

fn add_score_sheet(doc: &mut Document, input: &ScoreSheetDoc) -> Result<()> {
    let groups: Vec<&SheetGroup> = input.groups.iter().filter(|g| !g.entries.is_empty()).collect();
    let paper = Paper::A4Landscape;
    let sign_y = paper.height() - 16.0;
    let note_y = sign_y - 8.0;
    let style = TableStyle { size: 10.0, header_size: 9.5, pad: 1.5, min_row: 10.0, bottom: note_y - 6.0 };

    for judge in &input.judges {
        for g in &groups {
            let columns = score_columns(g, paper)?;
            let rows: Vec<Vec<String>> = g
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let mut r = vec![(i + 1).to_string(), e.project_no.clone(), e.project_name.clone()];
                    if e.recused.iter().any(|j| j == judge) {
                        r.extend(std::iter::repeat_n("／".to_string(), g.criteria.len()));
                        r.push("回避".into());
                        r.push("已确认回避，不打分".into());
                    } else {
                        r.extend(std::iter::repeat_n(String::new(), g.criteria.len() + 2));
                    }
                    r
                })
                .collect();
            let subtitle = format!("{}评分表", input.round_label);
            let info = format!("评审组：{}　　组别：{}　　评委：{}", input.panel_name, g.group_label, judge);
            let count = format!("共 {} 个项目", g.entries.len());
            let link = input.phone_links.iter().find(|l| &l.judge == judge);
            let mut page = |doc: &mut Document| -> Result<f32> {
                doc.new_page(paper);
                let y = match link {
                    None => heading(doc, &input.contest_title, &subtitle, &info, &count)?,
                    Some(l) => {
                        // Top right: this judge's code (scanned with the phone's camera), its caption under it,
                        // and the address on the signature line for a phone that cannot scan.
                        let qx = paper.width() - MARGIN - QR_SIDE;
                        doc.qr(qx, 5.0, QR_SIDE, &l.url)?;
                        doc.text_in(qx, QR_SIDE, 5.0 + QR_SIDE + 2.5, 8.0, Align::Center, "手机扫码评分")?;
                        let y = heading_beside(doc, &input.contest_title, &subtitle, &info, &count, QR_SIDE + 2.0)?;
                        doc.text_in(MARGIN, paper.width() - 2.0 * MARGIN, sign_y, 8.0, Align::Right, &format!("手机评分网址：{}", l.url))?;
                        y.max(5.0 + QR_SIDE + 5.0)
                    }
                };
                doc.text(
                    MARGIN,
                    note_y,
                    9.0,
                    "说明：各项得分不得超过该项满分，总分为各项得分之和；与项目有利害关系需回避的，请在备注栏注明“回避”，不打分。",
                )?;
                let x = signature(doc, MARGIN, sign_y, "评委签字：", 60.0)?;
                signature(doc, x + 20.0, sign_y, "日期：", 45.0)?;
                Ok(y)
            };
            doc.start_section(&format!("评委：{judge}　{}", g.group_label));
            let y = page(doc)?;
            let x = (paper.width() - columns.iter().map(|c| c.width).sum::<f32>()) / 2.0;
            doc.table(x, y, &columns, &rows, &style, &mut page)?;
        }
    }
    Ok(())
}

/// Columns of a score sheet: fixed columns, criteria sharing the width with the project name.
fn score_columns(g: &SheetGroup, paper: Paper) -> Result<Vec<Column>> {
    let text_w = paper.width() - 2.0 * MARGIN;
    let (no_w, code_w, total_w, note_w) = (11.0, 30.0, 20.0, 30.0);
    let flexible = text_w - no_w - code_w - total_w - note_w;
    let min_name = 56.0;
    let n = g.criteria.len() as f32;
    let crit_w = if n > 0.0 { ((flexible - min_name) / n).min(24.0) } else { 0.0 };
    if n > 0.0 && crit_w < 14.0 {
        return Err(CoreError::validation(
            None,
            format!("{}有 {} 个评分项，一页横向 A4 放不下；请合并评分项后再打印", g.group_label, g.criteria.len()),
        ));
    }
    let mut cols = vec![
        Column::new("序号", no_w, Align::Center),
        Column::new("项目编号", code_w, Align::Center),
        Column::new("项目名称", flexible - n * crit_w, Align::Left),
    ];
    for c in &g.criteria {
        // The maximum on its own line: "（30分）" must not be split across lines.
        cols.push(Column::new(&format!("{}\n（{}分）", c.name, c.max_points), crit_w, Align::Center));
    }
    let total: u32 = g.criteria.iter().map(|c| c.max_points).sum();
    let total_title = if g.criteria.is_empty() { "总分".to_string() } else { format!("总分\n（{total}分）") };
    cols.push(Column::new(&total_title, total_w, Align::Center));
    cols.push(Column::new("备注（回避请注明）", note_w, Align::Left));
    Ok(cols)
}

/// The roadshow order sheet (A4 portrait): heading with the draw's seed and time, the order table, and
/// the signature lines of the draw's supervisor and the notary below the table.
pub fn order_sheet(input: &OrderSheetDoc) -> Result<Vec<u8>> {
    require(&input.contest_title, "大赛名称")?;
    require(&input.round_label, "轮次")?;
    require(&input.group_label, "组别")?;
    require(&input.seed, "抽签种子")?;
    if input.entries.is_empty() {
        return Err(CoreError::precondition(format!("{}还没有抽签结果，无法生成出场顺序表", input.group_label)));
    }
    let paper = Paper::A4Portrait;
    let subtitle = format!("{}路演出场顺序（{}）", input.round_label, input.group_label);
    let info = format!("抽签种子：{}　　抽签时间：{}", input.seed, input.drawn_at);
    let count = format!("共 {} 个项目", input.entries.len());
    let mut doc = Document::new(&format!("{}{}", input.contest_title, subtitle))?;
    let style = TableStyle { size: 10.5, header_size: 10.0, pad: 1.8, min_row: 9.0, bottom: paper.height() - 20.0 };
    let mut page = |doc: &mut Document| -> Result<f32> {
        doc.new_page(paper);
        heading(doc, &input.contest_title, &subtitle, &info, &count)
    };
    let columns = [
        Column::new("出场顺序", 20.0, Align::Center),
        Column::new("项目编号", 30.0, Align::Center),
        Column::new("项目名称", 68.0, Align::Left),
        Column::new("参赛主体", 62.0, Align::Left),
    ];
    let rows: Vec<Vec<String>> =
        input.entries.iter().map(|e| vec![e.order.to_string(), e.project_no.clone(), e.project_name.clone(), e.entrant.clone()]).collect();
    let y = page(&mut doc)?;
    let mut y = doc.table(MARGIN, y, &columns, &rows, &style, &mut page)?;
    // The signatures belong under the last row; move them to a new page rather than squeeze them.
    if y + 24.0 > style.bottom {
        y = page(&mut doc)?;
    }
    let sy = y + 16.0;
    let x = signature(&mut doc, MARGIN, sy, "抽签监督人：", 45.0)?;
    signature(&mut doc, x + 4.0, sy, "公证员：", 45.0)?;
    doc.finish()
}

/// A generic printable list: title, optional subtitle, a ruled table whose header repeats on every
/// page, page numbers. `columns` are (header, width in mm); narrow columns (序号) are centred.
pub fn table_document(title: &str, subtitle: &str, columns: &[(&str, f32)], rows: &[Vec<String>], landscape: bool) -> Result<Vec<u8>> {
    require(title, "标题")?;
    if columns.is_empty() {
        return Err(CoreError::validation(None, "表格没有任何列"));
    }
    let paper = if landscape { Paper::A4Landscape } else { Paper::A4Portrait };
    let text_w = paper.width() - 2.0 * MARGIN;
    let total: f32 = columns.iter().map(|c| c.1).sum();
    // NaN fails every comparison, so `<= 0.0` alone would let it through.
    if columns.iter().any(|c| c.1.is_nan() || c.1 <= 0.0) || total > text_w + 0.5 {
        return Err(CoreError::validation(
            None,
            format!("列宽合计 {total:.0} 毫米，超出纸张可用宽度 {text_w:.0} 毫米（或有列宽不大于 0）；请调整列宽或改用横向纸张"),
        ));
    }
    let cols: Vec<Column> = columns.iter().map(|(t, w)| Column::new(t, *w, if *w < 16.0 { Align::Center } else { Align::Left })).collect();
    let mut doc = Document::new(title)?;
    let style = TableStyle { size: 10.0, header_size: 10.0, pad: 1.6, min_row: 7.5, bottom: paper.height() - 18.0 };
    let mut page = |doc: &mut Document| -> Result<f32> {
        doc.new_page(paper);
        heading(doc, title, subtitle, "", "")
    };
    let y = page(&mut doc)?;
    doc.table((paper.width() - total) / 2.0, y, &cols, rows, &style, &mut page)?;
    doc.finish()
}
