//! Certificate PDFs: the full page (wording, border or background, seal), the 套打 page (variable texts
//! only, at the configured positions plus the printer offsets) and the 套打 calibration page.
use printpdf::{Color, Line, LineDashPattern, LinePoint, Mm, Op, Point, Pt, XObjectId};

use super::images::{draw, CertificateImages};
use super::page::{lay_out, CertificatePage, ImageRole, PageItem, Rgb, BLACK, MM_PER_PT, RED};
use super::template::{CertificateTemplate, PrintMode, MAX_MEMBERS};
use super::{Certificate, SubjectKind};
use crate::error::{CoreError, Result};
use crate::model::{Group, Level};
use crate::pdf::{Align, Document};

fn red() -> Color {
    colour(RED)
}

/// One PDF with every live certificate, one page each, in [`print_order`] (企业组 before 创业组, then
/// the units). Voided ones are skipped.
pub fn render_batch(certs: &[Certificate], template: &CertificateTemplate, images: &CertificateImages) -> Result<Vec<u8>> {
    let mut live: Vec<&Certificate> = certs.iter().filter(|c| c.voided_at.is_none()).collect();
    print_order(&mut live);
    if live.is_empty() {
        return Err(CoreError::precondition("没有有效的证书可以打印：请先确定获奖名单并颁发证书"));
    }
    build(&live, template, images, &format!("{}荣誉证书", template.contest_name))
}

/// The PDF of one certificate (named by its number when written out).
pub fn render_one(cert: &Certificate, template: &CertificateTemplate, images: &CertificateImages) -> Result<Vec<u8>> {
    if cert.voided_at.is_some() {
        return Err(CoreError::precondition(format!("证书“{}”已作废，不能打印", cert.number)));
    }
    build(&[cert], template, images, &format!("荣誉证书 {}", cert.number))
}

fn build(certs: &[&Certificate], template: &CertificateTemplate, images: &CertificateImages, title: &str) -> Result<Vec<u8>> {
    template.validate()?;
    if template.date.is_none() {
        return Err(CoreError::validation(Some("date"), "请先在证书模板中设置颁发日期（落款日期）"));
    }
    for c in certs {
        if c.members.len() > MAX_MEMBERS {
            return Err(CoreError::validation(
                Some("members"),
                format!(
                    "证书“{}”（{}）有 {} 名团队成员，最多列 {MAX_MEMBERS} 名；请选择不超过 {MAX_MEMBERS} 名成员",
                    c.number,
                    c.entrant_name,
                    c.members.len()
                ),
            ));
        }
    }
    let mut doc = Document::new(title)?;
    doc.set_page_numbers(false);
    // Pre-printed paper already carries its artwork; images only go on full pages.
    let (bg, seal) = if template.mode == PrintMode::Full {
        (images.background.as_ref().map(|i| i.add_to(&mut doc)), images.seal.as_ref().map(|i| (i.add_to(&mut doc), i.height as f32 / i.width as f32)))
    } else {
        (None, None)
    };
    let paper = template.paper.paper();
    for c in certs {
        // The same laid-out page the window previews.
        let page = lay_out(c, template, seal.as_ref().map(|s| s.1))?;
        doc.new_page(paper);
        draw_page(&mut doc, &page, bg.as_ref(), seal.as_ref().map(|s| &s.0))?;
    }
    doc.finish()
}

fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(c.r as f32 / 255.0, c.g as f32 / 255.0, c.b as f32 / 255.0, None))
}

/// Draws a laid-out page on the newest page of `doc`.
pub(crate) fn draw_page(doc: &mut Document, page: &CertificatePage, bg: Option<&XObjectId>, seal: Option<&XObjectId>) -> Result<()> {
    let h = page.height_mm;
    let mut fill = BLACK;
    for item in &page.items {
        match item {
            PageItem::Text { x_mm, y_mm, size_pt, spacing_pt, color, text, .. } => {
                if *color != fill {
                    doc.push_ops([Op::SetFillColor { col: colour(*color) }])?;
                    fill = *color;
                }
                if *spacing_pt != 0.0 {
                    doc.push_ops([Op::SetCharacterSpacing { multiplier: *spacing_pt }])?;
                }
                doc.text(*x_mm, *y_mm, *size_pt, text)?;
                if *spacing_pt != 0.0 {
                    doc.push_ops([Op::SetCharacterSpacing { multiplier: 0.0 }])?;
                }
            }
            PageItem::Frame { x_mm, y_mm, w_mm, h_mm, stroke_pt, color } => {
                doc.push_ops([Op::SaveGraphicsState, Op::SetOutlineColor { col: colour(*color) }, Op::SetOutlineThickness { pt: Pt(*stroke_pt) }])?;
                doc.rect(*x_mm, *y_mm, *w_mm, *h_mm, None)?;
                doc.push_ops([Op::RestoreGraphicsState])?;
            }
            PageItem::Circle { cx_mm, cy_mm, r_mm, stroke_pt, color, dash_pt } => {
                doc.push_ops([
                    Op::SaveGraphicsState,
                    Op::SetOutlineColor { col: colour(*color) },
                    Op::SetOutlineThickness { pt: Pt(*stroke_pt) },
                    Op::SetLineDashPattern { dash: LineDashPattern::new(0.0, dash_pt) },
                    Op::DrawLine { line: circle(*cx_mm, h - *cy_mm, *r_mm) },
                    Op::RestoreGraphicsState,
                ])?;
            }
            PageItem::Image { image, x_mm, y_mm, w_mm, h_mm } => {
                let id = match image {
                    ImageRole::Background => bg,
                    ImageRole::Seal => seal,
                };
                if let Some(id) = id {
                    draw(doc, id, h, *x_mm, *y_mm, *w_mm, *h_mm)?;
                }
            }
        }
    }
    Ok(())
}

