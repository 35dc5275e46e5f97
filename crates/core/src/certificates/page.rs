//! The laid-out certificate page: every text, frame, circle and image with its position, size and
//! colour. The PDF writer (`render`) draws exactly this, and the 证书 page's preview draws the same
//! page as SVG, so what the secretary sees on screen is what comes out of the printer.
//! Coordinates are millimetres from the top-left corner (y downwards); a text's (x, y) is the left
//! end of its baseline; sizes are points.
use serde::Serialize;

use super::template::{date_text, fill, CertificateTemplate, PrintMode, Values};
use super::{Certificate, CertificateSubject, SubjectKind};
use crate::error::{CoreError, Result};
use crate::pdf::Metrics;

pub const MM_PER_PT: f32 = 25.4 / 72.0;
/// Where a CJK glyph's top sits above its baseline, in em (as in the pdf toolkit).
const ASCENT: f32 = 0.88;
/// Body lines are spaced generously, as certificates are.
const BODY_LEADING: f32 = 2.0;
const MIN_BODY_PT: f32 = 10.0;

/// A colour, 0–255 per channel (the PDF divides by 255; the preview writes `rgb(r, g, b)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// The red of the title, the frame and the seal circle.
pub const RED: Rgb = Rgb { r: 179, g: 20, b: 20 };
pub const BLACK: Rgb = Rgb { r: 0, g: 0, b: 0 };

/// Which of the user's images an image item shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ImageRole {
    Background,
    Seal,
}

/// One thing drawn on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PageItem {
    /// One line of text. `role`: title, body, members, issuer, date, number, seal_hint or a 套打
    /// field's label.
    Text { role: String, x_mm: f32, y_mm: f32, size_pt: f32, spacing_pt: f32, color: Rgb, text: String },
    /// A stroked rectangle (the frame), top-left at (x, y).
    Frame { x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32, stroke_pt: f32, color: Rgb },
    /// A stroked circle; `dash_pt` empty = solid (dash, gap, … in pt).
    Circle { cx_mm: f32, cy_mm: f32, r_mm: f32, stroke_pt: f32, color: Rgb, dash_pt: Vec<f32> },
    /// The user's background or seal image, stretched to the box.
    Image { image: ImageRole, x_mm: f32, y_mm: f32, w_mm: f32, h_mm: f32 },
}

/// A laid-out certificate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct CertificatePage {
    pub width_mm: f32,
    pub height_mm: f32,
    pub items: Vec<PageItem>,
}

impl CertificatePage {
    /// The texts in drawing order (tests and the window test read them).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().filter_map(|i| match i {
            PageItem::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
    }

    fn text(&mut self, role: &str, x: f32, y: f32, size: f32, color: Rgb, text: &str) {
        self.items.push(PageItem::Text { role: role.into(), x_mm: x, y_mm: y, size_pt: size, spacing_pt: 0.0, color, text: text.into() });
    }
}

/// The page of certificate `c`. The date must be set. `seal_aspect` is the seal image's height over
/// its width when the template has one.
pub fn lay_out(c: &Certificate, t: &CertificateTemplate, seal_aspect: Option<f32>) -> Result<CertificatePage> {
    let date = t.date.ok_or_else(|| CoreError::validation(Some("date"), "请先在证书模板中设置颁发日期（落款日期）"))?;
    lay_out_with_date(c, t, seal_aspect, &date_text(date, t.date_style))
}

/// The page the 证书 page previews for `subject` (with its number once it has one), from a template
/// that may not be saved yet. Without a date the date line says so instead of refusing.
pub fn preview(subject: &CertificateSubject, number: Option<&str>, t: &CertificateTemplate) -> Result<CertificatePage> {
    let c = Certificate {
        id: 0,
        number: number.map(str::to_string).unwrap_or_else(|| "（待编号）".into()),
        series: String::new(),
        seq: 0,
        kind: subject.kind,
        subject_key: subject.key.clone(),
        group: subject.group,
        group_label: subject.group_label.clone(),
        prize: subject.prize.clone(),
        project_no: subject.project_no.clone(),
        project_name: subject.project_name.clone(),
        entrant_name: subject.entrant_name.clone(),
        members: subject.members.clone(),
        issued_at: String::new(),
        voided_at: None,
        voided_by: None,
        void_reason: None,
        prints: 0,
    };
    let date = t.date.map(|d| date_text(d, t.date_style)).unwrap_or_else(|| "（未设颁发日期）".into());
    // Unsaved images may not be readable yet: the seal is previewed square.
    lay_out_with_date(&c, t, t.seal_image.as_ref().map(|_| 1.0), &date)
}

