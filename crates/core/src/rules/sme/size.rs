//! The threshold table and the size classification (大型 / 中型 / 小型 / 微型).
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

pub(super) const TABLE_JSON: &str = include_str!("sme_table.json");

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
    /// The tiers' requirement texts, made once per industry of a table in use (see `texts`).
    #[serde(skip)]
    texts: TextCache,
}

/// The texts of one industry's thresholds that every classification repeats.
struct Texts {
    large: String,
    medium: String,
    small: String,
    /// `summary()` with the table's version, as `Classification::thresholds_text`.
    thresholds_text: String,
}

/// A cache that is no part of the value: compares equal, clones empty.
#[derive(Default)]
struct TextCache(OnceLock<Texts>);

impl PartialEq for TextCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Clone for TextCache {
    fn clone(&self) -> Self {
        TextCache::default()
    }
}

impl std::fmt::Debug for TextCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TextCache")
    }
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

    /// The texts of a table in use: only a `&'static` table (which nothing can change) caches them.
    fn texts(&'static self, version: &str) -> &'static Texts {
        self.texts.0.get_or_init(|| Texts {
            large: self.requirement(&self.large),
            medium: self.requirement(&self.medium),
            small: self.requirement(&self.small),
            thresholds_text: format!("{}（{version}）", self.summary()),
        })
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

    // The explanation is written into one String: screening sizes every company, and the
    // intermediate Strings of formatting each part were most of R05's time.
    let texts = ind.texts(&t.version);
    let mut x = String::with_capacity(320);
    x.push_str(&ind.name);
    x.push('：');
    for (n, &i) in ind.indicators.iter().enumerate() {
        if n > 0 {
            x.push('，');
        }
        x.push_str(i.label());
        match vals.get(i) {
            Some(v) => {
                x.push(' ');
                push_num(&mut x, v);
                x.push_str(i.unit());
            }
            None => x.push_str(" 未填"),
        }
    }
    x.push_str(" → ");
    x.push_str(size.label());
    x.push('。');
    let missing = |x: &mut String| {
        for (n, i) in ind.indicators.iter().filter(|&&i| vals.get(i).is_none()).enumerate() {
            if n > 0 {
                x.push('、');
            }
            x.push_str(i.label());
        }
    };
    let below = |x: &mut String, tier: &Bounds| push_shortfalls(x, ind, tier, &vals);
    match size {
        Size::Large => push_all(&mut x, &["各项指标均达到大型标准（", &texts.large, "），不属于中小微企业"]),
        Size::Medium => {
            x.push_str("未达大型（");
            below(&mut x, &ind.large);
            push_all(&mut x, &["）；达到中型标准（", &texts.medium, "）"]);
        }
        Size::Small => {
            x.push_str("未达中型（");
            below(&mut x, &ind.medium);
            push_all(&mut x, &["）；达到小型标准（", &texts.small, "）"]);
        }
        Size::Micro => {
            x.push_str("低于小型标准（");
            below(&mut x, &ind.small);
            push_all(&mut x, &["；小型需", &texts.small, "）"]);
        }
        Size::SmeUndetermined => {
            below(&mut x, &ind.large);
            x.push_str("，已低于中小微上限，可认定为中小微企业；");
            missing(&mut x);
            x.push_str("未填，规模无法确定（");
            if medium == Tri::Maybe {
                push_all(&mut x, &["中型需", &texts.medium]);
            } else {
                x.push_str("未达中型（");
                below(&mut x, &ind.medium);
                push_all(&mut x, &["），小型需", &texts.small]);
            }
            x.push('）');
        }
        Size::Unknown => {
            let mut known = 0;
            for &i in &ind.indicators {
                let Some(v) = vals.get(i) else { continue };
                if known > 0 {
                    x.push('，');
                }
                known += 1;
                push_all(&mut x, &[i.label(), " "]);
                push_num(&mut x, v);
                push_all(&mut x, &[i.unit(), " ≥ "]);
                push_num(&mut x, ind.large.get(i).unwrap_or(f64::NAN));
                x.push_str(i.unit());
            }
            if known == 0 {
                missing(&mut x);
                push_all(&mut x, &["均未填，无法判断是否为中小微企业（大型需", &texts.large, "）"]);
            } else {
                x.push('，');
                missing(&mut x);
                push_all(&mut x, &["未填，无法判断是否为中小微企业（大型需", &texts.large, "），请补充数据"]);
            }
        }
    }
    if !notes.is_empty() {
        let _ = write!(x, "（{}）", notes.join("；"));
    }
    push_all(&mut x, &["。依据", &t.version, "。"]);

    Classification {
        size,
        industry_id,
        industry: &ind.name,
        table_version: &t.version,
        thresholds: Some(ind),
        thresholds_text: texts.thresholds_text.clone(),
        explanation: x,
    }
}

fn push_all(x: &mut String, parts: &[&str]) {
    for p in parts {
        x.push_str(p);
    }
}

/// `shortfalls(…).join("，")` written into `x`.
fn push_shortfalls(x: &mut String, ind: &IndustryThresholds, tier: &Bounds, vals: &Values) {
    let mut n = 0;
    for &i in &ind.indicators {
        let (Some(b), Some(v)) = (tier.get(i), vals.get(i)) else { continue };
        if v < b {
            if n > 0 {
                x.push('，');
            }
            n += 1;
            push_all(x, &[i.label(), " "]);
            push_num(x, v);
            push_all(x, &[i.unit(), " < "]);
            push_num(x, b);
            x.push_str(i.unit());
        }
    }
}

/// `fmt_num(v)` written into `x`.
fn push_num(x: &mut String, v: f64) {
    if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e15 {
        let _ = write!(x, "{}", v as i64);
    } else {
        x.push_str(&fmt_num(v));
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

#[cfg(test)]
mod reference_tests {
    //! The classification as it was written before its explanation was built in one String: every
    //! industry and a grid of values (each tier's bounds and around them, missing, invalid) must
    //! give exactly the same result, explanation and thresholds text included.
    use super::*;

    fn classify_reference(
        t: &'static SmeTable,
        industry_id: u8,
        employees: Option<i64>,
        revenue_wan: Option<f64>,
        assets_wan: Option<f64>,
    ) -> Classification {
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
                        vals.get(i).map(|v| {
                            format!("{} {}{} ≥ {}{}", i.label(), fmt_num(v), i.unit(), fmt_num(ind.large.get(i).unwrap_or(f64::NAN)), i.unit())
                        })
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

    #[test]
    fn explanations_equal_the_reference_for_every_industry_and_value() {
        let t = table();
        let mut compared = 0;
        for ind in &t.industries {
            let around = |i: Indicator| -> Vec<Option<f64>> {
                let mut v = vec![None, Some(0.0), Some(-1.0), Some(f64::NAN), Some(0.125), Some(1e16)];
                for b in [&ind.large, &ind.medium, &ind.small].into_iter().filter_map(|tier| tier.get(i)) {
                    v.extend([Some(b), Some(b - 1.0), Some(b + 0.5), Some(b * 2.0)]);
                }
                v
            };
            for e in around(Indicator::Employees) {
                for r in around(Indicator::Revenue) {
                    for a in around(Indicator::Assets) {
                        let emp = e.map(|v| if v.is_nan() { -3 } else { v as i64 });
                        assert_eq!(classify_with(t, ind.id, emp, r, a), classify_reference(t, ind.id, emp, r, a), "{} {emp:?} {r:?} {a:?}", ind.name);
                        compared += 1;
                    }
                }
            }
        }
        assert_eq!(classify_with(t, 99, Some(1), None, None), classify_reference(t, 99, Some(1), None, None));
        assert!(compared > 10_000, "{compared}");
    }
}
