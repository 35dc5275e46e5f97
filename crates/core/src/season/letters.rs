//! Letters to the entrants (SPEC §12 "Letters"): 入围通知 (names the round the entry advanced to),
//! 决赛通知 (roadshow order, time slot, venue) and 获奖通知 (prize and cash). Who gets one, what each
//! letter says (an editable template per kind, stored in the contest file), the laid-out A4 page — drawn
//! by the certificates' page and PDF code, previewed by the window like a certificate — and the
//! secretariat's phoning list. Numbers are given and logged by `actions::letters`.
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime};
use rust_xlsxwriter::{Format, Workbook};
use serde::{Deserialize, Serialize};

use crate::certificates::page::{CertificatePage, PageItem, BLACK, MM_PER_PT, RED};
use crate::certificates::template::{address_for, date_text, pieces, quoted_project, DateStyle, Piece};
use crate::error::{CoreError, Result};
use crate::model::{beijing, Group, Round};
use crate::pdf::Metrics;
use crate::settings::{self, Settings};
use crate::store::{self, Store};

/// The three kinds of letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum LetterKind {
    Advance,
    Finalist,
    Award,
}

impl LetterKind {
    pub const ALL: [LetterKind; 3] = [LetterKind::Advance, LetterKind::Finalist, LetterKind::Award];

    pub fn code(self) -> &'static str {
        match self {
            LetterKind::Advance => "advance",
            LetterKind::Finalist => "finalist",
            LetterKind::Award => "award",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Advance => "入围通知",
            LetterKind::Finalist => "决赛通知",
            LetterKind::Award => "获奖通知",
        }
    }

    pub fn parse(s: &str) -> Result<LetterKind> {
        LetterKind::ALL.into_iter().find(|k| k.code() == s.trim() || k.label() == s.trim()).ok_or_else(|| {
            CoreError::validation(
                Some("kind"),
                format!("未知的通知种类“{}”。可用：advance（入围通知）、finalist（决赛通知）、award（获奖通知）。", s.trim()),
            )
        })
    }
}

/// The round the 入围通知 announce, and the round it follows: the latest round after the 初赛 (复赛 when it is held,
/// then 决赛) that already has its list, else the first one after the 初赛.
fn advance_rounds(store: &Store, s: &Settings) -> Result<(Round, Round)> {
    let mut to = s.next_round(Round::Preliminary).unwrap_or(Round::Final);
    for r in s.enabled_rounds().into_iter().skip(1) {
        if !crate::judging::round_entries(store, r)?.is_empty() {
            to = r;
        }
    }
    Ok((to, s.previous_round(to).unwrap_or(Round::Preliminary)))
}

/// The placeholders a letter text may use.
pub const PLACEHOLDERS: &[&str] = &[
    "收件人",
    "负责人",
    "项目",
    "项目名称",
    "项目编号",
    "称谓",
    "组别",
    "赛事名称",
    "主办单位",
    "上一轮",
    "轮次",
    "出场顺序",
    "路演时段",
    "比赛日期",
    "地点",
    "奖项",
    "奖金",
    "携带材料",
    "联系人",
    "通知编号",
    "发文日期",
];

/// One kind's letter: every text may use [`PLACEHOLDERS`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct LetterTemplate {
    pub title: String,
    /// One paragraph per line; the first is the salutation.
    pub body: String,
    /// {携带材料}: what to bring.
    pub bring: String,
    /// The sender, at the right under the body.
    pub signature: String,
    /// The date under the sender: {发文日期} is the day the letter's number was given (kept on re-prints).
    pub date_line: String,
    /// The number's prefix: 长治创客 gives 长治创客〔2026〕决赛通知第001号.
    pub number_prefix: String,
}

impl Default for LetterTemplate {
    fn default() -> Self {
        LetterTemplate::for_kind(LetterKind::Finalist)
    }
}

