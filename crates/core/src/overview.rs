//! The dashboard: where the season stands and what to do next.
use serde::Serialize;

use crate::error::Result;
use crate::import::{latest_import, ImportRecord};
use crate::settings;
use crate::store::Store;

#[derive(Debug, Clone, Serialize)]
pub struct GroupCount {
    pub group: Option<String>,
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextStep {
    pub title: String,
    pub detail: String,
    pub route: String,
}

/// Where screening stands (SPEC §3: the dashboard warns at contest level about 未检查 rules).
#[derive(Debug, Clone, Serialize)]
pub struct ScreeningSummary {
    pub eligible: usize,
    pub ineligible: usize,
    pub review: usize,
    pub needs_reconfirmation: usize,
    pub unchecked: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Dashboard {
    pub contest_name: String,
    pub entries_total: i64,
    pub by_group: Vec<GroupCount>,
    pub entries_with_problems: i64,
    pub problems_total: i64,
    pub missing_total: i64,
    pub last_import: Option<ImportRecord>,
    pub screening: Option<ScreeningSummary>,
    pub next_step: NextStep,
}

pub fn dashboard(store: &Store) -> Result<Dashboard> {
    let st = settings::load(store)?;
    let c = store.conn();
    let count = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, [], |r| r.get(0))?) };
    let entries_total = count("SELECT count(*) FROM entries WHERE missing = 0")?;
    let entries_with_problems = count("SELECT count(*) FROM entries WHERE missing = 0 AND problem_count > 0")?;
    let missing_total = count("SELECT count(*) FROM entries WHERE missing = 1")?;
    let mut by_group = Vec::new();
    for g in &st.groups {
        let n: i64 = c.query_row("SELECT count(*) FROM entries WHERE missing = 0 AND group_code = ?1", [&g.code], |r| r.get(0))?;
        by_group.push(GroupCount { group: Some(g.code.clone()), name: g.name.clone(), count: n });
    }
    let unknown = count("SELECT count(*) FROM entries WHERE missing = 0 AND group_code IS NULL")?;
    if unknown > 0 {
        by_group.push(GroupCount { group: None, name: "组别未知".into(), count: unknown });
    }
    let last_import = latest_import(store)?;
    let problems_total = last_import.as_ref().map(|r| r.problems).unwrap_or(0);
    let screening = if entries_total > 0 {
        let verdicts = crate::screening::check(store)?;
        let n = |v: crate::rules::Verdict| verdicts.iter().filter(|e| e.verdict == v).count();
        Some(ScreeningSummary {
            eligible: n(crate::rules::Verdict::Eligible),
            ineligible: n(crate::rules::Verdict::Ineligible),
            review: n(crate::rules::Verdict::Review),
            needs_reconfirmation: verdicts.iter().filter(|e| e.needs_reconfirmation).count(),
            unchecked: crate::screening::unchecked_summary(&verdicts),
        })
    } else {
        None
    };
    let to_review = screening.as_ref().map(|s| s.review + s.needs_reconfirmation).unwrap_or(0);
    let next_step = if entries_total == 0 {
        NextStep { title: "导入报名数据".into(), detail: "从国家大赛平台导出报名表（.xlsx/.xls/.csv），在“报名导入”中导入。".into(), route: "/import".into() }
    } else if to_review > 0 {
        NextStep {
            title: "资格审查：处理待人工审核的项目".into(),
            detail: format!("有 {to_review} 个项目需要人工审核或重新确认；在“资格审查”中逐条查看规则结论，记录“符合/不符合”及理由。数据有误的项目可导出问题清单交推荐单位核实。"),
            route: "/screening".into(),
        }
    } else if entries_with_problems > 0 {
        NextStep {
            title: "处理导入问题".into(),
            detail: format!("有 {entries_with_problems} 个项目的数据存在问题，请在“报名项目”中逐个查看，或导出问题清单交各推荐单位核实。"),
            route: "/entries".into(),
        }
    } else {
        NextStep { title: "开始资格审查".into(), detail: "报名数据已导入且没有发现问题，下一步是资格审查。".into(), route: "/screening".into() }
    };
    Ok(Dashboard { contest_name: st.contest_name, entries_total, by_group, entries_with_problems, problems_total, missing_total, last_import, screening, next_step })
}
