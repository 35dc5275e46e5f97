//! 《中小企业划型标准规定》(工信部联企业〔2011〕300号) — the data and logic behind rule R05
//! (SPEC §3, DOMAIN §1).
//!
//! - The threshold table is versioned data (`sme_table.json`, embedded), parsed once: [`table`].
//!   A revised table can be parsed with [`SmeTable::from_json`] and used the same way.
//! - [`industry_group`] maps free industry text (GB/T 4754-2017 门类/大类 names and codes, or common
//!   wording) to one of the 16 industry groups, to "not covered by the standard", or to "ambiguous".
//! - [`classify`] sizes an enterprise: 大型 / 中型 / 小型 / 微型, "SME but class undetermined" when a
//!   missing indicator leaves the class open, or "cannot decide". It never defaults a missing
//!   indicator to SME, and always explains itself in Chinese with the numbers and thresholds used.
//!
//! Semantics (DOMAIN §1.1–1.2): "X以下" = `< X`, "X及以上" = `≥ X`. 大型 only if every listed
//! indicator reaches the 大型 bound (the SME ceiling uses 或); 中型/小型 need every listed indicator
//! to reach the lower bound (且), otherwise the enterprise drops a tier; 微型 if any is below 小型.
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

const TABLE_JSON: &str = include_str!("sme_table.json");

// ───────────────────────────── the table (data) ─────────────────────────────

/// One of the indicators the standard uses. Employees in persons; revenue and assets in 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Indicator {
    /// 从业人员 (persons).
    Employees,
    /// 营业收入 (万元).
    Revenue,
    /// 资产总额 (万元).
    Assets,
}

impl Indicator {
    /// Chinese name as the standard writes it.
    pub fn label(self) -> &'static str {
        match self {
            Indicator::Employees => "从业人员",
            Indicator::Revenue => "营业收入",
            Indicator::Assets => "资产总额",
        }
    }

    /// Unit of the values and bounds.
    pub fn unit(self) -> &'static str {
        match self {
            Indicator::Employees => "人",
            Indicator::Revenue | Indicator::Assets => "万元",
        }
    }
}

/// Lower bounds of one tier; only the industry's listed indicators are present.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employees: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assets: Option<f64>,
}

impl Bounds {
    /// The bound for one indicator, if this tier lists it.
    pub fn get(&self, indicator: Indicator) -> Option<f64> {
        match indicator {
            Indicator::Employees => self.employees,
            Indicator::Revenue => self.revenue,
            Indicator::Assets => self.assets,
        }
    }
}

/// Thresholds of one industry group. `large` is the SME ceiling (大型 needs every indicator ≥ it);
/// `medium` and `small` are the lower bounds of 中型 and 小型.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndustryThresholds {
    pub id: u8,
    pub name: String,
    /// The GB/T 4754-2017 scope, for people (the mapping itself is [`industry_group`]).
    #[serde(default)]
    pub scope: String,
    pub indicators: Vec<Indicator>,
    pub large: Bounds,
    pub medium: Bounds,
    pub small: Bounds,
}

impl IndustryThresholds {
    /// "从业人员≥300人且营业收入≥2000万元" for one tier.
    pub fn requirement(&self, tier: &Bounds) -> String {
        self.indicators
            .iter()
            .map(|&i| format!("{}≥{}{}", i.label(), fmt_num(tier.get(i).unwrap_or(f64::NAN)), i.unit()))
            .collect::<Vec<_>>()
            .join("且")
    }

    /// All tiers in one line, shown next to every decision.
    pub fn summary(&self) -> String {
        format!(
            "{}：大型 {}；中型 {}；小型 {}；任一指标低于小型标准为微型",
            self.name,
            self.requirement(&self.large),
            self.requirement(&self.medium),
            self.requirement(&self.small)
        )
    }
}

/// The whole threshold table with its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmeTable {
    #[serde(default)]
    pub title: String,
    /// Document number, e.g. "工信部联企业〔2011〕300号"; shown on every decision.
    pub version: String,
    pub effective_from: chrono::NaiveDate,
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    #[serde(default)]
    pub notes: String,
    pub industries: Vec<IndustryThresholds>,
}

/// A threshold table that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SmeTableError {
    #[error("划型标准表格式错误：{0}")]
    Json(String),
    #[error("划型标准表内容无效：{0}")]
    Invalid(String),
}

impl SmeTable {
    /// Parses and checks a table: unique ids, every tier gives exactly the listed indicators,
    /// bounds positive and strictly decreasing 大型 > 中型 > 小型.
    pub fn from_json(json: &str) -> Result<SmeTable, SmeTableError> {
        let t: SmeTable = serde_json::from_str(json).map_err(|e| SmeTableError::Json(e.to_string()))?;
        t.validate()?;
        Ok(t)
    }

    fn validate(&self) -> Result<(), SmeTableError> {
        let bad = |m: String| Err(SmeTableError::Invalid(m));
        if self.version.trim().is_empty() {
            return bad("缺少版本（version）".into());
        }
        if self.industries.is_empty() {
            return bad("没有行业".into());
        }
        let mut seen = std::collections::BTreeSet::new();
        for ind in &self.industries {
            if !seen.insert(ind.id) {
                return bad(format!("行业编号 {} 重复", ind.id));
            }
            if ind.indicators.is_empty() {
                return bad(format!("行业“{}”没有列出指标", ind.name));
            }
            let mut listed = ind.indicators.clone();
            listed.sort();
            listed.dedup();
            if listed.len() != ind.indicators.len() {
                return bad(format!("行业“{}”的指标重复", ind.name));
            }
            for (tier_name, tier) in [("large", &ind.large), ("medium", &ind.medium), ("small", &ind.small)] {
                for i in [Indicator::Employees, Indicator::Revenue, Indicator::Assets] {
                    match (ind.indicators.contains(&i), tier.get(i)) {
                        (true, None) => return bad(format!("行业“{}”的 {tier_name} 缺少{}", ind.name, i.label())),
                        (false, Some(_)) => return bad(format!("行业“{}”的 {tier_name} 多出未列出的{}", ind.name, i.label())),
                        (true, Some(v)) if !(v.is_finite() && v > 0.0) => {
                            return bad(format!("行业“{}”的 {tier_name} {} 不是正数", ind.name, i.label()))
                        }
                        _ => {}
                    }
                }
            }
            for &i in &ind.indicators {
                let (l, m, s) = (ind.large.get(i), ind.medium.get(i), ind.small.get(i));
                if !(l > m && m > s) {
                    return bad(format!("行业“{}”的{}标准未按 大型>中型>小型 递减", ind.name, i.label()));
                }
            }
        }
        Ok(())
    }

    /// Thresholds of one industry group.
    pub fn industry(&self, id: u8) -> Option<&IndustryThresholds> {
        self.industries.iter().find(|i| i.id == id)
    }

    /// Sizes an enterprise of industry group `industry_id` with this table; see [`classify`].
    pub fn classify(&'static self, industry_id: u8, employees: Option<i64>, revenue_wan: Option<f64>, assets_wan: Option<f64>) -> Classification {
        classify_with(self, industry_id, employees, revenue_wan, assets_wan)
    }
}

/// The embedded table (工信部联企业〔2011〕300号), parsed once.
pub fn table() -> &'static SmeTable {
    static TABLE: OnceLock<SmeTable> = OnceLock::new();
    TABLE.get_or_init(|| SmeTable::from_json(TABLE_JSON).expect("embedded sme_table.json is valid (unit-tested)"))
}

// ───────────────────────────── classification ─────────────────────────────

/// The size class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    Large,
    Medium,
    Small,
    Micro,
    /// Proved SME (a known indicator is below the SME ceiling) but a missing indicator leaves
    /// the class open. R05: PASS with size class 未定.
    SmeUndetermined,
    /// The known indicators cannot settle SME vs 大型 (or the industry is unknown). R05: REVIEW.
    Unknown,
}

impl Size {
    /// Chinese label: 大型 / 中型 / 小型 / 微型 / 中小微（规模未定）/ 无法判断.
    pub fn label(&self) -> &'static str {
        match self {
            Size::Large => "大型",
            Size::Medium => "中型",
            Size::Small => "小型",
            Size::Micro => "微型",
            Size::SmeUndetermined => "中小微（规模未定）",
            Size::Unknown => "无法判断",
        }
    }

    /// `Some(true)` for 中/小/微 and 规模未定, `Some(false)` for 大型, `None` when undecided.
    pub fn is_sme(&self) -> Option<bool> {
        match self {
            Size::Large => Some(false),
            Size::Unknown => None,
            _ => Some(true),
        }
    }
}

/// The result of [`classify`], with everything a reviewer needs to check it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Classification {
    pub size: Size,
    pub industry_id: u8,
    /// Industry group name from the table ("未知行业" when the id is not in it).
    pub industry: &'static str,
    /// Table version, e.g. "工信部联企业〔2011〕300号".
    pub table_version: &'static str,
    /// The thresholds applied (None when the id is not in the table).
    pub thresholds: Option<&'static IndustryThresholds>,
    /// The thresholds in one line ([`IndustryThresholds::summary`] plus the version).
    pub thresholds_text: String,
    /// Why: the values, the tier reached and the bound that was (not) met, in Chinese.
    pub explanation: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tri {
    Yes,
    No,
    Maybe,
}