impl LetterTemplate {
    /// The wording a real notice would have.
    pub fn for_kind(kind: LetterKind) -> LetterTemplate {
        let (title, body, bring) = match kind {
            LetterKind::Advance => (
                "入围通知",
                "{收件人}：\n　　经{上一轮}评审，{称谓}{项目}（项目编号 {项目编号}）入围{赛事名称}{组别}{轮次}，特此通知。\n　　{轮次}的时间、地点和路演出场顺序另行通知，请{称谓}提前做好路演准备。\n　　请准备：{携带材料}\n　　联系人：{联系人}。",
                "路演PPT（16:9，不超过20页）、项目简介一页、营业执照或团队负责人身份证复印件。",
            ),
            LetterKind::Finalist => (
                "决赛通知",
                "{收件人}：\n　　{称谓}{项目}（项目编号 {项目编号}）已入围{赛事名称}决赛。现将有关事项通知如下：\n　　一、比赛时间：{比赛日期}，{称谓}为{组别}第 {出场顺序} 位出场，路演时段 {路演时段}。请于时段开始前 30 分钟到场签到。\n　　二、比赛地点：{地点}。\n　　三、请携带：{携带材料}\n　　四、联系人：{联系人}。",
                "路演PPT（U盘，16:9）、营业执照复印件（团队为负责人身份证复印件）、产品样品或演示材料。",
            ),
            LetterKind::Award => (
                "获奖通知",
                "{收件人}：\n　　{称谓}{项目}在{赛事名称}中荣获{组别}{奖项}（奖金：{奖金}），特此通知，谨致祝贺。\n　　请于接到通知后与大赛秘书处联系，办理证书领取和奖金发放事宜。\n　　请携带：{携带材料}\n　　联系人：{联系人}。",
                "单位公章或负责人签字的领取确认书、对公账户信息（团队为负责人银行卡信息）。",
            ),
        };
        LetterTemplate {
            title: title.into(),
            body: body.into(),
            bring: bring.into(),
            signature: "{主办单位}".into(),
            date_line: "{发文日期}".into(),
            number_prefix: "长治创客".into(),
        }
    }

    pub fn validate(&self) -> Result<()> {
        for (t, what) in [
            (&self.title, "通知标题"),
            (&self.body, "通知正文"),
            (&self.bring, "携带材料"),
            (&self.signature, "落款单位"),
            (&self.date_line, "落款日期"),
        ] {
            for p in pieces(t, what)? {
                if let Piece::Slot(name) = p {
                    if !PLACEHOLDERS.contains(&name) || (what == "携带材料" && name == "携带材料") {
                        let list: Vec<String> = PLACEHOLDERS.iter().map(|k| format!("{{{k}}}")).collect();
                        return Err(CoreError::validation(
                            Some("template"),
                            format!("{what}中的占位符“{{{name}}}”无法识别。可用的占位符：{}", list.join("、")),
                        ));
                    }
                }
            }
        }
        if self.title.trim().is_empty() || self.body.trim().is_empty() {
            return Err(CoreError::validation(Some("template"), "通知的标题和正文不能为空。"));
        }
        let p = self.number_prefix.trim();
        if p.is_empty() || p.chars().count() > 12 || p.chars().any(|c| c.is_control() || "/\\:*?\"<>|{}".contains(c)) {
            return Err(CoreError::validation(
                Some("number_prefix"),
                format!("通知编号前缀“{p}”无效：应为 1 到 12 个字，不含 / \\ : * ? \" < > | 和花括号（编号会用在文件名中）。"),
            ));
        }
        Ok(())
    }

    /// The number of the `seq`-th letter of `kind` in `year`: 长治创客〔2026〕决赛通知第001号.
    pub fn number(&self, kind: LetterKind, year: i32, seq: i64) -> String {
        format!("{}〔{year}〕{}第{seq:03}号", self.number_prefix.trim(), kind.label())
    }
}

/// The three templates as stored (key `letter_templates`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct LetterTemplates {
    pub advance: LetterTemplate,
    pub finalist: LetterTemplate,
    pub award: LetterTemplate,
}

impl Default for LetterTemplates {
    fn default() -> Self {
        LetterTemplates {
            advance: LetterTemplate::for_kind(LetterKind::Advance),
            finalist: LetterTemplate::for_kind(LetterKind::Finalist),
            award: LetterTemplate::for_kind(LetterKind::Award),
        }
    }
}

