//! The dashboard: where the season stands and what to do next (SPEC §2, §8): the counters, the
//! next step, and what the charts draw — entries by group, county, unit and field, effective
//! verdicts per group, score distributions per round and group, and the season's progress.
//! Everything is one pass over the entries (grouping in hash maps), so 10,000 entries stay fast.
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::Result;
use crate::import::{latest_import, ImportRecord};
use crate::judging::{self};
use crate::model::Verdict;
use crate::model::{Finding, Outcome};
use crate::model::{Group, Round};
use crate::settings::{self, Settings};
use crate::store::eligibility::{self, Effective as EntryVerdict};
use crate::store::{self, Store};

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupCount {
    pub group: Option<Group>,
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct NextStep {
    pub title: String,
    pub detail: String,
    pub route: String,
}

/// Where screening stands (SPEC §3: the dashboard warns at contest level about 未检查 rules).
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScreeningSummary {
    pub eligible: usize,
    pub ineligible: usize,
    pub review: usize,
    pub needs_reconfirmation: usize,
    pub unchecked: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
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
    // ---- the charts (SPEC §8) ----
    /// Entries by county (县区), most first; blank ones in a last "未填写" bucket.
    pub by_county: Vec<NamedCount>,
    /// Entries by organizing unit (推荐单位), most first; "未填写" last.
    pub by_unit: Vec<NamedCount>,
    /// Entries by field (所属领域): the 12 largest, then "其他", then "未填写".
    pub by_field: Vec<NamedCount>,
    /// Effective verdicts (a person's decision when there is one) per group, in settings order.
    pub verdicts_by_group: Vec<GroupVerdicts>,
    /// Score distributions: 初赛 then 决赛, always both.
    pub score_distributions: Vec<RoundScores>,
    /// The season's steps (SPEC §2), in order.
    pub progress: Vec<ProgressStep>,
    /// Projects whose next follow-up contact is past due on the day asked (most overdue first); empty when the
    /// dashboard was read without a date.
    pub overdue_followups: Vec<OverdueFollowUp>,
}

/// A project whose next follow-up contact (its latest record's 下次联系) is past due.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct OverdueFollowUp {
    pub project_no: String,
    pub project_name: Option<String>,
    /// The next contact's date (YYYY-MM-DD).
    pub due: String,
    pub days_overdue: i64,
    /// The latest record's date and what it said.
    pub last_date: String,
    pub last_note: String,
}

/// The projects whose next contact was due before `today`, most overdue first (the core never reads the clock).
pub fn overdue_followups(store: &Store, today: NaiveDate) -> Result<Vec<OverdueFollowUp>> {
    let mut out: Vec<OverdueFollowUp> = crate::season::followups(store, None, Some(today))?
        .into_iter()
        .filter_map(|f| {
            let due = NaiveDate::parse_from_str(f.next_due.as_deref()?, "%Y-%m-%d").ok()?;
            Some(OverdueFollowUp {
                project_no: f.entry,
                project_name: f.project_name,
                due: due.format("%Y-%m-%d").to_string(),
                days_overdue: (today - due).num_days(),
                last_date: f.date,
                last_note: f.note,
            })
        })
        .collect();
    out.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.project_no.cmp(&b.project_no)));
    Ok(out)
}

/// A name and how many entries carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct NamedCount {
    pub name: String,
    pub count: i64,
}

/// The bucket name for a blank county, unit or field.
pub const BLANK: &str = "未填写";
/// The bucket name for what is beyond the top of a list.
pub const OTHER: &str = "其他";
/// How many fields the dashboard names before "其他".
pub const TOP_FIELDS: usize = 12;
/// How many counties or units the dashboard names before "其他" (a safety net for messy data).
pub const TOP_PLACES: usize = 40;

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupVerdicts {
    pub group: Option<Group>,
    pub name: String,
    pub eligible: usize,
    pub ineligible: usize,
    pub review: usize,
    /// Decided by a person, but the entry's data changed since (counted in its verdict as well).
    pub needs_reconfirmation: usize,
}

/// One histogram bucket of a round: scores `from` ≤ s < `to` (points); the last bucket of a full
/// score sheet also holds the full score (100 falls in "95–100").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ScoreBucket {
    pub label: String,
    pub from: i64,
    pub to: i64,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct GroupScores {
    /// None: the round's entries without a group (组别未知).
    pub group: Option<Group>,
    pub name: String,
    /// Entries of the group in the round.
    pub entries: usize,
    /// Entries whose every expected judge has a score or a 回避 (the round's progress).
    pub complete: usize,
    /// Complete entries with a score (the ones in the histogram).
    pub scored: usize,
    /// Counts aligned with the round's `buckets`.
    pub counts: Vec<usize>,
    pub min: Option<String>,
    pub max: Option<String>,
    pub mean: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct RoundScores {
    pub round: Round,
    pub label: String,
    /// Shared by every group of the round (5 points wide, from the lowest to the highest score).
    pub buckets: Vec<ScoreBucket>,
    pub groups: Vec<GroupScores>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum StepState {
    NotStarted,
    InProgress,
    Done,
}

impl StepState {
    pub fn label(self) -> &'static str {
        match self {
            StepState::NotStarted => "未开始",
            StepState::InProgress => "进行中",
            StepState::Done => "已完成",
        }
    }
}

/// One step of the season (SPEC §2) with how far it has come.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct ProgressStep {
    /// setup, import, screening, preliminary, advancement, final, awards, certificates
    pub key: String,
    pub title: String,
    pub done: i64,
    pub total: i64,
    pub state: StepState,
    pub state_label: String,
    pub detail: String,
    pub route: String,
}