#[derive(Clone, Copy)]
struct Values {
    employees: Option<f64>,
    revenue: Option<f64>,
    assets: Option<f64>,
}

impl Values {
    fn get(&self, i: Indicator) -> Option<f64> {
        match i {
            Indicator::Employees => self.employees,
            Indicator::Revenue => self.revenue,
            Indicator::Assets => self.assets,
        }
    }
}

/// Sizes an enterprise of industry group `industry_id` (1–16, see [`industry_group`]) with the
/// embedded table. Values: employees in persons, revenue and assets in 万元; `None` = not given.
/// Indicators the industry does not use are ignored. Negative or non-finite values count as missing.
pub fn classify(industry_id: u8, employees: Option<i64>, revenue_wan: Option<f64>, assets_wan: Option<f64>) -> Classification {
    classify_with(table(), industry_id, employees, revenue_wan, assets_wan)
}

/// For an [`IndustryGroup::Ambiguous`] result: classifies under every candidate group and returns
/// the first candidate's classification when all candidates agree on a decided size (e.g. 住宿业 and
/// 餐饮业 share thresholds); `None` when they disagree or any is [`Size::Unknown`] (→ REVIEW).
pub fn classify_candidates(industry_ids: &[u8], employees: Option<i64>, revenue_wan: Option<f64>, assets_wan: Option<f64>) -> Option<Classification> {
    let all: Vec<Classification> = industry_ids.iter().map(|&id| classify(id, employees, revenue_wan, assets_wan)).collect();
    let first = all.first()?.clone();
    if first.size == Size::Unknown || all.iter().any(|c| c.size != first.size) {
        return None;
    }
    let names: Vec<&str> = all.iter().map(|c| c.industry).collect();
    let mut out = first;
    let each: Vec<&str> = all.iter().map(|c| c.explanation.trim_end_matches('。')).collect();
    out.explanation = format!("行业可能为“{}”，各自划型结果均为{}。{}。", names.join("”或“"), out.size.label(), each.join("。"));
    out.thresholds_text = all.iter().map(|c| c.thresholds_text.as_str()).collect::<Vec<_>>().join("；");
    Some(out)
}

fn classify_with(t: &'static SmeTable, industry_id: u8, employees: Option<i64>, revenue_wan: Option<f64>, assets_wan: Option<f64>) -> Classification {
    let Some(ind) = t.industry(industry_id) else {
        return Classification {
            size: Size::Unknown,
            industry_id,
            industry: "未知行业",
            table_version: &t.version,
            thresholds: None,
            thresholds_text: String::new(),
            explanation: format!("行业编号 {industry_id} 不在划型标准（{}）中，无法判断。", t.version),
        };
    };

    let mut notes = Vec::new();
    let mut check = |i: Indicator, v: Option<f64>| -> Option<f64> {
        match v {
            Some(x) if x.is_finite() && x >= 0.0 => Some(x),
            Some(x) => {
                if ind.indicators.contains(&i) {
                    notes.push(format!("{} {} 无效，按未填处理", i.label(), fmt_num(x)));
                }
                None
            }
            None => None,
        }
    };
    let vals = Values {
        employees: check(Indicator::Employees, employees.map(|e| e as f64)),
        revenue: check(Indicator::Revenue, revenue_wan),
        assets: check(Indicator::Assets, assets_wan),
    };

    let large = reaches(ind, &ind.large, &vals);
    let medium = reaches(ind, &ind.medium, &vals);
    let small = reaches(ind, &ind.small, &vals);
    let size = match (large, medium, small) {
        (Tri::Yes, _, _) => Size::Large,
        (Tri::Maybe, _, _) => Size::Unknown,
        (Tri::No, Tri::Yes, _) => Size::Medium,
        (Tri::No, Tri::No, Tri::Yes) => Size::Small,
        (Tri::No, Tri::No, Tri::No) => Size::Micro,
        (Tri::No, _, _) => Size::SmeUndetermined,
    };

    let values = ind
        .indicators
        .iter()
        .map(|&i| match vals.get(i) {
            Some(v) => format!("{} {}{}", i.label(), fmt_num(v), i.unit()),
            None => format!("{} 未填", i.label()),
        })
        .collect::<Vec<_>>()
        .join("，");
    let missing = ind.indicators.iter().filter(|&&i| vals.get(i).is_none()).map(|i| i.label()).collect::<Vec<_>>().join("、");
    let req = |tier: &Bounds| ind.requirement(tier);
    let below = |tier: &Bounds| shortfalls(ind, tier, &vals).join("，");

    let reason = match size {
        Size::Large => format!("各项指标均达到大型标准（{}），不属于中小微企业", req(&ind.large)),
        Size::Medium => format!("未达大型（{}）；达到中型标准（{}）", below(&ind.large), req(&ind.medium)),
        Size::Small => format!("未达中型（{}）；达到小型标准（{}）", below(&ind.medium), req(&ind.small)),
        Size::Micro => format!("低于小型标准（{}；小型需{}）", below(&ind.small), req(&ind.small)),
        Size::SmeUndetermined => {
            let open = if medium == Tri::Maybe {
                format!("中型需{}", req(&ind.medium))
            } else {
                format!("未达中型（{}），小型需{}", below(&ind.medium), req(&ind.small))
            };
            format!("{}，已低于中小微上限，可认定为中小微企业；{missing}未填，规模无法确定（{open}）", below(&ind.large))
        }
        Size::Unknown => {
            let known: Vec<String> = ind
                .indicators
                .iter()
                .filter_map(|&i| {
                    vals.get(i)
                        .map(|v| format!("{} {}{} ≥ {}{}", i.label(), fmt_num(v), i.unit(), fmt_num(ind.large.get(i).unwrap_or(f64::NAN)), i.unit()))
                })
                .collect();
            if known.is_empty() {
                format!("{missing}均未填，无法判断是否为中小微企业（大型需{}）", req(&ind.large))
            } else {
                format!("{}，{missing}未填，无法判断是否为中小微企业（大型需{}），请补充数据", known.join("，"), req(&ind.large))
            }
        }
    };
    let mut explanation = format!("{}：{values} → {}。{reason}", ind.name, size.label());
    if !notes.is_empty() {
        let _ = write!(explanation, "（{}）", notes.join("；"));
    }
    let _ = write!(explanation, "。依据{}。", t.version);

    Classification {
        size,
        industry_id,
        industry: &ind.name,
        table_version: &t.version,
        thresholds: Some(ind),
        thresholds_text: format!("{}（{}）", ind.summary(), t.version),
        explanation,
    }
}

/// Does every listed indicator reach the tier's bound? `No` as soon as one known value is below.
fn reaches(ind: &IndustryThresholds, tier: &Bounds, vals: &Values) -> Tri {
    let mut maybe = false;
    for &i in &ind.indicators {
        let bound = tier.get(i).unwrap_or(f64::INFINITY);
        match vals.get(i) {
            Some(v) if v < bound => return Tri::No,
            Some(_) => {}
            None => maybe = true,
        }
    }
    if maybe {
        Tri::Maybe
    } else {
        Tri::Yes
    }
}

/// "营业收入 1500万元 < 2000万元" for each known value below the tier's bound.
fn shortfalls(ind: &IndustryThresholds, tier: &Bounds, vals: &Values) -> Vec<String> {
    ind.indicators
        .iter()
        .filter_map(|&i| {
            let b = tier.get(i)?;
            let v = vals.get(i)?;
            (v < b).then(|| format!("{} {}{} < {}{}", i.label(), fmt_num(v), i.unit(), fmt_num(b), i.unit()))
        })
        .collect()
}

/// 1500 → "1500", 1500.5 → "1500.5", 0.125 → "0.13".
fn fmt_num(v: f64) -> String {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.2}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

// ───────────────────────────── industry mapping ─────────────────────────────

/// Where free industry text lands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndustryGroup {
    /// One of the 16 groups of the table.
    Covered { id: u8, name: &'static str },
    /// Outside the standard (金融业, 教育, 卫生, 公共管理, 国际组织, 铁路运输业, 房地产租赁经营):
    /// R05 says REVIEW.
    NotCovered { category: &'static str },
    /// Too coarse to pick one group (e.g. the 门类 "信息传输、软件和信息技术服务业"): the candidate
    /// group ids. See [`classify_candidates`]; otherwise REVIEW.
    Ambiguous { ids: Vec<u8> },
}

/// How the text was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchVia {
    /// A GB/T 4754 code ("C", "C39", "39", "7010").
    Code,
    /// A GB/T 4754-2017 门类/大类/中类 name.
    Name,
    /// A common word ("软件", "餐饮", "物流").
    Keyword,
}

/// The result of [`industry_group`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndustryMatch {
    pub group: IndustryGroup,
    pub via: MatchVia,
    /// The code (normalised, e.g. "C39") or the name/keyword found in the text.
    pub matched: String,
    /// For messages: "行业代码“C39”（大类 39 计算机、通信和其他电子设备制造业）→ 划型行业“工业”".
    pub explanation: String,
}

impl IndustryMatch {
    /// The group id when exactly one group applies.
    pub fn id(&self) -> Option<u8> {
        match self.group {
            IndustryGroup::Covered { id, .. } => Some(id),
            _ => None,
        }
    }
}

