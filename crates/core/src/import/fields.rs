//! The canonical fields an export's columns map to, their alias lists, and the header matcher.
use serde::Serialize;

use crate::text::{header_key, header_unit};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Code,
    IdNumber,
    Phone,
    Date,
    DateTime,
    Integer,
    Money,
    Bool,
    Group,
    Members,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FieldDef {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    #[serde(skip)]
    pub aliases: &'static [&'static str],
}

use FieldKind::*;

/// Alias lists hold normalised headers (see `text::header_key`): no brackets, spaces or punctuation.
/// Order matters only for ties: a longer alias found inside a header beats a shorter one.
pub const FIELDS: &[FieldDef] = &[
    FieldDef {
        key: "project_no",
        label: "项目编号",
        kind: Code,
        aliases: &["项目编号", "报名编号", "项目id", "项目代码", "参赛编号", "报名号", "项目号"],
    },
    FieldDef {
        key: "group", label: "参赛组别", kind: Group, aliases: &["参赛组别", "组别", "参赛类别", "赛道", "参赛组", "所属组别", "报名组别"]
    },
    FieldDef {
        key: "project_name", label: "项目名称", kind: Text, aliases: &["项目名称", "参赛项目名称", "参赛项目", "项目全称"]
    },
    FieldDef {
        key: "field",
        label: "所属领域",
        kind: Text,
        aliases: &["所属领域", "行业领域", "项目领域", "技术领域", "领域", "参赛领域", "所属产业领域"],
    },
    FieldDef {
        key: "entrant_name",
        label: "参赛主体名称",
        kind: Text,
        aliases: &[
            "企业名称",
            "参赛主体名称",
            "参赛主体",
            "企业团队名称",
            "团队名称",
            "参赛单位",
            "参赛单位名称",
            "单位名称",
            "企业全称",
            "申报主体",
            "申报单位",
        ],
    },
    FieldDef {
        key: "credit_code",
        label: "统一社会信用代码",
        kind: Code,
        aliases: &["统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "企业信用代码"],
    },
    FieldDef {
        key: "founded_on",
        label: "成立日期",
        kind: Date,
        aliases: &["成立日期", "成立时间", "注册时间", "注册日期", "企业成立时间", "企业成立日期", "登记日期"],
    },
    FieldDef {
        key: "address", label: "注册地址", kind: Text, aliases: &["注册地址", "住所", "企业注册地址", "注册地", "企业地址", "住所地"]
    },
    FieldDef {
        key: "county",
        label: "所在县区",
        kind: Text,
        aliases: &["所在地区", "所属区县", "所在县区", "县区", "所属县区", "所在区县", "地区", "区县", "所属地区"],
    },
    FieldDef {
        key: "industry",
        label: "所属行业",
        kind: Text,
        aliases: &["所属行业", "国民经济行业分类", "国民经济行业", "行业类别", "行业分类", "行业", "所属国民经济行业"],
    },
    FieldDef {
        key: "employees",
        label: "从业人员（人）",
        kind: Integer,
        aliases: &["从业人员", "从业人数", "员工人数", "职工人数", "员工数", "从业人员数", "企业人数", "在职人数"],
    },
    FieldDef {
        key: "revenue_wan",
        label: "营业收入（万元）",
        kind: Money,
        aliases: &["上年营业收入", "营业收入", "上年度营业收入", "主营业务收入", "年营业收入", "上一年度营业收入", "销售收入"],
    },
    FieldDef {
        key: "assets_wan", label: "资产总额（万元）", kind: Money, aliases: &["资产总额", "总资产", "资产总计", "上年资产总额"]
    },
    FieldDef {
        key: "on_market",
        label: "是否已进入市场",
        kind: Bool,
        aliases: &["产品是否已进入市场", "是否已进入市场", "是否进入市场", "已进入市场", "是否上市销售", "产品是否上市", "是否已上市"],
    },
    FieldDef {
        key: "ip_summary",
        label: "知识产权情况",
        kind: Text,
        aliases: &["知识产权情况", "知识产权", "专利情况", "知识产权概况", "自主知识产权"],
    },
    FieldDef {
        key: "ip_holder",
        label: "知识产权权利人",
        kind: Text,
        aliases: &["知识产权权利人", "知识产权所有人", "知识产权归属", "权利人", "专利权人", "知识产权持有人"],
    },
    FieldDef {
        key: "ip_dispute",
        label: "是否存在知识产权纠纷",
        kind: Bool,
        aliases: &["是否存在知识产权纠纷", "知识产权纠纷", "产权纠纷", "是否有知识产权纠纷", "有无产权纠纷", "是否存在产权纠纷"],
    },
    FieldDef {
        key: "dishonesty_declared",
        label: "是否有失信记录",
        kind: Bool,
        aliases: &["是否有失信记录", "失信记录", "失信情况", "是否存在严重失信", "有无失信记录", "是否失信"],
    },
    FieldDef {
        key: "members", label: "团队成员", kind: Members, aliases: &["团队成员", "核心成员", "团队核心成员", "团队成员名单", "成员"]
    },
    // The members' ID numbers and phones in a column of their own, in the names' order (paired by
    // position). Exact aliases so that "身份证号" inside them does not pull them to the leader's fields.
    FieldDef {
        key: "member_ids",
        label: "成员身份证号",
        kind: IdNumber,
        aliases: &[
            "成员身份证号",
            "成员身份证号码",
            "核心成员身份证号",
            "核心成员身份证号码",
            "团队成员身份证号",
            "团队成员身份证号码",
            "团队核心成员身份证号",
            "团队核心成员身份证号码",
            "成员证件号码",
            "成员证件号",
            "核心成员证件号码",
            "团队成员证件号码",
        ],
    },
    FieldDef {
        key: "member_phones",
        label: "成员手机号",
        kind: Phone,
        aliases: &[
            "成员手机号",
            "成员手机号码",
            "成员手机",
            "成员电话",
            "成员联系电话",
            "核心成员手机号",
            "核心成员手机号码",
            "核心成员手机",
            "核心成员电话",
            "核心成员联系电话",
            "团队成员手机号",
            "团队成员手机号码",
            "团队成员电话",
            "团队成员联系电话",
            "团队核心成员手机号",
            "团队核心成员电话",
        ],
    },
    FieldDef {
        key: "leader_name",
        label: "负责人姓名",
        kind: Text,
        aliases: &["项目负责人", "负责人", "负责人姓名", "团队负责人", "联系人", "联系人姓名", "法定代表人", "负责人信息姓名", "联系人信息姓名"],
    },
    FieldDef {
        key: "leader_id",
        label: "负责人身份证号",
        kind: IdNumber,
        aliases: &["负责人身份证号", "身份证号", "身份证号码", "证件号码", "负责人证件号码", "负责人身份证号码", "联系人身份证号", "证件号"],
    },
    FieldDef {
        key: "leader_phone",
        label: "负责人手机",
        kind: Phone,
        aliases: &["负责人手机", "手机", "手机号", "手机号码", "联系电话", "联系方式", "负责人电话", "联系人手机", "负责人联系电话", "电话"],
    },
    FieldDef {
        key: "unit", label: "推荐单位", kind: Text, aliases: &["推荐单位", "组织单位", "推荐机构", "推荐部门", "主管单位"]
    },
    FieldDef {
        key: "registered_at",
        label: "报名时间",
        kind: DateTime,
        aliases: &["报名时间", "提交时间", "报名日期", "填报时间", "申报时间", "报名提交时间"],
    },
    FieldDef {
        key: "site_status", label: "审核状态", kind: Text, aliases: &["审核状态", "报名状态", "状态", "审核结果", "项目状态"]
    },
];

pub fn field(key: &str) -> Option<&'static FieldDef> {
    FIELDS.iter().find(|f| f.key == key)
}

