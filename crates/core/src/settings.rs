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
    /// Prizes per group and level (SPEC §6, §12; default per group 一等奖1 二等奖2 三等奖3 优胜奖10).
    pub award_quota: GroupAwardQuota,
    /// Cash per group and level in 元 (default the 晋城 2024 pattern: 30000 / 20000 / 10000 / 5000).
    pub award_cash: GroupAwardCash,
    /// Entries per group recommended to the provincial contest (省定推荐项目数).
    pub provincial_quota: ProvincialQuota,
    /// Where the final is held (决赛地点), for the letters and the order sheet.
    pub venue: String,
    /// The final's date; None until the committee fixes it.
    pub final_date: Option<NaiveDate>,
    /// When the first roadshow starts (HH:MM).
    pub final_start: String,
    /// Minutes per roadshow slot (presentation, questions and the change-over).
    pub slot_minutes: u32,
    /// The secretariat's contacts as the notice names them.
    pub contacts: Vec<Contact>,
    /// The notice's timeline (SPEC §12), with countdowns on the dashboard.
    pub milestones: Milestones,
    /// Which optional rounds are held (SPEC §12 "Rounds"): `rounds.semifinal` turns the 复赛 on.
    pub rounds: RoundsSetting,
}

/// `rounds` {semifinal}: the optional 复赛 between the 初赛 and the 决赛 (the notice's timeline names
/// 初赛、复赛). Off by default; `saiwu settings set rounds.semifinal true`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct RoundsSetting {
    pub semifinal: bool,
}

/// A secretariat contact (the notice's 联系人 and 联系电话).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

/// The notice's dates (一、时间安排): registration, the city's rounds, the recommendation to the province,
/// the provincial results, the end of the follow-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Milestones {
    pub registration_end: NaiveDate,
    pub rounds_done: NaiveDate,
    pub recommendation: NaiveDate,
    pub provincial_results: NaiveDate,
    pub followup_end: NaiveDate,
}

impl Milestones {
    /// Each milestone with its Chinese name, in the notice's order.
    pub fn named(&self) -> [(&'static str, &'static str, NaiveDate); 5] {
        [
            ("registration_end", "报名截止", self.registration_end),
            ("rounds_done", "完成市级初赛、复赛", self.rounds_done),
            ("recommendation", "向省工信厅推荐省赛项目", self.recommendation),
            ("provincial_results", "省级决赛及服务活动", self.provincial_results),
            ("followup_end", "赛后系列服务结束", self.followup_end),
        ]
    }
}

/// Prizes of one group per level. Signed, so a negative number from the CLI gets a message naming
/// the field instead of a parse error.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AwardQuota {
    pub first: i64,
    pub second: i64,
    pub third: i64,
    pub excellence: i64,
}

/// `award_quota` (SPEC §12): {enterprise, startup} → prizes per level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupAwardQuota {
    pub enterprise: AwardQuota,
    pub startup: AwardQuota,
}

/// Cash of one group per level, in 元.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct AwardCash {
    pub first: i64,
    pub second: i64,
    pub third: i64,
    pub excellence: i64,
}

/// `award_cash` (SPEC §12): {enterprise, startup} → cash per level in 元. The old flat shape
/// {first, second, third, excellence} reads as the same amounts for both groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupAwardCash {
    pub enterprise: AwardCash,
    pub startup: AwardCash,
}

impl<'de> Deserialize<'de> for GroupAwardCash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Shape {
            PerGroup { enterprise: AwardCash, startup: AwardCash },
            Flat(AwardCash),
        }
        match Shape::deserialize(d) {
            Ok(Shape::PerGroup { enterprise, startup }) => Ok(GroupAwardCash { enterprise, startup }),
            Ok(Shape::Flat(c)) => Ok(GroupAwardCash { enterprise: c.clone(), startup: c }),
            Err(_) => Err(serde::de::Error::custom(
                "奖金应写成 {\"enterprise\":{\"first\":30000,\"second\":20000,\"third\":10000,\"excellence\":5000},\"startup\":{…}}（单位：元）",
            )),
        }
    }
}