/// Internal target of a code or name, before names are attached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum G {
    C(u8),
    Not(&'static str),
    Amb(&'static [u8]),
}

const NC_FINANCE: &str = "金融业";
const NC_EDUCATION: &str = "教育";
const NC_HEALTH: &str = "卫生";
const NC_Q: &str = "卫生和社会工作（卫生不适用本规定，社会工作按其他未列明行业，请确认）";
const NC_PUBLIC: &str = "公共管理、社会保障和社会组织";
const NC_INTL: &str = "国际组织";
const NC_RAIL: &str = "铁路运输业（交通运输业不含铁路运输业）";
const NC_OWN_ESTATE: &str = "房地产租赁经营（自有房地产经营活动，不在其他未列明行业之列）";

/// GB/T 4754-2017 门类: letter, name, first and last 大类.
const SECTIONS: &[(char, &str, u8, u8)] = &[
    ('A', "农、林、牧、渔业", 1, 5),
    ('B', "采矿业", 6, 12),
    ('C', "制造业", 13, 43),
    ('D', "电力、热力、燃气及水生产和供应业", 44, 46),
    ('E', "建筑业", 47, 50),
    ('F', "批发和零售业", 51, 52),
    ('G', "交通运输、仓储和邮政业", 53, 60),
    ('H', "住宿和餐饮业", 61, 62),
    ('I', "信息传输、软件和信息技术服务业", 63, 65),
    ('J', "金融业", 66, 69),
    ('K', "房地产业", 70, 70),
    ('L', "租赁和商务服务业", 71, 72),
    ('M', "科学研究和技术服务业", 73, 75),
    ('N', "水利、环境和公共设施管理业", 76, 79),
    ('O', "居民服务、修理和其他服务业", 80, 82),
    ('P', "教育", 83, 83),
    ('Q', "卫生和社会工作", 84, 85),
    ('R', "文化、体育和娱乐业", 86, 90),
    ('S', "公共管理、社会保障和社会组织", 91, 96),
    ('T', "国际组织", 97, 97),
];

/// GB/T 4754-2017 大类.
const DIVISIONS: &[(u8, &str)] = &[
    (1, "农业"),
    (2, "林业"),
    (3, "畜牧业"),
    (4, "渔业"),
    (5, "农、林、牧、渔专业及辅助性活动"),
    (6, "煤炭开采和洗选业"),
    (7, "石油和天然气开采业"),
    (8, "黑色金属矿采选业"),
    (9, "有色金属矿采选业"),
    (10, "非金属矿采选业"),
    (11, "开采专业及辅助性活动"),
    (12, "其他采矿业"),
    (13, "农副食品加工业"),
    (14, "食品制造业"),
    (15, "酒、饮料和精制茶制造业"),
    (16, "烟草制品业"),
    (17, "纺织业"),
    (18, "纺织服装、服饰业"),
    (19, "皮革、毛皮、羽毛及其制品和制鞋业"),
    (20, "木材加工和木、竹、藤、棕、草制品业"),
    (21, "家具制造业"),
    (22, "造纸和纸制品业"),
    (23, "印刷和记录媒介复制业"),
    (24, "文教、工美、体育和娱乐用品制造业"),
    (25, "石油、煤炭及其他燃料加工业"),
    (26, "化学原料和化学制品制造业"),
    (27, "医药制造业"),
    (28, "化学纤维制造业"),
    (29, "橡胶和塑料制品业"),
    (30, "非金属矿物制品业"),
    (31, "黑色金属冶炼和压延加工业"),
    (32, "有色金属冶炼和压延加工业"),
    (33, "金属制品业"),
    (34, "通用设备制造业"),
    (35, "专用设备制造业"),
    (36, "汽车制造业"),
    (37, "铁路、船舶、航空航天和其他运输设备制造业"),
    (38, "电气机械和器材制造业"),
    (39, "计算机、通信和其他电子设备制造业"),
    (40, "仪器仪表制造业"),
    (41, "其他制造业"),
    (42, "废弃资源综合利用业"),
    (43, "金属制品、机械和设备修理业"),
    (44, "电力、热力生产和供应业"),
    (45, "燃气生产和供应业"),
    (46, "水的生产和供应业"),
    (47, "房屋建筑业"),
    (48, "土木工程建筑业"),
    (49, "建筑安装业"),
    (50, "建筑装饰、装修和其他建筑业"),
    (51, "批发业"),
    (52, "零售业"),
    (53, "铁路运输业"),
    (54, "道路运输业"),
    (55, "水上运输业"),
    (56, "航空运输业"),
    (57, "管道运输业"),
    (58, "多式联运和运输代理业"),
    (59, "装卸搬运和仓储业"),
    (60, "邮政业"),
    (61, "住宿业"),
    (62, "餐饮业"),
    (63, "电信、广播电视和卫星传输服务"),
    (64, "互联网和相关服务"),
    (65, "软件和信息技术服务业"),
    (66, "货币金融服务"),
    (67, "资本市场服务"),
    (68, "保险业"),
    (69, "其他金融业"),
    (70, "房地产业"),
    (71, "租赁业"),
    (72, "商务服务业"),
    (73, "研究和试验发展"),
    (74, "专业技术服务业"),
    (75, "科技推广和应用服务业"),
    (76, "水利管理业"),
    (77, "生态保护和环境治理业"),
    (78, "公共设施管理业"),
    (79, "土地管理业"),
    (80, "居民服务业"),
    (81, "机动车、电子产品和日用产品修理业"),
    (82, "其他服务业"),
    (83, "教育"),
    (84, "卫生"),
    (85, "社会工作"),
    (86, "新闻和出版业"),
    (87, "广播、电视、电影和录音制作业"),
    (88, "文化艺术业"),
    (89, "体育"),
    (90, "娱乐业"),
    (91, "中国共产党机关"),
    (92, "国家机构"),
    (93, "人民政协、民主党派"),
    (94, "社会保障"),
    (95, "群众团体、社会团体和其他成员组织"),
    (96, "基层群众自治组织及其他组织"),
    (97, "国际组织"),
];

/// 中类 of 大类 70 房地产业, which the standard splits across groups.
const K70: &[(&str, &str)] =
    &[("701", "房地产开发经营"), ("702", "物业管理"), ("703", "房地产中介服务"), ("704", "房地产租赁经营"), ("709", "其他房地产业")];

/// Common wording that is not an official name. Longer entries win over the ones they contain.
const KEYWORDS: &[(&str, G)] = &[
    ("工业", G::C(2)),
    ("制造", G::C(2)),
    ("加工", G::C(2)),
    ("采矿", G::C(2)),
    ("矿业", G::C(2)),
    ("冶炼", G::C(2)),
    ("电力", G::C(2)),
    ("发电", G::C(2)),
    ("供电", G::C(2)),
    ("供热", G::C(2)),
    ("燃气", G::C(2)),
    ("供水", G::C(2)),
    ("自来水", G::C(2)),
    ("工业软件", G::C(12)),
    ("建筑施工", G::C(3)),
    ("建筑工程", G::C(3)),
    ("工程施工", G::C(3)),
    ("装饰装修", G::C(3)),
    ("批发", G::C(4)),
    ("零售", G::C(5)),
    ("交通运输", G::C(6)),
    ("运输", G::C(6)),
    ("货运", G::C(6)),
    ("客运", G::C(6)),
    ("铁路运输", G::Not(NC_RAIL)),
    ("物流", G::Amb(&[6, 7])),
    ("仓储", G::C(7)),
    ("邮政", G::C(8)),
    ("快递", G::C(8)),
    ("住宿", G::C(9)),
    ("酒店", G::C(9)),
    ("宾馆", G::C(9)),
    ("民宿", G::C(9)),
    ("餐饮", G::C(10)),
    ("电信", G::C(11)),
    ("卫星传输", G::C(11)),
    ("互联网", G::C(11)),
    ("软件", G::C(12)),
    ("软件开发", G::C(12)),
    ("信息技术", G::C(12)),
    ("信息技术服务", G::C(12)),
    ("信息系统集成", G::C(12)),
    ("集成电路设计", G::C(12)),
    ("数据处理", G::C(12)),
    ("房地产开发", G::C(13)),
    ("物业", G::C(14)),
    ("房地产中介", G::C(16)),
    ("房地产租赁", G::Not(NC_OWN_ESTATE)),
    ("自有房地产经营", G::Not(NC_OWN_ESTATE)),
    ("租赁", G::C(15)),
    ("商务服务", G::C(15)),
    ("广告", G::C(15)),
    ("人力资源", G::C(15)),
    ("科学研究", G::C(16)),
    ("技术服务", G::C(16)),
    ("科技服务", G::C(16)),
    ("科技推广", G::C(16)),
    ("研发", G::C(16)),
    ("检验检测", G::C(16)),
    ("工程设计", G::C(16)),
    ("环境治理", G::C(16)),
    ("环保", G::C(16)),
    ("家政", G::C(16)),
    ("文化", G::C(16)),
    ("娱乐", G::C(16)),
    ("金融", G::Not(NC_FINANCE)),
    ("银行", G::Not(NC_FINANCE)),
    ("证券", G::Not(NC_FINANCE)),
    ("保险", G::Not(NC_FINANCE)),
    ("培训", G::Not(NC_EDUCATION)),
    ("医院", G::Not(NC_HEALTH)),
    ("诊所", G::Not(NC_HEALTH)),
    ("种植", G::C(1)),
    ("养殖", G::C(1)),
    ("畜牧", G::C(1)),
    ("农林牧渔", G::C(1)),
];

fn by_section(letter: char) -> Option<G> {
    Some(match letter {
        'A' => G::C(1),
        'B' | 'C' | 'D' => G::C(2),
        'E' => G::C(3),
        'F' => G::Amb(&[4, 5]),
        'G' => G::Amb(&[6, 7, 8]),
        'H' => G::Amb(&[9, 10]),
        'I' => G::Amb(&[11, 12]),
        'J' => G::Not(NC_FINANCE),
        'K' => G::Amb(&[13, 14, 16]),
        'L' => G::C(15),
        'M' | 'N' | 'O' | 'R' => G::C(16),
        'P' => G::Not(NC_EDUCATION),
        'Q' => G::Not(NC_Q),
        'S' => G::Not(NC_PUBLIC),
        'T' => G::Not(NC_INTL),
        _ => return None,
    })
}

/// A 2–4 digit code: 大类, 中类 or 小类.
fn by_digits(code: &str) -> Option<G> {
    let division: u8 = code.get(..2)?.parse().ok()?;
    let sub = code[2..].chars().next();
    Some(match division {
        1..=5 => G::C(1),
        6..=46 => G::C(2),
        47..=50 => G::C(3),
        51 => G::C(4),
        52 => G::C(5),
        53 => G::Not(NC_RAIL),
        54..=58 => G::C(6),
        59 => G::C(7),
        60 => G::C(8),
        61 => G::C(9),
        62 => G::C(10),
        63 | 64 => G::C(11),
        65 => G::C(12),
        66..=69 => G::Not(NC_FINANCE),
        70 => match sub {
            None => G::Amb(&[13, 14, 16]),
            Some('1') => G::C(13),
            Some('2') => G::C(14),
            Some('3') | Some('9') => G::C(16),
            Some('4') => G::Not(NC_OWN_ESTATE),
            Some(_) => return None,
        },
        71 | 72 => G::C(15),
        73..=82 => G::C(16),
        83 => G::Not(NC_EDUCATION),
        84 => G::Not(NC_HEALTH),
        85..=90 => G::C(16),
        91..=96 => G::Not(NC_PUBLIC),
        97 => G::Not(NC_INTL),
        _ => return None,
    })
}

/// Full-width → half-width, ideographic space → space, ASCII upper case.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Key for name matching: folded, letters/digits/CJK only (punctuation and spaces dropped).
fn name_key(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// A GB/T 4754 code in the text: (normalised code, section letter, digits).
/// Letter-only and digit-only codes count only at the start; "C39"-style anywhere on a word boundary.
fn find_code(folded: &str) -> Option<(String, Option<char>, String)> {
    let chars: Vec<char> = folded.chars().collect();
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    let is_word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    for start in first..chars.len() {
        if start > 0 && is_word(chars.get(start - 1)) {
            continue;
        }
        let mut j = start;
        let letter = chars.get(j).copied().filter(|c| c.is_ascii_uppercase());
        if letter.is_some() {
            j += 1;
            while matches!(chars.get(j), Some(' ' | '-' | '_' | '.' | '·' | '—')) && chars.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                j += 1;
            }
        }
        let d0 = j;
        while chars.get(j).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
        }
        let digits: String = chars[d0..j].iter().collect();
        if is_word(chars.get(j)) {
            continue;
        }
        let at_start = start == first;
        let ok = match (letter, digits.len()) {
            (Some(_), 2..=4) => true,
            (Some(_), 0) | (None, 2..=4) => at_start,
            _ => false,
        };
        if ok {
            let code = format!("{}{}", letter.map(String::from).unwrap_or_default(), digits);
            return Some((code, letter, digits));
        }
    }
    None
}