impl LetterTemplates {
    pub fn get(&self, kind: LetterKind) -> &LetterTemplate {
        match kind {
            LetterKind::Advance => &self.advance,
            LetterKind::Finalist => &self.finalist,
            LetterKind::Award => &self.award,
        }
    }

    pub fn set(&mut self, kind: LetterKind, t: LetterTemplate) {
        match kind {
            LetterKind::Advance => self.advance = t,
            LetterKind::Finalist => self.finalist = t,
            LetterKind::Award => self.award = t,
        }
    }
}

/// The stored templates, the defaults for any kind never saved.
pub fn templates(store: &Store) -> Result<LetterTemplates> {
    match store::letters::templates_json(store.conn())? {
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| CoreError::precondition(format!("通知书模板无法读取（{e}），请在“通知书”页重新保存模板。")))
        }
        None => Ok(LetterTemplates::default()),
    }
}

/// One letter: who gets it and everything it prints. Phones are full here (the secretariat's phoning
/// list); the window masks them. The window sends one back for its preview.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct Letter {
    pub kind: LetterKind,
    pub entry_key: String,
    pub project_no: String,
    pub project_name: String,
    pub entrant_name: String,
    pub group: Option<Group>,
    pub group_label: String,
    pub leader: Option<String>,
    pub phone: Option<String>,
    pub unit: Option<String>,
    /// The round the letter names (入围通知: the round entered; 决赛通知: 决赛); None for 获奖通知.
    pub round: Option<Round>,
    pub round_label: String,
    /// Roadshow position within the group, as drawn (决赛通知).
    pub order: Option<u32>,
    /// e.g. 9:00–9:15 (决赛通知).
    pub slot: Option<String>,
    pub prize: Option<String>,
    pub cash_yuan: Option<i64>,
    /// The number once given (kept on re-prints), and the day it was given.
    pub number: Option<String>,
    pub issued_on: Option<String>,
}

/// Something a kind of letter needs that is not set yet: what, and where to set it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LetterGap {
    pub message: String,
    /// Where in the window: 赛事设置 → 赛程与联系人, 评审 → 抽签 …
    pub place: String,
    /// The window's route for a link.
    pub route: String,
}

fn missing(message: impl Into<String>, place: &str, route: &str) -> LetterGap {
    LetterGap { message: message.into(), place: place.into(), route: route.into() }
}