/// The dashboard without a date: nothing is overdue and the follow-up period never ends (tests, benches).
pub fn dashboard(store: &Store) -> Result<Dashboard> {
    dashboard_at(store, None)
}

/// The dashboard on `today` (the caller's clock, Beijing date): overdue follow-ups, and 下一步 past the
/// follow-up's end.
pub fn dashboard_on(store: &Store, today: NaiveDate) -> Result<Dashboard> {
    dashboard_at(store, Some(today))
}

fn dashboard_at(store: &Store, today: Option<NaiveDate>) -> Result<Dashboard> {
    let st = settings::load(store)?;
    let c = store.conn();
    let (entries_total, entries_with_problems, missing_total, unknown) = store::overview::entry_counts(c)?;
    let mut by_group = Vec::new();
    let group_counts = store::overview::entries_by_group(c)?;
    for g in &st.groups {
        let n = group_counts.get(&g.code).copied().unwrap_or(0);
        by_group.push(GroupCount { group: Some(g.code), name: g.name.clone(), count: n });
    }
    if unknown > 0 {
        by_group.push(GroupCount { group: None, name: "组别未知".into(), count: unknown });
    }
    let last_import = latest_import(store)?;
    let problems_total = last_import.as_ref().map(|r| r.problems).unwrap_or(0);
    let verdicts = if entries_total > 0 { Some(eligibility::effective(store.conn())?) } else { None };
    let unchecked = if entries_total > 0 { unchecked_summary(store)? } else { Vec::new() };
    let screening = verdicts.as_ref().map(|verdicts| {
        let n = |v: Verdict| verdicts.iter().filter(|e| e.verdict == v).count();
        ScreeningSummary {
            eligible: n(Verdict::Eligible),
            ineligible: n(Verdict::Ineligible),
            review: n(Verdict::Review),
            needs_reconfirmation: verdicts.iter().filter(|e| e.needs_reconfirmation).count(),
            unchecked,
        }
    });
    let to_review = screening.as_ref().map(|s| s.review + s.needs_reconfirmation).unwrap_or(0);
    let verdicts = match &verdicts {
        Some(v) => v.as_slice(),
        None => &[],
    };
    let places = place_counts(store)?;
    let verdicts_by_group = verdicts_by_group(&st, verdicts);
    // One distribution per round in force (the 复赛 only when enabled), in round order.
    let score_distributions = st.enabled_rounds().into_iter().map(|r| round_scores(store, &st, r, verdicts)).collect::<Result<Vec<_>>>()?;
    let progress = progress(store, &st, entries_total, verdicts, &score_distributions)?;
    let overdue_followups = match today {
        Some(t) => overdue_followups(store, t)?,
        None => Vec::new(),
    };
    let mut after = AfterFinal::read(store, &progress)?;
    after.overdue = overdue_followups.len();
    after.oldest_due = overdue_followups.first().map(|o| (o.due.clone(), o.days_overdue));
    after.followup_ended = today.is_some_and(|t| t > st.milestones.followup_end);
    after.followup_end = Some(st.milestones.followup_end);
    let next_step = next_step(entries_total, to_review, entries_with_problems, &progress, &after);
    Ok(Dashboard {
        contest_name: st.contest_name,
        entries_total,
        by_group,
        entries_with_problems,
        problems_total,
        missing_total,
        last_import,
        screening,
        next_step,
        by_county: places.county,
        by_unit: places.unit,
        by_field: places.field,
        verdicts_by_group,
        score_distributions,
        progress,
        overdue_followups,
    })
}

// ---------------------------------------------------------------------------------------------
// Entries by county, unit and field.

struct Places {
    county: Vec<NamedCount>,
    unit: Vec<NamedCount>,
    field: Vec<NamedCount>,
}

fn place_counts(store: &Store) -> Result<Places> {
    let mut county: HashMap<String, i64> = HashMap::new();
    let mut unit: HashMap<String, i64> = HashMap::new();
    let mut field: HashMap<String, i64> = HashMap::new();
    // Grouped in SQL first (few distinct values), then folded by trimmed name.
    for (c, u, f, n) in store::overview::places(store.conn())? {
        *county.entry(bucket_name(c)).or_default() += n;
        *unit.entry(bucket_name(u)).or_default() += n;
        *field.entry(bucket_name(f)).or_default() += n;
    }
    Ok(Places { county: ranked_counts(county, TOP_PLACES), unit: ranked_counts(unit, TOP_PLACES), field: ranked_counts(field, TOP_FIELDS) })
}

/// The trimmed name, or "未填写" when blank.
fn bucket_name(v: Option<String>) -> String {
    match v.as_deref().map(str::trim) {
        None | Some("") => BLANK.to_string(),
        Some(s) => s.to_string(),
    }
}

/// Most first (ties by name), at most `top` names, the rest as "其他", then "未填写". A value
/// literally named "其他" joins the "其他" bucket.
pub fn ranked_counts(counts: HashMap<String, i64>, top: usize) -> Vec<NamedCount> {
    let mut blank = 0;
    let mut other = 0;
    let mut named: Vec<NamedCount> = Vec::with_capacity(counts.len());
    for (name, count) in counts {
        match name.as_str() {
            BLANK => blank += count,
            OTHER => other += count,
            _ => named.push(NamedCount { name, count }),
        }
    }
    named.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    if named.len() > top {
        other += named.drain(top..).map(|n| n.count).sum::<i64>();
    }
    if other > 0 {
        named.push(NamedCount { name: OTHER.into(), count: other });
    }
    if blank > 0 {
        named.push(NamedCount { name: BLANK.into(), count: blank });
    }
    named
}