fn resolve_code(letter: Option<char>, digits: &str) -> Option<(G, String)> {
    let section = |l: char| SECTIONS.iter().find(|s| s.0 == l);
    if digits.is_empty() {
        let s = section(letter?)?;
        return Some((by_section(s.0)?, format!("门类 {} {}", s.0, s.1)));
    }
    let division: u8 = digits[..2].parse().ok()?;
    if let Some(l) = letter {
        let s = section(l)?;
        if !(s.2..=s.3).contains(&division) {
            return None; // e.g. "C65": letter and digits disagree
        }
    }
    let g = by_digits(digits)?;
    let name = DIVISIONS.iter().find(|d| d.0 == division)?.1;
    let mut desc = format!("大类 {division:02} {name}");
    if division == 70 && digits.len() >= 3 {
        if let Some(k) = K70.iter().find(|k| k.0 == &digits[..3]) {
            desc = format!("中类 {} {}", k.0, k.1);
        }
    }
    Some((g, desc))
}

struct Pattern {
    key: String,
    shown: &'static str,
    group: G,
    /// 1 门类, 2 keyword or very short 大类 name, 3 大类, 4 中类.
    rank: u8,
    via: MatchVia,
}

fn patterns() -> &'static [Pattern] {
    static P: OnceLock<Vec<Pattern>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v = Vec::new();
        for &(letter, name, _, _) in SECTIONS {
            if let Some(g) = by_section(letter) {
                v.push(Pattern { key: name_key(name), shown: name, group: g, rank: 1, via: MatchVia::Name });
            }
        }
        for &(d, name) in DIVISIONS {
            if let Some(g) = by_digits(&format!("{d:02}")) {
                let rank = if name.chars().count() <= 2 { 2 } else { 3 };
                v.push(Pattern { key: name_key(name), shown: name, group: g, rank, via: MatchVia::Name });
            }
        }
        for &(code, name) in K70 {
            if let Some(g) = by_digits(code) {
                v.push(Pattern { key: name_key(name), shown: name, group: g, rank: 4, via: MatchVia::Name });
            }
        }
        for &(kw, g) in KEYWORDS {
            v.push(Pattern { key: name_key(kw), shown: kw, group: g, rank: 2, via: MatchVia::Keyword });
        }
        v
    })
}

fn to_public(g: G) -> IndustryGroup {
    match g {
        G::C(id) => IndustryGroup::Covered { id, name: group_name(id) },
        G::Not(category) => IndustryGroup::NotCovered { category },
        G::Amb(ids) => IndustryGroup::Ambiguous { ids: ids.to_vec() },
    }
}

fn group_name(id: u8) -> &'static str {
    table().industry(id).map(|i| i.name.as_str()).unwrap_or("未知行业")
}

/// Best name/keyword match: matches inside a longer match are dropped; then the highest rank,
/// then the longest wins; ties naming different groups give `Ambiguous`.
fn match_name(text: &str) -> Option<(IndustryGroup, MatchVia, &'static str)> {
    let key = name_key(text);
    if key.is_empty() {
        return None;
    }
    let pats = patterns();
    let mut hits: Vec<(usize, usize, usize)> = Vec::new(); // (start, end, pattern index)
    for (pi, p) in pats.iter().enumerate() {
        for (start, _) in key.match_indices(p.key.as_str()) {
            hits.push((start, start + p.key.len(), pi));
        }
    }
    let kept: Vec<&(usize, usize, usize)> = hits.iter().filter(|a| !hits.iter().any(|b| b.0 <= a.0 && a.1 <= b.1 && b.1 - b.0 > a.1 - a.0)).collect();
    let score = |h: &(usize, usize, usize)| (pats[h.2].rank, h.1 - h.0);
    let best = kept.iter().map(|h| score(h)).max()?;
    let mut top: Vec<&(usize, usize, usize)> = kept.into_iter().filter(|h| score(h) == best).collect();
    top.sort();
    let first = &pats[top[0].2];
    let groups: Vec<G> = top.iter().map(|h| pats[h.2].group).collect();
    if groups.iter().all(|g| *g == groups[0]) {
        return Some((to_public(groups[0]), first.via, first.shown));
    }
    let mut ids: Vec<u8> = groups
        .iter()
        .flat_map(|g| match g {
            G::C(id) => vec![*id],
            G::Amb(ids) => ids.to_vec(),
            G::Not(_) => vec![],
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let group = if ids.is_empty() { to_public(groups[0]) } else { IndustryGroup::Ambiguous { ids } };
    Some((group, first.via, first.shown))
}

fn covered_ids(g: &IndustryGroup) -> Vec<u8> {
    match g {
        IndustryGroup::Covered { id, .. } => vec![*id],
        IndustryGroup::Ambiguous { ids } => ids.clone(),
        IndustryGroup::NotCovered { .. } => vec![],
    }
}

/// Maps free industry text to one of the 16 groups of the standard.
///
/// Accepts GB/T 4754-2017 codes ("C", "C39", "c-39", "39", "I65", "7010", full-width too), 门类/大类
/// names ("制造业", "软件和信息技术服务业", "C39 计算机、通信和其他电子设备制造业", "制造业-医药制造业")
/// and common wording ("软件开发", "餐饮", "物业"). A code wins over a name unless the code is only a
/// 门类 that the name narrows down. `None` when nothing is recognised.
pub fn industry_group(text: &str) -> Option<IndustryMatch> {
    // Exports repeat a few hundred industry texts across thousands of entries; matching one against
    // every name and keyword of the table is the costliest step of screening, so remember the answers.
    thread_local! {
        static CACHE: std::cell::RefCell<std::collections::HashMap<String, Option<IndustryMatch>>> = Default::default();
    }
    if let Some(hit) = CACHE.with(|c| c.borrow().get(text).cloned()) {
        return hit;
    }
    let result = industry_group_uncached(text);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() > 20_000 {
            c.clear();
        }
        c.insert(text.to_string(), result.clone());
    });
    result
}