/// Who gets a letter of `kind` now, in printing order, and what is missing before they can be written.
pub fn recipients(store: &Store, kind: LetterKind) -> Result<(Vec<Letter>, Vec<LetterGap>)> {
    let s = settings::load(store)?;
    let people = crate::entries::by_key(store, false)?;
    let mut gaps = Vec::new();
    let mut out = Vec::new();
    let base = |key: &str, no: &str, name: &str, entrant: &str, group: Option<Group>| {
        let e = people.get(key);
        let leader = e.and_then(|e| e.leader.as_ref());
        // The leader's phone, else the first member with one: somebody has to answer.
        let phone = leader
            .and_then(|l| l.phone.clone())
            .or_else(|| e.and_then(|e| e.members.iter().find_map(|m| m.phone.clone())))
            .filter(|p| !p.trim().is_empty());
        Letter {
            kind,
            entry_key: key.into(),
            project_no: no.into(),
            project_name: name.into(),
            entrant_name: entrant.into(),
            group,
            group_label: Group::label_of(group).into(),
            leader: leader.and_then(|l| l.name.clone()),
            phone,
            unit: e.and_then(|e| e.unit.clone()),
            round: None,
            round_label: String::new(),
            order: None,
            slot: None,
            prize: None,
            cash_yuan: None,
            number: None,
            issued_on: None,
        }
    };
    match kind {
        LetterKind::Advance => {
            let (to, _) = advance_rounds(store, &s)?;
            for e in crate::judging::round_entries(store, to)? {
                let mut l = base(&e.key, &e.project_no, &e.project_name, &e.entrant_name, e.group);
                l.round = Some(to);
                l.round_label = to.label().into();
                out.push(l);
            }
            if out.is_empty() {
                gaps.push(missing(format!("还没有晋级{}的项目：请先在“评审”页确定晋级名单。", to.label()), "评审 → 晋级", "/judging"));
            }
            out.sort_by_key(|l| l.group.map(group_rank));
        }
        LetterKind::Finalist => {
            let round = Round::Final;
            let finalists = crate::judging::round_entries(store, round)?;
            if finalists.is_empty() {
                gaps.push(missing("还没有决赛项目：请先在“评审”页确定晋级决赛的名单。", "评审 → 晋级", "/judging"));
            }
            season_gaps(&s, &mut gaps);
            let draws = crate::judging::draws(store, round)?;
            let mut offset = 0u32;
            for g in Group::ALL {
                let of_group: Vec<_> = finalists.iter().filter(|e| e.group == Some(g)).collect();
                // The newest draw of the group is the one in force.
                let Some(draw) = draws.iter().rev().find(|d| d.group == g) else {
                    if !of_group.is_empty() {
                        gaps.push(missing(format!("{}还没有抽取决赛路演顺序：请在“评审”页抽签。", g.label()), "评审 → 抽签", "/judging"));
                    }
                    continue;
                };
                let drawn: Vec<&str> = draw.order.iter().map(|d| d.entry_key.as_str()).collect();
                let late: Vec<&str> = of_group.iter().filter(|e| !drawn.contains(&e.key.as_str())).map(|e| e.project_no.as_str()).collect();
                if !late.is_empty() {
                    gaps.push(missing(
                        format!("{}的决赛名单在抽签后有变动（{} 未参加抽签）：请在“评审”页重新抽签。", g.label(), late.join("、")),
                        "评审 → 抽签",
                        "/judging",
                    ));
                }
                for d in &draw.order {
                    // An entry that left the final after the draw keeps its place empty: the others keep their slots.
                    let Some(e) = of_group.iter().find(|e| e.key == d.entry_key) else { continue };
                    let mut l = base(&e.key, &e.project_no, &e.project_name, &e.entrant_name, e.group);
                    l.round = Some(round);
                    l.round_label = round.label().into();
                    l.order = Some(d.position as u32);
                    l.slot = slot(&s, offset + d.position as u32 - 1);
                    out.push(l);
                }
                offset += draw.order.len() as u32;
            }
        }
        LetterKind::Award => {
            let list = crate::awards::awards(store)?;
            if list.frozen.is_none() {
                gaps.push(missing("获奖名单还没有锁定：请在“获奖与推荐”页确定并锁定获奖名单后再发获奖通知。", "获奖与推荐 → 锁定", "/awards"));
            }
            if list.awards.iter().any(|a| a.level.is_none()) {
                gaps.push(missing("获奖名单还有待委员会决定的项目：请先在“获奖与推荐”页处理。", "获奖与推荐", "/awards"));
            }
            let mut awarded: Vec<_> = list.awards.iter().filter(|a| a.level.is_some()).collect();
            awarded.sort_by_key(|a| (group_rank(a.group), a.level, a.rank));
            for a in awarded {
                let mut l = base(&a.key, &a.project_no, &a.project_name, &a.entrant_name, Some(a.group));
                l.prize = a.level_label.clone();
                l.cash_yuan = a.cash_yuan;
                out.push(l);
            }
            if out.is_empty() && gaps.is_empty() {
                gaps.push(missing("获奖名单中还没有获奖项目。", "获奖与推荐", "/awards"));
            }
        }
    }
    if s.contacts.is_empty() {
        gaps.push(missing("还没有填写秘书处联系人：请在“赛事设置 → 赛程与联系人”中填写。", "赛事设置 → 赛程与联系人", "/settings"));
    }
    // Numbers already given (kept on re-prints).
    let given: HashMap<(String, String), (String, String)> =
        store::letters::numbers_of(store.conn(), kind.code())?.into_iter().map(|(key, round, number, at)| ((key, round), (number, at))).collect();
    for l in &mut out {
        let round = l.round.map(|r| r.code()).unwrap_or("");
        if let Some((number, at)) = given.get(&(l.entry_key.clone(), round.to_string())) {
            l.number = Some(number.clone());
            l.issued_on = Some(day_of(at));
        }
    }
    Ok((out, gaps))
}

