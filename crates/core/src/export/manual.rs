//! The 操作手册 as a PDF (`saiwu manual --out FILE.pdf`): the Markdown pages of `docs/manual/` laid out
//! with the project's own PDF code — headings, paragraphs, lists and the screenshots — one chapter per page
//! file, A4 portrait with page numbers. Only the small Markdown the manual uses is read (the same subset the
//! window's 帮助 page renders): `#` headings, paragraphs, `-` / `1.` lists, `![说明](img/x.png)` images,
//! `**粗体**` and `` `代码` `` (their marks dropped).
use std::path::Path;

use crate::certificates::images::{self, Image};
use crate::error::{CoreError, Result};
use crate::pdf::{Align, Document, Paper, MARGIN};

/// One block of a manual page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading { level: usize, text: String },
    Paragraph(String),
    List { ordered: bool, items: Vec<String> },
    Image { alt: String, src: String },
}

/// Drops the inline marks, keeping their text.
fn plain(s: &str) -> String {
    let mut out = s.to_string();
    // `**x**` → x, `` `x` `` → x, only when paired (a lone `*` stays as typed).
    for mark in ["**", "`"] {
        let mut result = String::new();
        let mut rest = out.as_str();
        while let Some(a) = rest.find(mark) {
            let after = &rest[a + mark.len()..];
            match after.find(mark) {
                Some(b) if b > 0 => {
                    result.push_str(&rest[..a]);
                    result.push_str(&after[..b]);
                    rest = &after[b + mark.len()..];
                }
                _ => break,
            }
        }
        result.push_str(rest);
        out = result;
    }
    out
}

fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
        return Some((false, rest.trim()));
    }
    let digits = line.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix("、")) {
            return Some((true, r.trim()));
        }
    }
    None
}

fn image(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("![")?;
    let (alt, rest) = rest.split_once("](")?;
    let src = rest.strip_suffix(')')?;
    (!src.contains(char::is_whitespace)).then(|| (alt.to_string(), src.to_string()))
}

/// Parses one manual page.
pub fn parse(md: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para = String::new();
    let mut list: Option<(bool, Vec<String>)> = None;
    let flush = |blocks: &mut Vec<Block>, para: &mut String, list: &mut Option<(bool, Vec<String>)>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(plain(para)));
            para.clear();
        }
        if let Some((ordered, items)) = list.take() {
            blocks.push(Block::List { ordered, items });
        }
    };
    for raw in md.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut blocks, &mut para, &mut list);
            continue;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if (1..=4).contains(&hashes) && line[hashes..].starts_with(' ') {
            flush(&mut blocks, &mut para, &mut list);
            blocks.push(Block::Heading { level: hashes, text: plain(line[hashes..].trim()) });
        } else if let Some((alt, src)) = image(line) {
            flush(&mut blocks, &mut para, &mut list);
            blocks.push(Block::Image { alt, src });
        } else if let Some((ordered, text)) = list_item(line) {
            if !para.is_empty() || list.as_ref().is_some_and(|(o, _)| *o != ordered) {
                flush(&mut blocks, &mut para, &mut list);
            }
            list.get_or_insert_with(|| (ordered, Vec::new())).1.push(plain(text));
        } else if let (Some((_, items)), true) = (list.as_mut(), raw.starts_with("  ")) {
            if let Some(last) = items.last_mut() {
                last.push_str(&plain(line));
            }
        } else {
            if list.is_some() {
                flush(&mut blocks, &mut para, &mut list);
            }
            para.push_str(line);
        }
    }
    flush(&mut blocks, &mut para, &mut list);
    blocks
}

/// The Markdown pages of `dir` (`*.md`, in file-name order) as (file name, text).
pub fn read_pages(dir: &Path) -> Result<Vec<(String, String)>> {
    let open_err = |e: std::io::Error| CoreError::FileOpen { file: dir.display().to_string(), reason: e.to_string() };
    let mut names: Vec<_> =
        std::fs::read_dir(dir).map_err(open_err)?.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "md")).collect();
    names.sort();
    if names.is_empty() {
        return Err(CoreError::validation(Some("dir"), format!("文件夹“{}”中没有操作手册（*.md）；请指定 docs/manual 文件夹", dir.display())));
    }
    names
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).map_err(|e| CoreError::FileOpen { file: p.display().to_string(), reason: e.to_string() })?;
            Ok((p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(), text))
        })
        .collect()
}

const BODY: f32 = 10.5;
const BOTTOM: f32 = 18.0;

struct Cursor {
    y: f32,
}

impl Cursor {
    /// Starts a new page when `need` mm do not fit any more.
    fn room(&mut self, doc: &mut Document, need: f32) {
        if self.y + need > Paper::A4Portrait.height() - BOTTOM {
            doc.new_page(Paper::A4Portrait);
            self.y = MARGIN;
        }
    }
}