/// `provincial_quota` (SPEC §12): entries per group recommended to the provincial contest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ProvincialQuota {
    pub enterprise: i64,
    pub startup: i64,
}

/// The upper bounds the form and the CLI accept: far above any real contest, low enough to catch a
/// slipped digit (a prize count typed as 100, cash typed in 分).
pub const MAX_AWARDS_PER_LEVEL: i64 = 99;
pub const MAX_CASH_YUAN: i64 = 1_000_000;
pub const MAX_PROVINCIAL: i64 = 99;

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

    /// The rounds in force, in order (初赛, 复赛 when enabled, 决赛).
    pub fn enabled_rounds(&self) -> Vec<Round> {
        Round::enabled(self.rounds.semifinal)
    }

    /// The round whose ranking feeds `round` (None for the 初赛).
    pub fn previous_round(&self, round: Round) -> Option<Round> {
        round.previous_enabled(self.rounds.semifinal)
    }

    /// The round `round`'s top entries advance to (None for the 决赛); the letters name it.
    pub fn next_round(&self, round: Round) -> Option<Round> {
        round.next_enabled(self.rounds.semifinal)
    }

    /// `round` when it is held this season; the 复赛 while it is off is refused with what to do.
    pub fn check_round(&self, round: Round) -> Result<Round> {
        round.check_enabled(self.rounds.semifinal)
    }

    /// The prize quota of a group.
    pub fn award_quota(&self, group: Group) -> &AwardQuota {
        match group {
            Group::Enterprise => &self.award_quota.enterprise,
            Group::Startup => &self.award_quota.startup,
        }
    }

    /// The cash per level of a group, in 元.
    pub fn award_cash(&self, group: Group) -> &AwardCash {
        match group {
            Group::Enterprise => &self.award_cash.enterprise,
            Group::Startup => &self.award_cash.startup,
        }
    }

    pub fn provincial_quota(&self, group: Group) -> u32 {
        let n = match group {
            Group::Enterprise => self.provincial_quota.enterprise,
            Group::Startup => self.provincial_quota.startup,
        };
        u32::try_from(n).unwrap_or(0)
    }
}

impl Default for Settings {
    fn default() -> Self {
        let deadline = NaiveDate::from_ymd_opt(2026, 7, 10).expect("valid constant date");
        let quota = AwardQuota { first: 1, second: 2, third: 3, excellence: 10 };
        let cash = AwardCash { first: 30_000, second: 20_000, third: 10_000, excellence: 5_000 };
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
            award_quota: GroupAwardQuota { enterprise: quota.clone(), startup: quota },
            award_cash: GroupAwardCash { enterprise: cash.clone(), startup: cash },
            provincial_quota: ProvincialQuota { enterprise: 5, startup: 5 },
            venue: String::new(),
            final_date: None,
            final_start: "09:00".into(),
            slot_minutes: 15,
            // The notice's 六、联系方式 (长治市工信局中小企业科).
            contacts: vec![
                Contact { name: "杨希".into(), phone: "0355-3032370".into() },
                Contact { name: "宋旭日".into(), phone: "0355-3032370".into() },
            ],
            milestones: Milestones {
                registration_end: deadline,
                rounds_done: date(2026, 7, 30),
                recommendation: date(2026, 8, 5),
                provincial_results: date(2026, 9, 10),
                followup_end: date(2026, 12, 31),
            },
            rounds: RoundsSetting::default(),
        }
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid constant date")
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
        for g in Group::ALL {
            let q = self.award_quota(g);
            let c = self.award_cash(g);
            for (level, n, yuan) in
                [("一等奖", q.first, c.first), ("二等奖", q.second, c.second), ("三等奖", q.third, c.third), ("优胜奖", q.excellence, c.excellence)]
            {
                if !(0..=MAX_AWARDS_PER_LEVEL).contains(&n) {
                    return Err(CoreError::validation(
                        Some("award_quota"),
                        format!("获奖名额：{}{level}的名额是 {n}，应为 0 到 {MAX_AWARDS_PER_LEVEL} 之间的整数。", g.label()),
                    ));
                }
                if !(0..=MAX_CASH_YUAN).contains(&yuan) {
                    return Err(CoreError::validation(
                        Some("award_cash"),
                        format!("奖金：{}{level}的奖金是 {yuan} 元，应为 0 到 {MAX_CASH_YUAN} 元之间的整数（单位是元，不是万元）。", g.label()),
                    ));
                }
            }
            let p = match g {
                Group::Enterprise => self.provincial_quota.enterprise,
                Group::Startup => self.provincial_quota.startup,
            };
            if !(0..=MAX_PROVINCIAL).contains(&p) {
                return Err(CoreError::validation(
                    Some("provincial_quota"),
                    format!("推荐省赛名额：{}是 {p}，应为 0 到 {MAX_PROVINCIAL} 之间的整数。", g.label()),
                ));
            }
        }
        self.validate_schedule()?;
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

