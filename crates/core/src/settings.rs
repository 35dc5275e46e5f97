//! Contest settings (SPEC §2 step 1), pre-filled for the 11th 长治 edition and editable.
//! Stored one key per row as JSON; the defaults live here, so a new key needs no migration.
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};
use crate::model::{Group, Round};
use crate::store::Store;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupSetting {
    pub code: Group,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct Settings {
    pub contest_name: String,
    pub edition: String,
    pub year: i32,
    pub city: String,
    pub organizer: String,
    /// Registration deadline (报名截止), inclusive to 23:59:59 Beijing time.
    pub deadline: NaiveDate,
    /// Reference date for company age (创业组 "成立不满2年"); default: the deadline.
    pub reference_date: NaiveDate,
    pub groups: Vec<GroupSetting>,
    pub organizing_units: Vec<String>,
    /// 个体工商户 (credit code 92…) in 企业组: "review" (default, a person decides), "allow" or "refuse".
    pub individual_business_in_enterprise_group: String,
    /// The score sheet of each group: criteria and maximum points (DOMAIN §4.3 defaults; load the
    /// official sheet each year).
    pub score_sheets: Vec<ScoreSheet>,
    /// Drop one highest and one lowest judge total when at least this many judges are valid.
    pub trim_min_judges: u32,
    /// An entry with fewer valid judges than this is flagged.
    pub min_valid_judges: u32,
    /// Rounds whose paper sheets carry only a 总分 (no breakdown): the grid keys one total per judge and
    /// entry, and the printed and xlsx sheets have only a 总分 column. Empty by default.
    pub total_only_rounds: Vec<Round>,
    /// How many entries per group the preliminary round sends to the final (初赛 → 决赛).
    pub final_top_n: u32,
    /// Prizes per group and level (SPEC §6; default per group 一等奖1 二等奖2 三等奖3 优胜奖10).
    pub award_quotas: Vec<AwardQuota>,
    /// Cash per level in 元 (default the 晋城 2024 pattern: 30000 / 20000 / 10000 / 5000).
    pub award_cash: AwardCash,
    /// Entries per group recommended to the provincial contest (省定推荐项目数).
    pub provincial_quotas: Vec<GroupCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AwardQuota {
    pub group: Group,
    pub first: u32,
    pub second: u32,
    pub third: u32,
    pub excellence: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AwardCash {
    pub first: i64,
    pub second: i64,
    pub third: i64,
    pub excellence: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
// The dashboard has its own `GroupCount`; generated file names are type names.
#[ts(export, rename = "GroupQuota")]
pub struct GroupCount {
    pub group: Group,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScoreSheet {
    pub group: Group,
    pub criteria: Vec<Criterion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Criterion {
    pub name: String,
    /// Maximum points.
    pub max: u32,
}

/// The full marks of a sheet without criteria (only a 总分 is keyed).
pub const TOTAL_ONLY_MAX: u32 = 100;

impl ScoreSheet {
    /// Full marks: the criteria's maxima summed, or [`TOTAL_ONLY_MAX`] for a sheet without criteria.
    pub fn max_total(&self) -> u32 {
        if self.criteria.is_empty() {
            TOTAL_ONLY_MAX
        } else {
            self.criteria.iter().map(|c| c.max).sum()
        }
    }
}

fn sheet(group: Group, criteria: &[(&str, u32)]) -> ScoreSheet {
    ScoreSheet { group, criteria: criteria.iter().map(|(n, m)| Criterion { name: (*n).into(), max: *m }).collect() }
}

/// DOMAIN §4.3 (illustrative defaults, to be replaced by the official sheet).
pub fn default_score_sheets() -> Vec<ScoreSheet> {
    vec![
        sheet(Group::Enterprise, &[("技术/产品创新", 30), ("市场前景", 20), ("商业模式", 15), ("团队", 15), ("经营与财务", 10), ("社会效益", 10)]),
        sheet(Group::Startup, &[("创新性", 30), ("可行性/商业模式", 25), ("市场前景", 20), ("团队", 15), ("社会效益", 10)]),
    ]
}

impl Settings {
    /// The score sheet of a group; None when the group has none.
    pub fn score_sheet(&self, group: Group) -> Option<&ScoreSheet> {
        self.score_sheets.iter().find(|s| s.group == group)
    }

    /// Whether a round keys only a 总分 per judge and entry.
    pub fn total_only(&self, round: Round) -> bool {
        self.total_only_rounds.contains(&round)
    }

    /// The prize quota of a group (none set → no prizes).
    pub fn award_quota(&self, group: Group) -> AwardQuota {
        self.award_quotas.iter().find(|q| q.group == group).cloned().unwrap_or(AwardQuota { group, first: 0, second: 0, third: 0, excellence: 0 })
    }

    pub fn provincial_quota(&self, group: Group) -> u32 {
        self.provincial_quotas.iter().find(|q| q.group == group).map(|q| q.count).unwrap_or(0)
    }
}

impl Default for Settings {
    fn default() -> Self {
        let deadline = NaiveDate::from_ymd_opt(2026, 7, 10).expect("valid constant date");
        Settings {
            contest_name: "第十一届“创客中国”长治市中小企业创新创业大赛".into(),
            edition: "第十一届".into(),
            year: 2026,
            city: "长治市".into(),
            organizer: "长治市工业和信息化局".into(),
            deadline,
            reference_date: deadline,
            groups: vec![
                GroupSetting { code: Group::Enterprise, name: Group::Enterprise.label().into() },
                GroupSetting { code: Group::Startup, name: Group::Startup.label().into() },
            ],
            organizing_units: DEFAULT_UNITS.iter().map(|s| s.to_string()).collect(),
            individual_business_in_enterprise_group: "review".into(),
            score_sheets: default_score_sheets(),
            trim_min_judges: 5,
            min_valid_judges: 3,
            total_only_rounds: Vec::new(),
            final_top_n: 20,
            award_quotas: Group::ALL.iter().map(|g| AwardQuota { group: *g, first: 1, second: 2, third: 3, excellence: 10 }).collect(),
            award_cash: AwardCash { first: 30_000, second: 20_000, third: 10_000, excellence: 5_000 },
            provincial_quotas: Group::ALL.iter().map(|g| GroupCount { group: *g, count: 5 }).collect(),
        }
    }
}

/// The notice's addressees and Changzhi's universities and colleges (DOMAIN §6).
pub const DEFAULT_UNITS: &[&str] = &[
    "潞州区工信局",
    "上党区工信局",
    "屯留区工信局",
    "潞城区工信局",
    "襄垣县工信局",
    "平顺县工信局",
    "黎城县工信局",
    "壶关县工信局",
    "长子县工信局",
    "武乡县工信局",
    "沁县工信局",
    "沁源县工信局",
    "长治高新区经济运行与安全监管部",
    "长治经开区发展规划部",
    "长治学院",
    "长治医学院",
    "长治职业技术学院",
    "山西机电职业技术学院",
    "长治幼儿师范高等专科学校",
    "潞安职业技术学院",
];

impl Settings {
    pub fn validate(&self) -> Result<()> {
        let bad = |field: &str, m: &str| Err(CoreError::validation(Some(field), m));
        if self.contest_name.trim().is_empty() {
            return bad("contest_name", "赛事名称不能为空。");
        }
        if !(2000..=2100).contains(&self.year) {
            return bad("year", "赛事年份应在 2000 到 2100 之间。");
        }
        if self.groups.is_empty() || self.groups.iter().any(|g| g.name.trim().is_empty()) {
            return bad("groups", "至少需要一个组别，且组别名称不能为空。");
        }
        if !matches!(self.individual_business_in_enterprise_group.as_str(), "review" | "allow" | "refuse") {
            return bad(
                "individual_business_in_enterprise_group",
                "个体工商户参加企业组的处理方式只能是 review（人工审核）、allow（允许）或 refuse（不允许）。",
            );
        }
        for sh in &self.score_sheets {
            // No criteria: the group's sheet is a lone 总分 out of `TOTAL_ONLY_MAX`.
            let mut names = std::collections::HashSet::new();
            for c in &sh.criteria {
                if c.name.trim().is_empty() || c.max == 0 || c.max > 1000 {
                    return Err(CoreError::validation(
                        Some("score_sheets"),
                        format!("评分表（{}）中的评分标准需要名称，满分应在 1 到 1000 分之间。", sh.group),
                    ));
                }
                if !names.insert(c.name.trim()) || c.name.trim() == "总分" {
                    return Err(CoreError::validation(
                        Some("score_sheets"),
                        format!("评分表（{}）中的评分标准“{}”重复或与“总分”同名。", sh.group, c.name.trim()),
                    ));
                }
            }
        }
        if self.trim_min_judges < 3 {
            return bad("trim_min_judges", "“去掉最高分和最低分”的起始评委人数不能小于 3。");
        }
        if self.min_valid_judges < 1 {
            return bad("min_valid_judges", "每个项目的最低有效评委人数至少为 1。");
        }
        if self.final_top_n < 1 {
            return bad("final_top_n", "每组进入决赛的项目数至少为 1。");
        }
        let c = &self.award_cash;
        if [c.first, c.second, c.third, c.excellence].iter().any(|v| *v < 0) {
            return bad("award_cash", "奖金金额不能为负数。");
        }
        let mut units = std::collections::HashSet::new();
        for u in &self.organizing_units {
            if u.trim().is_empty() {
                return bad("organizing_units", "组织单位名称不能为空。");
            }
            if !units.insert(u.trim()) {
                return Err(CoreError::validation(Some("organizing_units"), format!("组织单位“{}”重复了，请删除其中一个。", u.trim())));
            }
        }
        Ok(())
    }

    fn keys() -> Vec<String> {
        match serde_json::to_value(Settings::default()) {
            Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
            _ => Vec::new(),
        }
    }
}

/// The settings in force: defaults overlaid with what the contest file stores.
pub fn load(store: &Store) -> Result<Settings> {
    load_from(store.conn())
}

/// The same, from a connection (or an action's transaction).
pub fn load_from(conn: &Connection) -> Result<Settings> {
    let mut obj = match serde_json::to_value(Settings::default()) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    for (k, v) in crate::store::settings::all(conn)? {
        if let Ok(v) = serde_json::from_str(&v) {
            obj.insert(k, v);
        }
    }
    serde_json::from_value(serde_json::Value::Object(obj))
        .map_err(|e| CoreError::precondition(format!("赛事文件中的设置无法读取（{e}），请在“赛事设置”中重新保存。")))
}

/// Validated settings as the rows to store: (key, JSON value). `actions::settings::save` stores them.
pub fn to_rows(settings: &Settings) -> Result<Vec<(String, String)>> {
    settings.validate()?;
    let value = serde_json::to_value(settings).map_err(|e| CoreError::validation(None, e.to_string()))?;
    Ok(match value {
        serde_json::Value::Object(m) => m.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
        _ => Vec::new(),
    })
}

/// One setting as JSON (`saiwu settings get KEY`); all of them when `key` is None.
pub fn get(store: &Store, key: Option<&str>) -> Result<serde_json::Value> {
    let all = serde_json::to_value(load(store)?).map_err(|e| CoreError::validation(None, e.to_string()))?;
    match key {
        None => Ok(all),
        Some(k) => all.get(k).cloned().ok_or_else(|| unknown_key(k)),
    }
}

/// The settings with one of them changed from text (`saiwu settings set KEY VALUE`): JSON when it
/// parses as JSON of the right type, else the plain text. Validated whole by `to_rows` when stored.
pub fn with_text(current: &Settings, key: &str, value: &str) -> Result<Settings> {
    if !Settings::keys().iter().any(|k| k == key) {
        return Err(unknown_key(key));
    }
    let mut obj = match serde_json::to_value(current) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    };
    let parsed = serde_json::from_str::<serde_json::Value>(value).unwrap_or_else(|_| serde_json::Value::String(value.into()));
    let mut attempt = obj.clone();
    attempt.insert(key.into(), parsed);
    match serde_json::from_value(serde_json::Value::Object(attempt)) {
        Ok(s) => Ok(s),
        Err(_) => {
            // "2026" for a text field parses as a number: retry as plain text before giving up.
            obj.insert(key.into(), serde_json::Value::String(value.into()));
            serde_json::from_value(serde_json::Value::Object(obj)).map_err(|e| {
                CoreError::validation(Some(key), format!("设置项 {key} 的值“{value}”格式不对（{e}）。日期请写成 2026-07-10，列表请写成 JSON 数组。"))
            })
        }
    }
}

fn unknown_key(k: &str) -> CoreError {
    CoreError::validation(Some(k), format!("没有名为“{k}”的设置项。可用的设置项：{}。", Settings::keys().join("、")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-group settings keep their JSON (the group's code) and refuse a group that does not exist.
    #[test]
    fn per_group_settings_are_typed_and_keep_their_json() {
        let rows = to_rows(&Settings::default()).unwrap();
        let quotas = &rows.iter().find(|(k, _)| k == "award_quotas").unwrap().1;
        assert!(quotas.starts_with(r#"[{"excellence":10,"first":1,"group":"enterprise","#), "{quotas}");
        let s = with_text(&Settings::default(), "provincial_quotas", r#"[{"group":"startup","count":3}]"#).unwrap();
        assert_eq!((s.provincial_quota(Group::Startup), s.provincial_quota(Group::Enterprise)), (3, 0));
        let err = with_text(&Settings::default(), "provincial_quotas", r#"[{"group":"junior","count":3}]"#).unwrap_err();
        assert_eq!(err.field(), Some("provincial_quotas"));
        assert!(err.to_string().contains("junior"), "{err}");
    }
}