/// The recipients, or a precondition error naming everything missing and where to set it.
pub fn ready(store: &Store, kind: LetterKind) -> Result<Vec<Letter>> {
    let (letters, gaps) = recipients(store, kind)?;
    if !gaps.is_empty() {
        let text: Vec<String> = gaps.iter().map(|g| g.message.clone()).collect();
        return Err(CoreError::precondition(format!("还不能生成{}：{}", kind.label(), text.join(""))));
    }
    Ok(letters)
}

fn group_rank(g: Group) -> usize {
    Group::ALL.iter().position(|x| *x == g).unwrap_or(Group::ALL.len())
}

/// The final's venue and date (the start time and slot length have defaults and are validated on save).
fn season_gaps(s: &Settings, gaps: &mut Vec<LetterGap>) {
    if s.venue.trim().is_empty() {
        gaps.push(missing("还没有填写决赛地点：请在“赛事设置 → 赛程与联系人”中填写。", "赛事设置 → 赛程与联系人", "/settings"));
    }
    if s.final_date.is_none() {
        gaps.push(missing("还没有填写决赛日期：请在“赛事设置 → 赛程与联系人”中填写。", "赛事设置 → 赛程与联系人", "/settings"));
    }
}

/// The `index`-th (0-based) roadshow slot of the day: 9:00–9:15. The groups follow each other in one
/// session (企业组 first), each in its drawn order.
pub fn slot(s: &Settings, index: u32) -> Option<String> {
    let start = NaiveTime::parse_from_str(s.final_start.trim(), "%H:%M").ok()?;
    let minutes = s.slot_minutes as i64;
    let from = start + chrono::Duration::minutes(minutes * index as i64);
    let to = from + chrono::Duration::minutes(minutes);
    let hm = |t: NaiveTime| t.format("%-H:%M").to_string();
    Some(format!("{}–{}", hm(from), hm(to)))
}

/// The Beijing date of a stored RFC 3339 time (YYYY-MM-DD): the date a letter prints.
pub fn recipients_day(at: &str) -> String {
    day_of(at)
}

fn day_of(at: &str) -> String {
    DateTime::parse_from_rfc3339(at).map(|t| t.with_timezone(&beijing()).date_naive().to_string()).unwrap_or_else(|_| at.chars().take(10).collect())
}

fn cash_text(yuan: Option<i64>) -> String {
    match yuan {
        Some(y) if y > 0 => format!("{y} 元"),
        _ => "无".into(),
    }
}

fn contacts_text(s: &Settings) -> String {
    s.contacts.iter().map(|c| format!("{} {}", c.name.trim(), c.phone.trim())).collect::<Vec<_>>().join("，")
}

/// The values of the placeholders for one letter.
pub fn values(l: &Letter, t: &LetterTemplate, s: &Settings) -> BTreeMap<&'static str, String> {
    // {上一轮}: the round this letter's round follows (初赛 → 复赛 → 决赛).
    let from = l.round.and_then(|r| s.previous_round(r)).unwrap_or(Round::Preliminary);
    let date = |d: Option<NaiveDate>| d.map(|d| date_text(d, DateStyle::Arabic)).unwrap_or_default();
    let issued = l.issued_on.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let v: [(&'static str, String); 21] = [
        ("收件人", l.entrant_name.clone()),
        ("负责人", l.leader.clone().unwrap_or_default()),
        ("项目", quoted_project(&l.project_name)),
        ("项目名称", l.project_name.clone()),
        ("项目编号", l.project_no.clone()),
        ("称谓", address_for(l.group).into()),
        ("组别", l.group_label.clone()),
        ("赛事名称", s.contest_name.clone()),
        ("主办单位", s.organizer.clone()),
        ("上一轮", from.label().into()),
        ("轮次", l.round_label.clone()),
        ("出场顺序", l.order.map(|o| o.to_string()).unwrap_or_default()),
        ("路演时段", l.slot.clone().unwrap_or_default()),
        ("比赛日期", date(s.final_date)),
        ("地点", s.venue.trim().into()),
        ("奖项", l.prize.clone().unwrap_or_default()),
        ("奖金", cash_text(l.cash_yuan)),
        ("携带材料", t.bring.trim().into()),
        ("联系人", contacts_text(s)),
        ("通知编号", l.number.clone().unwrap_or_else(|| "（待编号）".into())),
        ("发文日期", issued.map(|d| date_text(d, DateStyle::Chinese)).unwrap_or_else(|| "（生成时填写）".into())),
    ];
    v.into_iter().collect()
}