    /// The final's time and place, the contacts and the timeline.
    fn validate_schedule(&self) -> Result<()> {
        let bad = |field: &str, m: String| Err(CoreError::validation(Some(field), m));
        if chrono::NaiveTime::parse_from_str(self.final_start.trim(), "%H:%M").is_err() {
            return bad("final_start", format!("决赛开始时间“{}”无效，请写成 09:00 这样的 24 小时制时间。", self.final_start));
        }
        if !(5..=120).contains(&self.slot_minutes) {
            return bad("slot_minutes", format!("每个路演时段 {} 分钟不合理：应为 5 到 120 分钟。", self.slot_minutes));
        }
        if self.venue.chars().count() > 100 {
            return bad("venue", "决赛地点过长（最多 100 个字）。".into());
        }
        for (i, c) in self.contacts.iter().enumerate() {
            if c.name.trim().is_empty() {
                return bad("contacts", format!("第 {} 位联系人没有填写姓名。", i + 1));
            }
            let digits = c.phone.chars().filter(char::is_ascii_digit).count();
            let allowed = c.phone.chars().all(|ch| ch.is_ascii_digit() || " -—－()（）+".contains(ch));
            if !allowed || !(7..=13).contains(&digits) {
                return bad("contacts", format!("联系人“{}”的电话“{}”无效：应为 7 到 13 位数字（可带区号和短横线）。", c.name.trim(), c.phone));
            }
        }
        let named = self.milestones.named();
        for w in named.windows(2) {
            if w[1].2 < w[0].2 {
                return bad("milestones", format!("时间安排：“{}”（{}）早于“{}”（{}），请检查。", w[1].1, w[1].2, w[0].1, w[0].2));
            }
        }
        if let Some(d) = self.final_date {
            if d < self.milestones.registration_end {
                return bad("final_date", format!("决赛日期 {d} 早于报名截止日 {}，请检查。", self.milestones.registration_end));
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
    let rows = crate::store::settings::all(conn)?;
    // Older files' keys first, so a key stored under today's name wins over its old form.
    for (k, v) in &rows {
        if let Some((key, value)) = serde_json::from_str(v).ok().and_then(|v| from_legacy(k, &v)) {
            obj.insert(key.into(), value);
        }
    }
    for (k, v) in rows {
        if let Ok(v) = serde_json::from_str(&v) {
            obj.insert(k, v);
        }
    }
    serde_json::from_value(serde_json::Value::Object(obj))
        .map_err(|e| CoreError::precondition(format!("赛事文件中的设置无法读取（{e}），请在“赛事设置”中重新保存。")))
}

/// Keys that contest files written before SPEC §12's shapes store, read as today's keys:
/// `award_quotas` [{group, first, second, third, excellence}] → `award_quota` {enterprise, startup},
/// `provincial_quotas` [{group, count}] → `provincial_quota` {enterprise, startup}. A group missing
/// from an old list had none. (The old flat `award_cash` is read by `GroupAwardCash` itself.)
fn from_legacy(key: &str, value: &serde_json::Value) -> Option<(&'static str, serde_json::Value)> {
    let list = value.as_array()?;
    let of = |g: Group, field: &str| {
        list.iter()
            .find(|x| x.get("group").and_then(|c| c.as_str()) == Some(g.code()))
            .and_then(|x| x.get(field).cloned())
            .unwrap_or(serde_json::Value::from(0))
    };
    let per_group = |f: &dyn Fn(Group) -> serde_json::Value| {
        let mut m = serde_json::Map::new();
        for g in Group::ALL {
            m.insert(g.code().into(), f(g));
        }
        serde_json::Value::Object(m)
    };
    match key {
        "award_quotas" => Some((
            "award_quota",
            per_group(
                &|g| serde_json::json!({"first": of(g, "first"), "second": of(g, "second"), "third": of(g, "third"), "excellence": of(g, "excellence")}),
            ),
        )),
        "provincial_quotas" => Some(("provincial_quota", per_group(&|g| of(g, "count")))),
        _ => None,
    }
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
        // A dotted key reaches inside an object setting (`rounds.semifinal`).
        Some(k) => k.split('.').try_fold(&all, |v, part| v.get(part)).cloned().ok_or_else(|| unknown_key(k)),
    }
}

/// The settings with one of them changed from text (`saiwu settings set KEY VALUE`): JSON when it
/// parses as JSON of the right type, else the plain text. Validated whole by `to_rows` when stored.
pub fn with_text(current: &Settings, key: &str, value: &str) -> Result<Settings> {
    // Scripts written for the old list-shaped keys keep working.
    if let Some((new_key, v)) = serde_json::from_str::<serde_json::Value>(value).ok().and_then(|v| from_legacy(key, &v)) {
        return with_text(current, new_key, &v.to_string());
    }
    // A dotted key (`rounds.semifinal`) sets one field of an object setting: the object with that field
    // replaced goes through the same path as a whole value.
    if let Some((top, rest)) = key.split_once('.') {
        let mut whole = get_value(current, top)?;
        let mut slot = &mut whole;
        for part in rest.split('.') {
            slot = slot.as_object_mut().and_then(|m| m.get_mut(part)).ok_or_else(|| unknown_key(key))?;
        }
        *slot = serde_json::from_str::<serde_json::Value>(value).unwrap_or_else(|_| serde_json::Value::String(value.into()));
        return with_text(current, top, &whole.to_string()).map_err(|_| {
            CoreError::validation(Some(key), format!("设置项 {key} 的值“{value}”格式不对（开关写 true 或 false，日期写成 2026-07-30）。"))
        });
    }
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

fn get_value(current: &Settings, key: &str) -> Result<serde_json::Value> {
    serde_json::to_value(current).ok().and_then(|v| v.get(key).cloned()).ok_or_else(|| unknown_key(key))
}

fn unknown_key(k: &str) -> CoreError {
    CoreError::validation(Some(k), format!("没有名为“{k}”的设置项。可用的设置项：{}。", Settings::keys().join("、")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The season's keys (SPEC §12): the notice's timeline and contacts by default, set from the CLI's text,
    /// checked with messages naming the field.
    #[test]
    fn the_season_keys_have_the_notice_defaults_and_are_checked() {
        let s = Settings::default();
        assert_eq!(s.milestones.rounds_done.to_string(), "2026-07-30");
        assert_eq!(s.milestones.followup_end.to_string(), "2026-12-31");
        assert_eq!(s.contacts.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["杨希", "宋旭日"]);
        let rows = to_rows(&s).unwrap();
        for k in ["venue", "final_date", "final_start", "slot_minutes", "contacts", "milestones"] {
            assert!(rows.iter().any(|(key, _)| key == k), "{k} stored");
        }
        let s = with_text(&s, "venue", "长治市科技创新中心报告厅").unwrap();
        let s = with_text(&s, "final_date", "2026-07-25").unwrap();
        let s = with_text(&s, "slot_minutes", "12").unwrap();
        s.validate().unwrap();
        assert_eq!(
            (s.venue.as_str(), s.final_date.map(|d| d.to_string()), s.slot_minutes),
            ("长治市科技创新中心报告厅", Some("2026-07-25".into()), 12)
        );
        let field =
            |key: &str, value: &str| with_text(&Settings::default(), key, value).and_then(|s| s.validate()).unwrap_err().field().map(str::to_string);
        assert_eq!(field("final_start", "9点").as_deref(), Some("final_start"));
        assert_eq!(field("slot_minutes", "0").as_deref(), Some("slot_minutes"));
        assert_eq!(field("contacts", r#"[{"name":"杨希","phone":"电话"}]"#).as_deref(), Some("contacts"));
        assert_eq!(field("final_date", "2026-07-01").as_deref(), Some("final_date"));
        let err = with_text(
            &Settings::default(),
            "milestones",
            r#"{"registration_end":"2026-07-10","rounds_done":"2026-07-30","recommendation":"2026-07-20","provincial_results":"2026-09-10","followup_end":"2026-12-31"}"#,
        )
        .and_then(|s| s.validate())
        .unwrap_err();
        assert!(err.to_string().contains("向省工信厅推荐省赛项目"), "{err}");
    }

    /// `rounds.semifinal` (SPEC §12): off by default, set and read by its dotted key, a non-boolean refused
    /// naming the key; the helpers follow it.
    #[test]
    fn the_semifinal_setting_is_a_dotted_boolean() {
        let s = Settings::default();
        assert!(!s.rounds.semifinal);
        assert_eq!(s.enabled_rounds(), [Round::Preliminary, Round::Final]);
        assert!(to_rows(&s).unwrap().iter().any(|(k, v)| k == "rounds" && v == r#"{"semifinal":false}"#));
        let on = with_text(&s, "rounds.semifinal", "true").unwrap();
        assert!(on.rounds.semifinal);
        assert_eq!(on.next_round(Round::Preliminary), Some(Round::Semifinal));
        assert_eq!(on.previous_round(Round::Final), Some(Round::Semifinal));
        assert!(on.check_round(Round::Semifinal).is_ok() && s.check_round(Round::Semifinal).is_err());
        assert!(!with_text(&on, "rounds", r#"{"semifinal":false}"#).unwrap().rounds.semifinal);
        let e = with_text(&s, "rounds.semifinal", "也许").unwrap_err();
        assert_eq!(e.field(), Some("rounds.semifinal"));
        assert_eq!(with_text(&s, "rounds.quarterfinal", "true").unwrap_err().field(), Some("rounds.quarterfinal"));
        // A file from before the key reads as off.
        let stored: Settings = serde_json::from_str(r#"{"year":2026}"#).unwrap();
        assert!(!stored.rounds.semifinal);
    }

    /// The per-group settings have SPEC §12's keys and shapes, and the CLI's text reaches them.
    #[test]
    fn per_group_settings_have_the_spec_shapes() {
        let rows = to_rows(&Settings::default()).unwrap();
        let quota = &rows.iter().find(|(k, _)| k == "award_quota").unwrap().1;
        assert_eq!(
            quota,
            r#"{"enterprise":{"excellence":10,"first":1,"second":2,"third":3},"startup":{"excellence":10,"first":1,"second":2,"third":3}}"#
        );
        assert!(!rows.iter().any(|(k, _)| k == "award_quotas" || k == "provincial_quotas"));
        let s = with_text(&Settings::default(), "provincial_quota", r#"{"enterprise":2,"startup":3}"#).unwrap();
        assert_eq!((s.provincial_quota(Group::Enterprise), s.provincial_quota(Group::Startup)), (2, 3));
        let s = with_text(
            &s,
            "award_cash",
            r#"{"enterprise":{"first":50000,"second":1,"third":2,"excellence":3},"startup":{"first":9,"second":8,"third":7,"excellence":6}}"#,
        )
        .unwrap();
        assert_eq!((s.award_cash(Group::Enterprise).first, s.award_cash(Group::Startup).excellence), (50_000, 6));
        let err = with_text(&Settings::default(), "award_quota", r#"{"enterprise":{"first":1}}"#).unwrap_err();
        assert_eq!(err.field(), Some("award_quota"));
    }

    /// Out-of-range quotas and cash are refused with a message naming the group, the level and the field.
    #[test]
    fn quotas_and_cash_are_bounded() {
        let mut s = Settings::default();
        s.award_quota.startup.second = -1;
        let e = to_rows(&s).unwrap_err();
        assert_eq!(e.field(), Some("award_quota"));
        assert!(e.to_string().contains("创业组二等奖"), "{e}");
        let mut s = Settings::default();
        s.award_cash.enterprise.first = MAX_CASH_YUAN + 1;
        let e = to_rows(&s).unwrap_err();
        assert_eq!(e.field(), Some("award_cash"));
        assert!(e.to_string().contains("企业组一等奖") && e.to_string().contains("元"), "{e}");
        let mut s = Settings::default();
        s.provincial_quota.enterprise = 100;
        assert_eq!(to_rows(&s).unwrap_err().field(), Some("provincial_quota"));
        let mut s = Settings::default();
        s.award_quota.enterprise.excellence = MAX_AWARDS_PER_LEVEL;
        s.award_cash.startup.third = 0;
        assert!(to_rows(&s).is_ok());
    }

    /// A contest file written with the old keys and shapes (list quotas, flat cash) reads as the
    /// same amounts under today's keys; once saved, today's keys win over the old rows.
    #[test]
    fn old_stored_shapes_are_read() {
        let store = Store::open_in_memory().unwrap();
        let at = "2026-06-01T10:00:00+08:00";
        crate::store::settings::put(
            store.conn(),
            "award_quotas",
            r#"[{"group":"enterprise","first":2,"second":3,"third":4,"excellence":5},{"group":"startup","first":1,"second":1,"third":1,"excellence":6}]"#,
            at,
        )
        .unwrap();
        crate::store::settings::put(store.conn(), "award_cash", r#"{"first":40000,"second":20000,"third":10000,"excellence":3000}"#, at).unwrap();
        crate::store::settings::put(store.conn(), "provincial_quotas", r#"[{"group":"startup","count":3}]"#, at).unwrap();
        let st = load(&store).unwrap();
        assert_eq!(st.award_quota(Group::Enterprise), &AwardQuota { first: 2, second: 3, third: 4, excellence: 5 });
        assert_eq!(st.award_quota(Group::Startup).excellence, 6);
        let flat = AwardCash { first: 40_000, second: 20_000, third: 10_000, excellence: 3_000 };
        assert_eq!((st.award_cash(Group::Enterprise), st.award_cash(Group::Startup)), (&flat, &flat));
        assert_eq!((st.provincial_quota(Group::Enterprise), st.provincial_quota(Group::Startup)), (0, 3));
        // The old CLI key still sets the new one.
        let next = with_text(&st, "provincial_quotas", r#"[{"group":"enterprise","count":4},{"group":"startup","count":1}]"#).unwrap();
        for (k, v) in to_rows(&next).unwrap() {
            crate::store::settings::put(store.conn(), &k, &v, at).unwrap();
        }
        let st = load(&store).unwrap();
        assert_eq!((st.provincial_quota(Group::Enterprise), st.provincial_quota(Group::Startup)), (4, 1));
        assert_eq!(st.award_quota(Group::Enterprise).first, 2);
    }
}
