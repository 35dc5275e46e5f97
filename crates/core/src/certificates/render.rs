//! Certificate PDFs: the full page (wording, border or background, seal), the 套打 page (variable texts
//! only, at the configured positions plus the printer offsets) and the 套打 calibration page.
use printpdf::{Color, Op, Pt, Rgb};

use super::images::{draw, CertificateImages};
use super::template::{date_text, fill, CertificateTemplate, PrintMode, Values, MAX_MEMBERS};
use super::{Certificate, SubjectKind};
use crate::error::{CoreError, Result};
use crate::pdf::{Align, Document};

const MM_PER_PT: f32 = 25.4 / 72.0;
/// Where a CJK glyph's top sits above its baseline, in em (as in the pdf toolkit).
const ASCENT: f32 = 0.88;
/// Body lines are spaced generously, as certificates are.
const BODY_LEADING: f32 = 1.9;
const MIN_BODY_PT: f32 = 10.0;

fn red() -> Color {
    Color::Rgb(Rgb::new(0.70, 0.08, 0.08, None))
}
fn black() -> Color {
    Color::Rgb(Rgb::new(0.0, 0.0, 0.0, None))
}

/// One PDF with every live certificate, one page each, in the given order. Voided ones are skipped.
pub fn render_batch(certs: &[Certificate], template: &CertificateTemplate, images: &CertificateImages) -> Result<Vec<u8>> {
    let live: Vec<&Certificate> = certs.iter().filter(|c| c.voided_at.is_none()).collect();
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
    let date = template.date.ok_or_else(|| CoreError::validation(Some("date"), "请先在证书模板中设置颁发日期（落款日期）"))?;
    let date = date_text(date);
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
        (images.background.as_ref().map(|i| i.add_to(&mut doc)), images.seal.as_ref().map(|i| (i.add_to(&mut doc), i.width as f32, i.height as f32)))
    } else {
        (None, None)
    };
    let paper = template.paper.paper();
    for c in certs {
        let values = Values {
            subject: c.entrant_name.clone(),
            project: c.project_name.clone(),
            group_label: c.group_label.clone(),
            prize: c.prize.clone(),
            contest: template.contest_name.clone(),
            organizer: template.organizer.clone(),
            date: date.clone(),
            number: c.number.clone(),
            members: c.members.join("、"),
        };
        doc.new_page(paper);
        match template.mode {
            PrintMode::Overlay => overlay_page(&mut doc, template, &values)?,
            PrintMode::Full => {
                let (w, h) = paper.size_mm();
                if let Some(id) = &bg {
                    draw(&mut doc, id, h, 0.0, 0.0, w, h)?;
                } else if template.border {
                    border(&mut doc, w, h)?;
                }
                let issuer = full_page(&mut doc, template, c, &values)?;
                if let Some((id, iw, ih)) = &seal {
                    // Centred on the issuer line, over it, as a stamp is.
                    let sw = template.seal_size_mm;
                    let sh = sw * ih / iw;
                    draw(&mut doc, id, h, issuer.0 - sw / 2.0, issuer.1 - sh / 2.0, sw, sh)?;
                }
            }
        }
    }
    doc.finish()
}

/// A text whose only purpose is the team members is left out when there are none.
fn line_for(text: &str, values: &Values, what: &str) -> Result<Option<String>> {
    if values.members.is_empty() && text.contains("{团队成员}") {
        return Ok(None);
    }
    let s = fill(text, values, what)?;
    Ok(if s.trim().is_empty() { None } else { Some(s) })
}

fn border(doc: &mut Document, w: f32, h: f32) -> Result<()> {
    doc.push_ops([Op::SaveGraphicsState, Op::SetOutlineColor { col: red() }, Op::SetOutlineThickness { pt: Pt(2.4) }])?;
    doc.rect(10.0, 10.0, w - 20.0, h - 20.0, None)?;
    doc.push_ops([Op::SetOutlineThickness { pt: Pt(0.8) }])?;
    doc.rect(13.5, 13.5, w - 27.0, h - 27.0, None)?;
    doc.push_ops([Op::RestoreGraphicsState])
}

