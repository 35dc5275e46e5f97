//! The next season from this one (issue #12 item 6): what a new contest file takes from this one — the
//! settings with the edition and every date moved a year (to be checked by a person), the judges, the score
//! sheets, the mapping profiles and the templates — and this season's provincial winners, added to the new
//! file's provincial-winners list so R03 catches them next year. Read here; written by
//! `actions::season_new`.
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::settings::{self, Settings};
use crate::store::{self, Store};

/// Where a carried thing lives in the contest file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The contest settings, moved a year ([`moved_settings`]).
    Settings,
    /// Part of the settings (carried with them; listed so the window names it).
    InSettings,
    /// Every row of a table, as it is (its columns are the same in both files).
    Table(&'static str),
    /// One `settings` row kept outside [`Settings`] (a template), as it is.
    SettingsRow(&'static str),
    /// A reference list (kind code), every import of it with its rows.
    Reference(&'static str),
}

/// One thing the next season takes.
#[derive(Debug, Clone, Copy)]
pub struct Carried {
    pub label: &'static str,
    pub source: Source,
}

/// What the next season takes from this one — one line each: a later template is one more line.
pub const CARRIED: &[Carried] = &[
    Carried { label: "赛事设置（届次、年份和各项日期顺延一年，需人工核对）", source: Source::Settings },
    Carried { label: "评分表", source: Source::InSettings },
    Carried { label: "评委名单（不含回避和评审分组）", source: Source::Table("judges") },
    Carried { label: "导入映射方案", source: Source::Table("mapping_profiles") },
    Carried { label: "证书模板", source: Source::SettingsRow("certificate_template") },
    Carried { label: "通知书模板", source: Source::SettingsRow("letter_templates") },
    Carried { label: "近三届省赛获奖名单（并加入本届获省赛奖项的项目）", source: Source::Reference("provincial-winners") },
];

/// What stays with this season (the new file starts without it).
pub const NOT_CARRIED: &[&str] = &[
    "报名项目与导入记录",
    "资格审查结论与人工决定",
    "评审分组、回避与评分",
    "获奖名单、推荐名单与证书编号",
    "公示异议",
    "省赛结果与跟踪服务记录",
    "失信名单、其他赛事获奖名单、组织单位推荐名单（每年重新导入）",
];

/// The `settings` row holding [`SeasonCheck`] (not a [`Settings`] key: `settings set` cannot reach it).
pub use crate::store::next_season::CHECK_KEY;

/// One setting the next season moved on, as the banner in 赛事设置 lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct MovedSetting {
    pub key: String,
    pub label: String,
    pub from: String,
    pub to: String,
}

/// A contest made from the previous one, until a person confirms the moved settings (已核对).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct SeasonCheck {
    pub from_file: String,
    pub from_contest_id: String,
    pub from_contest_name: String,
    pub created_at: String,
    pub moved: Vec<MovedSetting>,
    /// What could not be moved by itself (an edition the app cannot read as a number).
    pub warnings: Vec<String>,
    pub confirmed_by: Option<String>,
    pub confirmed_at: Option<String>,
}

/// The check row of this contest, if it was made from a previous one.
pub fn check(store: &Store) -> Result<Option<SeasonCheck>> {
    Ok(store::next_season::check_json(store.conn())?.and_then(|j| serde_json::from_str(&j).ok()))
}

/// The next season's file when this contest already made one (its latest `season-new` note).
pub fn next_season_file(store: &Store) -> Result<Option<String>> {
    Ok(store::next_season::season_new_events(store.conn())?
        .into_iter()
        .rev()
        .filter_map(|(_, d)| serde_json::from_str::<serde_json::Value>(&d).ok())
        .find_map(|d| d.get("next_file").and_then(|f| f.as_str()).map(str::to_string)))
}