/// A closed circle of four Bézier arcs; (cx, cy) in PDF coordinates (mm from the bottom-left).
fn circle(cx: f32, cy: f32, r: f32) -> Line {
    // The usual control-point distance for a quarter circle.
    let k = 0.552_284_8 * r;
    let p = |x: f32, y: f32, bezier: bool| LinePoint { p: Point::new(Mm(x), Mm(y)), bezier };
    let points = vec![
        p(cx + r, cy, false),
        p(cx + r, cy + k, true),
        p(cx + k, cy + r, true),
        p(cx, cy + r, false),
        p(cx - k, cy + r, true),
        p(cx - r, cy + k, true),
        p(cx - r, cy, false),
        p(cx - r, cy - k, true),
        p(cx - k, cy - r, true),
        p(cx, cy - r, false),
        p(cx + k, cy - r, true),
        p(cx + r, cy - k, true),
        p(cx + r, cy, false),
    ];
    Line { points, is_closed: true }
}

/// The order of the batch PDF: 企业组, then 创业组, then the organizing units; within a group by
/// level (一等奖 first), then by number.
pub fn print_order(certs: &mut [&Certificate]) {
    fn group_rank(c: &Certificate) -> u8 {
        match (c.kind, c.group) {
            (SubjectKind::Award, Some(Group::Enterprise)) => 0,
            (SubjectKind::Award, Some(Group::Startup)) => 1,
            (SubjectKind::Award, None) => 2,
            (SubjectKind::Unit, _) => 3,
        }
    }
    fn level_rank(c: &Certificate) -> usize {
        Level::parse(&c.prize).ok().and_then(|l| Level::ALL.iter().position(|x| *x == l)).unwrap_or(Level::ALL.len())
    }
    certs.sort_by(|a, b| (group_rank(a), level_rank(a), &a.series, a.seq).cmp(&(group_rank(b), level_rank(b), &b.series, b.seq)));
}

/// The 套打 calibration page: rulers (labelled in mm from the paper's edges) and a crosshair at every
/// configured position, all shifted by the offsets, with the offsets printed. Print it on plain paper,
/// lay it on the certificate paper against the light, and adjust the offsets.
pub fn calibration_page(template: &CertificateTemplate) -> Result<Vec<u8>> {
    template.validate()?;
    let paper = template.paper.paper();
    let (w, h) = paper.size_mm();
    let (ox, oy) = (template.offset_x_mm, template.offset_y_mm);
    let mut doc = Document::new("套打校准页")?;
    doc.set_page_numbers(false);
    doc.new_page(paper);

    // Rulers 20 mm in from the edges: printers cannot print right at the edge.
    let (ry, rx) = (20.0, 20.0);
    doc.line(ox, ry + oy, w + ox, ry + oy, 0.4)?;
    doc.line(rx + ox, oy, rx + ox, h + oy, 0.4)?;
    let mut x = 0.0;
    while x <= w + 0.01 {
        let long = (x as i32) % 10 == 0;
        doc.line(x + ox, ry + oy, x + ox, ry + oy + if long { 4.0 } else { 2.0 }, 0.3)?;
        if long && x > 0.0 && (x - rx).abs() > 1.0 {
            doc.text(x + ox - 1.5, ry + oy + 7.0, 6.0, &format!("{}", x as i32))?;
        }
        x += 5.0;
    }
    let mut y = 0.0;
    while y <= h + 0.01 {
        let long = (y as i32) % 10 == 0;
        doc.line(rx + ox, y + oy, rx + ox + if long { 4.0 } else { 2.0 }, y + oy, 0.3)?;
        if long && y > 0.0 && (y - ry).abs() > 1.0 {
            doc.text(rx + ox + 5.0, y + oy + 1.0, 6.0, &format!("{}", y as i32))?;
        }
        y += 5.0;
    }

    // A crosshair where each text's baseline starts, and its wrap width when it has one.
    doc.push_ops([Op::SaveGraphicsState, Op::SetOutlineColor { col: red() }, Op::SetFillColor { col: red() }])?;
    for f in &template.overlay_fields {
        let (x, y) = (f.x_mm + ox, f.y_mm + oy);
        doc.line(x - 6.0, y, x + 6.0, y, 0.5)?;
        doc.line(x, y - 6.0, x, y + 6.0, 0.5)?;
        if f.width_mm > 0.0 {
            doc.line(x, y, x + f.width_mm, y, 0.2)?;
            doc.line(x + f.width_mm, y - 2.0, x + f.width_mm, y + 2.0, 0.3)?;
        }
        doc.text(x + 1.5, y - 1.5, 8.0, &format!("{}（{:.1}, {:.1}）", f.label, f.x_mm, f.y_mm))?;
    }
    doc.push_ops([Op::RestoreGraphicsState])?;

    let info = [
        "套打校准页".to_string(),
        format!("横向偏移 {ox:.1} 毫米，纵向偏移 {oy:.1} 毫米（正数向右、向下）"),
        "用普通纸打印本页（打印设置选“实际大小”，不要“适合纸张”），与证书纸叠放对光检查：".to_string(),
        "十字中心应落在各项文字的起点（基线左端）。用直尺量标尺刻度到纸边的距离，".to_string(),
        "若整体偏右 2 毫米，将横向偏移减 2；偏下 2 毫米，将纵向偏移减 2。".to_string(),
    ];
    // Above the default positions, below the ruler.
    let mut y = 34.0 + oy;
    for (i, l) in info.iter().enumerate() {
        let size = if i == 0 { 14.0 } else { 10.0 };
        doc.text_in(ox, w, y, size, Align::Center, l)?;
        y += size * 1.7 * MM_PER_PT;
    }
    doc.finish()
}