/// Lays the pages out as one PDF. Images are read from `dir` (the paths in the Markdown are relative to
/// it); a missing screenshot is named in its place, never a failure, so the PDF builds before the first
/// screenshot run.
pub fn manual_pdf(pages: &[(String, String)], dir: &Path) -> Result<Vec<u8>> {
    let mut doc = Document::new("创客大赛秘书处 操作手册")?;
    let width = Paper::A4Portrait.width() - 2.0 * MARGIN;
    // A cover page listing the chapters.
    doc.start_section("操作手册");
    doc.new_page(Paper::A4Portrait);
    doc.text_centered(70.0, 26.0, "创客大赛秘书处")?;
    doc.text_centered(88.0, 20.0, "操作手册")?;
    let mut y = 115.0;
    let parsed: Vec<(String, Vec<Block>)> = pages.iter().map(|(name, md)| (name.clone(), parse(md))).collect();
    for (i, (_, blocks)) in parsed.iter().enumerate() {
        if let Some(Block::Heading { text, .. }) = blocks.iter().find(|b| matches!(b, Block::Heading { .. })) {
            doc.text(60.0, y, 13.0, &format!("{}　{}", i + 1, text))?;
            y += 9.0;
        }
    }
    for (name, blocks) in &parsed {
        let chapter =
            blocks.iter().find_map(|b| if let Block::Heading { text, .. } = b { Some(text.clone()) } else { None }).unwrap_or_else(|| name.clone());
        doc.start_section(&chapter);
        doc.new_page(Paper::A4Portrait);
        let mut c = Cursor { y: MARGIN };
        for b in blocks {
            match b {
                Block::Heading { level, text } => {
                    let size = match level {
                        1 => 20.0,
                        2 => 14.0,
                        _ => 12.0,
                    };
                    c.y += if *level == 1 { 0.0 } else { 4.0 };
                    c.room(&mut doc, size * 0.8 + 12.0);
                    let h = doc.paragraph(MARGIN, c.y, width, size, Align::Left, text)?;
                    c.y += h + 2.0;
                    if *level <= 2 {
                        doc.line(MARGIN, c.y, MARGIN + width, c.y, 0.5)?;
                        c.y += 3.0;
                    }
                }
                Block::Paragraph(text) => {
                    let lines = doc.metrics().wrap(text, BODY, width).len() as f32;
                    c.room(&mut doc, crate::pdf::layout::line_height(BODY) * lines.min(3.0));
                    paragraph_paged(&mut doc, &mut c, MARGIN, width, text)?;
                    c.y += 2.5;
                }
                Block::List { ordered, items } => {
                    for (i, item) in items.iter().enumerate() {
                        let mark = if *ordered { format!("{}.", i + 1) } else { "•".to_string() };
                        c.room(&mut doc, crate::pdf::layout::line_height(BODY) * 2.0);
                        doc.text(MARGIN + 2.0, c.y + BODY * 25.4 / 72.0 * 0.88, BODY, &mark)?;
                        paragraph_paged(&mut doc, &mut c, MARGIN + 8.0, width - 8.0, item)?;
                        c.y += 1.2;
                    }
                    c.y += 1.5;
                }
                Block::Image { alt, src } => {
                    let path = dir.join(src);
                    match std::fs::read(&path).ok().and_then(|bytes| Image::from_bytes(&bytes, alt).ok()) {
                        Some(img) => {
                            let w = width;
                            let h = w * img.height as f32 / img.width.max(1) as f32;
                            let h = h.min(150.0);
                            let w = h * img.width as f32 / img.height.max(1) as f32;
                            c.room(&mut doc, h + 10.0);
                            let id = img.add_to(&mut doc);
                            images::draw(&mut doc, &id, Paper::A4Portrait.height(), MARGIN + (width - w) / 2.0, c.y, w, h)?;
                            doc.rect(MARGIN + (width - w) / 2.0, c.y, w, h, None)?;
                            c.y += h + 2.0;
                        }
                        None => {
                            c.room(&mut doc, 10.0);
                            doc.text(MARGIN, c.y + 4.0, 9.0, &format!("（截图 {src} 尚未生成：运行 scripts/manual-screenshots.sh）"))?;
                            c.y += 6.0;
                        }
                    }
                    c.room(&mut doc, 8.0);
                    doc.text_in(MARGIN, width, c.y + 3.5, 9.0, Align::Center, &format!("图：{alt}"))?;
                    c.y += 8.0;
                }
            }
        }
    }
    doc.finish()
}

/// A wrapped paragraph that continues on the next page when it reaches the bottom; the cursor ends below it.
fn paragraph_paged(doc: &mut Document, c: &mut Cursor, x: f32, width: f32, text: &str) -> Result<()> {
    let lh = crate::pdf::layout::line_height(BODY);
    for l in doc.metrics().wrap(text, BODY, width) {
        c.room(doc, lh);
        // The baseline sits one ascent (0.88 em) below the line's top.
        doc.text(x, c.y + BODY * 25.4 / 72.0 * 0.88, BODY, &l)?;
        c.y += lh;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manual_markdown_becomes_blocks_without_marks() {
        let b = parse("# 标题\n\n一行\n二行 **重点** 和 `代码`\n\n- 甲\n- 乙 * 星号\n\n1. 一\n2、二\n\n![图](img/a.png)\n## 小节\n");
        assert_eq!(
            b,
            vec![
                Block::Heading { level: 1, text: "标题".into() },
                Block::Paragraph("一行二行 重点 和 代码".into()),
                Block::List { ordered: false, items: vec!["甲".into(), "乙 * 星号".into()] },
                Block::List { ordered: true, items: vec!["一".into(), "二".into()] },
                Block::Image { alt: "图".into(), src: "img/a.png".into() },
                Block::Heading { level: 2, text: "小节".into() },
            ]
        );
    }
}
