//! A small layout toolkit over printpdf 0.12: one embedded CJK font, text placed by hand, ruled tables
//! that break across pages, and page numbers. Coordinates are millimetres from the TOP-LEFT corner of
//! the page (y grows downwards), the way people measure paper; font sizes are points.
//! printpdf traps this avoids (TECH.md §6): `Td` is relative inside one text section, so every line
//! gets its own `BT … ET`; a `Rect` needs an explicit paint mode or it paints nothing.
use std::sync::OnceLock;

use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point,
    Pt, Rect, Rgb, TextItem,
};

use crate::error::{CoreError, Result};

/// Noto Serif SC Regular (OFL 1.1, see assets/fonts/README.md). Only the glyphs a document uses are
/// embedded: printpdf subsets it when saving (feature `text_layout`).
pub static FONT_BYTES: &[u8] = include_bytes!("../../../../assets/fonts/NotoSerifSC-Regular.ttf");

/// Parsing the 15 MB font takes a noticeable moment, and one PDF per certificate means many documents,
/// so it is parsed once per process and cloned into each document.
fn parsed_font() -> Result<&'static ParsedFont> {
    static FONT: OnceLock<Option<ParsedFont>> = OnceLock::new();
    FONT.get_or_init(|| ParsedFont::from_bytes(FONT_BYTES, 0, &mut Vec::new())).as_ref().ok_or_else(|| CoreError::Pdf("内置字体无法解析".into()))
}

/// The characters of `text` the embedded font has no glyph for, each once, in order of appearance.
/// Such a character prints as a blank (a rare character in a name, an emoji pasted into a project name),
/// so documents that must be right (certificates) check their texts before printing.
pub fn missing_glyphs(text: &str) -> Result<Vec<char>> {
    let font = parsed_font()?;
    let mut out = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || out.contains(&c) {
            continue;
        }
        if font.lookup_glyph_index(c as u32).is_none_or(|g| g == 0) {
            out.push(c);
        }
    }
    Ok(out)
}

const MM_PER_PT: f32 = 25.4 / 72.0;

/// Paper size and orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A4Portrait,
    A4Landscape,
}

impl Paper {
    /// (width, height) in mm.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4Portrait => (210.0, 297.0),
            Paper::A4Landscape => (297.0, 210.0),
        }
    }
    pub fn width(self) -> f32 {
        self.size_mm().0
    }
    pub fn height(self) -> f32 {
        self.size_mm().1
    }
}

/// Horizontal alignment of text in a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// Font metrics of the embedded font: widths and line wrapping.
pub struct Metrics {
    font: &'static ParsedFont,
    units_per_em: f32,
}

impl Metrics {
    pub fn load() -> Result<Metrics> {
        let font = parsed_font()?;
        let upem = font.font_metrics.units_per_em as f32;
        if upem <= 0.0 {
            return Err(CoreError::Pdf("内置字体缺少 units-per-em".into()));
        }
        Ok(Metrics { font, units_per_em: upem })
    }

    /// Advance of one character in em. A character the font lacks prints as an empty box; count it as
    /// wide as an ideograph so layout stays safe.
    fn advance_em(&self, c: char) -> f32 {
        match self.font.lookup_glyph_index(c as u32) {
            Some(g) if g != 0 => self.font.get_horizontal_advance(g) as f32 / self.units_per_em,
            _ => 1.0,
        }
    }

    /// True when every character of `text` has a glyph in the embedded font (spaces and controls count).
    pub fn covers(&self, text: &str) -> bool {
        text.chars().filter(|c| !c.is_whitespace()).all(|c| self.font.lookup_glyph_index(c as u32).is_some_and(|g| g != 0))
    }