/// Rules that are 未检查 for some entries, e.g. "R09 未检查：未导入失信名单（135 个项目）", from the
/// stored findings, in the order they first appear (as the 资格审查 page lists them).
fn unchecked_summary(store: &Store) -> Result<Vec<String>> {
    let mut seen: Vec<(String, String, usize)> = Vec::new();
    for (key, json) in eligibility::findings_text_mentioning(store.conn(), "\"unchecked\"")? {
        for f in unchecked_findings(&key, &json)? {
            match seen.iter_mut().find(|(r, m, _)| *r == f.rule && *m == f.message) {
                Some(s) => s.2 += 1,
                None => seen.push((f.rule, f.message, 1)),
            }
        }
    }
    Ok(seen.into_iter().map(|(r, m, n)| format!("{r} {m}（{n} 个项目）")).collect())
}

/// The 未检查 findings of one entry's stored findings (JSON), in order. Parsing all 10,000 arrays
/// whole was most of the dashboard's time, so only the unchecked findings are parsed: serde writes
/// `{"rule":…,"outcome":…,"message":…}` and escapes every quote inside a string, so
/// `"outcome":"unchecked"` occurs only as a finding's own outcome. When what is found does not add
/// up (another layout, "unchecked" elsewhere), the whole array is parsed as before.
fn unchecked_findings(key: &str, json: &str) -> Result<Vec<Finding>> {
    const OUTCOME: &str = r#""outcome":"unchecked","#;
    const START: &str = r#"{"rule":"#;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = json[from..].find(OUTCOME).map(|i| i + from) {
        let one = json[..at]
            .rfind(START)
            .and_then(|s| serde_json::Deserializer::from_str(&json[s..]).into_iter::<Finding>().next())
            .and_then(|r| r.ok())
            .filter(|f| f.outcome == Outcome::Unchecked);
        match one {
            Some(f) => out.push(f),
            None => break,
        }
        from = at + OUTCOME.len();
    }
    if out.len() != json.matches(r#""unchecked""#).count() {
        return Ok(eligibility::parse_findings(key, json)?.into_iter().filter(|f| f.outcome == Outcome::Unchecked).collect());
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Verdicts per group.

/// Groups in settings order, then any other group (or none: 组别未知) in order of appearance.
fn group_order(st: &Settings, extra: impl Iterator<Item = Option<Group>>) -> Vec<(Option<Group>, String)> {
    let mut out: Vec<(Option<Group>, String)> = st.groups.iter().map(|g| (Some(g.code), g.name.clone())).collect();
    let mut seen: HashSet<Option<Group>> = out.iter().map(|(c, _)| *c).collect();
    for code in extra {
        if seen.insert(code) {
            out.push((code, Group::label_of(code).to_string()));
        }
    }
    out
}

fn verdicts_by_group(st: &Settings, verdicts: &[EntryVerdict]) -> Vec<GroupVerdicts> {
    if verdicts.is_empty() {
        return Vec::new();
    }
    let mut counts: HashMap<Option<Group>, GroupVerdicts> = HashMap::new();
    for v in verdicts {
        let g = counts.entry(v.group).or_insert_with(|| GroupVerdicts {
            group: None,
            name: String::new(),
            eligible: 0,
            ineligible: 0,
            review: 0,
            needs_reconfirmation: 0,
        });
        match v.verdict {
            Verdict::Eligible => g.eligible += 1,
            Verdict::Ineligible => g.ineligible += 1,
            Verdict::Review => g.review += 1,
        }
        if v.needs_reconfirmation {
            g.needs_reconfirmation += 1;
        }
    }
    let order = group_order(st, verdicts.iter().map(|v| v.group));
    order
        .into_iter()
        .filter_map(|(code, name)| {
            let mut g = counts.remove(&code)?;
            g.group = code;
            g.name = name;
            Some(g)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Score distributions.

/// Bucket width in points.
pub const BUCKET_POINTS: i64 = 5;

/// "85.50" → 8550 hundredths (extra decimals are cut: a bucket needs only the floor).
pub fn parse_hundredths(s: &str) -> Option<i64> {
    let s = s.trim();
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: i64 = int.parse().ok()?;
    let mut f: i64 = 0;
    for (i, b) in frac.bytes().take(2).enumerate() {
        f += (b - b'0') as i64 * if i == 0 { 10 } else { 1 };
    }
    Some(int * 100 + f)
}

fn points(h: i64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

/// The bucket index of a score (hundredths); a full score that sits on a bucket edge joins the
/// bucket below it (100 of 100 is in "95–100", not alone in "100–105").
pub fn bucket_index(h: i64, full_points: i64) -> i64 {
    let width = BUCKET_POINTS * 100;
    let b = h.div_euclid(width);
    if h > 0 && h == full_points * 100 && h % width == 0 {
        b - 1
    } else {
        b
    }
}

fn bucket(b: i64) -> ScoreBucket {
    let from = b * BUCKET_POINTS;
    let to = from + BUCKET_POINTS;
    ScoreBucket { label: format!("{from}–{to}"), from, to }
}

fn round_scores(store: &Store, st: &Settings, round: Round, verdicts: &[EntryVerdict]) -> Result<RoundScores> {
    // Who is in the round, as judging::round_entries decides it (without calling it again).
    let finalists: Option<HashSet<String>> = match round {
        Round::Preliminary => None,
        later => Some(crate::store::rounds::advanced(store.conn(), later.code())?),
    };
    let mut entries: HashMap<Option<Group>, usize> = HashMap::new();
    let mut appearance: Vec<Option<Group>> = Vec::new();
    let mut in_round: Vec<judging::RoundEntry> = Vec::new();
    for v in verdicts {
        // As judging::round_entries: eligible, not disqualified, and for the final on the advancement list.
        if v.verdict != Verdict::Eligible || v.disqualified.is_some() || finalists.as_ref().is_some_and(|f| !f.contains(&v.key)) {
            continue;
        }
        in_round.push(judging::RoundEntry {
            key: v.key.clone(),
            project_no: v.project_no.clone().unwrap_or_else(|| v.key.clone()),
            group: v.group,
            project_name: v.project_name.clone().unwrap_or_default(),
            entrant_name: v.entrant_name.clone().unwrap_or_default(),
            unit: v.unit.clone(),
            ip_holder: None,
            member_names: Vec::new(),
        });
        let code = v.group;
        let n = entries.entry(code).or_insert(0);
        if *n == 0 {
            appearance.push(code);
        }
        *n += 1;
    }
    // Scores per group (hundredths) and how many sheets are complete; the ranking is only built
    // when the round has any score at all.
    let has_scores: bool = store::scores::any(store.conn(), round.code())?;
    let mut scores: HashMap<Option<Group>, (usize, Vec<i64>)> = HashMap::new();
    let mut ranked_groups: Vec<Option<Group>> = Vec::new();
    if has_scores && !entries.is_empty() {
        for g in judging::ranking_of(store, round, &in_round)? {
            let slot = scores.entry(g.group).or_default();
            for e in g.entries.iter().filter(|e| e.complete) {
                slot.0 += 1;
                if let Some(h) = e.score_display.as_deref().and_then(parse_hundredths) {
                    slot.1.push(h);
                }
            }
            ranked_groups.push(g.group);
        }
    }
    let order = group_order(st, appearance.into_iter().chain(ranked_groups));
    let mut per_group: Vec<(Option<Group>, String, usize, usize, Vec<i64>, i64)> = Vec::new();
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for (code, name) in order {
        let n = entries.get(&code).copied().unwrap_or(0);
        let (complete, values) = scores.remove(&code).unwrap_or_default();
        // The group's full score (its sheet's maximum points) decides where a full score goes.
        let full = code.and_then(|g| st.score_sheet(g)).map(|s| s.criteria.iter().map(|c| c.max as i64).sum::<i64>()).unwrap_or(100);
        for h in &values {
            let b = bucket_index(*h, full);
            lo = lo.min(b);
            hi = hi.max(b);
        }
        per_group.push((code, name, n, complete, values, full));
    }
    let buckets: Vec<ScoreBucket> = if lo <= hi { (lo..=hi).map(bucket).collect() } else { Vec::new() };
    let groups = per_group
        .into_iter()
        .map(|(code, name, n, complete, values, full)| {
            let mut counts = vec![0usize; buckets.len()];
            for h in &values {
                counts[(bucket_index(*h, full) - lo) as usize] += 1;
            }
            let k = values.len() as i64;
            let sum: i64 = values.iter().sum();
            GroupScores {
                name,
                entries: n,
                complete,
                scored: values.len(),
                counts,
                min: values.iter().min().map(|h| points(*h)),
                max: values.iter().max().map(|h| points(*h)),
                // Rounded half up to hundredths, in integers.
                mean: (k > 0).then(|| points((2 * sum + k) / (2 * k))),
                group: code,
            }
        })
        .collect();
    Ok(RoundScores { round, label: round.label().to_string(), buckets, groups })
}

// ---------------------------------------------------------------------------------------------
// Season progress.

fn next(title: &str, detail: String, route: &str) -> NextStep {
    NextStep { title: title.into(), detail, route: route.into() }
}

/// What to do next, walking the season to its end (SPEC §2): import → screening → 初赛 → 晋级 →
/// 决赛 → awards → recommendation → certificates → done. Data problems are pointed at only before
/// scoring starts: later they must not hide the season's next step.
/// The season after the final, for 下一步 (issue #12): objections still open, recommended projects without a
/// provincial result, and whether the follow-up has started. The last two are read only once the
/// certificates are done (the recommendation needs the final ranking; earlier steps never need them).
#[derive(Debug, Default)]
struct AfterFinal {
    open_objections: i64,
    without_result: usize,
    followups: usize,
    /// Projects whose next contact is past due, and the most overdue one's date and days.
    overdue: usize,
    oldest_due: Option<(String, i64)>,
    /// Today is after the follow-up's end (never without a date).
    followup_ended: bool,
    followup_end: Option<NaiveDate>,
    /// This contest already made the next season's file (its `season-new` note).
    next_season: Option<String>,
}

impl AfterFinal {
    fn read(store: &Store, progress: &[ProgressStep]) -> Result<AfterFinal> {
        let done = |key: &str| progress.iter().any(|p| p.key == key && p.state == StepState::Done);
        let mut a = AfterFinal { open_objections: store::season::open_objection_count(store.conn())?, ..Default::default() };
        if done("certificates") {
            a.without_result = crate::season::provincial(store)?.iter().filter(|r| r.outcome.is_none()).count();
            a.followups = store::season::followup_count(store.conn())? as usize;
            a.next_season = crate::season::next::next_season_file(store)?;
        }
        Ok(a)
    }
}

fn next_step(entries_total: i64, to_review: usize, entries_with_problems: i64, progress: &[ProgressStep], after: &AfterFinal) -> NextStep {
    let state = |key: &str| progress.iter().find(|p| p.key == key).map(|p| p.state).unwrap_or(StepState::NotStarted);
    let detail = |key: &str| progress.iter().find(|p| p.key == key).map(|p| p.detail.clone()).unwrap_or_default();
    if entries_total == 0 {
        return next("导入报名数据", "从国家大赛平台导出报名表（.xlsx/.xls/.csv），在“报名导入”中导入。".into(), "/import");
    }
    if to_review > 0 {
        return next(
            "资格审查：处理待人工审核的项目",
            format!("有 {to_review} 个项目需要人工审核或重新确认；在“资格审查”中逐条查看规则结论，记录“符合/不符合”及理由。数据有误的项目可导出问题清单交推荐单位核实。"),
            "/screening",
        );
    }
    match state("preliminary") {
        StepState::NotStarted if entries_with_problems > 0 => {
            return next(
                "处理导入问题",
                format!(
                "有 {entries_with_problems} 个项目的数据存在问题，请在“报名项目”中逐个查看，或导出问题清单交各推荐单位核实。处理后即可开始初赛评分。"
            ),
                "/entries",
            )
        }
        StepState::NotStarted => {
            return next("开始初赛评分", "资格审查已完成。在“评审”中设置评委分组、打印评分表，并录入初赛评分。".into(), "/judging")
        }
        StepState::InProgress => return next("完成初赛评分", format!("初赛：{}。在“评审”中继续录入评分。", detail("preliminary")), "/judging"),
        StepState::Done => {}
    }
    // The 复赛's steps exist only when it is enabled (see `progress`).
    let has = |key: &str| progress.iter().any(|p| p.key == key);
    if has("semifinal") {
        if state("semifinal_advancement") != StepState::Done {
            return next("确定复赛名单", "初赛评分已完成。在“评审 → 初赛 → 晋级”中按排名确定进入复赛的项目。".into(), "/judging");
        }
        match state("semifinal") {
            StepState::NotStarted => {
                return next("开始复赛评分", "复赛名单已确定。在“评审”中选择复赛，设置评委分组、打印评分表，并录入复赛评分。".into(), "/judging")
            }
            StepState::InProgress => return next("完成复赛评分", format!("复赛：{}。在“评审”中继续录入评分。", detail("semifinal")), "/judging"),
            StepState::Done => {}
        }
    }
    if state("advancement") != StepState::Done {
        let (from, tab) = if has("semifinal") { ("复赛", "评审 → 复赛 → 晋级") } else { ("初赛", "评审 → 晋级") };
        return next("确定决赛名单", format!("{from}评分已完成。在“{tab}”中按排名确定进入决赛的项目。"), "/judging");
    }
    match state("final") {
        StepState::NotStarted => {
            return next("开始决赛评分", "决赛名单已确定。在“评审”中安排路演顺序、评委分组，并录入决赛评分。".into(), "/judging")
        }
        StepState::InProgress => return next("完成决赛评分", format!("决赛：{}。在“评审”中继续录入评分。", detail("final")), "/judging"),
        StepState::Done => {}
    }
    if after.open_objections > 0 {
        return next(
            "办结公示异议",
            format!("还有 {} 条公示异议没有办结；有未办结的异议时不能锁定获奖名单。在“公示与跟踪”中核查并办结。", after.open_objections),
            "/season",
        );
    }
    if state("awards") != StepState::Done {
        return next("确定并锁定获奖名单", "决赛评分已完成。在“获奖与推荐”中核对按名额确定的奖项，处理并列后锁定获奖名单。".into(), "/awards");
    }
    // Nothing records that the recommendation was sent: it is the step until certificates start.
    match state("certificates") {
        StepState::NotStarted => next(
            "报送推荐省赛名单",
            "获奖名单已锁定。在“获奖与推荐 → 推荐省赛”中核对并导出推荐名单报送省赛；之后在“证书”中生成获奖证书。".into(),
            "/awards",
        ),
        StepState::InProgress => next("生成获奖证书", format!("{}。在“证书”中为其余获奖项目生成证书。", detail("certificates")), "/certificates"),
        StepState::Done if after.without_result > 0 => next(
            "登记省赛结果",
            format!(
                "获奖证书已全部生成。推荐省赛的项目中还有 {} 个没有登记省赛结果（省赛结果公布后在“公示与跟踪 → 省赛结果”中登记）。",
                after.without_result
            ),
            "/season",
        ),
        StepState::Done if after.followup_ended => match &after.next_season {
            None => next(
                "导出工作总结，新建下一届赛事",
                format!(
                    "赛后跟踪服务已于 {} 结束。先在“导出”中生成工作总结数据报送省大赛秘书处；然后在“公示与跟踪 → 新建下一届”中新建下一届赛事文件（带入设置、评委、评分表和模板）。",
                    after.followup_end.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
                ),
                "/exports",
            ),
            Some(file) => next(
                "本届赛事已结束",
                format!("已新建下一届赛事文件 {file}：在“打开赛事”中打开它，核对顺延的届次和日期。"),
                "/season?tab=next",
            ),
        },
        StepState::Done if after.followups == 0 => next(
            "开始跟踪服务",
            "省赛结果已登记。至 12 月 31 日对获奖和推荐项目跟踪服务：在“公示与跟踪 → 跟踪服务”中记录联系、融资和对接活动。".into(),
            "/season",
        ),
        StepState::Done if after.overdue > 0 => next(
            "跟进逾期的跟踪服务",
            format!(
                "有 {} 个项目已过下次联系日期{}。在“公示与跟踪 → 跟踪服务”中联系并记录。",
                after.overdue,
                after.oldest_due.as_ref().map(|(d, n)| format!("（最早 {d}，已逾期 {n} 天）")).unwrap_or_default()
            ),
            "/season?tab=followup",
        ),
        StepState::Done => next(
            "本届赛事各步骤已完成",
            "跟踪服务已开始。年底在“导出”中生成工作总结数据报送省大赛秘书处；证书需要补打或作废时在“证书”中处理。".into(),
            "/exports",
        ),
    }
}

fn step(key: &str, title: &str, done: i64, total: i64, state: StepState, detail: String, route: &str) -> ProgressStep {
    ProgressStep { key: key.into(), title: title.into(), done, total, state, state_label: state.label().into(), detail, route: route.into() }
}

/// Done when every entry is done, in progress when anything has started, else not started.
fn count_state(done: i64, total: i64, started: bool) -> StepState {
    if total > 0 && done >= total {
        StepState::Done
    } else if started || done > 0 {
        StepState::InProgress
    } else {
        StepState::NotStarted
    }
}

fn table_exists(store: &Store, name: &str) -> Result<bool> {
    store::overview::table_exists(store.conn(), name)
}

fn round_step(key: &str, title: &str, rs: &RoundScores, started: bool) -> ProgressStep {
    let total: i64 = rs.groups.iter().map(|g| g.entries as i64).sum();
    let done: i64 = rs.groups.iter().map(|g| g.complete as i64).sum();
    let state = count_state(done, total, started);
    let detail = if total == 0 { format!("还没有参加{}的项目", rs.label) } else { format!("{done} / {total} 个项目评分完成") };
    step(key, title, done, total, state, detail, "/judging")
}

fn progress(store: &Store, st: &Settings, entries_total: i64, verdicts: &[EntryVerdict], dists: &[RoundScores]) -> Result<Vec<ProgressStep>> {
    let c = store.conn();
    let mut out = Vec::with_capacity(8);

    // 1 设置: what the season needs is there; confirmed once saved (or once entries are in).
    let saved = store::overview::settings_saved(c)?;
    let mut missing: Vec<String> = Vec::new();
    if st.contest_name.trim().is_empty() {
        missing.push("赛事名称".into());
    }
    if st.groups.is_empty() {
        missing.push("组别".into());
    }
    if st.organizing_units.is_empty() {
        missing.push("组织单位".into());
    }
    for g in &st.groups {
        if st.score_sheet(g.code).is_none_or(|s| s.criteria.is_empty()) {
            missing.push(format!("评分表（{}）", g.name));
        }
        let q = st.award_quota(g.code);
        if q.first + q.second + q.third + q.excellence == 0 {
            missing.push(format!("获奖名额（{}）", g.name));
        }
    }
    let checks = 3 + 2 * st.groups.len() as i64;
    let ok = checks - missing.len() as i64;
    let confirmed = saved > 0 || entries_total > 0;
    let state = if !missing.is_empty() {
        if confirmed {
            StepState::InProgress
        } else {
            StepState::NotStarted
        }
    } else if confirmed {
        StepState::Done
    } else {
        StepState::NotStarted
    };
    let detail = if !missing.is_empty() {
        format!("尚未设置：{}", missing.join("、"))
    } else if saved > 0 {
        "赛事设置已保存".into()
    } else if entries_total > 0 {
        "使用默认设置".into()
    } else {
        "请核对赛事设置（已预填本届默认值）".into()
    };
    out.push(step("setup", "设置", ok, checks, state, detail, "/settings"));

    // 2 报名导入.
    let detail = if entries_total > 0 { format!("已导入 {entries_total} 个项目") } else { "还没有导入报名数据".into() };
    out.push(step(
        "import",
        "报名导入",
        entries_total,
        entries_total,
        if entries_total > 0 { StepState::Done } else { StepState::NotStarted },
        detail,
        "/import",
    ));

    // 3 资格审查: an entry is done with a verdict of 符合/不符合 that needs no re-confirmation.
    let total = verdicts.len() as i64;
    let done = verdicts.iter().filter(|v| v.verdict != Verdict::Review && !v.needs_reconfirmation).count() as i64;
    let state = if total == 0 { StepState::NotStarted } else { count_state(done, total, true) };
    let detail = if total == 0 {
        "导入报名数据后自动审查".into()
    } else if done < total {
        format!("还有 {} 个项目待人工审核或重新确认", total - done)
    } else {
        "每个项目都有结论".into()
    };
    out.push(step("screening", "资格审查", done, total, state, detail, "/screening"));

    // 4 初赛评分, then per later round in force (复赛 when enabled, 决赛): its 晋级 and its scoring.
    let started = |round: Round| store::overview::round_started(c, round.code());
    let dist = |round: Round| dists.iter().find(|d| d.round == round);
    let empty = |round: Round| RoundScores { round, label: round.label().into(), buckets: Vec::new(), groups: Vec::new() };
    let rounds = st.enabled_rounds();
    for (i, round) in rounds.iter().copied().enumerate() {
        let rs = dist(round).cloned().unwrap_or_else(|| empty(round));
        if let Some(from) = i.checked_sub(1).map(|p| rounds[p]) {
            // 晋级: done once the list is recorded; the plan is final_top_n per group of the previous round.
            let (key, title) = if round == Round::Final { ("advancement", "晋级") } else { ("semifinal_advancement", "晋级复赛") };
            let (rows, included) = store::overview::advancement_counts(c, round.code())?;
            let planned: i64 = dist(from)
                .map(|d| d.groups.iter().filter(|g| g.entries > 0).map(|g| (g.entries as i64).min(st.final_top_n as i64)).sum())
                .unwrap_or(0);
            let (state, total, detail) = if included > 0 {
                (StepState::Done, included, format!("{included} 个项目进入{}", round.label()))
            } else if rows > 0 {
                (StepState::InProgress, planned, "晋级名单中还没有项目".to_string())
            } else {
                (StepState::NotStarted, planned, format!("{}后每组前 {} 名进入{}", from.label(), st.final_top_n, round.label()))
            };
            out.push(step(key, title, included, total, state, detail, "/judging"));
        }
        out.push(round_step(round.code(), &format!("{}评分", round.label()), &rs, started(round)?));
    }

    // 7 获奖与推荐: done when an award set is frozen.
    let frozen = store::overview::latest_award_set(c)?;
    let awarded = frozen.as_ref().map(|(_, data)| serde_json::from_str::<Vec<serde_json::Value>>(data).map(|v| v.len() as i64).unwrap_or(0));
    let quota: i64 = st
        .groups
        .iter()
        .map(|g| {
            let q = st.award_quota(g.code);
            q.first + q.second + q.third + q.excellence
        })
        .sum();
    let final_done = out.last().map(|s| s.done).unwrap_or(0);
    let awards_step = match (&frozen, awarded) {
        (Some((at, _)), Some(n)) => step(
            "awards",
            "获奖与推荐",
            n,
            n,
            StepState::Done,
            format!("获奖名单已冻结（{}），{n} 个项目获奖", at.get(..10).unwrap_or(at)),
            "/awards",
        ),
        _ if final_done > 0 => {
            step("awards", "获奖与推荐", 0, quota, StepState::InProgress, "决赛评分后按名额确定获奖等次，冻结获奖名单".into(), "/awards")
        }
        _ => step("awards", "获奖与推荐", 0, quota, StepState::NotStarted, format!("各组名额合计 {quota} 项"), "/awards"),
    };
    out.push(awards_step);

    // 8 证书: certificates issued for the awarded entries (when the certificates table exists).
    let awarded = awarded.unwrap_or(0);
    let issued: i64 = if table_exists(store, "certificates")? {
        // Live certificates of awards (voided ones and 优秀组织单位 are not counted against the awards).
        store::overview::live_award_certificates(c)?
    } else {
        0
    };
    let total = awarded.max(issued);
    let detail = if total == 0 { "获奖名单冻结后生成证书".into() } else { format!("已生成 {issued} / {total} 张证书") };
    out.push(step("certificates", "证书", issued, total, count_state(issued, total, issued > 0), detail, "/certificates"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(rule: &str, outcome: Outcome, message: &str) -> Finding {
        Finding { rule: rule.into(), outcome, message: message.into() }
    }

    fn slow(json: &str) -> Vec<Finding> {
        eligibility::parse_findings("k", json).unwrap().into_iter().filter(|f| f.outcome == Outcome::Unchecked).collect()
    }

    fn season(states: &[(&str, StepState)]) -> Vec<ProgressStep> {
        ["setup", "import", "screening", "preliminary", "advancement", "final", "awards", "certificates"]
            .iter()
            .map(|k| {
                let st = states.iter().find(|(key, _)| key == k).map(|(_, s)| *s).unwrap_or(StepState::NotStarted);
                step(k, k, 0, 0, st, format!("{k} 的进度"), "/")
            })
            .collect()
    }

    /// 下一步 walks the whole season: one state per step, and the end says so.
    #[test]
    fn next_step_follows_the_season_to_its_end() {
        use StepState::{Done, InProgress as Busy};
        let done_until = |last: &str, then: StepState| {
            let keys = ["setup", "import", "screening", "preliminary", "advancement", "final", "awards", "certificates"];
            let n = keys.iter().position(|k| *k == last).unwrap();
            let mut v: Vec<(&str, StepState)> = keys[..n].iter().map(|k| (*k, Done)).collect();
            v.push((keys[n], then));
            season(&v)
        };
        let title = |n: NextStep| (n.title, n.route);
        let next_step = |a, b, c, p: &[ProgressStep]| next_step(a, b, c, p, &AfterFinal::default());
        assert_eq!(title(next_step(0, 0, 0, &season(&[]))), ("导入报名数据".into(), "/import".into()));
        assert_eq!(title(next_step(10, 2, 0, &season(&[("import", Done)]))).0, "资格审查：处理待人工审核的项目");
        assert_eq!(title(next_step(10, 0, 3, &done_until("preliminary", StepState::NotStarted))), ("处理导入问题".into(), "/entries".into()));
        assert_eq!(title(next_step(10, 0, 0, &done_until("preliminary", StepState::NotStarted))), ("开始初赛评分".into(), "/judging".into()));
        let busy = next_step(10, 0, 3, &done_until("preliminary", Busy));
        assert_eq!(busy.title, "完成初赛评分", "problems no longer hide the season once scoring started");
        assert!(busy.detail.contains("preliminary 的进度"), "{}", busy.detail);
        assert_eq!(title(next_step(10, 0, 0, &done_until("advancement", StepState::NotStarted))).0, "确定决赛名单");
        assert_eq!(title(next_step(10, 0, 0, &done_until("final", StepState::NotStarted))).0, "开始决赛评分");
        assert_eq!(title(next_step(10, 0, 0, &done_until("final", Busy))).0, "完成决赛评分");
        assert_eq!(title(next_step(10, 0, 0, &done_until("awards", Busy))), ("确定并锁定获奖名单".into(), "/awards".into()));
        assert_eq!(title(next_step(10, 0, 0, &done_until("certificates", StepState::NotStarted))), ("报送推荐省赛名单".into(), "/awards".into()));
        assert_eq!(title(next_step(10, 0, 0, &done_until("certificates", Busy))), ("生成获奖证书".into(), "/certificates".into()));
        // After the certificates: the provincial results, then the follow-up, then the summary.
        let certs_done = done_until("certificates", Done);
        let after = |open_objections, without_result, followups| AfterFinal { open_objections, without_result, followups, ..Default::default() };
        let with = |a: AfterFinal| title(super::next_step(10, 0, 2, &certs_done, &a));
        assert_eq!(with(after(0, 3, 0)), ("登记省赛结果".into(), "/season".into()));
        assert_eq!(with(after(0, 0, 0)), ("开始跟踪服务".into(), "/season".into()));
        assert_eq!(with(after(0, 0, 4)), ("本届赛事各步骤已完成".into(), "/exports".into()));
        // During the follow-up: the overdue projects; after its end: the summary and the next season, then done.
        let overdue = AfterFinal { followups: 4, overdue: 2, oldest_due: Some(("2026-10-01".into(), 12)), ..Default::default() };
        let n = super::next_step(10, 0, 0, &certs_done, &overdue);
        assert_eq!((n.title.as_str(), n.route.as_str()), ("跟进逾期的跟踪服务", "/season?tab=followup"));
        assert!(n.detail.contains("2 个项目") && n.detail.contains("已逾期 12 天"), "{}", n.detail);
        let ended = AfterFinal { followup_ended: true, ..overdue };
        assert_eq!(with(ended).0, "导出工作总结，新建下一届赛事");
        let made = AfterFinal { followup_ended: true, next_season: Some("第十二届.sqlite".into()), ..Default::default() };
        let n = super::next_step(10, 0, 0, &certs_done, &made);
        assert_eq!((n.title.as_str(), n.route.as_str()), ("本届赛事已结束", "/season?tab=next"));
        // An open objection comes first once the final is scored (it holds the award lock).
        let open = super::next_step(10, 0, 0, &done_until("awards", Busy), &after(2, 0, 0));
        assert_eq!((open.title.as_str(), open.route.as_str()), ("办结公示异议", "/season"));
        assert!(open.detail.contains("2 条"), "{}", open.detail);
    }

    /// With a 复赛, 下一步 walks its list and its scoring between the 初赛 and the 决赛; the 决赛's list then
    /// comes from the 复赛.
    #[test]
    fn next_step_walks_the_semifinal_when_it_is_held() {
        use StepState::{Done, InProgress as Busy, NotStarted};
        let keys =
            ["setup", "import", "screening", "preliminary", "semifinal_advancement", "semifinal", "advancement", "final", "awards", "certificates"];
        let upto = |last: &str, then: StepState| -> Vec<ProgressStep> {
            let n = keys.iter().position(|k| *k == last).unwrap();
            keys.iter()
                .enumerate()
                .map(|(i, k)| {
                    let st = if i < n {
                        Done
                    } else if i == n {
                        then
                    } else {
                        NotStarted
                    };
                    step(k, k, 0, 0, st, format!("{k} 的进度"), "/")
                })
                .collect()
        };
        let at = |last: &str, then: StepState| next_step(10, 0, 0, &upto(last, then), &AfterFinal::default());
        assert_eq!(at("semifinal_advancement", NotStarted).title, "确定复赛名单");
        assert_eq!(at("semifinal", NotStarted).title, "开始复赛评分");
        let busy = at("semifinal", Busy);
        assert_eq!(busy.title, "完成复赛评分");
        assert!(busy.detail.contains("semifinal 的进度"), "{}", busy.detail);
        let list = at("advancement", NotStarted);
        assert_eq!(list.title, "确定决赛名单");
        assert!(list.detail.contains("复赛评分已完成") && list.detail.contains("复赛 → 晋级"), "{}", list.detail);
        assert_eq!(at("final", NotStarted).title, "开始决赛评分");
    }

    /// The partial parse finds exactly what parsing the whole array finds, even when a message
    /// quotes the text it looks for.
    #[test]
    fn unchecked_findings_match_the_whole_parse() {
        let findings = vec![
            finding("R01", Outcome::Pass, "审核通过"),
            finding("R03", Outcome::Unchecked, "未检查：未导入近三届省赛获奖名单"),
            finding("R05", Outcome::Fail, r#"说明写着 "outcome":"unchecked", 与 {"rule":"R99"}"#),
            finding("R09", Outcome::Unchecked, r#"未检查：名单“失信”含 "引号" 与 \ 反斜杠"#),
            finding("R16", Outcome::Unchecked, "未检查：未导入本年度其他市级赛事获奖名单"),
        ];
        let json = serde_json::to_string(&findings).unwrap();
        let fast = unchecked_findings("k", &json).unwrap();
        assert_eq!(fast, slow(&json));
        assert_eq!(fast.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(), ["R03", "R09", "R16"]);
    }

    /// Findings stored in another layout (pretty, other field order) still count: the whole array
    /// is parsed then.
    #[test]
    fn unchecked_findings_fall_back_on_another_layout() {
        let json = r#"[ {"outcome": "unchecked", "rule": "R09", "message": "未检查：未导入失信名单"},
                        {"rule":"R16","outcome":"unchecked","message":"未检查：甲"} ]"#;
        let fast = unchecked_findings("k", json).unwrap();
        assert_eq!(fast, slow(json));
        assert_eq!(fast.len(), 2);
        // A message that says "unchecked" in quotes, on a finding that is not unchecked.
        let json = serde_json::to_string(&vec![finding("R07", Outcome::Review, r#"状态 "unchecked""#)]).unwrap();
        assert!(unchecked_findings("k", &json).unwrap().is_empty());
    }
}
