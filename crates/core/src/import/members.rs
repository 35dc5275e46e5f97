//! Team members: listed in one cell ("张三（1404…）、李四，王五") or on a members sheet keyed by
//! 项目编号.
use serde::{Deserialize, Serialize};

use crate::text::{clean_code, clean_text, header_key, nfkc};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Person {
    pub name: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
}

/// Splits a members cell into people. Separators: 、，,;；/| and line breaks; an ID number or a phone
/// may follow the name in brackets or after a space or colon. Bracketed words that are neither
/// (a role such as "负责人") are dropped; the raw cell stays with the entry.
pub fn parse_cell(cell: &str) -> Vec<Person> {
    let mut out = Vec::new();
    for item in cell.split(['、', '，', ',', ';', '；', '/', '|', '\n', '\r']) {
        let folded = nfkc(item);
        let spaced: String =
            folded.chars().map(|c| if matches!(c, '(' | ')' | '[' | ']' | ':' | '【' | '】' | '<' | '>') { ' ' } else { c }).collect();
        let mut p = Person::default();
        let mut name_parts: Vec<String> = Vec::new();
        let mut in_role = false;
        for tok in spaced.split_whitespace() {
            let code = clean_code(tok);
            let digits = code.bytes().filter(u8::is_ascii_digit).count();
            if digits >= 15 && (code.len() == 18 || code.len() == 15) {
                p.id_number.get_or_insert(code);
            } else if code.len() == 11 && digits == 11 && code.starts_with('1') {
                p.phone.get_or_insert(code);
            } else if name_parts.is_empty() || !in_role {
                if !name_parts.is_empty() {
                    in_role = true; // a second word is a role or title, not part of the name
                    continue;
                }
                name_parts.push(clean_text(tok));
            }
        }
        p.name = name_parts.into_iter().next().filter(|n| !n.is_empty());
        if p.name.is_some() || p.id_number.is_some() {
            out.push(p);
        }
    }
    out
}

/// Columns of a members sheet, found by header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MembersColumns {
    pub project_no: usize,
    pub name: usize,
    pub id_number: Option<usize>,
    pub phone: Option<usize>,
}

/// Recognises a members sheet's header row: it names the project number and a person's name.
pub fn members_columns(header: &[String]) -> Option<MembersColumns> {
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let find = |names: &[&str]| keys.iter().position(|k| names.contains(&k.as_str()));
    Some(MembersColumns {
        project_no: find(&["项目编号", "报名编号", "项目id", "参赛编号"])?,
        name: find(&["姓名", "成员姓名", "成员", "团队成员", "核心成员", "成员名称"])?,
        id_number: find(&["身份证号", "身份证号码", "证件号码", "证件号", "成员身份证号"]),
        phone: find(&["手机", "手机号", "手机号码", "联系电话", "电话"]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str, id: Option<&str>, phone: Option<&str>) -> Person {
        Person { name: Some(name.into()), id_number: id.map(Into::into), phone: phone.map(Into::into) }
    }

    #[test]
    fn one_cell_with_mixed_separators() {
        let got = parse_cell("张三（14040219900101123x）、李四(140403199205061234)；王五\n赵六 13812345678，孙七：110105194912310021/周八（负责人）");
        assert_eq!(
            got,
            vec![
                p("张三", Some("14040219900101123X"), None),
                p("李四", Some("140403199205061234"), None),
                p("王五", None, None),
                p("赵六", None, Some("13812345678")),
                p("孙七", Some("110105194912310021"), None),
                p("周八", None, None),
            ]
        );
    }

    #[test]
    fn empty_and_noise_items_are_skipped() {
        assert!(parse_cell("、、 ，").is_empty());
        assert_eq!(parse_cell("欧阳 娜娜").len(), 1);
    }

    #[test]
    fn members_sheet_header() {
        let h: Vec<String> = ["项目编号", "姓名", "身份证号", "手机", "职务"].iter().map(|s| s.to_string()).collect();
        assert_eq!(members_columns(&h), Some(MembersColumns { project_no: 0, name: 1, id_number: Some(2), phone: Some(3) }));
        let h: Vec<String> = ["项目名称", "企业名称"].iter().map(|s| s.to_string()).collect();
        assert_eq!(members_columns(&h), None);
    }
}