    /// Width of `text` at `size` pt, in mm.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance_em(c)).sum::<f32>() * size * MM_PER_PT
    }

    /// Breaks `text` into lines no wider than `width` mm at `size` pt. CJK text breaks between any two
    /// characters; runs of Latin letters/digits (project numbers, English words) stay whole unless they
    /// are wider than a line; closing punctuation never starts a line and opening punctuation never
    /// ends one. `\n` forces a break. Always returns at least one line.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut out = Vec::new();
        for para in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0f32;
            for token in tokens(para) {
                let tw = self.text_width(&token, size);
                if line_w + tw <= width + 1e-3 {
                    line.push_str(&token);
                    line_w += tw;
                    continue;
                }
                if !line.is_empty() {
                    out.push(std::mem::take(&mut line).trim_end().to_string());
                    line_w = 0.0;
                }
                let token = token.trim_start();
                // A token wider than a whole line (a long number, a URL) is cut by character.
                for c in token.chars() {
                    let cw = self.text_width(c.encode_utf8(&mut [0; 4]), size);
                    if line_w + cw > width + 1e-3 && !line.is_empty() {
                        out.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
            out.push(line.trim_end().to_string());
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/' | '%' | '@' | '+' | '#' | '&')
}
fn is_closing(c: char) -> bool {
    "，。、；：？！）》」』】〕”’…—·,.;:?!)]}%".contains(c)
}
fn is_opening(c: char) -> bool {
    "（《「『【〔“‘([{".contains(c)
}

/// Unbreakable pieces of a paragraph: a Latin word, or one character with its attached punctuation.
fn tokens(para: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut pending_open = String::new();
    let mut chars = para.chars().map(|c| if c.is_control() { ' ' } else { c }).peekable();
    while let Some(c) = chars.next() {
        if is_closing(c) && pending_open.is_empty() {
            if let Some(last) = out.last_mut() {
                last.push(c);
                continue;
            }
        }
        if is_opening(c) {
            pending_open.push(c);
            continue;
        }
        let mut tok = std::mem::take(&mut pending_open);
        tok.push(c);
        if is_word_char(c) {
            while let Some(&n) = chars.peek() {
                if !is_word_char(n) {
                    break;
                }
                tok.push(n);
                chars.next();
            }
        }
        out.push(tok);
    }
    if !pending_open.is_empty() {
        out.push(pending_open);
    }
    out
}

/// Ratio of a CJK glyph's ascent to the font size: puts the baseline so the glyph sits in its line box.
const ASCENT: f32 = 0.88;

struct PageDraft {
    paper: Paper,
    ops: Vec<Op>,
    section: usize,
}

/// A document under construction: pages, the font, sections for page numbering.
pub struct Document {
    title: String,
    metrics: Metrics,
    font_id: FontId,
    doc: PdfDocument,
    pages: Vec<PageDraft>,
    /// Footer label per section ("评委：张三　企业组"); page numbers count within a section.
    sections: Vec<String>,
    /// Footers with page numbers; a certificate must not carry one.
    page_numbers: bool,
}

impl Document {
    pub fn new(title: &str) -> Result<Document> {
        let metrics = Metrics::load()?;
        let mut doc = PdfDocument::new(title);
        doc.metadata.info.creator = "创客大赛秘书处".into();
        doc.metadata.info.producer = "创客大赛秘书处".into();
        let font_id = doc.add_font(metrics.font);
        Ok(Document { title: title.to_string(), metrics, font_id, doc, pages: Vec::new(), sections: Vec::new(), page_numbers: true })
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// Turns the "第 x 页 / 共 y 页" footers off (certificates) or on (the default).
    pub fn set_page_numbers(&mut self, on: bool) {
        self.page_numbers = on;
    }

    /// Raw drawing operations on the newest page (colours, images), for what the helpers here lack.
    pub fn push_ops(&mut self, ops: impl IntoIterator<Item = Op>) -> Result<()> {
        self.current()?.ops.extend(ops);
        Ok(())
    }

    /// The underlying printpdf document, to register resources such as images.
    pub fn pdf_mut(&mut self) -> &mut PdfDocument {
        &mut self.doc
    }

    /// Starts a new run of pages numbered from 1, with `label` printed in the footer (may be empty).
    pub fn start_section(&mut self, label: &str) {
        self.sections.push(label.to_string());
    }

    /// Adds a blank page; drawing goes to the newest page.
    pub fn new_page(&mut self, paper: Paper) {
        if self.sections.is_empty() {
            self.sections.push(String::new());
        }
        let section = self.sections.len() - 1;
        self.pages.push(PageDraft { paper, ops: Vec::new(), section });
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn current(&mut self) -> Result<&mut PageDraft> {
        self.pages.last_mut().ok_or_else(|| CoreError::Pdf("尚未创建页面".into()))
    }

    /// The paper of the newest page.
    pub fn paper(&self) -> Paper {
        self.pages.last().map(|p| p.paper).unwrap_or(Paper::A4Portrait)
    }

    /// Text with its baseline-left at (x, y) mm.
    pub fn text(&mut self, x: f32, y: f32, size: f32, text: &str) -> Result<()> {
        let font = self.font_id.clone();
        let page = self.current()?;
        let h = page.paper.height();
        page.ops.extend([
            Op::StartTextSection,
            Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) },
            Op::SetTextCursor { pos: Point::new(Mm(x), Mm(h - y)) },
            Op::ShowText { items: vec![TextItem::Text(clean(text))] },
            Op::EndTextSection,
        ]);
        Ok(())
    }

    /// Text aligned in the horizontal span [x, x + width] with its baseline at y.
    pub fn text_in(&mut self, x: f32, width: f32, y: f32, size: f32, align: Align, text: &str) -> Result<()> {
        let w = self.metrics.text_width(text, size);
        let left = match align {
            Align::Left => x,
            Align::Center => x + (width - w) / 2.0,
            Align::Right => x + width - w,
        };
        self.text(left, y, size, text)
    }

    /// Text centred on the page width with its baseline at y.
    pub fn text_centered(&mut self, y: f32, size: f32, text: &str) -> Result<()> {
        let w = self.paper().width();
        self.text_in(0.0, w, y, size, Align::Center, text)
    }

    /// A straight line from (x1, y1) to (x2, y2), `thickness` pt.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, thickness: f32) -> Result<()> {
        let page = self.current()?;
        let h = page.paper.height();
        let p = |x: f32, y: f32| LinePoint { p: Point::new(Mm(x), Mm(h - y)), bezier: false };
        page.ops.extend([
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine { line: Line { points: vec![p(x1, y1), p(x2, y2)], is_closed: false } },
        ]);
        Ok(())
    }

    /// A rectangle with its top-left at (x, y): stroked, or filled with a grey level (0 black – 1 white).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill_grey: Option<f32>) -> Result<()> {
        let page = self.current()?;
        let ph = page.paper.height();
        let mut r = Rect::from_xywh(Mm(x).into(), Mm(ph - y - h).into(), Mm(w).into(), Mm(h).into());
        match fill_grey {
            Some(g) => {
                r.mode = Some(PaintMode::Fill);
                page.ops.extend([
                    Op::SaveGraphicsState,
                    Op::SetFillColor { col: Color::Rgb(Rgb::new(g, g, g, None)) },
                    Op::DrawRectangle { rectangle: r },
                    Op::RestoreGraphicsState,
                ]);
            }
            None => {
                r.mode = Some(PaintMode::Stroke);
                page.ops.push(Op::DrawRectangle { rectangle: r });
            }
        }
        Ok(())
    }

    /// A QR code of `text`, `side` mm square (quiet zone included) with its top-left at (x, y).
    pub fn qr(&mut self, x: f32, y: f32, side: f32, text: &str) -> Result<()> {
        let code = super::qr::encode(text)?;
        // Four light modules around the code, as the standard asks, so a scanner finds its edges.
        let m = side / (code.size + 8) as f32;
        for (r, c, n) in code.runs() {
            self.rect(x + (c + 4) as f32 * m, y + (r + 4) as f32 * m, n as f32 * m, m, Some(0.0))?;
        }
        Ok(())
    }

    /// Wrapped text in a box of `width` mm starting at top `y`; returns the height used.
    pub fn paragraph(&mut self, x: f32, y: f32, width: f32, size: f32, align: Align, text: &str) -> Result<f32> {
        let lh = line_height(size);
        let lines = self.metrics.wrap(text, size, width);
        for (i, l) in lines.iter().enumerate() {
            self.text_in(x, width, y + i as f32 * lh + size * MM_PER_PT * ASCENT, size, align, l)?;
        }
        Ok(lines.len() as f32 * lh)
    }

    /// Adds the footers ("第 x 页 / 共 y 页", numbered within each section) and serialises the PDF.
    pub fn finish(mut self) -> Result<Vec<u8>> {
        if self.pages.is_empty() {
            return Err(CoreError::Pdf(format!("“{}”没有任何页面", self.title)));
        }
        let mut totals = vec![0usize; self.sections.len()];
        for p in &self.pages {
            totals[p.section] += 1;
        }
        let mut seen = vec![0usize; self.sections.len()];
        let drafts = std::mem::take(&mut self.pages);
        let mut pages = Vec::with_capacity(drafts.len());
        for draft in drafts {
            seen[draft.section] += 1;
            let (w, h) = draft.paper.size_mm();
            let footer = format!("第 {} 页 / 共 {} 页", seen[draft.section], totals[draft.section]);
            let label = self.sections[draft.section].clone();
            self.pages.push(draft);
            let y = h - 8.0;
            if self.page_numbers {
                self.text_in(0.0, w, y, 9.0, Align::Center, &footer)?;
                if !label.is_empty() {
                    self.text(MARGIN, y, 9.0, &label)?;
                }
                // Which program and release printed it (SPEC: the version in every export's footer).
                self.text_in(MARGIN, w - 2.0 * MARGIN, y, 8.0, Align::Right, &version_line())?;
            }
            if let Some(d) = self.pages.pop() {
                pages.push(PdfPage::new(Mm(w), Mm(h), d.ops));
            }
        }
        let mut warnings = Vec::new();
        let bytes = self.doc.with_pages(pages).save(&PdfSaveOptions::default(), &mut warnings);
        if let Some(w) = warnings.iter().find(|w| w.severity == PdfParseErrorSeverity::Error) {
            return Err(CoreError::Pdf(w.msg.clone()));
        }
        Ok(bytes)
    }
}