/// A template text with the placeholders filled in; {携带材料} is itself filled first.
pub fn fill(text: &str, v: &BTreeMap<&'static str, String>, what: &str) -> Result<String> {
    let mut out = String::new();
    for p in pieces(text, what)? {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Slot("携带材料") => out.push_str(&fill(v.get("携带材料").map(String::as_str).unwrap_or(""), v, "携带材料")?),
            Piece::Slot(name) => match v.get(name) {
                Some(x) => out.push_str(x),
                None => return Err(CoreError::validation(Some("template"), format!("{what}中的占位符“{{{name}}}”无法识别。"))),
            },
        }
    }
    Ok(out)
}

/// The A4 portrait page of one letter, as the certificates' page type (the same PDF drawing and the
/// same window preview): red title, the number, the body, the sender and the date at the right.
pub fn lay_out(l: &Letter, t: &LetterTemplate, s: &Settings) -> Result<CertificatePage> {
    t.validate()?;
    let v = values(l, t, s);
    let m = Metrics::load()?;
    let (w, h) = (210.0f32, 297.0f32);
    let side = 25.0;
    let text_w = w - 2.0 * side;
    let mut page = CertificatePage { width_mm: w, height_mm: h, items: Vec::new() };
    let text = |page: &mut CertificatePage, role: &str, x: f32, y: f32, size: f32, red: bool, spacing: f32, s: &str| {
        page.items.push(PageItem::Text {
            role: role.into(),
            x_mm: x,
            y_mm: y,
            size_pt: size,
            spacing_pt: spacing,
            color: if red { RED } else { BLACK },
            text: s.into(),
        });
    };
    let title = fill(&t.title, &v, "通知标题")?;
    let (title_pt, spacing) = (24.0, 6.0);
    let n = title.chars().count() as f32;
    let tw = m.text_width(&title, title_pt) + spacing * MM_PER_PT * (n - 1.0).max(0.0);
    text(&mut page, "title", (w - tw) / 2.0, 40.0, title_pt, true, spacing, &title);
    let number = v.get("通知编号").cloned().unwrap_or_default();
    text(&mut page, "number", (w - m.text_width(&number, 11.0)) / 2.0, 52.0, 11.0, false, 0.0, &number);
    page.items.push(PageItem::Frame { x_mm: side, y_mm: 56.0, w_mm: text_w, h_mm: 0.0, stroke_pt: 1.2, color: RED });

    let body = fill(&t.body, &v, "通知正文")?;
    let mut size = 13.0f32;
    let bottom = h - 60.0;
    let lines = loop {
        let lines: Vec<String> = body.split('\n').flat_map(|p| m.wrap(p, size, text_w)).collect();
        if 70.0 + lines.len() as f32 * size * 1.9 * MM_PER_PT <= bottom || size <= 9.0 {
            break lines;
        }
        size -= 0.5;
    };
    let pitch = size * 1.9 * MM_PER_PT;
    let mut y = 70.0;
    for l in &lines {
        text(&mut page, "body", side, y, size, false, 0.0, l);
        y += pitch;
    }
    let sig = fill(&t.signature, &v, "落款单位")?;
    let date = fill(&t.date_line, &v, "落款日期")?;
    let sy = (y + 12.0).max(h - 70.0).min(h - 30.0);
    let sw = m.text_width(&sig, 13.0).max(m.text_width(&date, 13.0));
    let cx = w - side - sw / 2.0;
    text(&mut page, "issuer", cx - m.text_width(&sig, 13.0) / 2.0, sy, 13.0, false, 0.0, &sig);
    text(&mut page, "date", cx - m.text_width(&date, 13.0) / 2.0, sy + 9.0, 13.0, false, 0.0, &date);
    Ok(page)
}