fn industry_group_uncached(text: &str) -> Option<IndustryMatch> {
    let folded = fold(text);
    let code = find_code(&folded).and_then(|(code, letter, digits)| resolve_code(letter, &digits).map(|(g, desc)| (to_public(g), code, desc)));
    let name = match_name(&folded);

    let (group, via, matched, how) = match (code, name) {
        (Some((cg, _, _)), Some((ng, nvia, nshown)))
            if matches!(cg, IndustryGroup::Ambiguous { .. })
                && ng != cg
                && !covered_ids(&ng).is_empty()
                && covered_ids(&ng).iter().all(|id| covered_ids(&cg).contains(id)) =>
        {
            (ng, nvia, nshown.to_string(), describe_name(nvia, nshown))
        }
        (Some((cg, code, desc)), _) => {
            let how = format!("行业代码“{code}”（GB/T 4754-2017 {desc}）");
            (cg, MatchVia::Code, code, how)
        }
        (None, Some((ng, nvia, nshown))) => (ng, nvia, nshown.to_string(), describe_name(nvia, nshown)),
        (None, None) => return None,
    };
    let explanation = match &group {
        IndustryGroup::Covered { id, name } => {
            let scope = table().industry(*id).map(|i| i.scope.as_str()).unwrap_or("");
            format!("{how} → 划型行业“{name}”（{scope}）")
        }
        IndustryGroup::NotCovered { category } => {
            format!("{how} → {category}，不在《中小企业划型标准规定》适用范围内，需人工复核")
        }
        IndustryGroup::Ambiguous { ids } => {
            let names: Vec<&str> = ids.iter().map(|&id| group_name(id)).collect();
            format!("{how} → 可能属于“{}”，行业不够具体，需人工确认", names.join("”“"))
        }
    };
    Some(IndustryMatch { group, via, matched, explanation })
}

fn describe_name(via: MatchVia, shown: &str) -> String {
    match via {
        MatchVia::Keyword => format!("行业描述含关键词“{shown}”"),
        _ => format!("行业名称“{shown}”"),
    }
}

// ───────────────────────────── tests ─────────────────────────────

#[cfg(test)]
mod tests {
    use super::*;

    fn size(id: u8, e: Option<i64>, r: Option<f64>, a: Option<f64>) -> Size {
        classify(id, e, r, a).size
    }

    // ── table ──

    #[test]
    fn sme_table_parses_with_16_industries() {
        let t = table();
        assert_eq!(t.version, "工信部联企业〔2011〕300号");
        assert_eq!(t.effective_from, chrono::NaiveDate::from_ymd_opt(2011, 7, 4).unwrap());
        assert_eq!(t.industries.len(), 16);
        let ids: Vec<u8> = t.industries.iter().map(|i| i.id).collect();
        assert_eq!(ids, (1..=16).collect::<Vec<u8>>());
    }

    /// An independent transcription of DOMAIN §1.1, so a wrong number in the JSON fails a test.
    /// (id, name, [E large, medium, small], [R ...], [A ...]); 0 = indicator not used.
    #[allow(clippy::type_complexity)]
    const EXPECTED: &[(u8, &str, [f64; 3], [f64; 3], [f64; 3])] = &[
        (1, "农、林、牧、渔业", [0.0; 3], [20000.0, 500.0, 50.0], [0.0; 3]),
        (2, "工业", [1000.0, 300.0, 20.0], [40000.0, 2000.0, 300.0], [0.0; 3]),
        (3, "建筑业", [0.0; 3], [80000.0, 6000.0, 300.0], [80000.0, 5000.0, 300.0]),
        (4, "批发业", [200.0, 20.0, 5.0], [40000.0, 5000.0, 1000.0], [0.0; 3]),
        (5, "零售业", [300.0, 50.0, 10.0], [20000.0, 500.0, 100.0], [0.0; 3]),
        (6, "交通运输业", [1000.0, 300.0, 20.0], [30000.0, 3000.0, 200.0], [0.0; 3]),
        (7, "仓储业", [200.0, 100.0, 20.0], [30000.0, 1000.0, 100.0], [0.0; 3]),
        (8, "邮政业", [1000.0, 300.0, 20.0], [30000.0, 2000.0, 100.0], [0.0; 3]),
        (9, "住宿业", [300.0, 100.0, 10.0], [10000.0, 2000.0, 100.0], [0.0; 3]),
        (10, "餐饮业", [300.0, 100.0, 10.0], [10000.0, 2000.0, 100.0], [0.0; 3]),
        (11, "信息传输业", [2000.0, 100.0, 10.0], [100000.0, 1000.0, 100.0], [0.0; 3]),
        (12, "软件和信息技术服务业", [300.0, 100.0, 10.0], [10000.0, 1000.0, 50.0], [0.0; 3]),
        (13, "房地产开发经营", [0.0; 3], [200000.0, 1000.0, 100.0], [10000.0, 5000.0, 2000.0]),
        (14, "物业管理", [1000.0, 300.0, 100.0], [5000.0, 1000.0, 500.0], [0.0; 3]),
        (15, "租赁和商务服务业", [300.0, 100.0, 10.0], [0.0; 3], [120000.0, 8000.0, 100.0]),
        (16, "其他未列明行业", [300.0, 100.0, 10.0], [0.0; 3], [0.0; 3]),
    ];

    #[test]
    fn sme_table_matches_domain_transcription() {
        let t = table();
        for &(id, name, e, r, a) in EXPECTED {
            let ind = t.industry(id).unwrap();
            assert_eq!(ind.name, name, "industry {id}");
            for (k, tier) in [&ind.large, &ind.medium, &ind.small].into_iter().enumerate() {
                let want = |x: f64| (x > 0.0).then_some(x);
                assert_eq!(tier.employees, want(e[k]), "{name} employees tier {k}");
                assert_eq!(tier.revenue, want(r[k]), "{name} revenue tier {k}");
                assert_eq!(tier.assets, want(a[k]), "{name} assets tier {k}");
            }
            let mut expected_inds = Vec::new();
            if e[0] > 0.0 {
                expected_inds.push(Indicator::Employees);
            }
            if r[0] > 0.0 {
                expected_inds.push(Indicator::Revenue);
            }
            if a[0] > 0.0 {
                expected_inds.push(Indicator::Assets);
            }
            let mut got = ind.indicators.clone();
            got.sort();
            assert_eq!(got, expected_inds, "{name} indicators");
        }
    }