/// The same date a year later; 29 February becomes 28 February.
pub fn next_year(d: NaiveDate) -> NaiveDate {
    let y = d.year() + 1;
    NaiveDate::from_ymd_opt(y, d.month(), d.day()).or_else(|| NaiveDate::from_ymd_opt(y, d.month(), d.day() - 1)).unwrap_or(d)
}

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// A Chinese numeral as edition numbers are written (十一, 二十, 一百零五), 1 to 9999.
fn parse_chinese(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let (mut total, mut digit) = (0u32, None::<u32>);
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '〇' | '零' => {
                digit = None;
                continue;
            }
            _ => {
                digit = Some(DIGITS.iter().position(|d| *d == c).or(if c == '两' { Some(2) } else { None })? as u32);
                continue;
            }
        };
        // 十 alone (十一) means 一十.
        total += digit.take().unwrap_or(1) * unit;
    }
    Some(total + digit.unwrap_or(0)).filter(|n| *n > 0)
}

fn format_chinese(n: u32) -> String {
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    let parts = [(n / 1000, '千'), (n / 100 % 10, '百'), (n / 10 % 10, '十')];
    let mut out = String::new();
    let mut zero = false;
    for (d, unit) in parts {
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        // 十一, not 一十一, at the front.
        if !(unit == '十' && d == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        out.push(unit);
    }
    if n % 10 > 0 {
        if zero {
            out.push('零');
        }
        out.push(DIGITS[(n % 10) as usize]);
    }
    out
}

/// The next edition: 第十一届 → 第十二届, 第11届 → 第12届, 11 → 12; None when the text holds no number.
pub fn next_edition(edition: &str) -> Option<String> {
    let t = edition.trim();
    if let (Some(a), Some(b)) = (t.find('第'), t.rfind('届')) {
        let inner = t[a + '第'.len_utf8()..b].trim();
        let next = if inner.chars().all(|c| c.is_ascii_digit()) && !inner.is_empty() {
            inner.parse::<u32>().ok().map(|n| (n + 1).to_string())
        } else {
            parse_chinese(inner).map(|n| format_chinese(n + 1))
        };
        return next.map(|n| format!("{}{n}{}", &t[..a + '第'.len_utf8()], &t[b..]));
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse::<u32>().ok().map(|n| (n + 1).to_string());
    }
    parse_chinese(t).map(|n| format_chinese(n + 1))
}

/// The settings of the next season: the edition and the year moved on (in the contest's name too), and every
/// date a year later; with what moved (for the banner) and what could not be moved by itself.
pub fn moved_settings(old: &Settings) -> (Settings, Vec<MovedSetting>, Vec<String>) {
    let mut s = old.clone();
    let mut moved = Vec::new();
    let mut warnings = Vec::new();
    let mut note = |key: &str, label: &str, from: String, to: String| {
        if from != to {
            moved.push(MovedSetting { key: key.into(), label: label.into(), from, to });
        }
    };
    match next_edition(&old.edition) {
        Some(e) => s.edition = e,
        None => warnings.push(format!("届次“{}”无法自动顺延，请在赛事设置中修改。", old.edition)),
    }
    note("edition", "届次", old.edition.clone(), s.edition.clone());
    s.year = old.year + 1;
    note("year", "年份", old.year.to_string(), s.year.to_string());
    let mut name = old.contest_name.clone();
    if !old.edition.trim().is_empty() && s.edition != old.edition {
        name = name.replace(old.edition.trim(), s.edition.trim());
    }
    name = name.replace(&old.year.to_string(), &s.year.to_string());
    s.contest_name = name;
    note("contest_name", "赛事名称", old.contest_name.clone(), s.contest_name.clone());
    let fmt = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    s.deadline = next_year(old.deadline);
    note("deadline", "报名截止日", fmt(old.deadline), fmt(s.deadline));
    s.reference_date = next_year(old.reference_date);
    note("reference_date", "成立时间计算基准日", fmt(old.reference_date), fmt(s.reference_date));
    let m = &mut s.milestones;
    m.registration_end = next_year(m.registration_end);
    m.rounds_done = next_year(m.rounds_done);
    m.recommendation = next_year(m.recommendation);
    m.provincial_results = next_year(m.provincial_results);
    m.followup_end = next_year(m.followup_end);
    for ((key, label, from), (_, _, to)) in old.milestones.named().into_iter().zip(s.milestones.named()) {
        note(&format!("milestones.{key}"), &format!("时间安排：{label}"), fmt(from), fmt(to));
    }
    s.final_date = old.final_date.map(next_year);
    if let (Some(a), Some(b)) = (old.final_date, s.final_date) {
        note("final_date", "决赛日期", fmt(a), fmt(b));
    }
    (s, moved, warnings)
}

/// A project of this season that won a provincial prize, as it goes on the next season's list.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ProvincialWinner {
    pub project_no: String,
    pub project_name: String,
    pub entrant_name: String,
    pub outcome_label: String,
    /// "第十一届长治市赛推荐，省赛二等奖".
    pub source: String,
}