/// The PDF of `letters`, one page each, in the given order.
pub fn render(letters: &[Letter], t: &LetterTemplate, s: &Settings, title: &str) -> Result<Vec<u8>> {
    let mut doc = crate::pdf::Document::new(title)?;
    doc.set_page_numbers(false);
    for l in letters {
        let page = lay_out(l, t, s)?;
        doc.new_page(crate::pdf::Paper::A4Portrait);
        crate::certificates::render::draw_page(&mut doc, &page, None, None)?;
    }
    doc.finish()
}

/// The secretariat's phoning list (xlsx): full phones, said in the title row. Returns the rows written.
pub fn contacts_xlsx(kind: LetterKind, letters: &[Letter], path: &Path) -> Result<usize> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(format!("{}联系名单", kind.label()))?;
    let mut headers: Vec<(&str, f64)> = vec![
        ("通知编号", 30.0),
        ("项目编号", 16.0),
        ("项目名称", 30.0),
        ("参赛主体", 30.0),
        ("负责人", 10.0),
        ("联系电话", 16.0),
        ("推荐单位", 20.0),
        ("组别", 8.0),
    ];
    match kind {
        LetterKind::Advance => headers.push(("入围轮次", 10.0)),
        LetterKind::Finalist => headers.extend([("出场顺序", 9.0), ("路演时段", 14.0)]),
        LetterKind::Award => headers.extend([("奖项", 10.0), ("奖金（元）", 12.0)]),
    }
    let title = format!("{}联系名单（电话为完整号码，仅供秘书处电话或短信通知使用，请勿外传或公示）", kind.label());
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, headers.len() as u16 - 1, &title, &bold)?;
    let head = Format::new().set_bold().set_background_color("#EEF3FA");
    for (i, (hd, wd)) in headers.iter().enumerate() {
        ws.write_string_with_format(1, i as u16, *hd, &head)?;
        ws.set_column_width(i as u16, *wd)?;
    }
    ws.set_freeze_panes(2, 0)?;
    for (i, l) in letters.iter().enumerate() {
        let r = i as u32 + 2;
        // Text cells throughout: a phone or a name never becomes a number or a formula.
        let cells = [
            l.number.clone().unwrap_or_default(),
            l.project_no.clone(),
            l.project_name.clone(),
            l.entrant_name.clone(),
            l.leader.clone().unwrap_or_default(),
            l.phone.clone().unwrap_or_default(),
            l.unit.clone().unwrap_or_default(),
            l.group_label.clone(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r, c as u16, v)?;
        }
        match kind {
            LetterKind::Advance => {
                ws.write_string(r, 8, &l.round_label)?;
            }
            LetterKind::Finalist => {
                if let Some(o) = l.order {
                    ws.write_number(r, 8, o as f64)?;
                }
                ws.write_string(r, 9, l.slot.clone().unwrap_or_default())?;
            }
            LetterKind::Award => {
                ws.write_string(r, 8, l.prize.clone().unwrap_or_default())?;
                if let Some(c) = l.cash_yuan {
                    ws.write_number(r, 9, c as f64)?;
                }
            }
        }
    }
    wb.save(path)?;
    Ok(letters.len())
}

/// One line of the letter log.
#[derive(Debug, Clone, Serialize)]
#[derive(ts_rs::TS)]
#[ts(export)]
pub struct LetterLogEntry {
    pub kind: LetterKind,
    pub kind_label: String,
    pub number: String,
    pub project_no: String,
    pub project_name: String,
    pub entrant_name: String,
    pub at: String,
    pub who: String,
    pub file: String,
}

/// Every letter written out, newest first.
pub fn log(store: &Store) -> Result<Vec<LetterLogEntry>> {
    Ok(store::letters::log(store.conn())?
        .into_iter()
        .filter_map(|(kind, number, project_no, project_name, entrant_name, at, who, file)| {
            let kind = LetterKind::parse(&kind).ok()?;
            Some(LetterLogEntry { kind, kind_label: kind.label().into(), number, project_no, project_name, entrant_name, at, who, file })
        })
        .collect())
}