/// The right end of every numbered page's footer: the program and its release.
pub fn version_line() -> String {
    format!("创客大赛秘书处 {}", env!("CARGO_PKG_VERSION"))
}

/// Page margin used by the documents, mm.
pub const MARGIN: f32 = 15.0;

/// Distance between baselines for `size` pt text, mm.
pub fn line_height(size: f32) -> f32 {
    size * 1.3 * MM_PER_PT
}

/// Control characters would end up as boxes; a PDF string needs none of them.
fn clean(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// A table column: header text, width in mm, alignment of the body cells.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width: f32, align: Align) -> Column {
        Column { title: title.to_string(), width, align }
    }
}

/// How a table looks and where it may go on a page.
#[derive(Debug, Clone)]
pub struct TableStyle {
    pub size: f32,
    pub header_size: f32,
    /// Padding inside a cell, mm.
    pub pad: f32,
    /// Minimum body row height, mm (room to write by hand on score sheets).
    pub min_row: f32,
    /// The lowest y the table may reach on any page, mm.
    pub bottom: f32,
}

impl Default for TableStyle {
    fn default() -> Self {
        TableStyle { size: 10.0, header_size: 10.0, pad: 1.6, min_row: 7.0, bottom: 297.0 - 20.0 }
    }
}

impl Document {
    /// Draws a ruled table from top `y` at left `x`. When the next row does not fit above
    /// `style.bottom`, `new_page` is called (it must add a page, draw the page heading and return the y
    /// where the table continues) and the header row is drawn again. Returns the y below the table.
    pub fn table(
        &mut self,
        x: f32,
        y: f32,
        columns: &[Column],
        rows: &[Vec<String>],
        style: &TableStyle,
        new_page: &mut dyn FnMut(&mut Document) -> Result<f32>,
    ) -> Result<f32> {
        for (i, r) in rows.iter().enumerate() {
            if r.len() != columns.len() {
                return Err(CoreError::validation(None, format!("表格第 {} 行有 {} 个单元格，但表头有 {} 列", i + 1, r.len(), columns.len())));
            }
        }
        let header: Vec<String> = columns.iter().map(|c| c.title.clone()).collect();
        let aligns_header = vec![Align::Center; columns.len()];
        let aligns_body: Vec<Align> = columns.iter().map(|c| c.align).collect();
        let header_h = self.row_height(columns, &header, style.header_size, style.pad, 0.0)?;
        let mut y = self.draw_row(x, y, columns, &header, &aligns_header, style.header_size, style, header_h, true)?;
        for row in rows {
            let mut h = self.row_height(columns, row, style.size, style.pad, style.min_row)?;
            if y + h > style.bottom {
                y = new_page(self)?;
                // A row taller than a whole page is cut to what fits (the rest would be lost anyway).
                let room = style.bottom - y - header_h;
                if room <= style.min_row {
                    return Err(CoreError::Pdf("页面空间不足以放下表格".into()));
                }
                h = h.min(room);
                y = self.draw_row(x, y, columns, &header, &aligns_header, style.header_size, style, header_h, true)?;
            }
            y = self.draw_row(x, y, columns, row, &aligns_body, style.size, style, h, false)?;
        }
        Ok(y)
    }