/// How well a header names a field: exact alias 3, alias inside the header 1 (+ longer is better).
fn score(key: &str, def: &FieldDef) -> Option<(u8, usize)> {
    if key.is_empty() {
        return None;
    }
    if def.aliases.contains(&key) {
        return Some((3, key.chars().count()));
    }
    def.aliases.iter().filter(|a| a.chars().count() >= 2 && key.contains(*a)).map(|a| (1, a.chars().count())).max()
}

/// The best field for one header text, with its score.
fn best_field(catalogue: &'static [FieldDef], key: &str) -> Option<(&'static FieldDef, (u8, usize))> {
    catalogue.iter().filter_map(|f| score(key, f).map(|s| (f, s))).max_by_key(|(_, s)| *s)
}

#[derive(Debug, Clone, Serialize, PartialEq, ts_rs::TS)]
#[ts(export)]
pub struct ColumnMap {
    pub index: usize,
    pub letter: String,
    /// The header as the file shows it (with the group header above it, when there is one).
    pub header: String,
    pub field: Option<&'static str>,
    pub unit: Option<&'static str>,
}

/// "A", "B", … "Z", "AA" — the column letters Excel shows.
pub fn column_letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Headers of row `row` with the group header of the row above filled in where Excel leaves it blank
/// (merged cells): returns per column (shown text, child key, parent+child key).
fn header_texts(rows: &[Vec<String>], row: usize) -> Vec<(String, String, String)> {
    let cur = &rows[row];
    let parent_row: Option<&Vec<String>> = row.checked_sub(1).map(|r| &rows[r]).filter(|p| p.iter().filter(|c| !c.trim().is_empty()).count() >= 2);
    let width = cur.len().max(parent_row.map(|p| p.len()).unwrap_or(0));
    let mut out = Vec::with_capacity(width);
    let mut last_parent = String::new();
    for c in 0..width {
        let child = cur.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
        let parent = match parent_row {
            Some(p) => {
                let v = p.get(c).map(|s| s.trim().to_string()).unwrap_or_default();
                if !v.is_empty() {
                    last_parent = v.clone();
                    v
                } else if !child.is_empty() {
                    last_parent.clone()
                } else {
                    String::new()
                }
            }
            None => String::new(),
        };
        let shown = match (parent.is_empty(), child.is_empty()) {
            (true, _) => child.clone(),
            (false, true) => parent.clone(),
            (false, false) if parent == child => child.clone(),
            (false, false) => format!("{parent}/{child}"),
        };
        let child_key = if child.is_empty() { header_key(&parent) } else { header_key(&child) };
        let joint_key = format!("{}{}", header_key(&parent), header_key(&child));
        out.push((shown, child_key, joint_key));
    }
    out
}