/// A sample letter for the preview before anybody qualifies: the first recipient when there is one.
pub fn sample(kind: LetterKind, s: &Settings) -> Letter {
    let group = Some(Group::Enterprise);
    Letter {
        kind,
        entry_key: String::new(),
        project_no: "CZ2026-001".into(),
        project_name: "智能矿山安全监测系统".into(),
        entrant_name: "长治市示例科技有限公司".into(),
        group,
        group_label: Group::label_of(group).into(),
        leader: Some("张三".into()),
        phone: None,
        unit: None,
        round: (kind != LetterKind::Award).then_some(Round::Final),
        round_label: if kind == LetterKind::Award { String::new() } else { Round::Final.label().into() },
        order: (kind == LetterKind::Finalist).then_some(1),
        slot: if kind == LetterKind::Finalist { slot(s, 0) } else { None },
        prize: (kind == LetterKind::Award).then(|| "一等奖".into()),
        cash_yuan: (kind == LetterKind::Award).then_some(30_000),
        number: None,
        issued_on: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings { venue: "长治市科技创新中心报告厅".into(), final_date: NaiveDate::from_ymd_opt(2026, 7, 25), ..Settings::default() }
    }

    #[test]
    fn slots_follow_the_start_and_the_slot_length() {
        let mut s = settings();
        assert_eq!(slot(&s, 0).as_deref(), Some("9:00–9:15"));
        assert_eq!(slot(&s, 3).as_deref(), Some("9:45–10:00"));
        s.final_start = "13:30".into();
        s.slot_minutes = 12;
        assert_eq!(slot(&s, 2).as_deref(), Some("13:54–14:06"));
    }

    #[test]
    fn numbers_name_the_year_and_the_kind() {
        let t = LetterTemplate::for_kind(LetterKind::Finalist);
        assert_eq!(t.number(LetterKind::Finalist, 2026, 1), "长治创客〔2026〕决赛通知第001号");
        assert_eq!(t.number(LetterKind::Award, 2026, 12), "长治创客〔2026〕获奖通知第012号");
        let bad = LetterTemplate { number_prefix: "长治/创客".into(), ..t.clone() };
        assert!(bad.validate().unwrap_err().to_string().contains("通知编号前缀"));
        let bad = LetterTemplate { body: "{收件人}：{获奖人}".into(), ..t };
        assert!(bad.validate().unwrap_err().to_string().contains("{获奖人}"));
    }

    #[test]
    fn the_default_finalist_letter_reads_like_a_notice() {
        let s = settings();
        let mut l = sample(LetterKind::Finalist, &s);
        l.order = Some(3);
        l.slot = slot(&s, 2);
        l.number = Some("长治创客〔2026〕决赛通知第003号".into());
        l.issued_on = Some("2026-07-20".into());
        let t = LetterTemplate::for_kind(LetterKind::Finalist);
        t.validate().unwrap();
        let p = lay_out(&l, &t, &s).unwrap();
        let all: String = p.texts().collect();
        for want in [
            "决赛通知",
            "长治创客〔2026〕决赛通知第003号",
            "长治市示例科技有限公司：",
            "你单位“智能矿山安全监测系统”项目",
            "2026年7月25日",
            "企业组第 3 位出场",
            "9:30–9:45",
            "长治市科技创新中心报告厅",
            "路演PPT",
            "杨希 0355-3032370",
            "二〇二六年七月二十日",
        ] {
            assert!(all.contains(want), "{want} missing from {all}");
        }
        assert!(!all.contains('{'), "{all}");
    }

    #[test]
    fn every_default_template_is_valid_and_fills_completely() {
        let s = settings();
        for k in LetterKind::ALL {
            let t = LetterTemplates::default().get(k).clone();
            t.validate().unwrap();
            let p = lay_out(&sample(k, &s), &t, &s).unwrap();
            let all: String = p.texts().collect();
            assert!(!all.contains('{') && all.contains(k.label()), "{all}");
        }
        let award: String = lay_out(&sample(LetterKind::Award, &s), &LetterTemplate::for_kind(LetterKind::Award), &s).unwrap().texts().collect();
        assert!(award.contains("企业组一等奖（奖金：30000 元）"), "{award}");
        let adv: String = lay_out(&sample(LetterKind::Advance, &s), &LetterTemplate::for_kind(LetterKind::Advance), &s).unwrap().texts().collect();
        assert!(adv.contains("经初赛评审") && adv.contains("入围第十一届“创客中国”长治市中小企业创新创业大赛企业组决赛"), "{adv}");
    }
}