/// This season's projects whose provincial outcome is a prize (一等奖, 二等奖, 三等奖, 优秀奖 or 推荐国赛: the
/// notice bars "近三年省赛获奖项目", and 优秀奖 is a provincial award), each with its reference row for the
/// next season's provincial-winners list.
pub fn provincial_winners(store: &Store, st: &Settings) -> Result<Vec<(ProvincialWinner, store::reference::RefRow)>> {
    let entries = crate::entries::by_key(store, false)?;
    let mut out = Vec::new();
    for (key, outcome) in store::next_season::provincial_outcomes(store.conn())? {
        if !outcome.is_prize() {
            continue;
        }
        let Some(e) = entries.get(&key) else { continue };
        let source = format!("{}{}赛推荐，省赛{}", st.edition.trim(), st.city.trim(), outcome.label());
        let mut row = store::reference::RefRow::new();
        row.insert("year".into(), st.year.into());
        row.insert("group".into(), e.group.map(|g| g.code().to_string()).into());
        row.insert("project_name".into(), e.project_name.clone().into());
        row.insert("entrant_name".into(), e.entrant_name.clone().into());
        row.insert("credit_code".into(), e.credit_code.clone().into());
        // R03 names the prize in its message: the source says where the record comes from.
        row.insert("prize".into(), source.clone().into());
        row.insert("source".into(), source.clone().into());
        out.push((
            ProvincialWinner {
                project_no: e.project_no.clone().unwrap_or_else(|| key.clone()),
                project_name: e.project_name.clone().unwrap_or_default(),
                entrant_name: e.entrant_name.clone().unwrap_or_default(),
                outcome_label: outcome.label().into(),
                source,
            },
            row,
        ));
    }
    out.sort_by(|a, b| a.0.project_no.cmp(&b.0.project_no));
    Ok(out)
}

/// One carried thing with how much of it this contest holds.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct CarriedItem {
    pub label: String,
    /// Rows (judges, profiles, list rows); None for the settings and a template (there or not: `present`).
    pub count: Option<i64>,
    pub present: bool,
}

/// What "新建下一届赛事" will do, shown before it is done.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct NextSeasonPlan {
    pub from_contest_name: String,
    pub to_contest_name: String,
    pub to_edition: String,
    pub to_year: i32,
    pub carried: Vec<CarriedItem>,
    pub not_carried: Vec<String>,
    pub moved: Vec<MovedSetting>,
    pub warnings: Vec<String>,
    pub winners: Vec<ProvincialWinner>,
    /// A file name to suggest in the save dialog ("第十二届创客大赛.sqlite").
    pub suggested_file: String,
}