/// Maps the header row `row` of a grid of display texts to fields; each field at most once
/// (the best-scoring column wins; the others stay unmapped and are kept as extra).
pub fn map_header(rows: &[Vec<String>], row: usize) -> Vec<ColumnMap> {
    map_header_with(FIELDS, rows, row)
}

/// `map_header` against another field catalogue (the reference lists have their own).
pub fn map_header_with(catalogue: &'static [FieldDef], rows: &[Vec<String>], row: usize) -> Vec<ColumnMap> {
    let texts = header_texts(rows, row);
    let mut candidates: Vec<(usize, &'static FieldDef, (u8, usize))> = Vec::new();
    for (i, (_, child, joint)) in texts.iter().enumerate() {
        // The leaf name decides when it is an exact alias; the group header only helps otherwise
        // ("负责人信息/姓名" → 负责人姓名).
        let pick = match (best_field(catalogue, child), best_field(catalogue, joint)) {
            (Some((f, s)), _) if s.0 == 3 => Some((f, (s.0, s.1 + 100))),
            (_, Some((f, s))) if s.0 == 3 => Some((f, s)),
            (Some(c), _) => Some(c),
            (None, j) => j,
        };
        if let Some((f, s)) = pick {
            candidates.push((i, f, s));
        }
    }
    // Strongest claims first; ties go to the leftmost column.
    candidates.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut taken: Vec<&'static str> = Vec::new();
    let mut assigned: Vec<Option<&'static str>> = vec![None; texts.len()];
    for (i, f, _) in candidates {
        if !taken.contains(&f.key) {
            taken.push(f.key);
            assigned[i] = Some(f.key);
        }
    }
    texts
        .into_iter()
        .enumerate()
        .map(|(i, (shown, _, _))| {
            let key = assigned[i];
            let unit = match key.and_then(|k| catalogue.iter().find(|f| f.key == k)) {
                Some(def) if def.kind == Money => Some(header_unit(&shown).filter(|u| *u != "人").unwrap_or("万元")),
                Some(def) if def.kind == Integer => Some("人"),
                _ => None,
            };
            ColumnMap { index: i, letter: column_letter(i), header: shown, field: key, unit }
        })
        .collect()
}

/// How many distinct fields a row would map to: the header row is the best-scoring row.
pub fn header_score(rows: &[Vec<String>], row: usize) -> usize {
    header_score_with(FIELDS, rows, row)
}

pub fn header_score_with(catalogue: &'static [FieldDef], rows: &[Vec<String>], row: usize) -> usize {
    map_header_with(catalogue, rows, row).iter().filter(|c| c.field.is_some()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.iter().map(|s| s.to_string()).collect()).collect()
    }

    fn fields_of(m: &[ColumnMap]) -> Vec<Option<&'static str>> {
        m.iter().map(|c| c.field).collect()
    }

    #[test]
    fn exact_and_contained_aliases() {
        let g = grid(&[&["序号", "项目编号", "参赛组别", "项目名称", "企业名称", "统一社会信用代码（必填）", "上年营业收入（元）", "项目简介"]]);
        let m = map_header(&g, 0);
        assert_eq!(
            fields_of(&m),
            [None, Some("project_no"), Some("group"), Some("project_name"), Some("entrant_name"), Some("credit_code"), Some("revenue_wan"), None]
        );
        assert_eq!(m[6].unit, Some("元"));
        assert_eq!(m[7].letter, "H");
    }

    #[test]
    fn leader_columns_do_not_steal_each_other() {
        let g = grid(&[&["项目负责人", "负责人身份证号", "负责人手机", "联系电话"]]);
        assert_eq!(fields_of(&map_header(&g, 0)), [Some("leader_name"), Some("leader_id"), Some("leader_phone"), None]);
    }

    #[test]
    fn two_row_header_uses_the_group_header() {
        let g = grid(&[
            &["报名编号", "组别", "企业信息", "", "负责人信息", "", ""],
            &["", "", "参赛主体名称", "社会信用代码", "姓名", "证件号码", "联系电话"],
        ]);
        let m = map_header(&g, 1);
        assert_eq!(
            fields_of(&m),
            [
                Some("project_no"),
                Some("group"),
                Some("entrant_name"),
                Some("credit_code"),
                Some("leader_name"),
                Some("leader_id"),
                Some("leader_phone")
            ]
        );
        assert_eq!(m[4].header, "负责人信息/姓名");
        assert!(header_score(&g, 1) > header_score(&g, 0));
    }

    #[test]
    fn member_id_and_phone_columns_are_their_own_fields() {
        let g = grid(&[&["团队核心成员", "核心成员身份证号", "成员手机号", "项目负责人", "身份证号", "手机"]]);
        assert_eq!(
            fields_of(&map_header(&g, 0)),
            [Some("members"), Some("member_ids"), Some("member_phones"), Some("leader_name"), Some("leader_id"), Some("leader_phone")]
        );
        // Without a leader ID column the members' IDs still do not become the leader's.
        let g = grid(&[&["团队成员", "团队成员身份证号码（按顺序）", "核心成员电话"]]);
        assert_eq!(fields_of(&map_header(&g, 0)), [Some("members"), Some("member_ids"), Some("member_phones")]);
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn every_alias_is_normalised() {
        for f in FIELDS {
            for a in f.aliases {
                assert_eq!(header_key(a), *a, "alias {a} of {}", f.key);
            }
        }
    }
}
