//! Characters a certificate would print as blanks: the embedded font has no glyph for them. A rare
//! character in a person's or company's name is exactly where a blank hurts, so the 证书 page and
//! `saiwu certificates` list them before anything is printed.
use serde::Serialize;

use super::{CertificateSubject, CertificateTemplate};
use crate::error::Result;
use crate::pdf::missing_glyphs;

/// One text with characters the font lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GlyphGap {
    /// Whose certificate: "项目编号 获奖主体", a unit's name, or 证书模板.
    pub whose: String,
    /// 获奖主体 / 项目名称 / 团队成员 / the template field's label.
    pub field: String,
    /// The text as it would be printed.
    pub text: String,
    /// The characters without a glyph, e.g. "𠈌".
    pub missing: String,
    /// The warning as the 证书 page and the CLI show it.
    pub message: String,
}

fn check(out: &mut Vec<GlyphGap>, whose: &str, field: &str, text: &str) -> Result<()> {
    let missing = missing_glyphs(text)?;
    if !missing.is_empty() {
        let missing: String = missing.into_iter().collect();
        out.push(GlyphGap {
            message: format!("{whose}的{field}“{text}”中的“{missing}”字体中没有，打印出来是空白：请核对是否录错；确需此字时请打印后手写补齐。"),
            whose: whose.to_string(),
            field: field.to_string(),
            text: text.to_string(),
            missing,
        });
    }
    Ok(())
}

/// Every printed text of the template and of each subject, checked against the embedded font.
pub fn glyph_gaps(subjects: &[CertificateSubject], template: &CertificateTemplate) -> Result<Vec<GlyphGap>> {
    let mut out = Vec::new();
    let t = template;
    for (field, text) in [
        ("标题", &t.title),
        ("正文", &t.body),
        ("单位证书正文", &t.unit_body),
        ("成员行", &t.members_line),
        ("落款单位", &t.issuer),
        ("日期行", &t.date_line),
        ("编号行", &t.number_line),
        ("赛事名称", &t.contest_name),
        ("主办单位", &t.organizer),
    ] {
        check(&mut out, "证书模板", field, text)?;
    }
    for s in subjects {
        let whose = if s.project_no.is_empty() { s.entrant_name.clone() } else { format!("{} {}", s.project_no, s.entrant_name) };
        check(&mut out, &whose, "获奖主体", &s.entrant_name)?;
        check(&mut out, &whose, "项目名称", &s.project_name)?;
        check(&mut out, &whose, "团队成员", &s.members.join("、"))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certificates::SubjectKind;

    fn subject(entrant: &str, project: &str, members: &[&str]) -> CertificateSubject {
        CertificateSubject {
            kind: SubjectKind::Award,
            key: "k1".into(),
            group: Some(crate::model::Group::Startup),
            group_label: "创业组".into(),
            prize: "一等奖".into(),
            project_no: "CZ-001".into(),
            project_name: project.into(),
            entrant_name: entrant.into(),
            members: members.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn common_text_and_the_default_template_have_every_glyph() {
        let subjects = [subject("长治市潞州区智造科技有限公司（团队）", "基于 AI 的煤矿安全巡检机器人 2.0", &["王小明", "李䶮"])];
        assert_eq!(glyph_gaps(&subjects, &CertificateTemplate::default()).unwrap(), vec![]);
    }

    #[test]
    fn a_character_the_font_lacks_is_named_with_its_text() {
        // An emoji pasted into a project name, and a private-use character standing in for a rare name glyph.
        let subjects = [subject("张三团队", "智慧农业😀平台", &["王小明", "刘\u{E000}"])];
        let gaps = glyph_gaps(&subjects, &CertificateTemplate::default()).unwrap();
        assert_eq!(gaps.len(), 2, "{gaps:?}");
        assert_eq!((gaps[0].field.as_str(), gaps[0].missing.as_str()), ("项目名称", "😀"));
        assert_eq!((gaps[1].field.as_str(), gaps[1].missing.as_str()), ("团队成员", "\u{E000}"));
        assert_eq!(gaps[0].whose, "CZ-001 张三团队");
        assert!(gaps[0].message.contains("项目名称“智慧农业😀平台”中的“😀”字体中没有"), "{}", gaps[0].message);
    }

    #[test]
    fn the_template_is_checked_too() {
        let t = CertificateTemplate { issuer: "长治市工业和信息化局🏛".into(), ..CertificateTemplate::default() };
        let gaps = glyph_gaps(&[], &t).unwrap();
        assert_eq!(gaps.len(), 1);
        assert_eq!((gaps[0].whose.as_str(), gaps[0].field.as_str()), ("证书模板", "落款单位"));
    }
}