    #[test]
    fn sme_table_rejects_bad_tables() {
        let good: serde_json::Value = serde_json::from_str(TABLE_JSON).unwrap();
        let mutate = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v = good.clone();
            f(&mut v);
            SmeTable::from_json(&v.to_string())
        };
        assert!(mutate(&|_| {}).is_ok());
        assert!(matches!(mutate(&|v| v["industries"][1]["medium"]["revenue"] = 50000.into()), Err(SmeTableError::Invalid(_))));
        assert!(matches!(mutate(&|v| v["industries"][1]["small"]["assets"] = 5.into()), Err(SmeTableError::Invalid(_))));
        assert!(matches!(
            mutate(&|v| {
                v["industries"][1]["small"].as_object_mut().unwrap().remove("employees");
            }),
            Err(SmeTableError::Invalid(_))
        ));
        assert!(matches!(mutate(&|v| v["industries"][2]["id"] = 2.into()), Err(SmeTableError::Invalid(_))));
        assert!(matches!(mutate(&|v| v["industries"][0]["large"]["revenu"] = 1.into()), Err(SmeTableError::Json(_))));
        assert!(matches!(SmeTable::from_json("{"), Err(SmeTableError::Json(_))));
    }

    // ── DOMAIN §1.2 worked cases ──

    #[test]
    fn sme_domain_worked_cases() {
        let c = classify(2, Some(1200), Some(50000.0), None);
        assert_eq!(c.size, Size::Large);
        assert_eq!(c.size.is_sme(), Some(false));
        assert_eq!(size(2, Some(1200), Some(30000.0), None), Size::Medium);
        assert_eq!(size(2, Some(350), Some(1500.0), None), Size::Small);
        assert_eq!(size(12, Some(8), Some(2000.0), None), Size::Micro);
        assert_eq!(size(4, Some(25), Some(800.0), None), Size::Micro);
        assert_eq!(size(3, None, Some(90000.0), Some(70000.0)), Size::Medium);
    }

    #[test]
    fn sme_explanation_names_numbers_and_thresholds() {
        let c = classify(2, Some(350), Some(1500.0), None);
        assert_eq!(c.industry, "工业");
        assert_eq!(c.table_version, "工信部联企业〔2011〕300号");
        assert!(c.explanation.contains("从业人员 350人"), "{}", c.explanation);
        assert!(c.explanation.contains("营业收入 1500万元 < 2000万元"), "{}", c.explanation);
        assert!(c.explanation.contains("→ 小型"), "{}", c.explanation);
        assert!(c.explanation.contains("从业人员≥20人且营业收入≥300万元"), "{}", c.explanation);
        assert!(c.explanation.contains("300号"), "{}", c.explanation);
        assert!(c.thresholds_text.contains("大型 从业人员≥1000人且营业收入≥40000万元"), "{}", c.thresholds_text);
        assert_eq!(c.thresholds.unwrap().id, 2);

        let c = classify(3, None, Some(90000.0), Some(70000.0));
        assert!(c.explanation.contains("资产总额 70000万元 < 80000万元"), "{}", c.explanation);
        let c = classify(12, Some(8), Some(2000.0), None);
        assert!(c.explanation.contains("从业人员 8人 < 10人"), "{}", c.explanation);
        let c = classify(2, Some(1200), None, None);
        assert!(c.explanation.contains("营业收入未填"), "{}", c.explanation);
        let c = classify(2, Some(350), None, None);
        assert!(c.explanation.contains("可认定为中小微企业"), "{}", c.explanation);
        assert_eq!(c.size.label(), "中小微（规模未定）");
        let c = classify(2, Some(350), Some(1500.5), None);
        assert!(c.explanation.contains("1500.5万元"), "{}", c.explanation);
    }

    // ── boundaries, generated from the table ──

    /// Values with every listed indicator exactly at `tier`, optionally one indicator nudged down.
    fn at(tier: &Bounds, nudge: Option<(Indicator, f64)>) -> (Option<i64>, Option<f64>, Option<f64>) {
        let v = |i: Indicator| {
            tier.get(i).map(|b| match nudge {
                Some((n, d)) if n == i => b - d,
                _ => b,
            })
        };
        (v(Indicator::Employees).map(|x| x as i64), v(Indicator::Revenue), v(Indicator::Assets))
    }

    #[test]
    fn sme_every_boundary_of_every_industry_from_table() {
        let t = table();
        let mut checked = 0;
        for ind in &t.industries {
            let tiers = [(&ind.large, Size::Large, Size::Medium), (&ind.medium, Size::Medium, Size::Small), (&ind.small, Size::Small, Size::Micro)];
            for (tier, at_size, below_size) in tiers {
                let (e, r, a) = at(tier, None);
                assert_eq!(classify(ind.id, e, r, a).size, at_size, "{} exactly at {:?}", ind.name, at_size);
                for &i in &ind.indicators {
                    let deltas: &[f64] = if i == Indicator::Employees { &[1.0] } else { &[1.0, 0.01] };
                    for &d in deltas {
                        let (e, r, a) = at(tier, Some((i, d)));
                        let c = classify(ind.id, e, r, a);
                        assert_eq!(c.size, below_size, "{}: {} {d} below {:?} bound → {}", ind.name, i.label(), at_size, c.explanation);
                        checked += 1;
                    }
                }
                // Way above on every indicator stays at the tier's own size or higher.
                let (e, r, a) = at(tier, None);
                let up = classify(ind.id, e.map(|x| x * 10), r.map(|x| x * 10.0), a.map(|x| x * 10.0)).size;
                assert!(matches!((at_size, up), (Size::Large, Size::Large) | (Size::Medium, Size::Large | Size::Medium) | (Size::Small, _)));
            }
            // Zero is micro.
            let zero = classify(ind.id, Some(0), Some(0.0), Some(0.0));
            assert_eq!(zero.size, Size::Micro, "{}", ind.name);
        }
        assert!(checked > 100, "{checked}");
    }

    // ── boundaries, hand-written (at least one per industry) ──

    #[test]
    fn sme_boundaries_industry_01_agriculture() {
        assert_eq!(size(1, None, Some(20000.0), None), Size::Large);
        assert_eq!(size(1, None, Some(19999.0), None), Size::Medium);
        assert_eq!(size(1, None, Some(500.0), None), Size::Medium);
        assert_eq!(size(1, None, Some(499.99), None), Size::Small);
        assert_eq!(size(1, None, Some(50.0), None), Size::Small);
        assert_eq!(size(1, None, Some(49.0), None), Size::Micro);
        // Employees are not an indicator for 农林牧渔业.
        assert_eq!(size(1, Some(5000), Some(49.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_02_industrial() {
        assert_eq!(size(2, Some(1000), Some(40000.0), None), Size::Large);
        assert_eq!(size(2, Some(999), Some(40000.0), None), Size::Medium);
        assert_eq!(size(2, Some(1000), Some(39999.99), None), Size::Medium);
        assert_eq!(size(2, Some(300), Some(2000.0), None), Size::Medium);
        assert_eq!(size(2, Some(299), Some(2000.0), None), Size::Small);
        assert_eq!(size(2, Some(300), Some(1999.0), None), Size::Small);
        assert_eq!(size(2, Some(20), Some(300.0), None), Size::Small);
        assert_eq!(size(2, Some(19), Some(300.0), None), Size::Micro);
        assert_eq!(size(2, Some(20), Some(299.0), None), Size::Micro);
        // 或 for the ceiling: huge revenue but few staff is not 大型.
        assert_eq!(size(2, Some(50), Some(900000.0), None), Size::Small);
    }

    #[test]
    fn sme_boundaries_industry_03_construction() {
        assert_eq!(size(3, None, Some(80000.0), Some(80000.0)), Size::Large);
        assert_eq!(size(3, None, Some(80000.0), Some(79999.0)), Size::Medium);
        assert_eq!(size(3, None, Some(6000.0), Some(5000.0)), Size::Medium);
        assert_eq!(size(3, None, Some(5999.0), Some(5000.0)), Size::Small);
        assert_eq!(size(3, None, Some(6000.0), Some(4999.0)), Size::Small);
        assert_eq!(size(3, None, Some(300.0), Some(300.0)), Size::Small);
        assert_eq!(size(3, None, Some(300.0), Some(299.0)), Size::Micro);
        // Employees are not an indicator for 建筑业.
        assert_eq!(size(3, Some(99999), Some(300.0), Some(299.0)), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_04_wholesale() {
        assert_eq!(size(4, Some(200), Some(40000.0), None), Size::Large);
        assert_eq!(size(4, Some(199), Some(40000.0), None), Size::Medium);
        assert_eq!(size(4, Some(20), Some(5000.0), None), Size::Medium);
        assert_eq!(size(4, Some(19), Some(5000.0), None), Size::Small);
        assert_eq!(size(4, Some(5), Some(1000.0), None), Size::Small);
        assert_eq!(size(4, Some(4), Some(1000.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_05_retail() {
        assert_eq!(size(5, Some(300), Some(20000.0), None), Size::Large);
        assert_eq!(size(5, Some(300), Some(19999.0), None), Size::Medium);
        assert_eq!(size(5, Some(50), Some(500.0), None), Size::Medium);
        assert_eq!(size(5, Some(49), Some(500.0), None), Size::Small);
        assert_eq!(size(5, Some(10), Some(100.0), None), Size::Small);
        assert_eq!(size(5, Some(10), Some(99.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_06_transport() {
        assert_eq!(size(6, Some(1000), Some(30000.0), None), Size::Large);
        assert_eq!(size(6, Some(999), Some(30000.0), None), Size::Medium);
        assert_eq!(size(6, Some(300), Some(3000.0), None), Size::Medium);
        assert_eq!(size(6, Some(300), Some(2999.0), None), Size::Small);
        assert_eq!(size(6, Some(20), Some(200.0), None), Size::Small);
        assert_eq!(size(6, Some(20), Some(199.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_07_warehousing() {
        assert_eq!(size(7, Some(200), Some(30000.0), None), Size::Large);
        assert_eq!(size(7, Some(199), Some(30000.0), None), Size::Medium);
        assert_eq!(size(7, Some(100), Some(1000.0), None), Size::Medium);
        assert_eq!(size(7, Some(99), Some(1000.0), None), Size::Small);
        assert_eq!(size(7, Some(20), Some(100.0), None), Size::Small);
        assert_eq!(size(7, Some(19), Some(100.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_08_postal() {
        assert_eq!(size(8, Some(1000), Some(30000.0), None), Size::Large);
        assert_eq!(size(8, Some(1000), Some(29999.0), None), Size::Medium);
        assert_eq!(size(8, Some(300), Some(2000.0), None), Size::Medium);
        assert_eq!(size(8, Some(300), Some(1999.0), None), Size::Small);
        assert_eq!(size(8, Some(20), Some(100.0), None), Size::Small);
        assert_eq!(size(8, Some(20), Some(99.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_09_accommodation() {
        assert_eq!(size(9, Some(300), Some(10000.0), None), Size::Large);
        assert_eq!(size(9, Some(299), Some(10000.0), None), Size::Medium);
        assert_eq!(size(9, Some(100), Some(2000.0), None), Size::Medium);
        assert_eq!(size(9, Some(100), Some(1999.0), None), Size::Small);
        assert_eq!(size(9, Some(10), Some(100.0), None), Size::Small);
        assert_eq!(size(9, Some(9), Some(100.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_10_catering() {
        assert_eq!(size(10, Some(300), Some(10000.0), None), Size::Large);
        assert_eq!(size(10, Some(300), Some(9999.0), None), Size::Medium);
        assert_eq!(size(10, Some(100), Some(2000.0), None), Size::Medium);
        assert_eq!(size(10, Some(99), Some(2000.0), None), Size::Small);
        assert_eq!(size(10, Some(10), Some(100.0), None), Size::Small);
        assert_eq!(size(10, Some(10), Some(99.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_11_information_transmission() {
        assert_eq!(size(11, Some(2000), Some(100000.0), None), Size::Large);
        assert_eq!(size(11, Some(1999), Some(100000.0), None), Size::Medium);
        assert_eq!(size(11, Some(100), Some(1000.0), None), Size::Medium);
        assert_eq!(size(11, Some(100), Some(999.0), None), Size::Small);
        assert_eq!(size(11, Some(10), Some(100.0), None), Size::Small);
        assert_eq!(size(11, Some(9), Some(100.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_12_software() {
        assert_eq!(size(12, Some(300), Some(10000.0), None), Size::Large);
        assert_eq!(size(12, Some(300), Some(9999.0), None), Size::Medium);
        assert_eq!(size(12, Some(100), Some(1000.0), None), Size::Medium);
        assert_eq!(size(12, Some(99), Some(1000.0), None), Size::Small);
        assert_eq!(size(12, Some(10), Some(50.0), None), Size::Small);
        assert_eq!(size(12, Some(10), Some(49.99), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_13_real_estate_development() {
        assert_eq!(size(13, None, Some(200000.0), Some(10000.0)), Size::Large);
        assert_eq!(size(13, None, Some(199999.0), Some(10000.0)), Size::Medium);
        assert_eq!(size(13, None, Some(200000.0), Some(9999.0)), Size::Medium);
        assert_eq!(size(13, None, Some(1000.0), Some(5000.0)), Size::Medium);
        assert_eq!(size(13, None, Some(1000.0), Some(4999.0)), Size::Small);
        assert_eq!(size(13, None, Some(100.0), Some(2000.0)), Size::Small);
        assert_eq!(size(13, None, Some(99.0), Some(2000.0)), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_14_property_management() {
        assert_eq!(size(14, Some(1000), Some(5000.0), None), Size::Large);
        assert_eq!(size(14, Some(1000), Some(4999.0), None), Size::Medium);
        assert_eq!(size(14, Some(300), Some(1000.0), None), Size::Medium);
        assert_eq!(size(14, Some(299), Some(1000.0), None), Size::Small);
        assert_eq!(size(14, Some(100), Some(500.0), None), Size::Small);
        assert_eq!(size(14, Some(99), Some(500.0), None), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_15_leasing_business_services() {
        assert_eq!(size(15, Some(300), None, Some(120000.0)), Size::Large);
        assert_eq!(size(15, Some(300), None, Some(119999.0)), Size::Medium);
        assert_eq!(size(15, Some(100), None, Some(8000.0)), Size::Medium);
        assert_eq!(size(15, Some(99), None, Some(8000.0)), Size::Small);
        assert_eq!(size(15, Some(10), None, Some(100.0)), Size::Small);
        assert_eq!(size(15, Some(10), None, Some(99.0)), Size::Micro);
        // Revenue is not an indicator for 租赁和商务服务业.
        assert_eq!(size(15, Some(10), Some(1e9), Some(99.0)), Size::Micro);
    }

    #[test]
    fn sme_boundaries_industry_16_other() {
        assert_eq!(size(16, Some(300), None, None), Size::Large);
        assert_eq!(size(16, Some(299), None, None), Size::Medium);
        assert_eq!(size(16, Some(100), None, None), Size::Medium);
        assert_eq!(size(16, Some(99), None, None), Size::Small);
        assert_eq!(size(16, Some(10), None, None), Size::Small);
        assert_eq!(size(16, Some(9), None, None), Size::Micro);
        // Revenue and assets are ignored for 其他未列明行业.
        assert_eq!(size(16, Some(9), Some(1e9), Some(1e9)), Size::Micro);
    }

    // ── missing indicators ──

    #[test]
    fn sme_missing_indicator_one_below_ceiling_proves_sme() {
        // Employees below the ceiling, revenue missing: SME, class open.
        let c = classify(2, Some(350), None, None);
        assert_eq!(c.size, Size::SmeUndetermined);
        assert_eq!(c.size.is_sme(), Some(true));
        // Revenue below the ceiling, employees missing.
        assert_eq!(size(2, None, Some(30000.0), None), Size::SmeUndetermined);
        // Below the medium bound already: not medium; small still open.
        assert_eq!(size(2, Some(100), None, None), Size::SmeUndetermined);
        // Below the small bound: micro regardless of the missing one.
        assert_eq!(size(2, Some(10), None, None), Size::Micro);
        assert_eq!(size(2, None, Some(299.0), None), Size::Micro);
        assert_eq!(size(3, None, None, Some(100.0)), Size::Micro);
        assert_eq!(size(13, None, Some(150000.0), None), Size::SmeUndetermined);
        // 13: assets below the SME ceiling 10000 but ≥ medium 5000: SME, class open.
        assert_eq!(size(13, None, None, Some(9000.0)), Size::SmeUndetermined);
    }

    #[test]
    fn sme_missing_indicator_cannot_decide() {
        let c = classify(2, None, None, None);
        assert_eq!(c.size, Size::Unknown);
        assert_eq!(c.size.is_sme(), None);
        assert!(c.explanation.contains("均未填"), "{}", c.explanation);
        // Known indicator at/above the large bound, other missing → cannot decide.
        assert_eq!(size(2, Some(1200), None, None), Size::Unknown);
        assert_eq!(size(2, Some(1000), None, None), Size::Unknown);
        assert_eq!(size(2, None, Some(50000.0), None), Size::Unknown);
        assert_eq!(size(3, None, Some(90000.0), None), Size::Unknown);
        assert_eq!(size(15, Some(500), None, None), Size::Unknown);
        // The wrong indicator does not help: 建筑业 with only employees.
        assert_eq!(size(3, Some(5), None, None), Size::Unknown);
        assert_eq!(size(16, None, Some(10.0), Some(10.0)), Size::Unknown);
        // Unknown industry id.
        let c = classify(17, Some(5), Some(5.0), Some(5.0));
        assert_eq!(c.size, Size::Unknown);
        assert_eq!(c.industry, "未知行业");
        assert!(c.thresholds.is_none());
    }

    #[test]
    fn sme_invalid_values_count_as_missing() {
        let c = classify(2, Some(-5), Some(1500.0), None);
        assert_eq!(c.size, Size::SmeUndetermined);
        assert!(c.explanation.contains("无效"), "{}", c.explanation);
        assert_eq!(size(2, Some(350), Some(f64::NAN), None), Size::SmeUndetermined);
        assert_eq!(size(2, Some(1200), Some(-1.0), None), Size::Unknown);
    }

    #[test]
    fn sme_size_labels() {
        let labels: Vec<&str> =
            [Size::Large, Size::Medium, Size::Small, Size::Micro, Size::SmeUndetermined, Size::Unknown].iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["大型", "中型", "小型", "微型", "中小微（规模未定）", "无法判断"]);
    }

    #[test]
    fn sme_classify_candidates() {
        // 住宿业 and 餐饮业 share thresholds.
        let c = classify_candidates(&[9, 10], Some(50), Some(500.0), None).unwrap();
        assert_eq!(c.size, Size::Small);
        assert!(c.explanation.contains("住宿业”或“餐饮业"), "{}", c.explanation);
        // 信息传输业 vs 软件: 150 persons, 1000万元 → both 中型.
        assert_eq!(classify_candidates(&[11, 12], Some(150), Some(1000.0), None).unwrap().size, Size::Medium);
        // 500 persons, 20000万元: 信息传输 中型, 软件 大型 → disagree.
        assert!(classify_candidates(&[11, 12], Some(500), Some(20000.0), None).is_none());
        assert!(classify_candidates(&[9, 10], None, None, None).is_none());
        assert!(classify_candidates(&[], Some(1), None, None).is_none());
    }

    // ── industry mapping ──

    fn group(text: &str) -> Option<IndustryGroup> {
        industry_group(text).map(|m| m.group)
    }

    fn id_of(text: &str) -> Option<u8> {
        industry_group(text).and_then(|m| m.id())
    }

    fn not_covered(text: &str) -> bool {
        matches!(group(text), Some(IndustryGroup::NotCovered { .. }))
    }

    fn ambiguous(text: &str) -> Option<Vec<u8>> {
        match group(text) {
            Some(IndustryGroup::Ambiguous { ids }) => Some(ids),
            _ => None,
        }
    }

    #[test]
    fn sme_industry_names_and_codes_from_brief() {
        let cases: &[(&str, u8)] = &[
            ("制造业", 2),
            ("C 制造业", 2),
            ("C39 计算机、通信和其他电子设备制造业", 2),
            ("39", 2),
            ("C-39", 2),
            ("C39", 2),
            ("c39", 2),
            ("Ｃ３９", 2),
            ("Ｃ－３９　计算机、通信和其他电子设备制造业", 2),
            ("软件和信息技术服务业", 12),
            ("I65", 12),
            ("I-6510", 12),
            ("互联网和相关服务", 11),
            ("批发业", 4),
            ("零售业", 5),
            ("道路运输业", 6),
            ("住宿业", 9),
            ("餐饮业", 10),
            ("房地产开发经营", 13),
            ("K7010", 13),
            ("7010", 13),
            ("物业管理", 14),
            ("702", 14),
            ("租赁和商务服务业", 15),
            ("L72", 15),
            ("科技推广和应用服务业", 16),
            ("研究和试验发展", 16),
            ("M73", 16),
            ("农业", 1),
            ("A01", 1),
            ("建筑安装业", 3),
            ("E49", 3),
        ];
        for &(text, want) in cases {
            let m = industry_group(text).unwrap_or_else(|| panic!("{text}: no match"));
            assert_eq!(m.id(), Some(want), "{text}: {:?}", m);
            assert_eq!(m.group, IndustryGroup::Covered { id: want, name: group_name(want) });
        }
        assert!(not_covered("金融业"));
        assert!(not_covered("J66"));
    }

    #[test]
    fn sme_industry_scope_codes_per_nbs() {
        // 工业 = B, C, D.
        for t in ["B", "C", "D", "B06", "C13", "C43", "D44", "D46", "06", "43", "46"] {
            assert_eq!(id_of(t), Some(2), "{t}");
        }
        assert_eq!(id_of("E"), Some(3));
        assert_eq!(id_of("47"), Some(3));
        assert_eq!(id_of("50"), Some(3));
        assert_eq!(id_of("F51"), Some(4));
        assert_eq!(id_of("F52"), Some(5));
        for t in ["54", "55", "56", "57", "58", "G54", "G58"] {
            assert_eq!(id_of(t), Some(6), "{t}");
        }
        assert_eq!(id_of("59"), Some(7));
        assert_eq!(id_of("60"), Some(8));
        assert_eq!(id_of("61"), Some(9));
        assert_eq!(id_of("62"), Some(10));
        assert_eq!(id_of("63"), Some(11));
        assert_eq!(id_of("64"), Some(11));
        assert_eq!(id_of("65"), Some(12));
        assert_eq!(id_of("701"), Some(13));
        assert_eq!(id_of("7020"), Some(14));
        assert_eq!(id_of("L"), Some(15));
        assert_eq!(id_of("71"), Some(15));
        for t in ["M", "N", "O", "R", "74", "75", "76", "79", "80", "82", "85", "86", "90", "703", "7030", "709", "7090", "Q85"] {
            assert_eq!(id_of(t), Some(16), "{t}");
        }
        assert_eq!(id_of("01"), Some(1));
        assert_eq!(id_of("05"), Some(1));
        assert_eq!(id_of("A"), Some(1));
    }

    #[test]
    fn sme_industry_not_covered() {
        for t in [
            "金融业",
            "J",
            "66",
            "69",
            "货币金融服务",
            "保险业",
            "银行",
            "教育",
            "P83",
            "83",
            "卫生",
            "84",
            "Q84",
            "卫生和社会工作",
            "Q",
            "公共管理、社会保障和社会组织",
            "S",
            "91",
            "96",
            "国际组织",
            "T97",
            "铁路运输业",
            "53",
            "G53",
            "704",
            "7040",
            "房地产租赁经营",
        ] {
            assert!(not_covered(t), "{t}: {:?}", industry_group(t));
        }
        let m = industry_group("53").unwrap();
        assert!(m.explanation.contains("铁路"), "{}", m.explanation);
        assert!(m.explanation.contains("人工复核"), "{}", m.explanation);
    }

    #[test]
    fn sme_industry_ambiguous_sections() {
        assert_eq!(ambiguous("信息传输、软件和信息技术服务业"), Some(vec![11, 12]));
        assert_eq!(ambiguous("I"), Some(vec![11, 12]));
        assert_eq!(ambiguous("批发和零售业"), Some(vec![4, 5]));
        assert_eq!(ambiguous("F"), Some(vec![4, 5]));
        assert_eq!(ambiguous("住宿和餐饮业"), Some(vec![9, 10]));
        assert_eq!(ambiguous("交通运输、仓储和邮政业"), Some(vec![6, 7, 8]));
        assert_eq!(ambiguous("房地产业"), Some(vec![13, 14, 16]));
        assert_eq!(ambiguous("K70"), Some(vec![13, 14, 16]));
        assert_eq!(ambiguous("物流"), Some(vec![6, 7]));
        let m = industry_group("信息传输、软件和信息技术服务业").unwrap();
        assert!(m.explanation.contains("信息传输业") && m.explanation.contains("软件和信息技术服务业"), "{}", m.explanation);
    }

    #[test]
    fn sme_industry_section_then_division_picks_division() {
        assert_eq!(id_of("信息传输、软件和信息技术服务业-软件和信息技术服务业"), Some(12));
        assert_eq!(id_of("信息传输、软件和信息技术服务业/互联网和相关服务"), Some(11));
        assert_eq!(id_of("制造业-医药制造业"), Some(2));
        assert_eq!(id_of("批发和零售业 > 零售业"), Some(5));
        assert_eq!(id_of("I 信息传输、软件和信息技术服务业 65 软件和信息技术服务业"), Some(12));
        assert_eq!(id_of("I 软件和信息技术服务业"), Some(12));
        assert_eq!(id_of("房地产业-物业管理"), Some(14));
        // A section-level code with a name from elsewhere does not narrow it.
        assert_eq!(ambiguous("I 制造业"), Some(vec![11, 12]));
    }

    #[test]
    fn sme_industry_names_inside_other_names_do_not_leak() {
        // "体育" and "娱乐" (R → 16) inside a 制造业 name.
        assert_eq!(id_of("文教、工美、体育和娱乐用品制造业"), Some(2));
        // "运输" inside 运输设备制造.
        assert_eq!(id_of("铁路、船舶、航空航天和其他运输设备制造业"), Some(2));
        assert_eq!(id_of("C37"), Some(2));
        // "修理" of 设备 is 工业 (43), of 日用产品 is 16 (81).
        assert_eq!(id_of("金属制品、机械和设备修理业"), Some(2));
        assert_eq!(id_of("机动车、电子产品和日用产品修理业"), Some(16));
        assert_eq!(id_of("农副食品加工业"), Some(2));
        assert_eq!(id_of("社会工作"), Some(16));
    }

    #[test]
    fn sme_industry_keywords() {
        for (t, want) in [
            ("软件开发", 12),
            ("计算机软件", 12),
            ("工业软件", 12),
            ("信息技术服务", 12),
            ("餐饮", 10),
            ("快递", 8),
            ("物业服务", 14),
            ("智能装备制造", 2),
            ("工业", 2),
            ("技术服务", 16),
            ("科学研究和技术服务业", 16),
            ("广告", 15),
        ] {
            let m = industry_group(t).unwrap_or_else(|| panic!("{t}"));
            assert_eq!(m.id(), Some(want), "{t}: {m:?}");
        }
        let m = industry_group("软件开发").unwrap();
        assert_eq!(m.via, MatchVia::Keyword);
        assert_eq!(m.matched, "软件开发");
    }

    #[test]
    fn sme_industry_match_reports_how() {
        let m = industry_group("C39 计算机、通信和其他电子设备制造业").unwrap();
        assert_eq!(m.via, MatchVia::Code);
        assert_eq!(m.matched, "C39");
        assert!(m.explanation.contains("大类 39 计算机、通信和其他电子设备制造业"), "{}", m.explanation);
        assert!(m.explanation.contains("工业"), "{}", m.explanation);
        let m = industry_group("软件和信息技术服务业").unwrap();
        assert_eq!(m.via, MatchVia::Name);
        assert_eq!(m.matched, "软件和信息技术服务业");
        let m = industry_group("7010").unwrap();
        assert!(m.explanation.contains("中类 701 房地产开发经营"), "{}", m.explanation);
    }

    #[test]
    fn sme_industry_unknown_and_odd_input() {
        assert_eq!(industry_group(""), None);
        assert_eq!(industry_group("   "), None);
        assert_eq!(industry_group("无"), None);
        assert_eq!(industry_group("其他"), None);
        assert_eq!(industry_group("abc"), None);
        assert_eq!(industry_group("X99"), None);
        assert_eq!(industry_group("99"), None);
        assert_eq!(industry_group("1"), None);
        // Letter and digits disagree → the code is not trusted; nothing else to go on.
        assert_eq!(industry_group("C65"), None);
        // "IT" is not the section letter I; "5G" is not a code.
        assert_eq!(industry_group("IT"), None);
        assert_eq!(industry_group("5G"), None);
        // Conflicting words at the same level → ambiguous, not a guess.
        assert!(ambiguous("批发零售").is_some());
    }

    #[test]
    fn sme_industry_ids_resolve_to_table_names() {
        // Every group id the mapping can produce exists in the table.
        for t in ["A", "B", "E", "F", "G", "H", "I", "K", "L", "M"] {
            let m = industry_group(t).unwrap();
            for id in covered_ids(&m.group) {
                assert!(table().industry(id).is_some(), "{t} → {id}");
            }
        }
        for d in 1..=97u8 {
            let code = format!("{d:02}");
            let m = industry_group(&code).unwrap_or_else(|| panic!("{code}"));
            for id in covered_ids(&m.group) {
                assert!((1..=16).contains(&id), "{code}");
            }
        }
    }
}