/// The wording on a blank page. Returns the centre of the issuer line (where the seal goes).
fn full_page(doc: &mut Document, t: &CertificateTemplate, c: &Certificate, v: &Values) -> Result<(f32, f32)> {
    let paper = doc.paper();
    let (w, h) = paper.size_mm();
    let side = w * 0.15;
    let text_w = w - 2.0 * side;

    // Title: red, spread out by a third of an em between characters.
    let title = fill(&t.title, v, "证书标题")?;
    let n = title.chars().count() as f32;
    let spacing_pt = t.sizes.title / 3.0;
    let tw = doc.metrics().text_width(&title, t.sizes.title) + spacing_pt * MM_PER_PT * (n - 1.0).max(0.0);
    let title_y = h * 0.25;
    doc.push_ops([Op::SetFillColor { col: red() }, Op::SetCharacterSpacing { multiplier: spacing_pt }])?;
    doc.text((w - tw) / 2.0, title_y, t.sizes.title, &title)?;
    doc.push_ops([Op::SetCharacterSpacing { multiplier: 0.0 }, Op::SetFillColor { col: black() }])?;

    // Body, then the members; shrunk together when a long project name would reach the issuer.
    let body_tpl = if c.kind == SubjectKind::Unit { &t.unit_body } else { &t.body };
    let body = fill(body_tpl, v, "证书正文")?;
    let members = line_for(&t.members_line, v, "团队成员行")?;
    let issuer_y = h * 0.76;
    let top = h * 0.36;
    let limit = issuer_y - t.sizes.issuer * MM_PER_PT - 6.0;
    let (mut body_pt, mut members_pt) = (t.sizes.body, t.sizes.members);
    let (body_lines, member_lines) = loop {
        let b: Vec<String> = body.split('\n').flat_map(|p| doc.metrics().wrap(p, body_pt, text_w)).collect();
        let m: Vec<String> = members.as_deref().map(|m| doc.metrics().wrap(m, members_pt, text_w)).unwrap_or_default();
        let bottom = top
            + (b.len() as f32 - 1.0) * body_pt * BODY_LEADING * MM_PER_PT
            + if m.is_empty() { 0.0 } else { body_pt * MM_PER_PT + m.len() as f32 * members_pt * 1.6 * MM_PER_PT };
        if bottom <= limit {
            break (b, m);
        }
        if body_pt * 0.92 < MIN_BODY_PT {
            return Err(CoreError::validation(
                Some("body"),
                format!("证书“{}”（{}）的正文太长，一页放不下；请缩短正文或项目名称，或调小正文字号", c.number, c.entrant_name),
            ));
        }
        body_pt *= 0.92;
        members_pt = (members_pt * 0.92).max(MIN_BODY_PT.min(members_pt));
    };
    let mut y = top;
    let pitch = body_pt * BODY_LEADING * MM_PER_PT;
    for (i, l) in body_lines.iter().enumerate() {
        if i > 0 {
            y += pitch;
        }
        doc.text(side, y, body_pt, l)?;
    }
    if !member_lines.is_empty() {
        y += body_pt * MM_PER_PT;
        for l in &member_lines {
            y += members_pt * 1.6 * MM_PER_PT;
            doc.text(side, y, members_pt, l)?;
        }
    }

    // Issuer and date centred on one axis at the right, as on official documents.
    let cx = w - side - 30.0;
    let issuer = fill(&t.issuer, v, "落款单位行")?;
    let date = fill(&t.date_line, v, "落款日期行")?;
    let iw = doc.metrics().text_width(&issuer, t.sizes.issuer).max(doc.metrics().text_width(&date, t.sizes.issuer));
    // Keep the block inside the page when the organizer's name is long.
    let cx = cx.min(w - side * 0.6 - iw / 2.0);
    doc.text_in(cx - iw, 2.0 * iw, issuer_y, t.sizes.issuer, Align::Center, &issuer)?;
    let date_y = issuer_y + t.sizes.issuer * 1.8 * MM_PER_PT;
    doc.text_in(cx - iw, 2.0 * iw, date_y, t.sizes.issuer, Align::Center, &date)?;

    let number = fill(&t.number_line, v, "证书编号行")?;
    doc.text(side, h - 20.0, t.sizes.number, &number)?;
    Ok((cx, issuer_y - t.sizes.issuer * MM_PER_PT * ASCENT / 2.0))
}

/// 套打: only the configured texts, each at its position plus the printer offsets.
fn overlay_page(doc: &mut Document, t: &CertificateTemplate, v: &Values) -> Result<()> {
    for f in &t.overlay_fields {
        let Some(text) = line_for(&f.text, v, &format!("套打字段“{}”", f.label))? else { continue };
        let (x, y) = (f.x_mm + t.offset_x_mm, f.y_mm + t.offset_y_mm);
        let lines = if f.width_mm > 0.0 { doc.metrics().wrap(&text, f.size_pt, f.width_mm) } else { vec![text] };
        for (i, l) in lines.iter().enumerate() {
            doc.text(x, y + i as f32 * f.size_pt * 1.5 * MM_PER_PT, f.size_pt, l)?;
        }
    }
    Ok(())
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