fn lay_out_with_date(c: &Certificate, t: &CertificateTemplate, seal_aspect: Option<f32>, date: &str) -> Result<CertificatePage> {
    // A template saved before {称谓}/{项目} existed reads the new way wherever it comes from.
    let t = &t.clone().upgraded();
    let values = Values::of(c, t, date);
    let (w, h) = t.paper.paper().size_mm();
    let mut page = CertificatePage { width_mm: w, height_mm: h, items: Vec::new() };
    let metrics = Metrics::load()?;
    match t.mode {
        PrintMode::Overlay => overlay(&mut page, &metrics, t, &values)?,
        PrintMode::Full => full(&mut page, &metrics, t, c, &values, seal_aspect)?,
    }
    Ok(page)
}

/// A text whose only purpose is the team members is left out when there are none.
pub(crate) fn line_for(text: &str, values: &Values, what: &str) -> Result<Option<String>> {
    if values.members.is_empty() && text.contains("{团队成员}") {
        return Ok(None);
    }
    let s = fill(text, values, what)?;
    Ok(if s.trim().is_empty() { None } else { Some(s) })
}

/// The wording on a blank page: a double red frame (unless a background image is used), the spaced
/// red title, the body, the members, the issuer and date at the right with the seal (or a dashed
/// circle marking where to stamp), the number at the bottom left.
fn full(page: &mut CertificatePage, m: &Metrics, t: &CertificateTemplate, c: &Certificate, v: &Values, seal_aspect: Option<f32>) -> Result<()> {
    let (w, h) = (page.width_mm, page.height_mm);
    if t.background_image.is_some() {
        page.items.push(PageItem::Image { image: ImageRole::Background, x_mm: 0.0, y_mm: 0.0, w_mm: w, h_mm: h });
    } else if t.border {
        // A heavy outer rule and a fine inner one, as on official certificates.
        page.items.push(PageItem::Frame { x_mm: 10.0, y_mm: 10.0, w_mm: w - 20.0, h_mm: h - 20.0, stroke_pt: 2.6, color: RED });
        page.items.push(PageItem::Frame { x_mm: 13.5, y_mm: 13.5, w_mm: w - 27.0, h_mm: h - 27.0, stroke_pt: 0.7, color: RED });
    }
    let side = w * 0.15;
    let text_w = w - 2.0 * side;

    // Title: red, spread out by a third of an em between characters.
    let title = fill(&t.title, v, "证书标题")?;
    let n = title.chars().count() as f32;
    let spacing_pt = t.sizes.title / 3.0;
    let tw = m.text_width(&title, t.sizes.title) + spacing_pt * MM_PER_PT * (n - 1.0).max(0.0);
    page.items.push(PageItem::Text {
        role: "title".into(),
        x_mm: (w - tw) / 2.0,
        y_mm: h * 0.25,
        size_pt: t.sizes.title,
        spacing_pt,
        color: RED,
        text: title,
    });

    // Body, then the members; shrunk together when a long project name would reach the issuer.
    let body_tpl = if c.kind == SubjectKind::Unit { &t.unit_body } else { &t.body };
    let body = fill(body_tpl, v, "证书正文")?;
    let members = line_for(&t.members_line, v, "团队成员行")?;
    let issuer_y = h * 0.74;
    let top = h * 0.37;
    let limit = issuer_y - t.sizes.issuer * MM_PER_PT - 6.0;
    let (mut body_pt, mut members_pt) = (t.sizes.body, t.sizes.members);
    let (body_lines, member_lines) = loop {
        let b: Vec<String> = body.split('\n').flat_map(|p| m.wrap(p, body_pt, text_w)).collect();
        let ml: Vec<String> = members.as_deref().map(|x| m.wrap(x, members_pt, text_w)).unwrap_or_default();
        let bottom = top
            + (b.len() as f32 - 1.0) * body_pt * BODY_LEADING * MM_PER_PT
            + if ml.is_empty() { 0.0 } else { body_pt * MM_PER_PT + ml.len() as f32 * members_pt * 1.6 * MM_PER_PT };
        if bottom <= limit {
            break (b, ml);
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
        page.text("body", side, y, body_pt, BLACK, l);
    }
    if !member_lines.is_empty() {
        y += body_pt * MM_PER_PT;
        for l in &member_lines {
            y += members_pt * 1.6 * MM_PER_PT;
            page.text("members", side, y, members_pt, BLACK, l);
        }
    }

    // Issuer and date centred on one axis at the right, as on official documents.
    let size = t.sizes.issuer;
    let issuer = fill(&t.issuer, v, "落款单位行")?;
    let date = fill(&t.date_line, v, "落款日期行")?;
    let iw = m.text_width(&issuer, size).max(m.text_width(&date, size));
    // Keep the block inside the page when the organizer's name is long.
    let cx = (w - side - 30.0).min(w - side * 0.6 - iw / 2.0);
    let date_y = issuer_y + size * 2.0 * MM_PER_PT;
    page.text("issuer", cx - m.text_width(&issuer, size) / 2.0, issuer_y, size, BLACK, &issuer);
    page.text("date", cx - m.text_width(&date, size) / 2.0, date_y, size, BLACK, &date);

    // The seal covers the issuer and the date, as a stamp does; without an image a dashed circle
    // shows where to stamp.
    let seal_cy = (issuer_y + date_y) / 2.0 - size * MM_PER_PT * ASCENT / 2.0;
    let sw = t.seal_size_mm;
    match seal_aspect {
        Some(aspect) => {
            let sh = sw * aspect;
            page.items.push(PageItem::Image { image: ImageRole::Seal, x_mm: cx - sw / 2.0, y_mm: seal_cy - sh / 2.0, w_mm: sw, h_mm: sh });
        }
        None if t.mode == PrintMode::Full && t.background_image.is_none() => {
            let r = sw / 2.0;
            page.items.push(PageItem::Circle { cx_mm: cx, cy_mm: seal_cy, r_mm: r, stroke_pt: 0.8, color: RED, dash_pt: vec![3.0, 2.5] });
            let hint = "盖章处";
            let hint_pt = 9.0;
            page.text("seal_hint", cx - m.text_width(hint, hint_pt) / 2.0, seal_cy - r + 7.0, hint_pt, RED, hint);
        }
        None => {}
    }

    let number = fill(&t.number_line, v, "证书编号行")?;
    page.text("number", side, h - 22.0, t.sizes.number, BLACK, &number);
    Ok(())
}

/// 套打: only the configured texts, each at its position plus the printer offsets.
fn overlay(page: &mut CertificatePage, m: &Metrics, t: &CertificateTemplate, v: &Values) -> Result<()> {
    for f in &t.overlay_fields {
        let Some(text) = line_for(&f.text, v, &format!("套打字段“{}”", f.label))? else { continue };
        let (x, y) = (f.x_mm + t.offset_x_mm, f.y_mm + t.offset_y_mm);
        let lines = if f.width_mm > 0.0 { m.wrap(&text, f.size_pt, f.width_mm) } else { vec![text] };
        for (i, l) in lines.iter().enumerate() {
            page.text(&f.label, x, y + i as f32 * f.size_pt * 1.5 * MM_PER_PT, f.size_pt, BLACK, l);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Group;
    use chrono::NaiveDate;

    fn subject(group: Group, project: &str) -> CertificateSubject {
        CertificateSubject {
            kind: SubjectKind::Award,
            key: "k".into(),
            group: Some(group),
            group_label: group.label().into(),
            prize: "一等奖".into(),
            project_no: "CZ-001".into(),
            project_name: project.into(),
            entrant_name: "长治市卓远智能装备有限公司".into(),
            members: vec![],
        }
    }

    fn template() -> CertificateTemplate {
        CertificateTemplate { date: NaiveDate::from_ymd_opt(2026, 9, 20), ..Default::default() }
    }

    fn body(p: &CertificatePage) -> String {
        p.items
            .iter()
            .filter_map(|i| match i {
                PageItem::Text { role, text, .. } if role == "body" => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn enterprise_and_startup_wording_and_the_date_in_chinese_numerals() {
        let p = preview(&subject(Group::Enterprise, "光伏储能逆变器项目"), Some("CZCK2026-QY-001"), &template()).unwrap();
        let b = body(&p);
        assert!(b.contains("你单位“光伏储能逆变器项目”在第十一届“创客中国”长治市中小企业创新创业大赛中荣获企业组一等奖。"), "{b}");
        let texts: Vec<&str> = p.texts().collect();
        assert!(texts.contains(&"二〇二六年九月二十日") && texts.contains(&"证书编号：CZCK2026-QY-001"), "{texts:?}");
        let p = preview(&subject(Group::Startup, "光伏储能逆变器"), None, &template()).unwrap();
        let b = body(&p);
        assert!(b.contains("你团队“光伏储能逆变器”项目在") && !b.contains("你单位"), "{b}");
        for t in p.texts() {
            assert!(!t.contains("项目项目") && !t.contains("项目 项目"), "{t}");
        }
    }

    #[test]
    fn the_formal_design_has_a_double_frame_a_red_title_and_a_dashed_seal_circle() {
        let p = preview(&subject(Group::Enterprise, "甲"), None, &template()).unwrap();
        assert_eq!((p.width_mm, p.height_mm), (297.0, 210.0));
        let frames = p.items.iter().filter(|i| matches!(i, PageItem::Frame { color, .. } if *color == RED)).count();
        assert_eq!(frames, 2, "a double-line frame");
        assert!(p
            .items
            .iter()
            .any(|i| matches!(i, PageItem::Text { role, color, text, .. } if role == "title" && *color == RED && text == "荣誉证书")));
        let circle = p.items.iter().find_map(|i| match i {
            PageItem::Circle { cx_mm, cy_mm, r_mm, dash_pt, .. } => Some((*cx_mm, *cy_mm, *r_mm, dash_pt.len())),
            _ => None,
        });
        let (cx, cy, r, dashes) = circle.expect("a seal placeholder circle");
        assert!(dashes > 0 && r > 10.0);
        assert!(cx + r < 297.0 - 13.5 && cy + r < 210.0 - 13.5, "inside the frame");
        assert!(p.texts().any(|t| t == "盖章处"));
        // Near the issuer: the circle covers its line.
        let issuer_y = p
            .items
            .iter()
            .find_map(|i| match i {
                PageItem::Text { role, y_mm, .. } if role == "issuer" => Some(*y_mm),
                _ => None,
            })
            .unwrap();
        assert!((issuer_y - cy).abs() < r);
        // A seal image replaces the circle.
        let with_seal = CertificateTemplate { seal_image: Some("印章.png".into()), ..template() };
        let p = preview(&subject(Group::Enterprise, "甲"), None, &with_seal).unwrap();
        assert!(!p.items.iter().any(|i| matches!(i, PageItem::Circle { .. })));
        assert!(p.items.iter().any(|i| matches!(i, PageItem::Image { image: ImageRole::Seal, .. })));
    }

    #[test]
    fn a_unit_gets_the_spec_wording_and_no_date_is_said_in_the_preview() {
        let s = CertificateSubject {
            kind: SubjectKind::Unit,
            key: "长治学院".into(),
            group: None,
            group_label: String::new(),
            prize: "优秀组织单位奖".into(),
            project_no: String::new(),
            project_name: String::new(),
            entrant_name: "长治学院".into(),
            members: vec![],
        };
        let t = CertificateTemplate { date: None, ..template() };
        let p = preview(&s, None, &t).unwrap();
        assert_eq!(body(&p), "长治学院：在第十一届“创客中国”长治市中小企业创新创业大赛组织工作中成绩突出，被评为优秀组织单位。");
        assert!(p.texts().any(|t| t == "（未设颁发日期）"));
    }
}