pub fn plan(store: &Store) -> Result<NextSeasonPlan> {
    let st = settings::load(store)?;
    let (next, moved, warnings) = moved_settings(&st);
    let c = store.conn();
    let mut carried = Vec::new();
    for item in CARRIED {
        let (count, present) = match item.source {
            Source::Settings | Source::InSettings => (None, true),
            Source::Table(t) => {
                let n = store::next_season::row_count(c, t)?;
                (Some(n), n > 0)
            }
            Source::SettingsRow(k) => (None, store::next_season::settings_row(c, k)?.is_some()),
            Source::Reference(kind) => {
                let n = store::reference::row_count(c, kind)?;
                (Some(n), n > 0)
            }
        };
        carried.push(CarriedItem { label: item.label.into(), count, present });
    }
    let winners = provincial_winners(store, &st)?.into_iter().map(|(w, _)| w).collect();
    Ok(NextSeasonPlan {
        from_contest_name: st.contest_name.clone(),
        suggested_file: format!("{}{}创客大赛.sqlite", next.edition.trim(), next.city.trim()),
        to_contest_name: next.contest_name,
        to_edition: next.edition,
        to_year: next.year,
        carried,
        not_carried: NOT_CARRIED.iter().map(|s| s.to_string()).collect(),
        moved,
        warnings,
        winners,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editions_move_on_in_chinese_and_arabic_numerals() {
        for (from, to) in [
            ("第十一届", "第十二届"),
            ("第九届", "第十届"),
            ("第十届", "第十一届"),
            ("第十九届", "第二十届"),
            ("第二十届", "第二十一届"),
            ("第九十九届", "第一百届"),
            ("第一百届", "第一百零一届"),
            ("第一百零九届", "第一百一十届"),
            ("第11届", "第12届"),
            ("第 11 届", "第12届"),
            ("2026", "2027"),
            ("十一", "十二"),
        ] {
            assert_eq!(next_edition(from).as_deref(), Some(to), "{from}");
        }
        assert_eq!(next_edition("首届"), None);
        assert_eq!(next_edition(""), None);
    }

    #[test]
    fn dates_move_a_year_and_29_february_becomes_28() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(next_year(d(2026, 7, 10)), d(2027, 7, 10));
        assert_eq!(next_year(d(2028, 2, 29)), d(2029, 2, 28));
        assert_eq!(next_year(d(2026, 12, 31)), d(2027, 12, 31));
    }

    #[test]
    fn the_settings_move_on_with_what_moved_listed() {
        let mut old = Settings::default();
        old.final_date = NaiveDate::from_ymd_opt(2026, 7, 25);
        let (s, moved, warnings) = moved_settings(&old);
        assert!(warnings.is_empty());
        assert_eq!((s.edition.as_str(), s.year), ("第十二届", 2027));
        assert_eq!(s.contest_name, "第十二届“创客中国”长治市中小企业创新创业大赛");
        assert_eq!(s.deadline.to_string(), "2027-07-10");
        assert_eq!(s.reference_date.to_string(), "2027-07-10");
        assert_eq!(s.milestones.followup_end.to_string(), "2027-12-31");
        assert_eq!(s.final_date.map(|d| d.to_string()).as_deref(), Some("2027-07-25"));
        s.validate().unwrap();
        let keys: Vec<&str> = moved.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "edition",
                "year",
                "contest_name",
                "deadline",
                "reference_date",
                "milestones.registration_end",
                "milestones.rounds_done",
                "milestones.recommendation",
                "milestones.provincial_results",
                "milestones.followup_end",
                "final_date"
            ]
        );
        // Everything else is carried as it was.
        assert_eq!((s.score_sheets, s.award_quota, s.contacts), (old.score_sheets.clone(), old.award_quota.clone(), old.contacts.clone()));
        // An edition without a number is kept, with a warning naming it.
        old.edition = "首届".into();
        let (s, _, warnings) = moved_settings(&old);
        assert_eq!(s.edition, "首届");
        assert!(warnings[0].contains("首届"), "{warnings:?}");
    }
}