    fn row_height(&self, columns: &[Column], cells: &[String], size: f32, pad: f32, min: f32) -> Result<f32> {
        let mut lines = 1usize;
        for (c, text) in columns.iter().zip(cells) {
            let inner = c.width - 2.0 * pad;
            if inner <= 0.0 {
                return Err(CoreError::validation(None, format!("“{}”列太窄", c.title)));
            }
            lines = lines.max(self.metrics.wrap(text, size, inner).len());
        }
        Ok((lines as f32 * line_height(size) + 2.0 * pad).max(min))
    }

    #[allow(clippy::too_many_arguments)]
    fn draw_row(
        &mut self,
        x: f32,
        y: f32,
        columns: &[Column],
        cells: &[String],
        aligns: &[Align],
        size: f32,
        style: &TableStyle,
        h: f32,
        header: bool,
    ) -> Result<f32> {
        let total: f32 = columns.iter().map(|c| c.width).sum();
        if header {
            self.rect(x, y, total, h, Some(0.9))?;
        }
        let lh = line_height(size);
        let mut cx = x;
        for ((c, text), align) in columns.iter().zip(cells).zip(aligns) {
            let inner = c.width - 2.0 * style.pad;
            let mut lines = self.metrics.wrap(text, size, inner);
            let fit = (((h - 2.0 * style.pad) / lh).floor() as usize).max(1);
            if lines.len() > fit {
                lines.truncate(fit);
                if let Some(last) = lines.last_mut() {
                    last.push('…');
                }
            }
            // Vertically centred: short cells sit in the middle of tall rows.
            let block = lines.len() as f32 * lh;
            let top = y + (h - block) / 2.0;
            for (i, l) in lines.iter().enumerate() {
                let base = top + i as f32 * lh + (lh - size * MM_PER_PT) / 2.0 + size * MM_PER_PT * ASCENT;
                self.text_in(cx + style.pad, inner, base, size, *align, l)?;
            }
            cx += c.width;
        }
        // Rules: the box, then the column separators.
        self.rect(x, y, total, h, None)?;
        let mut cx = x;
        for c in &columns[..columns.len().saturating_sub(1)] {
            cx += c.width;
            self.line(cx, y, cx, y + h, 0.5)?;
        }
        Ok(y + h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_font_parses_and_has_cjk_metrics() {
        let m = Metrics::load().expect("the embedded font must parse");
        assert!(m.covers("评委签字第页共创客中国长治市"));
        // Ideographs are one em wide: 10 pt → 10 pt = 3.53 mm.
        let w = m.text_width("中", 10.0);
        assert!((w - 10.0 * MM_PER_PT).abs() < 0.05, "{w}");
        assert!(m.text_width("a", 10.0) < w);
    }

    #[test]
    fn wraps_cjk_to_width_and_keeps_words_and_punctuation() {
        let m = Metrics::load().unwrap();
        let em = m.text_width("中", 10.0);
        let lines = m.wrap("一二三四五六七八九十", 10.0, em * 4.0 + 0.01);
        assert_eq!(lines, vec!["一二三四", "五六七八", "九十"]);
        // The comma stays with the character before it.
        let lines = m.wrap("一二三，四五", 10.0, em * 3.0 + 0.01);
        assert_eq!(lines[0], "一二");
        assert!(lines[1].starts_with("三，"), "{lines:?}");
        // A project number is not split when it fits on a line.
        let lines = m.wrap("编号CZ2026-QY-001", 10.0, m.text_width("CZ2026-QY-001", 10.0) + 0.01);
        assert_eq!(lines, vec!["编号", "CZ2026-QY-001"]);
        // Explicit breaks and an empty text.
        assert_eq!(m.wrap("甲\n乙", 10.0, 100.0), vec!["甲", "乙"]);
        assert_eq!(m.wrap("", 10.0, 100.0), vec![String::new()]);
        // A word longer than the line is cut.
        for l in m.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10.0, 20.0) {
            assert!(m.text_width(&l, 10.0) <= 20.0 + 1e-3, "{l}");
        }
    }
}
